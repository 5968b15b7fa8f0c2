package followup_test

import (
	"slices"
	"strings"
	"testing"

	"sprang/internal/followup"
)

// sides returns the older and newer texts a diff stands for.
func sides(d []followup.DiffLine) (a, b []string) {
	for _, l := range d {
		switch l.Op {
		case followup.LineSame:
			a, b = append(a, l.Text), append(b, l.Text)
		case followup.LineRemoved:
			a = append(a, l.Text)
		case followup.LineAdded:
			b = append(b, l.Text)
		}
	}
	return a, b
}

// ops writes a diff compactly: " x" same, "-x" removed, "+x" added, "~n" skipped.
func ops(d []followup.DiffLine) string {
	var out []string
	for _, l := range d {
		switch l.Op {
		case followup.LineSame:
			out = append(out, " "+l.Text)
		case followup.LineRemoved:
			out = append(out, "-"+l.Text)
		case followup.LineAdded:
			out = append(out, "+"+l.Text)
		case followup.LineSkipped:
			out = append(out, "~"+strings.Repeat("|", l.Skipped))
		}
	}
	return strings.Join(out, ",")
}

func TestDiffLines(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name string
		a, b string
		want string
	}{
		{"same", "a b c", "a b c", " a, b, c"},
		{"one changed", "a b c", "a x c", " a,-b,+x, c"},
		{"added at end", "a b", "a b c", " a, b,+c"},
		{"removed at start", "a b c", "b c", "-a, b, c"},
		{"from nothing", "", "a b", "+a,+b"},
		{"to nothing", "a b", "", "-a,-b"},
		{"longest common kept", "a b c d e", "a c e f", " a,-b, c,-d, e,+f"},
		{"moved line", "a b c", "c a b", "+c, a, b,-c"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			a, b := strings.Fields(tt.a), strings.Fields(tt.b)
			d := followup.DiffLines(a, b)
			if got := ops(d); got != tt.want {
				t.Errorf("DiffLines = %s, want %s", got, tt.want)
			}
			if ga, gb := sides(d); !slices.Equal(ga, a) || !slices.Equal(gb, b) {
				t.Errorf("the diff stands for %v → %v, want %v → %v", ga, gb, a, b)
			}
		})
	}
}

func TestDiffLinesTooLong(t *testing.T) {
	t.Parallel()
	a, b := make([]string, 3000), make([]string, 3000)
	for i := range a {
		a[i], b[i] = "a"+strings.Repeat("x", i%7), "b"+strings.Repeat("y", i%5)
	}
	b[0] = a[0] // no common prefix or suffix remains after the first line
	d := followup.DiffLines(a, b)
	if ga, gb := sides(d); !slices.Equal(ga, a) || !slices.Equal(gb, b) {
		t.Fatal("the diff of long texts does not stand for them")
	}
	if d[1].Op != followup.LineRemoved || d[len(d)-1].Op != followup.LineAdded {
		t.Errorf("long texts: want all removed, then all added; got %v … %v", d[1], d[len(d)-1])
	}
}

func TestCollapseDiff(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name string
		a, b string
		want string
	}{
		{"no change", "a b c", "a b c", ""},
		{"change in the middle", "1 2 3 4 5 6 7 8 9", "1 2 3 4 X 6 7 8 9", "~||, 3, 4,-5,+X, 6, 7,~||"},
		{"two changes near", "1 2 3 4 5 6", "X 2 3 4 5 Y", "-1,+X, 2, 3, 4, 5,-6,+Y"},
		{"change at start", "1 2 3 4 5", "X 2 3 4 5", "-1,+X, 2, 3,~||"},
	}
	for _, tt := range tests {
		d := followup.CollapseDiff(followup.DiffLines(strings.Fields(tt.a), strings.Fields(tt.b)), 2)
		if got := ops(d); got != tt.want {
			t.Errorf("%s: CollapseDiff = %s, want %s", tt.name, got, tt.want)
		}
	}
}

func TestDiffRevisions(t *testing.T) {
	t.Parallel()
	old := validPolicy()
	old.Number = 1
	next := validPolicy()
	next.Number = 2
	next.Sections[1].Body.SV = "Text om trygghet.\nEn ny rad."                                         // trygghet changed, Swedish only
	next.Sections = slices.Delete(next.Sections, 2, 3)                                                 // the sub-area removed
	next.Sections = slices.Insert(next.Sections, 6, followup.Section{Perspective: followup.Innovation, // a sub-area added
		Key: "innovation-oppna-data", Heading: followup.Text{SV: "Öppna data"}, Body: followup.Text{SV: "Data ska vara öppna."}})
	next.Goals[0].Indicators = []string{"e-tjanster-antal", "digital-andel"} // changed
	next.Goals = append(next.Goals[:1], followup.Goal{Key: "innovation-mal-2", Perspective: followup.Innovation,
		Text: followup.Text{SV: "Minst 40 öppna dataset"}}) // innovation-mal-1 removed, -2 added
	if err := next.Validate(); err != nil {
		t.Fatalf("the changed policy is invalid: %v", err)
	}
	d := followup.DiffRevisions(old, next)
	if d.From != 1 || d.To != 2 {
		t.Errorf("From, To = %d, %d", d.From, d.To)
	}
	changes := map[string]followup.Change{}
	for _, s := range d.Sections {
		changes[s.Key] = s.Change
	}
	want := map[string]followup.Change{"inledning": followup.ChangeNone, "trygghet": followup.ChangeEdited,
		"trygghet-tillganglighet": followup.ChangeRemoved, "kompetens": followup.ChangeNone, "innovation-oppna-data": followup.ChangeAdded}
	for k, c := range want {
		if changes[k] != c {
			t.Errorf("section %s: %q, want %q", k, changes[k], c)
		}
	}
	if len(d.Sections) != 9 || len(d.ChangedSections()) != 3 {
		t.Errorf("%d sections, %d changed; want 9 and 3", len(d.Sections), len(d.ChangedSections()))
	}
	for _, s := range d.ChangedSections() {
		switch s.Key {
		case "trygghet":
			if got := ops(s.SV); got != "~|, , Text om trygghet.,+En ny rad." || s.EN != nil {
				t.Errorf("trygghet: SV %s, EN %v", got, s.EN)
			}
		case "trygghet-tillganglighet":
			if s.Heading.SV != "Tillgänglighet" || s.Perspective != followup.Trygghet || s.SV[0].Op != followup.LineRemoved {
				t.Errorf("removed section = %+v", s)
			}
		}
	}
	goals := map[string]followup.Change{}
	for _, g := range d.ChangedGoals() {
		goals[g.Key] = g.Change
	}
	if len(goals) != 3 || goals["trygghet-mal-1"] != followup.ChangeEdited || goals["innovation-mal-1"] != followup.ChangeRemoved ||
		goals["innovation-mal-2"] != followup.ChangeAdded {
		t.Errorf("goal changes = %v", goals)
	}
	if same := followup.DiffRevisions(old, old); len(same.ChangedSections()) != 0 || len(same.ChangedGoals()) != 0 {
		t.Errorf("a revision differs from itself: %+v", same)
	}
}

// FuzzDiffLines: whatever the texts, the diff stands for exactly them,
// and keeps at least as many lines as their common prefix and suffix.
func FuzzDiffLines(f *testing.F) {
	f.Add("a\nb\nc", "a\nx\nc")
	f.Add("", "ny text")
	f.Add("# Rubrik\n\nText", "# Rubrik\n\nText\n\n- punkt")
	f.Fuzz(func(t *testing.T, x, y string) {
		a, b := strings.Split(x, "\n"), strings.Split(y, "\n")
		d := followup.DiffLines(a, b)
		if ga, gb := sides(d); !slices.Equal(ga, a) || !slices.Equal(gb, b) {
			t.Fatalf("diff %s stands for %q → %q", ops(d), ga, gb)
		}
		c := followup.CollapseDiff(d, 2)
		for _, l := range c {
			if l.Op == followup.LineSkipped && l.Skipped < 1 {
				t.Fatalf("empty skip in %s", ops(c))
			}
		}
	})
}
