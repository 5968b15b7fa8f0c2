package jobs_test

import (
	"context"
	"crypto/rand"
	"errors"
	"slices"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"sprang"
	"sprang/internal/audit"
	"sprang/internal/eservice"
	"sprang/internal/files"
	"sprang/internal/identity"
	"sprang/internal/jobs"
	"sprang/internal/secret"
	"sprang/internal/store"
	"sprang/internal/store/storetest"
)

// retentionWorld is a database with a unit, a case officer and two
// services — one anonymizing errands a month after closing, one deleting
// them — on a clock the test moves, and blob storage in a directory.
type retentionWorld struct {
	db       *store.DB
	clock    *storetest.Clock
	files    *files.Store
	officer  identity.User
	resident identity.Resident
	anon     store.Service
	del      store.Service
}

// eachRetentionWorld runs fn as a parallel subtest on each engine with a
// fresh world.
func eachRetentionWorld(t *testing.T, fn func(t *testing.T, w retentionWorld)) {
	t.Helper()
	for _, e := range storetest.Engines() {
		t.Run(string(e), func(t *testing.T) {
			t.Parallel()
			fn(t, newRetentionWorld(t, e))
		})
	}
}

func newRetentionWorld(t *testing.T, e store.Engine) retentionWorld {
	t.Helper()
	ctx := t.Context()
	box := mustBox(t)
	var err error
	w := retentionWorld{clock: storetest.NewClock(time.Date(2026, 3, 10, 9, 0, 0, 0, time.UTC))}
	w.db = storetest.OpenEngineClock(t, e, w.clock.Now).WithBox(box)
	if w.files, err = files.Open(ctx, files.DefaultURL(t.TempDir()), box); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = w.files.Close() })
	top, err := w.db.CreateUnit(ctx, identity.Unit{Kind: identity.KindGroup, Slug: "kommunen",
		NameSV: "Kommunen", NameEN: "The municipality", OrgNumber: "2120002411"})
	if err != nil {
		t.Fatal(err)
	}
	unit, err := w.db.CreateUnit(ctx, identity.Unit{ParentID: top.ID, Kind: identity.KindForvaltning, Slug: "samhallsbyggnad",
		NameSV: "Samhällsbyggnad", NameEN: "Planning"})
	if err != nil {
		t.Fatal(err)
	}
	if w.officer, err = w.db.CreateUser(ctx, identity.NewUser{Username: "handlaggare", DisplayName: "Handläggare"}); err != nil {
		t.Fatal(err)
	}
	if w.resident, err = w.db.FindOrCreateResidentByEmail(ctx, "anna@example.se"); err != nil {
		t.Fatal(err)
	}
	w.anon = w.publish(t, "anonymiseras", unit.ID, eservice.Retention{Months: 1, Action: eservice.RetainAnonymize})
	w.del = w.publish(t, "raderas", unit.ID, eservice.Retention{Months: 1, Action: eservice.RetainDelete})
	return w
}

// publish creates and publishes a service with rule.
func (w retentionWorld) publish(t *testing.T, slug string, unit int64, rule eservice.Retention) store.Service {
	t.Helper()
	spec := eservice.Spec{
		Format: eservice.FormatVersion, Slug: slug, UnitID: unit, Category: "bygga-bo",
		Title: eservice.Text{SV: "Tjänst " + slug}, Summary: eservice.Text{SV: "Sammanfattning"},
		Privacy: eservice.Privacy{Purpose: eservice.Text{SV: "Handläggning"}, LegalBasis: eservice.Text{SV: "Myndighetsutövning"},
			Retention: eservice.Text{SV: "En månad"}, Controller: "Kommunen"},
		Retention: rule, TargetDays: 14, Statuses: eservice.DefaultStatuses(),
		Form: eservice.Form{Pages: []eservice.Page{{ID: "start", Title: eservice.Text{SV: "Ärendet"},
			Questions: []eservice.Question{
				{ID: "what", Type: eservice.TypeText, Label: eservice.Text{SV: "Vad"}},
				{ID: "typ", Type: eservice.TypeChoice, Label: eservice.Text{SV: "Typ"},
					Options: []eservice.Option{{Value: "altan", Label: eservice.Text{SV: "Altan"}}}},
				{ID: "ritning", Type: eservice.TypeFile, Label: eservice.Text{SV: "Ritning"}},
			}}}},
	}
	s, err := w.db.CreateService(t.Context(), spec, w.officer.ID)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := w.db.PublishService(t.Context(), s.ID, w.officer.ID); err != nil {
		t.Fatal(err)
	}
	if s, err = w.db.FindService(t.Context(), s.ID); err != nil {
		t.Fatal(err)
	}
	return s
}

// upload stores a file in blob storage and its row (on draft, or loose
// with 0), and returns the row's id and the blob key.
func (w retentionWorld) upload(t *testing.T, draft int64) (int64, string) {
	t.Helper()
	f, err := w.files.Put(t.Context(), "ritning.txt", strings.NewReader("Ritning över Annas altan\n"), eservice.FileRule{})
	if err != nil {
		t.Fatal(err)
	}
	q := ""
	if draft != 0 {
		q = "ritning"
	}
	id, err := w.db.SaveFile(t.Context(), f, draft, q)
	if err != nil {
		t.Fatal(err)
	}
	return id, f.Key
}

// closedErrand submits an errand of s from a draft with an uploaded file,
// sends a message with another, closes it and returns it with both keys.
func (w retentionWorld) closedErrand(t *testing.T, s store.Service) (eservice.Errand, []string) {
	t.Helper()
	ctx := t.Context()
	owner := store.DraftOwner{ResidentID: w.resident.ID}
	d, err := w.db.StartDraft(ctx, store.Draft{ServiceID: s.ID, Version: s.Published}, owner)
	if err != nil {
		t.Fatal(err)
	}
	drawing, draftKey := w.upload(t, d.ID)
	e, err := w.db.SubmitErrand(ctx, store.NewErrand{ServiceID: s.ID, Version: s.Published, Channel: eservice.ChannelDigital,
		ResidentID: w.resident.ID, Answers: eservice.Answers{"what": {"Altan hos Anna"}, "typ": {"altan"}, "ritning": {strconv.FormatInt(drawing, 10)}},
		Email: "anna@example.se", DraftID: d.ID, Owner: owner}, rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	loose, msgKey := w.upload(t, 0)
	for _, c := range []store.ErrandChange{
		{ErrandID: e.ID, ByUserID: w.officer.ID, Message: "Se bilagan, Anna", Files: []int64{loose}},
		{ErrandID: e.ID, ByUserID: w.officer.ID, Status: "avslutat"},
	} {
		if _, err := w.db.ChangeErrand(ctx, c); err != nil {
			t.Fatal(err)
		}
	}
	return e, []string{draftKey, msgKey}
}

// exists reports whether blob key is still in storage.
func (w retentionWorld) exists(t *testing.T, key string) bool {
	t.Helper()
	_, err := w.files.Read(t.Context(), eservice.File{Key: key, Size: int64(len("Ritning över Annas altan\n"))})
	if sprang.ErrorKind(err) == sprang.NotFound {
		return false
	}
	if err != nil {
		t.Fatalf("read %s: %v", key, err)
	}
	return true
}

// runs returns the retention.run audit entries, newest first.
func (w retentionWorld) runs(t *testing.T) []audit.Entry {
	t.Helper()
	p, err := w.db.FindAuditEntries(t.Context(), audit.Filter{Action: audit.RetentionRun})
	if err != nil {
		t.Fatal(err)
	}
	return p.Entries
}

func TestRunRetention(t *testing.T) {
	t.Parallel()
	eachRetentionWorld(t, func(t *testing.T, w retentionWorld) {
		ctx := t.Context()
		anon, anonKeys := w.closedErrand(t, w.anon)
		del, delKeys := w.closedErrand(t, w.del)
		held, heldKeys := w.closedErrand(t, w.del)
		on := true
		if _, err := w.db.ChangeErrand(ctx, store.ErrandChange{ErrandID: held.ID, ByUserID: w.officer.ID, Hold: &on}); err != nil {
			t.Fatal(err)
		}
		open, err := w.db.SubmitErrand(ctx, store.NewErrand{ServiceID: w.del.ID, Version: w.del.Published,
			Channel: eservice.ChannelDigital, Answers: eservice.Answers{"what": {"Öppet"}}}, rand.Reader)
		if err != nil {
			t.Fatal(err)
		}
		_, orphanKey := w.upload(t, 0) // a message upload never sent

		rep, err := jobs.RunRetention(ctx, w.db, w.files, nil)
		if err != nil || rep != (jobs.RetentionReport{}) {
			t.Errorf("run before anything is due = %+v, %v; want nothing done", rep, err)
		}
		if n := len(w.runs(t)); n != 0 {
			t.Errorf("%d retention.run entries for a run that did nothing", n)
		}

		w.clock.Add(40 * 24 * time.Hour)
		rep, err = jobs.RunRetention(ctx, w.db, w.files, nil)
		want := jobs.RetentionReport{Anonymized: 1, Deleted: 1, OrphanFiles: 1, Blobs: 5}
		if err != nil || rep != want {
			t.Fatalf("RunRetention = %+v, %v; want %+v", rep, err, want)
		}
		for _, k := range slices.Concat(anonKeys, delKeys, []string{orphanKey}) {
			if w.exists(t, k) {
				t.Errorf("blob %s is still in storage", k)
			}
		}
		for _, k := range heldKeys {
			if !w.exists(t, k) {
				t.Errorf("blob %s of the held errand was deleted", k)
			}
		}
		if pending, err := w.db.PendingBlobDeletions(ctx, 10); err != nil || len(pending) != 0 {
			t.Errorf("blob deletions still queued: %v, %v", pending, err)
		}
		got, err := w.db.ReadErrand(ctx, anon.ID, store.ErrandReader{System: true, Reason: "test"})
		if err != nil || !got.Anonymized || got.Answers.Get("what") != "" || got.Answers.Get("typ") != "altan" || got.Email != "" {
			t.Errorf("anonymized errand = %+v, %v", got, err)
		}
		if _, err := w.db.FindErrandUnit(ctx, del.ID); sprang.ErrorKind(err) != sprang.NotFound {
			t.Errorf("deleted errand: %v, want NotFound", err)
		}
		for _, id := range []int64{held.ID, open.ID} {
			got, err := w.db.ReadErrand(ctx, id, store.ErrandReader{System: true, Reason: "test"})
			if err != nil || got.Anonymized || got.Answers.Get("what") == "" {
				t.Errorf("errand %d (held or open) = %+v, %v; want untouched", id, got, err)
			}
		}
		runs := w.runs(t)
		if len(runs) != 1 || runs[0].ActorKind != audit.System ||
			runs[0].Detail != "anonymized 1, deleted 1, skipped 0, orphan files 1, blobs deleted 5, failed 0, blob failures 0" {
			t.Errorf("retention.run entries = %+v", runs)
		}

		rep, err = jobs.RunRetention(ctx, w.db, w.files, nil)
		if err != nil || rep != (jobs.RetentionReport{}) {
			t.Errorf("second run = %+v, %v; want nothing done", rep, err)
		}
		if n := len(w.runs(t)); n != 1 {
			t.Errorf("%d retention.run entries after a second run that did nothing, want 1", n)
		}
	})
}

// failingBlobs fails to delete the keys in fail, and deletes the others
// from the store.
type failingBlobs struct {
	store *files.Store
	mu    sync.Mutex
	fail  map[string]bool
}

func (b *failingBlobs) Delete(ctx context.Context, key string) error {
	b.mu.Lock()
	fail := b.fail[key]
	b.mu.Unlock()
	if fail {
		return errors.New("bucket unavailable")
	}
	return b.store.Delete(ctx, key)
}

// TestRetentionBlobFailure checks that a blob that cannot be deleted
// stays queued (its row is gone already, the personal data with it) and
// is deleted by a later run.
func TestRetentionBlobFailure(t *testing.T) {
	t.Parallel()
	eachRetentionWorld(t, func(t *testing.T, w retentionWorld) {
		ctx := t.Context()
		_, keys := w.closedErrand(t, w.del)
		w.clock.Add(40 * 24 * time.Hour)
		blobs := &failingBlobs{store: w.files, fail: map[string]bool{keys[0]: true}}
		rep, err := jobs.RunRetention(ctx, w.db, blobs, nil)
		if err == nil || !strings.Contains(err.Error(), "bucket unavailable") {
			t.Errorf("RunRetention with a failing blob: %v, want the failure", err)
		}
		if want := (jobs.RetentionReport{Deleted: 1, Blobs: 1, BlobFailures: 1}); rep != want {
			t.Errorf("report = %+v, want %+v", rep, want)
		}
		if pending, err := w.db.PendingBlobDeletions(ctx, 10); err != nil || !slices.Equal(pending, keys[:1]) {
			t.Errorf("queued = %v, %v; want the failed key", pending, err)
		}
		if !w.exists(t, keys[0]) || w.exists(t, keys[1]) {
			t.Error("want the failed blob kept and the other deleted")
		}

		blobs.mu.Lock()
		blobs.fail = nil
		blobs.mu.Unlock()
		rep, err = jobs.RunRetention(ctx, w.db, blobs, nil)
		if err != nil || rep != (jobs.RetentionReport{Blobs: 1}) {
			t.Errorf("retry = %+v, %v; want the blob deleted", rep, err)
		}
		if w.exists(t, keys[0]) {
			t.Error("the blob survived the retry")
		}
		if runs := w.runs(t); len(runs) != 2 || !strings.Contains(runs[1].Detail, "blob failures 1") {
			t.Errorf("retention.run entries = %+v", runs)
		}
	})
}

// TestRetentionJobRuns checks that the periodic retention job is enqueued
// when a runner becomes leader and completes.
func TestRetentionJobRuns(t *testing.T) {
	t.Parallel()
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		fs, err := files.Open(t.Context(), "mem://", mustBox(t))
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { _ = fs.Close() })
		r := newRunner(t, db, func(r *jobs.Runner) error { return jobs.RegisterRetention(r, fs) })
		deadline := time.Now().Add(20 * time.Second)
		for {
			js, err := r.List(context.Background(), jobs.JobFilter{Kind: "retention"})
			if err != nil {
				t.Fatalf("list: %v", err)
			}
			if len(js) == 1 && js[0].State == "completed" {
				return
			}
			if time.Now().After(deadline) {
				t.Fatalf("retention jobs after deadline: %+v", js)
			}
			time.Sleep(20 * time.Millisecond)
		}
	})
	if err := jobs.RegisterRetention(jobs.New(storetest.Open(t), nil, testConfig), nil); err == nil {
		t.Error("RegisterRetention without blob storage succeeded")
	}
}

func mustBox(t *testing.T) *secret.Box {
	t.Helper()
	b, err := secret.NewBox("retention-test-key-0123456789abcdef-0123")
	if err != nil {
		t.Fatal(err)
	}
	return b
}
