package store

import (
	"context"
	"database/sql"
	"fmt"
	"sync"
)

// maxGroup is the most write transactions one group commit carries.
const maxGroup = 128

// groupCommit runs write transactions of many goroutines together on
// SQLite's single write connection: each runs inside a savepoint of one
// shared transaction, and one commit — one sync of the WAL to disk — makes
// them all durable. With synchronous=FULL a commit costs a disk sync
// (milliseconds on many disks); sharing it lets busy write paths such as
// submissions go far beyond one sync per request, while a caller still
// returns only after its own work is committed. A transaction that fails
// rolls back to its savepoint and does not disturb the others.
//
// There is no background goroutine: the first caller becomes the leader
// and runs a group; when it ends, the next waiting caller is woken as the
// new leader of everything queued meanwhile.
type groupCommit struct {
	mu      sync.Mutex
	queue   []*groupReq
	running bool
}

// groupReq is one caller's transaction in a group.
type groupReq struct {
	ctx  context.Context
	fn   func(*sql.Tx) error
	err  error
	wake chan bool // receives true to lead the next group, false when done
}

// txGrouped runs fn in a write transaction, sharing the commit with
// concurrent callers on SQLite. fn must use only the *sql.Tx it is given
// and must not assume it sees no other caller's uncommitted rows. On
// PostgreSQL, which commits many connections in parallel, it is txAlone.
func (db *DB) txGrouped(ctx context.Context, fn func(*sql.Tx) error) error {
	if db.group == nil {
		return db.txAlone(ctx, fn)
	}
	r := &groupReq{ctx: ctx, fn: fn, wake: make(chan bool, 1)}
	g := db.group
	g.mu.Lock()
	g.queue = append(g.queue, r)
	lead := !g.running
	g.running = true
	g.mu.Unlock()
	if !lead && !<-r.wake {
		return r.err
	}
	db.leadGroup()
	return r.err
}

// leadGroup runs the queued transactions as one group and hands the lead
// to the next waiting caller, if any.
func (db *DB) leadGroup() {
	g := db.group
	g.mu.Lock()
	n := min(len(g.queue), maxGroup)
	batch := g.queue[:n:n]
	g.queue = g.queue[n:]
	g.mu.Unlock()

	db.runGroup(batch)

	g.mu.Lock()
	next := (*groupReq)(nil)
	if len(g.queue) > 0 {
		next = g.queue[0]
	} else {
		g.running = false
	}
	g.mu.Unlock()
	for _, r := range batch[1:] {
		r.wake <- false
	}
	if next != nil {
		next.wake <- true
	}
}

// runGroup runs batch in one transaction, each in its own savepoint, and
// sets every request's err.
func (db *DB) runGroup(batch []*groupReq) {
	ctx := context.Background() // the shared transaction outlives any one caller's context
	tx, err := db.write.BeginTx(ctx, nil)
	if err != nil {
		setErr(batch, fmt.Errorf("begin: %w", err))
		return
	}
	defer func() { _ = tx.Rollback() }()
	done := batch[:0:0]
	for _, r := range batch {
		if err := r.ctx.Err(); err != nil {
			r.err = err
			continue
		}
		ok, fatal := runSavepoint(ctx, tx, r)
		if fatal != nil {
			setErr(batch, fatal)
			return
		}
		if ok {
			done = append(done, r)
		}
	}
	if err := tx.Commit(); err != nil {
		setErr(done, fmt.Errorf("commit: %w", err))
	}
}

// runSavepoint runs one request inside a savepoint. It reports whether the
// request succeeded, and a fatal error when the savepoint itself broke and
// the whole group must be abandoned.
func runSavepoint(ctx context.Context, tx *sql.Tx, r *groupReq) (bool, error) {
	if _, err := tx.ExecContext(ctx, "SAVEPOINT grp"); err != nil {
		return false, fmt.Errorf("savepoint: %w", err)
	}
	if r.err = r.fn(tx); r.err != nil {
		if _, err := tx.ExecContext(ctx, "ROLLBACK TO SAVEPOINT grp"); err != nil {
			return false, fmt.Errorf("rollback to savepoint: %w", err)
		}
	}
	if _, err := tx.ExecContext(ctx, "RELEASE SAVEPOINT grp"); err != nil {
		return false, fmt.Errorf("release savepoint: %w", err)
	}
	return r.err == nil, nil
}

// setErr gives every request of batch the error err.
func setErr(batch []*groupReq, err error) {
	for _, r := range batch {
		r.err = err
	}
}
