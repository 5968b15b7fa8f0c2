package web

import (
	"net/url"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"sprang/internal/followup"
)

// formPolicy is a valid revision for the form's tests.
func formPolicy() followup.Revision {
	var secs []followup.Section
	for _, s := range followup.PolicySkeleton() {
		s.Heading = followup.Text{SV: "Rubrik " + s.Key, EN: "Heading " + s.Key}
		s.Body = followup.Text{SV: "Text\n\n- punkt", EN: "Text"}
		secs = append(secs, s)
		if s.Key == "kompetens" {
			secs = append(secs, followup.Section{Perspective: followup.Kompetens, Key: "kompetens-chefer",
				Heading: followup.Text{SV: "Chefer"}, Body: followup.Text{SV: "Chefer ska leda."}})
		}
	}
	return followup.Revision{Reason: "Ny version", Sections: secs, Goals: []followup.Goal{
		{Key: "trygghet-mal-1", Perspective: followup.Trygghet, Text: followup.Text{SV: "Mål ett"}, Indicators: []string{"a", "b"}},
		{Key: "innovation-mal-1", Perspective: followup.Innovation, Text: followup.Text{SV: "Mål två", EN: "Goal two"}},
	}}
}

// postedOf returns what the form for rev posts unchanged.
func postedOf(rev followup.Revision, base string) url.Values {
	vals := policyFormValues(rev)
	vals.Set("base", base)
	for _, s := range rev.Sections {
		vals.Add("sec", string(s.Perspective)+"/"+s.Key)
	}
	for i, g := range rev.Goals {
		vals.Set(followup.GoalField(i, "key"), g.Key)
	}
	for i := len(rev.Goals); i < len(rev.Goals)+policyBlankGoals; i++ {
		for _, part := range []string{"key", "perspective", "text_sv", "text_en", "indicators"} {
			vals.Set(followup.GoalField(i, part), "")
		}
	}
	for _, p := range policyNewSubParts() {
		for _, part := range []string{"heading_sv", "heading_en", "body_sv", "body_en"} {
			vals.Set("new-"+string(p)+"-"+part, "")
		}
	}
	return vals
}

// TestPolicyFormRoundTrip: the form of a revision, posted unchanged,
// reads back as the same revision; its changes read as intended.
func TestPolicyFormRoundTrip(t *testing.T) {
	t.Parallel()
	rev := formPolicy()
	got, base := policyFromForm(postedOf(rev, "4"))
	if base != 4 {
		t.Errorf("base = %d, want 4", base)
	}
	if diff := cmp.Diff(rev, got.Normalize()); diff != "" {
		t.Errorf("round trip (-want +got):\n%s", diff)
	}

	vals := postedOf(rev, "4")
	vals.Set(followup.SectionField("kompetens-chefer", "remove"), "1")
	vals.Set("new-hallbarhet-heading_sv", "Ekologisk hållbarhet")
	vals.Set("new-hallbarhet-body_sv", "Mindre papper.")
	vals.Set(followup.GoalField(0, "remove"), "1")
	vals.Set(followup.GoalField(3, "perspective"), "kompetens")
	vals.Set(followup.GoalField(3, "text_sv"), "Nytt mål")
	vals.Set(followup.GoalField(3, "indicators"), "kompetens-medel, ,kompetens-medel")
	got, _ = policyFromForm(vals)
	got = got.Normalize()
	if err := got.Validate(); err != nil {
		t.Fatalf("the changed form is invalid: %v", err)
	}
	if s := got.SectionsOf(followup.Kompetens); len(s) != 1 {
		t.Errorf("the removed sub-area remains: %+v", s)
	}
	if s := got.SectionsOf(followup.Hallbarhet); len(s) != 2 || s[1].Key != "hallbarhet-ekologisk-hallbarhet" || s[1].Body.SV != "Mindre papper." {
		t.Errorf("new sub-area: %+v", s)
	}
	want := []followup.Goal{rev.Goals[1], {Key: "kompetens-mal-1", Perspective: followup.Kompetens,
		Text: followup.Text{SV: "Nytt mål"}, Indicators: []string{"kompetens-medel"}}}
	if diff := cmp.Diff(want, got.Goals); diff != "" {
		t.Errorf("goals (-want +got):\n%s", diff)
	}
}

// FuzzPolicyForm: whatever is posted, reading it neither panics nor
// yields more goals than the form has rows, and what Validate accepts
// keeps the policy's structure and renders.
func FuzzPolicyForm(f *testing.F) {
	f.Add(postedOf(formPolicy(), "1").Encode())
	f.Add("sec=inledning%2Finledning&sec=x%2F..&base=-1&goal-0-text_sv=a&goal-0-key=&new-trygghet-heading_sv=%C3%96")
	f.Add("sec=trygghet&sec=%2F&goal-0-text_sv=&goal-1-text_sv=x&goal-1-perspective=trygghet")
	f.Fuzz(func(t *testing.T, body string) {
		vals, err := url.ParseQuery(body)
		if err != nil {
			return
		}
		rev, _ := policyFromForm(vals)
		if len(rev.Goals) > followup.PolicyGoalsMax+policyBlankGoals+1 {
			t.Fatalf("%d goals from one form", len(rev.Goals))
		}
		rev = rev.Normalize()
		if rev.Validate() != nil {
			return
		}
		for _, p := range followup.PolicyParts() {
			s := rev.SectionsOf(p)
			if len(s) == 0 || !s[0].Main() {
				t.Fatalf("accepted a policy without the main section of %s", p)
			}
			for _, sec := range s {
				if strings.Contains(string(renderMarkdown(sec.Body.SV, 3)), "<script") {
					t.Fatalf("script in section %s", sec.Key)
				}
			}
		}
	})
}
