package store

import (
	"context"
	"errors"
	"fmt"
	"io"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/stdlib"

	"sprang/internal/opendata"
)

// copyProgressEvery is how often a COPY into PostgreSQL reports progress.
const copyProgressEvery = time.Second

// copyRows loads every row of src into table on PostgreSQL with one COPY
// in pgx's binary format — the fastest way in, several times faster than
// multi-row INSERTs — numbering the rows' _id 1, 2, … as they come. It
// returns how many it loaded. PostgreSQL has no single writer, so one
// statement for the whole load keeps nobody waiting; pgx encodes and
// sends rows while the server writes them.
func (db *DB) copyRows(ctx context.Context, table string, cols []opendata.Column, src opendata.RowSource, progress func(int64)) (int64, error) {
	conn, err := db.write.Conn(ctx)
	if err != nil {
		return 0, fmt.Errorf("load %s: connection: %w", table, err)
	}
	defer func() { _ = conn.Close() }()
	names := make([]string, len(cols)+1)
	names[0] = "_id"
	for i := range cols {
		names[i+1] = dsColumn(i)
	}
	var n int64
	row := make([]any, len(cols)+1)
	last := time.Now()
	var srcErr error // pgx passes the source's error on as text only
	dates := make(lastDates, len(cols))
	next := func() ([]any, error) {
		r, err := src.Next()
		if errors.Is(err, io.EOF) {
			return nil, nil
		}
		if err != nil {
			srcErr = fmt.Errorf("read row %d: %w", n+1, err)
			return nil, srcErr
		}
		n++
		row[0] = n
		if err := dates.convertRow(db, row[1:], r, cols, n); err != nil {
			srcErr = err
			return nil, err
		}
		if n%4096 == 0 && time.Since(last) >= copyProgressEvery {
			progress(n - 1)
			last = time.Now()
		}
		return row, nil
	}
	err = conn.Raw(func(dc any) error {
		c, ok := dc.(*stdlib.Conn)
		if !ok {
			return fmt.Errorf("driver connection is %T, not pgx", dc)
		}
		// The table was made anew: forget what this connection knew
		// of its columns, or COPY would encode for the old types.
		if err := c.Conn().DeallocateAll(ctx); err != nil {
			return err
		}
		_, err := c.Conn().CopyFrom(ctx, pgx.Identifier{table}, names, pgx.CopyFromFunc(next))
		return err
	})
	if srcErr != nil {
		return n, fmt.Errorf("load %s: %w", table, srcErr)
	}
	if err != nil {
		return n, fmt.Errorf("load %s: copy: %w", table, err)
	}
	progress(n)
	return n, nil
}

// lastDates remembers per column the last date text converted and its
// value. Rows of a file mostly come in date order, so most dates are the
// one before, and converting a million dates is mostly a comparison.
type lastDates []struct {
	text string
	val  any
}

// convertRow converts row into dst for PostgreSQL (see DB.toDB), reusing
// the value of a date equal to the one before in its column. line counts
// the rows from 1, for the error.
func (d lastDates) convertRow(db *DB, dst []any, row opendata.Row, cols []opendata.Column, line int64) error {
	if err := checkRow(row, cols, line); err != nil {
		return err
	}
	for i, v := range row {
		if s, ok := v.(string); ok && cols[i].Type == opendata.TypeDate && d[i].val != nil && s == d[i].text {
			dst[i] = d[i].val
			continue
		}
		x, err := db.toDB(v, cols[i].Type)
		if err != nil {
			return badValue(cols[i], line)
		}
		dst[i] = x
		if s, ok := v.(string); ok && cols[i].Type == opendata.TypeDate {
			d[i].text, d[i].val = s, x
		}
	}
	return nil
}
