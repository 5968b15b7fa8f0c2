package web_test

import (
	"crypto/rand"
	"encoding/csv"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"sprang/internal/auth"
	"sprang/internal/eservice"
	"sprang/internal/identity"
	"sprang/internal/secret"
	"sprang/internal/store"
)

// statsSeed gives the case environment a month of use: in bygg three
// drafts started (one submitted, two stopped on the first page) and three
// errands (two digital, one on paper, one of them decided after two
// days); in skola one errand.
func statsSeed(t *testing.T, e *caseEnv) {
	t.Helper()
	ctx := t.Context()
	var first eservice.Errand
	for i := range 3 {
		owner := store.DraftOwner{Token: secret.Token()}
		d, err := e.db.StartDraft(ctx, store.Draft{ServiceID: e.byggSvc.ID, Version: e.byggSvc.Published}, owner)
		if err != nil {
			t.Fatal(err)
		}
		if i == 0 {
			n := store.NewErrand{ServiceID: e.byggSvc.ID, Version: e.byggSvc.Published, Channel: eservice.ChannelDigital,
				Answers: eservice.Answers{"beskrivning": {"Trasig gatlykta"}}, DraftID: d.ID, Owner: owner}
			if first, err = e.db.SubmitErrand(ctx, n, rand.Reader); err != nil {
				t.Fatal(err)
			}
		}
	}
	e.errand(t, e.byggSvc, errandOpts{})
	e.errand(t, e.byggSvc, errandOpts{channel: eservice.ChannelPaper})
	e.errand(t, e.skolaSvc, errandOpts{})
	e.clock.Add(48 * time.Hour)
	hugo := e.users["hugo"].ID
	e.change(t, store.ErrandChange{ErrandID: first.ID, ByUserID: hugo, Decision: "Lagas."})
}

// selectOptions returns the texts of the options of the select with id
// in a page.
func selectOptions(body, id string) []string {
	i := strings.Index(body, `<select id="`+id+`"`)
	if i < 0 {
		return nil
	}
	j := strings.Index(body[i:], "</select>")
	var out []string
	for _, m := range regexp.MustCompile(`<option value="[^"]*"[^>]*>([^<]*)</option>`).FindAllStringSubmatch(body[i:i+j], -1) {
		out = append(out, m[1])
	}
	return out
}

func TestStatsPage(t *testing.T) {
	t.Parallel()
	caseEngines(t, caseOpts{}, func(t *testing.T, e *caseEnv) {
		statsSeed(t, e)
		hugo := e.as(t, "hugo")
		resp, body := hugo.get("/personal/statistik")
		wantStatus(t, "statistics", resp, body, 200, "")
		for _, want := range []string{
			"Felanmälan", "Samhällsbyggnadsförvaltningen",
			// started 3, submitted 1, 33 %, errands 3, digital 67 %
			`<td class="chart__num">3</td><td class="chart__num">1</td><td class="chart__num">33` + "\u00a0%</td>",
			`<td class="chart__num">3</td><td class="chart__num">67` + "\u00a0%</td>",
			// decided 1 in time, lead 2,0 days
			`<td class="chart__num">1</td><td class="chart__num">100` + "\u00a0%</td>",
			"2,0 dagar",
			`role="img"`, `<title id="chart-monthly-title">Ärenden per månad och kanal</title>`, `<desc id="chart-monthly-desc">`,
			`aria-labelledby="chart-monthly-title chart-monthly-desc"`,
			`<caption id="chart-monthly-table">Ärenden per månad och kanal</caption>`, `<th scope="row">mars 2026</th>`,
			`href="/personal/statistik.csv"`,
			"Välj en e-tjänst ovan",
		} {
			if !strings.Contains(body, want) {
				t.Errorf("statistics page lacks %q", want)
			}
		}
		if strings.Contains(body, "Skolskjuts") || strings.Contains(body, "Skolförvaltningen") {
			t.Error("hugo sees another unit's service or unit")
		}
		if got := selectOptions(body, "tjanst"); strings.Join(got, "|") != "Alla e-tjänster|Felanmälan" {
			t.Errorf("service choices %v", got)
		}
		if got := selectOptions(body, "enhet"); strings.Join(got, "|") != "Alla mina enheter|Samhällsbyggnadsförvaltningen" {
			t.Errorf("unit choices %v", got)
		}

		// One service: its drop-off chart, two drafts stopped on step 1.
		svc := strconv.FormatInt(e.byggSvc.ID, 10)
		resp, body = hugo.get("/personal/statistik?tjanst=" + svc + "&period=30-dagar")
		wantStatus(t, "one service", resp, body, 200, "")
		for _, want := range []string{
			`<title id="chart-dropoff-title">Var invånarna slutar i Felanmälan</title>`,
			`<th scope="row">1. Om ärendet</th><td class="chart__num">2</td>`,
			"Av 3 påbörjade ansökningar skickades 1 in (33\u00a0%). 2 skickades inte in",
			`href="/personal/statistik.csv?period=30-dagar&amp;tjanst=` + svc + `"`,
		} {
			if !strings.Contains(body, want) {
				t.Errorf("one service: page lacks %q", want)
			}
		}

		// A service nobody started: the funnel says so.
		resp, body = e.as(t, "sara").get("/personal/statistik?tjanst=" + strconv.FormatInt(e.skolaSvc.ID, 10))
		wantStatus(t, "a service nobody started", resp, body, 200, "")
		if !strings.Contains(body, "Ingen ansökan påbörjades under perioden.") || strings.Contains(body, "Felanmälan") {
			t.Error("sara's service: no word that nobody started it, or another unit's service shown")
		}

		// Choices the form does not offer.
		skola := strconv.FormatInt(e.skola.ID, 10)
		for _, c := range []struct{ query, field, msg string }{
			{"enhet=" + skola, "enhet", "Välj en enhet i listan."},
			{"enhet=x", "enhet", "Välj en enhet i listan."},
			{"tjanst=" + strconv.FormatInt(e.skolaSvc.ID, 10), "tjanst", "Välj en e-tjänst i listan."},
			{"period=1999", "period", "Välj en period i listan."},
			{"period=%FF", "period", ""},
		} {
			resp, body := hugo.get("/personal/statistik?" + c.query)
			wantStatus(t, c.query, resp, body, 422, "")
			if !strings.Contains(body, `<a href="#`+c.field+`">`+c.msg) {
				t.Errorf("%s: no error summary entry for %s %q", c.query, c.field, c.msg)
			}
			if strings.Contains(body, "Skolskjuts") {
				t.Errorf("%s: another unit's service shown", c.query)
			}
		}
	})
}

func TestStatsEnglish(t *testing.T) {
	t.Parallel()
	caseEngines(t, caseOpts{}, func(t *testing.T, e *caseEnv) {
		statsSeed(t, e)
		b := e.as(t, "hugo")
		b.header.Set("Accept-Language", "en")
		if resp, body := b.get("/lang/en?next=/personal/statistik"); resp.StatusCode >= 400 {
			t.Fatalf("language switch: %d %s", resp.StatusCode, body)
		}
		resp, body := b.get("/personal/statistik")
		wantStatus(t, "statistics in English", resp, body, 200, "")
		for _, want := range []string{"E-service statistics", "Report a fault", "2.0 days", "33%", `<th scope="row">March 2026</th>`} {
			if !strings.Contains(body, want) {
				t.Errorf("English page lacks %q", want)
			}
		}
	})
}

func TestStatsAccess(t *testing.T) {
	t.Parallel()
	caseEngines(t, caseOpts{}, func(t *testing.T, e *caseEnv) {
		statsSeed(t, e)
		if _, err := e.svc.CreateUser(t.Context(), auth.SystemActor("test"), auth.NewUser{
			NewUser: identity.NewUser{Username: "dora", DisplayName: "Dora Datavård"}, Password: staffPassword,
			Grants: []identity.Grant{{UnitID: e.group.ID, Role: identity.RoleDatavard}}}); err != nil {
			t.Fatal(err)
		}
		for _, c := range []struct {
			who    string
			status int
			sees   []string
		}{
			{"elsa", 200, []string{"Felanmälan", "Skolskjuts"}}, // e-tjänst in the group: every unit
			{"lisa", 200, []string{"Felanmälan"}},               // läsare in bygg
			{"sara", 200, []string{"Skolskjuts"}},               // handläggare in skola
			{"dora", 403, nil},
		} {
			b := e.as(t, c.who)
			resp, body := b.get("/personal/statistik")
			wantStatus(t, c.who, resp, body, c.status, "")
			for _, s := range c.sees {
				if !strings.Contains(body, s) {
					t.Errorf("%s does not see %s", c.who, s)
				}
			}
			_, staff := b.get("/personal")
			if link := strings.Contains(staff, `<a href="/personal/statistik">Statistik</a>`); link != (c.status == 200) {
				t.Errorf("%s: link to the statistics on the staff page: %v", c.who, link)
			}
			if resp, body := b.get("/personal/statistik.csv"); resp.StatusCode != c.status {
				t.Errorf("%s: CSV status %d, want %d\n%s", c.who, resp.StatusCode, c.status, body)
			}
		}
		anon := e.as(t, "")
		if resp, _ := anon.get("/personal/statistik"); resp.StatusCode == 200 {
			t.Error("anonymous visitor sees the statistics")
		}
		if resp, _ := anon.get("/personal/statistik.csv"); resp.StatusCode == 200 {
			t.Error("anonymous visitor downloads the statistics")
		}
	})
}

func TestStatsCSV(t *testing.T) {
	t.Parallel()
	caseEngines(t, caseOpts{}, func(t *testing.T, e *caseEnv) {
		statsSeed(t, e)
		e.service(t, e.bygg.ID, "formel", "=HYPERLINK(\"http://x\")", "")
		resp, body := e.as(t, "hugo").get("/personal/statistik.csv?period=30-dagar")
		wantStatus(t, "CSV", resp, body, 200, "")
		if ct := resp.Header.Get("Content-Type"); ct != "text/csv; charset=utf-8" {
			t.Errorf("Content-Type %q", ct)
		}
		if cd := resp.Header.Get("Content-Disposition"); cd != `attachment; filename="statistik-2026-02-03-2026-03-04.csv"` {
			t.Errorf("Content-Disposition %q", cd)
		}
		if !strings.HasPrefix(body, "\uFEFF") {
			t.Fatal("CSV does not start with a byte order mark")
		}
		if !strings.Contains(body, "\r\n") {
			t.Error("CSV lines do not end in CRLF")
		}
		r := csv.NewReader(strings.NewReader(strings.TrimPrefix(body, "\uFEFF")))
		r.Comma = ';'
		lines, err := r.ReadAll()
		if err != nil {
			t.Fatalf("CSV does not parse: %v\n%s", err, body)
		}
		want := [][]string{
			{"Enhet", "E-tjänst", "Påbörjade", "Inskickade", "Andel inskickade (%)", "Ärenden", "Andel via e-tjänst (%)",
				"E-tjänst", "Pappersblankett", "Telefon", "Besök", "Brev eller e-post",
				"Beslutade", "Beslut i tid (%)", "Handläggningstid, median (dagar)", "Handläggningstid, 90:e percentil (dagar)", "Försenade"},
			{"Samhällsbyggnadsförvaltningen", "'=HYPERLINK(\"http://x\")", "0", "0", "", "0", "", "0", "0", "0", "0", "0", "0", "", "", "", "0"},
			{"Samhällsbyggnadsförvaltningen", "Felanmälan", "3", "1", "33,3", "3", "66,7", "2", "1", "0", "0", "0", "1", "100,0", "2,0", "2,0", "0"},
			{"", "Totalt", "3", "1", "33,3", "3", "66,7", "2", "1", "0", "0", "0", "1", "100,0", "2,0", "2,0", "0"},
		}
		if strings.Join(flatten(lines), "|") != strings.Join(flatten(want), "|") {
			t.Errorf("CSV lines\n%q\nwant\n%q", lines, want)
		}
		if strings.Contains(body, "Skolskjuts") {
			t.Error("CSV holds another unit's service")
		}
		if resp, body := e.as(t, "hugo").get("/personal/statistik.csv?period=nyss"); resp.StatusCode != 422 ||
			!strings.Contains(body, "Välj en period i listan.") {
			t.Errorf("CSV of a bad period: %d", resp.StatusCode)
		}
	})
}

func flatten(lines [][]string) []string {
	var out []string
	for _, l := range lines {
		out = append(out, strings.Join(l, ";"))
	}
	return out
}
