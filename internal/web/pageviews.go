package web

import (
	"context"
	"log/slog"
	"net/http"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"sprang/internal/followup"
	"sprang/internal/store"
)

// The platform measures its own weight for the follow-up's page weight
// and CO₂e per page view: every HTML page answered with 200 to a GET is
// a page view, and the bytes sent (as sent, compressed when they were)
// for pages and static files are its weight. Counting is two atomic
// additions per request; nothing is written per request. A goroutine,
// started with the first count, adds the counts to the day's row of the
// page_views table every pageViewFlushEvery and when the server shuts
// down. Every node adds its own counts, so the table holds the sum over
// the nodes. Counts flushed just after midnight go to the new day: the
// error is at most one flush interval's views.

// pageViewFlushEvery is how often the counts are written.
const pageViewFlushEvery = 5 * time.Minute

// pageViews counts page views and bytes since the last flush.
type pageViews struct {
	db    *store.DB
	log   *slog.Logger
	now   func() time.Time
	views atomic.Int64
	bytes atomic.Int64
	start sync.Once
	stop  chan struct{}
	done  chan struct{}
}

// newPageViews returns a counter writing to db; nil without a database.
func newPageViews(db *store.DB, log *slog.Logger) *pageViews {
	if db == nil {
		return nil
	}
	return &pageViews{db: db, log: log, now: db.Now, stop: make(chan struct{}), done: make(chan struct{})}
}

// record counts the response to r: a page view with its bytes for an
// HTML page answered with 200 to a GET, the bytes alone for a static
// file.
func (pv *pageViews) record(r *http.Request, status int, contentType string, size int) {
	if pv == nil || r.Method != http.MethodGet || status != http.StatusOK {
		return
	}
	switch {
	case strings.HasPrefix(r.URL.Path, "/static/"):
	case strings.HasPrefix(contentType, "text/html"):
		pv.views.Add(1)
	default:
		return
	}
	pv.bytes.Add(int64(size))
	pv.start.Do(func() { go pv.loop() })
}

// loop flushes the counts every pageViewFlushEvery until stopped.
func (pv *pageViews) loop() {
	defer close(pv.done)
	tick := time.NewTicker(pageViewFlushEvery)
	defer tick.Stop()
	for {
		select {
		case <-tick.C:
			pv.flush(context.Background())
		case <-pv.stop:
			return
		}
	}
}

// flush adds the counts since the last flush to today's row (Swedish
// time). Counts that cannot be written are put back for the next flush.
func (pv *pageViews) flush(ctx context.Context) {
	views, bytes := pv.views.Swap(0), pv.bytes.Swap(0)
	if views == 0 && bytes == 0 {
		return
	}
	day := pv.now().In(followup.Location()).Format(time.DateOnly)
	if err := pv.db.AddPageViews(ctx, day, views, bytes); err != nil {
		pv.views.Add(views)
		pv.bytes.Add(bytes)
		pv.log.Warn("page views not saved; retrying at the next flush", "error", err.Error())
	}
}

// close stops the flushing goroutine, if it runs, and writes what is
// counted.
func (pv *pageViews) close(ctx context.Context) {
	if pv == nil {
		return
	}
	pv.start.Do(func() { close(pv.done) }) // never started: nothing to wait for
	select {
	case <-pv.stop:
	default:
		close(pv.stop)
	}
	select {
	case <-pv.done:
	case <-ctx.Done():
	}
	pv.flush(ctx)
}
