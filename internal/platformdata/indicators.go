package platformdata

import (
	"context"
	"strconv"
	"strings"
	"time"

	"sprang/internal/followup"
	"sprang/internal/identity"
	"sprang/internal/opendata"
)

// IndicatorsSlug is the slug of the dataset of the follow-up's public
// indicators, which Publish keeps when Options.FollowUp is set.
const IndicatorsSlug = "uppfoljning-indikatorer"

// indicatorYears is how many whole years the indicators dataset covers:
// the years before the current one. Like the months of the errand
// datasets, a year is published when it has ended, so the file changes
// when a year ends or a value entered by hand changes, not every day.
const indicatorYears = 5

// The columns of the indicators table.
const (
	colIndicator   = "Indikator"
	colName        = "Namn"
	colPerspective = "Perspektiv"
	colYear        = "År"
	colValue       = "Värde"
	colTarget      = "Mål"
	colStatus      = "Status"
	colMeasure     = "Måttenhet"
	colNote        = "Förklaring"
)

// The words the table writes for perspectives, statuses, units of
// measure and why a value is missing.
var (
	perspectiveNames = map[followup.Perspective]string{
		followup.Trygghet: "Digital trygghet", followup.Kompetens: "Digital kompetens", followup.Ledarskap: "Digitalt ledarskap",
		followup.Hallbarhet: "Digital hållbarhet", followup.Innovation: "Digital innovation",
	}
	statusNames = map[followup.Status]string{
		followup.OnTrack: "Når målet", followup.AtRisk: "Nära målet", followup.OffTrack: "Långt från målet",
	}
	measureNames = map[followup.Measure]string{
		followup.MeasureShare: "procent", followup.MeasureCount: "antal", followup.MeasureDays: "dagar",
		followup.MeasureKB: "kilobyte", followup.MeasureGramCO2: "gram CO₂e", followup.MeasureKgCO2: "kilogram CO₂e",
		followup.MeasureKm: "kilometer", followup.MeasureSEK: "kronor", followup.MeasureScore: "poäng",
		followup.MeasurePercent: "procent",
	}
	reasonNames = map[followup.Reason]string{
		followup.NoData: "Inga uppgifter", followup.NoSourceModule: "Modulen som värdet hämtas från finns inte ännu",
		followup.Suppressed: "Dolt: bygger på färre än 5 svar, ärenden eller beslut", followup.NotForUnit: "Mäts bara för hela koncernen",
		followup.SourceFailed: "Kunde inte hämtas",
	}
)

func indicatorsSet() set {
	return set{
		slug:     IndicatorsSlug,
		fileName: "uppfoljning-indikatorer-per-ar-och-enhet.csv",
		meta:     indicatorsMeta,
		dist: opendata.Distribution{
			TitleSV:       "Digitaliseringens indikatorer per år och enhet (CSV)",
			TitleEN:       "The digitalization indicators per year and unit (CSV)",
			DescriptionSV: "En rad per indikator, enhet och år. Semikolon mellan fälten, decimalkomma, UTF-8. Tomt värde: se Förklaring.",
			DescriptionEN: "One row per indicator, unit and year. Semicolons between fields, decimal commas, UTF-8. Empty value: see Förklaring.",
		},
		overrides: map[string]opendata.ColumnType{
			colIndicator: opendata.TypeText, colName: opendata.TypeText, colPerspective: opendata.TypeText, colUnit: opendata.TypeText,
			colYear: opendata.TypeInt, colValue: opendata.TypeNumeric, colTarget: opendata.TypeNumeric, colStatus: opendata.TypeText,
			colMeasure: opendata.TypeText, colNote: opendata.TypeText,
		},
		table:    indicatorsTable,
		coverage: indicatorsCoverage,
	}
}

// indicatorsMeta returns the dataset's metadata; k, the threshold of
// the errand datasets, is not applied here: the follow-up's engine itself
// hides every value resting on fewer than followup.MinGroup answers,
// errands or decisions (Reason Suppressed), for every unit and year.
func indicatorsMeta(int) opendata.Dataset {
	defSV := "Metod: Varje indikator mäts som dess sida på webbplatsen beskriver (Uppföljning, Indikatorer). " +
		"Beräknade indikatorer räknas ur plattformens egna uppgifter för hela året; övriga förs in av den ansvariga enheten " +
		"eller hämtas från Kolada. Hela koncernen är alla enheter tillsammans. Bara avslutade år tas med. Andelar skrivs i " +
		"procent. Status jämför värdet med årets mål: når målet, nära målet (inom indikatorns marginal) eller långt från målet. " +
		"Ett värde som bygger på färre än 5 svar, ärenden eller beslut är dolt. " +
		"Ett värde som inte finns lämnas tomt och Förklaring säger varför; det skrivs aldrig som 0."
	defEN := "Method: Each indicator is measured as its page on the website describes (Follow-up, Indicators). Computed " +
		"indicators are counted from the platform's own data for the whole year; the others are entered by the responsible " +
		"unit or imported from Kolada. The whole group is all units together. Only ended years are included. Shares are " +
		"written in per cent. The status compares the value with the year's target: on track, at risk (within the " +
		"indicator's margin) or off track. A value resting on fewer than 5 answers, errands or decisions is hidden. " +
		"A value that does not exist is left empty and Förklaring says why; it is never written as 0."
	return opendata.Dataset{
		Slug:    IndicatorsSlug,
		TitleSV: "Uppföljning av digitaliseringspolicyn: indikatorer per år och enhet",
		TitleEN: "Follow-up of the digitalization policy: indicators per year and unit",
		DescriptionSV: "De publika indikatorerna som kommunkoncernen följer sin digitaliseringspolicy med, per perspektiv: " +
			"värde, mål och status för varje år och för hela koncernen, varje förvaltning, bolag och avdelning. " +
			"Samma siffror som på sidan Uppföljning. Uppgifterna uppdateras automatiskt varje dag.",
		DescriptionEN: "The public indicators by which the municipal group follows its digitalization policy, per perspective: " +
			"value, target and status for every year and for the whole group, every administration, company and department. " +
			"The same figures as on the Follow-up page. The data is updated automatically every day.",
		Keywords:     []string{"uppföljning", "digitalisering", "indikatorer", "mål", "statistik"},
		KeywordsEN:   []string{"follow-up", "digitalisation", "indicators", "targets", "statistics"},
		Themes:       []string{opendata.ThemeBase + "GOVE"},
		Licence:      opendata.LicenceCC0,
		AccessRights: opendata.AccessPublic,
		Frequency:    opendata.FrequencyBase + "DAILY",
		Generated:    true,
		Method:       defSV + "\n\nIn English: " + defEN,
	}
}

// indicatorPeriods returns the whole years the dataset covers at now.
func indicatorPeriods(now time.Time) []followup.Period {
	y := now.In(followup.Location()).Year()
	return followup.Years(y-indicatorYears, y-1)
}

// indicatorsCoverage returns the dataset's temporal coverage: the first
// day of its first year and the last day of its last.
func indicatorsCoverage(p *Publisher) (start, end string) {
	years := indicatorPeriods(p.opts.Now())
	from, _ := years[0].Bounds(followup.Location())
	_, to := years[len(years)-1].Bounds(followup.Location())
	return from.Format(time.DateOnly), to.AddDate(0, 0, -1).Format(time.DateOnly)
}

// indicatorsTable returns the public indicators' values, one row per
// indicator, unit (the group as a whole first, then every unit in tree
// order) and year.
func indicatorsTable(ctx context.Context, p *Publisher, _ []time.Time, _ time.Time) ([][]string, error) {
	all, err := p.db.Indicators(ctx)
	if err != nil {
		return nil, err
	}
	var inds []followup.Indicator
	for _, ind := range all {
		if ind.Public {
			inds = append(inds, ind)
		}
	}
	units, err := p.db.FindUnits(ctx)
	if err != nil {
		return nil, err
	}
	tree, err := identity.BuildTree(units)
	if err != nil {
		return nil, err
	}
	ids, names := []int64{0}, map[int64]string{}
	for _, n := range tree.Walk() {
		if n.ParentID == 0 {
			names[0] = n.NameSV // the group as a whole goes by the group's name
			continue
		}
		ids = append(ids, n.ID)
		names[n.ID] = n.NameSV
	}
	e := followup.Engine{Sources: *p.opts.FollowUp, Tree: tree, Now: p.opts.Now}
	rows, err := followup.DashboardRows(ctx, e, inds, ids, indicatorPeriods(p.opts.Now()))
	if err != nil {
		return nil, err
	}
	out := [][]string{{colIndicator, colName, colPerspective, colUnit, colYear, colValue, colTarget, colStatus, colMeasure, colNote}}
	for _, r := range rows {
		out = append(out, indicatorLine(r, names[r.Value.UnitID]))
	}
	return out, nil
}

// indicatorLine returns the cells of one row: figures with a decimal
// comma as the dashboard writes them (shares in per cent), empty where
// there is none.
func indicatorLine(r followup.DashboardRow, unit string) []string {
	m := r.Indicator.Measure
	num := func(f float64) string {
		return strings.Replace(followup.FormatFigure(m, f), ".", ",", 1)
	}
	value, target, note := "", "", ""
	if r.Value.Known {
		value = num(r.Value.Value)
	} else {
		note = reasonNames[r.Value.Reason]
		if note == "" {
			note = reasonNames[followup.NoData]
		}
	}
	if r.HasTarget {
		target = num(r.Target)
	}
	return []string{r.Indicator.Key, r.Indicator.Name.SV, perspectiveNames[r.Indicator.Perspective], unit,
		strconv.Itoa(r.Value.Period.Year), value, target, statusNames[r.Status], measureNames[m], note}
}
