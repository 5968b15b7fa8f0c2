package web_test

import (
	"bytes"
	"crypto/rand"
	"fmt"
	"net/url"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"sprang/internal/audit"
	"sprang/internal/eservice"
	"sprang/internal/store"
)

// fileLinkRE finds the download links of an errand page.
var fileLinkRE = regexp.MustCompile(`href="(/personal/arenden/\d+/filer/\d+)"`)

// caseForms are the action attributes of the case-handling forms of
// errand id, each shown only when the action is possible.
func caseForms(id int64) map[string]string {
	out := map[string]string{}
	for _, a := range []string{"tilldela", "status", "anteckning", "meddelande", "komplettering", "beslut", "avsluta", "bevarande"} {
		out[a] = fmt.Sprintf(`action="%s"`, errandPath(id, a))
	}
	return out
}

func TestErrandAccess(t *testing.T) {
	t.Parallel()
	caseEngines(t, caseOpts{}, func(t *testing.T, e *caseEnv) {
		er := e.errand(t, e.byggSvc, errandOpts{})
		theirs := e.errand(t, e.skolaSvc, errandOpts{})
		// An attachment of er, to guess at from other errands.
		hugo := e.as(t, "hugo")
		resp, body := hugo.postFile(errandPath(er.ID, "meddelande"), url.Values{"meddelande": {"Se bilagan."}}, "meddelande_fil", "beslut.pdf", samplePDF)
		wantStatus(t, "message with file", resp, body, 303, errandPath(er.ID))
		_, body = hugo.get(errandPath(er.ID))
		m := fileLinkRE.FindStringSubmatch(body)
		if m == nil {
			t.Fatalf("no file link:\n%s", body)
		}
		file := m[1]
		fileID := file[strings.LastIndex(file, "/")+1:]

		at, missing := errandPath(er.ID), "/personal/arenden/99999999"
		tests := []struct {
			who, method, path string
			status            int
		}{
			{"", "GET", at, 303},
			{"", "POST", errandPath(er.ID, "anteckning"), 401},
			{"sara", "GET", at, 404},
			{"sara", "GET", file, 404},
			{"sara", "POST", errandPath(er.ID, "anteckning"), 404},
			{"sara", "POST", errandPath(er.ID, "tilldela"), 404},
			{"elsa", "GET", at, 404},
			{"elsa", "GET", "/personal/arenden", 403},
			{"elsa", "GET", "/personal/brev", 403},
			{"hugo", "GET", missing, 404},
			{"hugo", "GET", "/personal/arenden/abc", 404},
			{"hugo", "GET", "/personal/arenden/-1", 404},
			{"hugo", "GET", errandPath(theirs.ID), 404},
			{"hugo", "POST", errandPath(theirs.ID, "anteckning"), 404},
			{"hugo", "GET", errandPath(theirs.ID, "filer", fileID), 404}, // a file of another errand
			{"hugo", "GET", errandPath(er.ID, "filer", "99999999"), 404},
			{"hugo", "GET", errandPath(er.ID, "filer", "x"), 404},
			{"hugo", "GET", at, 200},
			{"hugo", "GET", file, 200},
			{"lisa", "GET", at, 200},
			{"lisa", "GET", file, 200},
			{"lisa", "POST", errandPath(er.ID, "anteckning"), 403},
			{"lisa", "POST", errandPath(er.ID, "bevarande"), 403},
			{"admin", "GET", at, 200},
		}
		browsers := map[string]*browser{}
		for _, tt := range tests {
			b, ok := browsers[tt.who]
			if !ok {
				b = e.as(t, tt.who)
				browsers[tt.who] = b
			}
			var resp *page
			var body string
			if tt.method == "GET" {
				resp, body = b.get(tt.path)
			} else {
				resp, body = b.post(tt.path, url.Values{"anteckning": {"Hej"}, "tilldela": {"jag"}, "bevarande": {"pa"}, "bevarande_skal": {"Tvist"}})
			}
			wantStatus(t, tt.method+" "+tt.path+" as "+tt.who, resp, body, tt.status, "")
			if tt.status == 404 && strings.HasPrefix(tt.path, "/personal/arenden/") && !strings.Contains(body, "Ärendet finns inte, eller så har du inte behörighet") {
				t.Errorf("%s %s as %s: not the errand's 404 page", tt.method, tt.path, tt.who)
			}
		}
		// Someone who may only read sees the errand without a single form.
		_, body = browsers["lisa"].get(at)
		for name, form := range caseForms(er.ID) {
			if strings.Contains(body, form) {
				t.Errorf("lisa sees the %s form", name)
			}
		}
		if !strings.Contains(body, "Trasig gatlykta") || !strings.Contains(body, "Se bilagan.") {
			t.Errorf("lisa does not see the answers and history:\n%s", body)
		}
		// The file is a download of the stored type, never sniffed.
		resp, body = browsers["hugo"].get(file)
		if resp.Header.Get("Content-Type") != "application/pdf" || resp.Header.Get("X-Content-Type-Options") != "nosniff" ||
			resp.Header.Get("Content-Disposition") != `attachment; filename=beslut.pdf` || body != string(samplePDF) {
			t.Errorf("download: %v\n%q", resp.Header, body)
		}
		// Every read of the errand is audited with the reader, the errand and its resident.
		reads := 0
		p, err := e.db.FindAuditEntries(t.Context(), audit.Filter{Action: audit.PersonalDataRead, ObjectType: "errand", ObjectID: strconv.FormatInt(er.ID, 10)})
		if err != nil {
			t.Fatal(err)
		}
		for _, a := range p.Entries {
			if a.ActorID == e.users["lisa"].ID && strings.Contains(a.Reason, er.DiaryNumber) {
				reads++
			}
		}
		if reads < 2 { // the page twice and the file once
			t.Errorf("lisa's reads audited %d times, want at least 2: %+v", reads, p.Entries)
		}
	})
}

func TestErrandActions(t *testing.T) {
	t.Parallel()
	caseEngines(t, caseOpts{}, func(t *testing.T, e *caseEnv) {
		er := e.errand(t, e.byggSvc, errandOpts{email: "invanare@example.se"})
		b := e.as(t, "hugo")
		at := errandPath(er.ID)
		forms := caseForms(er.ID)
		_, body := b.get(at)
		for name, form := range forms {
			if !strings.Contains(body, form) {
				t.Errorf("hugo lacks the %s form", name)
			}
		}
		steps := []struct {
			name   string
			action string
			form   url.Values
			file   []byte
			status int
			want   []string // on the page after the step (the redirect's or the error's)
		}{
			{"assign to me", "tilldela", url.Values{"tilldela": {"jag"}}, nil, 303, []string{"Handläggaren är ändrad.", "Tilldelat Hugo Testsson"}},
			{"assign to a colleague", "tilldela", url.Values{"tilldela": {strconv.FormatInt(e.users["hanna"].ID, 10)}}, nil, 303, []string{"Tilldelat Hanna Testsson"}},
			{"assign to someone of another unit", "tilldela", url.Values{"tilldela": {strconv.FormatInt(e.users["sara"].ID, 10)}}, nil, 422, []string{`href="#tilldela"`, "Välj en handläggare i listan."}},
			{"assign to a reader", "tilldela", url.Values{"tilldela": {strconv.FormatInt(e.users["lisa"].ID, 10)}}, nil, 422, []string{"Välj en handläggare i listan."}},
			{"unassign", "tilldela", url.Values{"tilldela": {""}}, nil, 303, []string{"Ingen handläggare"}},
			{"status", "status", url.Values{"status": {"handlaggs"}}, nil, 303, []string{"Statusen är ändrad.", "Från Mottaget till Under handläggning"}},
			{"status back", "status", url.Values{"status": {"mottaget"}}, nil, 422, []string{`href="#status"`, "Ärendet kan inte gå till den statusen"}},
			{"status decided by the status form", "status", url.Values{"status": {"beslutat"}}, nil, 422, []string{"Ärendet kan inte gå till den statusen"}},
			{"unknown status", "status", url.Values{"status": {"borta"}}, nil, 422, []string{"Ärendet kan inte gå till den statusen"}},
			{"empty note", "anteckning", url.Values{"anteckning": {"  "}}, nil, 422, []string{`href="#anteckning"`, "Skriv anteckningen.", `aria-invalid="true"`}},
			{"note", "anteckning", url.Values{"anteckning": {"Ring tillbaka på fredag."}}, nil, 303, []string{"Anteckningen är sparad.", "Ring tillbaka på fredag.", "Syns bara för personal"}},
			{"empty message", "meddelande", url.Values{"meddelande": {""}}, nil, 422, []string{`href="#meddelande"`, "Skriv meddelandet till invånaren."}},
			{"message with a file of the wrong type", "meddelande", url.Values{"meddelande": {"Hej"}}, []byte("just text"), 422, []string{`href="#meddelande_fil"`}},
			{"message", "meddelande", url.Values{"meddelande": {"Vi har tagit emot din anmälan."}}, samplePDF, 303, []string{"Meddelandet är skickat till invånaren.", "Vi har tagit emot din anmälan.", "underlag.pdf"}},
			{"empty request", "komplettering", url.Values{"komplettering": {""}}, nil, 422, []string{"Skriv vad invånaren behöver komplettera."}},
			{"request", "komplettering", url.Values{"komplettering": {"Skicka en bild på lyktan."}}, nil, 303, []string{"Kompletteringen är begärd.", "Komplettering begärd"}},
			{"empty decision", "beslut", url.Values{"beslut": {""}}, nil, 422, []string{"Skriv beslutstexten."}},
			{"decision with a picture", "beslut", url.Values{"beslut": {"Beviljas."}}, pngPixel, 422, []string{`href="#beslut_fil"`}},
			{"decision", "beslut", url.Values{"beslut": {"Lyktan lagas inom två veckor."}}, samplePDF, 303, []string{"Beslutet är registrerat", "Beslut fattat", "handläggningstid 0 dagar"}},
			{"decide twice", "beslut", url.Values{"beslut": {"Igen."}}, nil, 422, []string{"Det går inte att fatta beslut"}},
			{"hold without a reason", "bevarande", url.Values{"bevarande": {"pa"}}, nil, 422, []string{"Skriv skälet till bevarandet."}},
			{"close", "avsluta", url.Values{"avsluta": {"1"}}, nil, 303, []string{"Ärendet är avslutat.", "Det går inte att ändra"}},
			{"note on a closed errand", "anteckning", url.Values{"anteckning": {"Sent påkommet."}}, nil, 409, []string{"Ärendet är avslutat och kan inte ändras.", `href="#handlaggning"`}},
			{"reopen a closed errand", "status", url.Values{"status": {"handlaggs"}}, nil, 409, []string{"Ärendet är avslutat och kan inte ändras."}},
			{"message on a closed errand", "meddelande", url.Values{"meddelande": {"Hej igen"}}, nil, 409, []string{"Ärendet är avslutat och kan inte ändras."}},
			{"hold on a closed errand", "bevarande", url.Values{"bevarande": {"pa"}, "bevarande_skal": {"Begäran från förvaltningsrätten."}}, nil, 303, []string{"Bevarandet är ändrat.", "Bevarande satt", "Häv bevarande"}},
			{"hold twice", "bevarande", url.Values{"bevarande": {"pa"}, "bevarande_skal": {"Igen."}}, nil, 422, []string{"Bevarandet är redan i det läget."}},
			{"lift the hold", "bevarande", url.Values{"bevarande": {"av"}, "bevarande_skal": {"Målet är avgjort."}}, nil, 303, []string{"Bevarande hävt", "Sätt bevarande"}},
		}
		for _, st := range steps {
			var resp *page
			if st.file != nil || st.action == "meddelande" || st.action == "beslut" {
				name := "underlag.pdf"
				if st.file == nil {
					name = ""
				}
				resp, body = b.postFile(errandPath(er.ID, st.action), st.form, st.action+"_fil", name, st.file)
			} else {
				resp, body = b.post(errandPath(er.ID, st.action), st.form)
			}
			wantStatus(t, st.name, resp, body, st.status, "")
			if st.status == 303 {
				if loc := resp.Header.Get("Location"); loc != at+"?gjort="+st.action {
					t.Fatalf("%s: redirect to %s", st.name, loc)
				}
				_, body = b.get(resp.Header.Get("Location"))
			}
			for _, w := range st.want {
				if !strings.Contains(body, w) {
					t.Errorf("%s: page lacks %q\n%s", st.name, w, body)
				}
			}
		}
		// A closed errand offers the legal hold only.
		for name, form := range forms {
			if name != "bevarande" && strings.Contains(body, form) {
				t.Errorf("closed errand shows the %s form", name)
			}
		}
		// Every step done is in the history, by hugo.
		history, err := e.db.ErrandHistory(t.Context(), er.ID, false)
		if err != nil {
			t.Fatal(err)
		}
		var kinds []string
		for _, ev := range history {
			kinds = append(kinds, string(ev.Kind))
			if ev.Kind != eservice.EventSubmitted && ev.ByUserID != e.users["hugo"].ID {
				t.Errorf("event %s by %d, want hugo", ev.Kind, ev.ByUserID)
			}
		}
		want := "submitted assigned assigned assigned status note message completion_request decision status legal_hold legal_hold"
		if strings.Join(kinds, " ") != want {
			t.Errorf("history %v\nwant      %s", kinds, want)
		}
		// The legal hold's reason is in the audit log.
		p, err := e.db.FindAuditEntries(t.Context(), audit.Filter{Action: audit.ErrandChanged, ObjectID: strconv.FormatInt(er.ID, 10)})
		if err != nil {
			t.Fatal(err)
		}
		reasons := ""
		for _, a := range p.Entries {
			reasons += a.Reason + "|"
		}
		if !strings.Contains(reasons, "Begäran från förvaltningsrätten.") || !strings.Contains(reasons, "Målet är avgjort.") {
			t.Errorf("hold reasons not audited: %q", reasons)
		}
		got, err := e.db.ReadErrand(t.Context(), er.ID, store.ErrandReader{System: true, Reason: "test"})
		if err != nil {
			t.Fatal(err)
		}
		if got.Status != "avslutat" || got.LegalHold || got.DecidedAt.IsZero() || got.ClosedAt.IsZero() {
			t.Errorf("errand after the steps: %+v", got)
		}
	})
}

// pngPixel is a one-pixel PNG.
var pngPixel = []byte("\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06\x00\x00\x00\x1f\x15\xc4\x89\x00\x00\x00\rIDATx\x9cc\xf8\x0f\x00\x00\x01\x01\x00\x05\x18\xd8N\x00\x00\x00\x00IEND\xaeB`\x82")

func TestCasePagesTranslated(t *testing.T) {
	t.Parallel()
	caseEngines(t, caseOpts{}, func(t *testing.T, e *caseEnv) {
		er := e.errand(t, e.byggSvc, errandOpts{byLetter: true})
		if _, err := e.db.ChangeErrand(t.Context(), store.ErrandChange{ErrandID: er.ID, ByUserID: e.users["hugo"].ID, Message: "Hej"}); err != nil {
			t.Fatal(err)
		}
		rawKey := regexp.MustCompile(`\b(case|errand|files)\.[a-z_]+(\.[a-z_]+)*\b`)
		b := e.as(t, "hugo")
		for _, lang := range []string{"sv", "en"} {
			b.cookies["lang"] = lang
			for _, path := range []string{"/personal", "/personal/arenden", "/personal/arenden?visa=alla&ordning=nyast", errandPath(er.ID), "/personal/brev"} {
				resp, body := b.get(path)
				wantStatus(t, path, resp, body, 200, "")
				if m := rawKey.FindString(body); m != "" {
					t.Errorf("%s in %s: untranslated key %q", path, lang, m)
				}
			}
		}
	})
}

func TestStaffPageCaseLinks(t *testing.T) {
	t.Parallel()
	caseEngines(t, caseOpts{}, func(t *testing.T, e *caseEnv) {
		for who, want := range map[string][2]bool{"hugo": {true, true}, "lisa": {true, false}, "elsa": {false, false}, "admin": {true, true}} {
			_, body := e.as(t, who).get("/personal")
			if got := [2]bool{strings.Contains(body, `href="/personal/arenden"`), strings.Contains(body, `href="/personal/brev"`)}; got != want {
				t.Errorf("%s: links to inbox and letters %v, want %v", who, got, want)
			}
		}
	})
}

func TestErrandAnswerFile(t *testing.T) {
	t.Parallel()
	caseEngines(t, caseOpts{}, func(t *testing.T, e *caseEnv) {
		ctx := t.Context()
		owner := store.DraftOwner{Token: "anonym-webbläsare"}
		d, err := e.db.StartDraft(ctx, store.Draft{ServiceID: e.byggSvc.ID, Version: e.byggSvc.Published}, owner)
		if err != nil {
			t.Fatal(err)
		}
		f, err := e.files.Put(ctx, `..\..\lykta "trasig".png`, bytes.NewReader(pngPixel), eservice.FileRule{Types: []string{"image/png"}})
		if err != nil {
			t.Fatal(err)
		}
		id, err := e.db.SaveFile(ctx, f, d.ID, "bild")
		if err != nil {
			t.Fatal(err)
		}
		er, err := e.db.SubmitErrand(ctx, store.NewErrand{ServiceID: e.byggSvc.ID, Version: e.byggSvc.Published, Channel: eservice.ChannelDigital,
			Answers: eservice.Answers{"beskrivning": {"Se bild"}, "bild": {strconv.FormatInt(id, 10)}}, DraftID: d.ID, Owner: owner}, rand.Reader)
		if err != nil {
			t.Fatal(err)
		}
		link := errandPath(er.ID, "filer", strconv.FormatInt(id, 10))
		b := e.as(t, "lisa")
		_, body := b.get(errandPath(er.ID))
		if !strings.Contains(body, `href="`+link+`"`) {
			t.Fatalf("no link to the answer's file %s:\n%s", link, body)
		}
		resp, body := b.get(link)
		wantStatus(t, "answer file", resp, body, 200, "")
		cd := resp.Header.Get("Content-Disposition")
		if resp.Header.Get("Content-Type") != "image/png" || body != string(pngPixel) || !strings.HasPrefix(cd, "attachment;") ||
			strings.ContainsAny(strings.TrimPrefix(cd, "attachment;"), `\/`) {
			t.Errorf("answer file: %v", resp.Header)
		}
	})
}
