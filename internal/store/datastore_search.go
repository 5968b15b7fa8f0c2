package store

import (
	"context"
	"database/sql"
	"fmt"
	"math"

	"sprang/internal/opendata"
)

// DatastoreSearch runs q on the table of a loaded upload, in CKAN's
// DataStore semantics: Filters are equality (any of a filter's values)
// on their columns, all of them at once; Q requires every word to occur in
// some text column, ignoring case — a scan of the rows the filters leave,
// linear in their number; Fields empty means _id and every column; Sort
// defaults to _id, and _id breaks ties; Limit 0 means DefaultLimit and
// more than MaxLimit means MaxLimit; Total is counted with the same
// conditions when IncludeTotal, else -1. Result.Columns are in the order
// of Fields. up must carry its Columns and LoadState, as the store's
// Upload returns them.
//
// Errors: NotFound "datastore.not_loaded" when the upload's table is not
// (yet) loaded; Invalid with an *opendata.QueryError as its cause for a
// field that is not a column ("datastore.unknown_field"), a value that
// does not fit its column ("datastore.bad_value") and the like. Every field name is looked up
// among the upload's columns and mapped to a physical column; values are
// bound as parameters.
func (db *DB) DatastoreSearch(ctx context.Context, up opendata.Upload, q opendata.Query) (opendata.Result, error) {
	limit, err := pageLimit(q.Limit)
	if err != nil {
		return opendata.Result{}, err
	}
	dq, err := db.buildSearch(up, q, limit)
	if err != nil {
		return opendata.Result{}, err
	}
	res := opendata.Result{Columns: resultColumns(dq.fields), Total: -1}
	err = db.scanSearch(ctx, dq, func(r opendata.Row) error {
		res.Rows = append(res.Rows, append(opendata.Row(nil), r...))
		return nil
	})
	if err != nil {
		return opendata.Result{}, err
	}
	if q.IncludeTotal {
		if err := db.read.QueryRowContext(ctx, dq.count, db.dsQueryArgs(dq.countArgs)...).Scan(&res.Total); err != nil {
			return opendata.Result{}, fmt.Errorf("count datastore rows of upload %d: %w", up.ID, err)
		}
	}
	return res, nil
}

// DatastoreEach runs q on the table of a loaded upload like DatastoreSearch
// but without a page limit when q.Limit is 0 (a positive Limit is used as
// it is), calling each for every row as it is read (the row slice is
// reused), so a download of a million rows runs in constant memory. It
// stops at the first error of each and returns it. IncludeTotal is
// ignored. Errors are those of DatastoreSearch.
func (db *DB) DatastoreEach(ctx context.Context, up opendata.Upload, q opendata.Query, each func(opendata.Row) error) error {
	limit := int64(math.MaxInt64)
	if q.Limit < 0 {
		return dsInvalid("datastore.bad_limit", "limit", "")
	}
	if q.Limit > 0 {
		limit = int64(q.Limit)
	}
	dq, err := db.buildSearch(up, q, limit)
	if err != nil {
		return err
	}
	return db.scanSearch(ctx, dq, each)
}

// resultColumns returns the columns of fields.
func resultColumns(fields []dsField) []opendata.Column {
	cols := make([]opendata.Column, len(fields))
	for i, f := range fields {
		cols[i] = f.col
	}
	return cols
}

// scanSearch runs the SELECT of dq and calls each with every row, typed
// as opendata.ColumnType documents, in one slice reused between rows.
func (db *DB) scanSearch(ctx context.Context, dq dsQuery, each func(opendata.Row) error) error {
	rows, err := db.read.QueryContext(ctx, dq.sel, db.dsQueryArgs(dq.selArgs)...)
	if err != nil {
		return fmt.Errorf("search datastore: %w", err)
	}
	defer func() { _ = rows.Close() }()
	return scanRows(rows, dq.fields, each)
}

// scanRows reads rows into one reused Row.
func scanRows(rows *sql.Rows, fields []dsField, each func(opendata.Row) error) error {
	raw := make([]any, len(fields))
	dest := make([]any, len(fields))
	for i := range raw {
		dest[i] = &raw[i]
	}
	row := make(opendata.Row, len(fields))
	for rows.Next() {
		if err := rows.Scan(dest...); err != nil {
			return fmt.Errorf("read datastore row: %w", err)
		}
		for i, f := range fields {
			v, err := fromDB(raw[i], f.col.Type)
			if err != nil {
				return fmt.Errorf("read datastore column %s: %w", f.phys, err)
			}
			row[i] = v
		}
		if err := each(row); err != nil {
			return err
		}
	}
	if err := rows.Err(); err != nil {
		return fmt.Errorf("read datastore rows: %w", err)
	}
	return nil
}
