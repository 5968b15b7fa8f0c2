package demo

import (
	"context"
	"fmt"
	"time"

	"sprang/internal/followup"
	"sprang/internal/identity"
	"sprang/internal/store"
)

// demoPolicyRevision is one revision of the demo policy: how long before
// the demo starts it was made, why, and its content.
type demoPolicyRevision struct {
	ago     func(now time.Time) time.Time
	reason  string
	content func() followup.Revision
}

// demoPolicyRevisions are the demo policy's revisions, oldest first: the
// policy adopted about two years before the demo starts, and a revision
// about a year later.
func demoPolicyRevisions() []demoPolicyRevision {
	at := func(years int) func(time.Time) time.Time {
		return func(now time.Time) time.Time {
			d := now.In(followup.Location()).AddDate(-years, 0, -3)
			return time.Date(d.Year(), d.Month(), d.Day(), 14, 30, 0, 0, followup.Location())
		}
	}
	return []demoPolicyRevision{
		{ago: at(2), reason: "Antagen av kommunfullmäktige som koncerngemensam digitaliseringspolicy.", content: demoPolicyFirst},
		{ago: at(1), reason: "Revidering efter den första årsuppföljningen: nytt delområde och nytt mål om öppna data, tydligare beskrivning av uppföljningen.",
			content: demoPolicySecond},
	}
}

// seedPolicy makes the digitalization policy with its two revisions, each
// at its time in the past, made by the development department's account
// ("utveckling"). It is idempotent: the revisions that exist are left, a
// missing later one is added.
func seedPolicy(ctx context.Context, db *store.DB, _ map[string]identity.Unit, staff map[string]int64) error {
	author, ok := staff["utveckling"]
	if !ok {
		return fmt.Errorf("no account utveckling")
	}
	have, err := db.PolicyRevisions(ctx)
	if err != nil {
		return err
	}
	now := db.Now()
	for i, r := range demoPolicyRevisions() {
		if i < len(have) {
			continue
		}
		rev := r.content()
		rev.AuthorID, rev.Reason = author, r.reason
		then := r.ago(now)
		if _, err := db.WithClockForDemo(func() time.Time { return then }).SavePolicyRevision(ctx, rev, i); err != nil {
			return fmt.Errorf("revision %d: %w", i+1, err)
		}
	}
	return nil
}
