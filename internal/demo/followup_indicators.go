package demo

import (
	"bytes"
	"context"
	_ "embed" // the Kolada file
	"fmt"
	"time"

	"sprang"
	"sprang/internal/followup"
	"sprang/internal/identity"
	"sprang/internal/store"
)

// The demo's indicators: most of the computed ones (read live from the
// demo's errands, datasets, page views, initiatives and assessments),
// three entered by hand with five years of values, and three that take
// Kolada's figures for municipality 2284 from a hand-made file in
// Kolada's shape (a copy of internal/followup/testdata/kolada-2284.json;
// its figures are invented). Targets are set for last year, this year
// and next year.

//go:embed followup_indicators_kolada.json
var koladaDemoFile []byte

// demoIndicator is one demo indicator: its key, owner unit (slug),
// whether it is public, and its targets for last year, this year and next
// year (NaN-free; none when targets is nil). A computed one takes its
// name, method, measure and direction from its computation.
type demoIndicator struct {
	key     string
	owner   string
	public  bool
	targets []float64
	manual  *followup.Indicator // nil for a computed one
}

// demoComputed are the computed indicators of the demo, in their order.
var demoComputed = []demoIndicator{
	{key: "e-tjanster-antal", owner: "utvecklingsavdelningen", public: true, targets: []float64{10, 14, 18}},
	{key: "digital-andel", owner: "utvecklingsavdelningen", public: true, targets: []float64{0.6, 0.7, 0.8}},
	{key: "analoga-tjanster", owner: "utvecklingsavdelningen", targets: []float64{3, 2, 1}},
	{key: "handlaggningstid-median", owner: "kommunledning", public: true, targets: []float64{10, 8, 7}},
	{key: "forsenade-arenden", owner: "kommunledning", targets: []float64{20, 10, 5}},
	{key: "kompetens-medel", owner: "utvecklingsavdelningen", targets: []float64{4, 4.5, 5}},
	{key: "mognad-medel", owner: "utvecklingsavdelningen", public: true, targets: []float64{50, 55, 60}},
	{key: "initiativ-pagaende", owner: "utvecklingsavdelningen", targets: []float64{5, 6, 6}},
	{key: "realiserad-nytta", owner: "utvecklingsavdelningen", public: true, targets: []float64{3, 5, 6}},
	{key: "sidvikt", owner: "utvecklingsavdelningen", public: true, targets: []float64{40, 35, 30}},
	{key: "co2-per-sidvisning", owner: "utvecklingsavdelningen", public: true, targets: []float64{0.0005, 0.0004, 0.0004}},
	{key: "papper-undvikt", owner: "utvecklingsavdelningen", public: true, targets: []float64{2000, 3000, 4000}},
	{key: "resor-undvikta", owner: "utvecklingsavdelningen", public: true, targets: []float64{8000, 9000, 10000}},
	{key: "oppna-dataset", owner: "utvecklingsavdelningen", public: true, targets: []float64{8, 12, 16}},
	{key: "hvd-dataset", owner: "utvecklingsavdelningen", targets: []float64{2, 3, 4}},
	{key: "api-anrop", owner: "utvecklingsavdelningen"},
	{key: "ideer-realiserade", owner: "utvecklingsavdelningen"},
}

// demoManual are the indicators entered by hand or taken from Kolada.
var demoManual = []demoIndicator{
	{key: followup.MeetingsIndicator, owner: "utvecklingsavdelningen", public: true, targets: []float64{4000, 4500, 5000},
		manual: &followup.Indicator{Perspective: followup.Hallbarhet, Measure: followup.MeasureCount, Direction: followup.HigherIsBetter,
			Source: followup.Manual, Order: 50,
			Name: followup.Text{SV: "Möten som hölls digitalt", EN: "Meetings held digitally"},
			Method: followup.Text{SV: "Bokade möten i koncernens videomötestjänst under året, enligt tjänstens statistik. Förs in av utvecklingsavdelningen.",
				EN: "Meetings booked in the group's video meeting service in the year, from the service's statistics. Entered by the development department."}}},
	{key: "utbildade-medarbetare", owner: "utvecklingsavdelningen", targets: []float64{0.5, 0.6, 0.7},
		manual: &followup.Indicator{Perspective: followup.Kompetens, Measure: followup.MeasureShare, Direction: followup.HigherIsBetter,
			Source: followup.Manual, Order: 50,
			Name: followup.Text{SV: "Medarbetare som gått den digitala grundutbildningen", EN: "Staff who took the basic digital course"},
			Method: followup.Text{SV: "Andel av de tillsvidareanställda som har slutfört kommunens digitala grundutbildning, enligt lärplattformen vid årets slut.",
				EN: "Share of the permanent staff who completed the municipality's basic digital course, from the learning platform at the end of the year."}}},
	{key: "tillganglighetsgranskade", owner: "kommunledning", public: true, targets: []float64{0.8, 0.9, 1},
		manual: &followup.Indicator{Perspective: followup.Trygghet, Measure: followup.MeasureShare, Direction: followup.HigherIsBetter,
			Source: followup.Manual, Order: 50,
			Name: followup.Text{SV: "E-tjänster granskade för tillgänglighet", EN: "E-services reviewed for accessibility"},
			Method: followup.Text{SV: "Andel av de publicerade e-tjänsterna som har granskats mot WCAG 2.1 AA under de senaste tolv månaderna.",
				EN: "Share of the published e-services reviewed against WCAG 2.1 AA in the last twelve months."}}},
	{key: "kolada-webbinformation", owner: "kommunledning", public: true, targets: []float64{72, 75, 78},
		manual: koladaIndicator("N00945", followup.Trygghet, followup.MeasurePercent,
			followup.Text{SV: "Webbinformation till medborgarna (Kolada N00945)", EN: "Web information to residents (Kolada N00945)"})},
	{key: "kolada-e-tjanster", owner: "kommunledning", public: true, targets: []float64{80, 82, 85},
		manual: koladaIndicator("U00437", followup.Innovation, followup.MeasurePercent,
			followup.Text{SV: "E-tjänster i kommunen (Kolada U00437)", EN: "E-services of the municipality (Kolada U00437)"})},
	{key: "kolada-kostnad", owner: "kommunledning", targets: []float64{10, 9.5, 9},
		manual: koladaIndicator("N07403", followup.Ledarskap, followup.MeasureScore,
			followup.Text{SV: "Kostnad för administration (Kolada N07403)", EN: "Cost of administration (Kolada N07403)"})},
}

// koladaIndicator returns an indicator that takes Kolada's figures for kpi.
func koladaIndicator(kpi string, p followup.Perspective, m followup.Measure, name followup.Text) *followup.Indicator {
	dir := followup.HigherIsBetter
	if kpi == "N07403" {
		dir = followup.LowerIsBetter
	}
	return &followup.Indicator{Perspective: p, Measure: m, Direction: dir, Source: followup.Kolada, KoladaKPI: kpi, Order: 60, Name: name,
		Method: followup.Text{SV: "Kommunens värde för nyckeltalet " + kpi + " i Kolada, importerat från Koladas öppna data. I demon är siffrorna påhittade.",
			EN: "The municipality's value of the KPI " + kpi + " in Kolada, imported from Kolada's open data. In the demo the figures are invented."}}
}

// demoMeetings are the meetings held digitally in the group, the five
// years up to last year, oldest first.
var demoMeetings = []float64{1200, 2600, 3400, 3900, 4300}

// demoTrained are the shares of staff who took the course, oldest first.
var demoTrained = []float64{0.18, 0.31, 0.42, 0.51, 0.58}

// demoReviewed are the shares of e-services reviewed, oldest first.
var demoReviewed = []float64{0.4, 0.55, 0.7, 0.78, 0.86}

// seedIndicators makes the indicators with their targets, five years of
// manual values and the Kolada values. It adds what is missing and leaves
// what exists.
func seedIndicators(ctx context.Context, db *store.DB, units map[string]identity.Unit, staff map[string]int64) error {
	year := time.Now().In(followup.Location()).Year()
	for i, d := range demoComputed {
		c, ok := followup.ComputationByKey(d.key)
		if !ok {
			return fmt.Errorf("demo indicator %s: no computation", d.key)
		}
		ind := followup.Indicator{Perspective: c.Perspective, Name: c.Name, Measure: c.Measure, Direction: c.Direction,
			Source: followup.Computed, Computation: c.Key, Order: i * 10}
		if err := addIndicator(ctx, db, units, d, ind, year); err != nil {
			return err
		}
	}
	for _, d := range demoManual {
		if err := addIndicator(ctx, db, units, d, *d.manual, year); err != nil {
			return err
		}
	}
	if err := seedManualValues(ctx, db, units, staff, year); err != nil {
		return err
	}
	return seedKolada(ctx, db)
}

// addIndicator saves ind as d describes it unless its key exists.
func addIndicator(ctx context.Context, db *store.DB, units map[string]identity.Unit, d demoIndicator, ind followup.Indicator, year int) error {
	_, err := db.Indicator(ctx, d.key)
	if sprang.ErrorKind(err) != sprang.NotFound {
		return err
	}
	ind.Key, ind.OwnerUnitID, ind.Public = d.key, units[d.owner].ID, d.public
	for i, t := range d.targets {
		ind.Targets = append(ind.Targets, followup.Target{Year: year - 1 + i, Value: t})
	}
	if err := db.SaveIndicator(ctx, ind, 0); err != nil {
		return fmt.Errorf("demo indicator %s: %w", d.key, err)
	}
	return nil
}

// seedManualValues enters the manual values of the five years before
// this one for the group, and last year's meetings per förvaltning too,
// unless the group's meetings of last year are there.
func seedManualValues(ctx context.Context, db *store.DB, units map[string]identity.Unit, staff map[string]int64, year int) error {
	have, err := db.StoredValues(ctx, followup.MeetingsIndicator, []int64{0}, []followup.Period{followup.YearPeriod(year - 1)})
	if err != nil || len(have) > 0 {
		return err
	}
	var vs []followup.Value
	for i := range 5 {
		p := followup.YearPeriod(year - 5 + i)
		vs = append(vs,
			followup.Value{Indicator: followup.MeetingsIndicator, Period: p, Value: demoMeetings[i], Known: true, Source: "Statistik från videomötestjänsten"},
			followup.Value{Indicator: "utbildade-medarbetare", Period: p, Value: demoTrained[i], Known: true, Source: "Lärplattformen",
				Comment: "Tillsvidareanställda den 31 december."},
			followup.Value{Indicator: "tillganglighetsgranskade", Period: p, Value: demoReviewed[i], Known: true, Source: "Tillgänglighetsgranskningar"})
	}
	for slug, n := range map[string]float64{"barn-utbildning": 1400, "social": 1100, "samhallsbyggnad": 900, "kultur-fritid": 500} {
		if u, ok := units[slug]; ok {
			vs = append(vs, followup.Value{Indicator: followup.MeetingsIndicator, UnitID: u.ID, Period: followup.YearPeriod(year - 1),
				Value: n, Known: true, Source: "Statistik från videomötestjänsten"})
		}
	}
	return db.SaveValues(ctx, vs, staff["utveckling"])
}

// seedKolada imports the demo's Kolada file unless its first value is
// there.
func seedKolada(ctx context.Context, db *store.DB) error {
	rows, _, err := followup.ParseKolada(bytes.NewReader(koladaDemoFile))
	if err != nil {
		return fmt.Errorf("demo kolada file: %w", err)
	}
	inds, err := db.Indicators(ctx)
	if err != nil {
		return err
	}
	imp := followup.MatchKolada(rows, inds)
	if len(imp.Values) == 0 {
		return nil
	}
	first := imp.Values[0]
	have, err := db.StoredValues(ctx, first.Indicator, []int64{0}, []followup.Period{first.Period})
	if err != nil || len(have) > 0 {
		return err
	}
	return db.SaveValues(ctx, imp.Values, 0)
}
