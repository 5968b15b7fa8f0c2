package store

import (
	"context"
	"database/sql/driver"
	"fmt"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/jackc/pgx/v5"

	"sprang/internal/opendata"
)

// The engine differences of the datastore's tables (datastore*.go), as
// named methods like the rest of dialect.go.

// dsColumnType returns the SQL type of a datastore column of type t.
//
// SQLite keeps dates as "YYYY-MM-DD" text and timestamps as fixed-width
// RFC 3339 text in UTC (timestampLayout), so both sort and compare
// correctly as text, and booleans as 0/1. The tables are STRICT, so a value
// of the wrong type can never be stored.
//
// PostgreSQL uses its own types. Numbers are double precision rather than
// numeric: the domain's numeric values are float64 (opendata.TypeNumeric)
// and SQLite's are REAL, so both engines return the same values and sort
// and compare the same; double precision is eight fixed bytes, which makes
// COPY, indexes and comparisons several times cheaper than numeric's
// variable-length decimals. Text columns use the "C" collation, which sorts
// by code point like SQLite's BINARY: both engines return the same order,
// whatever the server's locale, and comparisons are plain byte compares.
func (db *DB) dsColumnType(t opendata.ColumnType) string {
	if db.engine == Postgres {
		switch t {
		case opendata.TypeInt:
			return "bigint"
		case opendata.TypeNumeric:
			return "double precision"
		case opendata.TypeBool:
			return "boolean"
		case opendata.TypeDate:
			return "date"
		case opendata.TypeTimestamp:
			return "timestamptz"
		default:
			return `text COLLATE "C"`
		}
	}
	switch t {
	case opendata.TypeInt, opendata.TypeBool:
		return "INTEGER"
	case opendata.TypeNumeric:
		return "REAL"
	default:
		return "TEXT"
	}
}

// dsCreateTable returns the statement that creates the datastore table
// name with the physical columns defs ("c1 INTEGER", …). SQLite makes _id
// the rowid (INTEGER PRIMARY KEY), which numbers inserted rows 1, 2, …
// for free; PostgreSQL gets its _id from COPY and its primary key after
// the load (dsFinish), which is cheaper than keeping an index up to
// date row by row.
func (db *DB) dsCreateTable(name string, defs []string) string {
	if db.engine == Postgres {
		return "CREATE TABLE " + name + " (_id bigint NOT NULL, " + strings.Join(defs, ", ") + ")"
	}
	return "CREATE TABLE " + name + " (_id INTEGER PRIMARY KEY, " + strings.Join(defs, ", ") + ") STRICT"
}

// dsCreateIndex returns the statement that indexes column col of table.
// The index serves equality filters and sorts on col. On SQLite every
// index ends with the rowid (_id), so it also serves "ORDER BY col, _id";
// PostgreSQL gets _id as a second key for the same reason, and NULLS FIRST
// because the datastore sorts null as the smallest value, as SQLite does.
func (db *DB) dsCreateIndex(table, col string) string {
	if db.engine == Postgres {
		return "CREATE INDEX " + table + "_" + col + " ON " + table + " (" + col + " NULLS FIRST, _id)"
	}
	return "CREATE INDEX " + table + "_" + col + " ON " + table + " (" + col + ")"
}

// dsFinish returns the statements that make a loaded table ready to
// search, before its column indexes are built: PostgreSQL's primary key
// (CKAN's row order, which every page without a sort follows) and its
// planner statistics, so that it picks the right index when a search
// filters on several columns (the statistics are per column, so the
// indexes built after them need none of their own). SQLite's rowid is the
// row order already, it plans well enough from its indexes alone
// (equality on an index is taken to match few rows), and ANALYZE would
// read every index in full.
func (db *DB) dsFinish(table string) []string {
	if db.engine == Postgres {
		return []string{"ALTER TABLE " + table + " ADD PRIMARY KEY (_id)", "ANALYZE " + table}
	}
	return nil
}

// dsOrder returns the ORDER BY term for col. Null is the smallest value
// on both engines: first ascending, last descending (SQLite's rule;
// PostgreSQL is told so, and its indexes are built to match).
func (db *DB) dsOrder(col string, desc bool) string {
	switch {
	case db.engine == Postgres && desc:
		return col + " DESC NULLS LAST"
	case db.engine == Postgres:
		return col + " ASC NULLS FIRST"
	case desc:
		return col + " DESC"
	default:
		return col + " ASC"
	}
}

// dsContains returns a condition that holds when text column col contains
// word, ignoring case, and its arguments.
//
// A LIKE (ILIKE on PostgreSQL, whose "C" collation folds ASCII only) finds
// the word with the case of ASCII letters folded, which the engines do
// fast; every letter with other case variants outside ASCII ("ö", and "k"
// for the Kelvin sign) is a one-character wildcard in it. When the word
// has such letters, a second pattern checks them on the rows the LIKE
// found: every letter a set of its case variants ("ö" → "[öÖ]"), a GLOB on
// SQLite and a regular expression on PostgreSQL. Both fold the case of
// every alphabet, independently of SQLite's ASCII-only LIKE and of the
// server's locale. The patterns are bound arguments like any value, and
// their special characters are escaped, so they match only the literal
// word.
func (db *DB) dsContains(col, word string) (string, []any) {
	like, exact := dsLikePattern(word)
	op := " LIKE ? ESCAPE '!'"
	if db.engine == Postgres {
		op = " ILIKE ? ESCAPE '!'"
	}
	if exact {
		return col + op, []any{like}
	}
	if db.engine == Postgres {
		return "(" + col + op + " AND " + col + " ~ ?)", []any{like, caseInsensitivePattern(word, regexLiteral)}
	}
	return "(" + col + op + " AND " + col + " GLOB ?)", []any{like, "*" + caseInsensitivePattern(word, globLiteral) + "*"}
}

// dsLikePattern returns the LIKE pattern "%word%" that matches word with
// ASCII case folded: "%", "_" and the escape character "!" escaped with
// "!" (a character neither engine's string literals treat specially), and
// every letter that has case variants beyond ASCII letters a "_". exact
// reports that there was none, so the LIKE alone decides.
func dsLikePattern(word string) (pattern string, exact bool) {
	var b strings.Builder
	b.WriteByte('%')
	exact = true
	for _, r := range word {
		switch {
		case r == '%' || r == '_' || r == '!':
			b.WriteByte('!')
			b.WriteRune(r)
		case !asciiCase(r) && len(caseVariants(r)) > 1:
			b.WriteByte('_')
			exact = false
		default:
			b.WriteRune(r)
		}
	}
	b.WriteByte('%')
	return b.String(), exact
}

// asciiCase reports whether r and all its case variants are ASCII, so
// that LIKE folds its case.
func asciiCase(r rune) bool {
	for _, v := range caseVariants(r) {
		if v >= utf8.RuneSelf {
			return false
		}
	}
	return true
}

// caseInsensitivePattern writes word as a pattern with a character class
// for each rune that has other cases, and lit for every other rune.
func caseInsensitivePattern(word string, lit func(*strings.Builder, rune)) string {
	var b strings.Builder
	for _, r := range word {
		if r == utf8.RuneError {
			lit(&b, r)
			continue
		}
		variants := caseVariants(r)
		if len(variants) == 1 {
			lit(&b, r)
			continue
		}
		b.WriteByte('[')
		for _, v := range variants {
			b.WriteRune(v)
		}
		b.WriteByte(']')
	}
	return b.String()
}

// caseVariants returns r and every rune that folds to the same letter.
func caseVariants(r rune) []rune {
	vs := []rune{r}
	for f := unicode.SimpleFold(r); f != r; f = unicode.SimpleFold(f) {
		vs = append(vs, f)
	}
	return vs
}

// globLiteral writes r so that a GLOB matches only r: the characters with
// a meaning (* ? [) as one-character sets. "]" outside a set, and every
// other character, is itself.
func globLiteral(b *strings.Builder, r rune) {
	switch r {
	case '*', '?', '[':
		b.WriteByte('[')
		b.WriteRune(r)
		b.WriteByte(']')
	default:
		b.WriteRune(r)
	}
}

// regexLiteral writes r so that a PostgreSQL regular expression matches
// only r: ASCII punctuation is escaped with a backslash (a backslash before
// a non-alphanumeric character is always that character), letters, digits
// and other characters are themselves.
func regexLiteral(b *strings.Builder, r rune) {
	if r < utf8.RuneSelf && !isASCIIAlnum(byte(r)) && r > ' ' {
		b.WriteByte('\\')
	}
	b.WriteRune(r)
}

func isASCIIAlnum(c byte) bool {
	return c >= '0' && c <= '9' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z'
}

// lockClassDatastore is the first key of the advisory locks of datastore
// loads on PostgreSQL ("SPRD"); the second is the upload id.
const lockClassDatastore int32 = 0x53505244

// lockDatastoreLoad makes loads of one upload's table wait for each other
// across processes, and returns the function that ends the wait for the
// next. PostgreSQL takes a session advisory lock on a connection of its
// own, held for the whole load. SQLite runs on one machine, where the
// loader serializes loads itself, and needs nothing.
func (db *DB) lockDatastoreLoad(ctx context.Context, uploadID int64) (func(), error) {
	if db.engine != Postgres {
		return func() {}, nil
	}
	conn, err := db.write.Conn(ctx)
	if err != nil {
		return nil, fmt.Errorf("lock load of upload %d: %w", uploadID, err)
	}
	key := int32(uploadID) //nolint:gosec // a wrapped id only makes two loads wait for each other
	if _, err := conn.ExecContext(ctx, "SELECT pg_advisory_lock($1, $2)", lockClassDatastore, key); err != nil {
		_ = conn.Close()
		return nil, fmt.Errorf("lock load of upload %d: %w", uploadID, err)
	}
	return func() {
		_, err := conn.ExecContext(context.WithoutCancel(ctx), "SELECT pg_advisory_unlock($1, $2)", lockClassDatastore, key)
		if err != nil { // closing the session releases the lock
			_ = conn.Raw(func(any) error { return driver.ErrBadConn })
		}
		_ = conn.Close()
	}, nil
}

// dsQueryArgs returns the arguments of a datastore search as the driver
// takes them. On PostgreSQL they start with pgx's DescribeExec mode: pgx
// otherwise keeps each query prepared per connection, and a table loaded
// again with other column types ("cached plan must not change result
// type") would fail the next search on every connection once. Describing
// each time costs a round trip on a local socket, well under a
// millisecond.
func (db *DB) dsQueryArgs(args []any) []any {
	if db.engine != Postgres {
		return args
	}
	return append([]any{pgx.QueryExecModeDescribeExec}, args...)
}
