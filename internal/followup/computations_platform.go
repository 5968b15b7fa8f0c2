package followup

import (
	"context"
	"fmt"
	"slices"
	"strconv"
	"strings"
)

// The computations over the open data portal (OpenDataSource), the
// platform's own page views (PlatformSource), the idea portal
// (IdeaSource) and the sustainability factors.

// innovationComputations are the computations of digital innovation: open
// data and ideas.
func innovationComputations() []Computation {
	return []Computation{
		{Key: "oppna-dataset", Perspective: Innovation, Measure: MeasureCount, Direction: HigherIsBetter,
			Name: text("Publicerade öppna dataset", "Open datasets published"),
			Method: text("Dataset i katalogen som enheten eller dess underenheter hade publicerat vid periodens slut och som inte har dragits tillbaka.",
				"Datasets in the catalogue the unit or its sub-units had published by the end of the period and that have not been withdrawn."),
			compute: datasetCount},
		{Key: "hvd-dataset", Perspective: Innovation, Measure: MeasureCount, Direction: HigherIsBetter,
			Name: text("Täckta kategorier av värdefulla datamängder", "High-value dataset categories covered"),
			Method: text(fmt.Sprintf("Hur många av de %d kategorierna av värdefulla datamängder i EU:s genomförandeförordning (EU) 2023/138 (geodata, jordobservation och miljö, meteorologi, statistik, företag och ägande av företag, rörlighet) som enheten eller dess underenheter vid periodens slut hade minst ett publicerat dataset i.", HVDCategoryCount),
				fmt.Sprintf("How many of the %d high-value categories of the EU implementing regulation (EU) 2023/138 (geospatial, earth observation and environment, meteorological, statistics, companies and company ownership, mobility) the unit or its sub-units had at least one published dataset in by the end of the period.", HVDCategoryCount)),
			compute: hvdCategoriesCovered},
		{Key: "api-anrop", Perspective: Innovation, Measure: MeasureCount, Direction: HigherIsBetter, GroupOnly: true,
			Name: text("Anrop till API:et för öppna data", "Calls to the open data API"),
			Method: text("Anrop som API:et för öppna data besvarade under perioden, för hela koncernen.",
				"Calls the open data API answered in the period, for the whole group."),
			compute: apiCalls},
		{Key: "ideer-realiserade", Perspective: Innovation, Measure: MeasureCount, Direction: HigherIsBetter,
			Name: text("Idéer som blivit verklighet", "Ideas realized"),
			Method: text("Idéer från invånare och medarbetare i idéportalen som vid periodens slut var genomförda.",
				"Ideas from residents and staff in the idea portal that were realized by the end of the period."),
			compute: ideasRealized},
	}
}

// hallbarhetComputations are the computations of digital hållbarhet: the
// platform's footprint and what digital errands and meetings avoid.
func hallbarhetComputations() []Computation {
	return []Computation{
		{Key: "sidvikt", Perspective: Hallbarhet, Measure: MeasureKB, Direction: LowerIsBetter, GroupOnly: true,
			Name: text("Sidvikt per sidvisning", "Page weight per page view"),
			Method: text("De byte plattformen skickade under perioden för sidor och deras filer (komprimerade, som de skickades) delat med antalet sidvisningar, i kilobyte (1 000 byte).",
				"The bytes the platform sent in the period for pages and their files (compressed, as sent) divided by the page views, in kilobytes (1,000 bytes)."),
			compute: pageWeight},
		{Key: "co2-per-sidvisning", Perspective: Hallbarhet, Measure: MeasureGramCO2, Direction: LowerIsBetter, GroupOnly: true,
			Name:     text("Koldioxidutsläpp per sidvisning", "CO₂e per page view"),
			compute:  pageCO2,
			methodOf: co2Method},
		{Key: "papper-undvikt", Perspective: Hallbarhet, Measure: MeasureCount, Direction: HigherIsBetter,
			Name:     text("Pappersark som digitala ärenden sparat", "Paper sheets avoided by digital errands"),
			compute:  avoided(func(f Factors) float64 { return f.SheetsPerErrand }),
			methodOf: sheetsMethod},
		{Key: "brev-undvikta", Perspective: Hallbarhet, Measure: MeasureCount, Direction: HigherIsBetter,
			Name:     text("Brev som digitala ärenden sparat", "Letters avoided by digital errands"),
			compute:  avoided(func(f Factors) float64 { return f.LettersPerErrand }),
			methodOf: lettersMethod},
		{Key: "resor-undvikta", Perspective: Hallbarhet, Measure: MeasureKgCO2, Direction: HigherIsBetter,
			Name:     text("Utsläpp från resor som digitala möten sparat", "Travel emissions avoided by digital meetings"),
			compute:  travelAvoided,
			methodOf: travelMethod},
	}
}

// MeetingsIndicator is the key of the manual indicator of meetings held
// digitally, which travel avoided is computed from.
const MeetingsIndicator = "digitala-moten"

// HVDCategoryCount is the number of high-value categories of (EU)
// 2023/138: the most hvd-dataset can count.
const HVDCategoryCount = 6

// publishedDatasets returns the datasets of q's units published by the
// end of q's window and not withdrawn; ok is false, with the value to
// return, without the open data module.
func publishedDatasets(ctx context.Context, s Sources, q scope) ([]Dataset, Value, bool, error) {
	if s.OpenData == nil {
		return nil, unknown(NoSourceModule), false, nil
	}
	sets, err := s.OpenData.Datasets(ctx)
	if err != nil {
		return nil, Value{}, false, fmt.Errorf("datasets: %w", err)
	}
	_, to := q.window()
	var out []Dataset
	for _, d := range sets {
		if slices.Contains(q.units, d.UnitID) && !d.Withdrawn && !d.PublishedAt.IsZero() && d.PublishedAt.Before(to) {
			out = append(out, d)
		}
	}
	return out, Value{}, true, nil
}

// datasetCount counts the units' published datasets.
func datasetCount(ctx context.Context, s Sources, q scope) (Value, error) {
	sets, v, ok, err := publishedDatasets(ctx, s, q)
	if !ok || err != nil {
		return v, err
	}
	return known(float64(len(sets))), nil
}

// hvdCategoriesCovered counts the high-value categories in which the
// units have a published dataset (0 to HVDCategoryCount).
func hvdCategoriesCovered(ctx context.Context, s Sources, q scope) (Value, error) {
	sets, v, ok, err := publishedDatasets(ctx, s, q)
	if !ok || err != nil {
		return v, err
	}
	covered := map[string]bool{}
	for _, d := range sets {
		for _, c := range d.HVDCategories {
			covered[c] = true
		}
	}
	return known(float64(len(covered))), nil
}

// apiCalls counts the API calls of the period.
func apiCalls(ctx context.Context, s Sources, q scope) (Value, error) {
	if s.OpenData == nil {
		return unknown(NoSourceModule), nil
	}
	from, to := q.window()
	n, err := s.OpenData.APICalls(ctx, from, to)
	if err != nil {
		return Value{}, fmt.Errorf("api calls: %w", err)
	}
	return known(float64(n)), nil
}

// ideasRealized counts the realized ideas; the idea portal does not exist
// yet, so it is NoSourceModule until Sources.Ideas is set.
func ideasRealized(ctx context.Context, s Sources, q scope) (Value, error) {
	if s.Ideas == nil {
		return unknown(NoSourceModule), nil
	}
	from, to := q.window()
	stages, err := s.Ideas.IdeaStages(ctx, q.units, from, to)
	if err != nil {
		return Value{}, fmt.Errorf("ideas: %w", err)
	}
	return known(float64(stages["realized"])), nil
}

// pageViews reads the period's page views; ok is false, with the value
// to return, without a platform source or without views.
func pageViews(ctx context.Context, s Sources, q scope) (PageViews, Value, bool, error) {
	if s.Platform == nil {
		return PageViews{}, unknown(NoSourceModule), false, nil
	}
	from, to := q.window()
	pv, err := s.Platform.PageViews(ctx, from, to)
	if err != nil {
		return PageViews{}, Value{}, false, fmt.Errorf("page views: %w", err)
	}
	if pv.Views <= 0 {
		return pv, unknown(NoData), false, nil
	}
	return pv, Value{}, true, nil
}

// pageWeight is the bytes per page view in kB.
func pageWeight(ctx context.Context, s Sources, q scope) (Value, error) {
	pv, v, ok, err := pageViews(ctx, s, q)
	if !ok || err != nil {
		return v, err
	}
	return known(float64(pv.Bytes) / float64(pv.Views) / 1000), nil
}

// pageCO2 is the grams CO₂e per page view by SWD v4.
func pageCO2(ctx context.Context, s Sources, q scope) (Value, error) {
	pv, v, ok, err := pageViews(ctx, s, q)
	if !ok || err != nil {
		return v, err
	}
	return known(SWDGrams(float64(pv.Bytes)/float64(pv.Views), s.Factors.OrDefault().GridIntensity)), nil
}

// avoided returns the computation of what the period's digital errands
// avoided: their number times the factor perErrand picks; zero without
// digital errands, Suppressed for fewer than MinGroup of them (the figure
// divided by the factor would be their exact number).
func avoided(perErrand func(Factors) float64) func(context.Context, Sources, scope) (Value, error) {
	return func(ctx context.Context, s Sources, q scope) (Value, error) {
		f, v, ok, err := errandTotal(ctx, s, q)
		if !ok || err != nil {
			return v, err
		}
		digital := f.ByChannel[ChannelDigital]
		if v, hide := restsOn(digital, true); hide {
			return v, nil
		}
		return known(float64(digital) * perErrand(s.Factors.OrDefault())), nil
	}
}

// travelAvoided is the kilograms CO₂e of the travel the period's digital
// meetings avoided: the manual indicator MeetingsIndicator, entered by
// each unit for its own meetings, summed over the unit and its sub-units
// (for the group: every unit and a value entered for the group itself);
// NoData when none were entered. The source is given when one value was.
func travelAvoided(ctx context.Context, s Sources, q scope) (Value, error) {
	if s.Values == nil {
		return unknown(NoSourceModule), nil
	}
	units := q.units
	if q.unit == 0 {
		units = append([]int64{0}, q.units...)
	}
	vs, err := s.Values.StoredValues(ctx, MeetingsIndicator, units, []Period{q.p})
	if err != nil {
		return Value{}, fmt.Errorf("digital meetings: %w", err)
	}
	meetings, n, source := 0.0, 0, ""
	for _, m := range vs {
		if m.Known {
			meetings, n, source = meetings+m.Value, n+1, m.Source
		}
	}
	if n == 0 {
		return unknown(NoData), nil
	}
	f := s.Factors.OrDefault()
	v := known(meetings * f.KmPerMeeting * f.GramsPerKm / 1000)
	if n == 1 {
		v.Source = source
	}
	return v, nil
}

// num writes x for lang: a decimal comma in Swedish.
func num(x float64, lang string) string {
	s := strconv.FormatFloat(x, 'f', -1, 64)
	if lang == "sv" {
		s = strings.Replace(s, ".", ",", 1)
	}
	return s
}

// co2Method writes the method of CO₂e per page view with the grid
// intensity.
func co2Method(f Factors) Text {
	return text(fmt.Sprintf("Sidvikten per sidvisning omräknad med Sustainable Web Design-modellen version 4: %s kWh per gigabyte "+
		"(datacenter %s + %s, nät %s + %s, användarens enheter %s + %s, drift + tillverkning) gånger elnätets koldioxidintensitet, %s g CO₂e per kWh (svensk elmix).",
		num(SWDKWhPerGB, "sv"), num(SWDOperationalDataCentre, "sv"), num(SWDEmbodiedDataCentre, "sv"), num(SWDOperationalNetwork, "sv"),
		num(SWDEmbodiedNetwork, "sv"), num(SWDOperationalDevice, "sv"), num(SWDEmbodiedDevice, "sv"), num(f.GridIntensity, "sv")),
		fmt.Sprintf("The page weight per page view converted with the Sustainable Web Design model version 4: %s kWh per gigabyte "+
			"(data centres %s + %s, networks %s + %s, user devices %s + %s, operational + embodied) times the grid's carbon intensity, %s g CO₂e per kWh (the Swedish mix).",
			num(SWDKWhPerGB, "en"), num(SWDOperationalDataCentre, "en"), num(SWDEmbodiedDataCentre, "en"), num(SWDOperationalNetwork, "en"),
			num(SWDEmbodiedNetwork, "en"), num(SWDOperationalDevice, "en"), num(SWDEmbodiedDevice, "en"), num(f.GridIntensity, "en")))
}

// sheetsMethod writes the method of paper avoided with its factor.
func sheetsMethod(f Factors) Text {
	return text(fmt.Sprintf("Ärenden som kom in digitalt under perioden gånger %s pappersark per ärende (blankett, bilaga och beslut på papper).", num(f.SheetsPerErrand, "sv")),
		fmt.Sprintf("Errands that arrived digitally in the period times %s paper sheets per errand (form, attachment and decision on paper).", num(f.SheetsPerErrand, "en")))
}

// lettersMethod writes the method of letters avoided with its factor.
func lettersMethod(f Factors) Text {
	return text(fmt.Sprintf("Ärenden som kom in digitalt under perioden gånger %s brev per ärende (beslut som annars skickas med post).", num(f.LettersPerErrand, "sv")),
		fmt.Sprintf("Errands that arrived digitally in the period times %s letters per errand (decisions otherwise sent by post).", num(f.LettersPerErrand, "en")))
}

// travelMethod writes the method of travel avoided with its factors.
func travelMethod(f Factors) Text {
	return text(fmt.Sprintf("Möten som hölls digitalt (indikatorn %s, som varje enhet för in för sina egna möten, summerad över enheten och dess underenheter) gånger %s km resa per möte gånger %s g CO₂e per km, i kilogram.",
		MeetingsIndicator, num(f.KmPerMeeting, "sv"), num(f.GramsPerKm, "sv")),
		fmt.Sprintf("Meetings held digitally (the indicator %s, entered by each unit for its own meetings, summed over the unit and its sub-units) times %s km of travel per meeting times %s g CO₂e per km, in kilograms.",
			MeetingsIndicator, num(f.KmPerMeeting, "en"), num(f.GramsPerKm, "en")))
}
