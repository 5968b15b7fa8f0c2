package web_test

import (
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"testing"

	"sprang/internal/auth"
	"sprang/internal/followup"
	"sprang/internal/identity"
	"sprang/internal/store/storetest"
)

// addStaff creates a staff account with grants on the named units of e.
func (e *dashEnv) addStaff(t *testing.T, name string, grants map[string]identity.Role) identity.User {
	t.Helper()
	var gs []identity.Grant
	for unit, role := range grants {
		gs = append(gs, identity.Grant{UnitID: e.units[unit].ID, Role: role})
	}
	u, err := e.svc.CreateUser(t.Context(), auth.SystemActor("test"), auth.NewUser{NewUser: identity.NewUser{Username: name,
		DisplayName: "Person " + name}, Password: staffPassword, Grants: gs})
	if err != nil {
		t.Fatal(err)
	}
	return u
}

// competenceForm returns a full self-assessment form at level.
func competenceForm(unit int64, group followup.RoleGroup, level int) url.Values {
	vals := url.Values{"unit": {strconv.FormatInt(unit, 10)}, "group": {string(group)}}
	for _, c := range followup.Competences() {
		vals.Set(c.FieldID(), strconv.Itoa(level))
	}
	return vals
}

// TestCompetenceOverviewEndedYearsOnly: the overview shows last year
// (2025, ended) by default, with the unit of five and without the unit
// of four, which reads exactly like a unit where nobody answered (M1);
// the current year (2026) shows no figure at all, only when they will
// come, however many answered (H2).
func TestCompetenceOverviewEndedYearsOnly(t *testing.T) {
	t.Parallel()
	e := newDashEnv(t, storetest.Selected())
	e.seedAssessments(t) // 2025: five in skola, four in social, at level 2
	for i := range 6 {
		u := e.addStaff(t, "ny"+strconv.Itoa(i), map[string]identity.Role{"skola": identity.RoleLasare})
		a := followup.CompetenceAnswers{UserID: u.ID, Year: 2026, UnitID: e.units["skola"].ID, Group: followup.GroupStaff, Levels: map[string]int{}}
		for _, c := range followup.Competences() {
			a.Levels[c.Code] = 7
		}
		if _, err := e.db.SaveCompetence(t.Context(), a, []int64{e.units["skola"].ID}); err != nil {
			t.Fatal(err)
		}
	}
	b := e.browser(t)
	b.login("reader")
	resp, body := b.get("/personal/kompetens/oversikt")
	wantStatus(t, "overview", resp, body, http.StatusOK, "")
	for _, want := range []string{"Digital kompetens i koncernen 2025", "Skolförvaltningen", "2,0 (5 svar)", `<option value="2026">`} {
		if !strings.Contains(body, want) {
			t.Errorf("the 2025 overview lacks %q", want)
		}
	}
	if strings.Contains(body, "Socialförvaltningen</th>") || strings.Contains(body, "7,0") {
		t.Errorf("the 2025 overview lists the unit of four or shows 2026:\n%s", body)
	}
	_, social := b.get("/personal/kompetens/oversikt?ar=2025&enhet=social")
	_, bostader := b.get("/personal/kompetens/oversikt?ar=2025&enhet=bostader")
	selection := func(body, unit string) string {
		start, end := strings.Index(body, `<h2 id="urval">`), strings.Index(body, "Per enhet och roll")
		if start < 0 || end < start {
			t.Fatalf("no selection in\n%s", body)
		}
		return strings.ReplaceAll(body[start:end], unit, "UNIT")
	}
	if a, b := selection(social, "Socialförvaltningen"), selection(bostader, "Kommunens Bostäder AB"); a != b || !strings.Contains(a, "färre än 5 har svarat") {
		t.Errorf("four answered and nobody answered read differently:\n%s\n%s", a, b)
	}
	resp, body = b.get("/personal/kompetens/oversikt?ar=2026")
	wantStatus(t, "the current year", resp, body, http.StatusOK, "")
	if !strings.Contains(body, "Siffrorna för 2026 visas när året är slut.") || strings.Contains(body, "svar)") ||
		strings.Contains(body, "7,0") || strings.Contains(body, "<table") {
		t.Errorf("the current year shows figures:\n%s", body)
	}
}

// TestCompetenceOverviewBadFilter: a value the form could not have sent
// gives 422 with an error summary linking to the field.
func TestCompetenceOverviewBadFilter(t *testing.T) {
	t.Parallel()
	e := newDashEnv(t, storetest.Selected())
	b := e.browser(t)
	b.login("reader")
	for _, tc := range []struct{ query, field string }{
		{"ar=1999", "ar"}, {"ar=tjugo", "ar"}, {"enhet=finns-inte", "enhet"}, {"roll=boss", "roll"},
	} {
		resp, body := b.get("/personal/kompetens/oversikt?" + tc.query)
		wantStatus(t, tc.query, resp, body, http.StatusUnprocessableEntity, "")
		if !strings.Contains(body, `href="#`+tc.field+`"`) || !strings.Contains(body, `id="`+tc.field+`-error"`) ||
			!strings.Contains(body, `aria-invalid="true"`) {
			t.Errorf("%s: no error summary linking to #%s:\n%s", tc.query, tc.field, body)
		}
	}
	resp, body := b.get("/personal/kompetens/oversikt?ar=2026&enhet=skola&roll=chef")
	wantStatus(t, "a good filter", resp, body, http.StatusOK, "")
}

// TestCompetenceCellLockedPage: after the first answer of the year the
// form shows the unit and role group as fixed; a post that changes them
// is refused (422) with a message saying why and linking to the fixed
// unit, which can take focus; new levels are saved.
func TestCompetenceCellLockedPage(t *testing.T) {
	t.Parallel()
	e := newDashEnv(t, storetest.Selected())
	e.addStaff(t, "tva", map[string]identity.Role{"skola": identity.RoleHandlaggare, "social": identity.RoleLasare})
	b := e.browser(t)
	b.login("tva")
	skola := e.units["skola"].ID
	_, body := b.get("/personal/kompetens")
	if !strings.Contains(body, `<select class="select" id="unit" name="unit"`) || !strings.Contains(body, `id="group-hint"`) {
		t.Errorf("before answering: no choice of unit and group:\n%s", body)
	}
	resp, body := b.post("/personal/kompetens", competenceForm(skola, followup.GroupStaff, 4))
	wantStatus(t, "first answer", resp, body, http.StatusSeeOther, "/personal/kompetens")
	_, body = b.get("/personal/kompetens")
	if strings.Contains(body, `<select class="select" id="unit"`) || strings.Contains(body, `name="group" value="chef"`) ||
		!strings.Contains(body, `<input type="hidden" name="unit" value="`+strconv.FormatInt(skola, 10)+`">`) ||
		!strings.Contains(body, `<p id="unit" tabindex="-1">Du svarar 2026 för:`) {
		t.Errorf("after answering: unit and group not fixed:\n%s", body)
	}
	for _, form := range []url.Values{competenceForm(skola, followup.GroupManager, 4), competenceForm(e.units["social"].ID, followup.GroupStaff, 4)} {
		resp, body = b.post("/personal/kompetens", form)
		wantStatus(t, "a changed cell", resp, body, http.StatusUnprocessableEntity, "")
		if !strings.Contains(body, `href="#unit"`) || !strings.Contains(body, "Enhet och roll kan inte ändras under 2026: du svarade först som Medarbetare") ||
			!strings.Contains(body, `<p id="unit" tabindex="-1">`) {
			t.Errorf("a changed cell: no message linking to the fixed unit:\n%s", body)
		}
	}
	resp, body = b.post("/personal/kompetens", competenceForm(skola, followup.GroupStaff, 6))
	wantStatus(t, "new levels", resp, body, http.StatusSeeOther, "/personal/kompetens")
	b.login("reader") // one unit: the error summary's target can take focus
	_, body = b.get("/personal/kompetens")
	if !strings.Contains(body, `<p id="unit" tabindex="-1">`) {
		t.Errorf("one unit: the unit paragraph cannot take focus:\n%s", body)
	}
}
