package browsertest_test

import (
	"compress/gzip"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"

	"sprang/internal/browsertest"
)

func TestMain(m *testing.M) { browsertest.Main(m) }

// strictCSP is the kind of policy the product's pages send: no inline
// scripts or styles, no eval.
const strictCSP = "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'"

const goodPage = `<!doctype html>
<html lang="sv">
<head><meta charset="utf-8"><title>Bra sida</title><link rel="stylesheet" href="/site.css"></head>
<body>
<a href="#innehall" id="skip">Till innehållet</a>
<header><p>Språnget</p></header>
<main id="innehall">
<h1>Välkommen</h1>
<p>Det här är en tillgänglig sida.</p>
<form method="post" action="/hej">
<label for="namn">Namn</label>
<input id="namn" name="namn" type="text" autocomplete="name">
<button type="submit" id="skicka">Skicka</button>
</form>
</main>
<footer><p><a href="/tillganglighet">Tillgänglighetsredogörelse</a></p></footer>
</body>
</html>`

// badPage breaks several WCAG rules: no lang, no title, an image without
// alternative text, an input without a label, and a button with no name.
const badPage = `<!doctype html>
<html>
<head><meta charset="utf-8"></head>
<body>
<main>
<img src="/bild.png">
<input type="text" name="q">
<button type="submit"></button>
</main>
</body>
</html>`

// jsPage changes the text of <main> with a same-origin script, so that the
// text tells whether JavaScript ran.
const jsPage = `<!doctype html>
<html lang="sv"><head><meta charset="utf-8"><title>Skript</title><script src="/app.js" defer></script></head>
<body><main><p id="t">Utan skript</p></main></body></html>`

// png1x1 is a 1×1 transparent PNG.
var png1x1 = []byte("\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06\x00\x00\x00\x1f\x15\xc4\x89\x00\x00\x00\rIDATx\x9cc\x00\x01\x00\x00\x05\x00\x01\r\n-\xb4\x00\x00\x00\x00IEND\xaeB`\x82")

// site is the server of the test pages. thirdParty is the address of a
// second server, which the /tung page loads an image from.
func site(t *testing.T, thirdParty string) *httptest.Server {
	t.Helper()
	mux := http.NewServeMux()
	html := func(body string) http.HandlerFunc {
		return func(w http.ResponseWriter, r *http.Request) {
			if r.URL.Path == "/tung" {
				// Let the third-party image load, so that it costs bytes.
				w.Header().Set("Content-Security-Policy", strings.Replace(strictCSP, "img-src 'self'", "img-src 'self' "+thirdParty, 1))
			} else {
				w.Header().Set("Content-Security-Policy", strictCSP)
			}
			w.Header().Set("Content-Type", "text/html; charset=utf-8")
			writeMaybeGzip(w, r, body)
		}
	}
	mux.HandleFunc("GET /{$}", html(goodPage))
	mux.HandleFunc("GET /dalig", html(badPage))
	mux.HandleFunc("GET /skript", html(jsPage))
	mux.HandleFunc("GET /tung", html(`<!doctype html><html lang="sv"><head><meta charset="utf-8"><title>Tung</title>
<link rel="stylesheet" href="/site.css"></head><body><main><h1>Tung</h1>
<img src="/bild.png" alt="">
<img src="`+thirdParty+`/spaning.png" alt="">
<p>`+strings.Repeat("Lorem ipsum dolor sit amet. ", 400)+`</p></main></body></html>`))
	mux.HandleFunc("GET /site.css", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/css")
		writeMaybeGzip(w, r, "body{font-family:sans-serif;color:#0b0c0c;background:#fff}a:focus{outline:3px solid #fd0}")
	})
	mux.HandleFunc("GET /app.js", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/javascript")
		_, _ = io.WriteString(w, `document.getElementById("t").textContent = "Med skript";`)
	})
	mux.HandleFunc("GET /bild.png", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "image/png")
		_, _ = w.Write(png1x1)
	})
	mux.HandleFunc("POST /hej", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		fmt.Fprintf(w, `<!doctype html><html lang="sv"><head><title>Hej</title></head><body><main><h1>Hej %s!</h1></main></body></html>`,
			template(r.PostFormValue("namn")))
	})
	// An order form whose POST redirects to a thank-you page, for Measure.
	mux.HandleFunc("GET /bestall", html(`<!doctype html><html lang="sv"><head><meta charset="utf-8"><title>Beställ</title>
<link rel="stylesheet" href="/site.css"></head><body><main><h1>Beställ</h1>
<form method="post" action="/skicka"><button type="submit" id="skicka">Skicka</button></form></main></body></html>`))
	mux.HandleFunc("POST /skicka", func(w http.ResponseWriter, r *http.Request) {
		http.Redirect(w, r, "/tack", http.StatusSeeOther)
	})
	mux.HandleFunc("GET /tack", html(`<!doctype html><html lang="sv"><head><meta charset="utf-8"><title>Tack</title></head>
<body><main><h1 id="tack">Tack</h1><img src="/bild.png" alt=""></main></body></html>`))
	srv := httptest.NewServer(mux)
	t.Cleanup(srv.Close)
	return srv
}

// template escapes s for HTML text.
func template(s string) string {
	return strings.NewReplacer("&", "&amp;", "<", "&lt;", ">", "&gt;").Replace(s)
}

func writeMaybeGzip(w http.ResponseWriter, r *http.Request, body string) {
	if !strings.Contains(r.Header.Get("Accept-Encoding"), "gzip") {
		_, _ = io.WriteString(w, body)
		return
	}
	w.Header().Set("Content-Encoding", "gzip")
	zw := gzip.NewWriter(w)
	_, _ = io.WriteString(zw, body)
	_ = zw.Close()
}

func TestAxe(t *testing.T) {
	t.Parallel()
	srv := site(t, "")
	t.Run("clean page has no violations", func(t *testing.T) {
		t.Parallel()
		ctx := browsertest.New(t)
		if vs := browsertest.Axe(t, ctx, srv.URL+"/"); len(vs) != 0 {
			t.Error(browsertest.FormatViolations(vs))
		}
	})
	t.Run("inaccessible page is reported", func(t *testing.T) {
		t.Parallel()
		ctx := browsertest.New(t)
		vs := browsertest.Axe(t, ctx, srv.URL+"/dalig")
		got := map[string]bool{}
		for _, v := range vs {
			got[v.ID] = true
			if v.Impact == "" || v.Help == "" || len(v.Nodes) == 0 || v.Nodes[0].Target == "" {
				t.Errorf("violation %s lacks details: %+v", v.ID, v)
			}
		}
		for _, want := range []string{"html-has-lang", "document-title", "image-alt", "label", "button-name"} {
			if !got[want] {
				t.Errorf("violation %s not reported; got:\n%s", want, browsertest.FormatViolations(vs))
			}
		}
		out := browsertest.FormatViolations(vs)
		if !strings.Contains(out, "image-alt") || !strings.Contains(out, "img") {
			t.Errorf("FormatViolations output lacks the rule or the element:\n%s", out)
		}
	})
}

func TestPageWeight(t *testing.T) {
	t.Parallel()
	// The second server is reached by another host name than the page's
	// (localhost instead of 127.0.0.1), as a CDN or analytics host would be.
	other := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "image/png")
		_, _ = w.Write(png1x1)
	}))
	t.Cleanup(other.Close)
	u, err := url.Parse(other.URL)
	if err != nil {
		t.Fatal(err)
	}
	srv := site(t, "http://localhost:"+u.Port())
	ctx := browsertest.New(t)

	w := browsertest.PageWeight(t, ctx, srv.URL+"/tung")
	t.Log(w)
	w = withoutFavicon(w)
	if len(w.Requests) != 4 {
		t.Fatalf("got %d requests, want 4 (page, css, image, third-party image):\n%v", len(w.Requests), w)
	}
	doc := w.Requests[0]
	if doc.Type != "Document" || doc.Status != 200 || doc.Encoding != "gzip" || doc.ThirdParty {
		t.Errorf("document = %+v, want a gzip-compressed first-party Document", doc)
	}
	// The page repeats one sentence 400 times (11 KB); compressed it is far
	// smaller, which shows that the compressed size is measured.
	if doc.Bytes <= 0 || doc.Bytes > 3000 {
		t.Errorf("document transferred %d bytes, want a compressed size between 1 and 3000", doc.Bytes)
	}
	var sum int64
	for _, r := range w.Requests {
		sum += r.Bytes
		if r.Bytes <= 0 {
			t.Errorf("request %s has %d bytes", r.URL, r.Bytes)
		}
	}
	if sum != w.Total {
		t.Errorf("Total = %d, sum of requests = %d", w.Total, sum)
	}
	tp := w.ThirdParty()
	if len(tp) != 1 || !strings.HasPrefix(tp[0].URL, "http://localhost:"+u.Port()+"/") {
		t.Errorf("third-party requests = %+v, want the one image from %s", tp, other.URL)
	}

	// A second measurement in the same tab does not come from the cache.
	again := withoutFavicon(browsertest.PageWeight(t, ctx, srv.URL+"/tung"))
	if len(again.Requests) != 4 || again.Total < w.Total/2 {
		t.Errorf("second load: %v", again)
	}
}

func TestMeasureFormPost(t *testing.T) {
	t.Parallel()
	srv := site(t, "")
	ctx := browsertest.New(t)
	if status := browsertest.Navigate(t, ctx, srv.URL+"/bestall"); status != 200 {
		t.Fatalf("status %d", status)
	}
	// The form's page and its stylesheet do not count: only the POST, its
	// redirect's target and what that page loads.
	w := browsertest.Measure(t, ctx, chromedp.Steps(
		chromedp.Click(chromedp.ID("skicka")),
		chromedp.WaitVisible(chromedp.ID("tack")),
	))
	t.Log(w)
	w = withoutFavicon(w)
	var got []string
	for _, r := range w.Requests {
		path := strings.TrimPrefix(r.URL, srv.URL)
		got = append(got, fmt.Sprintf("%s %s %d", r.Type, path, r.Status))
		if r.ThirdParty || r.Failed != "" || r.Bytes <= 0 {
			t.Errorf("request %+v: want a first-party request that transferred bytes", r)
		}
	}
	want := []string{"Document /skicka 303", "Document /tack 200", "Image /bild.png 200"}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("requests:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}

// withoutFavicon drops Chromium's request for /favicon.ico, which it may
// or may not make while the page loads.
func withoutFavicon(w browsertest.Weight) browsertest.Weight {
	var out browsertest.Weight
	for _, r := range w.Requests {
		if strings.HasSuffix(r.URL, "/favicon.ico") {
			continue
		}
		out.Requests = append(out.Requests, r)
		out.Total += r.Bytes
	}
	return out
}

func TestCSPBlockedThirdParty(t *testing.T) {
	t.Parallel()
	// The page's policy blocks the image, but the attempt is still a
	// third-party request.
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path != "/" {
			http.NotFound(w, r)
			return
		}
		w.Header().Set("Content-Security-Policy", strictCSP)
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		_, _ = io.WriteString(w, `<!doctype html><html lang="sv"><title>x</title><main><img src="http://cdn.example.invalid/a.png" alt=""></main></html>`)
	}))
	t.Cleanup(srv.Close)
	ctx := browsertest.New(t)
	tp := browsertest.PageWeight(t, ctx, srv.URL).ThirdParty()
	if len(tp) != 1 || tp[0].Failed == "" || tp[0].Bytes != 0 {
		t.Errorf("third-party requests = %+v, want one failed request to cdn.example.invalid", tp)
	}
}

func TestNoJS(t *testing.T) {
	t.Parallel()
	srv := site(t, "")
	ctx := browsertest.New(t)
	if got := browsertest.NoJS(t, ctx, srv.URL+"/skript"); got != "Utan skript" {
		t.Errorf("NoJS main text = %q, want %q", got, "Utan skript")
	}
	// JavaScript is on again afterwards.
	browsertest.Navigate(t, ctx, srv.URL+"/skript")
	if got := browsertest.MainText(t, ctx); got != "Med skript" {
		t.Errorf("main text with JavaScript = %q, want %q", got, "Med skript")
	}
}

func TestKeyboard(t *testing.T) {
	t.Parallel()
	srv := site(t, "")
	ctx := browsertest.New(t)
	if status := browsertest.Navigate(t, ctx, srv.URL+"/"); status != 200 {
		t.Fatalf("status %d", status)
	}
	if e := browsertest.Focused(t, ctx); e.Tag != "body" {
		t.Errorf("focus before any key = %v, want body", e)
	}
	if e := browsertest.Tab(t, ctx, 1); e.ID != "skip" || e.Tag != "a" || e.Text != "Till innehållet" || e.Href != "#innehall" {
		t.Errorf("first Tab focused %+v, want the skip link", e)
	}
	field := browsertest.TabUntil(t, ctx, 5, func(e browsertest.Element) bool { return e.ID == "namn" })
	if field.Tag != "input" || field.Name != "namn" {
		t.Errorf("field = %+v", field)
	}
	browsertest.Type(t, ctx, "Åsa <Öberg>")
	if e := browsertest.Focused(t, ctx); e.Text != "Åsa <Öberg>" {
		t.Errorf("typed value = %q", e.Text)
	}
	if e := browsertest.Tab(t, ctx, 1); e.ID != "skicka" {
		t.Errorf("Tab after the field focused %v, want the button", e)
	}
	if e := browsertest.Tab(t, ctx, -1); e.ID != "namn" {
		t.Errorf("Shift+Tab focused %v, want the field", e)
	}
	if status := browsertest.Enter(t, ctx); status != 200 {
		t.Errorf("submit status = %d", status)
	}
	if got := browsertest.MainText(t, ctx); got != "Hej Åsa <Öberg>!" {
		t.Errorf("after submit main = %q", got)
	}
}

// TestTabsAreIsolated checks that each test's tab has its own cookies.
func TestTabsAreIsolated(t *testing.T) {
	t.Parallel()
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		c, err := r.Cookie("k")
		seen := "ingen"
		if err == nil {
			seen = c.Value
		}
		http.SetCookie(w, &http.Cookie{Name: "k", Value: "satt", Path: "/"})
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		fmt.Fprintf(w, `<!doctype html><html lang="sv"><title>k</title><main>%s</main></html>`, seen)
	}))
	t.Cleanup(srv.Close)
	a := browsertest.New(t)
	b := browsertest.New(t)
	browsertest.Navigate(t, a, srv.URL)
	browsertest.Navigate(t, a, srv.URL)
	if got := browsertest.MainText(t, a); got != "satt" {
		t.Errorf("second load in tab a saw cookie %q, want satt", got)
	}
	browsertest.Navigate(t, b, srv.URL)
	if got := browsertest.MainText(t, b); got != "ingen" {
		t.Errorf("tab b saw cookie %q from tab a", got)
	}
}
