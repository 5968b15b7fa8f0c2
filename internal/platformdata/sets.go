package platformdata

import (
	"context"
	"strings"
	"time"

	"sprang/internal/opendata"
)

// set is one dataset the platform publishes about itself: its slug (which
// finds it again), its metadata with threshold k, its CSV distribution's
// titles, the file name of its versions, the column types the datastore
// gets (a column of blank cells would otherwise be text), and its table
// (the header row first) for the given months.
type set struct {
	slug      string
	fileName  string
	meta      func(k int) opendata.Dataset
	dist      opendata.Distribution
	overrides map[string]opendata.ColumnType
	table     func(ctx context.Context, p *Publisher, months []time.Time, to time.Time) ([][]string, error)
	// coverage returns the dataset's temporal coverage (first and last
	// day); nil means the months published.
	coverage func(p *Publisher) (start, end string)
}

// sets returns the datasets of the platform's errands, in the order they
// are refreshed. Ideas and their stages join them once the idea portal
// exists.
func sets() []set {
	return []set{errandsSet(), leadTimesSet()}
}

// sets returns the datasets p refreshes: those of sets, and the public
// follow-up indicators when p has the follow-up's sources.
func (p *Publisher) sets() []set {
	out := sets()
	if p.opts.FollowUp != nil {
		out = append(out, indicatorsSet())
	}
	return out
}

// Slugs returns the slugs of the datasets of the platform's errands that
// Publish keeps; IndicatorsSlug is kept as well when Options.FollowUp is
// set.
func Slugs() []string {
	var out []string
	for _, s := range sets() {
		out = append(out, s.slug)
	}
	return out
}

// common returns the metadata every dataset of the package shares: theme
// GOVE, CC0, public, daily, generated; and the method text, which is
// Suppress's method followed by definitions, in Swedish and then in
// English.
func common(k int, defSV, defEN string) opendata.Dataset {
	sv, en := opendata.SuppressionMethod(k)
	return opendata.Dataset{
		Themes:       []string{opendata.ThemeBase + "GOVE"},
		Licence:      opendata.LicenceCC0,
		AccessRights: opendata.AccessPublic,
		Frequency:    opendata.FrequencyBase + "DAILY",
		Generated:    true,
		Method:       strings.Join([]string{sv, defSV, "In English: " + en, defEN}, "\n\n"),
	}
}

func errandsSet() set {
	return set{
		slug:     "e-tjanster-arenden-per-manad",
		fileName: "arenden-per-e-tjanst-enhet-manad-och-kanal.csv",
		meta: func(k int) opendata.Dataset {
			d := common(k,
				"Definitioner: Ett ärende räknas i den månad det kom in, i svensk tid. Enheten är den förvaltning, "+
					"avdelning eller det bolag som handlägger ärendet. Kanalen är hur ärendet kom in: digitalt betyder att "+
					"invånaren själv fyllde i e-tjänsten; papper, telefon, besök och brev att en handläggare registrerade "+
					"det åt invånaren. Totalt är summan av kanalerna. Bara hela månader tas med, och ärenden som har gallrats "+
					"bort räknas inte.",
				"Definitions: An errand counts in the month it arrived, in Swedish time. The unit is the administration, "+
					"department or company that handles it. The channel is how it arrived: digital means the resident filled "+
					"in the e-service; paper, phone, visit and letter that a case officer registered it for the resident. "+
					"Total is the sum of the channels. Only whole months are included, and errands that have been deleted "+
					"under the retention rules are not counted.")
			d.Slug = "e-tjanster-arenden-per-manad"
			d.TitleSV = "Ärenden per e-tjänst, enhet, månad och kanal"
			d.TitleEN = "Errands per e-service, unit, month and channel"
			d.DescriptionSV = "Hur många ärenden som kommit in till kommunkoncernen genom plattformen varje månad, " +
				"per e-tjänst och ansvarig enhet, och hur de kom in: digitalt eller via en handläggare på papper, " +
				"telefon, besök eller brev. Uppgifterna hämtas automatiskt ur plattformen varje dag.\n\n" +
				"Små antal visas inte, så att ingen enskild person kan pekas ut. Se metoden nedan."
			d.DescriptionEN = "How many errands reached the municipal group through the platform each month, per " +
				"e-service and responsible unit, and how they arrived: digitally or through a case officer on paper, " +
				"by phone, at a visit or by letter. The figures are taken from the platform automatically every day.\n\n" +
				"Small counts are not shown, so that no single person can be singled out. See the method below."
			d.Keywords = []string{"ärenden", "e-tjänster", "kanaler", "digitalisering", "statistik"}
			d.KeywordsEN = []string{"errands", "e-services", "channels", "digitalisation", "statistics"}
			return d
		},
		dist: opendata.Distribution{
			TitleSV:       "Ärenden per e-tjänst, enhet, månad och kanal (CSV)",
			TitleEN:       "Errands per e-service, unit, month and channel (CSV)",
			DescriptionSV: "En rad per månad, e-tjänst och enhet. Semikolon mellan fälten, UTF-8. Tomma celler är dolda små antal.",
			DescriptionEN: "One row per month, e-service and unit. Semicolons between fields, UTF-8. Empty cells are hidden small counts.",
		},
		overrides: countTypes(append(channelColumns(), colTotal)...),
		table:     errandsTable,
	}
}

func leadTimesSet() set {
	return set{
		slug:     "e-tjanster-handlaggningstider",
		fileName: "handlaggningstider-per-e-tjanst-och-manad.csv",
		meta: func(k int) opendata.Dataset {
			d := common(k,
				"Definitioner: Ett ärende räknas i den månad det avslutades, i svensk tid. Handläggningstiden är tiden "+
					"från att ärendet kom in till att det avslutades, i dagar med en decimal. Medianen är den mittersta "+
					"handläggningstiden: hälften av ärendena tog kortare tid. 90:e percentilen är den tid som nio av tio "+
					"ärenden höll sig inom. Bara hela månader tas med.",
				"Definitions: An errand counts in the month it was closed, in Swedish time. The lead time is the time "+
					"from its arrival to its closing, in days with one decimal. The median is the middle lead time: half of "+
					"the errands took less. The 90th percentile is the time nine errands in ten stayed within. Only whole "+
					"months are included.")
			d.Slug = "e-tjanster-handlaggningstider"
			d.TitleSV = "Handläggningstider per e-tjänst och månad"
			d.TitleEN = "Lead times per e-service and month"
			d.DescriptionSV = "Hur lång tid det tog att handlägga ärendena som kom in genom plattformen: för varje " +
				"e-tjänst och månad hur många ärenden som avslutades, medianen och den 90:e percentilen av " +
				"handläggningstiden i dagar. Uppgifterna hämtas automatiskt ur plattformen varje dag.\n\n" +
				"Månader med få avslutade ärenden visas utan siffror, så att ingen enskild person kan pekas ut."
			d.DescriptionEN = "How long the errands that came through the platform took to handle: for every e-service " +
				"and month how many errands were closed, and the median and 90th percentile of their lead time in days. " +
				"The figures are taken from the platform automatically every day.\n\n" +
				"Months with few closed errands are shown without figures, so that no single person can be singled out."
			d.Keywords = []string{"handläggningstid", "ärenden", "e-tjänster", "service", "statistik"}
			d.KeywordsEN = []string{"lead time", "errands", "e-services", "service", "statistics"}
			return d
		},
		dist: opendata.Distribution{
			TitleSV:       "Handläggningstider per e-tjänst och månad (CSV)",
			TitleEN:       "Lead times per e-service and month (CSV)",
			DescriptionSV: "En rad per månad och e-tjänst. Semikolon mellan fälten, decimalkomma, UTF-8. Tomma celler är dolda.",
			DescriptionEN: "One row per month and e-service. Semicolons between fields, decimal commas, UTF-8. Empty cells are hidden.",
		},
		overrides: map[string]opendata.ColumnType{
			colMonth: opendata.TypeText, colService: opendata.TypeText, colClosed: opendata.TypeInt, colMedian: opendata.TypeNumeric, colP90: opendata.TypeNumeric,
		},
		table: leadTimesTable,
	}
}

// countTypes returns overrides making every named column an integer and
// the month, service and unit text.
func countTypes(names ...string) map[string]opendata.ColumnType {
	out := map[string]opendata.ColumnType{colMonth: opendata.TypeText, colService: opendata.TypeText, colUnit: opendata.TypeText}
	for _, n := range names {
		out[n] = opendata.TypeInt
	}
	return out
}
