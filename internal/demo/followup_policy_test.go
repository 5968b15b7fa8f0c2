package demo_test

import (
	"slices"
	"testing"
	"time"

	"sprang/internal/demo"
	"sprang/internal/followup"
	"sprang/internal/store"
	"sprang/internal/store/storetest"
)

// TestSeedPolicy: the demo policy has two revisions by the development
// department's account, about two years and one year old, every part of
// the structure in both languages, goals linked only to the indicators
// the demo makes, and a second revision that adds open data; seeding
// again adds nothing.
func TestSeedPolicy(t *testing.T) {
	t.Parallel()
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		for range 2 {
			if err := demo.Seed(t.Context(), db); err != nil {
				t.Fatal(err)
			}
		}
		list, err := db.PolicyRevisions(t.Context())
		if err != nil || len(list) != 2 {
			t.Fatalf("PolicyRevisions = %d, %v; want 2", len(list), err)
		}
		now := db.Now()
		for i, want := range []time.Duration{2 * 365 * 24 * time.Hour, 365 * 24 * time.Hour} {
			r := list[len(list)-1-i]
			if age := now.Sub(r.At); age < want || age > want+30*24*time.Hour {
				t.Errorf("revision %d made %v ago, want about %v", r.Number, age.Round(time.Hour), want)
			}
			if r.AuthorName != "Ulla Utvecklare" || r.Reason == "" {
				t.Errorf("revision %d by %q because %q", r.Number, r.AuthorName, r.Reason)
			}
		}
		known := []string{"e-tjanster-antal", "digital-andel", "handlaggningstid-median", "oppna-dataset", "sidvikt",
			"co2-per-sidvisning", "papper-undvikt", "kompetens-medel", "mognad-medel", "initiativ-pagaende", "realiserad-nytta"}
		cur, err := db.CurrentPolicy(t.Context())
		if err != nil {
			t.Fatal(err)
		}
		for _, k := range cur.PolicyIndicatorKeys() {
			if !slices.Contains(known, k) {
				t.Errorf("goal linked to %q, which the demo's indicators do not have", k)
			}
		}
		for _, s := range cur.Sections {
			if s.Heading.EN == "" || s.Body.EN == "" {
				t.Errorf("section %s has no English text", s.Key)
			}
		}
		for _, p := range followup.Perspectives() {
			if len(cur.GoalsOf(p)) == 0 || len(cur.SectionsOf(p)) < 2 {
				t.Errorf("perspective %s: %d goals, %d sections", p, len(cur.GoalsOf(p)), len(cur.SectionsOf(p)))
			}
		}
		first, err := db.PolicyRevision(t.Context(), 1)
		if err != nil {
			t.Fatal(err)
		}
		d := followup.DiffRevisions(first, cur)
		if len(d.ChangedGoals()) != 1 || d.ChangedGoals()[0].New.Indicators[0] != "oppna-dataset" || len(d.ChangedSections()) != 2 {
			t.Errorf("the second revision changes %d sections and goals %+v", len(d.ChangedSections()), d.ChangedGoals())
		}
	})
}
