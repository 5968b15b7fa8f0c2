package ckan

import (
	"context"
	"errors"
	"time"
)

// SearchTimeout is the longest a datastore search may run by default: the
// page of rows and the count of the matches together. A search that runs
// longer is stopped (the database abandons the query) and answered with a
// Validation Error on "query" saying to narrow it, as CKAN answers a
// search its statement timeout stopped. The downloads have no such limit:
// they stream for as long as the client reads and stop when it goes away.
const SearchTimeout = 10 * time.Second

// ErrSearchTimeout is the cause of a search context (SearchContext) whose
// time ran out.
var ErrSearchTimeout = errors.New("datastore search: time limit reached")

// SearchContext returns ctx limited to d (SearchTimeout when d <= 0), for
// running a datastore search (store.DatastoreSearch) under the API's time
// limit; the web's preview may use it too. The caller must call the
// CancelFunc when the search is done; SearchTimedOut tells a search
// stopped by this limit from other failures.
func SearchContext(ctx context.Context, d time.Duration) (context.Context, context.CancelFunc) {
	if d <= 0 {
		d = SearchTimeout
	}
	return context.WithTimeoutCause(ctx, d, ErrSearchTimeout)
}

// SearchTimedOut reports whether err, the error of a search run under ctx
// (a context from SearchContext), came from the search's own time limit —
// not from the client going away, an earlier deadline of the request, or
// another fault. It is false for a nil err.
func SearchTimedOut(ctx context.Context, err error) bool {
	return err != nil && errors.Is(context.Cause(ctx), ErrSearchTimeout)
}
