package store

import (
	"context"
	"database/sql/driver"
	"errors"
	"fmt"
	"io"
	"strings"
	"time"

	"sprang"
	"sprang/internal/opendata"
)

// Bulk loading on SQLite. Rows go in as multi-row INSERTs through one
// prepared statement (loadStmtRows rows a statement), in transactions of
// their own of at most loadTxRows rows or loadTxTime, whichever comes
// first: SQLite has one writer, and a load of a million rows must not keep
// errands and logins waiting for seconds, so between two transactions
// every other write gets its turn. Reading and converting the rows runs in
// a goroutine of its own, ahead of the inserts, so that on a machine with
// two cores the CSV is parsed while SQLite writes.
const (
	loadStmtRows = 500
	loadTxRows   = 50_000
	loadTxTime   = 150 * time.Millisecond
	// sqliteMaxVars is SQLite's limit of bound variables in a statement.
	sqliteMaxVars = 32766
	// loadChunks is how many chunks of rows are in flight between the
	// reading goroutine and the inserts: memory stays constant.
	loadChunks = 4
)

// loadChunk is a chunk of rows converted for the engine, one value per
// column and row, row after row, as the driver takes them.
type loadChunk struct {
	vals []driver.NamedValue
	rows int
}

func newLoadChunk(n int) *loadChunk {
	c := &loadChunk{vals: make([]driver.NamedValue, n)}
	for i := range c.vals {
		c.vals[i].Ordinal = i + 1
	}
	return c
}

// insertRows inserts every row of src into table on SQLite and returns how
// many it inserted. The inserts go to the driver directly, past
// database/sql, which would otherwise copy and check every one of the
// chunk's thousands of arguments on every statement.
func (db *DB) insertRows(ctx context.Context, table string, cols []opendata.Column, src opendata.RowSource, progress func(int64)) (int64, error) {
	per := min(loadStmtRows, sqliteMaxVars/len(cols))
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	free, full := make(chan *loadChunk, loadChunks), make(chan *loadChunk, loadChunks)
	for range loadChunks {
		free <- newLoadChunk(per * len(cols))
	}
	readErr := make(chan error, 1)
	go func() { readErr <- db.readChunks(ctx, cols, src, per, free, full) }()

	ins := inserter{table: table, ncol: len(cols), per: per}
	var total int64
	for more := true; more; {
		n, m, err := db.loadBatch(ctx, ins, free, full)
		total, more = total+n, m
		if err != nil {
			cancel()
			return total, errors.Join(fmt.Errorf("load %s: %w", table, err), ignoreCancel(<-readErr))
		}
		progress(total)
	}
	return total, <-readErr
}

// ignoreCancel drops the error of a reader stopped because the load
// failed.
func ignoreCancel(err error) error {
	if errors.Is(err, context.Canceled) {
		return nil
	}
	return err
}

// readChunks reads src into chunks taken from free and sends them to
// full, closing full at the end of src or on the first error, which it
// returns.
func (db *DB) readChunks(ctx context.Context, cols []opendata.Column, src opendata.RowSource, per int, free <-chan *loadChunk, full chan<- *loadChunk) error {
	defer close(full)
	n := len(cols)
	var line int64
	for {
		var c *loadChunk
		select {
		case c = <-free:
		case <-ctx.Done():
			return ctx.Err()
		}
		c.rows = 0
		for c.rows < per {
			row, err := src.Next()
			if errors.Is(err, io.EOF) {
				if c.rows > 0 {
					full <- c // never blocks: a chunk sent is a chunk not free
				}
				return nil
			}
			if err != nil {
				return fmt.Errorf("read row %d: %w", line+1, err)
			}
			line++
			if err := checkRow(row, cols, line); err != nil {
				return err
			}
			dst := c.vals[c.rows*n : (c.rows+1)*n]
			for i, v := range row {
				if dst[i].Value, err = db.toDB(v, cols[i].Type); err != nil {
					return badValue(cols[i], line)
				}
			}
			c.rows++
		}
		full <- c
	}
}

// checkRow checks that row has a value for every column. line counts the
// rows from 1, for the error.
func checkRow(row opendata.Row, cols []opendata.Column, line int64) error {
	if len(row) != len(cols) {
		return fmt.Errorf("row %d has %d values for %d columns: %w", line, len(row), len(cols),
			sprang.Errorf(sprang.Invalid, "datastore.bad_row"))
	}
	return nil
}

// badValue is the error of a value of row line that does not fit col.
func badValue(col opendata.Column, line int64) error {
	return fmt.Errorf("row %d: %w", line, dsInvalid("datastore.bad_value", "rows", col.Name))
}

// inserter writes chunks of rows into a table: ncol columns, per rows a
// full chunk.
type inserter struct {
	table     string
	ncol, per int
}

// rawConn is what the SQLite driver's connection offers.
type rawConn interface {
	driver.ConnPrepareContext
	driver.ExecerContext
}

// loadBatch inserts chunks from full in one transaction of at most
// loadTxRows rows or loadTxTime, returning the chunks to free. It reports
// the rows inserted and whether more may follow.
func (db *DB) loadBatch(ctx context.Context, ins inserter, free chan<- *loadChunk, full <-chan *loadChunk) (int64, bool, error) {
	c, ok := <-full // wait for rows before taking the write connection
	if !ok {
		return 0, false, nil
	}
	var n int64
	more := true
	err := db.loadTx(ctx, func(dc rawConn) error {
		st, err := dc.PrepareContext(ctx, insertSQL(ins.table, ins.ncol, ins.per))
		if err != nil {
			return fmt.Errorf("prepare: %w", err)
		}
		defer func() { _ = st.Close() }()
		start := time.Now()
		for {
			if err := ins.insert(ctx, dc, st, c); err != nil {
				return err
			}
			n += int64(c.rows)
			free <- c
			if n >= loadTxRows || time.Since(start) >= loadTxTime {
				return nil
			}
			if c, more = <-full; !more {
				return nil
			}
		}
	})
	return n, more, err
}

// insert inserts the rows of c, with the prepared statement st when the
// chunk is full and with a statement of its own for the last, short one.
func (ins inserter) insert(ctx context.Context, dc rawConn, st driver.Stmt, c *loadChunk) error {
	if c.rows == ins.per {
		ex, ok := st.(driver.StmtExecContext)
		if !ok {
			return fmt.Errorf("driver statement %T cannot exec", st)
		}
		_, err := ex.ExecContext(ctx, c.vals)
		return err
	}
	_, err := dc.ExecContext(ctx, insertSQL(ins.table, ins.ncol, c.rows), c.vals[:c.rows*ins.ncol])
	return err
}

// insertSQL returns an INSERT of rows rows of ncol columns c1…cN into
// table; _id is the rowid, numbered by SQLite in insertion order.
func insertSQL(table string, ncol, rows int) string {
	var b strings.Builder
	b.WriteString("INSERT INTO " + table + " (")
	for i := range ncol {
		if i > 0 {
			b.WriteByte(',')
		}
		b.WriteString(dsColumn(i))
	}
	b.WriteString(") VALUES ")
	row := "(" + strings.Repeat("?,", ncol-1) + "?)"
	for i := range rows {
		if i > 0 {
			b.WriteByte(',')
		}
		b.WriteString(row)
	}
	return b.String()
}

// pragma is a setting of SQLite's write connection for part of a load,
// and the statement that puts it back as sqlitePragmas set it.
type pragma struct{ set, reset string }

// loadPragmas hold while a load's batches are written: synchronous=NORMAL.
//
// Why this is safe: in WAL mode, NORMAL only skips the sync of the WAL at
// commit; the database cannot be corrupted by a crash or power loss, and
// checkpoints still sync. What a crash can lose is the last batches of a
// load, and a load is acknowledged to nobody until the loader records the
// upload's state as loaded — an ordinary write with synchronous=FULL,
// whose sync of the WAL makes every earlier batch durable with it. Other
// writers never commit with NORMAL: the connection is held from the
// PRAGMA to its reset, and a connection whose reset (or rollback) failed
// is closed instead of going back to the pool.
var loadPragmas = []pragma{{"PRAGMA synchronous=NORMAL", "PRAGMA synchronous=FULL"}}

// indexPragmas hold while an index of a loaded table is built: also
// temp_store=FILE, so that the sort of a large table's column spills to a
// temporary file beyond SQLite's cache instead of growing the process's
// memory with the table (the platform keeps temporary data in memory
// otherwise, for its small sorts). No temporary tables live on the write
// connection, which a change of temp_store would drop.
var indexPragmas = append(loadPragmas[:1:1], pragma{"PRAGMA temp_store=FILE", "PRAGMA temp_store=MEMORY"})

// loadTx runs fn in a write transaction of its own on SQLite's write
// connection, as the driver's connection, under loadPragmas.
func (db *DB) loadTx(ctx context.Context, fn func(rawConn) error) error {
	return db.withLoadConn(ctx, loadPragmas, func(dc rawConn) (bool, error) { return rawTx(ctx, dc, fn) })
}

// withLoadConn runs fn on SQLite's write connection, as the driver's
// connection, with pragmas set, and resets them before the connection
// goes back to other writers. fn reports whether it left the connection
// clean (outside a transaction); a connection that is not, or whose reset
// failed, is closed.
func (db *DB) withLoadConn(ctx context.Context, pragmas []pragma, fn func(rawConn) (clean bool, err error)) error {
	conn, err := db.write.Conn(ctx)
	if err != nil {
		return fmt.Errorf("write connection: %w", err)
	}
	defer func() { _ = conn.Close() }()
	var fnErr error
	err = conn.Raw(func(d any) error {
		dc, ok := d.(rawConn)
		if !ok {
			fnErr = fmt.Errorf("driver connection %T cannot prepare and exec", d)
			return nil
		}
		clean := true
		for _, p := range pragmas {
			if _, err := dc.ExecContext(ctx, p.set, nil); err != nil {
				fnErr = fmt.Errorf("%s: %w", p.set, err)
				break
			}
		}
		if fnErr == nil {
			clean, fnErr = fn(dc)
		}
		bg := context.WithoutCancel(ctx)
		for _, p := range pragmas {
			if _, err := dc.ExecContext(bg, p.reset, nil); err != nil {
				clean = false
			}
		}
		if !clean {
			return driver.ErrBadConn // closes the connection
		}
		return nil
	})
	if fnErr != nil {
		return fnErr
	}
	if err != nil {
		return fmt.Errorf("reset the write connection: %w", err)
	}
	return nil
}

// rawTx runs fn in a transaction on dc and returns its error. clean is
// false when dc may be left inside a transaction.
func rawTx(ctx context.Context, dc rawConn, fn func(rawConn) error) (clean bool, err error) {
	if _, err := dc.ExecContext(ctx, "BEGIN IMMEDIATE", nil); err != nil {
		return true, fmt.Errorf("begin: %w", err)
	}
	err = fn(dc)
	if err == nil {
		if _, err = dc.ExecContext(ctx, "COMMIT", nil); err == nil {
			return true, nil
		}
		err = fmt.Errorf("commit: %w", err)
	}
	_, rerr := dc.ExecContext(context.WithoutCancel(ctx), "ROLLBACK", nil)
	return rerr == nil, err
}
