package main

import (
	"net/http"
	"net/url"
	"strings"
	"testing"

	"sprang/internal/store"
)

// TestE2EAnonymousReceipt submits the street and park report without
// logging in, through the real server: the draft and the receipt belong
// to the browser that made them, so another browser — anonymous or
// logged in, even with the reference — gets the same 404 as for nothing
// at all, and cannot post to the draft either.
func TestE2EAnonymousReceipt(t *testing.T) {
	t.Parallel()
	eachEngine(t, func(t *testing.T, e store.Engine) {
		s := startDemo(t, e, "")
		const slug = "felanmalan-gata-park"
		const report = "Stort hål i cykelbanan vid bron."
		anon := newBrowserAt(t, s.base)
		anon.get("/e-tjanster/"+slug).want(t, http.StatusOK, `action="/e-tjanster/`+slug+`/starta"`)
		draft := anon.post("/e-tjanster/"+slug+"/starta", nil).redirects(t, `/e-tjanster/`+slug+`/(\d+)/steg/vad`)
		base := "/e-tjanster/" + slug + "/" + draft
		step := func(p string) string { return base + "/steg/" + p }

		others := map[string]*e2eBrowser{
			"another browser":      newBrowserAt(t, s.base),
			"a logged-in resident": residentLogin(t, s.base, tolvanPnr),
		}
		denied := func(t *testing.T, b *e2eBrowser, paths ...string) {
			t.Helper()
			for _, p := range paths {
				b.get(p).want(t, http.StatusNotFound).lacks(t, report)
			}
		}

		anon.get(step("vad")).want(t, http.StatusOK).lacks(t, `value="save"`) // no Mina sidor to save to
		anon.post(step("vad"), url.Values{"typ": {"vaghal"}, "farligt": {"yes"}, "action": {"continue"}}).redirects(t, step("var"))
		anon.postMultipart(step("var"), url.Values{"plats": {"Cykelbanan vid Hamnbron"}, "beskrivning": {report}, "action": {"continue"}}).
			redirects(t, step("svar"))
		for name, b := range others {
			t.Run(name+" cannot use the draft", func(t *testing.T) {
				b = b.as(t)
				denied(t, b, step("vad"), step("var"), base+"/granska", base+"/sparat")
				b.post(step("svar"), url.Values{"vill_ha_svar": {"no"}, "action": {"continue"}}).want(t, http.StatusNotFound)
				b.post(base+"/granska", nil).want(t, http.StatusNotFound)
			})
		}
		anon.post(step("svar"), url.Values{"vill_ha_svar": {"no"}, "action": {"continue"}}).redirects(t, base+"/granska")
		anon.get(base+"/granska").want(t, http.StatusOK, report, "Kvittot kan du bara se i den här webbläsaren")
		ref := anon.post(base+"/granska", nil).redirects(t, `/e-tjanster/kvitto/([A-Z0-9]{4}-[A-Z0-9]{4})`)
		receipt := "/e-tjanster/kvitto/" + ref
		anon.get(receipt).want(t, http.StatusOK, ref, report, "Kvittot finns bara i den här webbläsaren")
		pdf := anon.get(receipt+"/kvitto.pdf").want(t, http.StatusOK)
		if !strings.HasPrefix(pdf.Body, "%PDF-") {
			t.Fatalf("the PDF receipt starts %q", pdf.Body[:min(len(pdf.Body), 20)])
		}
		checkPDFText(t, []byte(pdf.Body), ref)
		denied(t, anon, step("vad")) // the draft became the errand

		for name, b := range others {
			t.Run(name+" cannot see the receipt", func(t *testing.T) {
				denied(t, b.as(t), receipt, receipt+"/kvitto.pdf")
			})
		}
		// The receipt needs both of the submitting browser's cookies: the
		// receipt cookie's proof is bound to the draft token.
		u, err := url.Parse(s.base + receipt)
		if err != nil {
			t.Fatal(err)
		}
		cookies := map[string]*http.Cookie{}
		for _, c := range anon.c.Jar.Cookies(u) {
			cookies[c.Name] = c
		}
		if cookies["sprang_kvitto"] == nil || cookies["sprang_utkast"] == nil {
			t.Fatalf("the submitting browser's cookies for its receipt: %v", cookies)
		}
		for _, tt := range []struct {
			copied []string
			status int
		}{
			{[]string{"sprang_kvitto"}, http.StatusNotFound},
			{[]string{"sprang_utkast"}, http.StatusNotFound},
			{[]string{"sprang_kvitto", "sprang_utkast"}, http.StatusOK},
		} {
			b := newBrowserAt(t, s.base)
			for _, name := range tt.copied {
				c := cookies[name]
				b.c.Jar.SetCookies(u, []*http.Cookie{{Name: c.Name, Value: c.Value, Path: "/e-tjanster"}})
			}
			if got := b.get(receipt); got.Status != tt.status {
				t.Errorf("a browser with the cookies %v: status %d, want %d", tt.copied, got.Status, tt.status)
			}
		}
	})
}
