package web

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"math"
	"net/http"
	"strconv"
	"strings"
	"time"

	"sprang"
	"sprang/internal/i18n"
	"sprang/internal/opendata"
	"sprang/internal/tabular"
)

// previewView is the preview table of a loaded upload: one page of rows,
// sortable by its column headers' links.
type previewView struct {
	Caption string
	Count   string // which rows of how many
	Columns []previewColumn
	Rows    [][]previewCell
	Prev    string
	Next    string
}

// previewColumn is one column header: the link that sorts by it (the other
// way when it is the sort already), its aria-sort and what the link does.
type previewColumn struct {
	Name    string
	Href    string
	Sort    string // "ascending", "descending" or ""
	Action  string // what the link does, for screen readers
	Numeric bool
}

// previewCell is one cell's text.
type previewCell struct {
	Text    string
	Numeric bool
}

// filterForm is the preview's filter form: a column and a value to equal,
// and free text.
type filterForm struct {
	Action  string
	Columns []dataOption
	Value   string
	Q       string
	Sort    string // kept as a hidden field
	Version int    // kept as a hidden field; 0 for the newest
	Active  bool   // a filter or search is in use
	Clear   string // the preview without filter and search
}

// filterFormOf builds the filter form of a table with cols.
func filterFormOf(cols []opendata.Column, pp previewParams) *filterForm {
	f := &filterForm{Action: pp.base, Value: pp.value, Q: pp.q, Sort: pp.sort, Version: pp.shownVersion,
		Active: pp.value != "" || pp.q != ""}
	for _, c := range cols {
		f.Columns = append(f.Columns, dataOption{Value: c.Name, Label: c.Name, Selected: c.Name == pp.column})
	}
	clear := pp
	clear.value, clear.q = "", ""
	f.Clear = clear.url(1, pp.sort)
	return f
}

// previewTimeout is the longest a preview's query may run: a free-text
// search or a sort on a column without an index reads the whole table,
// and a page of the portal must not hold a database connection for long
// (the API's datastore_search and the downloads are for heavy queries).
const previewTimeout = 5 * time.Second

// errPreviewTimeout is the error of a preview whose query ran out of
// time (previewTimeout).
var errPreviewTimeout = errors.New("preview query: time limit exceeded")

// previewOf runs the preview's query on the upload's table. A sort,
// filter or search that does not fit the table is put in v.Errors with
// how to fix it, and no table is shown (nil). A query that runs longer
// than previewTimeout is stopped, and errPreviewTimeout returned.
func (s *Server) previewOf(r *http.Request, v *view, up opendata.Upload, pp previewParams) (*previewView, error) {
	rows := pp.pageRows()
	// Without a filter or search every row matches: the loaded count is
	// the total, and the store need not count them again.
	whole := pp.q == "" && pp.value == ""
	q := opendata.Query{Limit: rows, Offset: (pp.page - 1) * rows, IncludeTotal: !whole, Q: pp.q, Version: up.Version}
	var sortKeys []opendata.SortKey
	if pp.sort != "" {
		keys, err := opendata.ParseSort(pp.sort, up.Columns)
		if err != nil {
			if sprang.ErrorKind(err) != sprang.Invalid {
				return nil, err
			}
			v.Errors = append(v.Errors, fieldError{Field: "preview", Message: queryMessage(v, err) + " " + v.T("data.preview.sort_hint")})
		}
		sortKeys = keys
	}
	if pp.value != "" {
		filters, fe := previewFilter(v, up.Columns, pp.column, pp.value)
		if fe != nil {
			v.Errors = append(v.Errors, *fe)
		}
		q.Filters = filters
	}
	if len(v.Errors) > 0 {
		return nil, nil
	}
	q.Sort = sortKeys
	ctx, cancel := context.WithTimeout(r.Context(), previewTimeout)
	defer cancel()
	res, err := s.db.DatastoreSearch(ctx, up, q)
	if err != nil && errors.Is(ctx.Err(), context.DeadlineExceeded) {
		return nil, fmt.Errorf("%w: upload %d: %w", errPreviewTimeout, up.ID, err)
	}
	if sprang.ErrorKind(err) == sprang.Invalid {
		v.Errors = append(v.Errors, fieldError{Field: "preview", Message: queryMessage(v, err)})
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	if whole {
		res.Total = up.LoadedRows
	}
	return previewViewOf(v, up.Columns, res, sortKeys, pp), nil
}

// previewFilter converts the filter form's column and value to the
// store's filter, reading the value as the CSV loader reads the file's
// values (decimal commas and Swedish dates too). An unknown column or a
// value that does not fit the column's type is a field error saying what
// would fit.
func previewFilter(v *view, cols []opendata.Column, column, value string) ([]opendata.Filter, *fieldError) {
	col, ok := findColumn(cols, column)
	if !ok {
		return nil, &fieldError{Field: paramColumn, Message: v.T("data.filter.unknown_column")}
	}
	raw, _ := json.Marshal(map[string]string{col.Name: value}) // strings always marshal
	filters, err := opendata.ParseFilters(string(raw), cols, tabular.ParseValue)
	if err != nil {
		return nil, &fieldError{Field: paramValue, Message: queryMessage(v, err)}
	}
	return filters, nil
}

// queryMessage returns the text of a datastore query's Invalid error: its
// QueryError's key with its arguments, or its message when that is a key,
// or a general text saying the parameters do not fit the table.
func queryMessage(v *view, err error) string {
	var qe *opendata.QueryError
	if errors.As(err, &qe) && v.cat.Has(v.Lang, qe.Key) {
		return v.T(qe.Key, qe.Args...)
	}
	if m := sprang.ErrorMessage(err); m != "" && v.cat.Has(v.Lang, m) && !strings.Contains(v.T(m), "%") {
		return v.T(m)
	}
	return v.T("data.preview.bad_query")
}

// findColumn returns the column of cols named name.
func findColumn(cols []opendata.Column, name string) (opendata.Column, bool) {
	for _, c := range cols {
		if c.Name == name {
			return c, true
		}
	}
	return opendata.Column{}, false
}

// previewViewOf builds the preview table of a search result.
func previewViewOf(v *view, cols []opendata.Column, res opendata.Result, keys []opendata.SortKey, pp previewParams) *previewView {
	p := &previewView{Caption: v.T("data.preview.caption")}
	rows := pp.pageRows()
	from := int64((pp.page-1)*rows) + 1
	to := from + int64(len(res.Rows)) - 1
	switch {
	case len(res.Rows) > 0:
		p.Count = v.T("data.preview.count", i18n.Number(v.Lang, from), i18n.Number(v.Lang, to), i18n.Number(v.Lang, res.Total))
	case res.Total > 0:
		p.Count = v.T("data.preview.past_end", i18n.Number(v.Lang, res.Total))
	default:
		p.Count = v.T("data.preview.no_rows")
	}
	shown := res.Columns
	if len(shown) == 0 {
		shown = cols
	}
	var keep []int // the result's columns the table shows: all but the row number
	for i, c := range shown {
		if c.Name != opendata.IDField {
			keep = append(keep, i)
			p.Columns = append(p.Columns, previewColumnOf(v, c, keys, pp))
		}
	}
	for _, row := range res.Rows {
		cells := make([]previewCell, 0, len(keep))
		for j, i := range keep {
			if i < len(row) {
				cells = append(cells, previewCell{Text: cellText(v, row[i]), Numeric: p.Columns[j].Numeric})
			}
		}
		p.Rows = append(p.Rows, cells)
	}
	if pp.page > 1 {
		p.Prev = pp.url(min(pp.page-1, int((res.Total+int64(rows)-1)/int64(rows))), pp.sort)
	}
	if to < res.Total && len(res.Rows) > 0 {
		p.Next = pp.url(pp.page+1, pp.sort)
	}
	return p
}

// previewColumnOf builds the header of column c: sorted by it ascending
// already, its link sorts descending; otherwise ascending.
func previewColumnOf(v *view, c opendata.Column, keys []opendata.SortKey, pp previewParams) previewColumn {
	pc := previewColumn{Name: c.Name, Numeric: c.Type == opendata.TypeInt || c.Type == opendata.TypeNumeric}
	desc := false
	if len(keys) > 0 && keys[0].Field == c.Name {
		pc.Sort = "ascending"
		if keys[0].Desc {
			pc.Sort = "descending"
		} else {
			desc = true
		}
	}
	sort := sortField(c.Name)
	pc.Action = v.T("data.preview.sort_asc")
	if desc {
		sort += " desc"
		pc.Action = v.T("data.preview.sort_desc")
	}
	pc.Href = pp.url(1, sort)
	return pc
}

// sortField writes a field name for a CKAN sort parameter, in double
// quotes when it holds a comma, a quote or spaces at its ends, or ends in
// a word that would read as a direction.
func sortField(name string) string {
	lower := strings.ToLower(name)
	if strings.ContainsAny(name, ",\"") || strings.TrimSpace(name) != name ||
		strings.HasSuffix(lower, " asc") || strings.HasSuffix(lower, " desc") {
		return `"` + strings.ReplaceAll(name, `"`, `""`) + `"`
	}
	return name
}

// cellText writes a table value as the page shows it: numbers with the
// language's decimal sign, booleans as yes and no, times in ISO form,
// nothing for null.
func cellText(v *view, val any) string {
	switch x := val.(type) {
	case nil:
		return ""
	case string:
		return x
	case int64:
		return strconv.FormatInt(x, 10)
	case float64:
		if math.IsNaN(x) || math.IsInf(x, 0) {
			return strconv.FormatFloat(x, 'g', -1, 64)
		}
		s := strconv.FormatFloat(x, 'f', -1, 64)
		if v.Lang == i18n.Swedish {
			s = strings.Replace(s, ".", ",", 1)
		}
		return s
	case bool:
		if x {
			return v.T("data.value.true")
		}
		return v.T("data.value.false")
	case time.Time:
		return x.UTC().Format("2006-01-02 15:04:05")
	default:
		return strings.TrimSpace(strings.ReplaceAll(strings.ReplaceAll(jsonText(x), "\n", " "), "\r", " "))
	}
}

// jsonText writes any other value as JSON.
func jsonText(x any) string {
	b, err := json.Marshal(x)
	if err != nil {
		return ""
	}
	return string(b)
}
