package store_test

import (
	"testing"

	"sprang/internal/audit"
	"sprang/internal/store"
	"sprang/internal/store/storetest"
)

// TestAuditNewerCursor pages back from every page of a search and checks
// that the newer page's cursor shows exactly the entries before it.
func TestAuditNewerCursor(t *testing.T) {
	t.Parallel()
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		seedAudit(t, db) // ids 1…9; PersonalDataRead at 4, 6, 8
		tests := []struct {
			name       string
			f          audit.Filter
			top        int64
			wantBefore int64
			wantOK     bool
		}{
			{"newest page has nothing newer", audit.Filter{Limit: 3}, 9, 0, false},
			{"second page goes back to the first", audit.Filter{Limit: 3}, 6, 0, true},
			{"third page goes back to the second", audit.Filter{Limit: 3}, 3, 7, true},
			{"partial newer page is the first", audit.Filter{Limit: 3}, 7, 0, true},
			{"filtered", audit.Filter{Action: audit.PersonalDataRead, Limit: 1}, 4, 8, true},
			{"filtered, back to the first", audit.Filter{Action: audit.PersonalDataRead, Limit: 1}, 6, 0, true},
			{"own Before ignored", audit.Filter{Limit: 3, Before: 2}, 3, 7, true},
		}
		for _, tt := range tests {
			before, ok, err := db.AuditNewerCursor(t.Context(), tt.f, tt.top)
			if err != nil || before != tt.wantBefore || ok != tt.wantOK {
				t.Errorf("%s: AuditNewerCursor = %d, %v, %v; want %d, %v", tt.name, before, ok, err, tt.wantBefore, tt.wantOK)
			}
		}
	})
}
