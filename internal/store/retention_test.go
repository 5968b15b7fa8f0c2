package store_test

import (
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"sprang/internal/audit"
	"sprang/internal/eservice"
	"sprang/internal/store"
)

// retentionFixture is an errand fixture with two services whose forms
// have personal and impersonal questions: one anonymizes errands a year
// after closing, the other deletes them after six months.
type retentionFixture struct {
	errandFixture
	anon, del store.Service
}

// eachRetention runs fn on each engine with a fresh retention fixture.
func eachRetention(t *testing.T, fn func(t *testing.T, f retentionFixture)) {
	t.Helper()
	eachErrand(t, func(t *testing.T, f errandFixture) {
		rf := retentionFixture{errandFixture: f}
		rf.anon = f.publish(t, retentionSpec("gallra-anonym", f.unit, eservice.Retention{Months: 12, Action: eservice.RetainAnonymize}))
		rf.del = f.publish(t, retentionSpec("gallra-radera", f.unit, eservice.Retention{Months: 6, Action: eservice.RetainDelete}))
		fn(t, rf)
	})
}

// retentionSpec returns a spec with rule whose form asks a text (personal
// by its type), a choice (kept by anonymization), a choice marked
// Personal and a file.
func retentionSpec(slug string, unit int64, rule eservice.Retention) eservice.Spec {
	s := errandSpec(slug, "Gallring "+slug, unit)
	s.Retention = rule
	opts := []eservice.Option{{Value: "ja", Label: eservice.Text{SV: "Ja"}}, {Value: "nej", Label: eservice.Text{SV: "Nej"}}}
	s.Form.Pages[0].Questions = append(s.Form.Pages[0].Questions,
		eservice.Question{ID: "kategori", Type: eservice.TypeChoice, Label: eservice.Text{SV: "Kategori"}, Options: opts},
		eservice.Question{ID: "halsa", Type: eservice.TypeChoice, Label: eservice.Text{SV: "Hälsa"}, Options: opts, Personal: true})
	return s
}

// retentionAnswers are the answers of the retention fixture's errands.
func retentionAnswers() eservice.Answers {
	return eservice.Answers{"what": {"Altan på Storgatan 7"}, "kategori": {"ja"}, "halsa": {"nej"}, "ritning": {"1"}}
}

// handled submits an errand of s from a draft with a file (key+"-draft"),
// exchanges a message with an attachment (key+"-msg"), a note and a
// decision, and closes it. The resident asked for letters.
func (f retentionFixture) handled(t *testing.T, s store.Service, key string) eservice.Errand {
	t.Helper()
	ctx := t.Context()
	owner := store.DraftOwner{ResidentID: f.resident.ID}
	d, err := f.db.StartDraft(ctx, store.Draft{ServiceID: s.ID, Version: s.Published, Answers: retentionAnswers()}, owner)
	if err != nil {
		t.Fatal(err)
	}
	drawing, err := f.db.SaveFile(ctx, eservice.File{Name: "ritning.pdf", MediaType: "application/pdf", Size: 3, Key: key + "-draft"}, d.ID, "ritning")
	if err != nil {
		t.Fatal(err)
	}
	n := digital(s, f.resident.ID)
	n.Answers, n.DraftID, n.Owner, n.ByLetter = retentionAnswers(), d.ID, owner, true
	n.Answers["ritning"] = []string{strconv.FormatInt(drawing, 10)}
	e := f.submit(t, n)
	loose, err := f.db.SaveFile(ctx, eservice.File{Name: "svar.pdf", MediaType: "application/pdf", Size: 3, Key: key + "-msg"}, 0, "")
	if err != nil {
		t.Fatal(err)
	}
	f.change(t, store.ErrandChange{ErrandID: e.ID, ByUserID: f.officer.ID, Message: "Hej Anna, se bilagan", Files: []int64{loose}})
	f.change(t, store.ErrandChange{ErrandID: e.ID, ByUserID: f.officer.ID, Note: "Anna ringde om sin rygg"})
	f.change(t, store.ErrandChange{ErrandID: e.ID, ByUserID: f.officer.ID, Decision: "Bygglov beviljas för Anna"})
	f.closeErrand(t, e.ID)
	return e
}

// closeErrand moves errand id to the closed status.
func (f retentionFixture) closeErrand(t *testing.T, id int64) {
	t.Helper()
	f.change(t, store.ErrandChange{ErrandID: id, ByUserID: f.officer.ID, Status: "avslutat"})
}

// moveTo moves the fixture's clock forward to at.
func (f retentionFixture) moveTo(t *testing.T, at time.Time) {
	t.Helper()
	if d := at.Sub(f.clock.Now()); d > 0 {
		f.clock.Add(d)
	}
}

// dueIDs returns the ids of the errands due at now.
func (f retentionFixture) dueIDs(t *testing.T, now time.Time) []int64 {
	t.Helper()
	cs, err := f.db.DueForRetention(t.Context(), now, 100)
	if err != nil {
		t.Fatalf("DueForRetention: %v", err)
	}
	var ids []int64
	for _, c := range cs {
		ids = append(ids, c.ErrandID)
	}
	return ids
}

// apply applies retention to errand id at the fixture's clock.
func (f retentionFixture) apply(t *testing.T, id int64) store.RetentionResult {
	t.Helper()
	res, err := f.db.ApplyRetention(t.Context(), id, f.clock.Now())
	if err != nil {
		t.Fatalf("ApplyRetention %d: %v", id, err)
	}
	return res
}

// count runs a COUNT(*) query on the raw database.
func (f retentionFixture) count(t *testing.T, q string, args ...any) int {
	t.Helper()
	var n int
	if err := rawDB(t, f.db).QueryRowContext(t.Context(), errandsRebind(f.db, q), args...).Scan(&n); err != nil {
		t.Fatalf("%s: %v", q, err)
	}
	return n
}

// retentionEntries returns the errand.retention audit entries of errand id.
func (f retentionFixture) retentionEntries(t *testing.T, id int64) []audit.Entry {
	t.Helper()
	p, err := f.db.FindAuditEntries(t.Context(), audit.Filter{Action: audit.ErrandRetention, ObjectType: "errand", ObjectID: idText(id)})
	if err != nil {
		t.Fatal(err)
	}
	return p.Entries
}

// pending returns the queued blob deletions, sorted.
func (f retentionFixture) pending(t *testing.T) []string {
	t.Helper()
	keys, err := f.db.PendingBlobDeletions(t.Context(), 100)
	if err != nil {
		t.Fatal(err)
	}
	slices.Sort(keys)
	return keys
}

func TestRetentionAnonymizes(t *testing.T) {
	t.Parallel()
	eachRetention(t, func(t *testing.T, f retentionFixture) {
		ctx := t.Context()
		e := f.handled(t, f.anon, "a")
		closed := f.clock.Now().Truncate(time.Microsecond)
		if n := f.count(t, `SELECT COUNT(*) FROM letters WHERE errand_id = ?`, e.ID); n != 2 {
			t.Fatalf("%d letters queued, want the message's and the decision's", n)
		}

		f.moveTo(t, closed.AddDate(0, 12, 0).Add(-time.Hour))
		if ids := f.dueIDs(t, f.clock.Now()); len(ids) != 0 {
			t.Errorf("due an hour before a year passed: %v", ids)
		}
		if res := f.apply(t, e.ID); res.Skipped != store.RetentionSkipNotDue || res.Action != "" {
			t.Errorf("ApplyRetention before due = %+v, want skipped not_due", res)
		}

		f.moveTo(t, closed.AddDate(0, 12, 0))
		if ids := f.dueIDs(t, f.clock.Now()); !slices.Equal(ids, []int64{e.ID}) {
			t.Fatalf("due a year after closing: %v, want [%d]", ids, e.ID)
		}
		res := f.apply(t, e.ID)
		slices.Sort(res.BlobKeys)
		if res.Action != eservice.RetainAnonymize || res.DiaryNumber != e.DiaryNumber || !slices.Equal(res.BlobKeys, []string{"a-draft", "a-msg"}) {
			t.Errorf("ApplyRetention = %+v, want anonymize with both files", res)
		}

		got, err := f.db.ReadErrand(ctx, e.ID, store.ErrandReader{System: true, Reason: "test"})
		if err != nil {
			t.Fatal(err)
		}
		want := eservice.Answers{"kategori": {"ja"}}
		if len(got.Answers) != 1 || got.Answers.Get("kategori") != "ja" {
			t.Errorf("answers after anonymization = %v, want %v", got.Answers, want)
		}
		if !got.Anonymized || got.Email != "" || got.ResidentID != 0 {
			t.Errorf("errand after anonymization = %+v, want anonymized without address and resident", got)
		}
		if got.Channel != e.Channel || got.Status != "avslutat" || !got.SubmittedAt.Equal(e.SubmittedAt) ||
			got.ClosedAt.IsZero() || got.DecidedAt.IsZero() || got.ServiceID != f.anon.ID || got.UnitID != f.unit {
			t.Errorf("statistics facts changed: %+v, submitted %+v", got, e)
		}

		history, err := f.db.ErrandHistory(ctx, e.ID, false)
		if err != nil {
			t.Fatal(err)
		}
		for _, ev := range history {
			if ev.Body != "" || len(ev.Files) != 0 {
				t.Errorf("event %s kept body %q or files %v", ev.Kind, ev.Body, ev.Files)
			}
		}
		last := history[len(history)-1]
		if last.Kind != eservice.EventRetention || !last.Internal || last.Data["action"] != "anonymize" || len(history) != 6 {
			t.Errorf("history = %+v, want the five events and a retention event", history)
		}
		for q, want := range map[string]int{
			`SELECT COUNT(*) FROM errand_files`:                                                0,
			`SELECT COUNT(*) FROM errand_events WHERE errand_id = ? AND body_enc IS NOT NULL`:  0,
			`SELECT COUNT(*) FROM letters WHERE errand_id = ?`:                                 0,
			`SELECT COUNT(*) FROM eservice_drafts WHERE errand_id = ? AND resident_id IS NULL`: 1,
		} {
			args := []any{e.ID}
			if !strings.Contains(q, "?") {
				args = nil
			}
			if n := f.count(t, q, args...); n != want {
				t.Errorf("%s = %d, want %d", q, n, want)
			}
		}
		if keys := f.pending(t); !slices.Equal(keys, []string{"a-draft", "a-msg"}) {
			t.Errorf("queued blob deletions %v, want both files", keys)
		}
		mine, err := f.db.ResidentExtract(ctx, f.resident.ID, "json")
		if err != nil {
			t.Fatal(err)
		}
		if len(mine.Errands) != 0 {
			t.Errorf("the resident's extract still lists %d errands", len(mine.Errands))
		}

		entries := f.retentionEntries(t, e.ID)
		if len(entries) != 1 {
			t.Fatalf("%d retention audit entries, want 1", len(entries))
		}
		a := entries[0]
		if a.ActorKind != audit.System || a.ResidentID != 0 || !strings.Contains(a.Detail, "anonymize "+e.DiaryNumber) ||
			!strings.Contains(a.Detail, "gallra-anonym") || strings.Contains(a.Detail, "Anna") || strings.Contains(a.Detail, "Storgatan") {
			t.Errorf("audit entry %+v", a)
		}

		again := f.apply(t, e.ID)
		if again.Action != "" || again.Skipped != store.RetentionSkipAnonymized || len(again.BlobKeys) != 0 {
			t.Errorf("second ApplyRetention = %+v, want skipped anonymized", again)
		}
		if ids := f.dueIDs(t, f.clock.Now()); len(ids) != 0 {
			t.Errorf("due after anonymization: %v", ids)
		}
		if n := len(f.retentionEntries(t, e.ID)); n != 1 {
			t.Errorf("%d retention audit entries after running twice, want 1", n)
		}
	})
}

func TestRetentionDeletes(t *testing.T) {
	t.Parallel()
	eachRetention(t, func(t *testing.T, f retentionFixture) {
		ctx := t.Context()
		e := f.handled(t, f.del, "d")
		kept := f.handled(t, f.anon, "k") // closed at the same time, a longer rule
		closed := f.clock.Now()
		f.moveTo(t, closed.AddDate(0, 6, 1))
		if ids := f.dueIDs(t, f.clock.Now()); !slices.Equal(ids, []int64{e.ID}) {
			t.Fatalf("due after six months: %v, want [%d]", ids, e.ID)
		}
		res := f.apply(t, e.ID)
		slices.Sort(res.BlobKeys)
		if res.Action != eservice.RetainDelete || !slices.Equal(res.BlobKeys, []string{"d-draft", "d-msg"}) {
			t.Errorf("ApplyRetention = %+v, want delete with both files", res)
		}
		if _, err := f.db.FindErrandUnit(ctx, e.ID); err == nil {
			t.Error("the errand is still there")
		}
		for _, table := range []string{"errand_events", "errand_files", "letters"} {
			if n := f.count(t, `SELECT COUNT(*) FROM `+table+` WHERE errand_id = ?`, e.ID); n != 0 {
				t.Errorf("%d rows of %s left", n, table)
			}
		}
		if n := f.count(t, `SELECT COUNT(*) FROM errand_files WHERE errand_id = ?`, kept.ID); n != 2 {
			t.Errorf("the other errand has %d files, want 2", n)
		}
		if n := f.count(t, `SELECT COUNT(*) FROM eservice_drafts WHERE service_id = ? AND errand_id IS NULL AND resident_id IS NULL AND submitted_at IS NOT NULL`, f.del.ID); n != 1 {
			t.Errorf("%d detached drafts, want the one the errand came from (kept for statistics)", n)
		}
		if keys := f.pending(t); !slices.Equal(keys, []string{"d-draft", "d-msg"}) {
			t.Errorf("queued blob deletions %v", keys)
		}
		entries := f.retentionEntries(t, e.ID)
		if len(entries) != 1 || !strings.Contains(entries[0].Detail, "delete "+e.DiaryNumber) || entries[0].ActorKind != audit.System {
			t.Errorf("audit entries %+v", entries)
		}
		if again := f.apply(t, e.ID); again.Skipped != store.RetentionSkipGone {
			t.Errorf("ApplyRetention of a deleted errand = %+v, want skipped gone", again)
		}
		if n := len(f.retentionEntries(t, e.ID)); n != 1 {
			t.Errorf("%d audit entries after running twice, want 1", n)
		}
	})
}

func TestRetentionLegalHold(t *testing.T) {
	t.Parallel()
	eachRetention(t, func(t *testing.T, f retentionFixture) {
		ctx := t.Context()
		on, off := true, false
		held := f.handled(t, f.anon, "h1")
		heldDel := f.handled(t, f.del, "h2")
		late := f.handled(t, f.del, "h3") // held after it was found due
		for _, id := range []int64{held.ID, heldDel.ID} {
			f.change(t, store.ErrandChange{ErrandID: id, ByUserID: f.officer.ID, Hold: &on})
		}
		f.moveTo(t, f.clock.Now().AddDate(2, 0, 0))
		if ids := f.dueIDs(t, f.clock.Now()); !slices.Equal(ids, []int64{late.ID}) {
			t.Fatalf("due = %v, want only [%d]", ids, late.ID)
		}
		f.change(t, store.ErrandChange{ErrandID: late.ID, ByUserID: f.officer.ID, Hold: &on})
		for _, id := range []int64{held.ID, heldDel.ID, late.ID} {
			if res := f.apply(t, id); res.Action != "" || res.Skipped != store.RetentionSkipHold {
				t.Errorf("ApplyRetention of held errand %d = %+v, want skipped legal_hold", id, res)
			}
			got, err := f.db.ReadErrand(ctx, id, store.ErrandReader{System: true, Reason: "test"})
			if err != nil || got.Anonymized || got.Answers.Get("what") == "" || got.Email == "" {
				t.Errorf("held errand %d after retention: %+v, %v", id, got, err)
			}
			if n := len(f.retentionEntries(t, id)); n != 0 {
				t.Errorf("%d audit entries for held errand %d", n, id)
			}
		}
		if keys := f.pending(t); len(keys) != 0 {
			t.Errorf("blob deletions queued for held errands: %v", keys)
		}
		f.change(t, store.ErrandChange{ErrandID: late.ID, ByUserID: f.officer.ID, Hold: &off})
		if res := f.apply(t, late.ID); res.Action != eservice.RetainDelete {
			t.Errorf("ApplyRetention after the hold was lifted = %+v, want delete", res)
		}
	})
}

func TestRetentionLeavesOpenAndRecent(t *testing.T) {
	t.Parallel()
	eachRetention(t, func(t *testing.T, f retentionFixture) {
		open := f.submit(t, digital(f.anon, f.resident.ID))
		first := f.handled(t, f.del, "r1")
		f.moveTo(t, f.clock.Now().AddDate(0, 1, 0))
		second := f.handled(t, f.del, "r2")
		third := f.handled(t, f.anon, "r3")
		f.moveTo(t, f.clock.Now().AddDate(0, 6, 0))

		if ids := f.dueIDs(t, f.clock.Now()); !slices.Equal(ids, []int64{first.ID, second.ID}) {
			t.Errorf("due = %v, want [%d %d] (oldest first; not the open one or the one with a year's rule)", ids, first.ID, second.ID)
		}
		one, err := f.db.DueForRetention(t.Context(), f.clock.Now(), 1)
		if err != nil || len(one) != 1 || one[0].ErrandID != first.ID || one[0].Rule.Action != eservice.RetainDelete ||
			one[0].ServiceID != f.del.ID || one[0].DiaryNumber != first.DiaryNumber {
			t.Errorf("DueForRetention(limit 1) = %+v, %v", one, err)
		}
		if _, err := f.db.DueForRetention(t.Context(), f.clock.Now(), 0); err == nil {
			t.Error("DueForRetention(limit 0) succeeded")
		}
		for id, want := range map[int64]string{open.ID: store.RetentionSkipOpen, third.ID: store.RetentionSkipNotDue} {
			if res := f.apply(t, id); res.Action != "" || res.Skipped != want {
				t.Errorf("ApplyRetention %d = %+v, want skipped %s", id, res, want)
			}
		}
		f.moveTo(t, f.clock.Now().AddDate(10, 0, 0))
		if ids := f.dueIDs(t, f.clock.Now()); slices.Contains(ids, open.ID) {
			t.Errorf("an open errand is due after ten years: %v", ids)
		}
	})
}

func TestRetentionCutoff(t *testing.T) {
	t.Parallel()
	stockholm, err := time.LoadLocation("Europe/Stockholm")
	if err != nil {
		t.Skip("no time zone data")
	}
	for _, c := range []struct {
		now    time.Time
		months int
		want   time.Time
	}{
		{time.Date(2027, 3, 10, 9, 0, 0, 0, time.UTC), 12, time.Date(2026, 3, 10, 9, 0, 0, 0, time.UTC)},
		// Summer time now, winter time then: the same wall-clock hour.
		{time.Date(2026, 7, 1, 8, 0, 0, 0, time.UTC), 6, time.Date(2026, 1, 1, 10, 0, 0, 0, stockholm).UTC()},
		// 31 March less a month is 3 March (AddDate normalizes 31 February).
		{time.Date(2026, 3, 31, 12, 0, 0, 0, time.UTC), 1, time.Date(2026, 3, 3, 14, 0, 0, 0, stockholm).UTC()},
	} {
		if got := store.RetentionCutoff(c.now, c.months); !got.Equal(c.want) {
			t.Errorf("RetentionCutoff(%s, %d) = %s, want %s", c.now, c.months, got, c.want)
		}
	}
}

func TestOrphanFiles(t *testing.T) {
	t.Parallel()
	eachRetention(t, func(t *testing.T, f retentionFixture) {
		ctx := t.Context()
		save := func(key string, draft int64) {
			t.Helper()
			q := ""
			if draft != 0 {
				q = "ritning"
			}
			if _, err := f.db.SaveFile(ctx, eservice.File{Name: key + ".pdf", MediaType: "application/pdf", Size: 1, Key: key}, draft, q); err != nil {
				t.Fatal(err)
			}
		}
		anonDraft, err := f.db.StartDraft(ctx, store.Draft{ServiceID: f.anon.ID, Version: f.anon.Published}, store.DraftOwner{Token: "browser"})
		if err != nil {
			t.Fatal(err)
		}
		residentDraft, err := f.db.StartDraft(ctx, store.Draft{ServiceID: f.anon.ID, Version: f.anon.Published}, store.DraftOwner{ResidentID: f.resident.ID})
		if err != nil {
			t.Fatal(err)
		}
		save("loose", 0)
		save("anon-draft", anonDraft.ID)
		save("resident-draft", residentDraft.ID)
		f.handled(t, f.anon, "errand") // its files are on an errand

		orphans := func(olderThan time.Time) []string {
			t.Helper()
			keys, err := f.db.OrphanFiles(ctx, olderThan, 100)
			if err != nil {
				t.Fatal(err)
			}
			slices.Sort(keys)
			return keys
		}
		day := 24 * time.Hour
		if keys := orphans(f.clock.Now().Add(-day)); len(keys) != 0 {
			t.Errorf("fresh orphans: %v", keys)
		}
		f.moveTo(t, f.clock.Now().Add(day+time.Hour)) // the anonymous draft expired an hour ago
		if keys := orphans(f.clock.Now().Add(-day)); !slices.Equal(keys, []string{"loose"}) {
			t.Errorf("orphans after a day: %v, want the loose upload", keys)
		}
		f.moveTo(t, f.clock.Now().Add(day))
		cutoff := f.clock.Now().Add(-day)
		if keys := orphans(cutoff); !slices.Equal(keys, []string{"anon-draft", "loose"}) {
			t.Errorf("orphans a day after the anonymous draft expired: %v", keys)
		}
		if keys, err := f.db.OrphanFiles(ctx, cutoff, 1); err != nil || !slices.Equal(keys, []string{"loose"}) {
			t.Errorf("OrphanFiles(limit 1) = %v, %v; want the oldest", keys, err)
		}

		gone, err := f.db.DeleteOrphanFileRows(ctx, []string{"loose", "anon-draft", "resident-draft", "errand-draft", "unknown"}, cutoff)
		slices.Sort(gone)
		if err != nil || !slices.Equal(gone, []string{"anon-draft", "loose"}) {
			t.Errorf("DeleteOrphanFileRows = %v, %v; want only the orphans", gone, err)
		}
		if n := f.count(t, `SELECT COUNT(*) FROM errand_files`); n != 3 {
			t.Errorf("%d file rows left, want the resident draft's and the errand's two", n)
		}
		if keys := f.pending(t); !slices.Equal(keys, []string{"anon-draft", "loose"}) {
			t.Errorf("queued blob deletions %v", keys)
		}
		if keys := orphans(cutoff); len(keys) != 0 {
			t.Errorf("orphans after the sweep: %v", keys)
		}
		f.moveTo(t, f.clock.Now().Add(store.ResidentDraftTTL))
		if keys := orphans(f.clock.Now().Add(-day)); !slices.Equal(keys, []string{"resident-draft"}) {
			t.Errorf("orphans after the resident's draft expired: %v", keys)
		}
	})
}

func TestBlobDeletionQueue(t *testing.T) {
	t.Parallel()
	eachRetention(t, func(t *testing.T, f retentionFixture) {
		ctx := t.Context()
		if err := f.db.QueueBlobDeletions(ctx, []string{"b", "a", "a"}); err != nil {
			t.Fatal(err)
		}
		if _, err := f.db.SaveFile(ctx, eservice.File{Name: "x.pdf", MediaType: "application/pdf", Size: 1, Key: "in-use"}, 0, ""); err != nil {
			t.Fatal(err)
		}
		if err := f.db.QueueBlobDeletions(ctx, []string{"in-use"}); err != nil {
			t.Fatal(err)
		}
		if keys := f.pending(t); !slices.Equal(keys, []string{"a", "b"}) {
			t.Errorf("pending = %v, want a and b (never a key a row still names)", keys)
		}
		if err := f.db.ClearBlobDeletions(ctx, []string{"a", "unknown"}); err != nil {
			t.Fatal(err)
		}
		if keys := f.pending(t); !slices.Equal(keys, []string{"b"}) {
			t.Errorf("pending after clearing a = %v", keys)
		}
		if _, err := f.db.PendingBlobDeletions(ctx, 0); err == nil {
			t.Error("PendingBlobDeletions(limit 0) succeeded")
		}
	})
}
