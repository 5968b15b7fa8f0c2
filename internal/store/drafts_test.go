package store_test

import (
	"bytes"
	"fmt"
	"slices"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"sprang"
	"sprang/internal/eservice"
	"sprang/internal/secret"
	"sprang/internal/store"
	"sprang/internal/store/storetest"
)

// draftFixture is a boxed database (db's box, or the test box) with a published service and two
// residents.
type draftFixture struct {
	db       *store.DB
	service  store.Service
	alice    int64
	bob      int64
	aliceOwn store.DraftOwner
	bobOwn   store.DraftOwner
}

func newDraftFixture(t *testing.T, db *store.DB) draftFixture {
	t.Helper()
	if db.Box() == nil {
		db = boxed(t, db)
	}
	f := newServiceFixture(t, db)
	s := f.createPublished(t, "felanmalan", "Felanmälan")
	alice, err := db.FindOrCreateResidentByEmail(t.Context(), "alice@example.se")
	if err != nil {
		t.Fatal(err)
	}
	bob, err := db.FindOrCreateResidentByEmail(t.Context(), "bob@example.se")
	if err != nil {
		t.Fatal(err)
	}
	s, _ = db.FindService(t.Context(), s.ID)
	return draftFixture{db: db, service: s, alice: alice.ID, bob: bob.ID,
		aliceOwn: store.DraftOwner{ResidentID: alice.ID}, bobOwn: store.DraftOwner{ResidentID: bob.ID}}
}

// start stores a draft of the fixture's service for owner.
func (f draftFixture) start(t *testing.T, owner store.DraftOwner, a eservice.Answers) store.Draft {
	t.Helper()
	d, err := f.db.StartDraft(t.Context(), store.Draft{ServiceID: f.service.ID, Version: f.service.Published, Answers: a}, owner)
	if err != nil {
		t.Fatalf("StartDraft: %v", err)
	}
	return d
}

func TestDraftOwners(t *testing.T) {
	t.Parallel()
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		ctx := t.Context()
		f := newDraftFixture(t, db)
		token := secret.Token()
		anon := store.DraftOwner{Token: token}
		mine := f.start(t, f.aliceOwn, eservice.Answers{"what": {"Trasig lampa"}})
		theirs := f.start(t, anon, eservice.Answers{"what": {"Hål i vägen"}})
		if mine.ID == 0 || mine.ResidentID != f.alice || mine.StartedAt.IsZero() || !mine.ExpiresAt.After(mine.StartedAt) {
			t.Fatalf("started %+v", mine)
		}

		got, err := f.db.FindDraft(ctx, mine.ID, f.aliceOwn)
		if err != nil {
			t.Fatal(err)
		}
		if diff := cmp.Diff(mine, got); diff != "" {
			t.Errorf("found draft (-started +found):\n%s", diff)
		}
		if got, err := f.db.FindDraft(ctx, theirs.ID, anon); err != nil || got.Answers.Get("what") != "Hål i vägen" || got.ResidentID != 0 {
			t.Errorf("anonymous draft = %+v, %v", got, err)
		}

		// Anyone else gets NotFound, as for a draft that does not exist.
		others := []struct {
			name  string
			id    int64
			owner store.DraftOwner
		}{
			{"another resident", mine.ID, f.bobOwn},
			{"a token for a resident's draft", mine.ID, store.DraftOwner{Token: token}},
			{"another token", theirs.ID, store.DraftOwner{Token: secret.Token()}},
			{"a resident for an anonymous draft", theirs.ID, f.aliceOwn},
			{"the token's hash as token", theirs.ID, store.DraftOwner{Token: secret.HashToken(token)}},
			{"nobody", mine.ID, store.DraftOwner{}},
			{"no such draft", mine.ID + theirs.ID, f.aliceOwn},
		}
		for _, o := range others {
			_, err := f.db.FindDraft(ctx, o.id, o.owner)
			wantKind(t, "FindDraft by "+o.name, err, sprang.NotFound)
			err = f.db.UpdateDraft(ctx, store.Draft{ID: o.id, Answers: eservice.Answers{"what": {"x"}}}, o.owner)
			wantKind(t, "UpdateDraft by "+o.name, err, sprang.NotFound)
			_, err = f.db.DeleteDraft(ctx, o.id, o.owner)
			wantKind(t, "DeleteDraft by "+o.name, err, sprang.NotFound)
		}
		_, err = f.db.StartDraft(ctx, store.Draft{ServiceID: f.service.ID, Version: 1}, store.DraftOwner{})
		wantKind(t, "StartDraft for nobody", err, sprang.Invalid)
		_, err = f.db.StartDraft(ctx, store.Draft{ServiceID: 999, Version: 1}, f.aliceOwn)
		wantKind(t, "StartDraft of no service", err, sprang.NotFound)

		// The owner deletes it.
		if keys, err := f.db.DeleteDraft(ctx, theirs.ID, anon); err != nil || len(keys) != 0 {
			t.Fatalf("DeleteDraft = %v, %v", keys, err)
		}
		_, err = f.db.FindDraft(ctx, theirs.ID, anon)
		wantKind(t, "deleted draft", err, sprang.NotFound)
	})
}

func TestUpdateDraftAndResidentDrafts(t *testing.T) {
	t.Parallel()
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		ctx := t.Context()
		f := newDraftFixture(t, db)
		first := f.start(t, f.aliceOwn, nil)
		if first.Answers == nil || len(first.Answers) != 0 {
			t.Errorf("no answers = %#v, want empty", first.Answers)
		}
		second := f.start(t, f.aliceOwn, eservice.Answers{"what": {"Första"}})
		f.start(t, f.bobOwn, nil)

		first.Answers = eservice.Answers{"what": {"Ändrad"}, "where.street": {"Storgatan 1"}}
		first.Page, first.Furthest = 2, 2
		if err := f.db.UpdateDraft(ctx, first, f.aliceOwn); err != nil {
			t.Fatal(err)
		}
		// Going back a page keeps the furthest page reached.
		first.Page, first.Furthest = 1, 0
		if err := f.db.UpdateDraft(ctx, first, f.aliceOwn); err != nil {
			t.Fatal(err)
		}
		got, err := f.db.FindDraft(ctx, first.ID, f.aliceOwn)
		if err != nil {
			t.Fatal(err)
		}
		if got.Page != 1 || got.Furthest != 2 || !cmp.Equal(got.Answers, first.Answers) || got.UpdatedAt.Before(first.UpdatedAt) {
			t.Errorf("updated draft = %+v", got)
		}

		list, err := f.db.ResidentDrafts(ctx, f.alice)
		if err != nil {
			t.Fatal(err)
		}
		var ids []int64
		for _, d := range list {
			ids = append(ids, d.ID)
		}
		if !slices.Equal(ids, []int64{first.ID, second.ID}) {
			t.Errorf("ResidentDrafts = %v, want %d (changed last) and %d", ids, first.ID, second.ID)
		}
		if list[0].UpdatedAt.Before(list[1].UpdatedAt) {
			t.Errorf("ResidentDrafts not newest first: %v, %v", list[0].UpdatedAt, list[1].UpdatedAt)
		}

		// A submitted draft is gone for its owner.
		if err := f.db.ExecForTest(ctx, `UPDATE eservice_drafts SET submitted_at = ? WHERE id = ?`, f.db.Now(), second.ID); err != nil {
			t.Fatal(err)
		}
		_, err = f.db.FindDraft(ctx, second.ID, f.aliceOwn)
		wantKind(t, "submitted draft", err, sprang.NotFound)
		wantKind(t, "update a submitted draft", f.db.UpdateDraft(ctx, second, f.aliceOwn), sprang.NotFound)
		if list, err := f.db.ResidentDrafts(ctx, f.alice); err != nil || len(list) != 1 || list[0].ID != first.ID {
			t.Errorf("ResidentDrafts after submitting = %+v, %v", list, err)
		}
	})
}

// TestDraftAnswersSealed checks that answers are stored encrypted, bound
// to their row, and need the box.
func TestDraftAnswersSealed(t *testing.T) {
	t.Parallel()
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		ctx := t.Context()
		f := newDraftFixture(t, db)
		const secretAnswer = "Storgatan 12, lägenhet 1102"
		a := f.start(t, f.aliceOwn, eservice.Answers{"what": {secretAnswer}})
		b := f.start(t, f.aliceOwn, eservice.Answers{"what": {"annat"}})
		raw := rawDB(t, f.db)
		var sealed []byte
		if err := raw.QueryRowContext(ctx, fmt.Sprintf(`SELECT answers_enc FROM eservice_drafts WHERE id = %d`, a.ID)).Scan(&sealed); err != nil {
			t.Fatal(err)
		}
		if len(sealed) == 0 || bytes.Contains(sealed, []byte("Storgatan")) || bytes.Contains(sealed, []byte("what")) {
			t.Fatalf("answers_enc = %q, want ciphertext", sealed)
		}
		// Moved to another row, the sealed answers do not open.
		if err := f.db.ExecForTest(ctx, `UPDATE eservice_drafts SET answers_enc = ? WHERE id = ?`, sealed, b.ID); err != nil {
			t.Fatal(err)
		}
		if _, err := f.db.FindDraft(ctx, b.ID, f.aliceOwn); err == nil {
			t.Error("answers copied to another draft opened")
		}
		// Without the box nothing is stored or read in clear.
		plain := db // the database without a box
		_, err := plain.StartDraft(ctx, store.Draft{ServiceID: f.service.ID, Version: 1, Answers: eservice.Answers{"what": {"x"}}}, f.aliceOwn)
		wantKind(t, "StartDraft without a box", err, sprang.Internal)
		_, err = plain.FindDraft(ctx, a.ID, f.aliceOwn)
		wantKind(t, "FindDraft without a box", err, sprang.Internal)
	})
}

func TestDraftExpiry(t *testing.T) {
	t.Parallel()
	for _, e := range storetest.Engines() {
		t.Run(string(e), func(t *testing.T) {
			t.Parallel()
			ctx := t.Context()
			clock := storetest.NewClock(time.Date(2026, 3, 2, 8, 0, 0, 0, time.UTC))
			f := newDraftFixture(t, storetest.OpenEngineClock(t, e, clock.Now))
			anonOwner := store.DraftOwner{Token: secret.Token()}
			anon := f.start(t, anonOwner, eservice.Answers{"what": {"anonym"}})
			res := f.start(t, f.aliceOwn, eservice.Answers{"what": {"invånare"}})
			if want := clock.Now().Add(store.AnonymousDraftTTL); !anon.ExpiresAt.Equal(want) {
				t.Errorf("anonymous draft expires %v, want %v", anon.ExpiresAt, want)
			}
			if want := clock.Now().Add(store.ResidentDraftTTL); !res.ExpiresAt.Equal(want) {
				t.Errorf("resident's draft expires %v, want %v", res.ExpiresAt, want)
			}

			// A change moves the expiry: 23 h, change, 23 h later it is still there.
			clock.Add(23 * time.Hour)
			anon.Page = 1
			if err := f.db.UpdateDraft(ctx, anon, anonOwner); err != nil {
				t.Fatal(err)
			}
			clock.Add(23 * time.Hour)
			if _, err := f.db.FindDraft(ctx, anon.ID, anonOwner); err != nil {
				t.Fatalf("anonymous draft 23 h after a change: %v", err)
			}
			clock.Add(2 * time.Hour)
			_, err := f.db.FindDraft(ctx, anon.ID, anonOwner)
			wantKind(t, "anonymous draft 25 h after a change", err, sprang.NotFound)
			wantKind(t, "update an expired draft", f.db.UpdateDraft(ctx, anon, anonOwner), sprang.NotFound)
			_, err = f.db.DeleteDraft(ctx, anon.ID, anonOwner)
			wantKind(t, "delete an expired draft", err, sprang.NotFound)
			if _, err := f.db.FindDraft(ctx, res.ID, f.aliceOwn); err != nil {
				t.Fatalf("resident's draft after 2 days: %v", err)
			}

			// Cleanup clears the expired answers and keeps the row.
			got, err := f.db.DeleteExpired(ctx)
			if err != nil || got.DraftAnswers != 1 {
				t.Fatalf("DeleteExpired = %+v, %v; want the answers of one draft cleared", got, err)
			}
			raw := rawDB(t, f.db)
			var sealed []byte
			var furthest int
			if err := raw.QueryRowContext(ctx, fmt.Sprintf(`SELECT answers_enc, furthest FROM eservice_drafts WHERE id = %d`, anon.ID)).Scan(&sealed, &furthest); err != nil {
				t.Fatalf("expired draft row: %v", err)
			}
			if sealed != nil || furthest != 1 {
				t.Errorf("expired draft: answers %q, furthest %d; want none and 1", sealed, furthest)
			}

			clock.Add(store.ResidentDraftTTL)
			_, err = f.db.FindDraft(ctx, res.ID, f.aliceOwn)
			wantKind(t, "resident's draft after 32 days", err, sprang.NotFound)
			if list, err := f.db.ResidentDrafts(ctx, f.alice); err != nil || len(list) != 0 {
				t.Errorf("ResidentDrafts of expired drafts = %+v, %v", list, err)
			}
			if got, err := f.db.DeleteExpired(ctx); err != nil || got.DraftAnswers != 1 {
				t.Errorf("second DeleteExpired = %+v, %v", got, err)
			}
		})
	}
}

func TestServiceFunnel(t *testing.T) {
	t.Parallel()
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		ctx := t.Context()
		f := newDraftFixture(t, db)
		from := f.db.Now().Add(-time.Hour)
		// Furthest pages of five drafts; the last two are submitted.
		for i, furthest := range []int{0, 2, 2, 3, 3} {
			d := f.start(t, store.DraftOwner{Token: secret.Token()}, nil)
			if err := f.db.ExecForTest(ctx, `UPDATE eservice_drafts SET furthest = ? WHERE id = ?`, furthest, d.ID); err != nil {
				t.Fatal(err)
			}
			if i >= 3 {
				if err := f.db.ExecForTest(ctx, `UPDATE eservice_drafts SET submitted_at = ? WHERE id = ?`, f.db.Now(), d.ID); err != nil {
					t.Fatal(err)
				}
			}
		}
		to := f.db.Now().Add(time.Hour)
		got, err := f.db.ServiceFunnel(ctx, f.service.ID, from, to)
		if err != nil {
			t.Fatal(err)
		}
		want := store.Funnel{Started: 5, Submitted: 2, DropOff: []int{1, 0, 2}}
		if diff := cmp.Diff(want, got); diff != "" {
			t.Errorf("funnel (-want +got):\n%s", diff)
		}
		if got, err := f.db.ServiceFunnel(ctx, f.service.ID, to, to.Add(time.Hour)); err != nil || got.Started != 0 || len(got.DropOff) != 0 {
			t.Errorf("funnel of an empty period = %+v, %v", got, err)
		}
	})
}

// TestRekeyDrafts rotates the secret key: the drafts' answers are resealed
// so that the new key alone opens them, and a second run changes nothing.
func TestRekeyDrafts(t *testing.T) {
	t.Parallel()
	storetest.Each(t, func(t *testing.T, raw *store.DB) {
		ctx := t.Context()
		oldKey, newKey := "the old key, long enough for the box 0001", "the new key, long enough for the box 0002"
		f := newDraftFixture(t, raw.WithBox(mustBox(t, oldKey)))
		d := f.start(t, f.aliceOwn, eservice.Answers{"what": {"Trasig lampa"}})
		f.start(t, f.aliceOwn, nil) // no answers: nothing to reseal

		rotated := raw.WithBox(errMust(secret.NewBox(newKey, oldKey)))
		if n, err := rotated.RekeyDrafts(ctx); err != nil || n != 1 {
			t.Fatalf("RekeyDrafts = %d, %v; want 1", n, err)
		}
		if n, err := rotated.RekeyDrafts(ctx); err != nil || n != 0 {
			t.Errorf("second RekeyDrafts = %d, %v; want 0", n, err)
		}
		got, err := raw.WithBox(mustBox(t, newKey)).FindDraft(ctx, d.ID, f.aliceOwn)
		if err != nil || got.Answers.Get("what") != "Trasig lampa" {
			t.Errorf("draft under the new key alone = %+v, %v", got, err)
		}
	})
}

// TestDeleteDraftFiles checks that deleting a draft deletes its files'
// rows and returns their blob keys.
func TestDeleteDraftFiles(t *testing.T) {
	t.Parallel()
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		ctx := t.Context()
		f := newDraftFixture(t, db)
		d := f.start(t, f.aliceOwn, nil)
		other := f.start(t, f.aliceOwn, nil)
		for _, file := range []struct {
			draft int64
			key   string
		}{{d.ID, "blob-1"}, {d.ID, "blob-2"}, {other.ID, "blob-3"}} {
			if err := f.db.ExecForTest(ctx, `INSERT INTO errand_files (draft_id, question, media_type, size, blob_key, created_at)
				VALUES (?, 'photo', 'image/png', 10, ?, ?)`, file.draft, file.key, f.db.Now()); err != nil {
				t.Fatal(err)
			}
		}
		keys, err := f.db.DeleteDraft(ctx, d.ID, f.aliceOwn)
		if err != nil {
			t.Fatal(err)
		}
		slices.Sort(keys)
		if !slices.Equal(keys, []string{"blob-1", "blob-2"}) {
			t.Errorf("DeleteDraft returned keys %v, want blob-1 and blob-2", keys)
		}
		var n int
		if err := rawDB(t, f.db).QueryRowContext(ctx, `SELECT COUNT(*) FROM errand_files`).Scan(&n); err != nil || n != 1 {
			t.Errorf("%d file rows left, %v; want the other draft's one", n, err)
		}
	})
}
