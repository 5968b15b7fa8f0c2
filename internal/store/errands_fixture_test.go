package store_test

import (
	"crypto/rand"
	"strconv"
	"strings"
	"testing"
	"time"

	"sprang"
	"sprang/internal/eservice"
	"sprang/internal/identity"
	"sprang/internal/store"
	"sprang/internal/store/storetest"
)

// errandStart is when the errand tests' clock starts: a Tuesday morning
// in March, Swedish winter time.
var errandStart = time.Date(2026, 3, 10, 9, 0, 0, 0, time.UTC)

// errandFixture is a database with two units, a published service in
// each, staff users and two residents, on a clock the test moves.
type errandFixture struct {
	db        *store.DB
	clock     *storetest.Clock
	unit      int64 // socialforvaltningen: diary code derived, "SOC"
	otherUnit int64 // bostadsbolaget: diary code "BOB"
	officer   identity.User
	colleague identity.User
	service   store.Service // in unit, target 14 days, default statuses
	other     store.Service // in otherUnit
	resident  identity.Resident
	stranger  identity.Resident
}

// eachErrand runs fn as a parallel subtest on each engine with a fresh
// errand fixture.
func eachErrand(t *testing.T, fn func(t *testing.T, f errandFixture)) {
	t.Helper()
	for _, e := range storetest.Engines() {
		t.Run(string(e), func(t *testing.T) {
			t.Parallel()
			clock := storetest.NewClock(errandStart)
			db := boxed(t, storetest.OpenEngineClock(t, e, clock.Now))
			fn(t, newErrandFixture(t, db, clock))
		})
	}
}

func newErrandFixture(t *testing.T, db *store.DB, clock *storetest.Clock) errandFixture {
	t.Helper()
	ctx := t.Context()
	org := testOrg(t, db)
	f := errandFixture{db: db, clock: clock, unit: org["socialforvaltningen"].ID, otherUnit: org["bostadsbolaget"].ID,
		officer:   mustUser(t, db, identity.NewUser{Username: "handlaggare", DisplayName: "Handläggare"}),
		colleague: mustUser(t, db, identity.NewUser{Username: "kollega", DisplayName: "Kollega"})}
	if err := db.SetDiaryCode(ctx, f.otherUnit, "BOB"); err != nil {
		t.Fatal(err)
	}
	f.service = f.publish(t, errandSpec("bygglov", "Bygglov", f.unit))
	f.other = f.publish(t, errandSpec("parkering", "Parkeringstillstånd", f.otherUnit))
	var err error
	if f.resident, err = db.FindOrCreateResidentByEmail(ctx, "anna@example.se"); err != nil {
		t.Fatal(err)
	}
	if f.stranger, err = db.FindOrCreateResidentByEmail(ctx, "bertil@example.se"); err != nil {
		t.Fatal(err)
	}
	return f
}

// errandSpec returns a spec owned by unitID with the default statuses and
// a target of 14 days.
func errandSpec(slug, title string, unitID int64) eservice.Spec {
	return eservice.Spec{
		Format: eservice.FormatVersion, Slug: slug, UnitID: unitID,
		Title:    eservice.Text{SV: title, EN: title + " (en)"},
		Summary:  eservice.Text{SV: "Ansök om " + title},
		Category: "bygga-bo",
		Privacy: eservice.Privacy{Purpose: eservice.Text{SV: "Handläggning"}, LegalBasis: eservice.Text{SV: "Myndighetsutövning"},
			Retention: eservice.Text{SV: "Tio år"}, Controller: "Kommunen"},
		Retention:  eservice.Retention{Months: 120, Action: eservice.RetainAnonymize},
		TargetDays: 14,
		Statuses:   eservice.DefaultStatuses(),
		Form: eservice.Form{Pages: []eservice.Page{{ID: "start", Title: eservice.Text{SV: "Ärendet"},
			Questions: []eservice.Question{
				{ID: "what", Type: eservice.TypeText, Label: eservice.Text{SV: "Vad"}, Required: true},
				{ID: "ritning", Type: eservice.TypeFile, Label: eservice.Text{SV: "Ritning"}},
			}}}},
	}
}

// publish creates and publishes a service of spec.
func (f errandFixture) publish(t *testing.T, spec eservice.Spec) store.Service {
	t.Helper()
	s, err := f.db.CreateService(t.Context(), spec, f.officer.ID)
	if err != nil {
		t.Fatalf("CreateService %s: %v", spec.Slug, err)
	}
	if _, err := f.db.PublishService(t.Context(), s.ID, f.officer.ID); err != nil {
		t.Fatalf("PublishService %s: %v", spec.Slug, err)
	}
	if s, err = f.db.FindService(t.Context(), s.ID); err != nil {
		t.Fatal(err)
	}
	return s
}

// digital returns a digital errand of service s by resident (0:
// anonymous) with an answer and a receipt address.
func digital(s store.Service, resident int64) store.NewErrand {
	return store.NewErrand{ServiceID: s.ID, Version: s.Published, Channel: eservice.ChannelDigital,
		ResidentID: resident, Answers: eservice.Answers{"what": {"Altan på Storgatan 7"}}, Email: "kvitto@example.se"}
}

// submit submits n, failing the test on error.
func (f errandFixture) submit(t *testing.T, n store.NewErrand) eservice.Errand {
	t.Helper()
	e, err := f.db.SubmitErrand(t.Context(), n, rand.Reader)
	if err != nil {
		t.Fatalf("SubmitErrand: %v", err)
	}
	return e
}

// change applies c, failing the test on error.
func (f errandFixture) change(t *testing.T, c store.ErrandChange) eservice.Event {
	t.Helper()
	ev, err := f.db.ChangeErrand(t.Context(), c)
	if err != nil {
		t.Fatalf("ChangeErrand %+v: %v", c, err)
	}
	return ev
}

// staffReader is the officer reading for case handling.
func (f errandFixture) staffReader() store.ErrandReader {
	return store.ErrandReader{UserID: f.officer.ID, UserName: f.officer.Username}
}

// wantErrKind fails the test unless err is of kind k.
func wantErrKind(t *testing.T, what string, err error, k sprang.Kind) {
	t.Helper()
	if got := sprang.ErrorKind(err); got != k {
		t.Fatalf("%s: error %v (kind %q), want kind %q", what, err, got, k)
	}
}

// errandsPtr returns a pointer to v.
func errandsPtr[T any](v T) *T { return &v }

// idText formats an id as the audit log and event data keep it.
func idText(id int64) string { return strconv.FormatInt(id, 10) }

// errandsRebind rewrites the ? placeholders of q for db's engine, for queries
// run on rawDB.
func errandsRebind(db *store.DB, q string) string {
	if db.Engine() != store.Postgres {
		return q
	}
	var b strings.Builder
	n := 0
	for _, r := range q {
		if r == '?' {
			n++
			b.WriteString("$" + strconv.Itoa(n))
			continue
		}
		b.WriteRune(r)
	}
	return b.String()
}
