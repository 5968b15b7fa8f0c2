package store

import (
	"context"
	"testing"
)

// TestSQLitePragmas checks the durability and safety settings as SQLite
// reports them on live connections: the crash test cannot tell FULL from
// OFF (killing a process loses no WAL commit), so the setting itself is
// checked here.
func TestSQLitePragmas(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	db, err := Open(ctx, Options{URL: "sqlite:" + t.TempDir() + "/p.db"})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = db.Close() })
	want := map[string]string{
		"journal_mode": "wal",
		"synchronous":  "2", // FULL
		"foreign_keys": "1",
		"busy_timeout": "10000",
	}
	for pragma, v := range want {
		var got string
		if err := db.write.QueryRowContext(ctx, "PRAGMA "+pragma).Scan(&got); err != nil {
			t.Fatal(err)
		}
		if got != v {
			t.Errorf("write connection: PRAGMA %s = %s, want %s", pragma, got, v)
		}
	}
	var qo string
	if err := db.read.QueryRowContext(ctx, "PRAGMA query_only").Scan(&qo); err != nil {
		t.Fatal(err)
	}
	if qo != "1" {
		t.Errorf("read pool: query_only = %s, want 1", qo)
	}
	if _, err := db.read.ExecContext(ctx, "CREATE TABLE x (a INTEGER)"); err == nil {
		t.Error("the read pool accepted a write")
	}
}
