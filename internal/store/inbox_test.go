package store_test

import (
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"sprang"
	"sprang/internal/eservice"
	"sprang/internal/store"
)

func TestInboxFilters(t *testing.T) {
	t.Parallel()
	eachErrand(t, func(t *testing.T, f errandFixture) {
		ctx := t.Context()
		second := f.publish(t, errandSpec("strandskydd", "Strandskydd", f.unit))
		at := func(d time.Duration) { f.clock.Add(errandStart.Add(d).Sub(f.clock.Now())) }
		e1 := f.submit(t, digital(f.service, f.resident.ID))
		at(time.Hour)
		e2 := f.submit(t, store.NewErrand{ServiceID: f.service.ID, Version: 1, Channel: eservice.ChannelPaper, ByUserID: f.officer.ID})
		f.change(t, store.ErrandChange{ErrandID: e2.ID, ByUserID: f.officer.ID, Assign: &f.colleague.ID})
		f.change(t, store.ErrandChange{ErrandID: e2.ID, ByUserID: f.officer.ID, Status: "handlaggs"})
		at(2 * time.Hour)
		e3 := f.submit(t, store.NewErrand{ServiceID: second.ID, Version: 1, Channel: eservice.ChannelPhone, ByUserID: f.officer.ID})
		f.change(t, store.ErrandChange{ErrandID: e3.ID, ByUserID: f.officer.ID, Decision: "Avslag"})
		f.change(t, store.ErrandChange{ErrandID: e3.ID, ByUserID: f.officer.ID, Status: "avslutat"})
		at(3 * time.Hour)
		e4 := f.submit(t, digital(f.other, 0))
		f.change(t, store.ErrandChange{ErrandID: e4.ID, ByUserID: f.officer.ID, Assign: &f.officer.ID})
		at(10 * 24 * time.Hour)
		e5 := f.submit(t, digital(f.service, 0))
		now := errandStart.Add(15 * 24 * time.Hour)

		both := []int64{f.unit, f.otherUnit}
		for _, c := range []struct {
			name string
			f    store.InboxFilter
			want []eservice.Errand
		}{
			{"everything", store.InboxFilter{UnitIDs: both}, []eservice.Errand{e1, e2, e3, e4, e5}},
			{"no units", store.InboxFilter{}, nil},
			{"one unit", store.InboxFilter{UnitIDs: []int64{f.unit}}, []eservice.Errand{e1, e2, e3, e5}},
			{"service", store.InboxFilter{UnitIDs: both, ServiceID: f.service.ID}, []eservice.Errand{e1, e2, e5}},
			{"status", store.InboxFilter{UnitIDs: both, Status: "handlaggs"}, []eservice.Errand{e2}},
			{"open", store.InboxFilter{UnitIDs: both, Open: true}, []eservice.Errand{e1, e2, e4, e5}},
			{"assignee", store.InboxFilter{UnitIDs: both, AssigneeID: f.colleague.ID}, []eservice.Errand{e2}},
			{"unassigned", store.InboxFilter{UnitIDs: both, AssigneeID: -1}, []eservice.Errand{e1, e3, e5}},
			{"overdue", store.InboxFilter{UnitIDs: both, Overdue: true, Now: now}, []eservice.Errand{e1, e2, e4}},
			{"channel", store.InboxFilter{UnitIDs: both, Channel: eservice.ChannelPaper}, []eservice.Errand{e2}},
			{"open and unassigned", store.InboxFilter{UnitIDs: both, Open: true, AssigneeID: -1}, []eservice.Errand{e1, e5}},
			{"reference", store.InboxFilter{UnitIDs: both, Search: " " + strings.ToLower(e3.Reference) + " "}, []eservice.Errand{e3}},
			{"reference without dash", store.InboxFilter{UnitIDs: both, Search: strings.ReplaceAll(e3.Reference, "-", "")}, []eservice.Errand{e3}},
			{"diary number", store.InboxFilter{UnitIDs: both, Search: strings.ToLower(e4.DiaryNumber)}, []eservice.Errand{e4}},
			{"another unit's number", store.InboxFilter{UnitIDs: []int64{f.unit}, Search: e4.DiaryNumber}, nil},
			{"part of a number", store.InboxFilter{UnitIDs: both, Search: "2026"}, nil},
			{"newest first", store.InboxFilter{UnitIDs: both, Sort: "-submitted"}, []eservice.Errand{e5, e4, e3, e2, e1}},
			{"due first", store.InboxFilter{UnitIDs: both, Sort: "due", Open: true}, []eservice.Errand{e1, e2, e4, e5}},
		} {
			rows, next, err := f.db.Inbox(ctx, c.f)
			if err != nil {
				t.Fatalf("%s: %v", c.name, err)
			}
			var got, want []string
			for _, r := range rows {
				got = append(got, r.Reference)
			}
			for _, e := range c.want {
				want = append(want, e.Reference)
			}
			if diff := cmp.Diff(want, got); diff != "" || next != "" {
				t.Errorf("%s (-want +got, next %q):\n%s", c.name, next, diff)
			}
			n, err := f.db.CountInbox(ctx, c.f)
			if err != nil || n != len(c.want) {
				t.Errorf("%s: CountInbox = %d, %v; want %d", c.name, n, err, len(c.want))
			}
		}

		rows, _, err := f.db.Inbox(ctx, store.InboxFilter{UnitIDs: both, Now: now})
		if err != nil {
			t.Fatal(err)
		}
		got := rows[1]
		want := store.InboxRow{ID: e2.ID, Reference: e2.Reference, DiaryNumber: "SOC 2026/00002", ServiceID: f.service.ID,
			ServiceName: eservice.Text{SV: "Bygglov", EN: "Bygglov (en)"}, UnitID: f.unit, Status: "handlaggs",
			StatusLabel: eservice.Text{SV: "Under handläggning", EN: "Being handled"}, StatusKind: eservice.KindOpen,
			AssigneeID: f.colleague.ID, Channel: eservice.ChannelPaper, SubmittedAt: e2.SubmittedAt, DueAt: e2.DueAt, Overdue: true}
		if diff := cmp.Diff(want, got); diff != "" {
			t.Errorf("inbox row (-want +got):\n%s", diff)
		}
		if rows[2].Overdue || rows[2].DecidedAt.IsZero() || rows[2].ClosedAt.IsZero() {
			t.Errorf("closed errand's row: %+v, want decided, closed and not overdue", rows[2])
		}
		_, _, err = f.db.Inbox(ctx, store.InboxFilter{UnitIDs: both, After: "not-a-cursor"})
		wantErrKind(t, "a malformed cursor", err, sprang.Invalid)
	})
}

// TestInboxPaging pages through the inbox in every order, a page of five
// at a time, with errands submitted at the same instant: each errand comes
// exactly once, in the order of one long page.
func TestInboxPaging(t *testing.T) {
	t.Parallel()
	eachErrand(t, func(t *testing.T, f errandFixture) {
		ctx := t.Context()
		for i := range 23 {
			s := f.service
			if i%3 == 0 {
				s = f.other
			}
			e := f.submit(t, digital(s, 0))
			if i%4 == 0 {
				f.change(t, store.ErrandChange{ErrandID: e.ID, ByUserID: f.officer.ID, Status: "avslutat"})
			}
			if i%2 == 0 { // pairs of errands share their submission time
				f.clock.Add(time.Hour)
			}
		}
		both := []int64{f.unit, f.otherUnit}
		for _, base := range []store.InboxFilter{
			{UnitIDs: both}, {UnitIDs: both, Sort: "-submitted"}, {UnitIDs: both, Sort: "due"},
			{UnitIDs: both, Open: true}, {UnitIDs: both, Open: true, Sort: "-submitted"},
			{UnitIDs: []int64{f.unit}}, {UnitIDs: []int64{f.unit}, Sort: "-submitted"},
		} {
			all := base
			all.Limit = 500
			whole, next, err := f.db.Inbox(ctx, all)
			if err != nil || next != "" {
				t.Fatalf("%+v: one page: next %q, %v", base, next, err)
			}
			var want, got []int64
			for _, r := range whole {
				want = append(want, r.ID)
			}
			page := base
			page.Limit = 5
			for pages := 0; ; pages++ {
				rows, next, err := f.db.Inbox(ctx, page)
				if err != nil {
					t.Fatal(err)
				}
				if len(rows) > 5 || pages > 10 {
					t.Fatalf("%+v: page of %d rows, page %d", base, len(rows), pages)
				}
				for _, r := range rows {
					got = append(got, r.ID)
				}
				if next == "" {
					break
				}
				page.After = next
			}
			if diff := cmp.Diff(want, got); diff != "" {
				t.Errorf("sort %q open %v units %v: paged (-one page +paged):\n%s", base.Sort, base.Open, base.UnitIDs, diff)
			}
			sorted := slices.Clone(got)
			slices.Sort(sorted)
			if len(slices.Compact(sorted)) != len(got) {
				t.Errorf("sort %q: an errand came twice", base.Sort)
			}
			if n, _ := f.db.CountInbox(ctx, base); n != len(want) {
				t.Errorf("sort %q: count %d, paged %d", base.Sort, n, len(want))
			}
		}
	})
}
