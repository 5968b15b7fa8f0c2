package audit

import "time"

// Paging limits for Filter.Limit.
const (
	DefaultLimit = 50
	MaxLimit     = 500
)

// Filter selects audit entries for a search. Zero fields match everything.
// Results come newest first; to page, pass the Next of the previous Page as
// Before.
type Filter struct {
	Action     Action    // exactly this action
	ActorKind  ActorKind // this kind of actor
	ActorID    int64     // this actor id (usually with ActorKind)
	ObjectType string    // this object type
	ObjectID   string    // this object id (usually with ObjectType)
	ResidentID int64     // entries touching this resident's personal data
	From       time.Time // at or after
	To         time.Time // strictly before
	Text       string    // case-insensitive substring of action, object type, object id or detail
	Before     int64     // only entries with a smaller id (the paging cursor)
	Limit      int       // page size; DefaultLimit when 0, at most MaxLimit
}

// PageSize returns the page size f asks for, within 1…MaxLimit.
func (f Filter) PageSize() int {
	switch {
	case f.Limit <= 0:
		return DefaultLimit
	case f.Limit > MaxLimit:
		return MaxLimit
	}
	return f.Limit
}

// Page is one page of search results, newest first.
type Page struct {
	Entries []Entry
	More    bool  // there are older entries
	Next    int64 // the Before of the next page, when More
}
