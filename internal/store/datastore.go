package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"strconv"

	"sprang"
	"sprang/internal/opendata"
)

// The datastore: one table per loaded upload, named ds_<upload id>, with
// the physical columns _id (CKAN's row id, 1…n in file order) and c1…cN,
// one per column of the upload in order. Field names are data: a search
// looks each one up among the upload's columns and uses the physical name
// it maps to, so no text of a user's ever becomes an SQL identifier, and
// values are always bound parameters. SQL injection through a search is
// therefore impossible by construction, not just untested.
//
// The files: datastore_load.go (LoadTable on SQLite), datastore_copy.go
// (on PostgreSQL), datastore_query.go (building a search),
// datastore_values.go (values to and from each engine),
// dialect_datastore.go (the engine differences).

// dsTable returns the name of the datastore table of upload id.
func dsTable(uploadID int64) string {
	return "ds_" + strconv.FormatInt(uploadID, 10)
}

// dsColumn returns the physical name of the column at index i (0-based).
func dsColumn(i int) string {
	return "c" + strconv.Itoa(i+1)
}

// SetLoadState records how far the load of an upload has come: its state,
// the rows loaded so far and, for a failure, why (a message key). It
// returns a NotFound error when there is no such upload.
func (db *DB) SetLoadState(ctx context.Context, uploadID int64, state opendata.LoadState, rows int64, message string) error {
	res, err := db.exec(ctx, `UPDATE uploads SET load_state = ?, loaded_rows = ?, load_message = ? WHERE id = ?`,
		string(state), rows, message, uploadID)
	if err != nil {
		return fmt.Errorf("set load state of upload %d: %w", uploadID, err)
	}
	return mustHaveChanged(res, "upload")
}

// SaveQuality stores the data-quality report of an upload. It returns a
// NotFound error when there is no such upload.
func (db *DB) SaveQuality(ctx context.Context, uploadID int64, q opendata.Quality) error {
	b, err := json.Marshal(q)
	if err != nil {
		return fmt.Errorf("encode quality of upload %d: %w", uploadID, err)
	}
	res, err := db.exec(ctx, `UPDATE uploads SET quality_json = ? WHERE id = ?`, string(b), uploadID)
	if err != nil {
		return fmt.Errorf("save quality of upload %d: %w", uploadID, err)
	}
	return mustHaveChanged(res, "upload")
}

// saveColumns records the columns of an upload's table (columns_json).
func (db *DB) saveColumns(ctx context.Context, uploadID int64, cols []opendata.Column) error {
	b, err := json.Marshal(cols)
	if err != nil {
		return fmt.Errorf("encode columns of upload %d: %w", uploadID, err)
	}
	res, err := db.exec(ctx, `UPDATE uploads SET columns_json = ? WHERE id = ?`, string(b), uploadID)
	if err != nil {
		return fmt.Errorf("save columns of upload %d: %w", uploadID, err)
	}
	return mustHaveChanged(res, "upload")
}

// mustHaveChanged returns NotFound when res changed no row.
func mustHaveChanged(res interface{ RowsAffected() (int64, error) }, what string) error {
	n, err := res.RowsAffected()
	if err != nil {
		return fmt.Errorf("rows affected: %w", err)
	}
	if n == 0 {
		return sprang.Errorf(sprang.NotFound, "%s not found", what)
	}
	return nil
}

// LoadTable creates the datastore table of an upload with the given
// columns (replacing one loaded before, so a steward's type override
// reloads), bulk-inserts every row of src in batches, reporting the rows
// loaded so far to progress (may be nil) now and then, records the
// columns on the upload (with Index set on every column it indexes) and
// creates the columns' indexes. It returns the number of rows loaded. The
// table is invisible to searches until the upload's state is LoadDone.
//
// Each row must hold one value per column, typed as opendata.ColumnType
// documents (nil for null); a value of another type is an Invalid error
// naming the column, as are no columns, more than MaxColumns and an
// unknown type. progress may write to the database: on SQLite it is
// called between batches, never while the load holds the write
// connection. Indexes: every column marked Index, and every column of a
// table of at most AutoIndexRows rows. Loads of one upload wait for each
// other (across processes on PostgreSQL). A failed load leaves a partial
// table behind, which the next load replaces; the upload's state (the
// caller's) says it is not to be searched.
func (db *DB) LoadTable(ctx context.Context, uploadID int64, cols []opendata.Column, src opendata.RowSource, progress func(rows int64)) (int64, error) {
	return db.LoadTableThen(ctx, uploadID, cols, src, progress, nil)
}

// LoadTableThen is LoadTable calling loaded (when not nil) with the rows
// loaded once the table holds them and can be searched — rows in, columns
// recorded, PostgreSQL's primary key and statistics made — and before its
// column indexes are built, still under the load's lock. The loader
// records the upload as loaded there, so that residents and API users can
// search a large table while its indexes are built; a filter on a column
// without its index yet reads the table, as on any column without one.
// An error from loaded ends the load before the indexes and is returned.
func (db *DB) LoadTableThen(ctx context.Context, uploadID int64, cols []opendata.Column, src opendata.RowSource,
	progress func(rows int64), loaded func(ctx context.Context, rows int64) error) (int64, error) {
	if err := checkColumns(cols); err != nil {
		return 0, err
	}
	if progress == nil {
		progress = func(int64) {}
	}
	unlock, err := db.lockDatastoreLoad(ctx, uploadID)
	if err != nil {
		return 0, err
	}
	defer unlock()
	table := dsTable(uploadID)
	if err := db.createDatastoreTable(ctx, table, cols); err != nil {
		return 0, err
	}
	var n int64
	if db.engine == Postgres {
		n, err = db.copyRows(ctx, table, cols, src, progress)
	} else {
		n, err = db.insertRows(ctx, table, cols, src, progress)
	}
	if err != nil {
		return n, err
	}
	cols = indexed(cols, n)
	if err := db.finishDatastoreTable(ctx, table, db.dsFinish(table)); err != nil {
		return n, err
	}
	if err := db.saveColumns(ctx, uploadID, cols); err != nil {
		return n, err
	}
	if loaded != nil {
		if err := loaded(ctx, n); err != nil {
			return n, err
		}
	}
	return n, db.finishDatastoreTable(ctx, table, db.dsIndexes(table, cols))
}

// checkColumns checks the columns of a table to load: at least one, at
// most MaxColumns, each of a known type.
func checkColumns(cols []opendata.Column) error {
	if len(cols) == 0 {
		return sprang.Errorf(sprang.Invalid, "datastore.no_columns")
	}
	if len(cols) > MaxColumns {
		return sprang.Errorf(sprang.Invalid, "datastore.too_many_columns")
	}
	for _, c := range cols {
		if !c.Type.Valid() {
			return sprang.Errorf(sprang.Invalid, "datastore.bad_type")
		}
	}
	return nil
}

// MaxColumns is the most columns a datastore table may have. SQLite allows
// 2000 per table and PostgreSQL 1600; a file with more is refused.
const MaxColumns = 1000

// AutoIndexRows is the size up to which LoadTable indexes every column of
// a table, not only those marked Index, so that the preview's filters and
// sorts on any column are fast. An index costs a sort of its column at
// load time — on SQLite about 0.7 s of processor time per million rows, as
// much as loading the rows, see docs/PERFORMANCE.md — and disk space; up
// to this size that is well under a second for a table of ten columns.
const AutoIndexRows = 100_000

// createDatastoreTable drops table and creates it anew with cols.
func (db *DB) createDatastoreTable(ctx context.Context, table string, cols []opendata.Column) error {
	defs := make([]string, len(cols))
	for i, c := range cols {
		defs[i] = dsColumn(i) + " " + db.dsColumnType(c.Type)
	}
	err := db.txAlone(ctx, func(tx *sql.Tx) error {
		if _, err := tx.ExecContext(ctx, "DROP TABLE IF EXISTS "+table); err != nil {
			return err
		}
		_, err := tx.ExecContext(ctx, db.dsCreateTable(table, defs))
		return err
	})
	if err != nil {
		return fmt.Errorf("create datastore table %s: %w", table, err)
	}
	return nil
}

// indexed returns a copy of cols with Index set on the columns a table of
// rows rows gets indexes on: those marked already, and all when it has at
// most AutoIndexRows rows.
func indexed(cols []opendata.Column, rows int64) []opendata.Column {
	out := append([]opendata.Column(nil), cols...)
	for i := range out {
		out[i].Index = out[i].Index || rows <= AutoIndexRows
	}
	return out
}

// dsIndexes returns the statements that build the indexes of table on the
// columns of cols marked Index.
func (db *DB) dsIndexes(table string, cols []opendata.Column) []string {
	var stmts []string
	for i, c := range cols {
		if c.Index {
			stmts = append(stmts, db.dsCreateIndex(table, dsColumn(i)))
		}
	}
	return stmts
}

// finishDatastoreTable runs stmts on a loaded table, each a transaction of
// its own, so that other writers get their turn in between.
func (db *DB) finishDatastoreTable(ctx context.Context, table string, stmts []string) error {
	for _, s := range stmts {
		if err := db.dsExec(ctx, s); err != nil {
			return fmt.Errorf("finish datastore table %s: %w", table, err)
		}
	}
	return nil
}

// dsExec runs one statement that finishes a datastore table. On SQLite it
// runs under indexPragmas (see loadPragmas for why that is safe): the
// index is part of the load, which nobody sees before its state is
// recorded.
func (db *DB) dsExec(ctx context.Context, stmt string) error {
	if db.engine == Postgres {
		_, err := db.write.ExecContext(ctx, stmt)
		return err
	}
	return db.withLoadConn(ctx, indexPragmas, func(dc rawConn) (bool, error) {
		_, err := dc.ExecContext(ctx, stmt, nil)
		return true, err
	})
}
