package web_test

import (
	"bytes"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"
	"time"

	"sprang/internal/audit"
	"sprang/internal/demo"
	"sprang/internal/followup"
	"sprang/internal/identity"
	"sprang/internal/store"
	"sprang/internal/store/storetest"
	"sprang/internal/web"
)

// reportEnv is a running server for the yearly report on a fresh
// database at 2 March 2026: a group (kommunen) with the förvaltning
// kommunledning, its avdelning utv (the development department) and the
// förvaltning skola; the accounts utveckling (role utveckling in utv) and
// reader (reader in skola).
type reportEnv struct {
	srv   *web.Server
	ts    *httptest.Server
	db    *store.DB
	units map[string]identity.Unit
	users map[string]identity.User
	logs  *syncBuffer
}

func reportEngines(t *testing.T, fn func(t *testing.T, e *reportEnv)) {
	t.Helper()
	for _, eng := range storetest.Engines() {
		t.Run(string(eng), func(t *testing.T) {
			t.Parallel()
			fn(t, newReportEnv(t, eng))
		})
	}
}

func newReportEnv(t *testing.T, eng store.Engine) *reportEnv {
	t.Helper()
	ts := startTestServer(t, eng, "report test key report test key report 0001")
	e := &reportEnv{srv: ts.srv, ts: ts.ts, db: ts.db, logs: ts.logs}
	e.units, e.users = seedOrg(t, ts.svc, []testUnit{
		{"kommunen", "Kommunkoncernen", "", identity.KindGroup},
		{"kommunledning", "Kommunledningsförvaltningen", "kommunen", identity.KindForvaltning},
		{"utv", "Utvecklingsavdelningen", "kommunledning", identity.KindAvdelning},
		{"skola", "Skolförvaltningen", "kommunen", identity.KindForvaltning},
	}, map[string]testGrant{
		"utveckling": {"utv", identity.RoleUtveckling},
		"reader":     {"skola", identity.RoleLasare},
	})
	return e
}

func (e *reportEnv) anonymous(t *testing.T) *browser {
	return &browser{t: t, base: e.ts.URL, cookies: map[string]string{}, header: http.Header{}}
}

func (e *reportEnv) as(t *testing.T, username string) *browser {
	t.Helper()
	b := e.anonymous(t)
	b.login(username)
	return b
}

// reportActions counts the audit entries of the report.
func (e *reportEnv) reportActions(t *testing.T) map[audit.Action]int {
	t.Helper()
	p, err := e.db.FindAuditEntries(t.Context(), audit.Filter{})
	if err != nil {
		t.Fatal(err)
	}
	out := map[audit.Action]int{}
	for _, en := range p.Entries {
		if en.ObjectType == "followup_report" {
			out[en.Action]++
		}
	}
	return out
}

// narratives is a complete narrative form with intro as the
// introduction.
func narratives(intro string) url.Values {
	vals := url.Values{}
	for field := range (followup.Narratives{}).Fields() {
		vals.Set(field, "")
	}
	vals.Set("introduction", intro)
	return vals
}

// TestReportPages: staff read the live draft; the development department
// writes the narratives (refused with a message when too long, rendered
// safely) and issues the report; the public reads the issued version and
// its PDF; another version changes nothing of the first. Access, years
// and versions are checked.
func TestReportPages(t *testing.T) {
	t.Parallel()
	reportEngines(t, func(t *testing.T, e *reportEnv) {
		anon, reader, dev := e.anonymous(t), e.as(t, "reader"), e.as(t, "utveckling")
		const staff = "/personal/uppfoljning/rapporter/2025"

		resp, body := anon.get(staff)
		wantStatus(t, "anonymous staff page", resp, body, http.StatusSeeOther, "/logga-in")
		resp, body = anon.get("/uppfoljning/rapporter")
		wantStatus(t, "empty list", resp, body, 200, "")
		wantBody(t, "empty list", body, "Ingen uppföljningsrapport är utfärdad ännu")
		for _, path := range []string{"/uppfoljning/rapporter/2025", "/uppfoljning/rapporter/2025/rapport.pdf", "/uppfoljning/rapporter/abc",
			"/uppfoljning/rapporter/02025", "/uppfoljning/rapporter/+202"} {
			resp, body = anon.get(path)
			wantStatus(t, path, resp, body, 404, "")
		}
		for _, path := range []string{"/uppfoljning/rapporter/1999", staff[:len(staff)-4] + "2101"} {
			b := anon
			if strings.HasPrefix(path, "/personal") {
				b = reader
			}
			resp, body = b.get(path)
			wantStatus(t, path, resp, body, 422, "")
			wantBody(t, path, body, "åren 2000 till 2100")
		}

		resp, body = reader.get("/personal/uppfoljning/rapporter")
		wantStatus(t, "index", resp, body, http.StatusSeeOther, staff)
		resp, body = reader.get(staff)
		wantStatus(t, "reader", resp, body, 200, "")
		wantBody(t, "reader", body, "Uppföljningsrapport 2025 – utkast", "<h2 id=\"perspektiv-trygghet\">Digital trygghet</h2>",
			"Initiativ och realiserad nytta", "Ingen version av rapporten är utfärdad ännu")
		if strings.Contains(body, `name="introduction"`) || strings.Contains(body, "/utfarda") {
			t.Error("a reader gets the narrative form or the issue button")
		}
		resp, body = reader.post(staff, narratives("Inte min text"))
		wantStatus(t, "reader saves", resp, body, 403, "")
		resp, body = reader.post(staff+"/utfarda", nil)
		wantStatus(t, "reader issues", resp, body, 403, "")

		resp, body = dev.get(staff)
		wantStatus(t, "development", resp, body, 200, "")
		wantBody(t, "development", body, `name="introduction"`, `name="perspective_innovation"`, `action="`+staff+`/utfarda"`)

		long := narratives("Året i korthet.")
		long.Set("conclusion", strings.Repeat("ä", followup.NarrativeMax+1))
		resp, body = dev.post(staff, long)
		wantStatus(t, "too long", resp, body, 422, "")
		wantBody(t, "too long", body, `<a href="#conclusion">Korta texten till högst 8000 tecken.`, `aria-invalid="true"`, "Året i korthet.")

		vals := narratives("Ett år av **digitala** steg.\n\n<script>alert(1)</script>")
		vals.Set("perspective_trygghet", "Fler ärenden kom in digitalt.")
		resp, body = dev.post(staff, vals)
		wantStatus(t, "save", resp, body, http.StatusSeeOther, staff+"?klart=sparad")
		_, body = dev.get(staff + "?klart=sparad")
		wantBody(t, "saved", body, "Texterna är sparade.", "<strong>digitala</strong>", "Fler ärenden kom in digitalt.", "sparades senast av utveckling")
		if strings.Contains(body, "<script>alert") {
			t.Error("raw HTML of a narrative reaches the page")
		}

		resp, body = dev.post(staff+"/utfarda", nil)
		wantStatus(t, "issue", resp, body, http.StatusSeeOther, "/uppfoljning/rapporter/2025?version=1")
		resp, body = anon.get("/uppfoljning/rapporter/2025")
		wantStatus(t, "public", resp, body, 200, "")
		wantBody(t, "public", body, "<h1>Uppföljningsrapport 2025</h1>", "Version 1, utfärdad 2 mars 2026.", "<strong>digitala</strong>",
			`href="/uppfoljning/rapporter/2025/rapport.pdf?version=1"`, "<caption", `aria-current="page"`)
		if strings.Contains(body, "utveckling") {
			t.Error("the public page names the member of staff who issued it")
		}

		// A change of the narratives and a second issue leave version 1 as
		// it was.
		vals.Set("introduction", "En ny inledning.")
		resp, body = dev.post(staff, vals)
		wantStatus(t, "save again", resp, body, http.StatusSeeOther, "")
		_, body = anon.get("/uppfoljning/rapporter/2025")
		wantBody(t, "still version 1", body, "<strong>digitala</strong>")
		resp, body = dev.post(staff+"/utfarda", nil)
		wantStatus(t, "issue 2", resp, body, http.StatusSeeOther, "/uppfoljning/rapporter/2025?version=2")
		// Issuing again without any change (a double-click) adds no
		// identical version and says so.
		resp, body = dev.post(staff+"/utfarda", nil)
		wantStatus(t, "issue unchanged", resp, body, http.StatusSeeOther, staff+"?klart=oforandrad#versioner")
		_, body = dev.get(staff + "?klart=oforandrad")
		wantBody(t, "unchanged", body, "Ingenting har ändrats sedan den senaste versionen, så ingen ny version utfärdades.")
		if vs, err := e.db.ReportVersions(t.Context(), 2025); err != nil || len(vs) != 2 {
			t.Errorf("versions after the unchanged issue = %+v, %v", vs, err)
		}
		// The running year (the clock says March 2026) shows its live draft
		// and when it can be issued, and is not issued.
		const running = "/personal/uppfoljning/rapporter/2026"
		_, body = dev.get(running)
		wantBody(t, "running year", body, "Året 2026 är inte slut", "från 1 januari 2027")
		if strings.Contains(body, "/utfarda") {
			t.Error("the running year's page offers to issue it")
		}
		resp, body = dev.post(running+"/utfarda", nil)
		wantStatus(t, "issue running year", resp, body, http.StatusUnprocessableEntity, "")
		wantBody(t, "issue running year", body, "Rapporten kan utfärdas först när året är slut.")
		if vs, err := e.db.ReportVersions(t.Context(), 2026); err != nil || len(vs) != 0 {
			t.Errorf("versions of the running year = %+v, %v", vs, err)
		}
		_, body = anon.get("/uppfoljning/rapporter/2025")
		wantBody(t, "latest", body, "En ny inledning.", "Version 2,", `href="/uppfoljning/rapporter/2025?version=1"`)
		_, body = anon.get("/uppfoljning/rapporter/2025?version=1")
		wantBody(t, "version 1", body, "<strong>digitala</strong>", "Det finns en senare version.")
		for _, q := range []string{"?version=3", "?version=0", "?version=x"} {
			resp, body = anon.get("/uppfoljning/rapporter/2025" + q)
			wantStatus(t, q, resp, body, 404, "")
		}
		_, body = anon.get("/uppfoljning/rapporter")
		wantBody(t, "list", body, `href="/uppfoljning/rapporter/2025"`, "version 2, utfärdad 2 mars 2026")
		_, body = dev.get(staff)
		wantBody(t, "staff versions", body, "Version 2", "Version 1", "<td>utveckling</td>")

		resp, body = anon.get("/uppfoljning/rapporter/2025/rapport.pdf?version=1")
		wantStatus(t, "pdf", resp, body, 200, "")
		if ct := resp.Header.Get("Content-Type"); ct != "application/pdf" || !strings.HasPrefix(body, "%PDF-") {
			t.Fatalf("pdf: %s %.20q", ct, body)
		}
		for _, want := range []string{"/Lang (sv-SE)", "/S /Table", "/S /TH", "/Scope /Column", "/S /Caption", "/S /H1", "/DisplayDocTitle true"} {
			if !strings.Contains(body, want) {
				t.Errorf("the PDF lacks %s", want)
			}
		}
		english := e.anonymous(t)
		english.cookies["lang"] = "en"
		resp, body = english.get("/uppfoljning/rapporter/2025/rapport.pdf")
		wantStatus(t, "pdf in English", resp, body, 200, "")
		if !strings.Contains(body, "/Lang (en-GB)") {
			t.Error("the English PDF is not in English")
		}
		_, body = english.get("/uppfoljning/rapporter/2025")
		wantBody(t, "English page", body, "<h1>Follow-up report 2025</h1>", "Digital innovation", `<div lang="sv"><p>En ny inledning.</p>`)

		if got := e.reportActions(t); got[audit.FollowUpReportSaved] != 2 || got[audit.FollowUpReportIssued] != 2 {
			t.Errorf("audit: %v", got)
		}
	})
}

// TestReportShowsRealizedBenefit is the end-to-end check of issue 5
// (section 7): an initiative's realized benefit, recorded through the
// store, appears in the year's report with its value and in the sum,
// stays in the issued version when more benefits are recorded later,
// and a benefit of another year does not count.
func TestReportShowsRealizedBenefit(t *testing.T) {
	t.Parallel()
	reportEngines(t, func(t *testing.T, e *reportEnv) {
		ctx, by := t.Context(), e.users["utveckling"].ID
		ini, err := e.db.CreateInitiative(ctx, followup.Initiative{Title: "Digital posthantering", OwnerUnitID: e.units["kommunledning"].ID,
			Perspectives: []followup.Perspective{followup.Hallbarhet}, Status: followup.StatusIntroduced,
			Start: time.Date(2024, 9, 1, 0, 0, 0, 0, time.UTC)}, by)
		if err != nil {
			t.Fatal(err)
		}
		for _, b := range []followup.Benefit{
			{Date: time.Date(2025, 6, 10, 0, 0, 0, 0, time.UTC), Description: "Mindre porto och papper", ValueSEK: 184000},
			{Date: time.Date(2024, 11, 1, 0, 0, 0, 0, time.UTC), Description: "Förra årets nytta", ValueSEK: 5000},
		} {
			if _, err := e.db.AddBenefit(ctx, ini.ID, b, by); err != nil {
				t.Fatal(err)
			}
		}
		dev, anon := e.as(t, "utveckling"), e.anonymous(t)
		const staff = "/personal/uppfoljning/rapporter/2025"
		_, body := dev.get(staff)
		wantBody(t, "draft", body, "Digital posthantering", "Mindre porto och papper", "184\u00a0000 kr per år", "Införd", "Digital hållbarhet")
		if strings.Contains(body, "Förra årets nytta") {
			t.Error("a benefit of 2024 is in the report of 2025")
		}
		resp, body := dev.post(staff+"/utfarda", nil)
		wantStatus(t, "issue", resp, body, http.StatusSeeOther, "/uppfoljning/rapporter/2025?version=1")

		if _, err := e.db.AddBenefit(ctx, ini.ID, followup.Benefit{Date: time.Date(2025, 12, 1, 0, 0, 0, 0, time.UTC),
			Description: "Senare registrerad nytta", ValueSEK: 1000}, by); err != nil {
			t.Fatal(err)
		}
		_, body = anon.get("/uppfoljning/rapporter/2025")
		wantBody(t, "issued", body, "Mindre porto och papper", "184\u00a0000 kr per år", "1 nyttor realiserades under 2025")
		if strings.Contains(body, "Senare registrerad nytta") {
			t.Error("the issued version changed with the data")
		}
		_, body = dev.get(staff)
		wantBody(t, "the live draft moves on", body, "Senare registrerad nytta", "185\u00a0000 kr per år")
		resp, pdfBody := anon.get("/uppfoljning/rapporter/2025/rapport.pdf")
		wantStatus(t, "pdf", resp, pdfBody, 200, "")
		if !bytes.HasPrefix([]byte(pdfBody), []byte("%PDF-")) {
			t.Fatal("not a PDF")
		}
	})
}

// TestDemoReport: the demo issues last year's report once, with its
// narratives, through the server's report sources; run again it leaves
// the issued version alone.
func TestDemoReport(t *testing.T) {
	t.Parallel()
	reportEngines(t, func(t *testing.T, e *reportEnv) {
		src, err := e.srv.ReportSources(t.Context())
		if err != nil {
			t.Fatal(err)
		}
		for range 2 {
			if err := demo.SeedReport(t.Context(), e.db, src); err != nil {
				t.Fatal(err)
			}
		}
		vs, err := e.db.ReportVersions(t.Context(), 2025)
		if err != nil || len(vs) != 1 || vs[0].IssuedByName != "utveckling" {
			t.Fatalf("versions = %+v, %v", vs, err)
		}
		_, body := e.anonymous(t).get("/uppfoljning/rapporter/2025")
		wantBody(t, "demo report", body, "följer upp digitaliseringspolicyn för 2025", "Version 1,")
	})
}
