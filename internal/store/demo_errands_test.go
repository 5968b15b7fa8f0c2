package store_test

import (
	"testing"
	"time"

	"sprang/internal/store"
	"sprang/internal/store/storetest"
)

// TestWithClockForDemo: the view's clock stands where it is told, in UTC,
// and the database it came from keeps its own.
func TestWithClockForDemo(t *testing.T) {
	t.Parallel()
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		then := time.Date(2025, 12, 24, 15, 0, 0, 0, time.FixedZone("CET", 3600))
		view := db.WithClockForDemo(func() time.Time { return then })
		if got := view.Now(); !got.Equal(then) || got.Location() != time.UTC {
			t.Errorf("view.Now() = %v, want %v in UTC", got, then)
		}
		if db.Now().Sub(then) < time.Hour {
			t.Errorf("the original clock moved: %v", db.Now())
		}
		if err := view.MarkDemo(t.Context()); err != nil {
			t.Fatalf("the view cannot write: %v", err)
		}
		if demo, err := db.IsDemo(t.Context()); err != nil || !demo {
			t.Errorf("a write through the view is not in the database: %v %v", demo, err)
		}
	})
}
