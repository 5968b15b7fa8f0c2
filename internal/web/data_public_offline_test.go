package web_test

import (
	"net/http"
	"strings"
	"testing"

	"sprang/internal/config"
	"sprang/internal/opendata"
	"sprang/internal/store/storetest"
)

// TestDataWithdrawnOffline checks that a withdrawn dataset goes offline:
// the public sees its page with the notice and its metadata, but no
// resources, downloads, preview or API example, and its resource pages
// and files (every version) are not found; the data stewards of its unit
// still see and download everything, uncached.
func TestDataWithdrawnOffline(t *testing.T) {
	t.Parallel()
	dataEngines(t, func(t *testing.T, e *dataEnv) {
		fx := e.fx
		if err := e.db.SetDatasetState(t.Context(), fx.bathing.Dataset.ID, opendata.Withdrawn, e.db.Now()); err != nil {
			t.Fatal(err)
		}
		page := "/data/badplatser"
		res := page + "/resurser/" + fx.bathingCSV
		data := []string{res, res + "?version=1", res + "?sortera=Badplats", res + "/fil", res + "/fil?version=1",
			page + "/resurser/" + fx.bathingPDF, page + "/resurser/" + fx.bathingPDF + "/fil"}

		for _, who := range []string{"", "hugo"} {
			b := e.anonymous(t)
			if who != "" {
				b = e.staff(t, who)
			}
			resp, body := b.get(page)
			wantStatus(t, "withdrawn page for "+who, resp, body, http.StatusOK, "")
			mustContain(t, "withdrawn page for "+who, body, "<strong>Tillbakadragen</strong>", "<h1>Badplatser och vattenprover</h1>",
				"Miljöenheten", "Filerna och tabellerna i en tillbakadragen datamängd går inte att ladda ner")
			mustNotContain(t, "withdrawn page for "+who, body, "/resurser/", "/datastore/dump/", "Vattenprover", "Förhandsvisning",
				"Tabellens första rader", "datastore_search", "package_show")
			for _, p := range data {
				resp, body := b.get(p)
				wantStatus(t, "withdrawn "+p+" for "+who, resp, body, http.StatusNotFound, "")
			}
		}

		dan := e.staff(t, "dan")
		_, body := dan.get(page)
		mustContain(t, "withdrawn page for its steward", body, "<strong>Tillbakadragen</strong>", `href="`+res+`/fil"`,
			"/datastore/dump/"+fx.bathingCSV, "Förhandsvisning av", "Tabellens första rader")
		for _, p := range data {
			resp, body := dan.get(p)
			wantStatus(t, "withdrawn "+p+" for its steward", resp, body, http.StatusOK, "")
			if strings.Contains(p, "/fil") {
				if cc := resp.Header.Get("Cache-Control"); cc != "private, no-store" || resp.Header.Get("Access-Control-Allow-Origin") != "" {
					t.Errorf("withdrawn %s for its steward: Cache-Control %q, CORS %q", p, cc, resp.Header.Get("Access-Control-Allow-Origin"))
				}
			}
		}
	})
}

// TestDatasetPagePreview checks the dataset page's preview of its first
// loaded table: its first ten rows, column headers that sort on the
// resource's page, the link to all rows, and the full quality report with
// numbers written in the page's language; and the accessible names of
// its scrolling tables.
func TestDatasetPagePreview(t *testing.T) {
	t.Parallel()
	dataEngines(t, func(t *testing.T, e *dataEnv) {
		res := "/data/badplatser/resurser/" + e.fx.bathingCSV
		b := e.anonymous(t)
		resp, body := b.get("/data/badplatser")
		wantStatus(t, "dataset", resp, body, http.StatusOK, "")
		mustContain(t, "dataset", body, `<h2 id="forhandsvisning">Förhandsvisning av <span>Vattenprover</span></h2>`, "Rad 1–10 av 30.",
			`<div class="table-wrap" tabindex="0" role="region" aria-labelledby="preview-caption">`,
			`<caption id="preview-caption">Tabellens första rader`,
			`<a href="`+res+`?sortera=Badplats#preview">Badplats<span class="visually-hidden"> – sortera stigande</span></a>`,
			`<a href="`+res+`#preview">Visa alla rader, filtrera och sortera`, "<td>Norrbadet</td>", `<td class="chart__num">14,5</td>`,
			`<h3 id="kvalitet">Datakvalitet</h3>`, "Windows-1252", `aria-labelledby="quality-columns-caption"`, "<td>14,5</td>\n<td>29</td>",
			`aria-labelledby="quality-problems-caption"`, "många",
			`<div class="table-wrap" tabindex="0" role="region" aria-labelledby="versions-`+e.fx.bathingCSV+`">`)
		preview := body[strings.Index(body, `id="preview-caption"`):]
		preview = preview[:strings.Index(preview, "</table>")]
		if n := strings.Count(preview, "<tr><td"); n != 10 {
			t.Errorf("the dataset page's preview has %d rows, want 10", n)
		}
		mustNotContain(t, "dataset", body, `rel="next"`, "<td>14.5</td>")
		if i, j := strings.Index(body, `id="forhandsvisning"`), strings.Index(body, `id="kvalitet"`); i < 0 || j < i {
			t.Error("the quality report is not under the preview")
		}

		b.cookies["lang"] = "en"
		_, body = b.get("/data/badplatser")
		mustContain(t, "English", body, "Preview of", "Show all rows, filter and sort", "<td>14.5</td>\n<td>29</td>")

		// The resource page: the title before the error summary, the
		// preview's region named by its caption.
		b.cookies["lang"] = "sv"
		resp, body = b.get(res + "?sortera=Finns+inte")
		wantStatus(t, "bad sort", resp, body, http.StatusUnprocessableEntity, "")
		if h, s := strings.Index(body, "<h1"), strings.Index(body, `class="error-summary"`); h < 0 || s < 0 || h > s {
			t.Errorf("resource page: <h1> at %d, error summary at %d; the title must come first", h, s)
		}
		_, body = b.get(res)
		mustContain(t, "resource", body, `<div class="table-wrap" tabindex="0" role="region" aria-labelledby="preview-caption">`,
			"<td>14,5</td>\n<td>29</td>")
	})
}

// TestDataSearchLandmark checks that only the search field is the search
// landmark, and that the facets and sorting, in the same form, still
// work without it.
func TestDataSearchLandmark(t *testing.T) {
	t.Parallel()
	dataEngines(t, func(t *testing.T, e *dataEnv) {
		_, body := e.anonymous(t).get("/data?tema=ENVI&sortering=title")
		mustContain(t, "search", body, `<form method="get" action="/data">`, `<div role="search" aria-label="Sök datamängder">`,
			`id="tema-ENVI" name="tema" value="ENVI" checked`, `<option value="title" selected>`)
		if strings.Count(body, `role="search"`) != 1 {
			t.Error("the search page has more than one search landmark")
		}
		landmark := body[strings.Index(body, `role="search"`):]
		landmark = landmark[:strings.Index(landmark, "</div>\n</div>")]
		if strings.Contains(landmark, "data-facet") || strings.Contains(landmark, "traffar") {
			t.Error("the search landmark holds the facets or the results")
		}
	})
}

// TestDataRoutesRateLimited checks that the web routes that read data —
// the catalogue feeds, a resource's preview and its file — count against
// the API's rate limit: they carry its RateLimit fields, and a client
// over the limit gets a 429 with Retry-After; the other pages do not.
func TestDataRoutesRateLimited(t *testing.T) {
	t.Parallel()
	for _, eng := range storetest.Engines() {
		t.Run(string(eng), func(t *testing.T) {
			t.Parallel()
			e := newDataEnvWith(t, eng, func(c *config.Config) { c.APIAnonPerMinute = 3 })
			res := "/data/badplatser/resurser/" + e.fx.bathingCSV
			for _, p := range []string{"/data/catalog.ttl", "/data/catalog.rdf", "/data/catalog.jsonld", res, res + "?sortera=Badplats", res + "/fil"} {
				resp, body := e.anonymous(t).get(p) // one client, one bucket: the later paths are over the limit
				if resp.StatusCode != http.StatusTooManyRequests {
					wantStatus(t, p, resp, body, http.StatusOK, "")
				}
				if resp.Header.Get("RateLimit") == "" || resp.Header.Get("RateLimit-Policy") == "" {
					t.Errorf("%s: no RateLimit fields", p)
				}
			}
			resp, body := e.anonymous(t).get(res + "/fil")
			wantStatus(t, "over the limit", resp, body, http.StatusTooManyRequests, "")
			if resp.Header.Get("Retry-After") == "" {
				t.Error("over the limit: no Retry-After")
			}
			for _, p := range []string{"/data", "/data/badplatser", "/data/om-api"} {
				resp, body := e.anonymous(t).get(p)
				wantStatus(t, p+" over the limit", resp, body, http.StatusOK, "")
				if resp.Header.Get("RateLimit") != "" {
					t.Errorf("%s: counted against the API's limit", p)
				}
			}
		})
	}
}
