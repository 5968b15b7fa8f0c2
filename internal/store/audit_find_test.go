package store_test

import (
	"slices"
	"testing"

	"github.com/google/go-cmp/cmp"

	"sprang"
	"sprang/internal/audit"
	"sprang/internal/store"
	"sprang/internal/store/storetest"
)

// seedAudit appends a small, varied log and returns it in id order.
func seedAudit(t *testing.T, db *store.DB) []audit.Entry {
	t.Helper()
	in := []audit.Entry{
		{ActorKind: audit.Anonymous, Action: audit.LoginFailure, Detail: "bad password"},
		{ActorKind: audit.Staff, ActorID: 1, ActorName: "admin", Action: audit.LoginSuccess},
		{ActorKind: audit.Staff, ActorID: 1, ActorName: "admin", Action: audit.UnitCreated, ObjectType: "unit", ObjectID: "3", Detail: "Socialförvaltningen"},
		{ActorKind: audit.Staff, ActorID: 2, ActorName: "handlaggare", Action: audit.PersonalDataRead, ObjectType: "errand", ObjectID: "17", ResidentID: 42, Reason: "handläggning"},
		{ActorKind: audit.Staff, ActorID: 1, ActorName: "admin", Action: audit.RoleGranted, ObjectType: "user", ObjectID: "2", Detail: "role=case_worker 100%"},
		{ActorKind: audit.Staff, ActorID: 2, ActorName: "handlaggare", Action: audit.PersonalDataRead, ObjectType: "errand", ObjectID: "18", ResidentID: 43, Reason: "handläggning"},
		{ActorKind: audit.Resident, ActorID: 42, Action: audit.ResidentLogin},
		{ActorKind: audit.Staff, ActorID: 3, ActorName: "chef", Action: audit.PersonalDataRead, ObjectType: "resident", ObjectID: "42", ResidentID: 42, Reason: "uppföljning"},
		{ActorKind: audit.System, Action: audit.ConfigChanged, ObjectType: "setting", ObjectID: "site_name", Detail: "ROLE_MAPPING"},
	}
	out := make([]audit.Entry, 0, len(in))
	for _, e := range in {
		s, err := db.AppendAudit(t.Context(), e)
		if err != nil {
			t.Fatalf("seed %s: %v", e.Action, err)
		}
		out = append(out, s)
	}
	return out
}

func ids(es []audit.Entry) []int64 {
	out := []int64{}
	for _, e := range es {
		out = append(out, e.ID)
	}
	return out
}

func TestFindAuditEntries(t *testing.T) {
	t.Parallel()
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		es := seedAudit(t, db)
		tests := []struct {
			name string
			f    audit.Filter
			want []int64
		}{
			{"all, newest first", audit.Filter{}, []int64{9, 8, 7, 6, 5, 4, 3, 2, 1}},
			{"action", audit.Filter{Action: audit.PersonalDataRead}, []int64{8, 6, 4}},
			{"actor", audit.Filter{ActorKind: audit.Staff, ActorID: 1}, []int64{5, 3, 2}},
			{"actor kind", audit.Filter{ActorKind: audit.Anonymous}, []int64{1}},
			{"object", audit.Filter{ObjectType: "errand", ObjectID: "17"}, []int64{4}},
			{"resident", audit.Filter{ResidentID: 42}, []int64{8, 4}},
			{"text in detail, any case", audit.Filter{Text: "SOCIAL"}, []int64{3}},
			{"text in action", audit.Filter{Text: "login"}, []int64{7, 2, 1}},
			{"text in object id", audit.Filter{Text: "site_"}, []int64{9}},
			{"text underscore is literal", audit.Filter{Text: "e_w"}, []int64{5}},
			{"text percent is literal", audit.Filter{Text: "0%"}, []int64{5}},
			{"text percent alone", audit.Filter{Text: "%"}, []int64{5}},
			{"text with quote", audit.Filter{Text: "o'r"}, []int64{}},
			{"text not in reason", audit.Filter{Text: "uppföljning"}, []int64{}},
			{"before cursor", audit.Filter{Before: 4}, []int64{3, 2, 1}},
			{"combined", audit.Filter{Action: audit.PersonalDataRead, ActorID: 2, Text: "errand"}, []int64{6, 4}},
			{"time range", audit.Filter{From: es[2].At, To: es[5].At}, []int64{5, 4, 3}},
			{"from only", audit.Filter{From: es[7].At}, []int64{9, 8}},
			{"nothing", audit.Filter{Action: audit.Logout}, []int64{}},
		}
		for _, tt := range tests {
			t.Run(tt.name, func(t *testing.T) {
				t.Parallel()
				p, err := db.FindAuditEntries(t.Context(), tt.f)
				if err != nil {
					t.Fatal(err)
				}
				if diff := cmp.Diff(tt.want, ids(p.Entries)); diff != "" {
					t.Errorf("ids (-want +got):\n%s", diff)
				}
				if p.More {
					t.Errorf("More = true for %d entries", len(p.Entries))
				}
			})
		}
	})
}

func TestFindAuditEntriesPaging(t *testing.T) {
	t.Parallel()
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		seedAudit(t, db)
		var got []int64
		f := audit.Filter{Limit: 2}
		for pages := 0; ; pages++ {
			p, err := db.FindAuditEntries(t.Context(), f)
			if err != nil {
				t.Fatal(err)
			}
			got = append(got, ids(p.Entries)...)
			if !p.More {
				break
			}
			if pages > 10 || p.Next != p.Entries[len(p.Entries)-1].ID {
				t.Fatalf("bad paging: %+v", p)
			}
			f.Before = p.Next
		}
		want := []int64{9, 8, 7, 6, 5, 4, 3, 2, 1}
		if !slices.Equal(got, want) {
			t.Errorf("paged ids = %v, want %v", got, want)
		}
	})
}

func TestAuditPersonalDataReads(t *testing.T) {
	t.Parallel()
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		es := seedAudit(t, db)
		got, err := db.AuditPersonalDataReads(t.Context(), 42)
		if err != nil {
			t.Fatal(err)
		}
		if diff := cmp.Diff([]audit.Entry{es[7], es[3]}, got); diff != "" {
			t.Errorf("reads (-want +got):\n%s", diff)
		}
		none, err := db.AuditPersonalDataReads(t.Context(), 99)
		if err != nil || none == nil || len(none) != 0 {
			t.Errorf("reads of an unread resident = %v, %v; want empty", none, err)
		}
		if _, err := db.AuditPersonalDataReads(t.Context(), 0); sprang.ErrorKind(err) != sprang.Invalid {
			t.Errorf("resident 0 = %v, want Invalid", err)
		}
	})
}
