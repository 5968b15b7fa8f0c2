package demo

import (
	"context"
	"fmt"
	"slices"
	"time"

	"sprang"
	"sprang/internal/followup"
	"sprang/internal/identity"
	"sprang/internal/store"
)

// The demo's initiative portfolio: thirteen initiatives across the
// förvaltningar and bolag, in every status, with their history of
// statuses, realized benefits for those introduced (some valued in
// kronor, one shown by the indicator digital-andel), one that buys a
// service with all three sustainability criteria assessed, two pairs that
// look alike across units (fault reports; booking of premises), and
// links to the demo's e-services and datasets. Dates are relative to the
// current year, so the timeline always spans the last few years.

// demoStep is a status an initiative reached, months after the start of
// the year three years back.
type demoStep struct {
	status followup.InitiativeStatus
	month  int
}

// demoBenefit is a benefit realized months after that same origin.
type demoBenefit struct {
	month     int
	desc      string
	sek       float64
	indicator string
}

// demoInitiative is one initiative of the demo and its history.
type demoInitiative struct {
	title, owner, desc, hyp string
	participants            []string
	perspectives            []followup.Perspective
	goals                   []int
	budget                  float64
	contact                 string // the contact's name; the address is made from it
	indicators              []string
	steps                   []demoStep
	startMonth, endMonth    int // 0: not set
	benefits                []demoBenefit
	supplier                *followup.Supplier
	services, datasets      []string
}

// seedInitiatives makes the initiatives that are missing, as the demo's
// development department, each created and moved through its statuses at
// its own moment, and completes the links of existing ones to datasets
// that have appeared since (the datasets are seeded after it).
func seedInitiatives(ctx context.Context, db *store.DB, units map[string]identity.Unit, staff map[string]int64) error {
	return seedInitiativesBy(ctx, db, units, staff["utveckling"], true)
}

// seedInitiativesBy links the existing demo initiatives to what they
// produced and, when create is set, creates the missing ones, as the
// staff user by.
func seedInitiativesBy(ctx context.Context, db *store.DB, units map[string]identity.Unit, by int64, create bool) error {
	existing, err := db.Initiatives(ctx, followup.InitiativeFilter{})
	if err != nil {
		return err
	}
	byTitle := map[string]followup.Initiative{}
	for _, ini := range existing {
		byTitle[ini.Title] = ini
	}
	origin := time.Date(db.Now().Year()-3, 1, 1, 9, 0, 0, 0, time.UTC)
	for _, d := range demoInitiatives() {
		ini, ok := byTitle[d.title]
		switch {
		case ok:
			err = linkDemoInitiative(ctx, db, ini, d, by)
		case create:
			err = createDemoInitiative(ctx, db, d, units, by, origin)
		}
		if err != nil {
			return fmt.Errorf("initiative %q: %w", d.title, err)
		}
	}
	return nil
}

// LinkInitiativeProducts completes the links of the demo's initiatives
// to the datasets seeded after them: call it after SeedDatasets.
func LinkInitiativeProducts(ctx context.Context, db *store.DB) error {
	staff, err := db.FindUserByUsername(ctx, "utveckling")
	if err != nil {
		return err
	}
	return seedInitiativesBy(ctx, db, nil, staff.ID, false)
}

// iniAt returns the moment months after origin.
func iniAt(origin time.Time, months int) time.Time { return origin.AddDate(0, months, 0) }

// iniDay returns the date months after origin, at midnight UTC.
func iniDay(origin time.Time, months int) time.Time {
	t := iniAt(origin, months)
	return time.Date(t.Year(), t.Month(), t.Day(), 0, 0, 0, 0, time.UTC)
}

// createDemoInitiative creates d with the clock at its first step, moves
// it through its later steps and records its benefits and criteria, each
// at its moment.
func createDemoInitiative(ctx context.Context, db *store.DB, d demoInitiative, units map[string]identity.Unit, by int64, origin time.Time) error {
	ini := followup.Initiative{Title: d.title, Description: d.desc, BenefitHypothesis: d.hyp, OwnerUnitID: units[d.owner].ID,
		Perspectives: d.perspectives, Goals: d.goals, BudgetSEK: d.budget, ContactName: d.contact, Indicators: d.indicators,
		Status: d.steps[0].status}
	for _, p := range d.participants {
		ini.ParticipantUnitIDs = append(ini.ParticipantUnitIDs, units[p].ID)
	}
	if db.Box() != nil && d.contact != "" {
		ini.ContactEmail = demoEmail(d.contact)
	}
	if d.startMonth > 0 && d.steps[0].month >= d.startMonth {
		ini.Start = iniDay(origin, d.startMonth)
	}
	clock := func(months int) *store.DB {
		t := iniAt(origin, months)
		return db.WithClockForDemo(func() time.Time { return t })
	}
	created, err := clock(d.steps[0].month).CreateInitiative(ctx, ini, by)
	if err != nil {
		return err
	}
	for i, st := range d.steps[1:] {
		created.Status = st.status
		if d.startMonth > 0 && st.month >= d.startMonth {
			created.Start = iniDay(origin, d.startMonth)
		}
		if d.endMonth > 0 && i == len(d.steps)-2 {
			created.End = iniDay(origin, d.endMonth)
		}
		if created.Supplier == nil && d.supplier != nil && st.status == followup.StatusOngoing {
			created.Supplier = &followup.Supplier{Name: d.supplier.Name, OrgNumber: d.supplier.OrgNumber}
		}
		if created, err = clock(st.month).UpdateInitiative(ctx, created, by); err != nil {
			return err
		}
	}
	if err := seedDemoCriteria(ctx, created, d, clock, by); err != nil {
		return err
	}
	for _, b := range d.benefits {
		_, err := clock(b.month).AddBenefit(ctx, created.ID, followup.Benefit{Date: iniDay(origin, b.month), Description: b.desc,
			ValueSEK: b.sek, IndicatorKey: b.indicator}, by)
		if err != nil {
			return err
		}
	}
	return linkDemoInitiative(ctx, db, created, d, by)
}

// seedDemoCriteria assesses d's supplier against its criteria, a month
// after the initiative became ongoing.
func seedDemoCriteria(ctx context.Context, ini followup.Initiative, d demoInitiative, clock func(int) *store.DB, by int64) error {
	if d.supplier == nil || ini.Supplier == nil || len(d.supplier.Criteria) == 0 {
		return nil
	}
	month := d.steps[len(d.steps)-1].month
	for _, st := range d.steps {
		if st.status == followup.StatusOngoing {
			month = st.month + 1
		}
	}
	return clock(month).SetCriteria(ctx, ini.ID, d.supplier.Criteria, by)
}

// linkDemoInitiative adds the links of d that ini lacks and that exist
// (datasets appear after the initiatives on a first start).
func linkDemoInitiative(ctx context.Context, db *store.DB, ini followup.Initiative, d demoInitiative, by int64) error {
	services, datasets := slices.Clone(ini.ServiceIDs), slices.Clone(ini.DatasetIDs)
	for _, slug := range d.services {
		svc, err := db.FindServiceBySlug(ctx, slug)
		if sprang.ErrorKind(err) == sprang.NotFound {
			continue
		}
		if err != nil {
			return err
		}
		if !slices.Contains(services, svc.ID) {
			services = append(services, svc.ID)
		}
	}
	for _, slug := range d.datasets {
		e, err := db.Dataset(ctx, slug)
		if sprang.ErrorKind(err) == sprang.NotFound {
			continue
		}
		if err != nil {
			return err
		}
		if !slices.Contains(datasets, e.Dataset.ID) {
			datasets = append(datasets, e.Dataset.ID)
		}
	}
	if len(services) == len(ini.ServiceIDs) && len(datasets) == len(ini.DatasetIDs) {
		return nil
	}
	ini.ServiceIDs, ini.DatasetIDs = services, datasets
	_, err := db.UpdateInitiative(ctx, ini, by)
	return err
}

// demoEmail makes a work address from a name: "Lena Forsberg" gives
// lena.forsberg@ornskoldsvik.example.se.
func demoEmail(name string) string {
	b := []rune{}
	for _, r := range name {
		switch r {
		case ' ':
			b = append(b, '.')
		case 'å', 'ä', 'Å', 'Ä':
			b = append(b, 'a')
		case 'ö', 'Ö':
			b = append(b, 'o')
		case 'é':
			b = append(b, 'e')
		default:
			if r >= 'A' && r <= 'Z' {
				r += 'a' - 'A'
			}
			b = append(b, r)
		}
	}
	return string(b) + "@ornskoldsvik.example.se"
}
