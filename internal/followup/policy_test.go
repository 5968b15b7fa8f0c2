package followup_test

import (
	"slices"
	"strings"
	"testing"

	"sprang"
	"sprang/internal/followup"
)

// validPolicy returns a revision that Validate accepts: every part with a
// main section, trygghet with one sub-area, and two goals.
func validPolicy() followup.Revision {
	var secs []followup.Section
	for _, s := range followup.PolicySkeleton() {
		s.Heading = followup.Text{SV: "Rubrik " + s.Key, EN: "Heading " + s.Key}
		s.Body = followup.Text{SV: "Text om " + s.Key + ".", EN: "Text on " + s.Key + "."}
		secs = append(secs, s)
		if s.Perspective == followup.Trygghet {
			secs = append(secs, followup.Section{Perspective: followup.Trygghet, Key: "trygghet-tillganglighet",
				Heading: followup.Text{SV: "Tillgänglighet"}, Body: followup.Text{SV: "Alla ska kunna använda tjänsterna."}})
		}
	}
	return followup.Revision{AuthorID: 1, Reason: "Antagen av fullmäktige", Sections: secs, Goals: []followup.Goal{
		{Key: "trygghet-mal-1", Perspective: followup.Trygghet, Text: followup.Text{SV: "Fler e-tjänster"}, Indicators: []string{"e-tjanster-antal"}},
		{Key: "innovation-mal-1", Perspective: followup.Innovation, Text: followup.Text{SV: "Mer öppna data"}},
	}}
}

func TestPolicyValidate(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name   string
		change func(r *followup.Revision)
		fields map[string]string // field → message key; nil: valid
	}{
		{"valid", func(*followup.Revision) {}, nil},
		{"no reason", func(r *followup.Revision) { r.Reason = "" }, map[string]string{"reason": "followup.policy.e.reason_required"}},
		{"long reason", func(r *followup.Revision) { r.Reason = strings.Repeat("å", followup.PolicyReasonMax+1) },
			map[string]string{"reason": "followup.policy.e.reason_too_long"}},
		{"no Swedish heading", func(r *followup.Revision) { r.Sections[1].Heading.SV = "" },
			map[string]string{"sec-trygghet-heading_sv": "followup.policy.e.heading_required"}},
		{"no Swedish body of a sub-area", func(r *followup.Revision) { r.Sections[2].Body.SV = "" },
			map[string]string{"sec-trygghet-tillganglighet-body_sv": "followup.policy.e.body_required"}},
		{"English may be missing", func(r *followup.Revision) { r.Sections[0].Heading.EN, r.Sections[0].Body.EN = "", "" }, nil},
		{"long English body", func(r *followup.Revision) { r.Sections[0].Body.EN = strings.Repeat("x", followup.PolicyBodyMax+1) },
			map[string]string{"sec-inledning-body_en": "followup.policy.e.body_too_long"}},
		{"long heading", func(r *followup.Revision) {
			r.Sections[3].Heading.SV = strings.Repeat("x", followup.PolicyHeadingMax+1)
		},
			map[string]string{"sec-kompetens-heading_sv": "followup.policy.e.heading_too_long"}},
		{"too much text in all", func(r *followup.Revision) {
			for i := range r.Sections {
				r.Sections[i].Body.SV = strings.Repeat("x", followup.PolicyBodyMax)
			}
		}, map[string]string{"sections": "followup.policy.e.text_too_long"}},
		{"part missing", func(r *followup.Revision) { r.Sections = slices.Delete(r.Sections, 3, 4) },
			map[string]string{"sections": "followup.policy.e.structure"}},
		{"parts out of order", func(r *followup.Revision) { r.Sections[0], r.Sections[3] = r.Sections[3], r.Sections[0] },
			map[string]string{"sections": "followup.policy.e.structure"}},
		{"sub-area before its main section", func(r *followup.Revision) { r.Sections[1], r.Sections[2] = r.Sections[2], r.Sections[1] },
			map[string]string{"sections": "followup.policy.e.structure"}},
		{"sub-area key of another part", func(r *followup.Revision) { r.Sections[2].Key = "kompetens-x" },
			map[string]string{"sections": "followup.policy.e.structure"}},
		{"key twice", func(r *followup.Revision) { r.Sections = slices.Insert(r.Sections, 3, r.Sections[2]) },
			map[string]string{"sections": "followup.policy.e.structure"}},
		{"bad key", func(r *followup.Revision) { r.Sections[2].Key = "trygghet-Ö" },
			map[string]string{"sections": "followup.policy.e.structure"}},
		{"unknown part", func(r *followup.Revision) { r.Sections[2].Perspective = "ekonomi" },
			map[string]string{"sections": "followup.policy.e.structure"}},
		{"goal without text", func(r *followup.Revision) { r.Goals[1].Text.SV = "" },
			map[string]string{"goal-1-text_sv": "followup.policy.e.goal_text_required"}},
		{"goal of the follow-up section", func(r *followup.Revision) { r.Goals[0].Perspective = followup.Uppfoljning },
			map[string]string{"goal-0-perspective": "followup.policy.e.goal_perspective_required"}},
		{"goal key twice", func(r *followup.Revision) { r.Goals[1].Key = r.Goals[0].Key },
			map[string]string{"goal-1-key": "followup.policy.e.goal_key_invalid"}},
		{"bad indicator key", func(r *followup.Revision) { r.Goals[0].Indicators = []string{"E-tjänster"} },
			map[string]string{"goal-0-indicators": "followup.policy.e.key_invalid"}},
		{"too many indicators", func(r *followup.Revision) {
			r.Goals[0].Indicators = strings.Split("a b c d e f g h i j k", " ")
		}, map[string]string{"goal-0-indicators": "followup.policy.e.goal_indicators_too_many"}},
		{"too many goals", func(r *followup.Revision) {
			for i := range followup.PolicyGoalsMax {
				r.Goals = append(r.Goals, followup.Goal{Key: followup.NewGoalKey(followup.Kompetens, keysOf(r.Goals)), Perspective: followup.Kompetens,
					Text: followup.Text{SV: "Mål " + string(rune('a'+i%26))}})
			}
		}, map[string]string{"goals": "followup.policy.e.too_many_goals"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			r := validPolicy()
			tt.change(&r)
			err := r.Normalize().Validate()
			if tt.fields == nil {
				if err != nil {
					t.Fatalf("Validate = %v, want nil", err)
				}
				return
			}
			if sprang.ErrorKind(err) != sprang.Invalid {
				t.Fatalf("Validate = %v, want Invalid", err)
			}
			for f, key := range tt.fields {
				if got := sprang.ErrorFields(err)[f]; got != key {
					t.Errorf("field %s = %q, want %q (all: %v)", f, got, key, sprang.ErrorFields(err))
				}
			}
		})
	}
}

// keysOf returns the goals' keys.
func keysOf(gs []followup.Goal) []string {
	out := make([]string, len(gs))
	for i, g := range gs {
		out[i] = g.Key
	}
	return out
}

func TestPolicyNormalize(t *testing.T) {
	t.Parallel()
	r := followup.Revision{Reason: "  Ny  lag \r\n", Sections: []followup.Section{{Key: " inledning ",
		Heading: followup.Text{SV: "  Om \t policyn  "}, Body: followup.Text{SV: "\r\n\r\nFörsta raden  \r\nAndra\r\n\r\n"}}},
		Goals: []followup.Goal{{Key: " g ", Text: followup.Text{SV: " Ett\nmål "}, Indicators: []string{" a ", "", "b", "a"}}}}
	got := r.Normalize()
	if got.Reason != "Ny  lag" || got.Sections[0].Key != "inledning" || got.Sections[0].Heading.SV != "Om policyn" ||
		got.Sections[0].Body.SV != "Första raden\nAndra" {
		t.Errorf("Normalize sections = %+v", got)
	}
	if g := got.Goals[0]; g.Key != "g" || g.Text.SV != "Ett mål" || !slices.Equal(g.Indicators, []string{"a", "b"}) {
		t.Errorf("Normalize goal = %+v", g)
	}
	if r.Sections[0].Key != " inledning " {
		t.Error("Normalize changed its receiver's sections")
	}
}

func TestPolicyKeys(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name string
		got  string
		want string
	}{
		{"slug with å ä ö", followup.NewSubAreaKey(followup.Hallbarhet, "Ekologisk hållbarhet & klimat", nil), "hallbarhet-ekologisk-hallbarhet-klimat"},
		{"taken", followup.NewSubAreaKey(followup.Kompetens, "Chefer", []string{"kompetens-chefer"}), "kompetens-chefer-2"},
		{"no letters", followup.NewSubAreaKey(followup.Kompetens, "!!", nil), "kompetens-delomrade"},
		{"long", followup.NewSubAreaKey(followup.Innovation, strings.Repeat("öppna data ", 10), nil),
			"innovation-oppna-data-oppna-data-oppna-data-oppna-d"},
		{"goal", followup.NewGoalKey(followup.Trygghet, []string{"trygghet-mal-1"}), "trygghet-mal-2"},
	}
	for _, tt := range tests {
		if tt.got != tt.want {
			t.Errorf("%s: %q, want %q", tt.name, tt.got, tt.want)
		}
		if !followup.PolicyKeyValid(tt.got) {
			t.Errorf("%s: %q is not a valid key", tt.name, tt.got)
		}
	}
}

func TestPolicyHelpers(t *testing.T) {
	t.Parallel()
	r := validPolicy()
	if got := r.SectionsOf(followup.Trygghet); len(got) != 2 || !got[0].Main() || got[1].Main() {
		t.Errorf("SectionsOf(trygghet) = %+v", got)
	}
	if got := r.GoalsOf(followup.Innovation); len(got) != 1 || got[0].Key != "innovation-mal-1" {
		t.Errorf("GoalsOf(innovation) = %+v", got)
	}
	r.Goals = append(r.Goals, followup.Goal{Indicators: []string{"digital-andel", "e-tjanster-antal"}})
	if got := r.PolicyIndicatorKeys(); !slices.Equal(got, []string{"e-tjanster-antal", "digital-andel"}) {
		t.Errorf("PolicyIndicatorKeys = %v", got)
	}
	if got := followup.PolicyParts(); len(got) != 7 || got[0] != followup.Introduction || got[6] != followup.Uppfoljning {
		t.Errorf("PolicyParts = %v", got)
	}
}
