package datastore_test

import (
	"errors"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"sprang"
	"sprang/internal/datastore"
	"sprang/internal/jobs"
	"sprang/internal/opendata"
	"sprang/internal/store"
	"sprang/internal/store/storetest"
)

func TestLoadSwedishCSV(t *testing.T) {
	t.Parallel()
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		e := newEnv(t, db)
		up := e.upload(t, "matningar.csv", win1252(t, swedishCSV))
		q, err := e.loader.Load(t.Context(), up.ID, nil)
		if err != nil {
			t.Fatalf("Load: %v", err)
		}
		if q.Rows != 5 || q.Encoding != "Windows-1252" || q.Delimiter != ";" || q.ProblemRows != 0 {
			t.Errorf("quality: %d rows, %s, %q, %d problem rows", q.Rows, q.Encoding, q.Delimiter, q.ProblemRows)
		}
		up = e.reread(t, up.ID)
		if up.LoadState != opendata.LoadDone || up.LoadedRows != 5 || up.LoadMessage != "" {
			t.Errorf("upload: %s, %d rows, %q", up.LoadState, up.LoadedRows, up.LoadMessage)
		}
		if up.Quality == nil || up.Quality.Rows != 5 || len(up.Quality.Columns) != 7 {
			t.Errorf("saved quality: %+v", up.Quality)
		}
		wantCols := []opendata.Column{
			{Name: "Område", Type: opendata.TypeText, Inferred: opendata.TypeText, Index: true},
			{Name: "Mätstation", Type: opendata.TypeText, Inferred: opendata.TypeText, Index: true},
			{Name: "Temperatur (°C)", Type: opendata.TypeNumeric, Inferred: opendata.TypeNumeric, Index: true},
			{Name: "Antal", Type: opendata.TypeInt, Inferred: opendata.TypeInt, Index: true},
			{Name: "Datum", Type: opendata.TypeDate, Inferred: opendata.TypeDate, Index: true},
			{Name: "Godkänd", Type: opendata.TypeBool, Inferred: opendata.TypeBool, Index: true},
			{Name: "Kommentar", Type: opendata.TypeText, Inferred: opendata.TypeText, Index: true},
		}
		if !cmp.Equal(up.Columns, wantCols) {
			t.Errorf("columns:\n%v\nwant\n%v", up.Columns, wantCols)
		}
		res, err := db.DatastoreSearch(t.Context(), up, opendata.Query{IncludeTotal: true})
		if err != nil {
			t.Fatal(err)
		}
		want := []opendata.Row{
			{int64(1), "Domsjö", "Domsjö fabriker", 12.5, int64(3), "2024-06-01", true, "Klart vatten"},
			{int64(2), "Själevad", "Själevadsvägen 10", -3.25, int64(0), "2024-01-15", false, `Is på sjön; "tjock"`},
			{int64(3), "Örnsköldsvik", "Torggatan 3", 15.75, int64(-2), "2023-12-31", false, "Första raden\nandra raden"},
			{int64(4), "Domsjö", "Ångermanlands väg", 18.0, int64(7), "2024-07-20", true, nil},
			{int64(5), "Åsen", "Åsberget", 1234.5, int64(1000), "2024-02-29", nil, "Högt värde – kontrollera"},
		}
		if !cmp.Equal(res.Rows, want) || res.Total != 5 {
			t.Errorf("rows (total %d), diff -got +want:\n%s", res.Total, cmp.Diff(res.Rows, want))
		}
		res, err = db.DatastoreSearch(t.Context(), up, opendata.Query{
			Filters: []opendata.Filter{{Field: "Område", Values: []any{"Domsjö", "Åsen"}}},
			Sort:    []opendata.SortKey{{Field: "Temperatur (°C)", Desc: true}},
			Fields:  []string{"Mätstation", "Temperatur (°C)"}, Limit: 2, Offset: 1, IncludeTotal: true,
		})
		if err != nil {
			t.Fatal(err)
		}
		want = []opendata.Row{{"Ångermanlands väg", 18.0}, {"Domsjö fabriker", 12.5}}
		if !cmp.Equal(res.Rows, want) || res.Total != 3 {
			t.Errorf("filtered page (total %d): %v, want %v", res.Total, res.Rows, want)
		}
	})
}

func TestLoadOverridesReload(t *testing.T) {
	t.Parallel()
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		e := newEnv(t, db)
		up := e.upload(t, "matningar.csv", win1252(t, swedishCSV))
		if err := e.loader.Enqueue(t.Context(), up.ID, nil); err != nil {
			t.Fatal(err)
		}
		// The steward wants "Antal" as text and "Datum" as a timestamp.
		q, err := e.loader.Load(t.Context(), up.ID, map[string]opendata.ColumnType{"Antal": opendata.TypeText, "Datum": opendata.TypeTimestamp})
		if err != nil {
			t.Fatal(err)
		}
		up = e.reread(t, up.ID)
		if up.Columns[3].Type != opendata.TypeText || up.Columns[3].Inferred != opendata.TypeInt || up.Columns[4].Type != opendata.TypeTimestamp {
			t.Errorf("columns after override: %v", up.Columns)
		}
		if q.Columns[3].Type != opendata.TypeText {
			t.Errorf("quality column type %s, want text", q.Columns[3].Type)
		}
		res, err := db.DatastoreSearch(t.Context(), up, opendata.Query{Fields: []string{"Antal", "Datum"}, Limit: 1,
			Filters: []opendata.Filter{{Field: "Antal", Values: []any{"1 000"}}}})
		if err != nil {
			t.Fatal(err)
		}
		// Timestamps without an offset are Stockholm time: midnight is 23:00 UTC the day before.
		want := []opendata.Row{{"1 000", time.Date(2024, 2, 28, 23, 0, 0, 0, time.UTC)}}
		if !cmp.Equal(res.Rows, want) {
			t.Errorf("rows = %v, want %v", res.Rows, want)
		}
		// A text column made int: rows that do not convert are reported and skipped.
		q, err = e.loader.Load(t.Context(), up.ID, map[string]opendata.ColumnType{"Mätstation": opendata.TypeInt})
		if err != nil {
			t.Fatal(err)
		}
		if q.Rows != 0 || q.ProblemRows != 5 || len(q.Problems) != 5 || q.Problems[0].Line != 2 {
			t.Errorf("quality: %d rows, %d problem rows, %v", q.Rows, q.ProblemRows, q.Problems)
		}
		for _, bad := range []map[string]opendata.ColumnType{{"Antl": opendata.TypeText}, {"Antal": "money"}} {
			err := e.loader.Enqueue(t.Context(), up.ID, bad)
			var qe *opendata.QueryError
			if sprang.ErrorKind(err) != sprang.Invalid || !errors.As(err, &qe) || qe.Param != "overrides" {
				t.Errorf("Enqueue(%v): err = %v, want Invalid about overrides", bad, err)
			}
		}
		if up := e.reread(t, up.ID); up.LoadState != opendata.LoadDone {
			t.Errorf("state after refused overrides: %s, want loaded", up.LoadState)
		}
	})
}

func TestLoadFailures(t *testing.T) {
	t.Parallel()
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		e := newEnv(t, db)
		tests := []struct {
			name    string
			content []byte
			key     string
		}{
			{"empty file", nil, "tabular.empty"},
			{"binary", []byte("\x00\x01\x02\x03PK\x03\x04\x00\x00binary"), ""},
		}
		var first opendata.Upload
		for _, tt := range tests {
			up := e.upload(t, "fil.csv", tt.content)
			if first.ID == 0 {
				first = up
			}
			_, err := e.loader.Load(t.Context(), up.ID, nil)
			if sprang.ErrorKind(err) != sprang.Invalid {
				t.Errorf("%s: err = %v, want Invalid", tt.name, err)
			}
			up = e.reread(t, up.ID)
			if up.LoadState != opendata.LoadFailed || up.LoadMessage == "" || tt.key != "" && up.LoadMessage != tt.key {
				t.Errorf("%s: state %s, message %q, want failed with %q", tt.name, up.LoadState, up.LoadMessage, tt.key)
			}
			if _, err := db.DatastoreSearch(t.Context(), up, opendata.Query{}); sprang.ErrorKind(err) != sprang.NotFound {
				t.Errorf("%s: search after a failed load: %v, want NotFound", tt.name, err)
			}
		}
		if err := e.files.Delete(t.Context(), first.BlobKey); err != nil {
			t.Fatal(err)
		}
		if _, err := e.loader.Load(t.Context(), first.ID, nil); err == nil || e.reread(t, first.ID).LoadMessage != datastore.MsgFileMissing {
			t.Errorf("load of a deleted file: err = %v, message %q", err, e.reread(t, first.ID).LoadMessage)
		}
		if _, err := e.loader.Load(t.Context(), 1<<40, nil); sprang.ErrorKind(err) != sprang.NotFound {
			t.Errorf("load of a missing upload: %v, want NotFound", err)
		}
	})
}

func TestLoadJob(t *testing.T) {
	t.Parallel()
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		e := newEnv(t, db)
		r := jobs.New(db, nil, jobs.Config{FetchPollInterval: 20 * time.Millisecond})
		if err := e.loader.Register(r); err != nil {
			t.Fatal(err)
		}
		if err := e.loader.Register(r); err == nil {
			t.Error("registered twice without an error")
		}
		if err := r.Start(t.Context()); err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { _ = r.Stop(t.Context()) })
		good := e.upload(t, "matningar.csv", win1252(t, swedishCSV))
		bad := e.upload(t, "tom.csv", nil)
		for _, up := range []opendata.Upload{good, bad} {
			if err := e.loader.Enqueue(t.Context(), up.ID, nil); err != nil {
				t.Fatal(err)
			}
		}
		if s := e.reread(t, good.ID).LoadState; s != opendata.LoadPending && s != opendata.LoadRunning && s != opendata.LoadDone {
			t.Errorf("state after Enqueue: %s", s)
		}
		deadline := time.Now().Add(20 * time.Second)
		for {
			g, b := e.reread(t, good.ID), e.reread(t, bad.ID)
			if g.LoadState == opendata.LoadDone && b.LoadState == opendata.LoadFailed {
				if g.LoadedRows != 5 || b.LoadMessage != "tabular.empty" {
					t.Errorf("good: %d rows; bad: %q", g.LoadedRows, b.LoadMessage)
				}
				return
			}
			if time.Now().After(deadline) {
				t.Fatalf("jobs did not finish: good %s, bad %s", g.LoadState, b.LoadState)
			}
			time.Sleep(20 * time.Millisecond)
		}
	})
}

func TestLoadConcurrent(t *testing.T) {
	t.Parallel()
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		e := newEnv(t, db)
		up := e.upload(t, "matningar.csv", win1252(t, swedishCSV))
		loaders := []*datastore.Loader{e.loader, e.loader}
		if db.Engine() == store.Postgres { // as if in two processes: the store makes them wait
			loaders[1] = datastore.NewLoader(db, e.files, nil)
		}
		errs := make(chan error, 4)
		for i := range 4 {
			go func() {
				_, err := loaders[i%2].Load(t.Context(), up.ID, nil)
				errs <- err
			}()
		}
		for range 4 {
			if err := <-errs; err != nil {
				t.Error(err)
			}
		}
		up = e.reread(t, up.ID)
		res, err := db.DatastoreSearch(t.Context(), up, opendata.Query{IncludeTotal: true})
		if err != nil || res.Total != 5 || len(res.Rows) != 5 {
			t.Errorf("after concurrent loads: %v, total %d", err, res.Total)
		}
	})
}
