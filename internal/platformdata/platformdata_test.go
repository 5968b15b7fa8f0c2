package platformdata_test

import (
	"crypto/rand"
	"encoding/csv"
	"io"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"sprang/internal/datastore"
	"sprang/internal/demo"
	"sprang/internal/eservice"
	"sprang/internal/files"
	"sprang/internal/opendata"
	"sprang/internal/platformdata"
	"sprang/internal/secret"
	"sprang/internal/store"
	"sprang/internal/store/storetest"
)

const testKey = "0123456789abcdef0123456789abcdef-platformdata"

// env is a database with the demo's content, its files and a Publisher.
type env struct {
	db  *store.DB
	fs  *files.Store
	pub *platformdata.Publisher
}

func newEnv(t *testing.T, db *store.DB, seed bool) env {
	t.Helper()
	box, err := secret.NewBox(testKey)
	if err != nil {
		t.Fatal(err)
	}
	db = db.WithBox(box)
	fs, err := files.Open(t.Context(), "mem://", box)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = fs.Close() })
	if seed {
		start := time.Now()
		if err := demo.SeedWithFiles(t.Context(), db, fs); err != nil {
			t.Fatal(err)
		}
		t.Logf("demo seeded in %v", time.Since(start).Round(time.Millisecond))
	}
	loader := datastore.NewLoader(db, fs, nil)
	return env{db: db, fs: fs, pub: platformdata.New(db, fs, loader, nil, platformdata.Options{})}
}

// file returns the newest upload of the dataset's CSV distribution, its
// distribution and its rows (the header first).
func (e env) file(t *testing.T, slug string) (opendata.Entry, opendata.Upload, [][]string) {
	t.Helper()
	entry, err := e.db.Dataset(t.Context(), slug)
	if err != nil {
		t.Fatalf("dataset %s: %v", slug, err)
	}
	if len(entry.Distributions) != 1 {
		t.Fatalf("dataset %s has %d distributions, want 1", slug, len(entry.Distributions))
	}
	up, err := e.db.Upload(t.Context(), entry.Distributions[0].ID, 0)
	if err != nil {
		t.Fatal(err)
	}
	r, err := e.fs.ReadOpen(t.Context(), up.BlobKey)
	if err != nil {
		t.Fatal(err)
	}
	defer func() { _ = r.Close() }()
	b, err := io.ReadAll(r)
	if err != nil {
		t.Fatal(err)
	}
	cr := csv.NewReader(strings.NewReader(string(b)))
	cr.Comma = ';'
	rows, err := cr.ReadAll()
	if err != nil {
		t.Fatalf("%s: %v", slug, err)
	}
	return entry, up, rows
}

// TestPublish publishes the datasets of the demo's errands on both
// engines: published, conformant, loaded, suppressed; a second refresh
// without changes adds no version, and new errands add version 2.
func TestPublish(t *testing.T) {
	t.Parallel()
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		e := newEnv(t, db, true)
		ctx := t.Context()
		// The demo's errands are few per service and month; these make
		// sure some month shows its lead times.
		addClosedErrands(t, e.db, 5)
		if err := e.pub.Publish(ctx); err != nil {
			t.Fatal(err)
		}
		for _, slug := range platformdata.Slugs() {
			entry, up, rows := e.file(t, slug)
			checkEntry(t, entry, up, rows)
		}
		checkErrands(t, e.fileRows(t, "e-tjanster-arenden-per-manad"))
		checkLeadTimes(t, e.fileRows(t, "e-tjanster-handlaggningstider"))

		if err := e.pub.Publish(ctx); err != nil {
			t.Fatal(err)
		}
		for _, slug := range platformdata.Slugs() {
			if _, up, _ := e.file(t, slug); up.Version != 1 {
				t.Errorf("%s: a refresh without changes made version %d", slug, up.Version)
			}
		}

		addErrands(t, e.db, 5)
		if err := e.pub.Publish(ctx); err != nil {
			t.Fatal(err)
		}
		entry, up, rows := e.file(t, "e-tjanster-arenden-per-manad")
		if up.Version != 2 {
			t.Fatalf("after new errands the version is %d, want 2", up.Version)
		}
		checkEntry(t, entry, up, rows)
		checkErrands(t, rows)
		if old, err := e.db.Uploads(ctx, entry.Distributions[0].ID); err != nil || len(old) != 2 {
			t.Errorf("uploads = %d, %v; want both versions kept", len(old), err)
		}
		if _, up, _ := e.file(t, "e-tjanster-handlaggningstider"); up.Version != 1 {
			t.Errorf("lead times changed without closed errands: version %d", up.Version)
		}
	})
}

func (e env) fileRows(t *testing.T, slug string) [][]string {
	t.Helper()
	_, _, rows := e.file(t, slug)
	return rows
}

// checkEntry checks a generated dataset's catalogue entry and its newest
// upload.
func checkEntry(t *testing.T, entry opendata.Entry, up opendata.Upload, rows [][]string) {
	t.Helper()
	d := entry.Dataset
	if d.State != opendata.Published || !d.Generated || d.Licence != opendata.LicenceCC0 ||
		d.Frequency != opendata.FrequencyBase+"DAILY" || !slices.Equal(d.Themes, []string{opendata.ThemeBase + "GOVE"}) {
		t.Errorf("%s: state %s generated %v licence %s frequency %s themes %v", d.Slug, d.State, d.Generated, d.Licence, d.Frequency, d.Themes)
	}
	if entry.Publisher.Slug != "koncernen" {
		t.Errorf("%s: publisher %q, want the group", d.Slug, entry.Publisher.Slug)
	}
	if !strings.Contains(d.Method, "mindre än 5") || !strings.Contains(d.Method, "below 5") || !strings.Contains(d.Method, "Definitioner") {
		t.Errorf("%s: method lacks the suppression rule or the definitions: %s", d.Slug, d.Method)
	}
	if ps := opendata.Check(entry); opendata.HasViolation(ps) {
		t.Errorf("%s: conformance problems %+v", d.Slug, ps)
	}
	if up.LoadState != opendata.LoadDone || up.LoadedRows != int64(len(rows)-1) {
		t.Errorf("%s: load %s with %d rows (%s), want %s with %d", d.Slug, up.LoadState, up.LoadedRows, up.LoadMessage,
			opendata.LoadDone, len(rows)-1)
	}
	if len(rows) < 10 {
		t.Errorf("%s: only %d rows", d.Slug, len(rows))
	}
}

// checkErrands checks the suppression of the errands table: no count
// below 5, and no row with exactly one blank among its channels and its
// total.
func checkErrands(t *testing.T, rows [][]string) {
	t.Helper()
	want := []string{"Månad", "E-tjänst", "Enhet", "Digitalt", "Papper", "Telefon", "Besök", "Brev", "Totalt"}
	if !slices.Equal(rows[0], want) {
		t.Fatalf("header %v, want %v", rows[0], want)
	}
	var blanks, shown int
	for _, r := range rows[1:] {
		n := 0
		sum, total := 0, -1
		for i, c := range r[3:] {
			if c == "" {
				n++
				continue
			}
			v, err := strconv.Atoi(c)
			if err != nil || v < 5 {
				t.Errorf("row %v: count %q is below 5", r, c)
			}
			if i == 5 {
				total = v
			} else {
				sum += v
			}
		}
		if n == 1 {
			t.Errorf("row %v: one blank is its total less the others", r)
		}
		if n == 0 && sum != total {
			t.Errorf("row %v: channels add up to %d, total %d", r, sum, total)
		}
		blanks += n
		shown += 6 - n
	}
	if blanks == 0 || shown == 0 {
		t.Errorf("%d blank and %d shown counts: the demo should have both", blanks, shown)
	}
}

// checkLeadTimes checks the lead-time table: a count of at least 5 with
// its figures, or nothing.
func checkLeadTimes(t *testing.T, rows [][]string) {
	t.Helper()
	want := []string{"Månad", "E-tjänst", "Avslutade ärenden", "Median (dagar)", "90:e percentilen (dagar)"}
	if !slices.Equal(rows[0], want) {
		t.Fatalf("header %v, want %v", rows[0], want)
	}
	var shown int
	for _, r := range rows[1:] {
		if r[2] == "" {
			if r[3] != "" || r[4] != "" {
				t.Errorf("row %v: figures of a hidden count", r)
			}
			continue
		}
		shown++
		if v, err := strconv.Atoi(r[2]); err != nil || v < 5 {
			t.Errorf("row %v: count below 5", r)
		}
		med, err1 := strconv.ParseFloat(strings.Replace(r[3], ",", ".", 1), 64)
		p90, err2 := strconv.ParseFloat(strings.Replace(r[4], ",", ".", 1), 64)
		if err1 != nil || err2 != nil || med < 0 || p90 < med {
			t.Errorf("row %v: median and 90th percentile are no ordered numbers", r)
		}
	}
	if shown == 0 {
		t.Error("no lead time shown")
	}
}

// addErrands submits n digital errands to a demo service in the middle of
// last month and returns their ids.
func addErrands(t *testing.T, db *store.DB, n int) []int64 {
	t.Helper()
	svc, err := db.FindServiceBySlug(t.Context(), "felanmalan-gata-park")
	if err != nil {
		t.Fatal(err)
	}
	past := db.WithClockForDemo(func() time.Time { return midLastMonth(db) })
	ids := make([]int64, 0, n)
	for range n {
		e, err := past.SubmitErrand(t.Context(), store.NewErrand{ServiceID: svc.ID, Version: svc.Published,
			Channel: eservice.ChannelDigital}, rand.Reader)
		if err != nil {
			t.Fatal(err)
		}
		ids = append(ids, e.ID)
	}
	return ids
}

// addClosedErrands submits n digital errands in the middle of last month
// and closes them two days later, so that last month has a lead time
// above the threshold whatever the demo's calendar gives.
func addClosedErrands(t *testing.T, db *store.DB, n int) {
	t.Helper()
	officer, err := db.FindUserByUsername(t.Context(), "handlaggare")
	if err != nil {
		t.Fatal(err)
	}
	later := db.WithClockForDemo(func() time.Time { return midLastMonth(db).Add(48 * time.Hour) })
	for _, id := range addErrands(t, db, n) {
		if _, err := later.ChangeErrand(t.Context(), store.ErrandChange{ErrandID: id, ByUserID: officer.ID, Status: "avslutat"}); err != nil {
			t.Fatal(err)
		}
	}
}

// midLastMonth returns noon on the 15th of last month, Swedish time.
func midLastMonth(db *store.DB) time.Time {
	loc := eservice.StatsLocation()
	now := db.Now().In(loc)
	return time.Date(now.Year(), now.Month(), 1, 12, 0, 0, 0, loc).AddDate(0, -1, 14)
}

// TestPublishEmpty publishes on a platform with a group and no errands:
// datasets with a header only; and on one without units: nothing.
func TestPublishEmpty(t *testing.T) {
	t.Parallel()
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		e := newEnv(t, db, false)
		if err := e.pub.Publish(t.Context()); err != nil {
			t.Fatal(err)
		}
		if _, err := e.db.Dataset(t.Context(), platformdata.Slugs()[0]); err == nil {
			t.Fatal("a platform without units published a dataset")
		}
		if err := demo.Seed(t.Context(), db); err != nil { // units and services, no errands without a box
			t.Fatal(err)
		}
		if err := e.pub.Publish(t.Context()); err != nil {
			t.Fatal(err)
		}
		for _, slug := range platformdata.Slugs() {
			entry, up, rows := e.file(t, slug)
			if entry.Dataset.State != opendata.Published || up.LoadState != opendata.LoadDone || len(rows) != 1 {
				t.Errorf("%s: state %s, load %s (%s), %d rows; want published and loaded, a header only",
					slug, entry.Dataset.State, up.LoadState, up.LoadMessage, len(rows))
			}
		}
	})
}
