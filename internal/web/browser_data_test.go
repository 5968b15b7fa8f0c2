package web_test

import (
	"io"
	"net/http"
	"net/url"
	"regexp"
	"testing"
	"time"

	"sprang/internal/files"
	"sprang/internal/store"
)

// uiDataPrefix begins the slugs of the datasets seedOpenDataUI adds, so
// they never meet the demo's own.
const uiDataPrefix = "test-"

// uiPagesData returns the browser test rows of the public open data
// pages: the search (with facets chosen too), datasets in each state, a
// resource's preview filtered and sorted (by its URL and by its form),
// with a parameter that does not fit, at an older version, a link and a
// file still waiting to be loaded; the publishers and the page about the
// API.
func uiPagesData(e *uiEnv) []uiPage {
	bathing := "/data/" + uiDataPrefix + "badplatser"
	csv := bathing + "/resurser/" + e.dataResource(bathing)
	link := "/data/" + uiDataPrefix + "lekplatser"
	waste := "/data/" + uiDataPrefix + "avfallsmangder"
	sorted := url.Values{"kolumn": {"Badplats"}, "varde": {"Norrbadet"}, "sortera": {"Temperatur (°C) desc"}}
	return []uiPage{
		{name: "open data search", steps: open("/data")},
		{name: "open data search with facets", steps: open("/data?q=vatten&tema=ENVI&format=CSV&sortering=title")},
		{name: "open data search by form", steps: open("/data", submit(`form[action="/data"]`, "q", "lekplatser"))},
		{name: "open data search, nothing found", steps: open("/data?q=zzzyyyxxx&hvd=1")},
		{name: "dataset", steps: open(bathing)},
		{name: "dataset high-value", steps: open(waste)},
		{name: "dataset withdrawn", steps: open("/data/" + uiDataPrefix + "gamla-matningar")},
		{name: "dataset draft for the steward", as: "data", steps: open("/data/" + uiDataPrefix + "hemligt-utkast")},
		{name: "dataset draft hidden", steps: open("/data/" + uiDataPrefix + "hemligt-utkast"), status: 404},
		{name: "resource", steps: open(csv)},
		{name: "resource filtered and sorted", steps: open(csv + "?" + sorted.Encode())},
		{name: "resource filtered by form", steps: open(csv, submit("form.data-filter", "varde", "Gullviksbadet"))},
		{name: "resource bad filter", steps: open(csv + "?kolumn=E.+coli&varde=m%C3%A5nga"), status: 422},
		{name: "resource bad sort", steps: open(csv + "?sortera=Finns+inte"), status: 422},
		{name: "resource older version", steps: open(csv + "?version=1")},
		{name: "resource link", steps: open(link + "/resurser/" + e.dataResource(link))},
		{name: "resource pending", steps: open(waste + "/resurser/" + e.dataResource(waste))},
		{name: "publishers", steps: open("/data/organisationer")},
		{name: "publisher", steps: open("/data/organisationer/samhallsbyggnad")},
		{name: "about the API", steps: open("/data/om-api")},
	}
}

// dataResourceRE finds the first resource on a dataset's page.
var dataResourceRE = regexp.MustCompile(`href="/data/[a-z0-9-]+/resurser/([0-9a-f-]+)[/"?]`)

// dataResource returns the id of the first resource on the dataset page
// at path, read from the page, or "saknas" (which the page's row then
// finds missing) when there is none.
func (e *uiEnv) dataResource(path string) string {
	c := &http.Client{Timeout: 30 * time.Second}
	resp, err := c.Get(e.base + path)
	if err != nil {
		return "saknas"
	}
	defer func() { _ = resp.Body.Close() }()
	body, _ := io.ReadAll(resp.Body)
	if m := dataResourceRE.FindSubmatch(body); m != nil {
		return string(m[1])
	}
	return "saknas"
}

// seedOpenDataUI adds the datasets the open data pages show (see
// seedOpenData), published by the demo's Samhällsbyggnadsförvaltningen
// and Miva AB, with their slugs prefixed uiDataPrefix.
func seedOpenDataUI(t *testing.T, db *store.DB, fs *files.Store) {
	t.Helper()
	unit, err := db.FindUnitBySlug(t.Context(), "samhallsbyggnad")
	if err != nil {
		t.Fatal(err)
	}
	company, err := db.FindUnitBySlug(t.Context(), "avfall")
	if err != nil {
		t.Fatal(err)
	}
	seedOpenData(t, db, fs, uiDataPrefix, unit, company)
}
