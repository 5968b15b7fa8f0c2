package main

import (
	"errors"
	"io"
	"net"
	"net/http"
	"net/url"
	"strings"
	"sync"
	"testing"
	"time"

	"sprang/internal/mail/mailtest"
	"sprang/internal/store"
)

// TestE2EMailServerDown submits an errand with a receipt by e-mail while
// nothing listens at the configured mail server's address: the errand is
// taken and its receipt shown at once, the receipt mail's job fails and
// waits for a retry (the administrator sees it on the job list, with an
// error that names no address), and when a mail server answers at the
// same address again, the retry delivers the mail. The first retries come
// after about 1 and 16 seconds (River's default backoff, attempt⁴ s), so
// the mail arrives within seconds, or some 20 seconds when the test was
// too slow to bring the server back before the first retry; it waits at
// most 75 seconds.
func TestE2EMailServerDown(t *testing.T) {
	t.Parallel()
	eachEngine(t, func(t *testing.T, e store.Engine) {
		ms := mailtest.Start(t)
		addr := downAddr(t)
		s := startDemo(t, e, "smtp://"+addr+"?starttls=none")
		const slug = "felanmalan-gata-park"
		const email = "anmalare@example.se"

		// Submitting works while the mail server is down.
		anon := newBrowserAt(t, s.base)
		draft := anon.post("/e-tjanster/"+slug+"/starta", nil).redirects(t, `/e-tjanster/`+slug+`/(\d+)/steg/vad`)
		base := "/e-tjanster/" + slug + "/" + draft
		anon.post(base+"/steg/vad", url.Values{"typ": {"klotter"}, "farligt": {"no"}, "action": {"continue"}}).redirects(t, base+"/steg/var")
		anon.postMultipart(base+"/steg/var", url.Values{"plats": {"Lekplatsen i Gullänget"}, "beskrivning": {"Klotter på rutschkanan."},
			"action": {"continue"}}).redirects(t, base+"/steg/svar")
		anon.post(base+"/steg/svar", url.Values{"vill_ha_svar": {"yes"}, "namn": {"Anna Anmälare"}, "epost": {email},
			"action": {"continue"}}).redirects(t, base+"/granska")
		admin := staffLogin(t, s.base, "admin") // before: a password check takes a while
		ref := anon.post(base+"/granska", url.Values{"email": {email}}).redirects(t, `/e-tjanster/kvitto/([A-Z0-9]{4}-[A-Z0-9]{4})`)
		anon.get("/e-tjanster/kvitto/"+ref).want(t, http.StatusOK, ref, "Vi skickar också ett kvitto")

		// The receipt job failed and waits to be retried. (After the first
		// failure River keeps it "available", scheduled a second later; from
		// the second on it is "retryable".)
		jobs := waitPage(t, admin, "/personal/jobb", 30*time.Second, "<code>errand_receipt</code>", "connection refused")
		jobs.lacks(t, email, "Anna")
		t.Logf("the receipt job failed; attempts: %s", jobs.find(t, `(?s)<code>errand_receipt</code>.*?<td>(\d+ av \d+)</td>`))
		if n := len(ms.Messages(t)); n != 0 {
			t.Fatalf("%d mail(s) arrived while the mail server was down", n)
		}

		// The mail server is back at the same address: the retry delivers.
		start := time.Now()
		e2eRelay(t, addr, ms.SMTPAddr)
		m := waitMail(t, ms, email, 75*time.Second, "Vi har tagit emot ditt ärende "+ref)
		t.Logf("the receipt arrived %s after the mail server came back", time.Since(start).Round(time.Millisecond))
		if !strings.Contains(m.Text, "/e-tjanster/kvitto/"+ref) {
			t.Errorf("the receipt mail has no link to the receipt:\n%s", m.Text)
		}
		done := waitPage(t, admin, "/personal/jobb?status=completed", 30*time.Second, "<code>errand_receipt</code>")
		if attempts := done.find(t, `(?s)<code>errand_receipt</code>.*?<td>(\d+) av \d+</td>`); attempts == "1" {
			t.Errorf("the receipt job completed at its first attempt, while the mail server was down")
		}
		admin.get("/personal/jobb?status=retryable").want(t, http.StatusOK).lacks(t, "<code>errand_receipt</code>")
		if n := len(ms.Messages(t)); n != 1 {
			t.Errorf("%d mails arrived, want the one receipt", n)
		}
	})
}

// downAddr returns a loopback address where nothing listens: connections
// to it are refused, as to a mail server that is down.
func downAddr(t *testing.T) string {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	addr := ln.Addr().String()
	if err := ln.Close(); err != nil {
		t.Fatal(err)
	}
	return addr
}

// e2eRelay listens at addr again and passes every connection on to the SMTP
// server at to, so that a mail server answers at addr. It stops when the
// test ends.
func e2eRelay(t *testing.T, addr, to string) {
	t.Helper()
	ln, err := net.Listen("tcp", addr)
	if err != nil {
		t.Fatalf("listen again on the mail server's address %s (taken meanwhile by another process?): %v", addr, err)
	}
	var wg sync.WaitGroup
	var mu sync.Mutex
	var conns []net.Conn
	track := func(c net.Conn) {
		mu.Lock()
		conns = append(conns, c)
		mu.Unlock()
	}
	t.Cleanup(func() {
		_ = ln.Close()
		mu.Lock()
		for _, c := range conns {
			_ = c.Close()
		}
		mu.Unlock()
		wg.Wait()
	})
	wg.Go(func() {
		for {
			c, err := ln.Accept()
			if errors.Is(err, net.ErrClosed) {
				return
			}
			if err != nil {
				continue
			}
			up, err := net.DialTimeout("tcp", to, 5*time.Second)
			if err != nil {
				_ = c.Close()
				continue
			}
			track(c)
			track(up)
			wg.Go(func() { e2ePipe(c, up) })
			wg.Go(func() { e2ePipe(up, c) })
		}
	})
}

// e2ePipe copies from src to dst until either ends, then closes both.
func e2ePipe(dst, src net.Conn) {
	_, _ = io.Copy(dst, src)
	_ = dst.Close()
	_ = src.Close()
}

// waitPage fetches path with b until the page answers 200 holding every
// one of wants, and returns it; it fails the test after within.
func waitPage(t *testing.T, b *e2eBrowser, path string, within time.Duration, wants ...string) e2ePage {
	t.Helper()
	deadline := time.Now().Add(within)
	for {
		p := b.get(path)
		if p.Status == http.StatusOK && holdsAll(p.Body, wants) {
			return p
		}
		if time.Now().After(deadline) {
			t.Fatalf("GET %s: within %s no page with %q (last status %d)\n%s", path, within, wants, p.Status, excerpt(p.Body))
		}
		select {
		case <-t.Context().Done():
			t.Fatal("test ended while waiting")
		case <-time.After(200 * time.Millisecond):
		}
	}
}
