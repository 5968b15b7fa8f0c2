package web

import (
	"context"
	"errors"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"sprang/internal/config"
	"sprang/internal/i18n"
	"sprang/internal/identity"
	"sprang/internal/opendata"
	"sprang/internal/store"
	"sprang/internal/store/storetest"
)

// TestPreviewTimeout checks the preview's time limit: a query that runs
// out of time is stopped and reported as errPreviewTimeout, which the
// resource page shows as a 503 saying what to try instead, and which the
// dataset page leaves out (showing the rest of the preview).
func TestPreviewTimeout(t *testing.T) {
	t.Parallel()
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		s, err := NewServer(Deps{Config: config.Config{BaseURL: "http://kommun.example.test"}, DB: db, Catalog: i18n.MustLoad()})
		if err != nil {
			t.Fatal(err)
		}
		up := timeoutTable(t, db)

		// A request whose deadline has passed: the preview's own limit is
		// later, so the earlier one stops the query, as previewTimeout would.
		ctx, cancel := context.WithDeadline(t.Context(), time.Now().Add(-time.Second))
		defer cancel()
		r := httptest.NewRequestWithContext(ctx, http.MethodGet, "/data/prover/resurser/x", nil)
		v := s.view(r)
		pp := previewParams{page: 1, base: "/data/prover/resurser/x", q: "torget"}
		if _, err := s.previewOf(r, v, up, pp); !errors.Is(err, errPreviewTimeout) {
			t.Fatalf("previewOf after the deadline: %v, want errPreviewTimeout", err)
		}
		if p, err := s.datasetPreviewOf(r, v, distributionView{Href: "/data/prover/resurser/x"}, up); err != nil || p == nil || p.Table != nil {
			t.Errorf("dataset page's preview after the deadline: %+v, %v; want no table and no error", p, err)
		}
		r = httptest.NewRequestWithContext(t.Context(), http.MethodGet, "/data/prover/resurser/x", nil)
		if p, err := s.previewOf(r, s.view(r), up, pp); err != nil || p == nil || len(p.Rows) != 1 {
			t.Fatalf("previewOf in time: %+v, %v", p, err)
		}

		r.AddCookie(&http.Cookie{Name: "lang", Value: "sv"})
		w := httptest.NewRecorder()
		s.dataFail(w, r, errors.Join(errPreviewTimeout, context.DeadlineExceeded))
		body, _ := io.ReadAll(w.Result().Body)
		if w.Code != http.StatusServiceUnavailable || w.Header().Get("Retry-After") == "" ||
			!strings.Contains(string(body), "Förhandsvisningen tog för lång tid") || !strings.Contains(string(body), "inom 5 sekunder") {
			t.Errorf("timeout page: %d, Retry-After %q\n%s", w.Code, w.Header().Get("Retry-After"), body)
		}
	})
}

// timeoutTable stores a loaded table of two rows and returns its upload.
func timeoutTable(t *testing.T, db *store.DB) opendata.Upload {
	t.Helper()
	ctx := t.Context()
	u, err := db.CreateUnit(ctx, identity.Unit{Kind: identity.KindGroup, Slug: "kommunen", NameSV: "Kommunen"})
	if err != nil {
		t.Fatal(err)
	}
	d, err := db.CreateDataset(ctx, opendata.Dataset{Slug: "prover", UnitID: u.ID, TitleSV: "Prover", Licence: opendata.LicenceCC0,
		AccessRights: opendata.AccessPublic})
	if err != nil {
		t.Fatal(err)
	}
	dist, err := db.CreateDistribution(ctx, opendata.Distribution{DatasetID: d.ID, Kind: opendata.KindFile, Format: "CSV", MediaType: "text/csv"})
	if err != nil {
		t.Fatal(err)
	}
	up, err := db.AddUpload(ctx, opendata.Upload{DistributionID: dist.ID, FileName: "p.csv", BlobKey: "k", MediaType: "text/csv",
		ByteSize: 10, Checksum: "c", LoadState: opendata.LoadNone})
	if err != nil {
		t.Fatal(err)
	}
	cols := []opendata.Column{{Name: "Plats", Type: opendata.TypeText, Inferred: opendata.TypeText},
		{Name: "Halt", Type: opendata.TypeNumeric, Inferred: opendata.TypeNumeric}}
	n, err := db.LoadTable(ctx, up.ID, cols, &rowsOf{rows: []opendata.Row{{"Torget", 12.5}, {"Parken", 3.25}}}, nil)
	if err != nil {
		t.Fatal(err)
	}
	if err := db.SetLoadState(ctx, up.ID, opendata.LoadDone, n, ""); err != nil {
		t.Fatal(err)
	}
	if up, err = db.Upload(ctx, dist.ID, 0); err != nil {
		t.Fatal(err)
	}
	return up
}

// rowsOf is a RowSource over rows in memory.
type rowsOf struct {
	rows []opendata.Row
	i    int
}

func (s *rowsOf) Next() (opendata.Row, error) {
	if s.i >= len(s.rows) {
		return nil, io.EOF
	}
	s.i++
	return s.rows[s.i-1], nil
}
