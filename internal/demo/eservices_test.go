package demo

import (
	"bytes"
	"io/fs"
	"path"
	"slices"
	"strings"
	"testing"
	"time"

	"sprang/internal/eservice"
)

// TestSpecFilesImport: every embedded e-service file imports cleanly, is
// named after its slug and belongs to a demo unit.
func TestSpecFilesImport(t *testing.T) {
	t.Parallel()
	names, err := fs.Glob(specFiles, specDir+"/*.json")
	if err != nil || len(names) < 9 {
		t.Fatalf("embedded e-services: %v (%v), want 8 published and a draft", names, err)
	}
	units := map[string]bool{}
	for _, u := range Units() {
		units[u.Slug] = true
	}
	for _, name := range names {
		t.Run(path.Base(name), func(t *testing.T) {
			t.Parallel()
			b, err := specFiles.ReadFile(name)
			if err != nil {
				t.Fatal(err)
			}
			spec, err := eservice.Import(bytes.NewReader(b))
			if err != nil {
				t.Fatalf("import: %v (%v)", err, eservice.MessageArgs(err))
			}
			if want := strings.TrimSuffix(path.Base(name), ".json"); spec.Slug != want {
				t.Errorf("slug %q in file %s", spec.Slug, name)
			}
			if !units[spec.UnitSlug] {
				t.Errorf("unit %q is no demo unit", spec.UnitSlug)
			}
			if len(spec.Privacy.Purpose.EN) == 0 || len(spec.Title.EN) == 0 {
				t.Error("an English title and privacy notice are missing")
			}
		})
	}
}

// TestSecondVersion: version 2 of the two-version service validates, adds
// one option and leaves version 1 as it was.
func TestSecondVersion(t *testing.T) {
	t.Parallel()
	specs, err := Specs()
	if err != nil {
		t.Fatal(err)
	}
	i := slices.IndexFunc(specs, func(s eservice.Spec) bool { return s.Slug == twoVersionsSlug })
	if i < 0 {
		t.Fatalf("no %s", twoVersionsSlug)
	}
	v1 := specs[i]
	before := len(v1.Form.Pages[0].Questions[0].Options)
	v2 := secondVersion(v1)
	if err := v2.Validate(); err != nil {
		t.Fatalf("version 2: %v", err)
	}
	got := v2.Form.Pages[0].Questions[0].Options
	if len(got) != before+1 || got[len(got)-1].Value != "annat" || len(v1.Form.Pages[0].Questions[0].Options) != before {
		t.Errorf("version 2 options %v, version 1 has %d", got, len(v1.Form.Pages[0].Questions[0].Options))
	}
}

// TestPersonnummerAreTestNumbers: every made-up personnummer is a valid
// test number, never a real person's.
func TestPersonnummerAreTestNumbers(t *testing.T) {
	t.Parallel()
	seen := map[string]bool{}
	for _, r := range residents() {
		p := string(r.pnr)
		if seen[p] {
			t.Errorf("%s twice", p)
		}
		seen[p] = true
		form := eservice.Form{Pages: []eservice.Page{{ID: "p", Questions: []eservice.Question{{ID: "pnr", Type: eservice.TypePersonnummer}}}}}
		if _, errs := form.ReadPage(0, eservice.Answers{"pnr": {p}}, nil, time.Now()); len(errs) > 0 {
			t.Errorf("%s: %+v", p, errs)
		}
		if p != ResidentPersonnummer && p[8:10] != "98" && p[8:10] != "99" {
			t.Errorf("%s is not in the test range", p)
		}
	}
}
