package web_test

import (
	"bytes"
	"fmt"
	"net/url"
	"strings"
	"testing"
	"time"

	"sprang/internal/audit"
	"sprang/internal/eservice"
	"sprang/internal/i18n"
	"sprang/internal/identity"
	"sprang/internal/jobs"
	"sprang/internal/mail"
	"sprang/internal/mail/mailtest"
	"sprang/internal/notify"
	"sprang/internal/store"
)

func TestLetters(t *testing.T) {
	t.Parallel()
	caseEngines(t, caseOpts{}, func(t *testing.T, e *caseEnv) {
		ctx := t.Context()
		pnr, err := identity.ParsePersonnummer("19121212-1212", e.clock.Now())
		if err != nil {
			t.Fatal(err)
		}
		res, err := e.db.FindOrCreateResidentByEID(ctx, identity.EIDLogin{Personnummer: pnr, GivenName: "Tolvan", FamilyName: "Tolvansson", LoA: identity.LoA3})
		if err != nil {
			t.Fatal(err)
		}
		if err := e.db.SaveResidentContact(ctx, res.ID, store.Contact{Channel: store.ContactLetter,
			Address: store.PostalAddress{Street: "Lillgatan 2", Postcode: "89133", City: "Örnsköldsvik"}}); err != nil {
			t.Fatal(err)
		}
		er := e.errand(t, e.byggSvc, errandOpts{resident: res.ID, byLetter: true})
		plain := e.errand(t, e.byggSvc, errandOpts{email: "a@example.se"}) // no letters for this one
		hugo := e.as(t, "hugo")
		for _, id := range []int64{er.ID, plain.ID} {
			resp, body := hugo.postFile(errandPath(id, "beslut"), url.Values{"beslut": {"Lyktan lagas.\n\nHör av dig om den inte gör det."}}, "beslut_fil", "beslut.pdf", samplePDF)
			wantStatus(t, "decide", resp, body, 303, "")
		}
		queue, err := e.db.LetterQueue(ctx, []int64{e.bygg.ID})
		if err != nil {
			t.Fatal(err)
		}
		if len(queue) != 1 || queue[0].ErrandID != er.ID || queue[0].EventKind != eservice.EventDecision {
			t.Fatalf("letter queue: %+v", queue)
		}
		letter := queue[0].ID
		pdfPath, printed := fmt.Sprintf("/personal/brev/%d.pdf", letter), fmt.Sprintf("/personal/brev/%d/utskrivet", letter)

		resp, body := hugo.get("/personal/brev")
		wantStatus(t, "queue", resp, body, 200, "")
		for _, want := range []string{er.DiaryNumber, er.Reference, `href="` + pdfPath + `"`, `action="` + printed + `"`, "Beslut"} {
			if !strings.Contains(body, want) {
				t.Errorf("queue lacks %q:\n%s", want, body)
			}
		}
		if strings.Contains(body, plain.DiaryNumber) || strings.Contains(body, "Tolvan") {
			t.Errorf("queue shows too much:\n%s", body)
		}
		resp, body = hugo.get(pdfPath)
		wantStatus(t, "letter PDF", resp, body, 200, "")
		if resp.Header.Get("Content-Type") != "application/pdf" || !strings.HasPrefix(body, "%PDF-1.7") || !strings.Contains(body, "/StructTreeRoot") {
			t.Errorf("letter PDF: %v %q", resp.Header, body[:min(len(body), 40)])
		}
		if !bytes.Contains([]byte(body), []byte("sv-SE")) {
			t.Error("letter PDF has no language")
		}
		// Printing read the errand and the resident's name, audited with why.
		p, err := e.db.FindAuditEntries(ctx, audit.Filter{Action: audit.PersonalDataRead, ResidentID: res.ID})
		if err != nil {
			t.Fatal(err)
		}
		why := map[string]bool{}
		for _, a := range p.Entries {
			if a.ActorID == e.users["hugo"].ID {
				why[a.ObjectType+": "+a.Reason] = true
			}
		}
		for _, w := range []string{"errand: ", "resident: ", "resident_contact: "} {
			w += "Utskrift av brev i ärende " + er.DiaryNumber
			if !why[w] {
				t.Errorf("read not audited as %q: %v", w, why)
			}
		}
		// Others may not print it, nor see the queue.
		for _, tt := range []struct {
			who, method, path string
			status            int
		}{
			{"sara", "GET", pdfPath, 404},
			{"sara", "POST", printed, 404},
			{"lisa", "GET", "/personal/brev", 403},
			{"lisa", "GET", pdfPath, 404},
			{"hugo", "GET", "/personal/brev/99999.pdf", 404},
			{"hugo", "GET", fmt.Sprintf("/personal/brev/%d", letter), 404},
			{"hugo", "GET", "/personal/brev/x.pdf", 404},
			{"", "GET", pdfPath, 303},
		} {
			b := e.as(t, tt.who)
			var resp *page
			var body string
			if tt.method == "GET" {
				resp, body = b.get(tt.path)
			} else {
				resp, body = b.post(tt.path, nil)
			}
			wantStatus(t, tt.method+" "+tt.path+" as "+tt.who, resp, body, tt.status, "")
		}
		// Marking it printed empties the queue and tells the resident.
		resp, body = hugo.post(printed, nil)
		wantStatus(t, "printed", resp, body, 303, "/personal/brev?gjort=utskrivet")
		_, body = hugo.get("/personal/brev?gjort=utskrivet")
		if !strings.Contains(body, "Brevet är markerat som utskrivet") || strings.Contains(body, pdfPath) {
			t.Errorf("queue after printing:\n%s", body)
		}
		resp, body = hugo.post(printed, nil)
		wantStatus(t, "printed twice", resp, body, 409, "")
		if !strings.Contains(body, "redan markerat som utskrivet") {
			t.Errorf("printed twice: %s", body)
		}
		history, err := e.db.ErrandHistory(ctx, er.ID, true)
		if err != nil {
			t.Fatal(err)
		}
		if last := history[len(history)-1]; last.Kind != eservice.EventLetter {
			t.Errorf("last event the resident sees is %s, want letter", last.Kind)
		}
	})
}

func TestErrandMessageMail(t *testing.T) {
	t.Parallel()
	mp := mailtest.Start(t)
	caseEngines(t, caseOpts{register: func(r *jobs.Runner, db *store.DB) error {
		sender, err := mail.NewSMTP(mp.SMTPURL(), "noreply@kommun.example.test")
		if err != nil {
			return err
		}
		n := notify.New(db, sender, i18n.MustLoad(), "http://kommun.example.test")
		return notify.Register(r, n)
	}}, func(t *testing.T, e *caseEnv) {
		ctx := t.Context()
		addr := fmt.Sprintf("invanare-%d@example.se", time.Now().UnixNano())
		er := e.errand(t, e.byggSvc, errandOpts{email: addr})
		emailResident, err := e.db.FindOrCreateResidentByEmail(ctx, "konto-"+addr)
		if err != nil {
			t.Fatal(err)
		}
		theirs := e.errand(t, e.byggSvc, errandOpts{resident: emailResident.ID})
		hugo := e.as(t, "hugo")
		secretText := "Din ansökan om bygglov för Storgatan 1 är ofullständig."
		resp, body := hugo.postFile(errandPath(er.ID, "meddelande"), url.Values{"meddelande": {secretText}}, "", "", nil)
		wantStatus(t, "message", resp, body, 303, "")
		m := mp.WaitFor(t, addr)
		if !strings.Contains(m.Subject, er.Reference) || !strings.Contains(m.Text, "http://kommun.example.test/mina-sidor") ||
			!strings.Contains(m.Text, "Du har fått ett meddelande") || !strings.Contains(m.Text, "You have a message") {
			t.Errorf("mail: %q\n%s", m.Subject, m.Text)
		}
		if strings.Contains(m.Text, "ansökan") || strings.Contains(m.Text, "Storgatan") || strings.Contains(m.Text, "Trasig") {
			t.Errorf("mail holds personal data or the message:\n%s", m.Text)
		}
		// A resident who logged in by e-mail is told at that address.
		resp, body = hugo.post(errandPath(theirs.ID, "komplettering"), url.Values{"komplettering": {"Skicka en bild."}})
		wantStatus(t, "request", resp, body, 303, "")
		m = mp.WaitFor(t, "konto-"+addr)
		if !strings.Contains(m.Text, "Vi behöver fler uppgifter") || strings.Contains(m.Text, "bild") {
			t.Errorf("request mail:\n%s", m.Text)
		}
		// A resident with e-ID is told at the address of their contact preferences.
		pnr, err := identity.ParsePersonnummer("19121212-1212", e.clock.Now())
		if err != nil {
			t.Fatal(err)
		}
		eid, err := e.db.FindOrCreateResidentByEID(ctx, identity.EIDLogin{Personnummer: pnr, GivenName: "Tolvan", FamilyName: "Tolvansson", LoA: identity.LoA3})
		if err != nil {
			t.Fatal(err)
		}
		if err := e.db.SaveResidentContact(ctx, eid.ID, store.Contact{Channel: store.ContactEmail, Email: "kontakt-" + addr}); err != nil {
			t.Fatal(err)
		}
		decided := e.errand(t, e.byggSvc, errandOpts{resident: eid.ID})
		resp, body = hugo.postFile(errandPath(decided.ID, "beslut"), url.Values{"beslut": {"Beviljas."}}, "", "", nil)
		wantStatus(t, "decision", resp, body, 303, "")
		m = mp.WaitFor(t, "kontakt-"+addr)
		if !strings.Contains(m.Text, "Det finns ett beslut") || strings.Contains(m.Text, "Beviljas") || strings.Contains(m.Text, "Tolvan") {
			t.Errorf("decision mail:\n%s", m.Text)
		}
	})
}
