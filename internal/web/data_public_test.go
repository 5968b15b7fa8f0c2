package web_test

import (
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"testing"

	"sprang/internal/store/storetest"
)

// TestDataSearch checks the dataset search: every published dataset and
// no draft or withdrawn one, the facets with their counts narrowing the
// results, sorting, paging parameters and junk searching harmlessly.
func TestDataSearch(t *testing.T) {
	t.Parallel()
	dataEngines(t, func(t *testing.T, e *dataEnv) {
		b := e.anonymous(t)
		for _, c := range []struct {
			name, query string
			want, not   []string
		}{
			{"all", "", []string{"Badplatser och vattenprover", "Lekplatser", "Avfallsmängder per år", "3 datamängder",
				`<label for="tema-ENVI">Miljö <span class="muted">(2)</span></label>`, `id="hvd"`, "Värdefull datamängd",
				`href="/data/catalog.rdf"`, `href="/data/om-api"`, `<a href="/data" aria-current="page">Öppna data</a>`},
				[]string{"Hemligt utkast", "Gamla mätningar"}},
			{"text", "?q=vattenprover", []string{"Badplatser och vattenprover", "1 datamängd för ”vattenprover”"},
				[]string{"Lekplatser", "Avfallsmängder per år"}},
			{"theme and high value", "?tema=ENVI&hvd=1", []string{"Avfallsmängder per år", `id="tema-ENVI" name="tema" value="ENVI" checked`,
				`id="hvd" name="hvd" value="1" checked`}, []string{"Badplatser och vattenprover", "Lekplatser</a>"}},
			{"publisher", "?utgivare=avfallsbolaget", []string{"Avfallsmängder per år", `value="avfallsbolaget" checked`},
				[]string{"Badplatser och vattenprover"}},
			{"format", "?format=PDF", []string{"Badplatser och vattenprover"}, []string{"Avfallsmängder per år", "Lekplatser</a>"}},
			{"licence", "?licens=CC-BY-4.0", []string{"Lekplatser</a>", "1 datamängd"}, []string{"Badplatser och vattenprover"}},
			{"no match", "?q=zzzyyyxxx", []string{"Inga datamängder hittades", "Inga datamängder matchar", `href="/data">Rensa`}, nil},
			{"junk", "?tema=XXX&utgivare=finns-inte&format=%ff&licens=x&sortering=illa&sida=-3&hvd=ja&q=" + url.QueryEscape(`") OR 1=1 --`), nil, nil},
			{"far page", "?sida=99", []string{"3 datamängder", `rel="prev"`}, []string{"Badplatser och vattenprover"}},
		} {
			resp, body := b.get("/data" + c.query)
			wantStatus(t, c.name, resp, body, http.StatusOK, "")
			mustContain(t, c.name, body, c.want...)
			mustNotContain(t, c.name, body, c.not...)
		}

		_, body := b.get("/data?sortering=title")
		if a, l := strings.Index(body, "Avfallsmängder per år"), strings.Index(body, ">Lekplatser<"); a < 0 || l < 0 || a > l {
			t.Errorf("sorted by title: Avfallsmängder at %d, Lekplatser at %d", a, l)
		}
		mustContain(t, "sorted by title", body, `<option value="title" selected>`)

		b.cookies["lang"] = "en"
		_, body = b.get("/data")
		mustContain(t, "English", body, "3 datasets", "Bathing places and water samples", `<a href="/data" aria-current="page">Open data</a>`,
			`lang="sv">Lekplatser</a>`, "Environment")
	})
}

// TestDatasetPage checks a dataset's page: its metadata, its
// distributions with downloads and versions, the API example; drafts
// hidden from all but the unit's data stewards; withdrawn datasets with a
// notice; unknown slugs not found and ids redirected to the slug.
func TestDatasetPage(t *testing.T) {
	t.Parallel()
	dataEngines(t, func(t *testing.T, e *dataEnv) {
		fx := e.fx
		anon := e.anonymous(t)
		resp, body := anon.get("/data/badplatser")
		wantStatus(t, "dataset", resp, body, http.StatusOK, "")
		rid := fx.bathingCSV
		mustContain(t, "dataset", body, "<h1>Badplatser och vattenprover</h1>", `href="/data/organisationer/miljo">Miljöförvaltningen</a>`,
			"Proverna tas varannan vecka.", `href="mailto:miljo@example.se"`, "Miljö, Hälsa", "bad, vattenkvalitet",
			`href="http://creativecommons.org/publicdomain/zero/1.0/">CC0 1.0`, "Månatligen", "1 maj 2024 – 30 september 2025",
			`href="/data/badplatser/resurser/`+rid+`/fil"`, `href="/datastore/dump/`+rid+`?format=csv"`,
			`href="/datastore/dump/`+rid+`?format=geojson"`, `href="/datastore/dump/`+rid+`?format=parquet"`,
			"Tabellen har 30 rader och 7 kolumner.", "Versioner av Vattenprover", "Version 2 (senaste)",
			`href="/data/badplatser/resurser/`+rid+`/fil?version=1"`, `href="/data/badplatser/resurser/`+rid+`?version=1"`,
			"curl &#39;"+dataBaseURL+"/api/3/action/package_show?id=badplatser&#39;",
			dataBaseURL+"/api/3/action/datastore_search?resource_id="+rid+"&amp;limit=5", "Provtagningsrutiner")
		mustNotContain(t, "dataset", body, "Utkast", "Tillbakadragen", "Värdefull datamängd")

		_, body = anon.get("/data/avfallsmangder")
		mustContain(t, "high-value dataset", body, "Värdefull datamängd", "Statistik", `href="http://data.europa.eu/eli/reg_impl/2023/138/oj"`,
			`href="/data/organisationer/avfallsbolaget"`, "Årligen")
		_, body = anon.get("/data/lekplatser")
		mustContain(t, "link dataset", body, `href="https://karta.example.se/lekplatser.geojson"`, "CC BY 4.0")

		resp, body = anon.get("/data/gamla-matningar")
		wantStatus(t, "withdrawn", resp, body, http.StatusOK, "")
		mustContain(t, "withdrawn", body, "Tillbakadragen", "Gamla mätningar")

		for _, who := range []string{"", "hugo"} {
			b := anon
			if who != "" {
				b = e.staff(t, who)
			}
			for _, p := range []string{"/data/hemligt-utkast", "/data/hemligt-utkast/resurser/" + fx.draftCSV,
				"/data/hemligt-utkast/resurser/" + fx.draftCSV + "/fil", "/data/finns-inte", "/data/badplatser/resurser/" + fx.linkID} {
				resp, body := b.get(p)
				wantStatus(t, "hidden "+p+" for "+who, resp, body, http.StatusNotFound, "")
				mustNotContain(t, "hidden "+p, body, "Hemligt utkast", "Ett utkast som bara")
			}
		}
		dan := e.staff(t, "dan")
		resp, body = dan.get("/data/hemligt-utkast")
		wantStatus(t, "draft for the steward", resp, body, http.StatusOK, "")
		mustContain(t, "draft for the steward", body, "Hemligt utkast", "<strong>Utkast</strong>")
		resp, _ = dan.get("/data/hemligt-utkast/resurser/" + fx.draftCSV + "/fil")
		wantStatus(t, "draft file for the steward", resp, "", http.StatusOK, "")
		if cc := resp.Header.Get("Cache-Control"); !strings.Contains(cc, "no-store") {
			t.Errorf("draft file: Cache-Control %q", cc)
		}

		resp, _ = anon.get("/data/" + fx.bathing.Dataset.ID)
		wantStatus(t, "by id", resp, "", http.StatusMovedPermanently, "/data/badplatser")
		anon.header.Set("Accept", "text/turtle")
		resp, body = anon.get("/data/badplatser")
		wantStatus(t, "as Turtle", resp, body, http.StatusOK, "")
		if ct := resp.Header.Get("Content-Type"); !strings.HasPrefix(ct, "text/turtle") || strings.Contains(body, "<html") {
			t.Errorf("asked for Turtle, got %s", ct)
		}
		anon.header.Del("Accept")

		anon.cookies["lang"] = "en"
		_, body = anon.get("/data/badplatser")
		mustContain(t, "English", body, "Bathing places and water samples", "Environment, Health", "bathing, water quality",
			"Download the table as CSV", `lang="sv">Miljöförvaltningen</span>`)
	})
}

// TestDataResourcePage checks a resource's page: the preview table paged,
// sorted and filtered through the URL, older versions, the quality report,
// load states, and a clear message (422) for parameters that do not fit.
func TestDataResourcePage(t *testing.T) {
	t.Parallel()
	dataEngines(t, func(t *testing.T, e *dataEnv) {
		fx := e.fx
		b := e.anonymous(t)
		page := "/data/badplatser/resurser/" + fx.bathingCSV
		for _, c := range []struct {
			name, query string
			status      int
			want, not   []string
		}{
			{"newest", "", 200, []string{"<h1>Vattenprover</h1>", "Rad 1–25 av 30.", `<caption id="preview-caption">Tabellens rader`, `rel="next"`,
				page + "?sida=2", "Prästsjön", "14,5", "Windows-1252", "semikolon (;)", "10,0\u00a0%", `<th scope="row" class="chart__num">17</th>`,
				"många", `href="` + page + `/fil"`, "Originalfilen (vattenprover.csv)", `href="/datastore/dump/` + fx.bathingCSV + `?format=json"`,
				`aria-labelledby="quality-columns-caption"`}, []string{"aria-sort", "Gamla badet", `rel="prev"`}},
			{"second page", "?sida=2", 200, []string{"Rad 26–30 av 30.", `rel="prev"`}, []string{`rel="next"`}},
			{"sorted", "?sortera=" + url.QueryEscape("Temperatur (°C) desc"), 200,
				[]string{`aria-sort="descending"`, "Rad 1–25 av 30.", "sortera stigande",
					"sortera=Temperatur&#43;%28%C2%B0C%29\"", `<input type="hidden" name="sortera" value="Temperatur (°C) desc">`},
				[]string{"<td class=\"chart__num\">14,5</td>"}},
			{"filtered", "?kolumn=Badplats&varde=Norrbadet", 200, []string{"Rad 1–10 av 10.", `<option value="Badplats" selected>`,
				`value="Norrbadet"`, "Rensa filtret"}, []string{"<td>Prästsjön</td>"}},
			{"filtered by a decimal comma", "?kolumn=" + url.QueryEscape("Temperatur (°C)") + "&varde=" + url.QueryEscape("18,5"), 200,
				[]string{"Rad 1–1 av 1.", "<td>Prästsjön</td>"}, nil},
			{"searched", "?q=gullviksbadet", 200, []string{"Rad 1–10 av 10."}, []string{"<td>Norrbadet</td>"}},
			{"no rows", "?kolumn=Badplats&varde=Ingenstans", 200, []string{"Inga rader matchar."}, []string{`<caption id="preview-caption">`}},
			{"bad sort", "?sortera=Finns+inte", 422, []string{"Finns inte", "Klicka på en kolumnrubrik", `href="#preview"`},
				[]string{"<td>Norrbadet</td>"}},
			{"bad value", "?kolumn=E.+coli&varde=m%C3%A5nga", 422, []string{`id="varde-error"`, "många", `aria-invalid="true"`, `href="#varde"`},
				[]string{"<td>Norrbadet</td>"}},
			{"unknown column", "?kolumn=Finns&varde=1", 422, []string{`id="kolumn-error"`, "Välj en av tabellens kolumner"}, nil},
			{"older version", "?version=1", 200, []string{"Gamla badet", "Du ser version 1", "Visa den senaste versionen",
				`href="` + page + `/fil?version=1"`, "Visas nu", "Originalfilen (vattenprover-2024.csv)",
				`href="/datastore/dump/` + fx.bathingCSV + `?format=csv&amp;version=1"`}, []string{"Prästsjön"}},
			{"older version sorted", "?version=1&sortera=Badplats", 200, []string{"Gamla badet", `aria-sort="ascending"`,
				"?sortera=Badplats&#43;desc&amp;version=1"}, nil},
		} {
			resp, body := b.get(page + c.query)
			wantStatus(t, c.name, resp, body, c.status, "")
			mustContain(t, c.name, body, c.want...)
			mustNotContain(t, c.name, body, c.not...)
		}
		for _, q := range []string{"?version=9", "?version=abc", "?version=0", "?version=-1"} {
			resp, body := b.get(page + q)
			wantStatus(t, "version "+q, resp, body, http.StatusNotFound, "")
			mustContain(t, "version "+q, body, "Den versionen av filen finns inte")
		}
		for _, c := range []struct{ name, path, want string }{
			{"link", "/data/lekplatser/resurser/" + fx.linkID, `<a href="https://karta.example.se/lekplatser.geojson">`},
			{"pending", "/data/avfallsmangder/resurser/" + fx.wasteCSV, "Filen väntar på att läsas in"},
			{"not a table", "/data/badplatser/resurser/" + fx.bathingPDF, "Filen är ingen tabell"},
		} {
			resp, body := b.get(c.path)
			wantStatus(t, c.name, resp, body, http.StatusOK, "")
			mustContain(t, c.name, body, c.want)
		}
		b.cookies["lang"] = "en"
		_, body := b.get(page + "?kolumn=" + url.QueryEscape("Temperatur (°C)") + "&varde=18.5")
		mustContain(t, "English", body, "Rows 1–1 of 1.", "18.5", "Data quality")
	})
}

// TestDataResourceFile checks the file download: the newest version and
// older ones as uploaded, with media type, name, size and checksum, a 304
// for a known ETag, and not found for versions and resources that are not
// there.
func TestDataResourceFile(t *testing.T) {
	t.Parallel()
	dataEngines(t, func(t *testing.T, e *dataEnv) {
		fx := e.fx
		b := e.anonymous(t)
		file := "/data/badplatser/resurser/" + fx.bathingCSV + "/fil"
		resp, body := b.get(file)
		wantStatus(t, "newest", resp, body, http.StatusOK, "")
		if body != string(fx.csvV2) {
			t.Errorf("newest file:\n%q\nwant\n%q", body, fx.csvV2)
		}
		up := fx.bathing.Distributions[0]
		for h, want := range map[string]string{"Content-Type": "text/csv", "Content-Disposition": `attachment; filename=vattenprover.csv`,
			"Content-Length": strconv.Itoa(len(fx.csvV2)), "ETag": `"` + up.Checksum + `"`, "Access-Control-Allow-Origin": "*"} {
			if got := resp.Header.Get(h); got != want {
				t.Errorf("%s = %q, want %q", h, got, want)
			}
		}
		b.header.Set("If-None-Match", `"`+up.Checksum+`"`)
		resp, _ = b.get(file)
		wantStatus(t, "If-None-Match", resp, "", http.StatusNotModified, "")
		b.header.Del("If-None-Match")

		resp, body = b.get(file + "?version=1")
		wantStatus(t, "version 1", resp, body, http.StatusOK, "")
		if body != string(fx.csvV1) {
			t.Errorf("version 1:\n%q\nwant\n%q", body, fx.csvV1)
		}
		mustContain(t, "version 1 name", resp.Header.Get("Content-Disposition"), "vattenprover-2024.csv")
		for _, p := range []string{file + "?version=3", file + "?version=x", "/data/lekplatser/resurser/" + fx.linkID + "/fil",
			"/data/badplatser/resurser/finns-inte/fil"} {
			resp, body := b.get(p)
			wantStatus(t, p, resp, body, http.StatusNotFound, "")
		}
	})
}

// TestDataOrganizations checks the publishers' list and a publisher's
// page: counts of published datasets only, the organisation number (the
// group's for a förvaltning), and not found for an unknown unit.
func TestDataOrganizations(t *testing.T) {
	t.Parallel()
	dataEngines(t, func(t *testing.T, e *dataEnv) {
		b := e.anonymous(t)
		resp, body := b.get("/data/organisationer")
		wantStatus(t, "list", resp, body, http.StatusOK, "")
		mustContain(t, "list", body, `<a href="/data/organisationer/miljo">Miljöförvaltningen</a>`, `<td class="chart__num">2</td>`,
			`<a href="/data/organisationer/avfallsbolaget">Avfallsbolaget AB</a>`, "Kommunalt bolag", "<caption>")
		mustNotContain(t, "list", body, "Kommunkoncernen")

		resp, body = b.get("/data/organisationer/miljo")
		wantStatus(t, "unit", resp, body, http.StatusOK, "")
		mustContain(t, "unit", body, "<h1>Miljöförvaltningen</h1>", "212000-2411", "Kommunkoncernen", "2 datamängder",
			"Badplatser och vattenprover", "Lekplatser", `href="/data?utgivare=miljo"`)
		mustNotContain(t, "unit", body, "Hemligt utkast", "Gamla mätningar", "Avfallsmängder")

		_, body = b.get("/data/organisationer/avfallsbolaget")
		mustContain(t, "company", body, "556493-5137", "1 datamängd", "Avfallsmängder per år", "Kommunalt bolag")
		_, body = b.get("/data/organisationer/kommunen")
		mustContain(t, "no datasets", body, "Inga datamängder hittades", "inte publicerat några")

		resp, body = b.get("/data/organisationer/finns-inte")
		wantStatus(t, "unknown", resp, body, http.StatusNotFound, "")
	})
}

// TestDataAbout checks the page about the API: the examples with the
// platform's address, tokens, limits, OpenAPI and the feeds, in both
// languages, and that the anonymous page comes from the page cache.
func TestDataAbout(t *testing.T) {
	t.Parallel()
	e := newDataEnv(t, storetest.Engines()[0])
	b := e.anonymous(t)
	resp, body := b.get("/data/om-api")
	wantStatus(t, "about", resp, body, http.StatusOK, "")
	mustContain(t, "about", body, "curl &#39;"+dataBaseURL+"/api/3/action/package_search?q=vatten&amp;rows=10&#39;",
		"--data-urlencode &#39;filters={&#34;Område&#34;: &#34;Domsjö&#34;}&#39;", "sort=Temperatur (°C) desc",
		dataBaseURL+"/datastore/dump/RESURS-ID?format=csv", `href="/personal/api-nycklar"`, `href="/api/3/openapi.json"`,
		`href="/data/catalog.rdf"`, "dataportal.se", "RateLimit", "429", "<caption>API:ets åtgärder</caption>", "datastore_search")
	_, again := b.get("/data/om-api")
	if again != body {
		t.Error("the cached page differs from the first")
	}
	b.cookies["lang"] = "en"
	_, body = b.get("/data/om-api")
	mustContain(t, "English", body, "About the open data API", "RESOURCE-ID", "YOUR-TOKEN")
}
