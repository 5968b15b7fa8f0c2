package demo_test

import (
	"context"
	"errors"
	"fmt"
	"regexp"
	"slices"
	"strconv"
	"testing"
	"time"

	"sprang/internal/demo"
	"sprang/internal/eservice"
	"sprang/internal/files"
	"sprang/internal/identity"
	"sprang/internal/secret"
	"sprang/internal/store"
	"sprang/internal/store/storetest"
)

const testKey = "0123456789abcdef0123456789abcdef-demo-test"

// withBox returns db with an encryption box, as `sprang demo` has.
func withBox(t *testing.T, db *store.DB) *store.DB {
	t.Helper()
	box, err := secret.NewBox(testKey)
	if err != nil {
		t.Fatal(err)
	}
	return db.WithBox(box)
}

// memFiles returns file storage in memory.
func memFiles(t *testing.T, db *store.DB) *files.Store {
	t.Helper()
	fs, err := files.Open(t.Context(), "mem://", db.Box())
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = fs.Close() })
	return fs
}

// seedTwice seeds db with files twice, failing the test on error, and
// logs how long the first seeding took.
func seedTwice(t *testing.T, db *store.DB, fs demo.Files) {
	t.Helper()
	for i := range 2 {
		start := time.Now()
		if err := demo.SeedWithFiles(t.Context(), db, fs); err != nil {
			t.Fatalf("seed %d: %v", i+1, err)
		}
		t.Logf("seed %d took %v", i+1, time.Since(start).Round(time.Millisecond))
	}
}

// allErrands returns every errand in the database as the inbox lists it.
func allErrands(t *testing.T, db *store.DB) []store.InboxRow {
	t.Helper()
	units, err := db.FindUnits(t.Context())
	if err != nil {
		t.Fatal(err)
	}
	ids := make([]int64, 0, len(units))
	for _, u := range units {
		ids = append(ids, u.ID)
	}
	rows, _, err := db.Inbox(t.Context(), store.InboxFilter{UnitIDs: ids, Now: db.Now(), Limit: store.InboxMaxLimit})
	if err != nil {
		t.Fatal(err)
	}
	return rows
}

// TestSeed seeds a fresh database twice, as restarting the demo does, and
// checks every part of the example content.
func TestSeed(t *testing.T) {
	t.Parallel()
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		db = withBox(t, db)
		seedTwice(t, db, memFiles(t, db))
		errands := allErrands(t, db)
		for _, c := range []struct {
			name string
			fn   func(*testing.T, *store.DB, []store.InboxRow)
		}{
			{"units and accounts", checkUnitsAndAccounts},
			{"services", checkServices},
			{"errands", checkErrands},
			{"diary numbers", checkDiaryNumbers},
			{"answers and files", checkAnswers},
			{"histories", checkHistories},
			{"demo resident", checkResident},
			{"drafts", checkDrafts},
		} {
			t.Run(c.name, func(t *testing.T) { c.fn(t, db, errands) })
		}
	})
}

func checkUnitsAndAccounts(t *testing.T, db *store.DB, _ []store.InboxRow) {
	ctx := t.Context()
	units, err := db.FindUnits(ctx)
	if err != nil {
		t.Fatal(err)
	}
	kinds := map[identity.UnitKind]int{}
	for _, u := range units {
		kinds[u.Kind]++
	}
	if len(units) != len(demo.Units()) || kinds[identity.KindGroup] != 1 || kinds[identity.KindForvaltning] != 5 || kinds[identity.KindBolag] != 3 {
		t.Errorf("units after two seeds: %d (%v), want %d with 1 group, 5 förvaltningar, 3 bolag", len(units), kinds, len(demo.Units()))
	}
	for _, du := range demo.Units() {
		u, err := db.FindUnitBySlug(ctx, du.Slug)
		if err != nil {
			t.Fatal(err)
		}
		if code, err := db.DiaryCode(ctx, u.ID); err != nil || code != du.DiaryCode {
			t.Errorf("unit %s: diary code %q (%v), want %q", du.Slug, code, err, du.DiaryCode)
		}
	}
	tree, err := db.FindUnitTree(ctx)
	if err != nil {
		t.Fatal(err)
	}
	for _, a := range demo.Accounts() {
		u, err := db.FindUserByUsername(ctx, a.Username)
		if err != nil {
			t.Fatalf("account %s: %v", a.Username, err)
		}
		cred, err := db.FindUserCredentials(ctx, u.ID)
		if err != nil {
			t.Fatal(err)
		}
		if ok, _ := secret.VerifyPassword(demo.Password, cred.PasswordHash); !ok {
			t.Errorf("account %s: password is not %q", a.Username, demo.Password)
		}
		if !identity.CanAnywhere(identity.Staff(u.ID, u.Grants), identity.ViewStaffPages, tree) {
			t.Errorf("account %s cannot reach the staff pages", a.Username)
		}
	}
	admin, _ := db.FindUserByUsername(ctx, "admin")
	if !identity.Can(identity.Staff(admin.ID, admin.Grants), identity.ManageUsers, 0, tree) {
		t.Error("demo admin cannot manage users platform-wide")
	}
}

func checkServices(t *testing.T, db *store.DB, _ []store.InboxRow) {
	ctx := t.Context()
	services, err := db.ListServices(ctx, nil)
	if err != nil {
		t.Fatal(err)
	}
	published, drafts := 0, 0
	for _, s := range services {
		switch {
		case s.Published > 0:
			published++
			if err := s.Spec.Validate(); err != nil {
				t.Errorf("published service %s does not validate: %v", s.Slug, err)
			}
		case s.Draft > 0:
			drafts++
		}
	}
	if published < 8 || drafts != 1 || len(services) != published+drafts {
		t.Errorf("services: %d published and %d drafts of %d, want 8 published and one draft", published, drafts, len(services))
	}
	fel, err := db.FindServiceBySlug(ctx, "felanmalan-gata-park")
	if err != nil {
		t.Fatal(err)
	}
	versions, err := db.ServiceVersions(ctx, fel.ID)
	if err != nil {
		t.Fatal(err)
	}
	var states []string
	for _, v := range versions {
		states = append(states, strconv.Itoa(v.Version)+":"+v.State)
		if v.PublishedAt.IsZero() || !v.PublishedAt.Before(db.Now()) {
			t.Errorf("version %d published at %v", v.Version, v.PublishedAt)
		}
	}
	if !slices.Equal(states, []string{"2:published", "1:superseded"}) {
		t.Errorf("felanmälan versions %v, want 2 published and 1 superseded", states)
	}
	opts := fel.Spec.Form.Pages[0].Questions[0].Options
	if !slices.ContainsFunc(opts, func(o eservice.Option) bool { return o.Value == "skylt" }) {
		t.Error("felanmälan version 2 has no new option")
	}
}

func checkErrands(t *testing.T, db *store.DB, errands []store.InboxRow) {
	if len(errands) < 100 {
		t.Fatalf("%d errands, want about 120", len(errands))
	}
	now := db.Now()
	channels := map[eservice.Channel]int{}
	kinds := map[eservice.StatusKind]int{}
	overdue, late, inTime := 0, 0, 0
	oldest := now
	for _, e := range errands {
		channels[e.Channel]++
		kinds[e.StatusKind]++
		if e.Overdue {
			overdue++
		}
		switch {
		case e.DecidedAt.IsZero():
		case e.DecidedAt.After(e.DueAt):
			late++
		default:
			inTime++
		}
		if !e.SubmittedAt.Before(now) || e.DueAt.Before(e.SubmittedAt) {
			t.Errorf("errand %s: submitted %v, due %v, now %v", e.DiaryNumber, e.SubmittedAt, e.DueAt, now)
		}
		if e.SubmittedAt.Before(oldest) {
			oldest = e.SubmittedAt
		}
	}
	for _, c := range eservice.Channels() {
		if channels[c] == 0 {
			t.Errorf("no errand by channel %s (%v)", c, channels)
		}
	}
	if channels[eservice.ChannelDigital] < len(errands)/2 {
		t.Errorf("channels %v: want mostly digital", channels)
	}
	for _, k := range []eservice.StatusKind{eservice.KindReceived, eservice.KindOpen, eservice.KindWaiting, eservice.KindDecided, eservice.KindClosed} {
		if kinds[k] == 0 {
			t.Errorf("no errand in a status of kind %s (%v)", k, kinds)
		}
	}
	if overdue < 3 || late < 3 || inTime < late {
		t.Errorf("%d overdue, %d decided late and %d in time: want some overdue and late, most in time", overdue, late, inTime)
	}
	if now.Sub(oldest) < 300*24*time.Hour || now.Sub(oldest) > 366*24*time.Hour {
		t.Errorf("the oldest errand is from %v: want errands over the last year", oldest)
	}
}

func checkDiaryNumbers(t *testing.T, db *store.DB, errands []store.InboxRow) {
	codes := map[int64]string{}
	for _, du := range demo.Units() {
		u, err := db.FindUnitBySlug(t.Context(), du.Slug)
		if err != nil {
			t.Fatal(err)
		}
		codes[u.ID] = du.DiaryCode
	}
	stockholm, err := time.LoadLocation("Europe/Stockholm")
	if err != nil {
		t.Skip("no time zone data")
	}
	seqs := map[string][]int{}
	number := regexp.MustCompile(`^([A-ZÅÄÖ]+) ([0-9]{4})/([0-9]{5})$`)
	for _, e := range errands {
		m := number.FindStringSubmatch(e.DiaryNumber)
		if m == nil {
			t.Errorf("diary number %q is malformed", e.DiaryNumber)
			continue
		}
		if m[1] != codes[e.UnitID] || m[2] != strconv.Itoa(e.SubmittedAt.In(stockholm).Year()) {
			t.Errorf("errand submitted %v in unit %d has diary number %s, want %s and the year", e.SubmittedAt, e.UnitID, e.DiaryNumber, codes[e.UnitID])
		}
		seq, _ := strconv.Atoi(m[3])
		seqs[m[1]+" "+m[2]] = append(seqs[m[1]+" "+m[2]], seq)
	}
	for series, got := range seqs {
		slices.Sort(got)
		for i, n := range got {
			if n != i+1 {
				t.Errorf("series %s: numbers %v, want 1 to %d without gaps", series, got, len(got))
				break
			}
		}
	}
}

// checkAnswers reads every errand and checks its answers against the form
// of its version, as a submission is checked, and that its files are its.
func checkAnswers(t *testing.T, db *store.DB, errands []store.InboxRow) {
	ctx := t.Context()
	versions := map[string]bool{}
	for _, row := range errands {
		e, err := db.ReadErrand(ctx, row.ID, store.ErrandReader{System: true, Reason: "demo test"})
		if err != nil {
			t.Fatal(err)
		}
		spec, err := db.FindServiceVersion(ctx, e.ServiceID, e.Version)
		if err != nil {
			t.Fatal(err)
		}
		versions[fmt.Sprintf("%s v%d", spec.Slug, e.Version)] = true
		if problems := spec.Form.Check(e.Answers, e.SubmittedAt); len(problems) > 0 {
			t.Errorf("errand %s of %s: answers do not pass the form: %+v", e.DiaryNumber, spec.Slug, problems)
		}
		checkFiles(ctx, t, db, spec.Form, e)
	}
	for _, v := range []string{"felanmalan-gata-park v1", "felanmalan-gata-park v2", "parkeringstillstand-for-rorelsehindrade v1"} {
		if !versions[v] {
			t.Errorf("no errand of %s (%v)", v, versions)
		}
	}
}

// checkFiles checks that the file answers of errand e are files of e.
func checkFiles(ctx context.Context, t *testing.T, db *store.DB, form eservice.Form, e eservice.Errand) {
	t.Helper()
	for _, p := range form.Pages {
		for _, q := range p.Questions {
			if q.Type != eservice.TypeFile || e.Answers.Get(q.ID) == "" {
				continue
			}
			id, _ := strconv.ParseInt(e.Answers.Get(q.ID), 10, 64)
			f, errand, err := db.FindFile(ctx, id)
			if err != nil || errand != e.ID || f.Size == 0 || f.Name == "" {
				t.Errorf("errand %s: file %d of %s: %+v of errand %d (%v)", e.DiaryNumber, id, q.ID, f, errand, err)
			}
		}
	}
}

func checkHistories(t *testing.T, db *store.DB, errands []store.InboxRow) {
	kinds := map[string]int{}
	for _, e := range errands {
		events, err := db.ErrandHistory(t.Context(), e.ID, false)
		if err != nil {
			t.Fatal(err)
		}
		last := time.Time{}
		for _, ev := range events {
			k := string(ev.Kind)
			if ev.Kind == eservice.EventMessage && ev.ByResident {
				k += " by resident"
			}
			kinds[k]++
			if ev.At.Before(last) || ev.At.Before(e.SubmittedAt) {
				t.Errorf("errand %s: event %s at %v is out of order", e.DiaryNumber, ev.Kind, ev.At)
			}
			last = ev.At
			if (ev.Kind == eservice.EventDecision || ev.Kind == eservice.EventNote || ev.Kind == eservice.EventMessage) && ev.Body == "" {
				t.Errorf("errand %s: %s without text", e.DiaryNumber, ev.Kind)
			}
		}
	}
	for _, k := range []string{"submitted", "assigned", "status", "note", "message", "message by resident",
		"completion_request", "completion", "decision"} {
		if kinds[k] == 0 {
			t.Errorf("no %s event in any errand (%v)", k, kinds)
		}
	}
}

// checkResident checks what the demo resident finds on Mina sidor.
func checkResident(t *testing.T, db *store.DB, _ []store.InboxRow) {
	ctx := t.Context()
	id, err := db.ResidentIDByPersonnummer(ctx, demo.ResidentPersonnummer)
	if err != nil {
		t.Fatal(err)
	}
	errands, err := db.ResidentErrands(ctx, id)
	if err != nil {
		t.Fatal(err)
	}
	kinds := map[eservice.StatusKind]int{}
	officerMessages := 0
	for _, e := range errands {
		kinds[e.StatusKind]++
		events, err := db.ErrandHistory(ctx, e.ID, true)
		if err != nil {
			t.Fatal(err)
		}
		for _, ev := range events {
			if ev.Kind == eservice.EventMessage && ev.ByUserID != 0 {
				officerMessages++
			}
			if ev.Internal {
				t.Errorf("the resident's history shows an internal %s", ev.Kind)
			}
		}
	}
	if len(errands) != 5 || kinds[eservice.KindWaiting] != 1 || kinds[eservice.KindDecided] != 1 || kinds[eservice.KindClosed] != 2 || officerMessages == 0 {
		t.Errorf("the demo resident has %d errands (%v) and %d messages from officers: want 5, one waiting, one decided, two closed, and a message",
			len(errands), kinds, officerMessages)
	}
	drafts, err := db.ResidentDrafts(ctx, id)
	if err != nil {
		t.Fatal(err)
	}
	if len(drafts) != 1 || drafts[0].Page != 1 || len(drafts[0].Answers) == 0 {
		t.Errorf("the demo resident's drafts: %+v, want one at page 1 with answers", drafts)
	}
}

// checkDrafts checks that the drop-off statistics have something to show.
func checkDrafts(t *testing.T, db *store.DB, _ []store.InboxRow) {
	services, err := db.ListServices(t.Context(), nil)
	if err != nil {
		t.Fatal(err)
	}
	now := db.Now()
	withDropOff := 0
	for _, s := range services {
		if s.Published == 0 {
			continue
		}
		f, err := db.ServiceFunnel(t.Context(), s.ID, now.AddDate(-2, 0, 0), now.Add(time.Hour))
		if err != nil {
			t.Fatal(err)
		}
		if f.Started <= f.Submitted || f.Submitted == 0 {
			t.Errorf("service %s: %d drafts started, %d submitted: want both, and some abandoned", s.Slug, f.Started, f.Submitted)
		}
		if len(f.DropOff) > 1 {
			withDropOff++
		}
	}
	if withDropOff < 5 {
		t.Errorf("only %d services have drafts abandoned beyond the first page", withDropOff)
	}
}

// TestSeedWithoutFiles: without file storage the errands whose forms need
// a file are left out, and every other errand is made as usual.
func TestSeedWithoutFiles(t *testing.T) {
	t.Parallel()
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		db = withBox(t, db)
		if err := demo.Seed(t.Context(), db); err != nil {
			t.Fatal(err)
		}
		errands := allErrands(t, db)
		if len(errands) < 80 {
			t.Errorf("%d errands without files, want most of them", len(errands))
		}
		for _, row := range errands {
			e, err := db.ReadErrand(t.Context(), row.ID, store.ErrandReader{System: true, Reason: "demo test"})
			if err != nil {
				t.Fatal(err)
			}
			spec, err := db.FindServiceVersion(t.Context(), e.ServiceID, e.Version)
			if err != nil {
				t.Fatal(err)
			}
			if problems := spec.Form.Check(e.Answers, e.SubmittedAt); len(problems) > 0 {
				t.Errorf("errand %s of %s: %+v", e.DiaryNumber, spec.Slug, problems)
			}
		}
		checkResident(t, db, errands)
	})
}

// TestSeedWithoutBox: a database without an encryption box (some tests
// use one) gets units, accounts and services, and no personal data.
func TestSeedWithoutBox(t *testing.T) {
	t.Parallel()
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		if err := demo.Seed(t.Context(), db); err != nil {
			t.Fatal(err)
		}
		services, err := db.ListServices(t.Context(), nil)
		if err != nil || len(services) < 9 {
			t.Errorf("services without a box: %d (%v)", len(services), err)
		}
		if n := len(allErrands(t, db)); n != 0 {
			t.Errorf("%d errands made without a box", n)
		}
	})
}

// TestSeedIsDeterministic: two databases seeded at the same moment get the
// same errands, with the same references, numbers and statuses.
func TestSeedIsDeterministic(t *testing.T) {
	t.Parallel()
	now := time.Date(2026, 3, 10, 13, 45, 0, 0, time.UTC)
	var runs [2][]string
	for i := range runs {
		db := withBox(t, storetest.OpenEngineClock(t, store.SQLite, func() time.Time { return now }))
		if err := demo.SeedWithFiles(t.Context(), db, memFiles(t, db)); err != nil {
			t.Fatal(err)
		}
		for _, e := range allErrands(t, db) {
			runs[i] = append(runs[i], fmt.Sprintf("%s %s %s %s %s %v", e.Reference, e.DiaryNumber, e.Channel, e.Status,
				e.SubmittedAt.Format(time.RFC3339Nano), e.DecidedAt))
		}
	}
	if !slices.Equal(runs[0], runs[1]) {
		t.Errorf("two seeds differ:\n%v\n%v", runs[0], runs[1])
	}
}

// TestSeedRefusesRealData: a database with staff accounts that the demo did
// not make is never given demo accounts.
func TestSeedRefusesRealData(t *testing.T) {
	t.Parallel()
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		if _, err := db.CreateUser(ctx, identity.NewUser{Username: "anna", DisplayName: "Anna"}); err != nil {
			t.Fatal(err)
		}
		if err := demo.Seed(ctx, db); !errors.Is(err, demo.ErrRealData) {
			t.Fatalf("seed on a real database: %v, want ErrRealData", err)
		}
		if _, err := db.FindUserByUsername(ctx, "admin"); err == nil {
			t.Error("a demo account was added to a real database")
		}
		if isDemo, _ := db.IsDemo(ctx); isDemo {
			t.Error("a real database was marked as demo")
		}
	})
}
