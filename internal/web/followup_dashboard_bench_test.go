package web_test

import (
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"net/url"
	"slices"
	"strconv"
	"testing"
	"time"

	"sprang/internal/config"
	"sprang/internal/demo"
	"sprang/internal/files"
	"sprang/internal/followup"
	"sprang/internal/i18n"
	"sprang/internal/identity"
	"sprang/internal/secret"
	"sprang/internal/store"
	"sprang/internal/store/storetest"
	"sprang/internal/web"
)

// Sizes of the dashboard benchmark: the 5 years × 60 indicators
// × 20 units.
const (
	benchDashIndicators = 60
	benchDashUnits      = 20
	benchDashYears      = 5
)

// BenchmarkFollowUpDashboard loads the staff dashboard, one perspective
// after the other, over the demo's content (its errands, datasets,
// initiatives and assessments, which the computed indicators read) grown
// to 20 units and 60 indicators: the demo's registry and manual ones
// with a stored value for every unit (and the group) and each of the five
// years, and targets. It reports the 99th percentile of the response time,
// the largest page as sent (gzip) and the slowest first load of a page
// (cold-ms: before any errand figures are kept, see Server.errandFigures), on
// SQLite and, with SPRANG_TEST_POSTGRES set, PostgreSQL.
//
//	go test -run '^$' -bench BenchmarkFollowUpDashboard -benchtime 200x ./internal/web/
func BenchmarkFollowUpDashboard(b *testing.B) {
	for _, eng := range storetest.Engines() {
		b.Run(string(eng), func(b *testing.B) { benchDashboard(b, eng) })
	}
}

func benchDashboard(b *testing.B, eng store.Engine) {
	base, session, year := newDashBench(b, eng)
	var paths []string
	for _, p := range followup.Perspectives() {
		paths = append(paths, "/personal/uppfoljning?ar="+strconv.Itoa(year)+"&perspektiv="+string(p))
	}
	c := &http.Client{Transport: &http.Transport{DisableCompression: true}}
	get := func(path string) int {
		req, _ := http.NewRequestWithContext(b.Context(), http.MethodGet, base+path, nil)
		req.Header.Set("Accept-Encoding", "gzip")
		req.AddCookie(&http.Cookie{Name: "sprang", Value: session})
		resp, err := c.Do(req)
		if err != nil {
			b.Fatal(err)
		}
		defer func() { _ = resp.Body.Close() }()
		body, _ := io.ReadAll(resp.Body)
		if resp.StatusCode != http.StatusOK || resp.Header.Get("Content-Encoding") != "gzip" {
			b.Fatalf("%s: status %d, encoding %q", path, resp.StatusCode, resp.Header.Get("Content-Encoding"))
		}
		return len(body)
	}
	largest, cold := 0, time.Duration(0)
	for _, p := range paths { // the first loads, with nothing kept yet, and the pages' sizes
		start := time.Now()
		largest = max(largest, get(p))
		cold = max(cold, time.Since(start))
	}
	var times []time.Duration
	b.ResetTimer()
	for i := 0; b.Loop(); i++ {
		start := time.Now()
		get(paths[i%len(paths)])
		times = append(times, time.Since(start))
	}
	slices.Sort(times)
	p99 := times[min(len(times)-1, len(times)*99/100)]
	b.ReportMetric(float64(p99.Microseconds())/1000, "p99-ms")
	b.ReportMetric(float64(largest)/1000, "max-kB-gzip")
	b.ReportMetric(float64(cold.Microseconds())/1000, "cold-ms")
}

// newDashBench returns the address of a server over the demo's content
// grown to the benchmark's size, an administrator's session, and this
// year.
func newDashBench(b *testing.B, eng store.Engine) (string, string, int) {
	b.Helper()
	ctx := b.Context()
	box, err := secret.NewBox("dashboard bench key dashboard bench key 001")
	if err != nil {
		b.Fatal(err)
	}
	db := storetest.OpenEngine(b, eng).WithBox(box)
	fs, err := files.Open(ctx, files.DefaultURL(b.TempDir()), box)
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { _ = fs.Close() })
	if err := demo.SeedWithFiles(ctx, db, fs); err != nil {
		b.Fatal(err)
	}
	year := db.Now().In(followup.Location()).Year()
	units := benchDashGrowUnits(b, db)
	benchDashGrowIndicators(b, db, units, year)
	srv, err := web.NewServer(web.Deps{Config: config.Config{BaseURL: "http://kommun.example.test", SessionIdle: time.Hour, SessionAbsolute: 12 * time.Hour},
		DB: db, Logger: slog.New(slog.DiscardHandler), Catalog: i18n.MustLoad(), Files: fs})
	if err != nil {
		b.Fatal(err)
	}
	ts := httptest.NewServer(srv)
	b.Cleanup(ts.Close)
	c := &http.Client{CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	resp, err := c.PostForm(ts.URL+"/logga-in", url.Values{"username": {"admin"}, "password": {demo.Password}})
	if err != nil {
		b.Fatal(err)
	}
	_ = resp.Body.Close()
	for _, ck := range resp.Cookies() {
		if ck.Name == "sprang" {
			return ts.URL, ck.Value, year
		}
	}
	b.Fatalf("login: status %d, no session", resp.StatusCode)
	return "", "", 0
}

// benchDashGrowUnits adds avdelningar under the demo's förvaltningar
// until there are benchDashUnits units, and returns every unit's id.
func benchDashGrowUnits(b *testing.B, db *store.DB) []int64 {
	b.Helper()
	units, err := db.FindUnits(b.Context())
	if err != nil {
		b.Fatal(err)
	}
	var parents []identity.Unit
	for _, u := range units {
		if u.Kind == identity.KindForvaltning {
			parents = append(parents, u)
		}
	}
	for i := 0; len(units) < benchDashUnits; i++ {
		p := parents[i%len(parents)]
		u, err := db.CreateUnit(b.Context(), identity.Unit{Kind: identity.KindAvdelning, ParentID: p.ID,
			Slug: fmt.Sprintf("bench-avdelning-%d", i), NameSV: fmt.Sprintf("Avdelning %d, %s", i+1, p.NameSV)})
		if err != nil {
			b.Fatal(err)
		}
		units = append(units, u)
	}
	ids := make([]int64, len(units))
	for i, u := range units {
		ids[i] = u.ID
	}
	return ids
}

// benchDashGrowIndicators adds manual indicators, spread over the
// perspectives, until there are benchDashIndicators, each with a target
// and a stored value for the group and every unit in each of the
// benchDashYears years up to year.
func benchDashGrowIndicators(b *testing.B, db *store.DB, units []int64, year int) {
	b.Helper()
	ctx := b.Context()
	inds, err := db.Indicators(ctx)
	if err != nil {
		b.Fatal(err)
	}
	perspectives := followup.Perspectives()
	for i := 0; len(inds) < benchDashIndicators; i++ {
		ind := followup.Indicator{Key: fmt.Sprintf("bench-%d", i), Perspective: perspectives[i%len(perspectives)], OwnerUnitID: units[0],
			Name:    followup.Text{SV: fmt.Sprintf("Indikator nummer %d för mätning", i+1), EN: fmt.Sprintf("Indicator number %d", i+1)},
			Method:  followup.Text{SV: "Förs in för hand av den ansvariga enheten en gång om året."},
			Measure: followup.MeasureShare, Direction: followup.HigherIsBetter, Source: followup.Manual, Public: i%2 == 0, Order: 100 + i}
		var values []followup.Value
		for y := year - benchDashYears + 1; y <= year; y++ {
			ind.Targets = append(ind.Targets, followup.Target{Year: y, Value: 0.6})
			for j, u := range append([]int64{0}, units...) {
				values = append(values, followup.Value{Indicator: ind.Key, UnitID: u, Period: followup.YearPeriod(y),
					Value: float64((i*7+j*3+y)%100) / 100, Known: true, Source: "Enkät", Comment: "Uppskattat"})
			}
		}
		if err := db.SaveIndicator(ctx, ind, 0); err != nil {
			b.Fatal(err)
		}
		if err := db.SaveValues(ctx, values, 0); err != nil {
			b.Fatal(err)
		}
		inds = append(inds, ind)
	}
}
