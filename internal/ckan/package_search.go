package ckan

import (
	"errors"
	"slices"
	"strconv"
	"strings"

	"sprang/internal/identity"
	"sprang/internal/opendata"
)

// Limits of package_search, as CKAN's defaults: 10 rows, at most 1000
// (more is cut to 1000, as ckan.search.rows_max does), facet.limit 50.
const (
	searchDefaultRows = 10
	searchMaxRows     = 1000
	facetDefaultLimit = 50
)

// search is a parsed package_search.
type search struct {
	q          opendata.DatasetQuery
	tags       []string // keywords every result must have (filtered here)
	hvd        []string // HVD category IRIs every result must have (filtered here)
	none       bool     // a filter names something that does not exist: no results
	sortText   string
	sortKeys   []searchSort
	facets     []string
	facetLimit int
	facetMin   int
	rows       int
	start      int
}

// searchSort is one key of the sort parameter.
type searchSort struct {
	field string
	desc  bool
}

// packageSearch is CKAN's package_search: q (text, also with field:value
// terms), fq and fq_list (field:value terms for organization, owner_org,
// tags, res_format, license_id, theme, hvd_category, high_value),
// facet.field (a JSON list of those fields), facet.limit,
// facet.mincount, rows (at most 1000), start, sort ("score desc",
// "metadata_modified desc", "metadata_created desc", "title_string asc",
// "name asc", each either way), include_drafts and include_private (a
// token's own units' drafts). The result is CKAN's: count, results,
// facets, search_facets and sort.
func (c *call) packageSearch() (any, error) {
	s, err := c.parseSearch()
	if err != nil {
		return nil, err
	}
	var entries []opendata.Entry
	total := 0
	var fc facetCounts
	switch {
	case s.none:
	case s.inStore():
		entries, total, fc, err = c.searchInStore(s)
	default:
		entries, total, fc, err = c.searchHere(s)
	}
	if err != nil {
		return nil, err
	}
	results := make([]packageDict, 0, len(entries))
	for _, e := range entries {
		ups, err := c.a.newestUploads(c.r.Context(), e)
		if err != nil {
			return nil, err
		}
		results = append(results, c.packageOf(e, ups))
	}
	facets, searchFacets := c.facetResult(s, fc)
	return map[string]any{"count": total, "sort": s.sortText, "results": results,
		"facets": facets, "search_facets": searchFacets}, nil
}

// parseSearch reads package_search's parameters.
func (c *call) parseSearch() (*search, error) {
	s := &search{q: opendata.DatasetQuery{Lang: "sv"}}
	var err error
	if s.rows, err = c.p.natural(c.x, "rows", searchDefaultRows); err != nil {
		return nil, err
	}
	s.rows = min(s.rows, searchMaxRows)
	if s.start, err = c.p.natural(c.x, "start", 0); err != nil {
		return nil, err
	}
	if err := c.parseSearchQuery(s); err != nil {
		return nil, err
	}
	if err := c.parseSearchSort(s); err != nil {
		return nil, err
	}
	if err := c.parseFacets(s); err != nil {
		return nil, err
	}
	drafts, err := c.p.boolean(c.x, "include_drafts", false)
	if err != nil {
		return nil, err
	}
	private, err := c.p.boolean(c.x, "include_private", false)
	if err != nil {
		return nil, err
	}
	if drafts || private {
		if s.q.IncludeDraftsOf, err = c.managedUnits(); err != nil {
			return nil, err
		}
	}
	return s, nil
}

// parseSearchQuery reads q, fq and fq_list into s.
func (c *call) parseSearchQuery(s *search) error {
	q, err := c.p.str(c.x, "q")
	if err != nil {
		return err
	}
	if strings.TrimSpace(q) == "*:*" {
		q = ""
	}
	qTerms, text, err := parseFQ(q, true)
	if err != nil {
		return c.fqFailure(err)
	}
	// In q, a term of a field that is no filter (title:…, notes:…, text:…)
	// searches its value as words, as near as this search comes to Solr's.
	var terms []fqTerm
	for _, term := range qTerms {
		if slices.Contains(searchFields, term.field) {
			terms = append(terms, term)
			continue
		}
		text = strings.TrimSpace(text + " " + term.value)
	}
	s.q.Text = text
	fqs := []string{}
	if fq, err := c.p.str(c.x, "fq"); err != nil {
		return err
	} else if fq != "" {
		fqs = append(fqs, fq)
	}
	more, err := c.p.list(c.x, "fq_list")
	if err != nil {
		return err
	}
	for _, fq := range append(fqs, more...) {
		t, _, err := parseFQ(fq, false)
		if err != nil {
			return c.fqFailure(err)
		}
		terms = append(terms, t...)
	}
	t, err := c.tree()
	if err != nil {
		return err
	}
	for _, term := range terms {
		if err := c.applyTerm(s, term, t); err != nil {
			return err
		}
	}
	return nil
}

// fqFailure is the Search Query Error of a filter query.
func (c *call) fqFailure(err error) error {
	var fe *fqError
	if errors.As(err, &fe) {
		return c.x.searchQuery(fe.key, fe.arg)
	}
	return err
}

// searchFields are the fields of fq and facet.field.
var searchFields = []string{"organization", "owner_org", "tags", "res_format", "license_id", "theme",
	"hvd_category", "high_value", "dataset_type", "groups"}

// applyTerm narrows s by one field:value term. A value that names
// nothing known (an organization or licence that does not exist) matches
// nothing, as in CKAN.
func (c *call) applyTerm(s *search, term fqTerm, t *identity.Tree) error {
	v := strings.TrimSpace(term.value)
	switch term.field {
	case "organization", "owner_org":
		u, ok := findUnit(t, v)
		if !ok {
			s.none = true
			return nil
		}
		s.q.Publishers = append(s.q.Publishers, u.ID)
	case "tags":
		s.tags = append(s.tags, v)
	case "res_format":
		s.q.Formats = append(s.q.Formats, formatCode(v))
	case "license_id":
		iri, ok := licenceIRI(v)
		s.none = s.none || !ok
		s.q.Licences = append(s.q.Licences, iri)
	case "theme":
		term, ok := opendata.FindTerm(opendata.Themes, v)
		s.none = s.none || !ok
		s.q.Themes = append(s.q.Themes, term.IRI)
	case "hvd_category":
		term, ok := opendata.FindTerm(opendata.HVDCategories, v)
		s.none = s.none || !ok
		s.hvd = append(s.hvd, term.IRI)
	case "high_value":
		if strings.EqualFold(v, "true") {
			s.q.HighValue = true
		}
	case "dataset_type":
		s.none = s.none || v != "dataset"
	case "groups":
		s.none = true // the portal has no groups
	default:
		return c.x.searchQuery("api.fq.unknown_field", term.field, strings.Join(searchFields, ", "))
	}
	return nil
}

// formatCode returns the file type code v names (a code in any case, a
// media type or an extension), or v in upper case.
func formatCode(v string) string {
	for _, k := range []string{strings.ToUpper(v), strings.ToLower(v), "." + strings.ToLower(v)} {
		if f, ok := opendata.FindFileType(k); ok {
			return f.Code
		}
	}
	return strings.ToUpper(v)
}

// licenceIRI returns the licence IRI that v names: its code (as
// license_id gives it), its IRI, or CKAN's own ids cc-zero and cc-by.
func licenceIRI(v string) (string, bool) {
	switch strings.ToLower(v) {
	case "cc-zero", "cc0", "cc0-1.0":
		return opendata.LicenceCC0, true
	case "cc-by", "cc-by-4.0":
		return opendata.LicenceCCBY40, true
	}
	t, ok := opendata.FindTerm(opendata.Licences, v)
	return t.IRI, ok
}

// parseSearchSort reads sort: comma-separated keys "field [asc|desc]".
func (c *call) parseSearchSort(s *search) error {
	text, err := c.p.trimmed(c.x, "sort")
	if err != nil {
		return err
	}
	if text == "" {
		text = "score desc, metadata_modified desc"
	}
	s.sortText = text
	for _, part := range strings.Split(text, ",") {
		fields := strings.Fields(part)
		if len(fields) == 0 {
			continue
		}
		if len(fields) > 2 {
			return c.x.searchQuery("api.sort.invalid", strings.TrimSpace(part))
		}
		k := searchSort{field: fields[0]}
		if len(fields) == 2 {
			switch strings.ToLower(fields[1]) {
			case "asc":
			case "desc":
				k.desc = true
			default:
				return c.x.searchQuery("api.sort.invalid", strings.TrimSpace(part))
			}
		}
		switch k.field {
		case "score", "metadata_modified", "metadata_created", "title_string", "title", "name":
		default:
			return c.x.searchQuery("api.sort.invalid", strings.TrimSpace(part))
		}
		s.sortKeys = append(s.sortKeys, k)
	}
	return nil
}

// parseFacets reads facet.field, facet.limit and facet.mincount.
func (c *call) parseFacets(s *search) error {
	fields, err := c.p.list(c.x, "facet.field")
	if err != nil {
		return err
	}
	for _, f := range fields {
		switch f {
		case "organization", "tags", "res_format", "license_id", "theme", "hvd_category", "groups":
			s.facets = append(s.facets, f)
		default:
			return c.x.searchQuery("api.facet.unknown_field", f)
		}
	}
	limit, err := c.p.str(c.x, "facet.limit")
	if err != nil {
		return err
	}
	s.facetLimit = facetDefaultLimit
	if limit = strings.TrimSpace(limit); limit != "" {
		n, err := strconv.Atoi(limit)
		if err != nil {
			return c.x.invalid("facet.limit", "api.param.integer")
		}
		s.facetLimit = n // negative: no limit, as Solr
	}
	s.facetMin, err = c.p.natural(c.x, "facet.mincount", 1)
	return err
}
