package web_test

import (
	"bytes"
	"encoding/json"
	"net/http"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"sprang/internal/audit"
	"sprang/internal/auth"
	"sprang/internal/eservice"
	"sprang/internal/identity"
	"sprang/internal/store"
)

// The residents of the Mina sidor tests: Tolvan, who has the errands, and
// Sven, who must never see them.
const (
	tolvanPnr = "19121212-1212"
	svenPnr   = "19811218-9876"
)

// resident returns a browser logged in through e-ID as the resident with
// personnummer pnr (created on first login), and their id.
func (e *caseEnv) resident(t *testing.T, pnr, given string) (*browser, int64) {
	t.Helper()
	p, err := identity.ParsePersonnummer(pnr, time.Now())
	if err != nil {
		t.Fatal(err)
	}
	login, err := e.svc.LoginEID(t.Context(), identity.EIDLogin{Personnummer: p, LoA: identity.LoA3,
		GivenName: given, FamilyName: "Räksmörgås"}, auth.MethodEID, "")
	if err != nil {
		t.Fatal(err)
	}
	id, err := e.db.ResidentIDByPersonnummer(t.Context(), p)
	if err != nil {
		t.Fatal(err)
	}
	b := e.as(t, "")
	b.cookies["sprang"] = login.Token
	return b, id
}

// change applies a case officer's (hugo's) change to errand id.
func (e *caseEnv) change(t *testing.T, c store.ErrandChange) {
	t.Helper()
	if c.ByUserID == 0 && c.ByResident == 0 {
		c.ByUserID = e.users["hugo"].ID
	}
	if _, err := e.db.ChangeErrand(t.Context(), c); err != nil {
		t.Fatalf("change %+v: %v", c, err)
	}
}

// status returns the status of errand id.
func (e *caseEnv) status(t *testing.T, id int64) eservice.Errand {
	t.Helper()
	er, err := e.db.ReadErrand(t.Context(), id, store.ErrandReader{System: true, Reason: "test"})
	if err != nil {
		t.Fatal(err)
	}
	return er
}

// wantIn fails the test unless body contains every one of want.
func wantIn(t *testing.T, what, body string, want ...string) {
	t.Helper()
	for _, w := range want {
		if !strings.Contains(body, w) {
			t.Errorf("%s lacks %q", what, w)
		}
	}
}

// wantNotIn fails the test when body contains any of bad.
func wantNotIn(t *testing.T, what, body string, bad ...string) {
	t.Helper()
	for _, b := range bad {
		if strings.Contains(body, b) {
			t.Errorf("%s shows %q", what, b)
		}
	}
}

// TestMyPagesNeedResident: every page of Mina sidor sends visitors
// without a resident's session to the resident login, which brings them
// back; staff sessions are not residents.
func TestMyPagesNeedResident(t *testing.T) {
	t.Parallel()
	caseEngines(t, caseOpts{}, func(t *testing.T, e *caseEnv) {
		for _, who := range []string{"", "hugo"} {
			b := e.as(t, who)
			for _, path := range []string{"/mina-sidor", "/mina-sidor/arenden/1", "/mina-sidor/arenden/1/filer/1",
				"/mina-sidor/kontakt", "/mina-sidor/registerutdrag", "/mina-sidor/registerutdrag.pdf", "/mina-sidor/registerutdrag.json"} {
				p, _ := b.get(path)
				if want := "/logga-in/invanare?next=" + url.QueryEscape(path); p.StatusCode != http.StatusSeeOther || p.Header.Get("Location") != want {
					t.Errorf("%q GET %s: %d to %q, want 303 to %s", who, path, p.StatusCode, p.Header.Get("Location"), want)
				}
			}
			for _, path := range []string{"/mina-sidor/kontakt", "/mina-sidor/utkast/1/ta-bort", "/mina-sidor/arenden/1/svar"} {
				p, _ := b.do(http.MethodPost, path, url.Values{"kanal": {"email"}})
				if p.StatusCode != http.StatusSeeOther || !strings.HasPrefix(p.Header.Get("Location"), "/logga-in/invanare?next=") {
					t.Errorf("%q POST %s: %d to %q, want the resident login", who, path, p.StatusCode, p.Header.Get("Location"))
				}
			}
		}
	})
}

// TestMyPagesStart: the start page lists the resident's errands with what
// is expected of them and their drafts with links to continue and to
// delete; nothing of another resident's. Deleting a draft works once and
// only for its owner.
func TestMyPagesStart(t *testing.T) {
	t.Parallel()
	caseEngines(t, caseOpts{}, func(t *testing.T, e *caseEnv) {
		ctx := t.Context()
		b, rid := e.resident(t, tolvanPnr, "Tolvan")
		sven, svenID := e.resident(t, svenPnr, "Sven")
		open := e.errand(t, e.byggSvc, errandOpts{resident: rid})
		waiting := e.errand(t, e.skolaSvc, errandOpts{resident: rid})
		e.change(t, store.ErrandChange{ErrandID: waiting.ID, ByUserID: e.users["sara"].ID, Request: "Skicka ett foto."})
		theirs := e.errand(t, e.byggSvc, errandOpts{resident: svenID})
		d, err := e.db.StartDraft(ctx, store.Draft{ServiceID: e.skolaSvc.ID, Version: e.skolaSvc.Published,
			Answers: eservice.Answers{"beskrivning": {"Halvfärdigt"}}}, store.DraftOwner{ResidentID: rid})
		if err != nil {
			t.Fatal(err)
		}
		draftID := strconv.FormatInt(d.ID, 10)
		blob, err := e.files.Put(ctx, "karta.pdf", bytes.NewReader(samplePDF), eservice.FileRule{Types: []string{"application/pdf"}, MaxBytes: 1 << 20})
		if err != nil {
			t.Fatal(err)
		}
		if _, err := e.db.SaveFile(ctx, blob, d.ID, "bild"); err != nil {
			t.Fatal(err)
		}

		p, body := b.get("/mina-sidor")
		if p.StatusCode != http.StatusOK {
			t.Fatalf("start page: %d\n%s", p.StatusCode, body)
		}
		wantIn(t, "start page", body, open.Reference, waiting.Reference, "Felanmälan", "Skolskjuts",
			"Handläggaren väntar på ditt svar", `href="/mina-sidor/arenden/`+strconv.FormatInt(waiting.ID, 10)+`#svara"`,
			`href="/e-tjanster/skolskjuts/`+draftID+`/steg/om"`, `action="/mina-sidor/utkast/`+draftID+`/ta-bort"`,
			`href="/mina-sidor/kontakt"`, `href="/mina-sidor/registerutdrag"`, `href="/mina-sidor/vem-har-last"`,
			`href="/mina-sidor" aria-current="page"`)
		wantNotIn(t, "start page", body, theirs.Reference)

		if p, _ := sven.do(http.MethodPost, "/mina-sidor/utkast/"+draftID+"/ta-bort", url.Values{}); p.StatusCode != http.StatusNotFound {
			t.Errorf("another resident deleting the draft: %d, want 404", p.StatusCode)
		}
		p, _ = b.do(http.MethodPost, "/mina-sidor/utkast/"+draftID+"/ta-bort", url.Values{})
		if p.StatusCode != http.StatusSeeOther || p.Header.Get("Location") != "/mina-sidor?gjort=utkast-borttaget" {
			t.Fatalf("delete draft: %d to %q", p.StatusCode, p.Header.Get("Location"))
		}
		if _, err := e.files.Read(ctx, blob); err == nil {
			t.Error("the draft's file is still in the file store")
		}
		_, body = b.get("/mina-sidor?gjort=utkast-borttaget")
		wantIn(t, "after deleting", body, "Utkastet är borttaget.", "Du har inga sparade utkast.")
		if p, _ := b.do(http.MethodPost, "/mina-sidor/utkast/"+draftID+"/ta-bort", url.Values{}); p.StatusCode != http.StatusNotFound {
			t.Errorf("deleting again: %d, want 404", p.StatusCode)
		}
		_, body = sven.get("/mina-sidor")
		wantIn(t, "the other resident's start page", body, theirs.Reference)
		wantNotIn(t, "the other resident's start page", body, open.Reference, waiting.Reference)
	})
}

// TestMyErrandPage: the errand page shows the status, the answers, the
// messages both ways, the decision and its attachment — never internal
// notes or their files; another resident gets 404 for the errand and its
// files. A case officer's read shows on "who read my data" with the unit.
func TestMyErrandPage(t *testing.T) {
	t.Parallel()
	caseEngines(t, caseOpts{}, func(t *testing.T, e *caseEnv) {
		ctx := t.Context()
		b, rid := e.resident(t, tolvanPnr, "Tolvan")
		sven, _ := e.resident(t, svenPnr, "Sven")
		er := e.errand(t, e.byggSvc, errandOpts{resident: rid, text: "Lampan vid Räksmörgåsgränd är trasig"})
		put := func(name string) int64 {
			f, err := e.files.Put(ctx, name, bytes.NewReader(samplePDF), eservice.FileRule{Types: []string{"application/pdf"}, MaxBytes: 1 << 20})
			if err != nil {
				t.Fatal(err)
			}
			id, err := e.db.SaveFile(ctx, f, 0, "")
			if err != nil {
				t.Fatal(err)
			}
			return id
		}
		e.change(t, store.ErrandChange{ErrandID: er.ID, Message: "Vi tittar på det i veckan."})
		noteFile := put("hemlig-bilaga.pdf")
		e.change(t, store.ErrandChange{ErrandID: er.ID, Note: "Intern anteckning: grannen har klagat förut", Files: []int64{noteFile}})
		decisionFile := put("beslut.pdf")
		e.change(t, store.ErrandChange{ErrandID: er.ID, Decision: "Lampan byts senast i maj.", Files: []int64{decisionFile}})
		path := "/mina-sidor/arenden/" + strconv.FormatInt(er.ID, 10)

		p, body := b.get(path)
		if p.StatusCode != http.StatusOK {
			t.Fatalf("errand page: %d\n%s", p.StatusCode, body)
		}
		wantIn(t, "errand page", body, er.Reference, er.DiaryNumber, "Beslut fattat", "Samhällsbyggnadsförvaltningen",
			"Lampan vid Räksmörgåsgränd är trasig", "Storgatan 1", "Vi tittar på det i veckan.",
			`<h2 id="beslut">`, "Lampan byts senast i maj.", "beslut.pdf", path+"/filer/"+strconv.FormatInt(decisionFile, 10))
		wantNotIn(t, "errand page", body, "Intern anteckning", "hemlig-bilaga.pdf", "grannen")

		p, got := b.get(path + "/filer/" + strconv.FormatInt(decisionFile, 10))
		if p.StatusCode != http.StatusOK || got != string(samplePDF) || !strings.HasPrefix(p.Header.Get("Content-Disposition"), "attachment") {
			t.Errorf("decision file: %d %q", p.StatusCode, p.Header.Get("Content-Disposition"))
		}
		for _, tc := range []struct {
			who  *browser
			path string
		}{
			{sven, path},
			{sven, path + "/filer/" + strconv.FormatInt(decisionFile, 10)},
			{b, path + "/filer/" + strconv.FormatInt(noteFile, 10)}, // an internal note's file
			{b, path + "/filer/999999"},
			{b, "/mina-sidor/arenden/999999"},
			{b, "/mina-sidor/arenden/x"},
		} {
			if p, _ := tc.who.get(tc.path); p.StatusCode != http.StatusNotFound {
				t.Errorf("GET %s: %d, want 404", tc.path, p.StatusCode)
			}
		}

		// The case officer reads the errand: the resident sees who and which unit.
		if p, _ := e.as(t, "hugo").get(errandPath(er.ID)); p.StatusCode != http.StatusOK {
			t.Fatalf("hugo's errand page: %d", p.StatusCode)
		}
		_, body = b.get("/mina-sidor/vem-har-last")
		wantIn(t, "who read my data", body, "hugo", er.DiaryNumber, "Samhällsbyggnadsförvaltningen", `href="/mina-sidor"`)
	})
}

// TestMyErrandReply: a message with an attachment lands in the history
// and can be downloaded; a reply while more information is asked for is a
// completion that moves the errand back to handling; bad replies get
// clear messages; a closed errand takes none.
func TestMyErrandReply(t *testing.T) {
	t.Parallel()
	caseEngines(t, caseOpts{}, func(t *testing.T, e *caseEnv) {
		b, rid := e.resident(t, tolvanPnr, "Tolvan")
		er := e.errand(t, e.byggSvc, errandOpts{resident: rid})
		path := "/mina-sidor/arenden/" + strconv.FormatInt(er.ID, 10)

		p, body := b.postFile(path+"/svar", url.Values{"meddelande": {"Här är ett foto av lampan."}}, "bilaga", "lampa.pdf", samplePDF)
		if p.StatusCode != http.StatusSeeOther || p.Header.Get("Location") != path+"?gjort=skickat#historik" {
			t.Fatalf("message: %d to %q\n%s", p.StatusCode, p.Header.Get("Location"), body)
		}
		_, body = b.get(path + "?gjort=skickat")
		wantIn(t, "after the message", body, "Ditt meddelande är skickat", "Här är ett foto av lampan.", "lampa.pdf")
		link := regexp.MustCompile(`href="(` + regexp.QuoteMeta(path) + `/filer/\d+)"`).FindStringSubmatch(body)
		if link == nil {
			t.Fatal("no link to the attachment")
		}
		if p, got := b.get(link[1]); p.StatusCode != http.StatusOK || got != string(samplePDF) {
			t.Errorf("attachment: %d", p.StatusCode)
		}
		if got := e.status(t, er.ID).Status; got != "mottaget" {
			t.Errorf("a message moved the errand to %s", got)
		}

		for _, tc := range []struct {
			name   string
			text   string
			file   []byte
			status int
			want   string
		}{
			{"empty", "  ", nil, http.StatusUnprocessableEntity, "Skriv ett meddelande."},
			{"too long", strings.Repeat("a", 20_001), nil, http.StatusUnprocessableEntity, "Meddelandet är för långt"},
			{"wrong file", "Se bilagan", []byte("just some text, not a picture"), http.StatusUnprocessableEntity, `id="bilaga-error"`},
		} {
			field := ""
			if tc.file != nil {
				field = "bilaga"
			}
			p, body := b.postFile(path+"/svar", url.Values{"meddelande": {tc.text}}, field, "bild.png", tc.file)
			if p.StatusCode != tc.status || !strings.Contains(body, tc.want) || !strings.Contains(body, `class="error-summary"`) {
				t.Errorf("%s: %d, want %d with %q", tc.name, p.StatusCode, tc.status, tc.want)
			}
		}

		e.change(t, store.ErrandChange{ErrandID: er.ID, Request: "Vilken stolpe gäller det?"})
		_, body = b.get(path)
		wantIn(t, "waiting errand", body, "Handläggaren behöver fler uppgifter från dig.", "Vilken stolpe gäller det?", "Skicka kompletteringen")
		p, _ = b.do(http.MethodPost, path+"/svar", url.Values{"meddelande": {"Stolpe 14, vid busshållplatsen."}})
		if p.StatusCode != http.StatusSeeOther || p.Header.Get("Location") != path+"?gjort=kompletterat#historik" {
			t.Fatalf("completion: %d to %q", p.StatusCode, p.Header.Get("Location"))
		}
		if got := e.status(t, er.ID).Status; got != "handlaggs" {
			t.Errorf("after the completion the errand is %s, want handlaggs", got)
		}
		_, body = b.get(path)
		wantIn(t, "after the completion", body, "Komplettering", "Stolpe 14, vid busshållplatsen.", "Under handläggning")

		e.change(t, store.ErrandChange{ErrandID: er.ID, Status: "avslutat"})
		_, body = b.get(path)
		wantIn(t, "closed errand", body, "Ärendet är avslutat.")
		wantNotIn(t, "closed errand", body, `action="`+path+`/svar"`)
		if p, _ := b.do(http.MethodPost, path+"/svar", url.Values{"meddelande": {"Hallå?"}}); p.StatusCode != http.StatusConflict {
			t.Errorf("reply to a closed errand: %d, want 409", p.StatusCode)
		}
		sven, _ := e.resident(t, svenPnr, "Sven")
		if p, _ := sven.do(http.MethodPost, path+"/svar", url.Values{"meddelande": {"Hej"}}); p.StatusCode != http.StatusNotFound {
			t.Errorf("another resident's reply: %d, want 404", p.StatusCode)
		}
	})
}

// TestMyContact: the contact preferences are checked like an e-service's
// e-mail and address questions, stored sealed, and choosing letters makes
// the open errands send letters.
func TestMyContact(t *testing.T) {
	t.Parallel()
	caseEngines(t, caseOpts{}, func(t *testing.T, e *caseEnv) {
		b, rid := e.resident(t, tolvanPnr, "Tolvan")
		er := e.errand(t, e.byggSvc, errandOpts{resident: rid})
		p, body := b.get("/mina-sidor/kontakt")
		if p.StatusCode != http.StatusOK {
			t.Fatalf("contact page: %d", p.StatusCode)
		}
		wantIn(t, "contact page", body, `name="kanal" value="email" checked`, `id="gata"`, `autocomplete="postal-code"`)
		for _, tc := range []struct {
			name string
			form url.Values
			want []string
		}{
			{"no channel", url.Values{"kanal": {"duvpost"}}, []string{`href="#kanal"`, "Välj om du vill få besked"}},
			{"e-mail without address", url.Values{"kanal": {"email"}}, []string{`href="#epost"`, "Skriv en e-postadress"}},
			{"bad e-mail", url.Values{"kanal": {"email"}, "epost": {"tolvan.example.se"}}, []string{`href="#epost"`, "rätt format"}},
			{"letter without address", url.Values{"kanal": {"letter"}}, []string{`href="#gata"`, `href="#postnummer"`, `href="#ort"`}},
			{"bad postcode", url.Values{"kanal": {"letter"}, "gata": {"Storgatan 1"}, "postnummer": {"8913"}, "ort": {"Örnsköldsvik"}},
				[]string{`href="#postnummer"`, `value="Storgatan 1"`}},
			{"half an address with e-mail", url.Values{"kanal": {"email"}, "epost": {"tolvan@example.se"}, "ort": {"Örnsköldsvik"}},
				[]string{`href="#gata"`}},
		} {
			p, body := b.do(http.MethodPost, "/mina-sidor/kontakt", tc.form)
			if p.StatusCode != http.StatusUnprocessableEntity {
				t.Errorf("%s: %d, want 422", tc.name, p.StatusCode)
			}
			wantIn(t, tc.name, body, append(tc.want, `class="error-summary"`)...)
		}
		if er := e.status(t, er.ID); er.ByLetter {
			t.Fatal("refused preferences changed the errand")
		}

		p, _ = b.do(http.MethodPost, "/mina-sidor/kontakt", url.Values{"kanal": {"letter"}, "epost": {"Tolvan@Example.se"},
			"gata": {"Räksmörgåsvägen 3"}, "postnummer": {"891 33"}, "ort": {"Örnsköldsvik"}})
		if p.StatusCode != http.StatusSeeOther || p.Header.Get("Location") != "/mina-sidor/kontakt?gjort=sparat" {
			t.Fatalf("save: %d to %q", p.StatusCode, p.Header.Get("Location"))
		}
		_, body = b.get("/mina-sidor/kontakt?gjort=sparat")
		wantIn(t, "saved preferences", body, "Dina val är sparade.", `value="letter" checked`, `value="tolvan@example.se"`,
			`value="Räksmörgåsvägen 3"`, `value="89133"`)
		if !e.status(t, er.ID).ByLetter {
			t.Error("choosing letters left the open errand without letters")
		}
		c, err := e.db.ResidentContact(t.Context(), rid)
		if err != nil || c.Address.City != "Örnsköldsvik" || c.Email != "tolvan@example.se" {
			t.Errorf("stored %+v, %v", c, err)
		}
		q := "SELECT email_enc, address_enc FROM resident_contact WHERE resident_id = ?"
		if e.db.Engine() == store.Postgres {
			q = strings.Replace(q, "?", "$1", 1)
		}
		var email, address []byte
		if err := e.db.WritePool().QueryRowContext(t.Context(), q, rid).Scan(&email, &address); err != nil {
			t.Fatal(err)
		}
		raw := append(email, address...)
		for _, plain := range []string{"tolvan@", "Räksmörgås", "Örnsköldsvik", "89133"} {
			if bytes.Contains(raw, []byte(plain)) {
				t.Errorf("%q stored in clear", plain)
			}
		}
		_, body = b.get("/mina-sidor")
		wantIn(t, "start page", body, "(med brev)")
	})
}

// TestMyExtract: the register extract as a page, a PDF and JSON holds
// the resident's identity (the personnummer in full), their errand with
// its answers and messages, and their contact preferences — and every
// download of it is in the audit log.
func TestMyExtract(t *testing.T) {
	t.Parallel()
	caseEngines(t, caseOpts{}, func(t *testing.T, e *caseEnv) {
		b, rid := e.resident(t, tolvanPnr, "Tolvan")
		er := e.errand(t, e.byggSvc, errandOpts{resident: rid, text: "Räksmörgås på fel ställe"})
		e.change(t, store.ErrandChange{ErrandID: er.ID, Message: "Tack, vi kommer."})
		e.change(t, store.ErrandChange{ErrandID: er.ID, Note: "Hemlig intern notering"})
		if err := e.db.SaveResidentContact(t.Context(), rid, store.Contact{Channel: store.ContactLetter,
			Address: store.PostalAddress{Street: "Lillgatan 2", Postcode: "89133", City: "Örnsköldsvik"}}); err != nil {
			t.Fatal(err)
		}
		p, body := b.get("/mina-sidor/registerutdrag")
		if p.StatusCode != http.StatusOK {
			t.Fatalf("extract page: %d\n%s", p.StatusCode, body)
		}
		wantIn(t, "extract page", body, tolvanPnr, "Tolvan", er.Reference, "Räksmörgås på fel ställe", "Tack, vi kommer.",
			"Lillgatan 2", "Felanmälan", `href="/mina-sidor/registerutdrag.pdf"`, `href="/mina-sidor/registerutdrag.json"`)
		wantNotIn(t, "extract page", body, "Hemlig intern notering")

		p, pdf := b.get("/mina-sidor/registerutdrag.pdf")
		if p.StatusCode != http.StatusOK || p.Header.Get("Content-Type") != "application/pdf" ||
			!strings.HasPrefix(p.Header.Get("Content-Disposition"), "attachment") || !strings.HasPrefix(pdf, "%PDF-") {
			t.Fatalf("PDF: %d %q %q", p.StatusCode, p.Header.Get("Content-Type"), p.Header.Get("Content-Disposition"))
		}
		if text, ok := extractPDFText(t, []byte(pdf)); ok {
			wantIn(t, "PDF text", text, er.Reference, "Räksmörgås", tolvanPnr, "Tack, vi kommer.")
			wantNotIn(t, "PDF text", text, "Hemlig intern notering")
		}

		p, js := b.get("/mina-sidor/registerutdrag.json")
		if p.StatusCode != http.StatusOK || !strings.HasPrefix(p.Header.Get("Content-Type"), "application/json") ||
			!strings.HasPrefix(p.Header.Get("Content-Disposition"), "attachment") {
			t.Fatalf("JSON: %d %q %q", p.StatusCode, p.Header.Get("Content-Type"), p.Header.Get("Content-Disposition"))
		}
		var doc struct {
			Format   string `json:"format"`
			Resident struct {
				Personnummer string `json:"personnummer"`
			} `json:"resident"`
			Contact struct {
				Channel string `json:"channel"`
				Address struct {
					City string `json:"city"`
				} `json:"address"`
			} `json:"contact"`
			Errands []struct {
				Reference  string              `json:"reference"`
				RawAnswers map[string][]string `json:"raw_answers"`
				Answers    []struct {
					Question, Value string
				} `json:"answers"`
				History []struct {
					Kind, By, Text string
				} `json:"history"`
			} `json:"errands"`
			Logins []struct {
				Method string `json:"method"`
			} `json:"logins"`
		}
		if err := json.Unmarshal([]byte(js), &doc); err != nil {
			t.Fatalf("JSON: %v\n%s", err, js)
		}
		if doc.Format != "sprang-registerutdrag/1" || doc.Resident.Personnummer != tolvanPnr || doc.Contact.Channel != "letter" ||
			doc.Contact.Address.City != "Örnsköldsvik" || len(doc.Logins) != 1 || doc.Logins[0].Method != "eid" {
			t.Errorf("JSON document %+v", doc)
		}
		if len(doc.Errands) != 1 || doc.Errands[0].Reference != er.Reference || doc.Errands[0].RawAnswers["beskrivning"][0] != "Räksmörgås på fel ställe" ||
			len(doc.Errands[0].Answers) == 0 || doc.Errands[0].Answers[0].Value != "Räksmörgås på fel ställe" {
			t.Errorf("JSON errands %+v", doc.Errands)
		}
		wantNotIn(t, "JSON", js, "Hemlig intern notering")

		entries, err := e.db.FindAuditEntries(t.Context(), audit.Filter{Action: audit.ResidentExtract})
		if err != nil {
			t.Fatal(err)
		}
		var formats []string
		for _, a := range entries.Entries {
			if a.ResidentID != rid || a.ActorID != rid {
				t.Errorf("extract entry %+v", a)
			}
			formats = append(formats, a.Detail)
		}
		if strings.Join(formats, ",") != "json,pdf,html" {
			t.Errorf("audited extracts %q, want json, pdf and html", formats)
		}
	})
}

// extractPDFText returns the text of a PDF by pdftotext (poppler-utils), and
// false when it is not installed.
func extractPDFText(t *testing.T, pdf []byte) (string, bool) {
	t.Helper()
	bin, err := exec.LookPath("pdftotext")
	if err != nil {
		t.Log("pdftotext not installed: the PDF's text is not checked")
		return "", false
	}
	in := filepath.Join(t.TempDir(), "x.pdf")
	if err := os.WriteFile(in, pdf, 0o600); err != nil {
		t.Fatal(err)
	}
	out, err := exec.CommandContext(t.Context(), bin, "-enc", "UTF-8", in, "-").Output()
	if err != nil {
		t.Fatalf("pdftotext: %v", err)
	}
	return strings.Join(strings.Fields(string(out)), " "), true
}
