package web_test

import (
	"net/http"
	"net/url"
	"strings"
	"testing"

	"sprang/internal/auth"
	"sprang/internal/identity"
)

// TestCatalogue checks the catalogue: every published service without a
// search, search words and categories narrowing the list, query syntax
// and junk searching harmlessly, and the e-ID marker.
func TestCatalogue(t *testing.T) {
	t.Parallel()
	fillEngines(t, fillOpts{}, func(t *testing.T, e *fillEnv) {
		b := e.anonymous(t)
		for _, c := range []struct {
			name, query string
			want, not   []string
		}{
			{"all", "", []string{"Felanmälan gata och park", "Ansök om bygglov", "Lämna en synpunkt", "E-legitimation krävs"}, nil},
			{"word", "?q=felanmälan", []string{"Felanmälan gata och park"}, []string{"Ansök om bygglov", "Lämna en synpunkt"}},
			{"keyword", "?q=gropar", []string{"Felanmälan gata och park"}, []string{"Ansök om bygglov"}},
			{"category", "?kategori=bygga-bo", []string{"Ansök om bygglov", `aria-current="page">Bygga och bo`}, []string{"Felanmälan gata och park"}},
			{"unknown category", "?kategori=finns-inte", []string{"Felanmälan gata och park", "Ansök om bygglov"}, nil},
			{"query syntax", "?q=" + url.QueryEscape(`"bygg* OR NEAR(a b) -x AND ) ( ^ :`), nil, nil},
			{"no match", "?q=zzzyyyxxx", []string{"Ingen e-tjänst matchar"}, []string{"Ansök om bygglov"}},
			{"long", "?q=" + strings.Repeat("å", 5000), nil, nil},
			{"not utf-8", "?q=%ff%fe", []string{"Felanmälan gata och park"}, nil},
		} {
			resp, body := b.get("/e-tjanster" + c.query)
			if resp.StatusCode != http.StatusOK {
				t.Fatalf("%s: status %d\n%s", c.name, resp.StatusCode, body)
			}
			mustContain(t, c.name, body, c.want...)
			mustNotContain(t, c.name, body, c.not...)
		}
		_, body := b.get("/e-tjanster?lang=en")
		mustContain(t, "nav", body, `<a href="/e-tjanster" aria-current="page">E-tjänster</a>`)
	})
}

// TestServicePage checks a service's page: its facts, the other ways to
// do the errand and the privacy notice, a start button for whoever may
// start, and a login (that returns here) for whoever may not.
func TestServicePage(t *testing.T) {
	t.Parallel()
	fillEngines(t, fillOpts{}, func(t *testing.T, e *fillEnv) {
		anon := e.anonymous(t)
		_, body := anon.get("/e-tjanster/felanmalan")
		mustContain(t, "anonymous service", body, "Felanmälan gata och park", `action="/e-tjanster/felanmalan/starta"`,
			"Du kan göra ärendet utan att logga in", `href="/e-tjanster/felanmalan/blankett.pdf"`, `href="tel:&#43;4666088000"`,
			"Gatunämnden", "Allmänt intresse.", "Två år.", "Box 1")
		_, body = anon.get("/e-tjanster/bygglov")
		mustContain(t, "e-ID service", body, `href="/logga-in/invanare?next=%2Fe-tjanster%2Fbygglov"`, "tillitsnivå 3")
		mustNotContain(t, "e-ID service", body, `action="/e-tjanster/bygglov/starta"`)
		resp, _ := anon.post("/e-tjanster/bygglov/starta", nil)
		wantStatus(t, "start e-ID service anonymously", resp, "", http.StatusSeeOther, "/logga-in/invanare?next=%2Fe-tjanster%2Fbygglov")
		resp, _ = anon.post("/e-tjanster/synpunkt/starta", nil)
		wantStatus(t, "start login service anonymously", resp, "", http.StatusSeeOther, "/logga-in/invanare?next=%2Fe-tjanster%2Fsynpunkt")

		byMail := e.resident(t, "anna@example.se", auth.MethodEmail, identity.LoA1)
		_, body = byMail.get("/e-tjanster/bygglov")
		mustContain(t, "e-ID service, e-mail login", body, "kräver en säkrare inloggning")
		resp, _ = byMail.post("/e-tjanster/bygglov/starta", nil)
		wantStatus(t, "start e-ID service with e-mail login", resp, "", http.StatusSeeOther, "/logga-in/invanare")
		resp, _ = byMail.post("/e-tjanster/synpunkt/starta", nil)
		wantStatus(t, "start login service with e-mail login", resp, "", http.StatusSeeOther, "/e-tjanster/synpunkt/")

		eid := e.resident(t, "19121212-1212", auth.MethodEID, identity.LoA3)
		_, body = eid.get("/e-tjanster/bygglov")
		mustContain(t, "e-ID service, e-ID login", body, `action="/e-tjanster/bygglov/starta"`)
		resp, _ = eid.post("/e-tjanster/bygglov/starta", nil)
		wantStatus(t, "start e-ID service with e-ID", resp, "", http.StatusSeeOther, "/e-tjanster/bygglov/")

		for _, p := range []string{"/e-tjanster/finns-inte", "/e-tjanster/finns-inte/blankett.pdf", "/e-tjanster/felanmalan/annat.pdf"} {
			resp, body := anon.get(p)
			wantStatus(t, p, resp, body, http.StatusNotFound, "")
		}
		resp, _ = anon.post("/e-tjanster/finns-inte/starta", nil)
		wantStatus(t, "start unknown", resp, "", http.StatusNotFound, "")
	})
}
