package store

import (
	"strings"

	"sprang"
	"sprang/internal/opendata"
)

// maxSearchWords and maxWordBytes bound a full-text search (Query.Q):
// more words, or a longer one, are an Invalid error (the engines refuse
// patterns beyond some length, and a search for a paragraph is no search).
const (
	maxSearchWords = 16
	maxWordBytes   = 200
)

// maxSearchArgs bounds the bound values of one search (filter values and
// search patterns), well below SQLite's 32766 and PostgreSQL's 65535.
const maxSearchArgs = 10_000

// idColumn is the column _id, CKAN's row id, which every table has.
var idColumn = opendata.Column{Name: opendata.IDField, Type: opendata.TypeInt, Inferred: opendata.TypeInt, Index: true}

// dsField is a column of a search: as the caller sees it and its physical
// name.
type dsField struct {
	col  opendata.Column
	phys string
}

// dsQuery is a search turned into SQL: the SELECT with its arguments, the
// COUNT of its matches with its own, and the columns it returns.
type dsQuery struct {
	sel, count         string
	selArgs, countArgs []any
	fields             []dsField
}

// lookupField returns the column a field name refers to: a column of up
// by its exact name, or _id when no column is called that. Nothing else
// becomes part of the SQL.
func lookupField(up opendata.Upload, name string) (dsField, bool) {
	for i, c := range up.Columns {
		if c.Name == name {
			return dsField{col: c, phys: dsColumn(i)}, true
		}
	}
	if name == idColumn.Name {
		return dsField{col: idColumn, phys: "_id"}, true
	}
	return dsField{}, false
}

// buildSearch turns q on the table of up into SQL. limit is the page size
// already decided (see pageLimit). Every name in q is looked up with
// lookupField and every value is a bound argument.
func (db *DB) buildSearch(up opendata.Upload, q opendata.Query, limit int64) (dsQuery, error) {
	if up.LoadState != opendata.LoadDone || len(up.Columns) == 0 {
		return dsQuery{}, sprang.Errorf(sprang.NotFound, "datastore.not_loaded")
	}
	if q.Offset < 0 {
		return dsQuery{}, dsInvalid("datastore.bad_offset", "offset", "")
	}
	fields, err := selectFields(up, q)
	if err != nil {
		return dsQuery{}, err
	}
	where, args, err := db.searchWhere(up, q)
	if err != nil {
		return dsQuery{}, err
	}
	order, err := db.searchOrder(up, q, fields)
	if err != nil {
		return dsQuery{}, err
	}
	table := dsTable(up.ID)
	var b strings.Builder
	b.WriteString("SELECT ")
	if q.Distinct {
		b.WriteString("DISTINCT ")
	}
	for i, f := range fields {
		if i > 0 {
			b.WriteString(", ")
		}
		b.WriteString(f.phys)
	}
	from := " FROM " + table + where
	b.WriteString(from)
	body := b.String()
	count := "SELECT COUNT(*)" + from
	if q.Distinct {
		count = "SELECT COUNT(*) FROM (" + body + ") d"
	}
	selArgs := append(args[:len(args):len(args)], limit, int64(q.Offset))
	return dsQuery{
		sel:   db.rebind(body + " ORDER BY " + order + " LIMIT ? OFFSET ?"),
		count: db.rebind(count), selArgs: selArgs, countArgs: args, fields: fields,
	}, nil
}

// selectFields returns the columns q asks for, in its order: by default
// _id and every column (CKAN's default), or every column for a distinct
// search, where _id would make every row distinct.
func selectFields(up opendata.Upload, q opendata.Query) ([]dsField, error) {
	if len(q.Fields) == 0 {
		fields := make([]dsField, 0, len(up.Columns)+1)
		if !q.Distinct {
			fields = append(fields, dsField{col: idColumn, phys: "_id"})
		}
		for i, c := range up.Columns {
			fields = append(fields, dsField{col: c, phys: dsColumn(i)})
		}
		return fields, nil
	}
	fields := make([]dsField, 0, len(q.Fields))
	seen := make(map[string]bool, len(q.Fields))
	for _, name := range q.Fields {
		f, ok := lookupField(up, name)
		if !ok {
			return nil, dsInvalid("datastore.unknown_field", "fields", name)
		}
		if seen[f.phys] {
			return nil, dsInvalid("datastore.duplicate_field", "fields", name)
		}
		seen[f.phys] = true
		fields = append(fields, f)
	}
	return fields, nil
}

// searchWhere returns the WHERE clause of q's filters and full-text
// search (or "") and its arguments.
func (db *DB) searchWhere(up opendata.Upload, q opendata.Query) (string, []any, error) {
	var conds []string
	var args []any
	for _, f := range q.Filters {
		cond, a, err := db.filterCond(up, f)
		if err != nil {
			return "", nil, err
		}
		conds = append(conds, cond)
		args = append(args, a...)
	}
	words := strings.Fields(q.Q)
	if len(words) > maxSearchWords {
		return "", nil, dsInvalid("datastore.q_too_long", "q", "")
	}
	for _, w := range words {
		if len(w) > maxWordBytes {
			return "", nil, dsInvalid("datastore.q_too_long", "q", "")
		}
		cond, a := db.wordCond(up, cleanText(w))
		conds = append(conds, cond)
		args = append(args, a...)
	}
	if len(args) > maxSearchArgs {
		return "", nil, dsInvalid("datastore.too_complex", "filters", "")
	}
	if len(conds) == 0 {
		return "", nil, nil
	}
	return " WHERE " + strings.Join(conds, " AND "), args, nil
}

// filterCond returns the condition of one filter: the column is one of
// the values (a null value matches null).
func (db *DB) filterCond(up opendata.Upload, f opendata.Filter) (string, []any, error) {
	fd, ok := lookupField(up, f.Field)
	if !ok {
		return "", nil, dsInvalid("datastore.unknown_field", "filters", f.Field)
	}
	if len(f.Values) > maxSearchArgs {
		return "", nil, dsInvalid("datastore.too_complex", "filters", f.Field)
	}
	args := make([]any, 0, len(f.Values))
	null := false
	for _, v := range f.Values {
		if v == nil {
			null = true
			continue
		}
		x, err := db.toDB(v, fd.col.Type)
		if err != nil {
			return "", nil, dsInvalid("datastore.bad_value", "filters", f.Field)
		}
		args = append(args, x)
	}
	var in string
	switch len(args) {
	case 0:
		in = "1 = 0"
	case 1:
		in = fd.phys + " = ?"
	default:
		in = fd.phys + " IN (?" + strings.Repeat(", ?", len(args)-1) + ")"
	}
	if null {
		return "(" + fd.phys + " IS NULL OR " + in + ")", args, nil
	}
	return in, args, nil
}

// wordCond returns the condition that word occurs in some text column of
// up, ignoring case (see dsContains), or a false one when up has no text
// column.
func (db *DB) wordCond(up opendata.Upload, word string) (string, []any) {
	var ors []string
	var args []any
	for i, c := range up.Columns {
		if c.Type != opendata.TypeText {
			continue
		}
		cond, a := db.dsContains(dsColumn(i), word)
		ors = append(ors, cond)
		args = append(args, a...)
	}
	if len(ors) == 0 {
		return "1 = 0", nil
	}
	return "(" + strings.Join(ors, " OR ") + ")", args
}

// searchOrder returns the ORDER BY terms of q: its sort keys, then _id so
// that pages never overlap or skip rows. A distinct search sorts by its
// sort keys, which must be among its fields, and then the rest of its
// fields.
func (db *DB) searchOrder(up opendata.Upload, q opendata.Query, fields []dsField) (string, error) {
	terms := make([]string, 0, len(q.Sort)+1)
	used := make(map[string]bool, len(q.Sort)+1)
	for _, k := range q.Sort {
		f, ok := lookupField(up, k.Field)
		if !ok {
			return "", dsInvalid("datastore.unknown_field", "sort", k.Field)
		}
		if q.Distinct && !hasField(fields, f.phys) {
			return "", dsInvalid("datastore.sort_not_selected", "sort", k.Field)
		}
		if used[f.phys] {
			continue
		}
		used[f.phys] = true
		terms = append(terms, db.dsOrder(f.phys, k.Desc))
	}
	if !q.Distinct {
		if !used["_id"] {
			terms = append(terms, "_id")
		}
		return strings.Join(terms, ", "), nil
	}
	for _, f := range fields {
		if !used[f.phys] {
			terms = append(terms, db.dsOrder(f.phys, false))
		}
	}
	return strings.Join(terms, ", "), nil
}

func hasField(fields []dsField, phys string) bool {
	for _, f := range fields {
		if f.phys == phys {
			return true
		}
	}
	return false
}

// pageLimit returns the page size of a search: DefaultLimit for 0, at
// most MaxLimit.
func pageLimit(limit int) (int64, error) {
	switch {
	case limit < 0:
		return 0, dsInvalid("datastore.bad_limit", "limit", "")
	case limit == 0:
		return opendata.DefaultLimit, nil
	default:
		return int64(min(limit, opendata.MaxLimit)), nil
	}
}
