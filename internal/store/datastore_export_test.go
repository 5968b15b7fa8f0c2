package store

import "context"

// DatastoreIndexes returns how many column indexes the datastore table of
// upload id has (not PostgreSQL's primary key), for the tests that check
// when a load builds them.
func (db *DB) DatastoreIndexes(ctx context.Context, id int64) (int, error) {
	q := `SELECT count(*) FROM sqlite_master WHERE type = 'index' AND tbl_name = ? AND sql IS NOT NULL`
	if db.engine == Postgres {
		q = `SELECT count(*) FROM pg_indexes WHERE tablename = ? AND indexname <> tablename || '_pkey'`
	}
	var n int
	err := db.read.QueryRowContext(ctx, db.rebind(q), dsTable(id)).Scan(&n)
	return n, err
}
