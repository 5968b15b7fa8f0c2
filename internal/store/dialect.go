package store

import (
	"context"
	"database/sql"
	"fmt"
	"strconv"
	"strings"
)

// rebind rewrites the ? placeholders of query into $1, $2, … for
// PostgreSQL and returns it unchanged for SQLite. Question marks inside
// string literals, quoted identifiers and comments are left alone. A ?
// directly followed by a digit would read as a longer $n, so queries never
// write one.
func (db *DB) rebind(query string) string {
	if db.engine != Postgres {
		return query
	}
	return rebindDollar(query)
}

// rebindDollar replaces each ? outside quotes and comments with $n.
func rebindDollar(query string) string {
	if !strings.Contains(query, "?") {
		return query
	}
	var b strings.Builder
	b.Grow(len(query) + 8)
	n := 0
	for i := 0; i < len(query); i++ {
		c := query[i]
		switch {
		case c == '\'' || c == '"':
			j := skipQuoted(query, i, c)
			b.WriteString(query[i:j])
			i = j - 1
		case c == '-' && i+1 < len(query) && query[i+1] == '-':
			j := strings.IndexByte(query[i:], '\n')
			if j < 0 {
				j = len(query) - i
			}
			b.WriteString(query[i : i+j])
			i += j - 1
		case c == '?':
			n++
			b.WriteByte('$')
			b.WriteString(strconv.Itoa(n))
		default:
			b.WriteByte(c)
		}
	}
	return b.String()
}

// skipQuoted returns the index just after the quoted section starting at i.
// A doubled quote inside is an escaped quote. An unterminated section runs to
// the end of the string.
func skipQuoted(s string, i int, q byte) int {
	for j := i + 1; j < len(s); j++ {
		if s[j] != q {
			continue
		}
		if j+1 < len(s) && s[j+1] == q {
			j++
			continue
		}
		return j + 1
	}
	return len(s)
}

// lockAuditChain serializes appends to the audit log within tx, so that
// every entry links to the one before it even with several nodes. SQLite
// already serializes writers; PostgreSQL takes a transaction-scoped
// advisory lock.
func (db *DB) lockAuditChain(ctx context.Context, tx *sql.Tx) error {
	return db.advisoryXactLock(ctx, tx, lockAudit)
}

// Advisory lock keys, one per serialized resource.
const (
	lockMigrate int64 = 0x5350524e47_01 // "SPRNG" 1
	lockAudit   int64 = 0x5350524e47_02
	lockSeed    int64 = 0x5350524e47_03
)

// advisoryXactLock takes a PostgreSQL advisory lock held until tx ends; on
// SQLite it does nothing, because the single write connection already
// serializes writers.
func (db *DB) advisoryXactLock(ctx context.Context, tx *sql.Tx, key int64) error {
	if db.engine != Postgres {
		return nil
	}
	if _, err := tx.ExecContext(ctx, "SELECT pg_advisory_xact_lock($1)", key); err != nil {
		return fmt.Errorf("advisory lock %d: %w", key, err)
	}
	return nil
}

// catalogueMatch returns a condition on eservices s that holds for the
// services whose catalogue text has, for every one of terms, a word
// starting with it, and the condition's one argument. The terms come from
// searchTerms: letters, digits and marks only, so they carry no query
// syntax; they are passed as a parameter all the same. SQLite looks them up
// as quoted prefix queries in the FTS5 table eservice_search; PostgreSQL
// as prefix lexemes of the Swedish configuration in the generated column
// search, so a term is stemmed first ("gatorna" finds "gata").
func (db *DB) catalogueMatch(terms []string) (cond string, arg string) {
	q := make([]string, len(terms))
	if db.engine == Postgres {
		for i, t := range terms {
			q[i] = t + ":*"
		}
		return `s.search @@ to_tsquery('swedish', ?)`, strings.Join(q, " & ")
	}
	for i, t := range terms {
		q[i] = `"` + strings.ReplaceAll(t, `"`, `""`) + `"*`
	}
	return `s.id IN (SELECT rowid FROM eservice_search WHERE eservice_search MATCH ?)`, strings.Join(q, " ")
}

// secondsBetween returns an expression for the whole seconds (rounded)
// from the timestamp start to the timestamp end, both column expressions.
// The statistics read lead times with it, as one small integer per errand
// instead of two timestamps to parse. SQLite counts Julian days (its
// timestamps are text, precise here to the millisecond); PostgreSQL takes
// the epoch of the interval as a double.
func (db *DB) secondsBetween(start, end string) string {
	if db.engine == Postgres {
		return `CAST(date_part('epoch', ` + end + ` - ` + start + `) AS BIGINT)`
	}
	return `CAST(ROUND((julianday(` + end + `) - julianday(` + start + `)) * 86400) AS INTEGER)`
}

// timeValue returns the timestamp column col as an expression to compare
// with a time argument row by row, outside an index search. SQLite stores
// timestamps as text in a column of NUMERIC affinity, so comparing the
// column itself with an argument makes SQLite try to read the argument as
// a number at every row; the column cast to TEXT compares as the text it
// is, at a fraction of the cost (it is what the statistics' CASE
// expressions spend most of their time on). PostgreSQL compares
// timestamps as they are.
func (db *DB) timeValue(col string) string {
	if db.engine == Postgres {
		return col
	}
	return `CAST(` + col + ` AS TEXT)`
}
