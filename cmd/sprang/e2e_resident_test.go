package main

import (
	"bytes"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"sprang/internal/mail/mailtest"
	"sprang/internal/store"
)

// TestE2EResidentErrand follows one errand through the real server, from
// the resident's search in the catalogue to the decision on Mina sidor:
// the multi-step school transport application with its conditional
// certificate (a real PDF accepted, an HTML page named .pdf refused), the
// draft saved and resumed after logging in again, the receipt page, its
// PDF and its mail, the case officer's inbox search, the read shown to the
// resident, the request for completion answered with an attachment, and
// the decision.
func TestE2EResidentErrand(t *testing.T) {
	t.Parallel()
	eachEngine(t, func(t *testing.T, e store.Engine) {
		ms := mailtest.Start(t)
		s := startDemo(t, e, ms.SMTPURL())
		child := testPnr("20180704", "998")
		const email = "tolvan.tolvansson@example.se"
		const slug = "ansokan-om-skolskjuts"

		// A resident logs in, searches the catalogue and starts the service.
		res := residentLogin(t, s.base, tolvanPnr)
		res.get("/e-tjanster?q=skolskjuts").want(t, http.StatusOK, `href="/e-tjanster/`+slug+`"`).
			lacks(t, `href="/e-tjanster/felanmalan-gata-park"`)
		res.get("/e-tjanster/"+slug).want(t, http.StatusOK, `action="/e-tjanster/`+slug+`/starta"`)
		draft := res.post("/e-tjanster/"+slug+"/starta", nil).redirects(t, `/e-tjanster/`+slug+`/(\d+)/steg/barnet`)
		base := "/e-tjanster/" + slug + "/" + draft
		step := func(p string) string { return base + "/steg/" + p }

		// Page 1: the child.
		res.get(step("barnet")).want(t, http.StatusOK, `name="barn_personnummer"`, `name="action" value="save"`)
		res.post(step("barnet"), url.Values{"barn_personnummer": {child[:8] + "-" + child[8:]}, "barn_namn": {"Lilla Tolvansson"},
			"skola": {"Gullängets skola"}, "arskurs": {"2"}, "action": {"continue"}}).redirects(t, step("skal"))

		// Page 2: the reason. The certificate depends on an answer on the
		// same page, so without scripts it is shown with its condition
		// written out, and required only when the condition holds.
		res.get(step("skal")).want(t, http.StatusOK, `enctype="multipart/form-data"`, `name="intyg" type="file"`,
			`id="intyg-condition"`, "Svara bara om du svarade Funktionsnedsättning")
		res.postMultipart(step("skal"), url.Values{"skal": {"avstand"}, "action": {"continue"}}).redirects(t, step("boende"))
		res.get(base+"/granska").want(t, http.StatusOK, "Långt avstånd till skolan").
			lacks(t, "Intyg om funktionsnedsättning", "Beskriv skälet")

		// With the condition holding, the certificate is required; an HTML
		// page named .pdf is refused, saying how to put it right; a PDF is
		// taken.
		res.postMultipart(step("skal"), url.Values{"skal": {"funktion"}, "action": {"continue"}}).
			want(t, http.StatusUnprocessableEntity, `id="intyg-error"`, `href="#intyg"`)
		res.postMultipart(step("skal"), url.Values{"skal": {"funktion"}, "action": {"continue"}},
			e2eFile{Field: "intyg", Name: "intyg.pdf", Type: "application/pdf", Content: disguisedHTML}).
			want(t, http.StatusUnprocessableEntity, `id="intyg-error"`, "Filen är inte av en typ som e-tjänsten tar emot",
				"PDF, JPEG-bild eller PNG-bild").lacks(t, "alert(document.cookie)")
		res.postMultipart(step("skal"), url.Values{"skal": {"funktion"}, "action": {"continue"}},
			e2eFile{Field: "intyg", Name: "lakarintyg.pdf", Type: "application/pdf", Content: minimalPDF("Lakarintyg")}).
			redirects(t, step("boende"))

		// Page 3, half done: save and continue later.
		res.post(step("boende"), url.Values{"adress.street": {"Storgatan 12"}, "action": {"save"}}).redirects(t, base+"/sparat")
		res.get(base+"/sparat").want(t, http.StatusOK, "Ditt ärende är sparat", `href="`+step("boende")+`"`)
		res.post("/logga-ut", nil).redirects(t, "/")
		res.get(step("boende")).want(t, http.StatusNotFound)
		other := residentLogin(t, s.base, testPnr("19800101", "990"))
		other.get(step("boende")).want(t, http.StatusNotFound).lacks(t, "Storgatan 12")
		other.get("/mina-sidor").want(t, http.StatusOK).lacks(t, step("boende"))

		// Logged in again in a new browser, the draft is on Mina sidor and
		// continues where it was left, with what was typed.
		res = residentLogin(t, s.base, tolvanPnr)
		res.get("/mina-sidor").want(t, http.StatusOK, `href="`+step("boende")+`"`)
		res.get(step("boende")).want(t, http.StatusOK, `value="Storgatan 12"`)
		res.post(step("boende"), url.Values{"adress.street": {"Storgatan 12"}, "adress.postcode": {"89133"},
			"adress.city": {"Örnsköldsvik"}, "vaxelvis": {"no"}, "action": {"continue"}}).redirects(t, base+"/granska")
		check := res.get(base+"/granska").want(t, http.StatusOK, "Funktionsnedsättning", "Intyg om funktionsnedsättning",
			"lakarintyg.pdf", "Lilla Tolvansson", "Storgatan 12", `name="email"`).lacks(t, "Beskriv skälet", "Den andra vårdnadshavarens")

		// Back a step: the answers are kept, the certificate too.
		back := check.find(t, `<a class="back-link" href="([^"]+)"`)
		if back != step("boende") {
			t.Fatalf("the check page goes back to %q, want %q", back, step("boende"))
		}
		res.get(back).want(t, http.StatusOK, `value="Storgatan 12"`, `value="89133"`, `value="no" checked`)
		res.get(step("skal")).want(t, http.StatusOK, `value="funktion" checked`, "lakarintyg.pdf")

		// Submit with an address for the receipt.
		ref := res.post(base+"/granska", url.Values{"email": {email}}).redirects(t, `/e-tjanster/kvitto/([A-Z0-9]{4}-[A-Z0-9]{4})`)
		receipt := res.get("/e-tjanster/kvitto/"+ref).want(t, http.StatusOK, ref, "Vi skickar också ett kvitto", "lakarintyg.pdf")
		diary := receipt.find(t, `Diarienummer</dt><dd class="summary-list__value">([^<]+)</dd>`)
		pdf := res.get("/e-tjanster/kvitto/"+ref+"/kvitto.pdf").want(t, http.StatusOK)
		if ct := pdf.Header.Get("Content-Type"); ct != "application/pdf" || !strings.HasPrefix(pdf.Body, "%PDF-") {
			t.Fatalf("the PDF receipt is %q starting %q", ct, pdf.Body[:min(len(pdf.Body), 20)])
		}
		checkPDFText(t, []byte(pdf.Body), ref, diary)
		res.get(step("boende")).want(t, http.StatusNotFound) // the draft became the errand
		other.get("/e-tjanster/kvitto/"+ref).want(t, http.StatusNotFound).lacks(t, "Lilla Tolvansson")
		other.get("/e-tjanster/kvitto/"+ref+"/kvitto.pdf").want(t, http.StatusNotFound)

		// The receipt mail: the reference and a link, no personnummer.
		m := waitMail(t, ms, email, 30*time.Second, "Vi har tagit emot ditt ärende "+ref)
		if !strings.Contains(m.Text, "/e-tjanster/kvitto/"+ref) {
			t.Errorf("the receipt mail has no link to the receipt:\n%s", m.Text)
		}
		checkNoPersonnummer(t, "the receipt mail", m.Subject+"\n"+m.Text, tolvanPnr, child)

		// The case officer (the administrator covers every unit) finds it by
		// its reference and opens it; the read shows on Mina sidor.
		officer := staffLogin(t, s.base, "admin")
		inbox := officer.get("/personal/arenden?sok="+url.QueryEscape(ref)).want(t, http.StatusOK, `<span class="case-ref">`+ref+`</span>`, diary)
		id := inbox.find(t, `<th scope="row"><a href="/personal/arenden/(\d+)">`)
		errand := "/personal/arenden/" + id
		outside := staffLogin(t, s.base, "handlaggare") // Samhällsbyggnadsförvaltningen only
		outside.get("/personal/arenden?sok="+url.QueryEscape(ref)).want(t, http.StatusOK, "0 ärenden matchar.").
			lacks(t, `<span class="case-ref">`+ref)
		outside.get(errand).want(t, http.StatusNotFound).lacks(t, "Lilla Tolvansson")
		reads := "/mina-sidor/vem-har-last"
		res.get(reads).want(t, http.StatusOK).lacks(t, "Handläggning av ärende "+diary)
		officer.get(errand).want(t, http.StatusOK, ref, "lakarintyg.pdf", "Lilla Tolvansson", email)
		// The audit log names staff by username, so that is who the resident
		// is told read the errand.
		res.get(reads).want(t, http.StatusOK, "<td>admin</td>\n<td>Handläggning av ärende "+diary)

		// The officer asks for more; the resident sees it and answers with
		// an attachment.
		const request = "Intyget saknar underskrift. Skicka ett undertecknat intyg."
		officer.post(errand+"/komplettering", url.Values{"komplettering": {request}}).redirects(t, errand+`\?gjort=komplettering`)
		mine := "/mina-sidor/arenden/" + id
		res.get("/mina-sidor").want(t, http.StatusOK, ref, "Handläggaren väntar på ditt svar", `href="`+mine+`#svara"`)
		res.get(mine).want(t, http.StatusOK, request, "Handläggaren behöver fler uppgifter från dig.")
		other.get(mine).want(t, http.StatusNotFound).lacks(t, request)
		news := waitMail(t, ms, email, 30*time.Second, "Nytt i ditt ärende "+ref, "Vi behöver fler uppgifter i ditt ärende", ref)
		checkNoPersonnummer(t, "the notice mail", news.Subject+"\n"+news.Text, tolvanPnr, child)
		if strings.Contains(news.Text, "underskrift") {
			t.Errorf("the notice mail holds the request itself:\n%s", news.Text)
		}
		const answer = "Här är intyget med underskrift."
		res.postMultipart(mine+"/svar", url.Values{"meddelande": {answer}},
			e2eFile{Field: "bilaga", Name: "intyg.pdf", Type: "application/pdf", Content: disguisedHTML}).
			want(t, http.StatusUnprocessableEntity, `id="bilaga-error"`, "Det är filens innehåll som räknas", answer)
		res.get(mine).want(t, http.StatusOK, "Handläggaren behöver fler uppgifter från dig.").lacks(t, "<div class=\"case-body\">"+answer)
		res.postMultipart(mine+"/svar", url.Values{"meddelande": {answer}},
			e2eFile{Field: "bilaga", Name: "intyg-underskrivet.pdf", Type: "application/pdf", Content: minimalPDF("Signed")}).
			redirects(t, mine+`\?gjort=kompletterat`)
		res.get(mine).want(t, http.StatusOK, answer, "intyg-underskrivet.pdf", "Under handläggning")

		// The officer sees the answer, downloads the attachment and decides.
		page := officer.get(errand).want(t, http.StatusOK, answer, "intyg-underskrivet.pdf")
		file := page.find(t, `<a href="(`+errand+`/filer/\d+)" download>intyg-underskrivet.pdf</a>`)
		if got := officer.get(file).want(t, http.StatusOK); !bytes.Equal([]byte(got.Body), minimalPDF("Signed")) {
			t.Errorf("the attachment came back changed: %q", got.Body)
		}
		const decision = "Skolskjuts beviljas från höstterminen."
		officer.postMultipart(errand+"/beslut", url.Values{"beslut": {decision}},
			e2eFile{Field: "beslut_fil", Name: "beslut.pdf", Type: "application/pdf", Content: minimalPDF("Beslut")}).
			redirects(t, errand+`\?gjort=beslut`)
		officer.get(errand).want(t, http.StatusOK, decision, "Beslut fattat")

		// The resident sees the decision.
		res.get("/mina-sidor").want(t, http.StatusOK, `href="`+mine+`#beslut"`)
		res.get(mine).want(t, http.StatusOK, `id="beslut"`, decision, "beslut.pdf", "Beslut fattat")
		told := waitMail(t, ms, email, 30*time.Second, "Det finns ett beslut i ditt ärende", ref)
		if strings.Contains(told.Text, "beviljas") {
			t.Errorf("the notice mail holds the decision itself:\n%s", told.Text)
		}
	})
}
