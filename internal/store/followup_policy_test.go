package store_test

import (
	"sync"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"sprang"
	"sprang/internal/audit"
	"sprang/internal/followup"
	"sprang/internal/identity"
	"sprang/internal/store"
	"sprang/internal/store/storetest"
)

// testPolicy returns a valid policy revision by author with the reason.
func testPolicy(author int64, reason string) followup.Revision {
	var secs []followup.Section
	for _, s := range followup.PolicySkeleton() {
		s.Heading = followup.Text{SV: "Rubrik " + s.Key, EN: "Heading " + s.Key}
		s.Body = followup.Text{SV: "Text om " + s.Key + ".\n\n- en punkt", EN: "Text on " + s.Key + "."}
		secs = append(secs, s)
	}
	return followup.Revision{AuthorID: author, Reason: reason, Sections: secs, Goals: []followup.Goal{
		{Key: "trygghet-mal-1", Perspective: followup.Trygghet, Text: followup.Text{SV: "Fler e-tjänster", EN: "More e-services"},
			Indicators: []string{"e-tjanster-antal", "digital-andel"}},
	}}
}

func TestPolicyRevisions(t *testing.T) {
	t.Parallel()
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		ctx := t.Context()
		then := time.Date(2024, 5, 14, 9, 30, 0, 0, time.UTC)
		db = db.WithClockForDemo(func() time.Time { return then })
		u := mustUser(t, db, identity.NewUser{Username: "utveckling", DisplayName: "Ulla Utvecklare"})
		if _, err := db.CurrentPolicy(ctx); sprang.ErrorKind(err) != sprang.NotFound {
			t.Fatalf("CurrentPolicy of no policy: %v, want NotFound", err)
		}
		if list, err := db.PolicyRevisions(ctx); err != nil || len(list) != 0 {
			t.Fatalf("PolicyRevisions of no policy = %v, %v", list, err)
		}
		first, err := db.SavePolicyRevision(ctx, testPolicy(u.ID, "  Antagen av kommunfullmäktige "), 0)
		if err != nil {
			t.Fatal(err)
		}
		if first.Number != 1 || !first.At.Equal(then) || first.AuthorName != "Ulla Utvecklare" || first.Reason != "Antagen av kommunfullmäktige" {
			t.Errorf("first revision = %d %v %q %q", first.Number, first.At, first.AuthorName, first.Reason)
		}
		got, err := db.PolicyRevision(ctx, 1)
		if err != nil {
			t.Fatal(err)
		}
		if diff := cmp.Diff(first, got); diff != "" {
			t.Errorf("PolicyRevision(1) differs from what was saved (-saved +read):\n%s", diff)
		}
		second := testPolicy(u.ID, "Nytt mål om öppna data")
		second.Goals = append(second.Goals, followup.Goal{Key: "innovation-mal-1", Perspective: followup.Innovation,
			Text: followup.Text{SV: "Fler öppna dataset"}, Indicators: []string{"oppna-dataset"}})
		if _, err := db.SavePolicyRevision(ctx, second, 0); sprang.ErrorKind(err) != sprang.Conflict || sprang.ErrorMessage(err) != store.MsgPolicyConflict {
			t.Errorf("save from a stale base: %v, want Conflict", err)
		}
		saved, err := db.SavePolicyRevision(ctx, second, 1)
		if err != nil || saved.Number != 2 {
			t.Fatalf("second save = %d, %v", saved.Number, err)
		}
		cur, err := db.CurrentPolicy(ctx)
		if err != nil || cur.Number != 2 || len(cur.Goals) != 2 || cur.Goals[1].Indicators[0] != "oppna-dataset" {
			t.Errorf("CurrentPolicy = %+v, %v", cur, err)
		}
		list, err := db.PolicyRevisions(ctx)
		if err != nil || len(list) != 2 || list[0].Number != 2 || list[1].Number != 1 || list[1].Reason != "Antagen av kommunfullmäktige" ||
			list[0].AuthorName != "Ulla Utvecklare" || list[0].Sections != nil {
			t.Errorf("PolicyRevisions = %+v, %v; want 2 then 1, without bodies", list, err)
		}
		if _, err := db.PolicyRevision(ctx, 3); sprang.ErrorKind(err) != sprang.NotFound {
			t.Errorf("PolicyRevision(3): %v, want NotFound", err)
		}
		entries, err := db.FindAuditEntries(ctx, audit.Filter{Action: audit.PolicyRevised})
		if err != nil || len(entries.Entries) != 2 || entries.Entries[0].ObjectID != "2" || entries.Entries[0].ActorID != u.ID ||
			entries.Entries[0].ActorName != "utveckling" || entries.Entries[0].ObjectType != "policy" {
			t.Errorf("audit entries = %+v, %v", entries.Entries, err)
		}
	})
}

func TestPolicyRevisionRefused(t *testing.T) {
	t.Parallel()
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		ctx := t.Context()
		u := mustUser(t, db, identity.NewUser{Username: "utveckling", DisplayName: "Ulla Utvecklare"})
		bad := testPolicy(u.ID, " ")
		bad.Sections[2].Body.SV = ""
		_, err := db.SavePolicyRevision(ctx, bad, 0)
		fields := sprang.ErrorFields(err)
		if sprang.ErrorKind(err) != sprang.Invalid || fields["reason"] == "" || fields[followup.SectionField("kompetens", "body_sv")] == "" {
			t.Errorf("invalid revision: %v", err)
		}
		if _, err := db.SavePolicyRevision(ctx, testPolicy(u.ID+100, "Ny"), 0); sprang.ErrorKind(err) != sprang.Invalid {
			t.Errorf("unknown author: %v, want Invalid", err)
		}
		if list, err := db.PolicyRevisions(ctx); err != nil || len(list) != 0 {
			t.Errorf("refused saves stored %v, %v", list, err)
		}
		entries, err := db.FindAuditEntries(ctx, audit.Filter{Action: audit.PolicyRevised})
		if err != nil || len(entries.Entries) != 0 {
			t.Errorf("refused saves logged %+v, %v", entries.Entries, err)
		}
	})
}

// TestPolicyRevisionsAppendOnly: the database itself refuses to change or
// remove a stored revision.
func TestPolicyRevisionsAppendOnly(t *testing.T) {
	t.Parallel()
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		ctx := t.Context()
		u := mustUser(t, db, identity.NewUser{Username: "utveckling", DisplayName: "Ulla Utvecklare"})
		saved, err := db.SavePolicyRevision(ctx, testPolicy(u.ID, "Antagen"), 0)
		if err != nil {
			t.Fatal(err)
		}
		raw := rawDB(t, db)
		for _, q := range []string{
			`UPDATE policy_revisions SET reason = 'Ändrad i efterhand'`,
			`UPDATE policy_revisions SET body = '{}'`,
			`DELETE FROM policy_revisions`,
		} {
			if _, err := raw.ExecContext(ctx, q); err == nil {
				t.Errorf("%s: no error", q)
			}
		}
		got, err := db.PolicyRevision(ctx, 1)
		if err != nil || got.Reason != saved.Reason || len(got.Sections) != len(saved.Sections) {
			t.Errorf("after refused changes: %+v, %v", got, err)
		}
	})
}

// TestPolicyRevisionsConcurrent: two editors saving from the same revision
// at once: one gets the next number, the other a Conflict.
func TestPolicyRevisionsConcurrent(t *testing.T) {
	t.Parallel()
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		ctx := t.Context()
		u := mustUser(t, db, identity.NewUser{Username: "utveckling", DisplayName: "Ulla Utvecklare"})
		if _, err := db.SavePolicyRevision(ctx, testPolicy(u.ID, "Antagen"), 0); err != nil {
			t.Fatal(err)
		}
		const editors = 4
		errs := make([]error, editors)
		var wg sync.WaitGroup
		for i := range editors {
			wg.Go(func() {
				_, errs[i] = db.SavePolicyRevision(ctx, testPolicy(u.ID, "Samtidig ändring"), 1)
			})
		}
		wg.Wait()
		ok := 0
		for _, err := range errs {
			switch sprang.ErrorKind(err) {
			case "":
				ok++
			case sprang.Conflict:
			default:
				t.Errorf("concurrent save: %v", err)
			}
		}
		list, err := db.PolicyRevisions(ctx)
		if ok != 1 || err != nil || len(list) != 2 {
			t.Errorf("%d saves succeeded, %d revisions stored (%v); want 1 and 2", ok, len(list), err)
		}
	})
}
