package main

// Helpers of the end-to-end tests (e2e_*_test.go): a `sprang demo` server
// started through run on a free port, on SQLite or PostgreSQL, with its
// mail going to a real SMTP server (Mailpit, internal/mail/mailtest); a
// browser with its own cookie jar that does not follow redirects, so that
// every step is checked; and small documents to upload.

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"mime/multipart"
	"net/http"
	"net/http/cookiejar"
	"net/textproto"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"sprang/internal/demo"
	"sprang/internal/mail/mailtest"
	"sprang/internal/store"
)

// e2eRequestTimeout bounds every request of the end-to-end tests.
const e2eRequestTimeout = 60 * time.Second

// e2eMailFrom is the sender of the demo servers' mail.
const e2eMailFrom = "Örnsköldsviks kommun <noreply@kommun.example.se>"

// startDemo runs "sprang demo" on a free port on a fresh database of
// engine e, sending mail through smtpURL (none when ""), and waits until
// it listens. It is stopped when the test ends.
func startDemo(t *testing.T, e store.Engine, smtpURL string) *server {
	t.Helper()
	env := map[string]string{"SPRANG_SECRET_KEY": testSecretKey}
	if smtpURL != "" {
		env["SPRANG_SMTP_URL"], env["SPRANG_MAIL_FROM"] = smtpURL, e2eMailFrom
	}
	args := []string{"demo", "--addr", "127.0.0.1:0", "--data", t.TempDir()}
	if e == store.Postgres {
		args = append(args, "--db", engineURL(t, store.Postgres))
	}
	ctx, cancel := context.WithCancel(context.Background())
	s := &server{out: newSyncBuffer(), cancel: cancel, done: make(chan struct{})}
	go func() {
		defer close(s.done)
		s.err = run(ctx, args, envOf(env), s.out)
	}()
	t.Cleanup(func() {
		if err := s.stop(); err != nil {
			t.Errorf("demo server stopped with %v", err)
		}
	})
	wait, stop := context.WithTimeout(t.Context(), 5*time.Minute)
	defer stop()
	start := time.Now()
	s.base = s.out.wait(wait, listeningRE, s.done)
	if s.base == "" {
		_ = s.stop()
		t.Fatalf("demo did not start: %v\n%s", s.err, s.out)
	}
	t.Logf("demo on %s started in %s", e, time.Since(start).Round(time.Millisecond))
	return s
}

// e2eBrowser is one visitor's browser: its own cookie jar, no redirects
// followed.
type e2eBrowser struct {
	t    *testing.T
	base string
	c    *http.Client
}

// e2ePage is a response with its body read.
type e2ePage struct {
	Status int
	Header http.Header
	Body   string
	method string
	path   string
}

// Location returns the path (and query) the response redirects to.
func (p e2ePage) Location() string {
	u, err := url.Parse(p.Header.Get("Location"))
	if err != nil {
		return ""
	}
	return u.RequestURI()
}

// newBrowserAt returns a browser with an empty cookie jar for the server
// at base.
func newBrowserAt(t *testing.T, base string) *e2eBrowser {
	t.Helper()
	jar, err := cookiejar.New(nil)
	if err != nil {
		t.Fatal(err)
	}
	return &e2eBrowser{t: t, base: base, c: &http.Client{Jar: jar, Timeout: e2eRequestTimeout,
		CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}}
}

// as returns the browser for use in test t (a subtest): failures are
// reported there. It shares the cookie jar.
func (b *e2eBrowser) as(t *testing.T) *e2eBrowser {
	c := *b
	c.t = t
	return &c
}

// do sends a request as a browser would from one of the platform's own
// pages.
func (b *e2eBrowser) do(method, path, contentType string, body io.Reader) e2ePage {
	b.t.Helper()
	req, err := http.NewRequestWithContext(b.t.Context(), method, b.base+path, body)
	if err != nil {
		b.t.Fatal(err)
	}
	if contentType != "" {
		req.Header.Set("Content-Type", contentType)
	}
	if method != http.MethodGet {
		req.Header.Set("Sec-Fetch-Site", "same-origin")
	}
	res, err := b.c.Do(req)
	if err != nil {
		b.t.Fatalf("%s %s: %v", method, path, err)
	}
	defer func() { _ = res.Body.Close() }()
	data, err := io.ReadAll(res.Body)
	if err != nil {
		b.t.Fatalf("%s %s: read body: %v", method, path, err)
	}
	return e2ePage{Status: res.StatusCode, Header: res.Header, Body: string(data), method: method, path: path}
}

// get fetches path.
func (b *e2eBrowser) get(path string) e2ePage {
	b.t.Helper()
	return b.do(http.MethodGet, path, "", nil)
}

// post posts form to path, url-encoded.
func (b *e2eBrowser) post(path string, form url.Values) e2ePage {
	b.t.Helper()
	return b.do(http.MethodPost, path, "application/x-www-form-urlencoded", strings.NewReader(form.Encode()))
}

// e2eFile is a file chosen in a file input.
type e2eFile struct {
	Field, Name string
	Content     []byte
	Type        string // the type the browser claims; the server must not trust it
}

// postMultipart posts form and files to path as multipart/form-data, as
// a form with a file input does.
func (b *e2eBrowser) postMultipart(path string, form url.Values, files ...e2eFile) e2ePage {
	b.t.Helper()
	var buf bytes.Buffer
	w := multipart.NewWriter(&buf)
	for k, vs := range form {
		for _, v := range vs {
			if err := w.WriteField(k, v); err != nil {
				b.t.Fatal(err)
			}
		}
	}
	for _, f := range files {
		h := textproto.MIMEHeader{}
		h.Set("Content-Disposition", fmt.Sprintf(`form-data; name=%q; filename=%q`, f.Field, f.Name))
		h.Set("Content-Type", f.Type)
		part, err := w.CreatePart(h)
		if err != nil {
			b.t.Fatal(err)
		}
		if _, err := part.Write(f.Content); err != nil {
			b.t.Fatal(err)
		}
	}
	if err := w.Close(); err != nil {
		b.t.Fatal(err)
	}
	return b.do(http.MethodPost, path, w.FormDataContentType(), &buf)
}

// want fails the test unless p has status and its body holds every one
// of wants.
func (p e2ePage) want(t *testing.T, status int, wants ...string) e2ePage {
	t.Helper()
	if p.Status != status {
		t.Fatalf("%s %s: status %d, want %d\n%s", p.method, p.path, p.Status, status, excerpt(p.Body))
	}
	for _, w := range wants {
		if !strings.Contains(p.Body, w) {
			t.Fatalf("%s %s: the page lacks %q\n%s", p.method, p.path, w, excerpt(p.Body))
		}
	}
	return p
}

// lacks fails the test when p's body holds one of unwanted.
func (p e2ePage) lacks(t *testing.T, unwanted ...string) e2ePage {
	t.Helper()
	for _, u := range unwanted {
		if strings.Contains(p.Body, u) {
			t.Fatalf("%s %s: the page has %q, which it must not\n%s", p.method, p.path, u, excerpt(p.Body))
		}
	}
	return p
}

// redirects fails the test unless p is a 303 to a path matching re, and
// returns re's first submatch (or the whole path when re has none).
func (p e2ePage) redirects(t *testing.T, re string) string {
	t.Helper()
	if p.Status != http.StatusSeeOther {
		t.Fatalf("%s %s: status %d, want 303 to %s\n%s", p.method, p.path, p.Status, re, excerpt(p.Body))
	}
	m := regexp.MustCompile(`^` + re + `$`).FindStringSubmatch(p.Location())
	if m == nil {
		t.Fatalf("%s %s: redirects to %q, want %s", p.method, p.path, p.Location(), re)
	}
	if len(m) > 1 {
		return m[1]
	}
	return m[0]
}

// find returns the first submatch of re in p's body, failing the test
// when there is none.
func (p e2ePage) find(t *testing.T, re string) string {
	t.Helper()
	m := regexp.MustCompile(re).FindStringSubmatch(p.Body)
	if m == nil {
		t.Fatalf("%s %s: nothing matches %s\n%s", p.method, p.path, re, excerpt(p.Body))
	}
	return m[1]
}

// excerpt returns the main part of an HTML page, for failure messages.
func excerpt(body string) string {
	if i := strings.Index(body, "<main"); i >= 0 {
		body = body[i:]
	}
	if len(body) > 6000 {
		body = body[:6000] + "…"
	}
	return body
}

// residentLogin returns a new browser logged in with the demo's simulated
// e-ID as the resident with personnummer pnr.
func residentLogin(t *testing.T, base, pnr string) *e2eBrowser {
	t.Helper()
	b := newBrowserAt(t, base)
	b.post("/logga-in/demo-eid", url.Values{"personnummer": {pnr}, "next": {"/mina-sidor"}}).redirects(t, "/mina-sidor")
	return b
}

// staffLogin returns a new browser logged in as the demo staff account
// username.
func staffLogin(t *testing.T, base, username string) *e2eBrowser {
	t.Helper()
	b := newBrowserAt(t, base)
	b.post("/logga-in", url.Values{"username": {username}, "password": {demo.Password}}).redirects(t, "/personal")
	return b
}

// tolvanPnr is the personnummer of the demo resident, Tolvan Tolvansson.
const tolvanPnr = "19121212-1212"

// personnummerForms returns the ways a personnummer (12 digits) may be
// written, to check that a text holds none of them.
func personnummerForms(p string) []string {
	return []string{p, p[:8] + "-" + p[8:], p[2:8] + "-" + p[8:], p[2:]}
}

// testPnr returns the test personnummer (birth number 980–999, set aside
// by Skatteverket) born on date (YYYYMMDD) with birth number serial, with
// its check digit.
func testPnr(date, serial string) string {
	digits := date[2:] + serial
	sum := 0
	for i, c := range digits {
		d := int(c - '0')
		if i%2 == 0 {
			if d *= 2; d > 9 {
				d -= 9
			}
		}
		sum += d
	}
	return date + serial + string(rune('0'+(10-sum%10)%10))
}

// minimalPDF returns a small but complete PDF document whose one page
// shows text (ASCII), with a correct cross-reference table.
func minimalPDF(text string) []byte {
	stream := "BT /F1 18 Tf 72 720 Td (" + text + ") Tj ET"
	objects := []string{
		"<< /Type /Catalog /Pages 2 0 R >>",
		"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
		"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>",
		fmt.Sprintf("<< /Length %d >>\nstream\n%s\nendstream", len(stream), stream),
		"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
	}
	var b bytes.Buffer
	b.WriteString("%PDF-1.4\n")
	offsets := make([]int, len(objects))
	for i, o := range objects {
		offsets[i] = b.Len()
		fmt.Fprintf(&b, "%d 0 obj\n%s\nendobj\n", i+1, o)
	}
	xref := b.Len()
	fmt.Fprintf(&b, "xref\n0 %d\n0000000000 65535 f \n", len(objects)+1)
	for _, off := range offsets {
		fmt.Fprintf(&b, "%010d 00000 n \n", off)
	}
	fmt.Fprintf(&b, "trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n", len(objects)+1, xref)
	return b.Bytes()
}

// disguisedHTML is an HTML page with a script, as a file named .pdf would
// carry it: the name and the claimed type say PDF, the content does not.
var disguisedHTML = []byte("<!DOCTYPE html>\n<html><head><title>Intyg</title></head><body><script>alert(document.cookie)</script><p>Intyg</p></body></html>\n")

// checkPDFText checks, when pdftotext is installed, that the text of the
// PDF document doc holds every one of wants.
func checkPDFText(t *testing.T, doc []byte, wants ...string) {
	t.Helper()
	bin, err := exec.LookPath("pdftotext")
	if err != nil {
		t.Log("pdftotext is not installed: the PDF's text is not checked")
		return
	}
	path := filepath.Join(t.TempDir(), "doc.pdf")
	if err := os.WriteFile(path, doc, 0o600); err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithTimeout(t.Context(), 30*time.Second)
	defer cancel()
	out, err := exec.CommandContext(ctx, bin, "-enc", "UTF-8", path, "-").Output()
	if err != nil {
		t.Fatalf("pdftotext: %v", err)
	}
	for _, w := range wants {
		if !strings.Contains(string(out), w) {
			t.Errorf("the PDF's text lacks %q:\n%s", w, out)
		}
	}
}

// waitMail waits until Mailpit ms has received a message to addr whose
// subject or text holds every one of wants, and returns it. It fails the
// test after within.
func waitMail(t *testing.T, ms *mailtest.Server, addr string, within time.Duration, wants ...string) mailtest.Message {
	t.Helper()
	deadline := time.Now().Add(within)
	for {
		for _, m := range ms.Messages(t) {
			if mailTo(m, addr) && holdsAll(m.Subject+"\n"+m.Text, wants) {
				return m
			}
		}
		if time.Now().After(deadline) {
			t.Fatalf("no mail to %s holding %q arrived within %s; received: %+v", addr, wants, within, ms.Messages(t))
		}
		select {
		case <-t.Context().Done():
			t.Fatal("test ended while waiting for mail")
		case <-time.After(200 * time.Millisecond):
		}
	}
}

// mailTo reports whether m is addressed to addr.
func mailTo(m mailtest.Message, addr string) bool {
	for _, to := range m.To {
		if strings.EqualFold(to.Address, addr) {
			return true
		}
	}
	return false
}

// holdsAll reports whether s holds every one of wants.
func holdsAll(s string, wants []string) bool {
	for _, w := range wants {
		if !strings.Contains(s, w) {
			return false
		}
	}
	return true
}

// checkNoPersonnummer fails the test when text holds one of the
// personnummer pnrs in any of its usual forms.
func checkNoPersonnummer(t *testing.T, what, text string, pnrs ...string) {
	t.Helper()
	for _, p := range pnrs {
		for _, f := range personnummerForms(strings.ReplaceAll(p, "-", "")) {
			if strings.Contains(text, f) {
				t.Errorf("%s holds the personnummer %s:\n%s", what, f, text)
			}
		}
	}
}
