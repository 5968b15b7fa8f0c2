package ckan

import (
	"context"
	"log/slog"
	"sync"
	"time"

	"sprang/internal/store"
)

// flushEvery is how often the counted API calls are written to the store.
const flushEvery = time.Minute

// callCounter counts API calls per UTC day and action in memory and adds
// them to the store's counters once a minute (and on close), so a call
// costs no write. Counts a failed write could not add are kept for the
// next flush. It is safe for concurrent use.
type callCounter struct {
	db    *store.DB
	log   *slog.Logger
	now   func() time.Time
	mu    sync.Mutex
	n     map[callKey]int64
	start sync.Once
	stop  chan struct{}
	done  chan struct{}
}

type callKey struct{ day, action string }

func newCallCounter(db *store.DB, log *slog.Logger, now func() time.Time) *callCounter {
	return &callCounter{db: db, log: log, now: now, n: map[callKey]int64{},
		stop: make(chan struct{}), done: make(chan struct{})}
}

// add counts one call of action, starting the flushing goroutine on the
// first call.
func (c *callCounter) add(action string) {
	c.start.Do(func() { go c.run() })
	k := callKey{c.now().UTC().Format(time.DateOnly), action}
	c.mu.Lock()
	c.n[k]++
	c.mu.Unlock()
}

// run flushes every flushEvery until stop is closed.
func (c *callCounter) run() {
	defer close(c.done)
	t := time.NewTicker(flushEvery)
	defer t.Stop()
	for {
		select {
		case <-c.stop:
			return
		case <-t.C:
			ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
			if err := c.flush(ctx); err != nil {
				c.log.Warn("api: count calls", "error", err.Error())
			}
			cancel()
		}
	}
}

// flush adds the counts to the store, keeping those it could not add.
func (c *callCounter) flush(ctx context.Context) error {
	c.mu.Lock()
	pending := c.n
	c.n = map[callKey]int64{}
	c.mu.Unlock()
	var first error
	for k, n := range pending {
		if c.db == nil {
			break
		}
		if err := c.db.CountAPICalls(ctx, k.day, k.action, n); err != nil {
			if first == nil {
				first = err
			}
			c.mu.Lock()
			c.n[k] += n
			c.mu.Unlock()
		}
	}
	return first
}

// close stops the goroutine, if it runs, and flushes what is left.
func (c *callCounter) close(ctx context.Context) error {
	started := true
	c.start.Do(func() { started = false })
	if started {
		close(c.stop)
		<-c.done
	}
	return c.flush(ctx)
}
