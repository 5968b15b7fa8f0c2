package web

import (
	"slices"
	"testing"
	"time"

	"sprang/internal/identity"
)

// FuzzStatsFilter feeds the statistics filter any query values: it never
// panics, and a filter it accepts selects only units the user may see
// (and their sub-units among them), an offered service and a period of
// at most a year and a day that ends after it starts.
func FuzzStatsFilter(f *testing.F) {
	for _, seed := range [][3]string{
		{"", "", ""}, {"2", "10", "12-manader"}, {"3", "", "30-dagar"}, {"", "11", "i-ar"}, {"", "", "2025"},
		{"9", "", ""}, {"x", "y", "z"}, {"2", "99", "2020"}, {"-1", "0", "1999"}, {"\xff", "", ""}, {" 2", "", "2025 "},
	} {
		f.Add(seed[0], seed[1], seed[2])
	}
	tree, err := identity.BuildTree([]identity.Unit{
		{ID: 1, Kind: identity.KindGroup, Slug: "kommunen", NameSV: "Kommunen"},
		{ID: 2, ParentID: 1, Kind: identity.KindForvaltning, Slug: "bygg", NameSV: "Bygg"},
		{ID: 3, ParentID: 2, Kind: identity.KindAvdelning, Slug: "lov", NameSV: "Lov"},
		{ID: 4, ParentID: 1, Kind: identity.KindForvaltning, Slug: "skola", NameSV: "Skola"},
	})
	if err != nil {
		f.Fatal(err)
	}
	allowed := []int64{2, 3}
	now := time.Date(2026, 3, 10, 12, 0, 0, 0, time.UTC)
	p := statsPage{Services: []caseOption{{Value: "10"}, {Value: "11"}}, Periods: []caseOption{
		{Value: statsMonths12}, {Value: statsDays30}, {Value: statsThisYear}, {Value: "2025"}, {Value: "2021"}}}
	f.Fuzz(func(t *testing.T, unit, service, period string) {
		form := map[string]string{"enhet": unit, "tjanst": service, "period": period}
		sf, err := parseStatsFilter(form, tree, allowed, p, now)
		if err != nil {
			return
		}
		q := sf.query
		if len(q.UnitIDs) == 0 {
			t.Fatalf("accepted %q with no units", form)
		}
		for _, u := range q.UnitIDs {
			if !slices.Contains(allowed, u) {
				t.Fatalf("accepted %q selects unit %d", form, u)
			}
		}
		if q.ServiceID != 0 && !caseHasOption(p.Services, service) {
			t.Fatalf("accepted %q selects service %d", form, q.ServiceID)
		}
		if !q.To.After(q.From) || q.To.Sub(q.From) > 367*24*time.Hour {
			t.Fatalf("accepted %q gives the period %v – %v", form, q.From, q.To)
		}
		if err := q.Validate(); err != nil {
			t.Fatalf("accepted %q gives a query the store refuses: %v", form, err)
		}
	})
}
