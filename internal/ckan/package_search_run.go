package ckan

import (
	"cmp"
	"slices"
	"strconv"
	"strings"

	"sprang/internal/i18n"
	"sprang/internal/opendata"
)

// facetCounts are the counts of each facet field, by CKAN's value of the
// facet (an organization's name, a licence's id, a theme's IRI, a format's
// code, a tag).
type facetCounts map[string][]opendata.FacetCount

// maxScan caps how many datasets a search that filters here reads.
const maxScan = 100_000

// storeSort returns the store's order for s's sort, and whether the
// store can sort so.
func (s *search) storeSort() (string, bool) {
	if len(s.sortKeys) == 0 {
		return "", true
	}
	k := s.sortKeys[0]
	switch {
	case k.field == "score" && k.desc:
		return "relevance", true
	case k.field == "metadata_modified" && k.desc:
		return "modified", true
	case k.field == "metadata_created" && k.desc:
		return "created", true
	case (k.field == "title_string" || k.field == "title") && !k.desc:
		return "title", true
	}
	return "", false
}

// inStore reports whether the store alone can answer s: no tag or HVD
// category filter or facet, and an order the store knows.
func (s *search) inStore() bool {
	if len(s.tags) > 0 || len(s.hvd) > 0 || slices.Contains(s.facets, "tags") || slices.Contains(s.facets, "hvd_category") {
		return false
	}
	_, ok := s.storeSort()
	return ok
}

// searchInStore runs s as one page of the store's search, with the
// store's facet counts.
func (c *call) searchInStore(s *search) ([]opendata.Entry, int, facetCounts, error) {
	q := s.q
	q.Sort, _ = s.storeSort()
	q.Limit, q.Offset = max(s.rows, 1), s.start
	page, err := c.a.d.DB.SearchDatasets(c.r.Context(), q)
	if err != nil {
		return nil, 0, nil, err
	}
	t, err := c.tree()
	if err != nil {
		return nil, 0, nil, err
	}
	fc := facetCounts{"res_format": page.Formats, "theme": page.Themes}
	for _, p := range page.Publishers {
		id, _ := strconv.ParseInt(p.Value, 10, 64)
		if u, ok := t.Unit(id); ok {
			fc["organization"] = append(fc["organization"], opendata.FacetCount{Value: u.Slug, Count: p.Count})
		}
	}
	for _, l := range page.Licences {
		fc["license_id"] = append(fc["license_id"], opendata.FacetCount{Value: licenceOf(l.Value).id, Count: l.Count})
	}
	entries := page.Entries
	if s.rows == 0 {
		entries = nil
	}
	return entries, page.Total, fc, nil
}

// searchHere runs s by reading every match from the store (in pages of
// its largest size) and filtering, sorting, counting and paging here:
// for the filters and facets the store does not have (tags, HVD
// categories) and the orders it does not offer.
func (c *call) searchHere(s *search) ([]opendata.Entry, int, facetCounts, error) {
	q := s.q
	q.Sort = "relevance"
	q.Limit = 1000
	var all []opendata.Entry
	for q.Offset < maxScan {
		page, err := c.a.d.DB.SearchDatasets(c.r.Context(), q)
		if err != nil {
			return nil, 0, nil, err
		}
		all = append(all, page.Entries...)
		q.Offset += q.Limit
		if len(page.Entries) < q.Limit || q.Offset >= page.Total {
			break
		}
	}
	all = slices.DeleteFunc(all, func(e opendata.Entry) bool { return !s.matches(e) })
	s.sortHere(all)
	return pageOf(all, s.start, s.rows), len(all), countFacets(all), nil
}

// matches reports whether e has every tag and HVD category of s.
func (s *search) matches(e opendata.Entry) bool {
	for _, t := range s.tags {
		if !slices.ContainsFunc(e.Dataset.Keywords, func(k string) bool { return strings.EqualFold(k, t) }) {
			return false
		}
	}
	for _, h := range s.hvd {
		if !slices.Contains(e.Dataset.HVDCategories, h) {
			return false
		}
	}
	return true
}

// sortHere sorts entries by s's keys; entries come in relevance order,
// which a leading "score desc" keeps.
func (s *search) sortHere(entries []opendata.Entry) {
	if len(s.sortKeys) == 0 || s.sortKeys[0].field == "score" {
		return
	}
	slices.SortStableFunc(entries, func(a, b opendata.Entry) int {
		for _, k := range s.sortKeys {
			n := compareBy(k.field, a.Dataset, b.Dataset)
			if k.desc {
				n = -n
			}
			if n != 0 {
				return n
			}
		}
		return 0
	})
}

// compareBy compares two datasets by a sort field.
func compareBy(field string, a, b opendata.Dataset) int {
	switch field {
	case "metadata_modified":
		return a.UpdatedAt.Compare(b.UpdatedAt)
	case "metadata_created":
		return a.CreatedAt.Compare(b.CreatedAt)
	case "title_string", "title":
		return i18n.Compare(a.TitleSV, b.TitleSV)
	case "name":
		return strings.Compare(a.Slug, b.Slug)
	}
	return 0
}

// countFacets counts every facet over entries.
func countFacets(entries []opendata.Entry) facetCounts {
	n := map[string]map[string]int{}
	inc := func(field, v string) {
		if v == "" {
			return
		}
		if n[field] == nil {
			n[field] = map[string]int{}
		}
		n[field][v]++
	}
	for _, e := range entries {
		d := e.Dataset
		inc("organization", e.Publisher.Slug)
		inc("license_id", licenceOf(d.Licence).id)
		for _, v := range uniq(d.Keywords) {
			inc("tags", v)
		}
		for _, v := range uniq(d.Themes) {
			inc("theme", v)
		}
		for _, v := range uniq(d.HVDCategories) {
			inc("hvd_category", v)
		}
		var formats []string
		for _, dist := range e.Distributions {
			formats = append(formats, dist.Format)
		}
		for _, v := range uniq(formats) {
			inc("res_format", v)
		}
	}
	fc := facetCounts{}
	for field, m := range n {
		for v, count := range m {
			fc[field] = append(fc[field], opendata.FacetCount{Value: v, Count: count})
		}
	}
	return fc
}

func uniq(l []string) []string {
	out := make([]string, 0, len(l))
	for _, v := range l {
		if !slices.Contains(out, v) {
			out = append(out, v)
		}
	}
	return out
}

// facetItem is one value of a facet in search_facets.
type facetItem struct {
	Name        string `json:"name"`
	DisplayName string `json:"display_name"`
	Count       int    `json:"count"`
}

// searchFacet is one field of search_facets.
type searchFacet struct {
	Title string      `json:"title"`
	Items []facetItem `json:"items"`
}

// facetResult returns CKAN's facets ({field: {value: count}}) and
// search_facets ({field: {title, items: [{name, display_name, count}]}})
// of the requested fields: values of at least facet.mincount, most first,
// at most facet.limit.
func (c *call) facetResult(s *search, fc facetCounts) (map[string]map[string]int, map[string]searchFacet) {
	facets := map[string]map[string]int{}
	sf := map[string]searchFacet{}
	for _, field := range s.facets {
		counts := slices.Clone(fc[field])
		slices.SortFunc(counts, func(a, b opendata.FacetCount) int {
			if a.Count != b.Count {
				return cmp.Compare(b.Count, a.Count)
			}
			return cmp.Compare(a.Value, b.Value)
		})
		m := map[string]int{}
		items := []facetItem{}
		for _, v := range counts {
			if v.Count < s.facetMin || (s.facetLimit >= 0 && len(items) >= s.facetLimit) {
				continue
			}
			m[v.Value] = v.Count
			items = append(items, facetItem{Name: v.Value, DisplayName: c.facetDisplay(field, v.Value), Count: v.Count})
		}
		facets[field] = m
		sf[field] = searchFacet{Title: field, Items: items}
	}
	return facets, sf
}

// facetDisplay returns the display name of a facet value: an
// organization's title, a vocabulary term's label in the call's language.
func (c *call) facetDisplay(field, v string) string {
	switch field {
	case "organization":
		if t, err := c.tree(); err == nil {
			if u, ok := findUnit(t, v); ok {
				return u.Name(string(c.x.lang))
			}
		}
	case "theme":
		if t, ok := opendata.FindTerm(opendata.Themes, v); ok {
			return t.Label(string(c.x.lang))
		}
	case "hvd_category":
		if t, ok := opendata.FindTerm(opendata.HVDCategories, v); ok {
			return t.Label(string(c.x.lang))
		}
	case "license_id":
		if t, ok := opendata.FindTerm(opendata.Licences, v); ok {
			return t.Label(string(c.x.lang))
		}
	}
	return v
}
