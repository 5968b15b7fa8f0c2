package web_test

import (
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"testing"

	"sprang/internal/auth"
	"sprang/internal/eservice"
	"sprang/internal/i18n"
	"sprang/internal/identity"
	"sprang/internal/jobs"
	"sprang/internal/mail"
	"sprang/internal/mail/mailtest"
	"sprang/internal/notify"
	"sprang/internal/store"
)

// fillFelanmalan answers every page of felanmalan in draft base (a
// street, not dangerous, no file or witness) and returns at the check
// page.
func fillFelanmalan(t *testing.T, b *browser, base string) {
	t.Helper()
	for _, s := range []struct {
		page string
		form url.Values
	}{
		{"plats", url.Values{"typ": {"gata"}, "adress.street": {"Storgatan 1"}, "adress.postcode": {"89188"}, "adress.city": {"Örnsköldsvik"}}},
		{"beskrivning", url.Values{"text": {"Räksmörgås på gatan"}, "farligt": {"no"}}},
		{"bilder", url.Values{"vittnen.0.namn": {"Anna"}}},
	} {
		resp, body := b.post(base+"/steg/"+s.page, s.form)
		wantStatus(t, s.page, resp, body, http.StatusSeeOther, "")
	}
}

// TestReceiptByMail submits with an address for the receipt and finds the
// mail at a real SMTP server, sent by the job the submission enqueued.
func TestReceiptByMail(t *testing.T) {
	t.Parallel()
	smtp := mailtest.Start(t)
	register := func(r *jobs.Runner, db *store.DB) error {
		send, err := mail.NewSMTP(smtp.SMTPURL(), "Kommunen <noreply@kommun.example.se>")
		if err != nil {
			return err
		}
		return notify.Register(r, notify.New(db, send, i18n.MustLoad(), "http://kommun.example.test"))
	}
	fillEngines(t, fillOpts{register: register}, func(t *testing.T, e *fillEnv) {
		addr := "kvitto-" + string(e.db.Engine()) + "@example.se"
		b := e.anonymous(t)
		b.cookies["lang"] = "en"
		base := startDraft(t, b, "felanmalan", "plats")
		fillFelanmalan(t, b, base)
		resp, body := b.post(base+"/granska", url.Values{"email": {" " + strings.ToUpper(addr) + " "}})
		wantStatus(t, "submit", resp, body, http.StatusSeeOther, "/e-tjanster/kvitto/")
		ref := strings.TrimPrefix(resp.Header.Get("Location"), "/e-tjanster/kvitto/")
		_, body = b.get(resp.Header.Get("Location"))
		mustContain(t, "receipt", body, "We also send a receipt")
		m := smtp.WaitFor(t, addr)
		mustContain(t, "mail", m.Subject+"\n"+m.Text, ref, "We have received your errand", "Report a street or park fault",
			"http://kommun.example.test/e-tjanster/kvitto/"+ref, "Räksmörgås på gatan")
	})
}

// TestLoggedInResident fills in a service that needs e-ID as a resident
// logged in with it: the errand is the resident's, its receipt is theirs
// alone, and "save and continue later" keeps the draft for Mina sidor.
func TestLoggedInResident(t *testing.T) {
	t.Parallel()
	fillEngines(t, fillOpts{}, func(t *testing.T, e *fillEnv) {
		b := e.resident(t, "19121212-1212", auth.MethodEID, identity.LoA3)
		base := startDraft(t, b, "bygglov", "om")
		_, body := b.get(base + "/steg/om")
		mustContain(t, "save later button", body, `value="save"`)
		resp, body := b.post(base+"/steg/om", url.Values{"vad": {"Ett förråd"}, "action": {"save"}})
		wantStatus(t, "save later", resp, body, http.StatusSeeOther, base+"/sparat")
		_, body = b.get(base + "/sparat")
		mustContain(t, "saved", body, `href="/mina-sidor"`, "Ansök om bygglov", `href="`+base+`/steg/om"`)
		_, body = b.get(base + "/steg/om")
		mustContain(t, "saved answer", body, `value="Ett förråd"`)
		resp, body = b.post(base+"/steg/om", url.Values{"vad": {"Ett förråd"}})
		wantStatus(t, "continue", resp, body, http.StatusSeeOther, base+"/granska")
		_, body = b.get(base + "/granska")
		mustNotContain(t, "no e-mail field", body, `name="email"`)
		resp, body = b.post(base+"/granska", url.Values{})
		wantStatus(t, "submit", resp, body, http.StatusSeeOther, "/e-tjanster/kvitto/")
		receipt := resp.Header.Get("Location")
		_, body = b.get(receipt)
		mustContain(t, "receipt", body, "Ett förråd")
		mustNotContain(t, "receipt", body, "bara i den här webbläsaren")

		id, err := e.db.FindErrandByReference(t.Context(), strings.TrimPrefix(receipt, "/e-tjanster/kvitto/"))
		if err != nil {
			t.Fatal(err)
		}
		er, err := e.db.ReadErrand(t.Context(), id, store.ErrandReader{System: true, Reason: "test"})
		if err != nil {
			t.Fatal(err)
		}
		if er.ResidentID == 0 || er.Channel != eservice.ChannelDigital || er.Answers.Get("vad") != "Ett förråd" {
			t.Fatalf("errand %+v", er)
		}
		for _, who := range []*browser{e.resident(t, "anna@example.se", auth.MethodEmail, identity.LoA1), e.anonymous(t)} {
			resp, _ := who.get(receipt)
			wantStatus(t, "someone else's receipt", resp, "", http.StatusNotFound, "")
		}
		// Anonymous browsers have nothing to save for later.
		anon := e.anonymous(t)
		abase := startDraft(t, anon, "felanmalan", "plats")
		_, body = anon.get(abase + "/steg/plats")
		mustNotContain(t, "anonymous save later", body, `value="save"`)
		resp, _ = anon.get(abase + "/sparat")
		wantStatus(t, "anonymous saved page", resp, "", http.StatusNotFound, "")
	})
}

// TestAnonymousDraftAfterLogin checks that a draft started before logging
// in stays the browser's after it.
func TestAnonymousDraftAfterLogin(t *testing.T) {
	t.Parallel()
	fillEngines(t, fillOpts{}, func(t *testing.T, e *fillEnv) {
		b := e.anonymous(t)
		base := startDraft(t, b, "felanmalan", "plats")
		logged := e.resident(t, "19121212-1212", auth.MethodEID, identity.LoA3)
		logged.cookies["sprang_utkast"] = b.cookies["sprang_utkast"]
		resp, body := logged.get(base + "/steg/plats")
		wantStatus(t, "after login", resp, body, http.StatusOK, "")
		fillFelanmalan(t, logged, base)
		resp, body = logged.post(base+"/granska", url.Values{})
		wantStatus(t, "submit", resp, body, http.StatusSeeOther, "/e-tjanster/kvitto/")
		resp, body = logged.get(resp.Header.Get("Location"))
		wantStatus(t, "receipt", resp, body, http.StatusOK, "")
	})
}

// TestAnonymousLimits checks that a client may start only so many drafts
// without logging in before it gets a 429 page saying when to retry, and
// that logged-in residents are not limited.
func TestAnonymousLimits(t *testing.T) {
	t.Parallel()
	fillEngines(t, fillOpts{}, func(t *testing.T, e *fillEnv) {
		b := e.anonymous(t)
		var resp *page
		var body string
		for i := range 101 {
			resp, body = b.post("/e-tjanster/felanmalan/starta", nil)
			if i < 100 && resp.StatusCode != http.StatusSeeOther {
				t.Fatalf("start %d: status %d", i, resp.StatusCode)
			}
		}
		wantStatus(t, "start 101", resp, body, http.StatusTooManyRequests, "")
		mustContain(t, "429", body, "Försök igen efter")
		if s, err := strconv.Atoi(resp.Header.Get("Retry-After")); err != nil || s < 1 {
			t.Fatalf("Retry-After %q", resp.Header.Get("Retry-After"))
		}
		r := e.resident(t, "19121212-1212", auth.MethodEID, identity.LoA3)
		resp, _ = r.post("/e-tjanster/felanmalan/starta", nil)
		wantStatus(t, "resident start", resp, "", http.StatusSeeOther, "/e-tjanster/felanmalan/")
	})
}

// TestRegisterOnPaper registers an errand that came on paper for a known
// resident through the same steps, and checks the channel, the resident,
// the case officer and the rules: only officers who handle errands in
// the service's unit, with the registration's own cookie.
func TestRegisterOnPaper(t *testing.T) {
	t.Parallel()
	fillEngines(t, fillOpts{}, func(t *testing.T, e *fillEnv) {
		resident := e.resident(t, "19121212-1212", auth.MethodEID, identity.LoA3)
		_ = resident // the resident exists now
		hugo := e.staff(t, "hugo")
		_, body := hugo.get("/personal/arenden/registrera")
		mustContain(t, "form", body, "Felanmälan gata och park", `value="paper"`, `name="personnummer"`)
		resp, body := hugo.post("/personal/arenden/registrera", url.Values{"service": {"0"}, "channel": {"digital"}, "personnummer": {"19121212-1213"}})
		wantStatus(t, "bad choices", resp, body, http.StatusUnprocessableEntity, "")
		mustContain(t, "bad choices", body, `href="#service"`, `href="#channel"`, `href="#personnummer"`)
		mustNotContain(t, "no personnummer in URLs", body, "?personnummer", "personnummer=")
		resp, body = hugo.post("/personal/arenden/registrera", url.Values{"service": {strconv.FormatInt(e.services["felanmalan"].ID, 10)},
			"channel": {"paper"}, "personnummer": {"191212121212"}})
		wantStatus(t, "start", resp, body, http.StatusSeeOther, "/personal/arenden/registrera/utkast/")
		loc := resp.Header.Get("Location")
		base, ok := strings.CutSuffix(loc, "/steg/plats")
		if !ok || strings.Contains(loc, "1212") {
			t.Fatalf("start went to %s", loc)
		}
		for _, c := range resp.Cookies() {
			if c.Name == "sprang_registrera" && (c.Path != "/personal/arenden/registrera" || !c.HttpOnly) {
				t.Fatalf("registration cookie %+v", c)
			}
		}
		_, body = hugo.get(loc)
		mustContain(t, "step", body, "kom in: Pappersblankett", `action="`+base+`/steg/plats"`)
		mustNotContain(t, "step", body, `value="save"`)

		// Nobody else gets at the registration, not even in this browser.
		for _, who := range []*browser{e.staff(t, "elsa"), e.staff(t, "admin"), e.anonymous(t)} {
			resp, _ := who.get(loc)
			if resp.StatusCode != http.StatusNotFound && resp.StatusCode != http.StatusForbidden && resp.StatusCode != http.StatusSeeOther {
				t.Fatalf("another user: status %d", resp.StatusCode)
			}
		}
		admin := e.staff(t, "admin")
		admin.cookies["sprang_registrera"] = hugo.cookies["sprang_registrera"]
		resp, _ = admin.get(loc)
		wantStatus(t, "another officer with the cookie", resp, "", http.StatusNotFound, "")
		resp, _ = e.staff(t, "elsa").get("/personal/arenden/registrera")
		wantStatus(t, "elsa handles no errands", resp, "", http.StatusForbidden, "")

		steps := []struct {
			page string
			form url.Values
		}{
			{"plats", url.Values{"typ": {"gata"}, "adress.street": {"Storgatan 1"}, "adress.postcode": {"89188"}, "adress.city": {"Örnsköldsvik"}}},
			{"beskrivning", url.Values{"text": {"Skrev på en lapp"}, "farligt": {"no"}}},
			{"bilder", url.Values{"vittnen.0.namn": {"Anna"}}},
		}
		for _, s := range steps {
			resp, body := hugo.post(base+"/steg/"+s.page, s.form)
			wantStatus(t, s.page, resp, body, http.StatusSeeOther, "")
		}
		_, body = hugo.get(base + "/granska")
		mustContain(t, "check", body, "Registrera ärendet", "Skrev på en lapp", "kopplas till invånaren")
		resp, body = hugo.post(base+"/granska", url.Values{})
		wantStatus(t, "register", resp, body, http.StatusSeeOther, "/personal/arenden/")
		id, err := strconv.ParseInt(strings.TrimPrefix(resp.Header.Get("Location"), "/personal/arenden/"), 10, 64)
		if err != nil {
			t.Fatal(err)
		}
		er, err := e.db.ReadErrand(t.Context(), id, store.ErrandReader{System: true, Reason: "test"})
		if err != nil {
			t.Fatal(err)
		}
		if er.Channel != eservice.ChannelPaper || er.ResidentID == 0 || er.Answers.Get("text") != "Skrev på en lapp" {
			t.Fatalf("errand %+v", er)
		}
		if _, ok := er.Answers["_by"]; ok {
			t.Fatalf("reserved keys in the answers: %v", er.Answers)
		}
		resp, _ = hugo.get(base + "/granska")
		wantStatus(t, "draft after submit", resp, "", http.StatusNotFound, "")
	})
}
