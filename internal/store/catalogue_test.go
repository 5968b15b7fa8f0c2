package store_test

import (
	"slices"
	"strings"
	"testing"
	"time"
	"unicode"

	"github.com/google/go-cmp/cmp"

	"sprang/internal/eservice"
	"sprang/internal/identity"
	"sprang/internal/store"
	"sprang/internal/store/storetest"
)

// catalogueFixture publishes a few Swedish services and returns their ids
// by slug.
func catalogueFixture(t *testing.T, db *store.DB) (serviceFixture, map[string]int64) {
	t.Helper()
	f := newServiceFixture(t, db)
	ids := map[string]int64{}
	for _, s := range []struct {
		slug, title, summary, category string
		keywords                       []string
		publish                        bool
	}{
		{"felanmalan", "Felanmälan gata och park", "Anmäl fel på gator, cykelvägar och i parker.", "gata-trafik", []string{"gatubelysning", "potthål"}, true},
		{"bygglov", "Ansök om bygglov", "Bygglov för altan, garage eller tillbyggnad.", "bygga-bo", []string{"plan"}, true},
		{"forskola", "Ansök om förskoleplats", "Plats i förskola för barn 1–5 år.", "skola-barnomsorg", nil, true},
		{"overklaga", "Överklaga beslut", "Så överklagar du ett beslut.", "kommun-politik", nil, true},
		{"hemligt", "Felanmälan utkast", "Ännu inte publicerad.", "gata-trafik", nil, false},
	} {
		spec := testSpec(s.slug, s.title, f.unit)
		spec.Summary = eservice.Text{SV: s.summary}
		spec.Category, spec.Keywords = s.category, s.keywords
		created, err := db.CreateService(t.Context(), spec, f.user)
		if err != nil {
			t.Fatal(err)
		}
		if s.publish {
			f.publish(t, created.ID)
		}
		ids[s.slug] = created.ID
	}
	return f, ids
}

// slugs returns the slugs of entries, in order.
func slugs(es []store.CatalogueEntry) []string {
	out := []string{}
	for _, e := range es {
		out = append(out, e.Slug)
	}
	return out
}

func TestCatalogue(t *testing.T) {
	t.Parallel()
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		ctx := t.Context()
		f, ids := catalogueFixture(t, db)
		// A new draft of a published service does not reach the catalogue.
		if _, err := db.SaveServiceDraft(ctx, ids["bygglov"], testSpec("bygglov", "Ändrat bygglov", f.unit), f.user); err != nil {
			t.Fatal(err)
		}
		all, err := db.SearchCatalogue(ctx, store.CatalogueQuery{})
		if err != nil {
			t.Fatal(err)
		}
		if diff := cmp.Diff([]string{"bygglov", "forskola", "felanmalan", "overklaga"}, slugs(all)); diff != "" {
			t.Errorf("catalogue (-want +got):\n%s", diff)
		}
		for _, e := range all {
			if e.Published == 0 || e.Spec.Form.Pages == nil || e.Spec.UnitID != f.unit {
				t.Errorf("entry %s: %+v", e.Slug, e.Service)
			}
			if e.Slug == "bygglov" && (e.Spec.Title.SV != "Ansök om bygglov" || e.Draft != 2) {
				t.Errorf("bygglov shows %q (draft %d), want the published title", e.Spec.Title.SV, e.Draft)
			}
		}

		byCategory, err := db.SearchCatalogue(ctx, store.CatalogueQuery{Category: "gata-trafik"})
		if err != nil || !slices.Equal(slugs(byCategory), []string{"felanmalan"}) {
			t.Errorf("category gata-trafik = %v, %v", slugs(byCategory), err)
		}
		limited, err := db.SearchCatalogue(ctx, store.CatalogueQuery{Limit: 2})
		if err != nil || !slices.Equal(slugs(limited), []string{"bygglov", "forskola"}) {
			t.Errorf("limit 2 = %v, %v", slugs(limited), err)
		}
	})
}

func TestCatalogueMostUsed(t *testing.T) {
	t.Parallel()
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		ctx := t.Context()
		_, ids := catalogueFixture(t, db)
		now := db.Now()
		uses := []struct {
			slug string
			at   time.Time
		}{
			{"overklaga", now}, {"overklaga", now}, {"overklaga", now.Add(-24 * time.Hour)},
			{"forskola", now.AddDate(0, 0, -300)}, {"forskola", now.AddDate(0, 0, -1)},
			{"bygglov", now.AddDate(0, 0, -400)}, {"bygglov", now.AddDate(0, 0, -366)}, {"bygglov", now.AddDate(-1, -1, 0)},
		}
		for _, u := range uses {
			if err := db.CountServiceUseForTest(ctx, ids[u.slug], u.at); err != nil {
				t.Fatalf("count use: %v", err)
			}
		}
		got, err := db.SearchCatalogue(ctx, store.CatalogueQuery{MostUsed: true})
		if err != nil {
			t.Fatal(err)
		}
		if diff := cmp.Diff([]string{"overklaga", "forskola", "bygglov", "felanmalan"}, slugs(got)); diff != "" {
			t.Errorf("most used (-want +got):\n%s", diff)
		}
		want := map[string]int{"overklaga": 3, "forskola": 2, "bygglov": 0, "felanmalan": 0}
		for _, e := range got {
			if e.Uses != want[e.Slug] {
				t.Errorf("%s: %d uses, want %d", e.Slug, e.Uses, want[e.Slug])
			}
		}
		// Uses are counted without MostUsed too.
		byTitle, err := db.SearchCatalogue(ctx, store.CatalogueQuery{Text: "överklaga"})
		if err != nil || len(byTitle) != 1 || byTitle[0].Uses != 3 {
			t.Errorf("search överklaga = %+v, %v", byTitle, err)
		}
	})
}

func TestCatalogueSearch(t *testing.T) {
	t.Parallel()
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		ctx := t.Context()
		catalogueFixture(t, db)
		tests := []struct {
			text string
			want []string
		}{
			{"felanmälan", []string{"felanmalan"}}, // the unpublished draft is left out
			{"FELANMÄLAN", []string{"felanmalan"}},
			{"felanm", []string{"felanmalan"}}, // a prefix
			{"Park", []string{"felanmalan"}},
			{"potthål", []string{"felanmalan"}}, // a keyword
			{"cykelvägar", []string{"felanmalan"}},
			{"bygglov altan", []string{"bygglov"}}, // every word must match
			{"bygglov park", []string{}},
			{"ansök", []string{"bygglov", "forskola"}},
			{"förskola", []string{"forskola"}},
			{"  förskoleplats!  ", []string{"forskola"}},
			{"överkl", []string{"overklaga"}},
			{"overklaga", []string{}},       // ö is a letter of its own
			{"skola", []string{"forskola"}}, // the category
			{"finnsinte", []string{}},
		}
		for _, tc := range tests {
			got, err := db.SearchCatalogue(ctx, store.CatalogueQuery{Text: tc.text})
			if err != nil {
				t.Errorf("search %q: %v", tc.text, err)
				continue
			}
			if diff := cmp.Diff(tc.want, slugs(got)); diff != "" {
				t.Errorf("search %q (-want +got):\n%s", tc.text, diff)
			}
		}
		// Publishing a new version refreshes the index.
		if err := republish(t, db, "overklaga", "Klagomål på parkering"); err != nil {
			t.Fatal(err)
		}
		for text, want := range map[string][]string{"parkering": {"overklaga"}, "klagomål": {"overklaga"}, "överklaga": {}} {
			got, err := db.SearchCatalogue(ctx, store.CatalogueQuery{Text: text})
			if err != nil || !slices.Equal(slugs(got), want) {
				t.Errorf("after republishing, search %q = %v, %v; want %v", text, slugs(got), err, want)
			}
		}
		// Search and category together.
		got, err := db.SearchCatalogue(ctx, store.CatalogueQuery{Text: "ansök", Category: "bygga-bo"})
		if err != nil || !slices.Equal(slugs(got), []string{"bygglov"}) {
			t.Errorf("ansök in bygga-bo = %v, %v", slugs(got), err)
		}
	})
}

// republish publishes a new version of the service named slug with
// another title and summary.
func republish(t *testing.T, db *store.DB, slug, title string) error {
	t.Helper()
	s, err := db.FindServiceBySlug(t.Context(), slug)
	if err != nil {
		return err
	}
	spec := s.Spec
	spec.Title, spec.Summary = eservice.Text{SV: title}, eservice.Text{SV: "Ny sammanfattning."}
	if _, err := db.SaveServiceDraft(t.Context(), s.ID, spec, 0); err != nil {
		return err
	}
	_, err = db.PublishService(t.Context(), s.ID, 0)
	return err
}

// TestCatalogueSearchStemming checks PostgreSQL's Swedish stemming: an
// inflected form finds the base form.
func TestCatalogueSearchStemming(t *testing.T) {
	t.Parallel()
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		if db.Engine() != store.Postgres {
			t.Skip("stemming is PostgreSQL's; SQLite matches prefixes only")
		}
		ctx := t.Context()
		f := newServiceFixture(t, db)
		s := testSpec("gata", "Ny gata", f.unit)
		s.Summary = eservice.Text{SV: "Föreslå en gata."}
		f.publish(t, errMust(db.CreateService(ctx, s, f.user)).ID)
		for _, text := range []string{"gatorna", "gator", "GATA", "Gatornas"} {
			got, err := db.SearchCatalogue(ctx, store.CatalogueQuery{Text: text})
			if err != nil || !slices.Equal(slugs(got), []string{"gata"}) {
				t.Errorf("search %q = %v, %v; want gata", text, slugs(got), err)
			}
		}
	})
}

// errMust returns v, panicking on error (for fixtures only).
func errMust[T any](v T, err error) T {
	if err != nil {
		panic(err)
	}
	return v
}

// hostileSearches are search texts with query syntax of FTS5, tsquery and
// SQL, and sizes and encodings that break naive handling.
var hostileSearches = []string{
	``, ` `, `"`, `""`, `"""`, `'`, `''`, `*`, `**`, `-`, `--`, `+`, `^`, `:`, `:*`, `!`, `&`, `|`, `<->`, `(`, `)`, `()`,
	`NEAR`, `NEAR(park gata)`, `NEAR(park gata, 2)`, `park NEAR gata`, `AND`, `OR`, `NOT`, `park AND`, `OR park`, `NOT park`,
	`park OR gata`, `park -gata`, `-park`, `park*`, `*park`, `"park`, `park"`, `"park" OR "1"="1"`, `title:park`,
	`{title summary}: park`, `- title : park`, `park & !gata`, `park | gata`, `park <-> gata`, `park:*`, `park:A`, `!park`,
	`(park`, `park)`, `((((park))))`, `'; DROP TABLE eservices; --`, `park'); DELETE FROM eservices; --`, `%`, `_`, `\`, `\\`,
	"\x00", "park\x00gata", "\xff\xfe", "p\xffark", "\u0301", "a\u030a", "🙂", "park 🙂", "\u200b", "\ufeffpark", "\u00a0park\u3000",
	strings.Repeat("park ", 10000), strings.Repeat("å", 100000), strings.Repeat(`"`, 5000), strings.Repeat("(", 5000),
	strings.Repeat("NEAR(", 1000), strings.Repeat("a", 5000), strings.Repeat("x y ", 500),
}

// TestCatalogueSearchHostile checks that no search text errors or reaches
// the query syntax, on both engines.
func TestCatalogueSearchHostile(t *testing.T) {
	t.Parallel()
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		ctx := t.Context()
		catalogueFixture(t, db)
		for _, text := range hostileSearches {
			got, err := db.SearchCatalogue(ctx, store.CatalogueQuery{Text: text})
			if err != nil {
				t.Errorf("search %.40q: %v", text, err)
				continue
			}
			if len(got) > 4 {
				t.Errorf("search %.40q found %d services of 4", text, len(got))
			}
		}
		for _, text := range []string{`"park`, `park)`, `(park`, `park*`, `*park`, `!park`, `park:*`, `((((park))))`, `^park`} {
			got, err := db.SearchCatalogue(ctx, store.CatalogueQuery{Text: text})
			if err != nil || !slices.Equal(slugs(got), []string{"felanmalan"}) {
				t.Errorf("search %q = %v, %v; want the word park found", text, slugs(got), err)
			}
		}
		if all, err := db.SearchCatalogue(ctx, store.CatalogueQuery{}); err != nil || len(all) != 4 {
			t.Errorf("catalogue after hostile searches: %d entries, %v", len(all), err)
		}
	})
}

// FuzzSearchCatalogue searches an SQLite catalogue (and PostgreSQL's when
// SPRANG_TEST_DB=postgres) with arbitrary text: never an error.
func FuzzSearchCatalogue(f *testing.F) {
	for _, s := range hostileSearches {
		if len(s) < 200 {
			f.Add(s)
		}
	}
	db := storetest.Open(f)
	ctx := f.Context()
	fx := serviceFixture{db: db}
	if err := func() error {
		u, err := db.CreateUnit(ctx, identity.Unit{Kind: identity.KindGroup, Slug: "kommunen", NameSV: "Kommunen", NameEN: "The municipality"})
		fx.unit = u.ID
		return err
	}(); err != nil {
		f.Fatal(err)
	}
	for _, title := range []string{"Felanmälan gata och park", "Ansök om bygglov"} {
		s, err := db.CreateService(ctx, testSpec(slugOf(title), title, fx.unit), 0)
		if err != nil {
			f.Fatal(err)
		}
		if _, err := db.PublishService(ctx, s.ID, 0); err != nil {
			f.Fatal(err)
		}
	}
	f.Fuzz(func(t *testing.T, text string) {
		if _, err := db.SearchCatalogue(ctx, store.CatalogueQuery{Text: text}); err != nil {
			t.Fatalf("search %q: %v", text, err)
		}
	})
}

// FuzzSearchTerms checks that search terms hold only letters, digits and
// marks, are distinct and few.
func FuzzSearchTerms(f *testing.F) {
	for _, s := range hostileSearches {
		if len(s) < 200 {
			f.Add(s)
		}
	}
	f.Fuzz(func(t *testing.T, text string) {
		terms := store.SearchTermsForTest(text)
		if len(terms) > 12 {
			t.Fatalf("%d terms", len(terms))
		}
		for i, term := range terms {
			if term == "" || slices.Contains(terms[:i], term) {
				t.Fatalf("terms %q: empty or repeated", terms)
			}
			for _, r := range term {
				if !unicode.IsLetter(r) && !unicode.IsDigit(r) && !unicode.IsMark(r) {
					t.Fatalf("term %q has %q", term, r)
				}
			}
		}
	})
}
