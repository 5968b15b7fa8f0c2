package ckan

import (
	"encoding/csv"
	"encoding/json"
	"errors"
	"io"
	"math"
	"slices"
	"strconv"
	"strings"

	"sprang"
	"sprang/internal/identity"
	"sprang/internal/opendata"
)

// ckanTypes maps the DataStore's type names (PostgreSQL's, as CKAN takes
// them) to the datastore's column types.
var ckanTypes = map[string]opendata.ColumnType{
	"text": opendata.TypeText, "varchar": opendata.TypeText, "character varying": opendata.TypeText,
	"char": opendata.TypeText, "citext": opendata.TypeText, "string": opendata.TypeText,
	"int": opendata.TypeInt, "int2": opendata.TypeInt, "int4": opendata.TypeInt, "int8": opendata.TypeInt,
	"integer": opendata.TypeInt, "bigint": opendata.TypeInt, "smallint": opendata.TypeInt,
	"numeric": opendata.TypeNumeric, "float": opendata.TypeNumeric, "float4": opendata.TypeNumeric,
	"float8": opendata.TypeNumeric, "real": opendata.TypeNumeric, "double precision": opendata.TypeNumeric,
	"decimal": opendata.TypeNumeric, "number": opendata.TypeNumeric,
	"bool": opendata.TypeBool, "boolean": opendata.TypeBool,
	"date":      opendata.TypeDate,
	"timestamp": opendata.TypeTimestamp, "timestamptz": opendata.TypeTimestamp,
	"timestamp without time zone": opendata.TypeTimestamp, "timestamp with time zone": opendata.TypeTimestamp,
}

// datastoreCreate is CKAN's datastore_create: a table for the resource
// resource_id names (a file resource), or for a new resource of the dict
// resource ({"package_id": …, "name": …}), with the columns of fields
// ([{"id": …, "type": …}], CKAN's type names; a field without a type, or
// no fields, takes the type its values have) and the rows of records
// (objects of field to value). indexes and primary_key name columns to
// index (a primary key is indexed but not enforced as unique). Unlike
// CKAN, where the call appends to the table, each call makes a new
// version of the resource holding exactly these records (stored as a CSV
// file, downloadable like an upload), so earlier versions stay as they
// were. The token's user must be a data steward of the dataset's unit.
func (c *call) datastoreCreate() (any, error) {
	u, err := c.writer()
	if err != nil {
		return nil, err
	}
	records, err := c.records()
	if err != nil {
		return nil, err
	}
	cols, err := c.columns(records)
	if err != nil {
		return nil, err
	}
	rows, err := c.x.rowsOf(cols, records)
	if err != nil {
		return nil, err
	}
	dist, e, err := c.datastoreTarget(u)
	if err != nil {
		return nil, err
	}
	up, err := c.storeRecords(u, e, dist, cols, rows)
	if err != nil {
		return nil, err
	}
	fields := make([]map[string]string, len(cols))
	for i, col := range cols {
		fields[i] = map[string]string{"id": col.Name, "type": string(col.Type)}
	}
	return map[string]any{"resource_id": dist.ID, "fields": fields, "method": "insert",
		"total": len(rows), "version": up.Version}, nil
}

// records returns the records parameter: a list of objects.
func (c *call) records() ([]map[string]any, error) {
	v, ok := c.p["records"]
	if !ok || v == nil {
		return nil, nil
	}
	l, ok := v.([]any)
	if !ok {
		return nil, c.x.invalid("records", "api.ds.records_list")
	}
	out := make([]map[string]any, len(l))
	for i, r := range l {
		m, ok := r.(map[string]any)
		if !ok {
			return nil, c.x.invalid("records", "api.ds.record_object", strconv.Itoa(i+1))
		}
		out[i] = m
	}
	return out, nil
}

// columns returns the table's columns: those of fields, in order, with
// their types (guessed from the records where none is given), or, with
// no fields, the first record's keys in the order sent.
func (c *call) columns(records []map[string]any) ([]opendata.Column, error) {
	fields, err := c.fieldDefs()
	if err != nil {
		return nil, err
	}
	if len(fields) == 0 && len(records) > 0 {
		for _, k := range c.firstKeys {
			if k != opendata.IDField {
				fields = append(fields, opendata.Column{Name: k})
			}
		}
	}
	if len(fields) == 0 {
		return nil, c.x.invalid("fields", "api.ds.no_fields")
	}
	indexed, err := c.indexed(fields)
	if err != nil {
		return nil, err
	}
	for i := range fields {
		if fields[i].Type == "" {
			fields[i].Type = guessType(fields[i].Name, records)
		}
		fields[i].Inferred = fields[i].Type
		fields[i].Index = slices.Contains(indexed, fields[i].Name)
	}
	return fields, nil
}

// fieldDefs reads fields: [{"id": name, "type": type}, …].
func (c *call) fieldDefs() ([]opendata.Column, error) {
	v, ok := c.p["fields"]
	if !ok || v == nil {
		return nil, nil
	}
	l, ok := v.([]any)
	if !ok {
		return nil, c.x.invalid("fields", "api.ds.fields_list")
	}
	var cols []opendata.Column
	for _, f := range l {
		m, ok := f.(map[string]any)
		if !ok {
			return nil, c.x.invalid("fields", "api.ds.fields_list")
		}
		name, _ := m["id"].(string)
		switch {
		case strings.TrimSpace(name) == "" || strings.HasPrefix(name, "_") || strings.ContainsAny(name, "\"\x00") || len(name) > 200:
			return nil, c.x.invalid("fields", "api.ds.field_name", shortText(name))
		case slices.ContainsFunc(cols, func(col opendata.Column) bool { return col.Name == name }):
			return nil, c.x.invalid("fields", "api.ds.field_twice", name)
		}
		col := opendata.Column{Name: name}
		if t, ok := m["type"].(string); ok && strings.TrimSpace(t) != "" {
			ct, ok := ckanTypes[strings.ToLower(strings.TrimSpace(t))]
			if !ok {
				return nil, c.x.invalid("fields", "api.ds.type_unknown", shortText(t), name)
			}
			col.Type = ct
		}
		cols = append(cols, col)
	}
	return cols, nil
}

// indexed returns the fields indexes and primary_key name; each must be
// a field.
func (c *call) indexed(cols []opendata.Column) ([]string, error) {
	var out []string
	for _, key := range []string{"indexes", "primary_key"} {
		l, err := c.p.list(c.x, key)
		if err != nil {
			return nil, err
		}
		for _, name := range l {
			if !slices.ContainsFunc(cols, func(col opendata.Column) bool { return col.Name == name }) {
				return nil, c.x.invalid(key, "api.ds.index_unknown", name)
			}
			out = append(out, name)
		}
	}
	return out, nil
}

// guessType returns the narrowest type every value of field name in
// records has: int, numeric, bool, or text.
func guessType(name string, records []map[string]any) opendata.ColumnType {
	t := opendata.ColumnType("")
	for _, r := range records {
		var vt opendata.ColumnType
		switch v := r[name].(type) {
		case nil:
			continue
		case json.Number:
			vt = opendata.TypeNumeric
			if _, err := strconv.ParseInt(v.String(), 10, 64); err == nil {
				vt = opendata.TypeInt
			}
		case bool:
			vt = opendata.TypeBool
		default:
			return opendata.TypeText
		}
		switch {
		case t == "" || t == vt:
			t = vt
		case (t == opendata.TypeInt && vt == opendata.TypeNumeric) || (t == opendata.TypeNumeric && vt == opendata.TypeInt):
			t = opendata.TypeNumeric
		default:
			return opendata.TypeText
		}
	}
	if t == "" {
		return opendata.TypeText
	}
	return t
}

// rowsOf converts the records to rows of cols: CKAN's checks (no keys
// that are not fields, "_id" aside) and each value to its column's type.
func (x texts) rowsOf(cols []opendata.Column, records []map[string]any) ([]opendata.Row, error) {
	rows := make([]opendata.Row, 0, len(records))
	for i, rec := range records {
		for k := range rec {
			if k != opendata.IDField && !slices.ContainsFunc(cols, func(c opendata.Column) bool { return c.Name == k }) {
				return nil, x.invalid("records", "api.ds.extra_key", strconv.Itoa(i+1), shortText(k))
			}
		}
		row := make(opendata.Row, len(cols))
		for j, col := range cols {
			v, err := cellValue(rec[col.Name], col.Type)
			if err != nil {
				return nil, x.invalid("records", "api.ds.bad_value", strconv.Itoa(i+1), shortText(textOfJSON(rec[col.Name])), col.Name, string(col.Type))
			}
			row[j] = v
		}
		rows = append(rows, row)
	}
	return rows, nil
}

// errCell is cellValue's error.
var errCell = sprang.Errorf(sprang.Invalid, "bad value")

// cellValue converts one JSON value to a column type's Go value.
func cellValue(v any, t opendata.ColumnType) (any, error) {
	switch x := v.(type) {
	case nil:
		return nil, nil
	case string:
		if t == opendata.TypeText {
			return x, nil
		}
		return opendata.ConvertISO(x, t)
	case json.Number:
		switch t {
		case opendata.TypeText:
			return x.String(), nil
		case opendata.TypeInt:
			if n, err := strconv.ParseInt(x.String(), 10, 64); err == nil {
				return n, nil
			}
			if f, err := x.Float64(); err == nil && f == math.Trunc(f) && math.Abs(f) < 1<<53 {
				return int64(f), nil
			}
		case opendata.TypeNumeric:
			if f, err := x.Float64(); err == nil && !math.IsInf(f, 0) {
				return f, nil
			}
		}
	case bool:
		switch t {
		case opendata.TypeBool:
			return x, nil
		case opendata.TypeText:
			return strconv.FormatBool(x), nil
		}
	}
	return nil, errCell
}

// textOfJSON returns a JSON value as text for messages.
func textOfJSON(v any) string {
	if s, ok := scalarText(v); ok {
		return s
	}
	b, _ := json.Marshal(v)
	return string(b)
}

// datastoreTarget returns the file distribution the table is for: that of
// resource_id, or a new one of the dict resource.
func (c *call) datastoreTarget(u identity.User) (opendata.Distribution, opendata.Entry, error) {
	if m, ok := c.p["resource"].(map[string]any); ok {
		if c.p.has("resource_id") {
			return opendata.Distribution{}, opendata.Entry{}, c.x.invalid("distribution", "api.ds.resource_and_id")
		}
		return c.newTableResource(u, params(m))
	}
	id, err := c.p.trimmed(c.x, "resource_id")
	if err != nil {
		return opendata.Distribution{}, opendata.Entry{}, err
	}
	if id == "" {
		return opendata.Distribution{}, opendata.Entry{}, c.x.invalid("resource_id", "api.ds.resource_required")
	}
	dist, err := c.a.d.DB.Distribution(c.r.Context(), id)
	if sprang.ErrorKind(err) == sprang.NotFound {
		return dist, opendata.Entry{}, c.x.notFound("api.ds_not_found", id)
	}
	if err != nil {
		return dist, opendata.Entry{}, err
	}
	e, err := c.writableEntry(u, dist.DatasetID)
	if err != nil {
		return dist, e, err
	}
	if dist.Kind != opendata.KindFile {
		return dist, e, c.x.invalid("resource_id", "api.ds.link")
	}
	return dist, e, nil
}

// newTableResource creates the file distribution of datastore_create's
// resource dict.
func (c *call) newTableResource(u identity.User, m params) (opendata.Distribution, opendata.Entry, error) {
	outer := c.p
	c.p = m
	defer func() { c.p = outer }()
	pkg, err := c.requiredID("package_id")
	if err != nil {
		return opendata.Distribution{}, opendata.Entry{}, renameError(err, "resource")
	}
	e, err := c.writableEntry(u, pkg)
	if err != nil {
		return opendata.Distribution{}, e, err
	}
	dist, err := c.distributionFromParams(opendata.Distribution{DatasetID: e.Dataset.ID, Kind: opendata.KindFile}, true)
	if err != nil {
		return dist, e, renameError(err, "resource")
	}
	dist.Kind, dist.Format, dist.MediaType = opendata.KindFile, "CSV", "text/csv"
	ctx := c.r.Context()
	created, err := c.a.d.DB.CreateDistribution(ctx, dist)
	if err != nil {
		return created, e, err
	}
	return created, e, c.audit(ctx, u, auditResourceCreated, "distribution", created.ID, e.Dataset.Slug)
}

// renameError puts the fields of a Validation Error under one field.
func renameError(err error, field string) error {
	var ae *apiError
	if !errors.As(err, &ae) || ae.typ != typeValidation {
		return err
	}
	var msgs []string
	for k, v := range ae.fields {
		for _, m := range v {
			msgs = append(msgs, k+": "+m)
		}
	}
	slices.Sort(msgs)
	return fieldError(field, strings.Join(msgs, "; "))
}

// storeRecords stores the rows as a new version of dist: a CSV file in
// blob storage and a loaded datastore table.
func (c *call) storeRecords(u identity.User, e opendata.Entry, dist opendata.Distribution, cols []opendata.Column, rows []opendata.Row) (opendata.Upload, error) {
	ctx := c.r.Context()
	if c.a.d.Files == nil {
		return opendata.Upload{}, c.x.invalid("records", "api.upload.off")
	}
	pr, pw := io.Pipe()
	go func() { pw.CloseWithError(writeCSV(pw, cols, rows)) }()
	obj, err := c.a.d.Files.PutOpen(ctx, pr, 1<<40)
	_ = pr.Close()
	if err != nil {
		return opendata.Upload{}, err
	}
	up, err := c.a.d.DB.AddUpload(ctx, opendata.Upload{DistributionID: dist.ID, FileName: e.Dataset.Slug + ".csv",
		BlobKey: obj.Key, MediaType: "text/csv", ByteSize: obj.Size, Checksum: obj.SHA256, LoadState: opendata.LoadPending})
	if err != nil {
		c.deleteBlob(obj.Key)
		return opendata.Upload{}, err
	}
	c.a.res.forgetResource(dist.ID)
	n, err := c.a.d.DB.LoadTable(ctx, up.ID, cols, &sliceSource{rows: rows}, nil)
	state, msg := opendata.LoadDone, ""
	if err != nil {
		state, msg = opendata.LoadFailed, "api.load_failed"
	}
	if serr := c.a.d.DB.SetLoadState(ctx, up.ID, state, n, msg); serr != nil && err == nil {
		err = serr
	}
	if err != nil {
		return up, err
	}
	if err := c.audit(ctx, u, auditDatastoreCreated, "distribution", dist.ID, "version "+strconv.Itoa(up.Version)+", "+strconv.FormatInt(n, 10)+" rows"); err != nil {
		return up, err
	}
	return up, nil
}

// writeCSV writes the rows as CSV with a header, values as the API writes
// them.
func writeCSV(w io.Writer, cols []opendata.Column, rows []opendata.Row) error {
	cw := csv.NewWriter(w)
	rec := make([]string, len(cols))
	for i, c := range cols {
		rec[i] = c.Name
	}
	if err := cw.Write(rec); err != nil {
		return err
	}
	for _, row := range rows {
		for i, v := range row {
			rec[i] = textOf(v)
		}
		if err := cw.Write(rec); err != nil {
			return err
		}
	}
	cw.Flush()
	return cw.Error()
}

// sliceSource is a RowSource over rows in memory.
type sliceSource struct {
	rows []opendata.Row
	i    int
}

// Next returns the next row, or io.EOF after the last.
func (s *sliceSource) Next() (opendata.Row, error) {
	if s.i >= len(s.rows) {
		return nil, io.EOF
	}
	s.i++
	return s.rows[s.i-1], nil
}
