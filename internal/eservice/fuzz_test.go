package eservice_test

import (
	"bytes"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"

	"sprang"
	"sprang/internal/eservice"
)

// postedFrom spreads values (separated by \x1f; a field's several values
// by \x1e) over the fields of every page of f, in order.
func postedFrom(f eservice.Form, values string) eservice.Answers {
	vals := strings.Split(values, "\x1f")
	a := eservice.Answers{}
	i := 0
	for _, p := range f.Pages {
		for _, name := range fieldNames(p, 3) {
			if i >= len(vals) {
				return a
			}
			a[name] = strings.Split(vals[i], "\x1e")
			i++
		}
	}
	return a
}

// FuzzReadPage posts arbitrary values to every page of two forms: reading
// must never panic, every problem must name a field of the page and have a
// text, and every cleaned value must read back unchanged and without a
// problem (all of them, when the first reading had none).
func FuzzReadPage(f *testing.F) {
	forms := []eservice.Form{felanmalan(f).Form, kitchenSink()}
	f.Add(uint8(0), uint8(0), "belysning\x1fText\x1fno")
	f.Add(uint8(0), uint8(3), "Storgatan 1\x1f891 88\x1fÖ-vik\x1fPlatsen vid ån\x1f2026-02-30\x1f12\x1f2\x1fx\x1f\x1f\x1f\x1f\x1f")
	f.Add(uint8(1), uint8(0), "ab\x1fABC123\x1fLång\r\ntext\x1f1 234,5\x1f2026-03-05\x1fA@B.SE\x1f+46 70-123 45 67\x1f811218-9876\x1f2120002411\x1fGatan 2\x1f12345\x1fStad\x1fa\x1fa\x1ec\x1fyes\x1f42\x1fom ja\x1f2\x1fNamn\x1fG 1\x1f123 45\x1fOrt\x1fyes")
	f.Add(uint8(1), uint8(1), "\x1f\x1f\x1f\x1f\x1f\x1f\x1f\x1f\x1f\x1f\x1f\x1fa\x1fb\x1ec\x1fno")
	f.Add(uint8(1), uint8(0), "\xff\x1f\x00\x1f−0,0\x1f9999-99-99\x1f@\x1f+\x1f00000000-0000")
	f.Fuzz(func(t *testing.T, which, page uint8, values string) {
		form := forms[int(which)%len(forms)]
		i := int(page) % (len(form.Pages) + 1) // one past the end too
		posted := postedFrom(form, values)
		got, errs := form.ReadPage(i, posted, posted, now)
		msgs := eservice.Messages()
		var names []string
		if i < len(form.Pages) {
			names = fieldNames(form.Pages[i], 11)
		}
		bad := map[string]bool{}
		for _, e := range errs {
			if _, ok := msgs[e.Key]; !ok {
				t.Errorf("problem %s has key %q without text", e.Field, e.Key)
			}
			if !contains(names, e.Field) {
				t.Errorf("problem names field %q, not on page %d", e.Field, i)
			}
			bad[e.Field] = true
		}
		for field := range got {
			if !contains(names, field) {
				t.Errorf("answer %q is not on page %d", field, i)
			}
		}
		again, errs2 := form.ReadPage(i, got, posted, now)
		for _, e := range errs2 {
			if _, had := got[e.Field]; had || len(errs) == 0 {
				t.Errorf("cleaned answers read back with a problem: %s %s (first: %v)", e.Field, e.Key, got)
			}
		}
		for field, v := range got {
			if !cmp.Equal(v, again[field]) {
				t.Errorf("field %s: cleaned %q reads back as %q", field, v, again[field])
			}
		}
		if len(errs) == 0 && !cmp.Equal(got, again, cmpopts.EquateEmpty()) {
			t.Errorf("cleaned answers change when read again: %v → %v", got, again)
		}
	})
}

func contains(list []string, s string) bool {
	for _, v := range list {
		if v == s {
			return true
		}
	}
	return false
}

// FuzzImport feeds arbitrary bytes to Import: it must never panic, every
// refusal must be Invalid with a message whose placeholders MessageArgs
// fills, and every accepted spec must validate against the schema and
// export and import back unchanged.
func FuzzImport(f *testing.F) {
	sch := compileSchema(f)
	good := felanmalanBytes(f)
	f.Add(good)
	f.Add(export(f, minimal()))
	f.Add(bytes.Replace(good, []byte(`"id": "typ",`), []byte(`"id": "typ", "x": 1,`), 1))
	f.Add(bytes.Replace(good, []byte(`"classification": 1`), []byte(`"classification": "1"`), 1))
	f.Add(good[:500])
	f.Add([]byte(`{"format":"sprang-eservice/1"}`))
	f.Add([]byte("\xef\xbb\xbf[]"))
	msgs := eservice.Messages()
	f.Fuzz(func(t *testing.T, b []byte) {
		s, err := eservice.Import(bytes.NewReader(b))
		if err != nil {
			if sprang.ErrorKind(err) != sprang.Invalid {
				t.Fatalf("Import = %v, not Invalid", err)
			}
			text, ok := msgs[sprang.ErrorMessage(err)]
			if !ok {
				t.Fatalf("message %q has no text", sprang.ErrorMessage(err))
			}
			if n := len(placeholder.FindAllString(text.SV, -1)); n != len(eservice.MessageArgs(err)) {
				t.Fatalf("message %q has %d placeholders, args %v", sprang.ErrorMessage(err), n, eservice.MessageArgs(err))
			}
			return
		}
		out := export(t, s)
		if err := schemaValid(t, sch, out); err != nil {
			t.Errorf("an accepted spec is not valid by the schema: %v\n%s", err, out)
		}
		back, err := eservice.Import(bytes.NewReader(out))
		if err != nil {
			t.Fatalf("Import(Export(accepted)) = %v\n%s", err, out)
		}
		if diff := cmp.Diff(s, back, cmpopts.EquateEmpty()); diff != "" {
			t.Errorf("Export→Import changed the spec (-first +again):\n%s", diff)
		}
	})
}
