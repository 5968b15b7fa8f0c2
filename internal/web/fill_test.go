package web_test

import (
	"bytes"
	"image"
	"image/color"
	"image/png"
	"net/http"
	"net/url"
	"os/exec"
	"regexp"
	"slices"
	"strings"
	"testing"
)

// pngImage returns a small PNG picture.
func pngImage(t *testing.T) []byte {
	t.Helper()
	img := image.NewRGBA(image.Rect(0, 0, 2, 2))
	img.Set(0, 0, color.RGBA{R: 200, A: 255})
	var buf bytes.Buffer
	if err := png.Encode(&buf, img); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// startDraft starts service slug in b and returns the draft's base path.
func startDraft(t *testing.T, b *browser, slug, firstPage string) string {
	t.Helper()
	resp, body := b.post("/e-tjanster/"+slug+"/starta", nil)
	wantStatus(t, "start "+slug, resp, body, http.StatusSeeOther, "/e-tjanster/"+slug+"/")
	loc := resp.Header.Get("Location")
	base, ok := strings.CutSuffix(loc, "/steg/"+firstPage)
	if !ok || !locationDraftRE.MatchString(loc) {
		t.Fatalf("start %s went to %s", slug, loc)
	}
	return base
}

// TestFillInAnonymously walks an anonymous resident through a service
// with every kind of step: validation errors with the error summary,
// hidden and shown questions and pages, back navigation, a file upload
// (accepted and refused), a group with add and remove, the check page
// with a change and the return to it, submission, the receipt page and
// its PDF — and checks that no other browser sees the draft or the
// receipt.
func TestFillInAnonymously(t *testing.T) {
	t.Parallel()
	fillEngines(t, fillOpts{}, func(t *testing.T, e *fillEnv) {
		b := e.anonymous(t)
		resp, _ := b.post("/e-tjanster/felanmalan/starta", nil)
		checkDraftCookie(t, resp)
		base, _ := strings.CutSuffix(resp.Header.Get("Location"), "/steg/plats")

		// The place: errors first, then the answers.
		resp, body := b.post(base+"/steg/plats", url.Values{"action": {"continue"}})
		wantStatus(t, "empty place", resp, body, http.StatusUnprocessableEntity, "")
		mustContain(t, "empty place", body, "<title>Fel: Var är felet?", `class="error-summary"`, `id="typ-error"`, `aria-invalid="true"`)
		links := errorLinks(body)
		if len(links) < 2 || links[0] != "typ" || !strings.HasPrefix(links[1], "adress-") { //nolint:misspell // Swedish
			t.Fatalf("error summary links %v, want typ and the address", links)
		}
		for _, l := range links {
			mustContain(t, "error link target "+l, body, `id="`+l+`"`)
		}
		resp, body = b.post(base+"/steg/plats", url.Values{"typ": {"gata"}, "adress.street": {"Storgatan 1"},
			"adress.postcode": {"891 88"}, "adress.city": {"Örnsköldsvik"}})
		wantStatus(t, "place", resp, body, http.StatusSeeOther, base+"/steg/beskrivning")

		// The description: the follow-up question is on the same page,
		// with its condition written out; it is dropped when "no".
		_, body = b.get(base + "/steg/beskrivning")
		mustContain(t, "description", body, "Svara bara om du svarade Ja på frågan ”Är det farligt?”", `href="`+base+`/steg/plats"`, "Steg 2 av 3")
		resp, body = b.post(base+"/steg/beskrivning", url.Values{"text": {"Räksmörgås på gatan"}, "farligt": {"yes"}})
		wantStatus(t, "dangerous without why", resp, body, http.StatusUnprocessableEntity, "")
		if l := errorLinks(body); !slices.Equal(l, []string{"varfor"}) {
			t.Fatalf("error links %v, want varfor", l)
		}
		mustContain(t, "kept text", body, ">Räksmörgås på gatan</textarea>")
		resp, body = b.post(base+"/steg/beskrivning", url.Values{"text": {"Räksmörgås på gatan"}, "farligt": {"no"}, "varfor": {"ignored"}})
		wantStatus(t, "description", resp, body, http.StatusSeeOther, base+"/steg/bilder")

		// Back keeps the answers.
		_, body = b.get(base + "/steg/beskrivning")
		mustContain(t, "back to description", body, ">Räksmörgås på gatan</textarea>", `value="no" checked`)
		// The park page is hidden for a street.
		resp, _ = b.get(base + "/steg/park")
		wantStatus(t, "hidden page", resp, "", http.StatusSeeOther, base+"/steg/plats")

		// Pictures and witnesses.
		_, body = b.get(base + "/steg/bilder")
		mustContain(t, "pictures", body, `enctype="multipart/form-data"`, `id="vittnen-0-namn"`, `name="action" value="continue" hidden`)
		resp, body = b.postFile(base+"/steg/bilder", url.Values{"vittnen.0.namn": {"Anna"}, "action": {"add:vittnen"}}, "bild", "gropen.png", pngImage(t))
		wantStatus(t, "add witness", resp, body, http.StatusSeeOther, base+"/steg/bilder#vittnen-1")
		_, body = b.get(base + "/steg/bilder")
		mustContain(t, "after add", body, "gropen.png", `value="Anna"`, `id="vittnen-1-namn"`, `value="remove-file:bild"`)
		resp, body = b.postFile(base+"/steg/bilder", url.Values{"vittnen.0.namn": {"Anna"}, "vittnen.1.namn": {"Bertil"}, "action": {"add:vittnen"}}, "", "", nil)
		wantStatus(t, "add third", resp, body, http.StatusSeeOther, "")
		resp, body = b.postFile(base+"/steg/bilder", url.Values{"vittnen.0.namn": {"Anna"}, "vittnen.1.namn": {"Bertil"},
			"vittnen.2.namn": {"Cesar"}, "action": {"remove:vittnen:0"}}, "", "", nil)
		wantStatus(t, "remove first", resp, body, http.StatusSeeOther, "")
		_, body = b.get(base + "/steg/bilder")
		mustContain(t, "after remove", body, `value="Bertil"`, `value="Cesar"`, "gropen.png")
		mustNotContain(t, "after remove", body, `value="Anna"`, `id="vittnen-2-namn"`)
		resp, body = b.postFile(base+"/steg/bilder", url.Values{"vittnen.0.namn": {"Bertil"}, "vittnen.1.namn": {""}, "antal": {"3"}},
			"bild", "virus.exe", []byte("MZ this is not a picture"))
		wantStatus(t, "refused file", resp, body, http.StatusUnprocessableEntity, "")
		mustContain(t, "refused file", body, "PNG", `href="#bild"`, `href="#vittnen-1-namn"`)
		resp, body = b.postFile(base+"/steg/bilder", url.Values{"vittnen.0.namn": {"Bertil"}, "vittnen.1.namn": {"Cesar"}, "antal": {"3"}}, "", "", nil)
		wantStatus(t, "pictures", resp, body, http.StatusSeeOther, base+"/granska")

		// Check the answers, change the place to a park: the park page
		// appears and the check page sends there before submitting.
		_, body = b.get(base + "/granska")
		mustContain(t, "check", body, "Räksmörgås på gatan", "Storgatan 1, 891 88 Örnsköldsvik", "gropen.png", "Vittne 1, Namn", "Bertil",
			`href="`+base+`/steg/plats?tillbaka=granska#typ"`, `name="email"`)
		resp, body = b.post(base+"/steg/plats?tillbaka=granska", url.Values{"typ": {"park"}, "adress.street": {"Storgatan 1"},
			"adress.postcode": {"89188"}, "adress.city": {"Örnsköldsvik"}})
		wantStatus(t, "change place", resp, body, http.StatusSeeOther, base+"/granska")
		resp, body = b.post(base+"/granska", url.Values{"email": {""}})
		wantStatus(t, "submit without the park", resp, body, http.StatusUnprocessableEntity, "")
		mustContain(t, "submit without the park", body, "Om parken", `href="#parknamn"`, `action="`+base+`/steg/park?tillbaka=granska"`)
		resp, body = b.post(base+"/steg/park?tillbaka=granska", url.Values{"parknamn": {"Stadsparken"}})
		wantStatus(t, "park", resp, body, http.StatusSeeOther, base+"/granska")
		resp, body = b.post(base+"/granska", url.Values{"email": {"inte en adress"}}) //nolint:misspell // Swedish
		wantStatus(t, "bad address", resp, body, http.StatusUnprocessableEntity, "")
		mustContain(t, "bad address", body, `href="#email"`)

		// Submit, and see the receipt and its PDF.
		resp, body = b.post(base+"/granska", url.Values{"email": {""}})
		wantStatus(t, "submit", resp, body, http.StatusSeeOther, "/e-tjanster/kvitto/")
		receipt := resp.Header.Get("Location")
		ref := strings.TrimPrefix(receipt, "/e-tjanster/kvitto/")
		_, body = b.get(receipt)
		mustContain(t, "receipt", body, ref, "Stadsparken", "Räksmörgås på gatan", "gropen.png", receipt+"/kvitto.pdf", "bara i den här webbläsaren")
		resp, body = b.get(receipt + "/kvitto.pdf")
		wantStatus(t, "receipt PDF", resp, body, http.StatusOK, "")
		if !strings.HasPrefix(body, "%PDF") || resp.Header.Get("Content-Type") != "application/pdf" {
			t.Fatalf("receipt PDF: %s %.20q", resp.Header.Get("Content-Type"), body)
		}
		pdfText(t, body, ref, "Räksmörgås", "Stadsparken", "Gatunämnden")

		// The draft is gone; nobody else sees the receipt.
		resp, _ = b.get(base + "/granska")
		wantStatus(t, "draft after submit", resp, "", http.StatusNotFound, "")
		other := e.anonymous(t)
		for _, p := range []string{receipt, receipt + "/kvitto.pdf"} {
			resp, body := other.get(p)
			wantStatus(t, "other browser "+p, resp, body, http.StatusNotFound, "")
		}
		resident := e.resident(t, "19121212-1212", "eid", "loa3")
		resp, _ = resident.get(receipt)
		wantStatus(t, "a resident", resp, "", http.StatusNotFound, "")
		// Another anonymous browser with a made-up receipt cookie.
		other.cookies["sprang_utkast"] = "gissad"
		other.cookies["sprang_kvitto"] = ref + ".0123456789abcdef0123456789abcdef"
		resp, _ = other.get(receipt)
		wantStatus(t, "forged receipt cookie", resp, "", http.StatusNotFound, "")
	})
}

// TestDraftsAreTheirOwners checks that a draft is seen only by the browser
// that started it: not by another browser, a resident, or with another
// service's slug in the URL.
func TestDraftsAreTheirOwners(t *testing.T) {
	t.Parallel()
	fillEngines(t, fillOpts{}, func(t *testing.T, e *fillEnv) {
		b := e.anonymous(t)
		base := startDraft(t, b, "felanmalan", "plats")
		other := e.anonymous(t)
		startDraft(t, other, "felanmalan", "plats") // has a token of its own
		resident := e.resident(t, "19121212-1212", "eid", "loa3")
		for _, c := range []struct {
			who  *browser
			path string
		}{
			{other, base + "/steg/plats"},
			{other, base + "/granska"},
			{resident, base + "/steg/plats"},
			{e.anonymous(t), base + "/steg/plats"},
			{b, strings.Replace(base, "felanmalan", "synpunkt", 1) + "/steg/plats"},
			{b, base + "/steg/finns-inte"},
			{b, "/e-tjanster/felanmalan/999999/steg/plats"},
			{b, "/e-tjanster/felanmalan/abc/steg/plats"},
		} {
			resp, body := c.who.get(c.path)
			wantStatus(t, c.path, resp, body, http.StatusNotFound, "")
			resp, body = c.who.post(c.path, url.Values{"typ": {"gata"}})
			wantStatus(t, "POST "+c.path, resp, body, http.StatusNotFound, "")
		}
		resp, body := b.get(base + "/steg/plats")
		wantStatus(t, "owner", resp, body, http.StatusOK, "")
	})
}

// checkDraftCookie checks the anonymous draft cookie's attributes.
func checkDraftCookie(t *testing.T, resp *page) {
	t.Helper()
	for _, c := range resp.Cookies() {
		if c.Name == "sprang_utkast" {
			if !c.HttpOnly || c.Path != "/e-tjanster" || c.SameSite != http.SameSiteLaxMode || len(c.Value) < 20 {
				t.Fatalf("draft cookie %+v", c)
			}
			return
		}
	}
	t.Fatalf("no draft cookie in %v", resp.Cookies())
}

var spaceRE = regexp.MustCompile(`\s+`)

// pdfText checks, when pdftotext (poppler-utils) is installed, that the
// PDF's text holds every one of want.
func pdfText(t *testing.T, pdf string, want ...string) {
	t.Helper()
	bin, err := exec.LookPath("pdftotext")
	if err != nil {
		t.Log("pdftotext not installed: the PDF's text is not checked")
		return
	}
	cmd := exec.CommandContext(t.Context(), bin, "-enc", "UTF-8", "-", "-")
	cmd.Stdin = strings.NewReader(pdf)
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("pdftotext: %v", err)
	}
	text := spaceRE.ReplaceAllString(string(out), " ")
	mustContain(t, "PDF text", text, want...)
}
