package web_test

import (
	"fmt"
	"net/url"
	"strings"
	"testing"
	"time"

	"sprang/internal/audit"
	"sprang/internal/store"
)

func TestOpsPagePermissions(t *testing.T) {
	t.Parallel()
	e := newOpsEnv(t, nil)
	tests := []struct {
		method, path string
		who          string // "" for anonymous
		status       int
	}{
		{"GET", "/personal/logg", "", 303},
		{"GET", "/personal/logg", "reader", 403},
		{"GET", "/personal/logg", "utveckling", 403},
		{"GET", "/personal/logg", "skoladmin", 403}, // an administrator below the group sees no platform log
		{"GET", "/personal/logg", "admin", 200},
		{"POST", "/personal/logg/verifiera", "", 401},
		{"POST", "/personal/logg/verifiera", "reader", 403},
		{"POST", "/personal/logg/verifiera", "skoladmin", 403},
		{"GET", "/personal/jobb", "", 303},
		{"GET", "/personal/jobb", "reader", 403},
		{"GET", "/personal/jobb", "skoladmin", 403},
		{"GET", "/personal/jobb", "utveckling", 200},
		{"GET", "/personal/jobb", "admin", 200},
		{"POST", "/personal/jobb/1/forsok-igen", "", 401},
		{"POST", "/personal/jobb/1/forsok-igen", "reader", 403},
		{"POST", "/personal/jobb/1/forsok-igen", "utveckling", 403},
		{"POST", "/personal/jobb/1/avbryt", "utveckling", 403},
		{"POST", "/personal/jobb/1/avbryt", "skoladmin", 403},
		{"POST", "/personal/jobb/987654/forsok-igen", "admin", 404},
		{"POST", "/personal/jobb/x/avbryt", "admin", 404},
		{"GET", "/personal/logg/verifiera", "admin", 404},
	}
	sessions := map[string]*browser{}
	for _, who := range []string{"", "reader", "utveckling", "skoladmin", "admin"} {
		sessions[who] = e.loggedIn(t, who)
	}
	for _, tt := range tests {
		resp, body := sessions[tt.who].do(tt.method, tt.path, url.Values{})
		loc := ""
		if tt.status == 303 {
			loc = "/logga-in?next=" + url.QueryEscape(tt.path)
		}
		if resp.StatusCode == 500 {
			t.Log(e.logs.String())
		}
		wantStatus(t, tt.method+" "+tt.path+" as "+tt.who, resp, body, tt.status, loc)
	}
	// The start page links the pages the roles allow.
	_, body := sessions["utveckling"].get("/personal")
	if !strings.Contains(body, `href="/personal/jobb"`) || strings.Contains(body, `href="/personal/logg"`) {
		t.Errorf("utveckling's start page links:\n%s", body)
	}
}

// seedAuditLog appends entries on three days (2, 3 and 4 March 2026,
// 08:00 UTC) and leaves the clock on 4 March.
func seedAuditLog(t *testing.T, e *opsEnv) {
	t.Helper()
	days := [][]audit.Entry{
		{
			{ActorKind: audit.Staff, ActorID: e.users["admin"].ID, ActorName: "admin", Action: audit.UnitCreated, ObjectType: "unit", ObjectID: "3", Detail: "marker-unit"},
			{ActorKind: audit.System, Action: "custom.thing", Detail: "marker-custom"},
		},
		{
			{ActorKind: audit.Staff, ActorID: e.users["reader"].ID, ActorName: "reader", Action: audit.PersonalDataRead, ObjectType: "errand", ObjectID: "17", ResidentID: 42, Reason: "handläggning", Detail: "marker-read42"},
		},
		{
			{ActorKind: audit.Staff, ActorID: e.users["reader"].ID, ActorName: "reader", Action: audit.PersonalDataRead, ObjectType: "errand", ObjectID: "18", ResidentID: 43, Reason: "uppföljning", Detail: "marker-read43"},
			{ActorKind: audit.Anonymous, Action: audit.LoginFailure, Detail: "marker-failure"},
		},
	}
	for i, entries := range days {
		if i > 0 {
			e.clock.Add(24 * time.Hour)
		}
		for _, en := range entries {
			if _, err := e.db.AppendAudit(t.Context(), en); err != nil {
				t.Fatal(err)
			}
		}
	}
}

func TestAuditPageSearch(t *testing.T) {
	t.Parallel()
	e := newOpsEnv(t, nil)
	seedAuditLog(t, e)
	b := e.loggedIn(t, "admin")
	all := []string{"marker-unit", "marker-custom", "marker-read42", "marker-read43", "marker-failure"}
	tests := []struct {
		name  string
		query string
		want  []string // markers shown; the others in all must not be
	}{
		{"everything", "", all},
		{"action", "action=personaldata.read", []string{"marker-read42", "marker-read43"}},
		{"actor", "actor=reader", []string{"marker-read42", "marker-read43"}},
		{"object", "object_type=errand&object_id=17", []string{"marker-read42"}},
		{"resident", "resident=43", []string{"marker-read43"}},
		{"from", "from=2026-03-03", []string{"marker-read42", "marker-read43", "marker-failure"}},
		{"to is inclusive", "to=2026-03-03", []string{"marker-unit", "marker-custom", "marker-read42"}},
		{"one day", "from=2026-03-03&to=2026-03-03", []string{"marker-read42"}},
		{"text", "text=MARKER-CUST", []string{"marker-custom"}},
		{"combined", "action=personaldata.read&text=read43", []string{"marker-read43"}},
		{"nothing", "action=logout&text=marker", nil},
	}
	for _, tt := range tests {
		resp, body := b.get("/personal/logg?" + tt.query)
		wantStatus(t, tt.name, resp, body, 200, "")
		for _, m := range all {
			if got, want := strings.Contains(body, m), containsString(tt.want, m); got != want {
				t.Errorf("%s: %s shown = %v, want %v", tt.name, m, got, want)
			}
		}
		if tt.want == nil && !strings.Contains(body, "Inga loggposter matchar sökningen.") {
			t.Errorf("%s: no empty-result text", tt.name)
		}
	}
	// Plain words, the code as fallback, residents by id, and the form keeps the search.
	_, body := b.get("/personal/logg?resident=42&actor=reader")
	for _, want := range []string{"Läsning av personuppgifter", "invånare 42", "handläggning", `value="reader"`, `value="42"`,
		"<caption>", `<th scope="col">`, `<label class="label" for="action">`} {
		if !strings.Contains(body, want) {
			t.Errorf("search page lacks %q", want)
		}
	}
	_, body = b.get("/personal/logg?text=marker-custom")
	if !strings.Contains(body, "<td>custom.thing</td>") || !strings.Contains(body, "Systemet") {
		t.Errorf("unknown action not shown by its code:\n%s", body)
	}
	_, body = b.get("/personal/logg?action=personaldata.read")
	if !strings.Contains(body, `<option value="personaldata.read" selected>`) {
		t.Error("the chosen action is not selected")
	}
	b.header.Set("Accept-Language", "en")
	_, body = b.get("/personal/logg?action=personaldata.read")
	if !strings.Contains(body, "Personal data read") || !strings.Contains(body, "Audit log") {
		t.Error("English page lacks English action names")
	}
}

func containsString(ss []string, s string) bool {
	for _, x := range ss {
		if x == s {
			return true
		}
	}
	return false
}

func TestAuditPageInvalidSearch(t *testing.T) {
	t.Parallel()
	e := newOpsEnv(t, nil)
	b := e.loggedIn(t, "admin")
	tests := []struct {
		name, query string
		fields      []string // linked from the error summary
	}{
		{"unknown actor", "actor=nobody", []string{"actor"}},
		{"resident not a number", "resident=19121212-1212", []string{"resident"}},
		{"resident zero", "resident=0", []string{"resident"}},
		{"bad dates", "from=2026-13-01&to=igår", []string{"from", "to"}},
		{"period ends before it starts", "from=2026-03-04&to=2026-03-03", []string{"to"}},
	}
	for _, tt := range tests {
		resp, body := b.get("/personal/logg?" + tt.query)
		wantStatus(t, tt.name, resp, body, 422, "")
		for _, f := range tt.fields {
			if !strings.Contains(body, `href="#`+f+`"`) || !strings.Contains(body, `id="`+f+`-error"`) {
				t.Errorf("%s: no error for %s", tt.name, f)
			}
		}
	}
}

func TestAuditPaging(t *testing.T) {
	t.Parallel()
	e := newOpsEnv(t, nil)
	const n = 120 // pages of 40: 120…81, 80…41, 40…1
	for i := 1; i <= n; i++ {
		if _, err := e.db.AppendAudit(t.Context(), audit.Entry{ActorKind: audit.System, Action: audit.ConfigChanged,
			ObjectType: "setting", ObjectID: fmt.Sprintf("page-%03d", i)}); err != nil {
			t.Fatal(err)
		}
	}
	b := e.loggedIn(t, "admin") // adds a login entry, which the filter leaves out
	pages := []struct {
		first, last  int
		newer, older bool
	}{{n, 81, false, true}, {80, 41, true, true}, {40, 1, true, false}}
	path := "/personal/logg?object_type=setting"
	visit := func(i int) string {
		p := pages[i]
		resp, body := b.get(path)
		wantStatus(t, path, resp, body, 200, "")
		for _, id := range []int{p.first, p.last} {
			if !strings.Contains(body, fmt.Sprintf("page-%03d", id)) {
				t.Errorf("page %d (%s) lacks entry %d", i+1, path, id)
			}
		}
		for _, id := range []int{p.first + 1, p.last - 1} {
			if id >= 1 && id <= n && strings.Contains(body, fmt.Sprintf("page-%03d", id)) {
				t.Errorf("page %d (%s) shows entry %d", i+1, path, id)
			}
		}
		if got := link(body, "Nyare") != ""; got != p.newer {
			t.Errorf("page %d: newer link %v, want %v", i+1, got, p.newer)
		}
		if got := link(body, "Äldre") != ""; got != p.older {
			t.Errorf("page %d: older link %v, want %v", i+1, got, p.older)
		}
		return body
	}
	body := visit(0)
	for i := 1; i < len(pages); i++ {
		path = link(body, "Äldre")
		if !strings.Contains(path, "object_type=setting") {
			t.Fatalf("older link %q drops the search", path)
		}
		body = visit(i)
	}
	for i := len(pages) - 2; i >= 0; i-- {
		path = link(body, "Nyare")
		body = visit(i)
	}
	if path != "/personal/logg?object_type=setting" {
		t.Errorf("newest page via Nyare is %q", path)
	}
}

func TestAuditVerify(t *testing.T) {
	t.Parallel()
	e := newOpsEnv(t, nil)
	b := e.loggedIn(t, "admin")
	resp, body := b.post("/personal/logg/verifiera", nil)
	wantStatus(t, "verify", resp, body, 303, "/personal/logg?verifierad=")
	result := resp.Header.Get("Location")
	p, err := e.db.FindAuditEntries(t.Context(), audit.Filter{})
	if err != nil || len(p.Entries) < 2 {
		t.Fatalf("entries: %v %v", p, err)
	}
	verified, head := p.Entries[0], p.Entries[1] // the check, and the head it saw
	if result != fmt.Sprintf("/personal/logg?verifierad=%d", verified.ID) {
		t.Errorf("verify redirects to %q, want the id of its entry %d", result, verified.ID)
	}
	if verified.Action != audit.AuditVerified || verified.ActorName != "admin" ||
		verified.Detail != fmt.Sprintf("intact: %d entries", head.ID) || verified.ObjectID != fmt.Sprint(head.ID) {
		t.Errorf("verification recorded as %+v", verified)
	}
	for range 2 { // reloading shows the same outcome and records nothing
		resp, body = b.get(result)
		wantStatus(t, "verify result", resp, body, 200, "")
		for _, want := range []string{"Kedjan är obruten", fmt.Sprintf("Alla %d poster", head.ID), head.Hash,
			fmt.Sprintf("nummer %d", head.ID), `role="status"`, "Granskningsloggens kedja kontrollerad"} {
			if !strings.Contains(body, want) {
				t.Errorf("verify page lacks %q", want)
			}
		}
	}
	if !strings.Contains(body, fmt.Sprintf(`next=%%2fpersonal%%2flogg%%3fverifierad%%3d%d"`, verified.ID)) {
		t.Error("the language switch after verify does not return to the result")
	}
	if p, err := e.db.FindAuditEntries(t.Context(), audit.Filter{}); err != nil || p.Entries[0].ID != verified.ID {
		t.Errorf("showing the result wrote to the log: %+v, %v", p.Entries[0], err)
	}
	// A URL naming another entry, or none, shows no outcome.
	for _, q := range []string{fmt.Sprint(head.ID), "987654", "x", "-1"} {
		resp, body = b.get("/personal/logg?verifierad=" + q)
		wantStatus(t, "verifierad="+q, resp, body, 200, "")
		if strings.Contains(body, "Kedjan är") {
			t.Errorf("verifierad=%s shows an outcome", q)
		}
	}

	tamper(t, e.db, `UPDATE audit_log SET detail = 'harmless' WHERE id = 1`)
	resp, body = b.post("/personal/logg/verifiera", nil)
	wantStatus(t, "verify after tampering", resp, body, 303, "/personal/logg?verifierad=")
	resp, body = b.get(resp.Header.Get("Location"))
	wantStatus(t, "tampered verify result", resp, body, 200, "")
	for _, want := range []string{"Kedjan är bruten", "post 1 har ändrats", `role="alert"`} {
		if !strings.Contains(body, want) {
			t.Errorf("tampered verify page lacks %q:\n%s", want, body)
		}
	}
	p, err = e.db.FindAuditEntries(t.Context(), audit.Filter{Action: audit.AuditVerified})
	if err != nil || len(p.Entries) != 2 || !strings.HasPrefix(p.Entries[0].Detail, "broken: 1 break(s)") {
		t.Errorf("broken verification recorded as %+v, %v", p.Entries, err)
	}
}

// TestAuditSearchOffersWrittenActions checks that the action choice offers
// no action that nothing writes.
func TestAuditSearchOffersWrittenActions(t *testing.T) {
	t.Parallel()
	e := newOpsEnv(t, nil)
	_, body := e.loggedIn(t, "admin").get("/personal/logg")
	tests := []struct {
		action  audit.Action
		offered bool
	}{
		{audit.AuditVerified, true},
		{audit.AuditSearched, false},
	}
	for _, tt := range tests {
		if got := strings.Contains(body, `<option value="`+string(tt.action)+`"`); got != tt.offered {
			t.Errorf("%s offered: %v, want %v", tt.action, got, tt.offered)
		}
	}
}

// tamper drops the audit log's append-only triggers and runs query, as an
// attacker with write access to the database would.
func tamper(t *testing.T, db *store.DB, query string) {
	t.Helper()
	on := ""
	if db.Engine() == store.Postgres {
		on = " ON audit_log"
	}
	for _, q := range []string{"DROP TRIGGER audit_log_no_update" + on, "DROP TRIGGER audit_log_no_delete" + on, query} {
		if _, err := db.WritePool().ExecContext(t.Context(), q); err != nil {
			t.Fatalf("%s: %v", q, err)
		}
	}
}
