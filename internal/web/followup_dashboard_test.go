package web_test

import (
	"encoding/csv"
	"net/http"
	"strconv"
	"strings"
	"testing"

	"sprang/internal/store/storetest"
)

// TestDashboardPublic checks the public dashboard: public indicators
// only, each value with its target and status in words, a value that is
// not known saying why instead of 0, a chart with its title, description
// and table, and the perspectives' counts.
func TestDashboardPublic(t *testing.T) {
	t.Parallel()
	_, b := newDashWithIndicators(t)
	resp, body := b.get("/uppfoljning?ar=2025")
	wantStatus(t, "public dashboard", resp, body, http.StatusOK, "")
	for _, want := range []string{
		"Andel digitala ärenden", "72,5\u00a0%", "70,0\u00a0%", "Når målet", // the group's value, target and status
		`role="img"`, "<title id=\"trend-andel-digitala-title\">", "<desc id=\"trend-andel-digitala-desc\">", // the chart's text alternative
		"<caption id=\"trend-andel-digitala-table\">", // and its table
		"Inga uppgifter", // 2024 has no value: said, not 0
		"1 når målet, 0 nära målet, 0 långt från målet, 0 utan bedömning", // digital trygghet's count
		`aria-current="page"`,
	} {
		if !strings.Contains(body, want) {
			t.Errorf("the public dashboard lacks %q", want)
		}
	}
	if strings.Contains(body, "Intern sjukfrånvaro") || strings.Contains(body, "sjukfranvaro") {
		t.Error("the public dashboard shows an internal indicator")
	}
	if strings.Contains(body, "<td class=\"chart__num\">0,0\u00a0%</td>") {
		t.Error("a value that is not known is shown as 0")
	}
	_, body = b.get("/uppfoljning?ar=2025&perspektiv=innovation")
	for _, want := range []string{"Finns inte än", "=HYPERLINK"} { // the idea portal does not exist
		if !strings.Contains(body, want) {
			t.Errorf("digital innovation lacks %q", want)
		}
	}
}

// TestDashboardFilters checks the filter: a unit and a year show that
// unit's values; a value the form cannot have sent is refused with 422,
// the form shown again with an error summary linking to the field.
func TestDashboardFilters(t *testing.T) {
	t.Parallel()
	e, b := newDashWithIndicators(t)
	skola := strconv.FormatInt(e.units["skola"].ID, 10)
	resp, body := b.get("/uppfoljning?enhet=" + skola + "&ar=2025")
	wantStatus(t, "skola 2025", resp, body, http.StatusOK, "")
	for _, want := range []string{"Visar Skolförvaltningen, år 2025.", "65,0\u00a0%", "Nära målet", "Skolans IT-avdelning"} {
		if !strings.Contains(body, want) {
			t.Errorf("skola's dashboard lacks %q", want)
		}
	}
	if !strings.Contains(body, `<option value="`+skola+`" selected>`) {
		t.Error("the chosen unit is not selected in the form")
	}
	root := strconv.FormatInt(e.units["kommunen"].ID, 10)
	if _, body := b.get("/uppfoljning?enhet=" + root + "&ar=2025"); !strings.Contains(body, "Visar Kommunkoncernen, år 2025.") {
		t.Error("the group's own unit does not show the group as a whole")
	}
	for _, q := range []string{"ar=1999", "ar=2027", "ar=tjugo", "enhet=999999", "enhet=abc", "perspektiv=okand", "ar=%FF"} {
		field, _, _ := strings.Cut(q, "=")
		resp, body := b.get("/uppfoljning?" + q)
		wantStatus(t, q, resp, body, http.StatusUnprocessableEntity, "")
		if !strings.Contains(body, `<a href="#`+field+`">`) || !strings.Contains(body, `id="`+field+`-error"`) {
			t.Errorf("%s: no error summary linking to the field", q)
		}
		if strings.Contains(body, "trend-andel-digitala") {
			t.Errorf("%s: the refused filter shows indicators", q)
		}
	}
}

// TestDashboardDrillDown checks the drill-down from the group: a table
// of the indicator per förvaltning and bolag, each linking to that unit's
// dashboard, which drills on to its own sub-units.
func TestDashboardDrillDown(t *testing.T) {
	t.Parallel()
	e, b := newDashWithIndicators(t)
	_, body := b.get("/uppfoljning?ar=2025")
	table := dashBetween(body, `<caption id="drill-andel-digitala">`, "</table>")
	for _, unit := range []string{"skola", "social", "bostader"} {
		link := `href="/uppfoljning?ar=2025&amp;enhet=` + strconv.FormatInt(e.units[unit].ID, 10) + `&amp;perspektiv=trygghet"`
		if !strings.Contains(table, link) {
			t.Errorf("the group's drill-down lacks %s (%s)", unit, link)
		}
	}
	for _, want := range []string{"50,0\u00a0%", "Långt från målet", "Nära målet", "Inga uppgifter"} {
		if !strings.Contains(table, want) {
			t.Errorf("the drill-down lacks %q:\n%s", want, table)
		}
	}
	if strings.Contains(table, "Skolans IT-avdelning") {
		t.Error("the group's drill-down skips a level")
	}
	_, body = b.get("/uppfoljning?ar=2025&enhet=" + strconv.FormatInt(e.units["social"].ID, 10))
	if strings.Contains(body, `<caption id="drill-andel-digitala">`) {
		t.Error("a unit without sub-units has a drill-down")
	}
}

// TestDashboardIndicatorPages checks the indicator pages: the public one
// of a public indicator with its method, source and comment and values
// per unit; 404 on the public site for an internal or unknown indicator;
// the staff page of the internal one for a reader, and login first for
// anonymous visitors.
func TestDashboardIndicatorPages(t *testing.T) {
	t.Parallel()
	_, b := newDashWithIndicators(t)
	resp, body := b.get("/uppfoljning/indikatorer/andel-digitala?ar=2025")
	wantStatus(t, "public indicator", resp, body, http.StatusOK, "")
	for _, want := range []string{"Ärenden genom e-tjänst delat med alla ärenden.</p>", "<p>Räknas per år.</p>",
		"Ärendesystemet 2025", "Mätt i december", "Socialförvaltningen", "Skolans IT-avdelning", `role="img"`, "Högre är bättre"} {
		if !strings.Contains(body, want) {
			t.Errorf("the indicator page lacks %q", want)
		}
	}
	for _, path := range []string{"/uppfoljning/indikatorer/sjukfranvaro", "/uppfoljning/indikatorer/finns-inte"} {
		resp, body := b.get(path)
		wantStatus(t, path, resp, body, http.StatusNotFound, "")
		if strings.Contains(body, "Intern sjukfrånvaro") {
			t.Errorf("%s: the 404 page names the internal indicator", path)
		}
	}
	resp, body = b.get("/personal/uppfoljning/indikatorer/sjukfranvaro")
	wantStatus(t, "staff indicator, anonymous", resp, body, http.StatusSeeOther, "/logga-in")
	b.login("reader")
	resp, body = b.get("/personal/uppfoljning/indikatorer/sjukfranvaro?ar=2025")
	wantStatus(t, "staff indicator", resp, body, http.StatusOK, "")
	if !strings.Contains(body, "Intern sjukfrånvaro") || !strings.Contains(body, "4,2\u00a0%") {
		t.Error("the staff indicator page lacks the internal indicator's value")
	}
	resp, body = b.get("/personal/uppfoljning/indikatorer/sjukfranvaro?ar=1999")
	wantStatus(t, "staff indicator, bad year", resp, body, http.StatusUnprocessableEntity, "")
	resp, body = b.get("/personal/uppfoljning?ar=2025&perspektiv=kompetens")
	wantStatus(t, "staff dashboard", resp, body, http.StatusOK, "")
	if !strings.Contains(body, "Intern sjukfrånvaro") || !strings.Contains(body, "/personal/uppfoljning/ej-fullt-utnyttjat?ar=2025") {
		t.Error("the staff dashboard lacks the internal indicator or the link to where digitalization is not used fully")
	}
}

// TestDashboardCSV checks the CSV export: a BOM, semicolons, Swedish
// decimal commas, the filtered unit and its sub-units over five years,
// public indicators only, a missing value empty with its reason, and a
// formula made harmless.
func TestDashboardCSV(t *testing.T) {
	t.Parallel()
	e, b := newDashWithIndicators(t)
	resp, body := b.get("/uppfoljning/indikatorer.csv?ar=2025")
	wantStatus(t, "csv", resp, body, http.StatusOK, "")
	if ct := resp.Header.Get("Content-Type"); ct != "text/csv; charset=utf-8" {
		t.Errorf("Content-Type %q", ct)
	}
	if !strings.HasPrefix(body, "\uFEFF") {
		t.Fatal("the CSV has no byte order mark")
	}
	r := csv.NewReader(strings.NewReader(strings.TrimPrefix(body, "\uFEFF")))
	r.Comma = ';'
	rows, err := r.ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	want := []string{"Indikator", "Namn", "Perspektiv", "Enhet", "Period", "Värde", "Mål", "Status", "Måttenhet", "Förklaring"}
	if strings.Join(rows[0], "|") != strings.Join(want, "|") {
		t.Errorf("header %q, want %q", rows[0], want)
	}
	// 3 public indicators × (the group + 3 sub-units) × 5 years.
	if len(rows) != 1+3*4*5 {
		t.Errorf("%d rows, want %d", len(rows), 1+3*4*5)
	}
	find := func(key, unit, period string) []string {
		for _, row := range rows[1:] {
			if row[0] == key && row[3] == unit && row[4] == period {
				return row
			}
		}
		t.Fatalf("no row %s %s %s", key, unit, period)
		return nil
	}
	if got := find("andel-digitala", "Kommunkoncernen", "2025"); got[5] != "72,5" || got[6] != "70,0" || got[7] != "Når målet" || got[9] != "" {
		t.Errorf("the group's 2025 row is %q", got)
	}
	if got := find("andel-digitala", "Kommunkoncernen", "2024"); got[5] != "" || got[9] != "Inga uppgifter" {
		t.Errorf("a missing value is written %q", got)
	}
	if got := find("formel", "Kommunkoncernen", "2025"); got[1] != `'=HYPERLINK("http://x")` {
		t.Errorf("a formula name is written %q", got[1])
	}
	for _, row := range rows[1:] {
		if row[0] == "sjukfranvaro" {
			t.Fatal("the public CSV has an internal indicator")
		}
	}
	resp, body = b.get("/uppfoljning/indikatorer.csv?ar=1999")
	wantStatus(t, "csv bad year", resp, body, http.StatusUnprocessableEntity, "")
	b.login("admin")
	_, body = b.get("/personal/uppfoljning/indikatorer.csv?ar=2025&perspektiv=kompetens&enhet=" + strconv.FormatInt(e.units["social"].ID, 10))
	if !strings.Contains(body, "sjukfranvaro;Intern sjukfrånvaro;Digital kompetens;Socialförvaltningen;2025;;;;Procent;Inga uppgifter") {
		t.Errorf("the staff CSV of social and digital kompetens is\n%s", body)
	}
}

// TestDashboardAccess checks who may see the staff pages: anonymous
// visitors are sent to log in.
func TestDashboardAccess(t *testing.T) {
	t.Parallel()
	e := newDashEnv(t, storetest.Selected())
	b := e.browser(t)
	for _, path := range []string{"/personal/uppfoljning", "/personal/uppfoljning/indikatorer.csv", "/personal/uppfoljning/ej-fullt-utnyttjat"} {
		resp, body := b.get(path)
		wantStatus(t, path, resp, body, http.StatusSeeOther, "/logga-in")
	}
	resp, body := b.get("/uppfoljning")
	wantStatus(t, "public dashboard without indicators", resp, body, http.StatusOK, "")
	if !strings.Contains(body, "Det finns inga indikatorer att visa") {
		t.Error("an empty dashboard does not say so")
	}
}

// TestNotUsedFullyPage checks the page: every förvaltning and bolag
// without e-services listed with its figures, a unit with a low maturity
// with its two dimensions, a competence gap where five answered and none
// where four did; and a year the form does not offer refused.
func TestNotUsedFullyPage(t *testing.T) {
	t.Parallel()
	e := newDashEnv(t, storetest.Selected())
	e.seedAssessments(t)
	b := e.browser(t)
	b.login("reader")
	resp, body := b.get("/personal/uppfoljning/ej-fullt-utnyttjat?ar=2025")
	wantStatus(t, "not used fully", resp, body, http.StatusOK, "")
	section := dashBetween(body, `<h2 id="ej-no-eservices">`, "</section>")
	for _, unit := range []string{"Skolförvaltningen", "Socialförvaltningen", "Kommunens Bostäder AB"} {
		if !strings.Contains(section, "<th scope=\"row\">"+unit+"</th><td>0</td><td>minst 1</td>") {
			t.Errorf("units without e-services lack %s:\n%s", unit, section)
		}
	}
	if strings.Contains(section, "Skolans IT-avdelning") {
		t.Error("an avdelning is listed as a unit without e-services")
	}
	maturity := dashBetween(body, `<h2 id="ej-low-maturity">`, "</section>")
	if !strings.Contains(maturity, "<th scope=\"row\">Socialförvaltningen</th><td>0\u00a0%</td><td>0\u00a0%</td><td>0\u00a0%</td><td>40\u00a0%</td>") {
		t.Errorf("low maturity lacks social:\n%s", maturity)
	}
	competence := dashBetween(body, `<h2 id="ej-competence-gap">`, "</section>")
	for _, want := range []string{"<th scope=\"row\">Skolförvaltningen</th><td>1. Information och data</td><td>5</td><td>2,0</td><td>3</td>",
		"<th scope=\"row\">Kommunkoncernen</th><td>1. Information och data</td><td>5</td>"} {
		if !strings.Contains(competence, want) {
			t.Errorf("competence gaps lack %q:\n%s", want, competence)
		}
	}
	if strings.Contains(competence, "Socialförvaltningen") {
		t.Error("a competence gap is shown where only four answered")
	}
	resp, body = b.get("/personal/uppfoljning/ej-fullt-utnyttjat?ar=1999")
	wantStatus(t, "not used fully, bad year", resp, body, http.StatusUnprocessableEntity, "")
	if !strings.Contains(body, `<a href="#ar">`) {
		t.Error("no error summary")
	}
}

// dashBetween returns the part of s from the first from to the next to after
// it, or "" when either is missing.
func dashBetween(s, from, to string) string {
	_, rest, ok := strings.Cut(s, from)
	if !ok {
		return ""
	}
	part, _, _ := strings.Cut(rest, to)
	return part
}
