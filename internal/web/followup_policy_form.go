package web

import (
	"errors"
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"strings"

	"sprang"
	"sprang/internal/followup"
	"sprang/internal/i18n"
)

// The policy's editing form. Every section of the revision the editor
// starts from is a fieldset with its heading and Markdown body in Swedish
// and English (a sub-area also with a box to remove it); each part that
// may have sub-areas ends with an empty fieldset for a new one. The goals
// are repeated fieldsets (perspective, text in both languages, indicator
// keys comma-separated, a box to remove it) followed by a few empty ones
// for new goals. The reason for the change is required.
//
// The form carries its structure: hidden fields "sec" name the sections
// in order as "<part>/<key>", "goal-<i>-key" the goals' keys and "base"
// the revision it started from. A form sent back with errors shows the
// revision as it was read from the post (new sub-areas and goals as
// ordinary ones, empty rows dropped), so the errors' field names, which
// followup.Revision.Validate gives by section key and goal index, are
// the names of the fields shown.

// policyFormMax bounds the body of a posted policy: the whole policy in
// both languages, form-encoded (up to six bytes a character).
const policyFormMax = 1 << 20

// policyBlankGoals is how many empty goal rows the form offers.
const policyBlankGoals = 3

// policyNewSubParts are the parts the form offers a new sub-area for.
func policyNewSubParts() []followup.Perspective {
	return append(followup.Perspectives(), followup.Uppfoljning)
}

// policyEditPage is what the editing form shows.
type policyEditPage struct {
	Base     int // the revision the change starts from; 0 for the first
	Parts    []policyEditPart
	Goals    []policyEditGoal
	Reason   []bSection
	Conflict bool // another revision was saved meanwhile
}

// policyEditPart is one part of the form: its name, the hidden "sec"
// values of its sections, and their fieldsets (the new sub-area last).
type policyEditPart struct {
	Key      string
	Name     string
	Secs     []string
	Sections []bSection
}

// policyEditGoal is one goal row: its hidden key and its fieldset.
type policyEditGoal struct {
	Name string // the hidden key field's name
	Key  string
	Form []bSection
}

// policyFormValues returns the form's values for rev and the reason.
func policyFormValues(rev followup.Revision) url.Values {
	vals := url.Values{followup.FieldReason: {rev.Reason}}
	for _, s := range rev.Sections {
		vals.Set(followup.SectionField(s.Key, "heading_sv"), s.Heading.SV)
		vals.Set(followup.SectionField(s.Key, "heading_en"), s.Heading.EN)
		vals.Set(followup.SectionField(s.Key, "body_sv"), s.Body.SV)
		vals.Set(followup.SectionField(s.Key, "body_en"), s.Body.EN)
	}
	for i, g := range rev.Goals {
		vals.Set(followup.GoalField(i, "perspective"), string(g.Perspective))
		vals.Set(followup.GoalField(i, "text_sv"), g.Text.SV)
		vals.Set(followup.GoalField(i, "text_en"), g.Text.EN)
		vals.Set(followup.GoalField(i, "indicators"), strings.Join(g.Indicators, ", "))
	}
	return vals
}

// policyForm describes the form for rev with the errors errs (field →
// text), filling the view's error summary.
func policyForm(v *view, rev followup.Revision, errs map[string]string) policyEditPage {
	f := newBForm(v, policyFormValues(rev), errs)
	p := policyEditPage{}
	for _, part := range followup.PolicyParts() {
		ep := policyEditPart{Key: string(part), Name: v.T("followup.policy.part." + string(part))}
		start := len(f.Sections)
		for _, s := range rev.SectionsOf(part) {
			ep.Secs = append(ep.Secs, string(part)+"/"+s.Key)
			policySectionFields(f, s)
		}
		if slices.Contains(policyNewSubParts(), part) {
			f.Sections = append(f.Sections, bSection{Legend: v.T("followup.policy.form.new_sub", ep.Name),
				Hint: v.T("followup.policy.form.new_sub_hint")})
			policyTextFields(f, "new-"+string(part)+"-")
		}
		ep.Sections = f.Sections[start:]
		p.Parts = append(p.Parts, ep)
	}
	start := len(f.Sections)
	for i := range len(rev.Goals) + policyBlankGoals {
		key := ""
		if i < len(rev.Goals) {
			key = rev.Goals[i].Key
		}
		policyGoalFields(f, i, i >= len(rev.Goals))
		p.Goals = append(p.Goals, policyEditGoal{Name: followup.GoalField(i, "key"), Key: key})
	}
	for i := range p.Goals {
		p.Goals[i].Form = f.Sections[start+i : start+i+1]
	}
	start = len(f.Sections)
	f.section("followup.policy.form.reason_legend", "")
	f.area(followup.FieldReason, "followup.policy.f.reason", "followup.policy.h.reason", 3)
	p.Reason = f.Sections[start:]
	f.summary(followup.FieldSections, followup.FieldGoals)
	return p
}

// policySectionFields adds the fieldset of section s.
func policySectionFields(f *bForm, s followup.Section) {
	legend := s.Heading.SV
	if legend == "" {
		legend = s.Key
	}
	f.Sections = append(f.Sections, bSection{Legend: f.v.T("followup.policy.form.section", legend)})
	policyTextFields(f, followup.SectionField(s.Key, ""))
	if !s.Main() {
		f.check(followup.SectionField(s.Key, "remove"), "followup.policy.f.remove_sub", "")
	}
}

// policyTextFields adds the heading and body fields named prefix + part.
func policyTextFields(f *bForm, prefix string) {
	f.text(prefix+"heading_sv", "followup.policy.f.heading_sv", "")
	f.text(prefix+"heading_en", "followup.policy.f.heading_en", "")
	f.area(prefix+"body_sv", "followup.policy.f.body_sv", "followup.policy.h.body", 8)
	f.area(prefix+"body_en", "followup.policy.f.body_en", "", 8)
}

// policyGoalFields adds the fieldset of the i-th goal row (blank: an
// empty row for a new goal).
func policyGoalFields(f *bForm, i int, blank bool) {
	legend := f.v.T("followup.policy.form.goal", i+1)
	if blank {
		legend = f.v.T("followup.policy.form.new_goal", i+1)
	}
	f.Sections = append(f.Sections, bSection{Legend: legend})
	opts := []bOption{{Value: "", Label: f.v.T("followup.policy.f.choose_perspective")}}
	for _, p := range followup.Perspectives() {
		opts = append(opts, bOption{Value: string(p), Label: f.v.T("followup.policy.part." + string(p))})
	}
	f.choice("select", followup.GoalField(i, "perspective"), "followup.policy.f.goal_perspective", "", opts)
	f.text(followup.GoalField(i, "text_sv"), "followup.policy.f.goal_text_sv", "")
	f.text(followup.GoalField(i, "text_en"), "followup.policy.f.goal_text_en", "")
	f.text(followup.GoalField(i, "indicators"), "followup.policy.f.goal_indicators", "followup.policy.h.goal_indicators").Code = true
	if !blank {
		f.check(followup.GoalField(i, "remove"), "followup.policy.f.remove_goal", "")
	}
}

// postedPolicyForm reads the posted policy form, up to policyFormMax.
func postedPolicyForm(w http.ResponseWriter, r *http.Request) (url.Values, error) {
	r.Body = http.MaxBytesReader(w, r.Body, policyFormMax)
	if err := r.ParseForm(); err != nil {
		if _, ok := errors.AsType[*http.MaxBytesError](err); ok {
			return nil, errTooLarge
		}
		return nil, sprang.Errorf(sprang.Invalid, "form.invalid")
	}
	if !validUTF8(r.PostForm) {
		return nil, errUnreadable
	}
	return r.PostForm, nil
}

// policyFromForm reads the revision the form describes and the number of
// the revision it started from. The reason and author are the caller's.
func policyFromForm(vals url.Values) (followup.Revision, int) {
	base, _ := strconv.Atoi(vals.Get("base"))
	rev := followup.Revision{Reason: vals.Get(followup.FieldReason)}
	text := func(prefix, part string) followup.Text {
		return followup.Text{SV: vals.Get(prefix + part + "_sv"), EN: vals.Get(prefix + part + "_en")}
	}
	for _, sec := range vals["sec"] {
		part, key, _ := strings.Cut(sec, "/")
		prefix := followup.SectionField(key, "")
		s := followup.Section{Perspective: followup.Perspective(part), Key: key, Heading: text(prefix, "heading"), Body: text(prefix, "body")}
		if !s.Main() && vals.Get(prefix+"remove") != "" {
			continue
		}
		rev.Sections = append(rev.Sections, s)
	}
	for _, part := range policyNewSubParts() {
		prefix := "new-" + string(part) + "-"
		s := followup.Section{Perspective: part, Heading: text(prefix, "heading"), Body: text(prefix, "body")}
		if strings.TrimSpace(s.Heading.SV+s.Heading.EN+s.Body.SV+s.Body.EN) == "" {
			continue
		}
		s.Key = followup.NewSubAreaKey(part, s.Heading.SV, policySectionKeys(rev.Sections))
		rev.Sections = policyInsertSub(rev.Sections, s)
	}
	rev.Goals = policyGoalsFromForm(vals)
	return rev, base
}

// policyGoalsFromForm reads the goal rows: removed and empty rows left
// out, new goals given keys.
func policyGoalsFromForm(vals url.Values) []followup.Goal {
	var goals []followup.Goal
	for i := 0; i < followup.PolicyGoalsMax+policyBlankGoals+1 && vals.Has(followup.GoalField(i, "text_sv")); i++ {
		field := func(part string) string { return vals.Get(followup.GoalField(i, part)) }
		g := followup.Goal{Key: strings.TrimSpace(field("key")), Perspective: followup.Perspective(field("perspective")),
			Text: followup.Text{SV: field("text_sv"), EN: field("text_en")}, Indicators: strings.Split(field("indicators"), ",")}
		empty := strings.TrimSpace(field("text_sv")+field("text_en")+field("indicators")+field("perspective")) == ""
		if field("remove") != "" || (g.Key == "" && empty) {
			continue
		}
		goals = append(goals, g)
	}
	taken := make([]string, 0, len(goals))
	for _, g := range goals {
		taken = append(taken, g.Key)
	}
	for i, g := range goals {
		if g.Key == "" {
			goals[i].Key = followup.NewGoalKey(g.Perspective, taken)
			taken = append(taken, goals[i].Key)
		}
	}
	return goals
}

// policySectionKeys returns the sections' keys.
func policySectionKeys(secs []followup.Section) []string {
	out := make([]string, len(secs))
	for i, s := range secs {
		out[i] = s.Key
	}
	return out
}

// policyInsertSub inserts the sub-area s after the last section of its
// part (at the end when the part has none).
func policyInsertSub(secs []followup.Section, s followup.Section) []followup.Section {
	at := len(secs)
	for i, x := range secs {
		if x.Perspective == s.Perspective {
			at = i + 1
		}
	}
	return slices.Insert(secs, at, s)
}

// policyErrors translates the field errors of err into texts, naming the
// section or goal a field belongs to so the error summary says where.
func policyErrors(v *view, rev followup.Revision, err error) map[string]string {
	out := map[string]string{}
	for field, key := range sprang.ErrorFields(err) {
		msg := v.T(key)
		if n, ok := policyLimits[strings.TrimPrefix(key, "followup.policy.e.")]; ok {
			msg = v.T(key, i18n.Number(v.Lang, int64(n)))
		}
		out[field] = policyWhere(v, rev, field) + msg
	}
	return out
}

// policyLimits are the limits the messages of followup's validation name
// (by the key's last part), written into their texts.
var policyLimits = map[string]int{
	"reason_too_long": followup.PolicyReasonMax, "heading_too_long": followup.PolicyHeadingMax,
	"body_too_long": followup.PolicyBodyMax, "text_too_long": followup.PolicyTextMax,
	"too_many_sections": followup.PolicySectionsMax, "too_many_goals": followup.PolicyGoalsMax,
	"goal_text_too_long": followup.PolicyGoalTextMax, "goal_indicators_too_many": followup.PolicyGoalIndicMax,
	"key_invalid": followup.PolicyKeyMax,
}

// policyWhere returns "<section or goal>: " for a field of a section or a
// goal, "" for the others.
func policyWhere(v *view, rev followup.Revision, field string) string {
	for _, s := range rev.Sections {
		if slices.ContainsFunc([]string{"heading_sv", "heading_en", "body_sv", "body_en"},
			func(part string) bool { return field == followup.SectionField(s.Key, part) }) {
			name := s.Heading.SV
			if name == "" {
				name = v.T("followup.policy.part." + string(s.Perspective))
			}
			return name + ": "
		}
	}
	for i := range rev.Goals {
		if strings.HasPrefix(field, followup.GoalField(i, "")) {
			return v.T("followup.policy.form.goal", i+1) + ": "
		}
	}
	return ""
}

// policySkeletonIn returns the sections of a policy not written yet: the
// parts' main sections, headed with the parts' names in both languages.
func policySkeletonIn(v *view) []followup.Section {
	secs := followup.PolicySkeleton()
	for i, s := range secs {
		key := "followup.policy.part." + string(s.Perspective)
		secs[i].Heading = followup.Text{SV: v.cat.T(i18n.Swedish, key), EN: v.cat.T(i18n.English, key)}
	}
	return secs
}
