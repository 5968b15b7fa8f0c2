package opendata_test

import (
	"strings"
	"testing"

	"sprang/internal/opendata"
)

func TestMessages(t *testing.T) {
	t.Parallel()
	m := opendata.Messages()
	if len(m) < 30 {
		t.Fatalf("Messages has %d texts, want every check message", len(m))
	}
	for k, txt := range m {
		if !strings.HasPrefix(k, "opendata.check.") {
			t.Errorf("key %q is not under opendata.check.", k)
		}
		for lang, s := range map[string]string{"sv": txt.SV, "en": txt.EN} {
			if strings.TrimSpace(s) == "" || !strings.HasSuffix(s, ".") {
				t.Errorf("%s %s = %q: want a sentence", k, lang, s)
			}
			if strings.Contains(s, `"`) {
				t.Errorf("%s %s uses straight quotes: %q", k, lang, s)
			}
		}
		if strings.Count(txt.SV, "%") != strings.Count(txt.EN, "%") {
			t.Errorf("%s: Swedish and English have different placeholders", k)
		}
		if txt.SV == txt.EN {
			t.Errorf("%s: the English text is the Swedish one", k)
		}
	}
}

// TestMessagesCoverCheck checks that every problem Check reports for a
// thoroughly broken entry has a text, with a placeholder exactly when the
// problem carries a value.
func TestMessagesCoverCheck(t *testing.T) {
	t.Parallel()
	m := opendata.Messages()
	e := goodEntry()
	e.Dataset = opendata.Dataset{Themes: []string{"x"}, Licence: "x", AccessRights: "x", Frequency: "x",
		TemporalStart: "x", TemporalEnd: "y", Spatial: "x", LandingPage: "x", HVDCategories: []string{"x"}, ContactEmail: "x"}
	e.Publisher = opendata.Publisher{}
	e.Distributions = append(e.Distributions, opendata.Distribution{ID: "r3", Kind: "x", Format: "x", Licence: "x"},
		opendata.Distribution{ID: "r4", Kind: opendata.KindFile})
	for _, p := range opendata.Check(e) {
		txt, ok := m[p.Key]
		if !ok {
			t.Errorf("no text for %s", p.Key)
			continue
		}
		if strings.Contains(txt.SV, "%s") != (p.Arg != "" || p.Key == opendata.MsgCheckPublisherType) {
			t.Errorf("%s: placeholder and argument %q disagree", p.Key, p.Arg)
		}
	}
}
