package web

import (
	"cmp"
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"sprang/internal/i18n"
	"sprang/internal/identity"
	"sprang/internal/opendata"
)

// dataPageSize is how many datasets a page of search results lists.
const dataPageSize = 20

// excerptRunes is how long a result's description excerpt is at most.
const excerptRunes = 220

// The search's URL parameters.
const (
	paramText      = "q"
	paramTheme     = "tema"
	paramPublisher = "utgivare"
	paramFormat    = "format"
	paramLicence   = "licens"
	paramHVD       = "hvd"
	paramSort      = "sortering"
	paramPage      = "sida"
)

// dataSorts are the search's orders, as the sort parameter names them.
var dataSorts = []string{"relevance", "title", "modified"}

// dataSearchPage is the dataset search: the search form with its facets
// and the page of results.
type dataSearchPage struct {
	Query     string
	Heading   string // how many datasets were found
	Sorts     []dataOption
	Facets    []dataFacet
	HighValue dataFacetValue
	Results   []dataResult
	Total     int
	From, To  int
	Prev      string
	Next      string
	Filtered  bool // a search text or a facet is chosen
}

// dataOption is one option of a select.
type dataOption struct {
	Value, Label string
	Selected     bool
}

// dataFacet is one facet of the search: a group of checkboxes.
type dataFacet struct {
	Legend string
	Values []dataFacetValue
}

// dataFacetValue is one checkbox of a facet: the parameter it sets, its
// value, label and the number of matching datasets that have it.
type dataFacetValue struct {
	ID, Param, Value string
	Label            langText
	Count            int
	Checked          bool
}

// dataResult is one dataset in a list of results.
type dataResult struct {
	Href        string
	Title       langText
	Excerpt     langText
	Publisher   langText
	Formats     []string
	HighValue   bool
	Draft       bool
	Modified    time.Time
	HasModified bool
}

// dataSearch is a parsed search: the query for the store and the values
// the form shows as chosen.
type dataSearch struct {
	q       opendata.DatasetQuery
	units   map[int64]identity.Unit // every unit, by id
	chosen  map[string][]string     // parameter → chosen values, as in the URL
	page    int
	sortSet string
}

// handleDataSearch shows the dataset search: every published dataset, or
// those matching the search text and the chosen facets, in the chosen
// order, a page at a time.
func (s *Server) handleDataSearch(w http.ResponseWriter, r *http.Request) {
	s.renderData(w, r, "data_search", func(v *view) error {
		tree, err := s.auth.Tree(r.Context())
		if err != nil {
			return err
		}
		ds := parseDataSearch(r.URL.Query(), tree, string(v.Lang))
		found, err := s.db.SearchDatasets(r.Context(), ds.q)
		if err != nil {
			return err
		}
		v.Title = v.T("data.search.title")
		v.with(searchPageOf(v, ds, found))
		return nil
	})
}

// parseDataSearch reads the search from the URL. Values that name nothing
// (an unknown theme, unit, format or licence) are left out, and a page
// number that is not one is the first page, so any URL searches.
func parseDataSearch(query url.Values, tree *identity.Tree, lang string) dataSearch {
	ds := dataSearch{units: map[int64]identity.Unit{}, chosen: map[string][]string{}, page: 1}
	for _, n := range tree.Walk() {
		ds.units[n.ID] = n.Unit
	}
	ds.q = opendata.DatasetQuery{Text: searchText(query.Get(paramText)), Lang: lang, Limit: dataPageSize}
	for _, code := range query[paramTheme] {
		if t, ok := opendata.FindTerm(opendata.Themes, code); ok && !slices.Contains(ds.q.Themes, t.IRI) {
			ds.q.Themes = append(ds.q.Themes, t.IRI)
			ds.chosen[paramTheme] = append(ds.chosen[paramTheme], t.Code)
		}
	}
	for _, slug := range query[paramPublisher] {
		for id, u := range ds.units {
			if u.Slug == slug && !slices.Contains(ds.q.Publishers, id) {
				ds.q.Publishers = append(ds.q.Publishers, id)
				ds.chosen[paramPublisher] = append(ds.chosen[paramPublisher], slug)
			}
		}
	}
	for _, code := range query[paramFormat] {
		if f, ok := opendata.FindFileType(code); ok && f.Code == code && !slices.Contains(ds.q.Formats, code) {
			ds.q.Formats = append(ds.q.Formats, code)
			ds.chosen[paramFormat] = append(ds.chosen[paramFormat], code)
		}
	}
	for _, code := range query[paramLicence] {
		if t, ok := opendata.FindTerm(opendata.Licences, code); ok && !slices.Contains(ds.q.Licences, t.IRI) {
			ds.q.Licences = append(ds.q.Licences, t.IRI)
			ds.chosen[paramLicence] = append(ds.chosen[paramLicence], t.Code)
		}
	}
	ds.q.HighValue = query.Get(paramHVD) == "1"
	if sort := query.Get(paramSort); slices.Contains(dataSorts, sort) {
		ds.sortSet = sort
		ds.q.Sort = sort
	}
	if n, err := strconv.Atoi(query.Get(paramPage)); err == nil && n > 1 && n <= 10000 {
		ds.page = n
	}
	ds.q.Offset = (ds.page - 1) * dataPageSize
	return ds
}

// url returns the search's URL with the page set to page (1 leaves it out).
func (ds dataSearch) url(page int) string {
	q := url.Values{}
	if ds.q.Text != "" {
		q.Set(paramText, ds.q.Text)
	}
	for _, p := range []string{paramTheme, paramPublisher, paramFormat, paramLicence} {
		for _, val := range ds.chosen[p] {
			q.Add(p, val)
		}
	}
	if ds.q.HighValue {
		q.Set(paramHVD, "1")
	}
	if ds.sortSet != "" {
		q.Set(paramSort, ds.sortSet)
	}
	if page > 1 {
		q.Set(paramPage, strconv.Itoa(page))
	}
	if len(q) == 0 {
		return "/data"
	}
	return "/data?" + q.Encode()
}

// searchPageOf builds the search page from the store's answer.
func searchPageOf(v *view, ds dataSearch, found opendata.DatasetPage) dataSearchPage {
	p := dataSearchPage{Query: ds.q.Text, Total: found.Total, Results: dataResults(v, found.Entries)}
	p.Filtered = ds.q.Text != "" || len(ds.chosen) > 0 || ds.q.HighValue
	p.Heading = datasetCount(v, found.Total)
	if ds.q.Text != "" {
		p.Heading = v.T("data.search.count_for", p.Heading, ds.q.Text)
	}
	sort := ds.sortSet
	if sort == "" {
		sort = "modified"
		if ds.q.Text != "" {
			sort = "relevance"
		}
	}
	for _, s := range dataSorts {
		p.Sorts = append(p.Sorts, dataOption{Value: s, Label: v.T("data.search.sort." + s), Selected: s == sort})
	}
	p.Facets = []dataFacet{
		themeFacet(v, ds, found.Themes),
		publisherFacet(v, ds, found.Publishers),
		formatFacet(v, ds, found.Formats),
		licenceFacet(v, ds, found.Licences),
	}
	p.HighValue = dataFacetValue{ID: "hvd", Param: paramHVD, Value: "1", Label: langText{Text: v.T("data.search.hvd_only")},
		Count: found.HighValue, Checked: ds.q.HighValue}
	if len(p.Results) > 0 {
		p.From, p.To = ds.q.Offset+1, ds.q.Offset+len(p.Results)
	}
	if ds.page > 1 {
		p.Prev = ds.url(ds.page - 1)
	}
	if ds.q.Offset+len(p.Results) < found.Total {
		p.Next = ds.url(ds.page + 1)
	}
	return p
}

// dataResults builds the list items of entries.
func dataResults(v *view, entries []opendata.Entry) []dataResult {
	out := make([]dataResult, 0, len(entries))
	for _, e := range entries {
		d := e.Dataset
		res := dataResult{Href: datasetPath(d.Slug), Title: v.inLang(d.TitleSV, d.TitleEN),
			Excerpt: v.inLang(excerpt(d.DescriptionSV), excerpt(d.DescriptionEN)), Publisher: v.publisherName(e.Publisher),
			HighValue: d.HighValue(), Draft: d.State == opendata.Draft, Modified: d.UpdatedAt, HasModified: !d.UpdatedAt.IsZero()}
		for _, dist := range e.Distributions {
			if f := formatName(dist.Format); f != "" && !slices.Contains(res.Formats, f) {
				res.Formats = append(res.Formats, f)
			}
		}
		out = append(out, res)
	}
	return out
}

// excerpt returns the first paragraph of a description, cut at a word
// near excerptRunes with an ellipsis.
func excerpt(s string) string {
	paras := paragraphs(s)
	if len(paras) == 0 {
		return ""
	}
	p := strings.Join(strings.Fields(paras[0]), " ")
	if utf8.RuneCountInString(p) <= excerptRunes {
		return p
	}
	cut := string([]rune(p)[:excerptRunes])
	if i := strings.LastIndexByte(cut, ' '); i > excerptRunes/2 {
		cut = cut[:i]
	}
	return strings.TrimRight(cut, " ,.;:") + "…"
}

// facetValues builds a facet's checkboxes from the store's counts: every
// value with a count, and the chosen values even without one (so they can
// be unchosen), the most common first and then by label.
func facetValues(param string, counts []opendata.FacetCount, chosen []string, label func(value string) (code string, l langText)) []dataFacetValue {
	var out []dataFacetValue
	seen := map[string]bool{}
	add := func(value string, n int) {
		code, l := label(value)
		if code == "" || seen[code] {
			return
		}
		seen[code] = true
		out = append(out, dataFacetValue{ID: param + "-" + code, Param: param, Value: code, Label: l, Count: n, Checked: slices.Contains(chosen, code)})
	}
	for _, c := range counts {
		if c.Count > 0 {
			add(c.Value, c.Count)
		}
	}
	for _, c := range chosen {
		add(c, 0)
	}
	slices.SortStableFunc(out, func(a, b dataFacetValue) int {
		return cmp.Or(cmp.Compare(b.Count, a.Count), i18n.Compare(a.Label.Text, b.Label.Text))
	})
	return out
}

// themeFacet is the facet of EU data themes.
func themeFacet(v *view, ds dataSearch, counts []opendata.FacetCount) dataFacet {
	return dataFacet{Legend: v.T("data.facet.theme"), Values: facetValues(paramTheme, counts, ds.chosen[paramTheme],
		func(value string) (string, langText) {
			t, ok := opendata.FindTerm(opendata.Themes, value)
			if !ok {
				return "", langText{}
			}
			return t.Code, langText{Text: t.Label(string(v.Lang))}
		})}
}

// publisherFacet is the facet of publishing units, named by their slugs.
func publisherFacet(v *view, ds dataSearch, counts []opendata.FacetCount) dataFacet {
	bySlug := map[string]identity.Unit{}
	for _, u := range ds.units {
		bySlug[u.Slug] = u
	}
	slugs := make([]opendata.FacetCount, 0, len(counts)) // the store counts unit ids
	for _, c := range counts {
		if id, err := strconv.ParseInt(c.Value, 10, 64); err == nil {
			if u, ok := ds.units[id]; ok {
				slugs = append(slugs, opendata.FacetCount{Value: u.Slug, Count: c.Count})
			}
		}
	}
	return dataFacet{Legend: v.T("data.facet.publisher"), Values: facetValues(paramPublisher, slugs, ds.chosen[paramPublisher],
		func(slug string) (string, langText) {
			u, ok := bySlug[slug]
			if !ok {
				return "", langText{}
			}
			return u.Slug, v.UnitName(u)
		})}
}

// formatFacet is the facet of distribution formats.
func formatFacet(v *view, ds dataSearch, counts []opendata.FacetCount) dataFacet {
	return dataFacet{Legend: v.T("data.facet.format"), Values: facetValues(paramFormat, counts, ds.chosen[paramFormat],
		func(value string) (string, langText) {
			f, ok := opendata.FindFileType(value)
			if !ok {
				return "", langText{}
			}
			return f.Code, langText{Text: formatName(f.Code)}
		})}
}

// licenceFacet is the facet of licences.
func licenceFacet(v *view, ds dataSearch, counts []opendata.FacetCount) dataFacet {
	return dataFacet{Legend: v.T("data.facet.licence"), Values: facetValues(paramLicence, counts, ds.chosen[paramLicence],
		func(value string) (string, langText) {
			t, ok := opendata.FindTerm(opendata.Licences, value)
			if !ok {
				return "", langText{}
			}
			return t.Code, langText{Text: t.Label(string(v.Lang))}
		})}
}

// formatName returns how a page names a file-type code: "RDF/XML" for
// RDF_XML, the code itself otherwise.
func formatName(code string) string {
	switch code {
	case "RDF_XML":
		return "RDF/XML"
	case "RDF_TURTLE":
		return "Turtle"
	case "GEOJSON":
		return "GeoJSON"
	case "PARQUET":
		return "Parquet"
	}
	return code
}

// datasetCount says how many datasets there are: "1 datamängd", "12
// datamängder", "Inga datamängder".
func datasetCount(v *view, n int) string {
	switch n {
	case 0:
		return v.T("data.count.none")
	case 1:
		return v.T("data.count.one")
	}
	return v.T("data.count.many", i18n.Number(v.Lang, int64(n)))
}

// DatasetCount is datasetCount for templates.
func (v *view) DatasetCount(n int) string { return datasetCount(v, n) }
