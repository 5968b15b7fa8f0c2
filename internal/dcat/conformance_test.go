package dcat_test

import (
	"bytes"
	"fmt"
	"math/rand/v2"
	"strings"
	"testing"

	"sprang/internal/dcat"
	"sprang/internal/dcat/shacltest"
	"sprang/internal/opendata"
)

// defect is one way to break an entry. Every defect is a violation for
// opendata.Check; shacl says whether the SHACL shapes can see it in the
// entry as broken (some need, for example, a distribution to show).
// Defects the shapes cannot see are where Check is stricter than SHACL.
type defect struct {
	name  string
	apply func(e *opendata.Entry, r *rand.Rand)
	shacl func(e opendata.Entry) bool
}

func always(opendata.Entry) bool { return true }
func never(opendata.Entry) bool  { return false }

// anyDist reports whether a distribution of e satisfies f.
func anyDist(e opendata.Entry, f func(d opendata.Distribution) bool) bool {
	for _, d := range e.Distributions {
		if f(d) {
			return true
		}
	}
	return false
}

// pickDist returns a random distribution of e, adding a file one when e
// has none.
func pickDist(e *opendata.Entry, r *rand.Rand) *opendata.Distribution {
	if len(e.Distributions) == 0 {
		e.Distributions = fullEntry().Distributions[:1]
	}
	return &e.Distributions[r.IntN(len(e.Distributions))]
}

var defects = []defect{
	// Defects the shapes see.
	{"no title at all", func(e *opendata.Entry, _ *rand.Rand) { e.Dataset.TitleSV, e.Dataset.TitleEN = "", " " },
		func(e opendata.Entry) bool {
			return e.Dataset.TitleSV == "" && strings.TrimSpace(e.Dataset.TitleEN) == ""
		}},
	{"no description at all", func(e *opendata.Entry, _ *rand.Rand) { e.Dataset.DescriptionSV, e.Dataset.DescriptionEN = "\n", "" },
		func(e opendata.Entry) bool {
			return strings.TrimSpace(e.Dataset.DescriptionSV) == "" && e.Dataset.DescriptionEN == ""
		}},
	{"publisher without any name", func(e *opendata.Entry, _ *rand.Rand) { e.Publisher.NameSV, e.Publisher.NameEN = "", "" },
		func(e opendata.Entry) bool { return e.Publisher.NameSV == "" && e.Publisher.NameEN == "" }},
	{"publisher without type", func(e *opendata.Entry, _ *rand.Rand) { e.Publisher.Type = "" }, always},
	{"publisher of unknown type", func(e *opendata.Entry, _ *rand.Rand) { e.Publisher.Type = opendata.PublisherTypeBase + "Kommun" }, always},
	{"unknown licence", func(e *opendata.Entry, _ *rand.Rand) { e.Dataset.Licence = "https://opensource.org/licenses/MIT" },
		func(e opendata.Entry) bool {
			// Written only on the distributions that take the dataset's licence.
			return e.Dataset.Licence != "" && anyDist(e, func(d opendata.Distribution) bool { return d.Licence == "" })
		}},
	{"unknown access rights", func(e *opendata.Entry, _ *rand.Rand) { e.Dataset.AccessRights = opendata.AccessRightBase + "SENSITIVE" }, always},
	{"unknown frequency", func(e *opendata.Entry, _ *rand.Rand) { e.Dataset.Frequency = opendata.FrequencyBase + "FORTNIGHTLY" }, always},
	{"unknown theme", func(e *opendata.Entry, _ *rand.Rand) {
		e.Dataset.Themes = append(e.Dataset.Themes, opendata.ThemeBase+"SPORT")
	}, always},
	{"unknown HVD category", func(e *opendata.Entry, _ *rand.Rand) {
		e.Dataset.HVDCategories = append(e.Dataset.HVDCategories, "http://data.europa.eu/bna/c_00000000")
	}, always},
	{"unknown format code", func(e *opendata.Entry, r *rand.Rand) { pickDist(e, r).Format = "SHP" },
		func(e opendata.Entry) bool {
			return anyDist(e, func(d opendata.Distribution) bool { return d.Format == "SHP" })
		}},
	{"unknown distribution licence", func(e *opendata.Entry, r *rand.Rand) { pickDist(e, r).Licence = "https://example.se/licens" }, always},

	// Defects only Check sees: the serializer leaves the value out.
	{"no Swedish title", func(e *opendata.Entry, _ *rand.Rand) { e.Dataset.TitleSV, e.Dataset.TitleEN = "", "English only" }, never},
	{"no Swedish description", func(e *opendata.Entry, _ *rand.Rand) {
		e.Dataset.DescriptionSV, e.Dataset.DescriptionEN = "", "English only"
	}, never},
	{"publisher without Swedish name", func(e *opendata.Entry, _ *rand.Rand) { e.Publisher.NameSV, e.Publisher.NameEN = "", "Department" }, never},
	{"contact without name", func(e *opendata.Entry, _ *rand.Rand) { e.Dataset.ContactName = "" }, never},
	{"contact without e-mail", func(e *opendata.Entry, _ *rand.Rand) { e.Dataset.ContactName, e.Dataset.ContactEmail = "Enheten", "" }, never},
	{"broken e-mail", func(e *opendata.Entry, _ *rand.Rand) {
		e.Dataset.ContactName, e.Dataset.ContactEmail = "Enheten", "enheten@kommun"
	}, never},
	{"no licence", func(e *opendata.Entry, _ *rand.Rand) { e.Dataset.Licence = "" }, never},
	{"not a date", func(e *opendata.Entry, _ *rand.Rand) { e.Dataset.TemporalStart = "2025-02-29" }, never},
	{"end before start", func(e *opendata.Entry, _ *rand.Rand) {
		e.Dataset.TemporalStart, e.Dataset.TemporalEnd = "2025-01-02", "2025-01-01"
	}, never},
	{"spatial not a URL", func(e *opendata.Entry, _ *rand.Rand) { e.Dataset.Spatial = "Sundsvall" }, never},
	{"landing page relative", func(e *opendata.Entry, _ *rand.Rand) { e.Dataset.LandingPage = "/data/x" }, never},
	{"link not a URL", func(e *opendata.Entry, _ *rand.Rand) {
		e.Distributions = append(e.Distributions, opendata.Distribution{ID: "lnk", Kind: opendata.KindLink, TitleSV: "Länk", URL: "www.example.se", Format: "HTML"})
	}, never},
	{"file never uploaded", func(e *opendata.Entry, r *rand.Rand) {
		d := pickDist(e, r)
		d.Kind, d.Version = opendata.KindFile, 0
	}, never},
	{"no format", func(e *opendata.Entry, r *rand.Rand) { pickDist(e, r).Format = "" }, never},
	{"media type as format", func(e *opendata.Entry, r *rand.Rand) { pickDist(e, r).Format = "text/csv" }, never},
}

// variations change an entry without making it wrong: at most warnings.
var variations = []func(e *opendata.Entry, r *rand.Rand){
	func(e *opendata.Entry, _ *rand.Rand) {
		e.Dataset.TitleEN, e.Dataset.DescriptionEN, e.Dataset.KeywordsEN = "", "", nil
	},
	func(e *opendata.Entry, _ *rand.Rand) { e.Dataset.Keywords, e.Dataset.KeywordsEN = nil, nil },
	func(e *opendata.Entry, _ *rand.Rand) { e.Dataset.Themes = nil },
	func(e *opendata.Entry, _ *rand.Rand) { e.Dataset.Frequency, e.Dataset.AccessRights = "", "" },
	func(e *opendata.Entry, _ *rand.Rand) { e.Dataset.ContactName, e.Dataset.ContactEmail = "", "" },
	func(e *opendata.Entry, r *rand.Rand) {
		e.Dataset.TemporalStart, e.Dataset.TemporalEnd = []string{"", "2001-01-01"}[r.IntN(2)], ""
	},
	func(e *opendata.Entry, _ *rand.Rand) { e.Dataset.Spatial = "" },
	func(e *opendata.Entry, _ *rand.Rand) { e.Distributions = nil },
	func(e *opendata.Entry, _ *rand.Rand) { e.Publisher.OrgNumber, e.Publisher.NameEN = "", "" },
	func(e *opendata.Entry, _ *rand.Rand) { e.Publisher.Type = opendata.PublisherTypeBase + "Company" },
	func(e *opendata.Entry, r *rand.Rand) {
		n := 1 + r.IntN(3)
		e.Dataset.HVDCategories = nil
		for _, i := range r.Perm(len(opendata.HVDCategories))[:n] {
			e.Dataset.HVDCategories = append(e.Dataset.HVDCategories, opendata.HVDCategories[i].IRI)
		}
	},
	func(e *opendata.Entry, r *rand.Rand) {
		e.Dataset.TitleSV += " " + special[:r.IntN(len(special))]
		e.Dataset.DescriptionSV += "\n" + special
	},
	func(e *opendata.Entry, r *rand.Rand) {
		e.Dataset.Licence = opendata.Licences[r.IntN(len(opendata.Licences))].IRI
		e.Dataset.LandingPage = "https://example.se/sida?id=" + fmt.Sprint(r.IntN(100))
	},
	func(e *opendata.Entry, r *rand.Rand) {
		f := opendata.FileTypes[r.IntN(len(opendata.FileTypes))]
		e.Distributions = append(e.Distributions, opendata.Distribution{ID: fmt.Sprintf("x%d", r.IntN(1000)), Kind: opendata.KindLink,
			TitleSV: "Länk", URL: "https://example.se/data." + strings.ToLower(f.Code), Format: f.Code, MediaType: f.MediaType})
	},
}

// generated is one generated entry and what its defects say about it.
type generated struct {
	entry      opendata.Entry
	defects    []string
	wantCheck  bool // Check should report a violation
	wantSHACL  bool // SHACL should report a violation
	validation shacltest.Report
}

func generate(r *rand.Rand, i int) generated {
	e := fullEntry()
	e.Dataset.Slug = fmt.Sprintf("generated-%d", i)
	for _, v := range variations {
		if r.IntN(3) == 0 {
			v(&e, r)
		}
	}
	g := generated{}
	if r.IntN(3) > 0 { // two in three entries are broken, by one or two defects
		picked := r.Perm(len(defects))[:1+r.IntN(2)]
		for _, p := range picked {
			defects[p].apply(&e, r)
			g.defects = append(g.defects, defects[p].name)
		}
		for _, p := range picked {
			g.wantSHACL = g.wantSHACL || defects[p].shacl(e)
		}
		g.wantCheck = true
	}
	g.entry = e
	return g
}

// TestCheckAgreesWithSHACL is the property test of the conformance check:
// for generated entries, some sound and some broken by known defects, an
// entry Check lets through validates against the shapes, and the shapes
// report a violation exactly when one of its defects is one they can see.
func TestCheckAgreesWithSHACL(t *testing.T) {
	t.Parallel()
	r := rand.New(rand.NewPCG(4, 2026))
	var gens []generated
	for i := range 90 {
		gens = append(gens, generate(r, i))
	}
	var plain, hvd []int
	var plainDocs, hvdDocs []shacltest.Doc
	for i, g := range gens {
		f := dcat.Formats[i%len(dcat.Formats)]
		var b bytes.Buffer
		if err := dcat.WriteDataset(&b, f, testCatalog(), g.entry); err != nil {
			t.Fatal(err)
		}
		doc := shacltest.Doc{Name: g.entry.Dataset.Slug, Data: b.Bytes(), Format: f.String()}
		if g.entry.Dataset.HighValue() {
			hvd, hvdDocs = append(hvd, i), append(hvdDocs, doc)
		} else {
			plain, plainDocs = append(plain, i), append(plainDocs, doc)
		}
	}
	for j, rep := range shacltest.Run(t, false, plainDocs...) {
		gens[plain[j]].validation = rep
	}
	for j, rep := range shacltest.Run(t, true, hvdDocs...) {
		gens[hvd[j]].validation = rep
	}
	counts := map[[2]bool]int{}
	for _, g := range gens {
		ps := opendata.Check(g.entry)
		gotCheck, gotSHACL := opendata.HasViolation(ps), len(g.validation.Violations) > 0
		counts[[2]bool{gotCheck, gotSHACL}]++
		if !gotCheck && gotSHACL {
			t.Errorf("%s passes Check but not SHACL: %v", g.entry.Dataset.Slug, g.validation.Violations)
		}
		if gotCheck != g.wantCheck {
			t.Errorf("%s (defects %q): Check violation = %v, want %v: %+v", g.entry.Dataset.Slug, g.defects, gotCheck, g.wantCheck, ps)
		}
		if gotSHACL != g.wantSHACL {
			t.Errorf("%s (defects %q): SHACL violation = %v, want %v: %v", g.entry.Dataset.Slug, g.defects, gotSHACL, g.wantSHACL, g.validation.Violations)
		}
	}
	t.Logf("entries by (Check violation, SHACL violation): %v", counts)
	if counts[[2]bool{false, false}] < 10 || counts[[2]bool{true, true}] < 10 || counts[[2]bool{true, false}] < 10 {
		t.Errorf("the generator covers too little: %v", counts)
	}
}
