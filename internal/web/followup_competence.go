package web

import (
	"errors"
	"net/http"
	"strconv"

	"sprang"
	"sprang/internal/followup"
	"sprang/internal/i18n"
)

// The DigComp self-assessment (/personal/kompetens): every staff user
// answers for themselves, for the current year (by the store's clock) —
// the unit they answer for (one they have a role in), their role group
// and a level 1–8 for each of the 21 competences — and then sees their
// own profile per area with suggested learning resources for their
// weakest areas. The first answer of a year fixes the unit and role
// group: the form then shows them as fixed and a resubmission changes
// the levels only (store.SaveCompetence refuses anything else), so
// nobody can move between groups to difference the figures. Their
// answers are personal data: the store keeps them sealed, and every
// showing of them is recorded in the audit log (store.OwnCompetence).
// Nobody else sees them; others see aggregates (followup_competence_
// overview.go). The page is never cached and never compressed with a
// query string (mayCompress), and nothing personal goes in its URLs.

// competencePath is the own self-assessment page.
const competencePath = "/personal/kompetens"

// competencePage is what the own self-assessment page shows.
type competencePage struct {
	Year        int
	Units       []unitOption    // the units the user may answer for
	OneUnit     *unitOption     // the only one, when there is one
	Locked      *competenceLock // the unit and group fixed by the first answer of the year
	Groups      []maturityChoice
	Areas       []competenceAreaForm
	Levels      []competenceLevelKey
	Profile     []competenceProfileRow
	Chart       *chart
	Suggestions []competenceSuggestion
	SubmittedAt string
	Done        bool
}

// competenceLock is the unit and role group of the year's first answer.
type competenceLock struct {
	Unit, Group         string // the values the form sends
	UnitName            unitName
	GroupName, Answered string
}

// competenceAreaForm is one DigComp area's fieldset.
type competenceAreaForm struct {
	Code        string
	Name        string
	Competences []competenceField
}

// competenceField is one competence's radio group.
type competenceField struct {
	ID, Code, Name string
	Error          string
	Levels         []maturityChoice
}

// competenceLevelKey explains the level numbers.
type competenceLevelKey struct {
	Levels, Name string
}

// competenceProfileRow is one area of the own profile.
type competenceProfileRow struct {
	Code, Name, Mean, Band string
}

// competenceSuggestion is a learning resource for a weak area.
type competenceSuggestion struct {
	Area, Title, What string
}

func (s *Server) handleCompetence(w http.ResponseWriter, r *http.Request) {
	acc, err := s.staffAccess(r)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	own, err := s.ownCompetence(r, acc)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	v := s.view(r)
	s.renderCompetence(w, r, v, http.StatusOK, acc, own, own, own)
}

// ownCompetence returns the user's own answers of the current year (the
// read audited), or none.
func (s *Server) ownCompetence(r *http.Request, acc *access) (followup.CompetenceAnswers, error) {
	own, err := s.db.OwnCompetence(r.Context(), acc.User.ID, s.thisYear())
	if sprang.ErrorKind(err) == sprang.NotFound {
		return followup.CompetenceAnswers{}, nil
	}
	return own, err
}

func (s *Server) handleCompetencePost(w http.ResponseWriter, r *http.Request) {
	acc, err := s.staffAccess(r)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	names := []string{"unit", "group"}
	for _, c := range followup.Competences() {
		names = append(names, c.FieldID())
	}
	form, err := postedForm(w, r, names...)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	a := followup.CompetenceAnswers{UserID: acc.User.ID, Year: s.thisYear(), Group: followup.RoleGroup(form["group"]), Levels: map[string]int{}}
	a.UnitID, _ = strconv.ParseInt(form["unit"], 10, 64)
	for _, c := range followup.Competences() {
		if l, err := strconv.Atoi(form[c.FieldID()]); err == nil {
			a.Levels[c.Code] = l
		}
	}
	_, err = s.db.SaveCompetence(r.Context(), a, grantUnits(acc))
	var e *sprang.Error
	if errors.As(err, &e) && e.Kind == sprang.Invalid {
		earlier, err := s.ownCompetence(r, acc) // the fixed unit and group, to show them again
		if err != nil {
			s.fail(w, r, err)
			return
		}
		v := s.view(r)
		v.Errors = competenceErrors(v, e.Fields, earlier)
		s.renderCompetence(w, r, v, http.StatusUnprocessableEntity, acc, a, followup.CompetenceAnswers{}, earlier)
		return
	}
	if err != nil {
		s.fail(w, r, err)
		return
	}
	http.Redirect(w, r, competencePath+"?klart=1#profil", http.StatusSeeOther)
}

// grantUnits returns the units the user has a role in, in grant order.
func grantUnits(acc *access) []int64 {
	var out []int64
	seen := map[int64]bool{}
	for _, g := range acc.User.Grants {
		if _, ok := acc.Tree.Unit(g.UnitID); ok && !seen[g.UnitID] {
			seen[g.UnitID] = true
			out = append(out, g.UnitID)
		}
	}
	return out
}

// competenceErrors returns the error summary, in the form's order; a
// refused change of unit or group names the ones of earlier.
func competenceErrors(v *view, fields map[string]string, earlier followup.CompetenceAnswers) []fieldError {
	var out []fieldError
	if msg, ok := fields["unit"]; ok {
		text := v.T(msg)
		if msg == followup.MsgCompetenceLocked {
			text = v.T(msg, earlier.Year, textIn(v, earlier.Group.Name()).Text)
		}
		out = append(out, fieldError{Field: "unit", Message: text})
	}
	if msg, ok := fields["group"]; ok {
		out = append(out, fieldError{Field: "group", Message: v.T(msg)})
	}
	for _, c := range followup.Competences() {
		if msg, ok := fields[c.FieldID()]; ok {
			out = append(out, fieldError{Field: c.FieldID(), Message: v.T(msg, c.Code+" "+textIn(v, c.Name).Text)})
		}
	}
	if msg, ok := fields["levels"]; ok {
		out = append(out, fieldError{Field: "k1-1", Message: v.T(msg)})
	}
	return out
}

// renderCompetence renders the form with the answers of form (stored or
// as posted), when saved has been submitted the profile, and when
// earlier (the year's stored answers) has been the unit and role group
// fixed.
func (s *Server) renderCompetence(w http.ResponseWriter, r *http.Request, v *view, status int, acc *access, form, saved, earlier followup.CompetenceAnswers) {
	p := competencePage{Year: s.thisYear(), Done: status == http.StatusOK && r.URL.Query().Get("klart") == "1"}
	for _, id := range grantUnits(acc) {
		u, _ := acc.Tree.Unit(id)
		p.Units = append(p.Units, unitOption{Value: strconv.FormatInt(id, 10), Name: v.UnitName(u), Selected: id == form.UnitID})
	}
	if len(p.Units) == 1 {
		p.OneUnit = &p.Units[0]
	}
	if !earlier.SubmittedAt.IsZero() {
		u, _ := acc.Tree.Unit(earlier.UnitID)
		p.Locked = &competenceLock{Unit: strconv.FormatInt(earlier.UnitID, 10), Group: string(earlier.Group),
			UnitName: v.UnitName(u), GroupName: textIn(v, earlier.Group.Name()).Text, Answered: i18n.Date(v.Lang, earlier.SubmittedAt)}
	}
	for _, g := range followup.RoleGroups() {
		p.Groups = append(p.Groups, maturityChoice{Value: string(g), Label: textIn(v, g.Name()).Text, Checked: g == form.Group})
	}
	p.Areas = competenceAreas(v, form.Levels)
	for _, band := range []struct{ levels, level int }{{1, 1}, {3, 3}, {5, 5}, {7, 7}} {
		p.Levels = append(p.Levels, competenceLevelKey{Levels: strconv.Itoa(band.levels) + "–" + strconv.Itoa(band.levels+1),
			Name: textIn(v, followup.LevelBand(band.level)).Text})
	}
	if !saved.SubmittedAt.IsZero() {
		competenceProfileOf(v, saved, &p)
	}
	v.Title = v.T("followup.competence.title")
	w.Header().Set("Cache-Control", "no-store")
	s.renderStatus(w, r, status, "competence", v.with(p))
}

// competenceAreas returns the form's fieldsets with levels checked.
func competenceAreas(v *view, levels map[string]int) []competenceAreaForm {
	var out []competenceAreaForm
	for _, a := range followup.DigComp() {
		af := competenceAreaForm{Code: a.Code, Name: textIn(v, a.Name).Text}
		for _, c := range a.Competences {
			f := competenceField{ID: c.FieldID(), Code: c.Code, Name: textIn(v, c.Name).Text, Error: v.FieldError(c.FieldID())}
			for l := followup.MinLevel; l <= followup.MaxLevel; l++ {
				f.Levels = append(f.Levels, maturityChoice{Value: strconv.Itoa(l),
					Label: v.T("followup.competence.level_short." + strconv.Itoa((l+1)/2)), Checked: levels[c.Code] == l})
			}
			af.Competences = append(af.Competences, f)
		}
		out = append(out, af)
	}
	return out
}

// competenceProfileOf fills in the own profile of a: the table, its
// chart and the suggestions for the two weakest areas.
func competenceProfileOf(v *view, a followup.CompetenceAnswers, p *competencePage) {
	profile := followup.Profile(a)
	spec := chartSpec{ID: "chart-profile", Title: v.T("followup.competence.profile.chart"), Head: v.T("followup.competence.col.area"),
		Format: func(f float64) string { return i18n.Decimal(v.Lang, f, 1) }}
	series := chartSeries{Name: v.T("followup.competence.col.mean")}
	for _, al := range profile {
		name := textIn(v, al.Name)
		p.Profile = append(p.Profile, competenceProfileRow{Code: al.Area, Name: name.Text,
			Mean: i18n.Decimal(v.Lang, al.MeanLevel, 1), Band: textIn(v, al.Band).Text})
		spec.Categories = append(spec.Categories, al.Area)
		spec.Labels = append(spec.Labels, unitName{Text: al.Area + " " + name.Text, Lang: name.Lang})
		series.Values = append(series.Values, al.MeanLevel)
	}
	spec.Series = []chartSeries{series}
	spec.Desc = v.T("followup.competence.profile.chart_desc")
	c := newChart(spec)
	p.Chart = &c
	for _, area := range followup.WeakestAreas(profile, 2) {
		for _, res := range followup.LearningResources(area) {
			p.Suggestions = append(p.Suggestions, competenceSuggestion{Area: textIn(v, followup.AreaName(area)).Text,
				Title: textIn(v, res.Title).Text, What: textIn(v, res.What).Text})
		}
	}
	p.SubmittedAt = i18n.Date(v.Lang, a.SubmittedAt)
}
