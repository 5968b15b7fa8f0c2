package web_test

import (
	"net/http"
	"net/url"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"sprang/internal/audit"
	"sprang/internal/auth"
	"sprang/internal/followup"
	"sprang/internal/identity"
)

// policyEnv is a steward test platform with one more account: ulla, of
// the development department (utveckling in the förvaltning miljo), who
// may revise the policy. hugo (handläggare) may only read it.
func policyEnv(t *testing.T, e *stewardEnv) {
	t.Helper()
	u, err := e.svc.CreateUser(t.Context(), auth.SystemActor("test"), auth.NewUser{
		NewUser:  identity.NewUser{Username: "ulla", DisplayName: "Ulla Utvecklare"},
		Password: staffPassword, Grants: []identity.Grant{{UnitID: e.miljo.ID, Role: identity.RoleUtveckling}}})
	if err != nil {
		t.Fatal(err)
	}
	e.users["ulla"] = u
}

// policyFormOf returns the editing form's values for rev made from base.
func policyFormOf(rev followup.Revision, base int) url.Values {
	v := url.Values{"base": {strconv.Itoa(base)}, "reason": {rev.Reason}}
	for _, s := range rev.Sections {
		v.Add("sec", string(s.Perspective)+"/"+s.Key)
		v.Set(followup.SectionField(s.Key, "heading_sv"), s.Heading.SV)
		v.Set(followup.SectionField(s.Key, "heading_en"), s.Heading.EN)
		v.Set(followup.SectionField(s.Key, "body_sv"), s.Body.SV)
		v.Set(followup.SectionField(s.Key, "body_en"), s.Body.EN)
	}
	for i, g := range rev.Goals {
		v.Set(followup.GoalField(i, "key"), g.Key)
		v.Set(followup.GoalField(i, "perspective"), string(g.Perspective))
		v.Set(followup.GoalField(i, "text_sv"), g.Text.SV)
		v.Set(followup.GoalField(i, "text_en"), g.Text.EN)
		v.Set(followup.GoalField(i, "indicators"), strings.Join(g.Indicators, ", "))
	}
	for i := len(rev.Goals); i < len(rev.Goals)+3; i++ { // the empty rows
		for _, part := range []string{"key", "perspective", "text_sv", "text_en", "indicators"} {
			v.Set(followup.GoalField(i, part), "")
		}
	}
	return v
}

// firstPolicy returns a policy for the tests: every part with a Markdown
// body and two goals.
func firstPolicy() followup.Revision {
	var secs []followup.Section
	for _, s := range followup.PolicySkeleton() {
		s.Heading = followup.Text{SV: "Rubrik " + s.Key, EN: "Heading " + s.Key}
		s.Body = followup.Text{SV: "Vi ska **" + s.Key + "**.\n\n# Underrubrik\n\n- punkt ett\n- punkt två", EN: "We shall " + s.Key + "."}
		secs = append(secs, s)
	}
	return followup.Revision{Reason: "Antagen av kommunfullmäktige", Sections: secs, Goals: []followup.Goal{
		{Key: "trygghet-mal-1", Perspective: followup.Trygghet, Text: followup.Text{SV: "Fler e-tjänster", EN: "More e-services"},
			Indicators: []string{"e-tjanster-antal"}},
		{Key: "hallbarhet-mal-1", Perspective: followup.Hallbarhet, Text: followup.Text{SV: "Mindre papper"}, Indicators: []string{"papper-undvikt"}},
	}}
}

func TestPolicyAccess(t *testing.T) {
	t.Parallel()
	stewardEngines(t, func(t *testing.T, e *stewardEnv) {
		policyEnv(t, e)
		anon := &browser{t: t, base: e.ts.URL, cookies: map[string]string{}, header: http.Header{}}
		resp, body := anon.get("/uppfoljning/policy")
		wantStatus(t, "public page without a policy", resp, body, http.StatusOK, "")
		if !strings.Contains(body, "Policyn är inte publicerad ännu.") {
			t.Errorf("public page without a policy:\n%s", body)
		}
		resp, body = anon.get("/personal/policy")
		wantStatus(t, "staff page, anonymous", resp, body, http.StatusSeeOther, "/logga-in")
		hugo := e.as(t, "hugo")
		resp, body = hugo.get("/personal/policy")
		wantStatus(t, "staff page, case officer", resp, body, http.StatusOK, "")
		if strings.Contains(body, "/personal/policy/redigera") {
			t.Error("the case officer is offered the edit form")
		}
		resp, body = hugo.get("/personal/policy/redigera")
		wantStatus(t, "edit form, case officer", resp, body, http.StatusForbidden, "")
		resp, body = hugo.post("/personal/policy/redigera", policyFormOf(firstPolicy(), 0))
		wantStatus(t, "save, case officer", resp, body, http.StatusForbidden, "")
		if list, err := e.db.PolicyRevisions(t.Context()); err != nil || len(list) != 0 {
			t.Errorf("a refused save stored %v, %v", list, err)
		}
		for _, b := range []*browser{e.as(t, "ulla"), e.as(t, "admin")} {
			resp, body = b.get("/personal/policy/redigera")
			wantStatus(t, "edit form", resp, body, http.StatusOK, "")
			if !strings.Contains(body, `name="sec" value="trygghet/trygghet"`) || !strings.Contains(body, `id="sec-uppfoljning-body_en"`) {
				t.Errorf("the empty policy's form has not every part:\n%s", body)
			}
		}
		for _, path := range []string{"/personal/policy/versioner/1", "/personal/policy/versioner/x", "/personal/policy/versioner/0"} {
			resp, body = hugo.get(path)
			wantStatus(t, path, resp, body, http.StatusNotFound, "")
		}
	})
}

func TestPolicyEditFlow(t *testing.T) {
	t.Parallel()
	stewardEngines(t, func(t *testing.T, e *stewardEnv) {
		policyEnv(t, e)
		ulla := e.as(t, "ulla")
		resp, body := ulla.post("/personal/policy/redigera", policyFormOf(firstPolicy(), 0))
		wantStatus(t, "first save", resp, body, http.StatusSeeOther, "/personal/policy/versioner/1?klart=sparad")
		resp, body = ulla.get("/personal/policy/versioner/1?klart=sparad")
		wantStatus(t, "revision 1", resp, body, http.StatusOK, "")
		for _, want := range []string{"Policyn är sparad som version 1.", "Det här är policyns första version.", "Ulla Utvecklare",
			"Antagen av kommunfullmäktige", "<strong>trygghet</strong>", `<h2 id="texten">`, `<h3 id="avsnitt-trygghet">`, "<h4>Underrubrik</h4>"} {
			if !strings.Contains(body, want) {
				t.Errorf("revision 1 has no %q:\n%s", want, body)
			}
		}
		policyOutline(t, "revision 1", body)
		_, body = ulla.get("/personal/policy")
		if !strings.Contains(body, `<h2 id="avsnitt-trygghet">`) || !strings.Contains(body, "<h3>Underrubrik</h3>") {
			t.Errorf("the staff page does not show the parts as h2:\n%s", body)
		}
		policyOutline(t, "staff page", body)

		second := firstPolicy()
		second.Reason = "Nytt mål om öppna data"
		second.Sections[1].Body.SV = "Vi ska **trygghet**.\n\nEn ny mening om e-legitimation."
		second.Goals = second.Goals[1:] // the first goal removed by leaving it out…
		form := policyFormOf(second, 1)
		form.Set("new-innovation-heading_sv", "Öppna data")
		form.Set("new-innovation-body_sv", "Data ska vara öppna.")
		form.Set(followup.GoalField(1, "perspective"), "innovation")
		form.Set(followup.GoalField(1, "text_sv"), "Fler öppna dataset")
		form.Set(followup.GoalField(1, "indicators"), " oppna-dataset ,")
		form.Set(followup.GoalField(0, "remove"), "1") // … and the remaining one removed with its box
		resp, body = ulla.post("/personal/policy/redigera", form)
		wantStatus(t, "second save", resp, body, http.StatusSeeOther, "/personal/policy/versioner/2")
		cur, err := e.db.CurrentPolicy(t.Context())
		if err != nil {
			t.Fatal(err)
		}
		if cur.Number != 2 || len(cur.Goals) != 1 || cur.Goals[0].Key != "innovation-mal-1" || cur.Goals[0].Indicators[0] != "oppna-dataset" {
			t.Errorf("revision 2 goals = %+v", cur.Goals)
		}
		if s := cur.SectionsOf(followup.Innovation); len(s) != 2 || s[1].Key != "innovation-oppna-data" {
			t.Errorf("revision 2 innovation sections = %+v", s)
		}
		resp, body = ulla.get("/personal/policy/versioner/2")
		wantStatus(t, "revision 2", resp, body, http.StatusOK, "")
		for _, want := range []string{"<ins><span class=\"visually-hidden\">Tillagt: </span>En ny mening om e-legitimation.</ins>",
			"<span class=\"visually-hidden\">Borttaget: </span>- punkt ett</del>", "Nytt avsnitt", "Borttaget mål", "Nytt mål",
			`href="/personal/policy/versioner/1"`} {
			if !strings.Contains(body, want) {
				t.Errorf("revision 2 has no %q:\n%s", want, body)
			}
		}
		resp, body = ulla.get("/personal/policy")
		wantStatus(t, "staff page", resp, body, http.StatusOK, "")
		if !strings.Contains(body, "Nytt mål om öppna data") || !strings.Contains(body, `href="/personal/policy/versioner/1"`) {
			t.Errorf("the history lacks a revision:\n%s", body)
		}
		if got := e.actions(t)[audit.PolicyRevised]; got != 2 {
			t.Errorf("%d policy.revised entries, want 2", got)
		}
	})
}

// headingLevel finds the level of each heading of a page.
var headingLevel = regexp.MustCompile(`<h([1-6])[ >]`)

// policyOutline checks that no heading of body skips a level below the
// one before it (h2 then h4), WCAG 1.3.1.
func policyOutline(t *testing.T, name, body string) {
	t.Helper()
	prev := 0
	for _, m := range headingLevel.FindAllStringSubmatch(body, -1) {
		lvl, _ := strconv.Atoi(m[1])
		if lvl > prev+1 {
			t.Errorf("%s: an h%d follows an h%d", name, lvl, prev)
		}
		prev = lvl
	}
}

func TestPolicyEditRefused(t *testing.T) {
	t.Parallel()
	stewardEngines(t, func(t *testing.T, e *stewardEnv) {
		policyEnv(t, e)
		ulla := e.as(t, "ulla")
		bad := firstPolicy()
		bad.Reason = " "
		form := policyFormOf(bad, 0)
		form.Set(followup.SectionField("kompetens", "body_sv"), "")
		form.Set(followup.GoalField(2, "text_sv"), "Ett mål utan perspektiv")
		form.Set(followup.GoalField(2, "indicators"), "Digital Andel")
		resp, body := ulla.post("/personal/policy/redigera", form)
		wantStatus(t, "invalid save", resp, body, http.StatusUnprocessableEntity, "")
		for _, want := range []string{`href="#reason"`, `href="#sec-kompetens-body_sv"`, `href="#goal-2-perspective"`, `href="#goal-2-indicators"`,
			"Skriv varför policyn ändras.", "Rubrik kompetens: Skriv texten på svenska.", "Mål 3: Välj vilket perspektiv målet hör till.",
			`value="Ett mål utan perspektiv"`, `value="Digital Andel"`, `id="goal-3-text_sv"`} {
			if !strings.Contains(body, want) {
				t.Errorf("the refused form has no %s", want)
			}
		}
		if list, err := e.db.PolicyRevisions(t.Context()); err != nil || len(list) != 0 {
			t.Errorf("an invalid save stored %v, %v", list, err)
		}
		resp, body = ulla.post("/personal/policy/redigera", url.Values{"base": {"0"}, "reason": {"Tom"}})
		wantStatus(t, "no sections", resp, body, http.StatusUnprocessableEntity, "")
		if !strings.Contains(body, `href="#sections"`) || !strings.Contains(body, `id="sections"`) {
			t.Error("a form without sections does not say so")
		}

		resp, body = ulla.post("/personal/policy/redigera", policyFormOf(firstPolicy(), 0))
		wantStatus(t, "first save", resp, body, http.StatusSeeOther, "/personal/policy/versioner/1")
		late := firstPolicy()
		late.Reason = "Sent ändrad"
		late.Sections[0].Body.SV = "Min egen ändring"
		resp, body = ulla.post("/personal/policy/redigera", policyFormOf(late, 0))
		wantStatus(t, "save from a stale revision", resp, body, http.StatusConflict, "")
		for _, want := range []string{`href="#konflikt"`, `id="konflikt"`, `name="base" value="1"`, "Min egen ändring", "Sent ändrad"} {
			if !strings.Contains(body, want) {
				t.Errorf("the conflict page has no %s:\n%s", want, body)
			}
		}
		if list, err := e.db.PolicyRevisions(t.Context()); err != nil || len(list) != 1 {
			t.Errorf("a stale save stored %d revisions, %v", len(list), err)
		}
	})
}

// TestPolicyMarkdownSafe: what an editor writes is kept as written, but
// the pages show neither their HTML nor their unsafe links.
func TestPolicyMarkdownSafe(t *testing.T) {
	t.Parallel()
	stewardEngines(t, func(t *testing.T, e *stewardEnv) {
		policyEnv(t, e)
		ulla := e.as(t, "ulla")
		rev := firstPolicy()
		rev.Sections[0].Body.SV = "<script>alert('x')</script>\n\n[Klicka](javascript:alert(1)) <img src=x onerror=alert(2)> [Kolada](https://www.kolada.se)"
		resp, body := ulla.post("/personal/policy/redigera", policyFormOf(rev, 0))
		wantStatus(t, "save", resp, body, http.StatusSeeOther, "/personal/policy/versioner/1")
		cur, err := e.db.CurrentPolicy(t.Context())
		if err != nil || cur.Sections[0].Body.SV != rev.Sections[0].Body.SV {
			t.Errorf("the text was not stored as written: %q, %v", cur.Sections[0].Body.SV, err)
		}
		anon := &browser{t: t, base: e.ts.URL, cookies: map[string]string{}, header: http.Header{}}
		for _, b := range []*browser{anon, ulla} {
			for _, path := range []string{"/uppfoljning/policy", "/personal/policy", "/personal/policy/versioner/1"} {
				if b == anon && path != "/uppfoljning/policy" {
					continue
				}
				resp, body = b.get(path)
				wantStatus(t, path, resp, body, http.StatusOK, "")
				for _, bad := range []string{"<script>alert", "javascript:", "onerror=", "<img src=x"} {
					if strings.Contains(body, bad) {
						t.Errorf("%s shows %q", path, bad)
					}
				}
				if !strings.Contains(body, `<a href="https://www.kolada.se">Kolada</a>`) {
					t.Errorf("%s lost the safe link", path)
				}
			}
		}
		_, body = anon.get("/uppfoljning/policy")
		if !strings.Contains(body, "Version 1, antagen") || !strings.Contains(body, "Fler e-tjänster") || strings.Contains(body, "Ulla") {
			t.Errorf("public page:\n%s", body)
		}
		anon.cookies["lang"] = "en"
		_, body = anon.get("/uppfoljning/policy")
		if !strings.Contains(body, `<span lang="sv">Mindre papper</span>`) {
			t.Errorf("a goal without English is not marked Swedish on the English page")
		}
	})
}
