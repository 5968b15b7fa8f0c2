package ckan

import (
	"bytes"
	"encoding/json"
	"net/http"
	"net/url"
	"slices"
	"sprang/internal/dataexport"
	"strconv"
	"strings"

	"sprang/internal/opendata"
)

// dsParams are the parameters datastore_search knows; any other is a
// Validation Error, as CKAN's schema answers an unexpected field, so that
// a mistyped "filter" does not silently return everything.
var dsParams = []string{"resource_id", "id", "filters", "q", "plain", "language", "fields", "sort",
	"limit", "offset", "distinct", "include_total", "total_estimation_threshold", "records_format",
	"version", "full_text", "include_quality"}

// recordsFormats are the values of records_format.
var recordsFormats = []string{"objects", "lists", "csv", "tsv"}

// dsSearch is a parsed datastore_search.
type dsSearch struct {
	rid     string
	version int
	format  string
	query   opendata.Query
	limit   int // as asked, before the cap; 0 counts only
	filters string
	quality bool // include_quality: add the upload's data-quality report
}

// datastoreSearch is CKAN's datastore_search on a resource's newest
// loaded version (or, with version, on that version): filters (a JSON
// object of field to value or list of values), q (every word in some text
// field), fields (a comma-separated string or a list), sort ("field desc,
// other"), limit (default 100, at most 32000), offset, distinct,
// include_total (default true), records_format (objects, lists, csv or
// tsv; text cells of csv and tsv made safe for spreadsheets) and
// include_quality (the upload's data-quality report as datastore_quality).
// The result is CKAN's: resource_id, fields with their types (_id first),
// records, total, limit, offset and _links to the first and next page. A
// search that runs longer than Limits.SearchTimeout (page and count
// together) is stopped: a Validation Error on "query" says to narrow it.
// A boolean parameter that is no boolean is a Validation Error.
func (c *call) datastoreSearch() (any, error) {
	for k := range c.p {
		if !slices.Contains(dsParams, k) {
			return nil, c.x.invalid(k, "api.param.unexpected", k)
		}
	}
	s := &dsSearch{}
	if err := c.parseDSTarget(s); err != nil {
		return nil, err
	}
	res, err := c.resolveTable(s.rid, s.version)
	if err != nil {
		return nil, err
	}
	if err := c.parseDSQuery(s, res.upload.Columns); err != nil {
		return nil, err
	}
	q := s.query
	if s.limit == 0 {
		q.Limit = 1
	}
	ctx, cancel := SearchContext(c.r.Context(), c.a.limits.SearchTimeout)
	defer cancel()
	result, err := c.a.d.DB.DatastoreSearch(ctx, res.upload, q)
	if SearchTimedOut(ctx, err) {
		return nil, c.x.invalid("query", "api.ds.timeout", strconv.FormatFloat(c.a.limits.SearchTimeout.Seconds(), 'f', -1, 64))
	}
	if err != nil {
		return nil, err
	}
	if s.limit == 0 {
		result.Rows = nil
	}
	return c.encodeDS(s, res, result), nil
}

// parseDSTarget reads resource_id (or id), version and records_format.
func (c *call) parseDSTarget(s *dsSearch) error {
	key := "resource_id"
	if !c.p.has(key) && c.p.has("id") {
		key = "id"
	}
	var err error
	if s.rid, err = c.p.trimmed(c.x, key); err != nil {
		return err
	}
	if s.rid == "" {
		return c.x.invalid("resource_id", "api.missing")
	}
	if s.version, err = c.p.natural(c.x, "version", 0); err != nil {
		return err
	}
	if s.format, err = c.p.trimmed(c.x, "records_format"); err != nil {
		return err
	}
	if s.format == "" {
		s.format = "objects"
	}
	if !slices.Contains(recordsFormats, s.format) {
		return c.x.invalid("records_format", "api.param.one_of", strings.Join(recordsFormats, ", "))
	}
	return nil
}

// parseDSQuery reads the query's parameters against the table's columns.
func (c *call) parseDSQuery(s *dsSearch, cols []opendata.Column) error {
	q := &s.query
	var err error
	if s.limit, err = c.p.natural(c.x, "limit", opendata.DefaultLimit); err != nil {
		return err
	}
	q.Limit = min(s.limit, opendata.MaxLimit)
	if q.Offset, err = c.p.natural(c.x, "offset", 0); err != nil {
		return err
	}
	if q.Distinct, err = c.p.boolean(c.x, "distinct", false); err != nil {
		return err
	}
	if q.IncludeTotal, err = c.p.boolean(c.x, "include_total", true); err != nil {
		return err
	}
	if s.quality, err = c.p.boolean(c.x, "include_quality", false); err != nil {
		return err
	}
	q.Version = s.version
	if q.Q, err = c.dsQ(); err != nil {
		return err
	}
	s.filters = c.p.jsonText("filters")
	if q.Filters, err = opendata.ParseFilters(s.filters, cols, nil); err != nil {
		return err
	}
	sortText, err := c.p.str(c.x, "sort")
	if err != nil {
		return err
	}
	if q.Sort, err = opendata.ParseSort(sortText, cols); err != nil {
		return err
	}
	q.Fields, err = c.dsFields(cols)
	return err
}

// dsQ reads q, the words of a full-text search. CKAN also takes q as a
// JSON object of field to words (a JSON body's object, or a query
// string's text holding one, as CKAN's unicode_or_json_validator reads
// it), searching each field on its own; the store searches every text
// field at once and has no search of one field, so such a q is a
// Validation Error saying what to use instead, never a search for the
// object's text that silently finds nothing.
func (c *call) dsQ() (string, error) {
	if _, ok := c.p["q"].(map[string]any); ok {
		return "", c.x.invalid("q", "api.ds.q_object")
	}
	q, err := c.p.str(c.x, "q")
	if err != nil {
		return "", err
	}
	if t := strings.TrimSpace(q); strings.HasPrefix(t, "{") {
		var m map[string]any
		if json.Unmarshal([]byte(t), &m) == nil {
			return "", c.x.invalid("q", "api.ds.q_object")
		}
	}
	return q, nil
}

// dsFields reads fields: a list of names, or a string ParseFields reads;
// _id may be named.
func (c *call) dsFields(cols []opendata.Column) ([]string, error) {
	withID := append(slices.Clip(cols), opendata.Column{Name: opendata.IDField, Type: opendata.TypeInt})
	if l, ok := c.p["fields"].([]any); ok {
		var names []string
		for _, v := range l {
			name, ok := v.(string)
			if !ok {
				return nil, c.x.invalid("fields", "api.param.list")
			}
			if !slices.ContainsFunc(withID, func(col opendata.Column) bool { return col.Name == name }) {
				return nil, c.x.invalid("fields", opendata.MsgFieldsUnknownField, name)
			}
			if slices.Contains(names, name) {
				return nil, c.x.invalid("fields", opendata.MsgFieldsDuplicate, name)
			}
			names = append(names, name)
		}
		return names, nil
	}
	text, err := c.p.str(c.x, "fields")
	if err != nil {
		return nil, err
	}
	if t := strings.TrimSpace(text); strings.HasPrefix(t, "[") {
		var names []string
		if err := json.Unmarshal([]byte(t), &names); err != nil {
			return nil, c.x.invalid("fields", "api.param.list")
		}
		c.p["fields"] = toAny(names)
		return c.dsFields(cols)
	}
	return opendata.ParseFields(text, withID)
}

func toAny(l []string) []any {
	out := make([]any, len(l))
	for i, s := range l {
		out[i] = s
	}
	return out
}

// encodeDS writes the result of a search as CKAN's, without reflection.
func (c *call) encodeDS(s *dsSearch, res resolved, r opendata.Result) rawJSON {
	buf := make([]byte, 0, 256+64*len(r.Rows)*max(len(r.Columns), 1))
	buf = append(buf, `{"resource_id":`...)
	buf = dataexport.AppendJSONString(buf, s.rid)
	buf = append(buf, `,"fields":[`...)
	keys := make([][]byte, len(r.Columns))
	for i, col := range r.Columns {
		if i > 0 {
			buf = append(buf, ',')
		}
		buf = append(buf, `{"id":`...)
		buf = dataexport.AppendJSONString(buf, col.Name)
		buf = append(buf, `,"type":`...)
		buf = dataexport.AppendJSONString(buf, string(col.Type))
		buf = append(buf, '}')
		keys[i] = append(dataexport.AppendJSONString(nil, col.Name), ':')
	}
	buf = append(buf, `],"records":`...)
	buf = appendRecords(buf, s.format, keys, r.Rows)
	if s.query.IncludeTotal {
		buf = append(buf, `,"total":`...)
		buf = strconv.AppendInt(buf, r.Total, 10)
		buf = append(buf, `,"total_was_estimated":false`...)
	}
	buf = append(buf, `,"limit":`...)
	buf = strconv.AppendInt(buf, int64(min(s.limit, opendata.MaxLimit)), 10)
	buf = append(buf, `,"offset":`...)
	buf = strconv.AppendInt(buf, int64(s.query.Offset), 10)
	buf = append(buf, `,"include_total":`...)
	buf = strconv.AppendBool(buf, s.query.IncludeTotal)
	buf = append(buf, `,"records_format":`...)
	buf = dataexport.AppendJSONString(buf, s.format)
	buf = append(buf, `,"version":`...)
	buf = strconv.AppendInt(buf, int64(res.upload.Version), 10)
	if s.filters != "" && json.Valid([]byte(s.filters)) {
		buf = append(buf, `,"filters":`...)
		buf = append(buf, compactJSON(s.filters)...)
	}
	if s.query.Q != "" {
		buf = append(buf, `,"q":`...)
		buf = dataexport.AppendJSONString(buf, s.query.Q)
	}
	if len(s.query.Sort) > 0 {
		buf = append(buf, `,"sort":`...)
		buf = dataexport.AppendJSONString(buf, opendata.FormatSort(s.query.Sort))
	}
	if s.query.Distinct {
		buf = append(buf, `,"distinct":true`...)
	}
	if s.quality {
		buf = append(buf, `,"datastore_quality":`...)
		buf = appendJSON(buf, c.x.qualityOf(res.upload))
	}
	buf = append(buf, `,"_links":{"start":`...)
	start, next := c.dsLinks(s)
	buf = dataexport.AppendJSONString(buf, start)
	buf = append(buf, `,"next":`...)
	buf = dataexport.AppendJSONString(buf, next)
	buf = append(buf, "}}"...)
	return rawJSON(buf)
}

// appendJSON appends v encoded by encoding/json (null when it cannot be:
// the reports it is used for are plain data and always can).
func appendJSON(b []byte, v any) []byte {
	j, err := json.Marshal(v)
	if err != nil {
		return append(b, "null"...)
	}
	return append(b, j...)
}

// compactJSON returns valid JSON text without insignificant spaces (the
// text as it is when it is not valid).
func compactJSON(s string) []byte {
	var b bytes.Buffer
	if err := json.Compact(&b, []byte(s)); err != nil {
		return []byte(s)
	}
	return b.Bytes()
}

// fieldsText writes field names as a fields parameter ParseFields reads
// back: each in double quotes, "" for a quote inside.
func fieldsText(names []string) string {
	q := make([]string, len(names))
	for i, n := range names {
		q[i] = `"` + strings.ReplaceAll(n, `"`, `""`) + `"`
	}
	return strings.Join(q, ",")
}

// dsLinks returns the _links of a search: its first page and the next,
// as paths with query strings, as CKAN gives them. A GET keeps its own
// query string with offset changed (cut and joined as text, without
// decoding it again); a POST's parameters are written as one.
func (c *call) dsLinks(s *dsSearch) (string, string) {
	const path = "/api/3/action/datastore_search?"
	next := strconv.Itoa(s.query.Offset + min(s.limit, opendata.MaxLimit))
	if c.r.Method == http.MethodGet {
		var b strings.Builder
		b.Grow(len(path) + len(c.r.URL.RawQuery))
		b.WriteString(path)
		rest, first := c.r.URL.RawQuery, true
		for rest != "" {
			var part string
			part, rest, _ = strings.Cut(rest, "&")
			if part == "" || strings.HasPrefix(part, "offset=") || part == "offset" {
				continue
			}
			if !first {
				b.WriteByte('&')
			}
			b.WriteString(part)
			first = false
		}
		start := b.String()
		if !first {
			return start, start + "&offset=" + next
		}
		return start, start + "offset=" + next
	}
	v := url.Values{}
	v.Set("resource_id", s.rid)
	for _, k := range []string{"q", "sort", "records_format", "version", "limit", "distinct", "include_total", "include_quality"} {
		if str, err := c.p.str(c.x, k); err == nil && str != "" {
			v.Set(k, str)
		}
	}
	if s.filters != "" {
		v.Set("filters", string(compactJSON(s.filters)))
	}
	if len(s.query.Fields) > 0 {
		v.Set("fields", fieldsText(s.query.Fields))
	}
	start := path + v.Encode()
	v.Set("offset", next)
	return start, path + v.Encode()
}
