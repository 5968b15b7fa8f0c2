package store_test

import (
	"context"
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"sprang"
	"sprang/internal/opendata"
	"sprang/internal/store"
	"sprang/internal/store/storetest"
)

// ids returns the _id of every row of res (its first column).
func dsIDs(t *testing.T, res opendata.Result) []int64 {
	t.Helper()
	if len(res.Columns) == 0 || res.Columns[0].Name != "_id" {
		t.Fatalf("first column is not _id: %v", res.Columns)
	}
	out := make([]int64, len(res.Rows))
	for i, r := range res.Rows {
		out[i] = r[0].(int64)
	}
	return out
}

func dsSearch(t *testing.T, db *store.DB, up opendata.Upload, q opendata.Query) opendata.Result {
	t.Helper()
	res, err := db.DatastoreSearch(t.Context(), up, q)
	if err != nil {
		t.Fatalf("DatastoreSearch(%+v): %v", q, err)
	}
	return res
}

func TestDatastoreRoundTrip(t *testing.T) {
	t.Parallel()
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		up := dsLoad(t, db, dsUpload(t, db), measureCols, measureRows)
		indexed := append([]opendata.Column(nil), measureCols...)
		for i := range indexed {
			indexed[i].Index = true // a small table has every column indexed
		}
		if !cmp.Equal(up.Columns, indexed) {
			t.Errorf("columns recorded = %v, want %v", up.Columns, indexed)
		}
		res := dsSearch(t, db, up, opendata.Query{IncludeTotal: true})
		if res.Total != int64(len(measureRows)) {
			t.Errorf("Total = %d, want %d", res.Total, len(measureRows))
		}
		wantCols := append([]opendata.Column{{Name: "_id", Type: opendata.TypeInt, Inferred: opendata.TypeInt, Index: true}}, indexed...)
		if !cmp.Equal(res.Columns, wantCols) {
			t.Errorf("Columns = %v, want %v", res.Columns, wantCols)
		}
		if len(res.Rows) != len(measureRows) {
			t.Fatalf("%d rows, want %d", len(res.Rows), len(measureRows))
		}
		for i, r := range res.Rows {
			want := append(opendata.Row{int64(i + 1)}, measureRows[i]...)
			if !cmp.Equal(r, want) {
				t.Errorf("row %d = %#v, want %#v", i+1, r, want)
			}
		}
		tm := res.Rows[2][5].(time.Time)
		if tm.Location() != time.UTC {
			t.Errorf("timestamp in %v, want UTC", tm.Location())
		}
	})
}

func TestDatastoreFilters(t *testing.T) {
	t.Parallel()
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		up := dsLoad(t, db, dsUpload(t, db), measureCols, measureRows)
		tests := []struct {
			name    string
			filters []opendata.Filter
			want    []int64
		}{
			{"one value", []opendata.Filter{{Field: fArea, Values: []any{"Domsjö"}}}, []int64{1, 3, 7}},
			{"list of values", []opendata.Filter{{Field: fArea, Values: []any{"Domsjö", "Åsen"}}}, []int64{1, 3, 7, 8}},
			{"several fields", []opendata.Filter{{Field: fArea, Values: []any{"Domsjö"}}, {Field: fCount, Values: []any{int64(7)}}}, []int64{3}},
			{"numeric", []opendata.Filter{{Field: fTemp, Values: []any{12.5, -3.25}}}, []int64{1, 2, 7}},
			{"int given to numeric", []opendata.Filter{{Field: fTemp, Values: []any{int64(18)}}}, []int64{3}},
			{"big int", []opendata.Filter{{Field: fCount, Values: []any{int64(1 << 40)}}}, []int64{6}},
			{"date", []opendata.Filter{{Field: fDate, Values: []any{"2024-02-29"}}}, []int64{6}},
			{"timestamp", []opendata.Filter{{Field: fTime, Values: []any{ts("2024-01-15T08:30:00.123456+01:00")}}}, []int64{2}},
			{"bool true", []opendata.Filter{{Field: fOK, Values: []any{true}}}, []int64{1, 3, 6, 7}},
			{"bool false", []opendata.Filter{{Field: fOK, Values: []any{false}}}, []int64{2, 4}},
			{"null", []opendata.Filter{{Field: fOK, Values: []any{nil}}}, []int64{5, 8}},
			{"null or value", []opendata.Filter{{Field: fArea, Values: []any{nil, "Åsen"}}}, []int64{5, 8}},
			{"no values", []opendata.Filter{{Field: fArea, Values: []any{}}}, []int64{}},
			{"_id", []opendata.Filter{{Field: "_id", Values: []any{int64(4)}}}, []int64{4}},
			{"no match", []opendata.Filter{{Field: fArea, Values: []any{"domsjö"}}}, []int64{}},
			{"quote in value", []opendata.Filter{{Field: fArea, Values: []any{"x' OR '1'='1"}}}, []int64{}},
		}
		for _, tt := range tests {
			t.Run(tt.name, func(t *testing.T) {
				t.Parallel()
				res := dsSearch(t, db, up, opendata.Query{Filters: tt.filters, IncludeTotal: true})
				got := dsIDs(t, res)
				if !cmp.Equal(got, tt.want) {
					t.Errorf("ids = %v, want %v", got, tt.want)
				}
				if res.Total != int64(len(tt.want)) {
					t.Errorf("Total = %d, want %d", res.Total, len(tt.want))
				}
			})
		}
	})
}

func TestDatastoreQ(t *testing.T) {
	t.Parallel()
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		up := dsLoad(t, db, dsUpload(t, db), measureCols, measureRows)
		tests := []struct {
			q    string
			want []int64
		}{
			{"domsjö", []int64{1, 3, 7}},
			{"DOMSJÖ vatten", []int64{1, 7}},
			{"åäö", []int64{2}},
			{"örnsköldsvik", []int64{4}},
			{"ÖPPET", []int64{8}},
			{"100%", []int64{3}},
			{"%", []int64{3}},
			{"_", []int64{4}},
			{"*", []int64{6}},
			{"?", []int64{6}},
			{"[a]", []int64{6}},
			{"]", []int64{6}},
			{"(", []int64{}},
			{"12.5", []int64{}}, // numbers are not text columns
			{"  ", []int64{1, 2, 3, 4, 5, 6, 7, 8}},
			{"sjö nothere", []int64{}},
			{"BLÅSIGT_VÄDER", []int64{4}},
			{"blåsigt%väder", []int64{}},
			{"Ström *", []int64{6}},
			{"\\", []int64{}},
			{"!", []int64{8}},
			{"T!", []int64{8}},
			{"!%", []int64{}},
		}
		for _, tt := range tests {
			t.Run(tt.q, func(t *testing.T) {
				t.Parallel()
				got := dsIDs(t, dsSearch(t, db, up, opendata.Query{Q: tt.q}))
				if !cmp.Equal(got, tt.want) {
					t.Errorf("q %q: ids = %v, want %v", tt.q, got, tt.want)
				}
			})
		}
	})
}

func TestDatastoreSort(t *testing.T) {
	t.Parallel()
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		up := dsLoad(t, db, dsUpload(t, db), measureCols, measureRows)
		tests := []struct {
			name string
			sort []opendata.SortKey
			want []int64
		}{
			{"default _id", nil, []int64{1, 2, 3, 4, 5, 6, 7, 8}},
			{"_id desc", []opendata.SortKey{{Field: "_id", Desc: true}}, []int64{8, 7, 6, 5, 4, 3, 2, 1}},
			// null is the smallest value; ties keep _id order.
			{"temperature asc", []opendata.SortKey{{Field: fTemp}}, []int64{5, 2, 8, 6, 1, 7, 4, 3}},
			{"temperature desc", []opendata.SortKey{{Field: fTemp, Desc: true}}, []int64{3, 4, 1, 7, 6, 8, 2, 5}},
			// text sorts by code point on both engines: Å (U+00C5) before Ö (U+00D6).
			{"area desc, count asc", []opendata.SortKey{{Field: fArea, Desc: true}, {Field: fCount}}, []int64{4, 8, 2, 1, 7, 3, 6, 5}},
			{"area, temperature desc", []opendata.SortKey{{Field: fArea}, {Field: fTemp, Desc: true}}, []int64{5, 6, 3, 1, 7, 2, 8, 4}},
			{"date", []opendata.SortKey{{Field: fDate}}, []int64{5, 4, 2, 6, 8, 1, 7, 3}},
			{"timestamp desc", []opendata.SortKey{{Field: fTime, Desc: true}}, []int64{3, 1, 7, 8, 2, 4, 6, 5}},
			{"bool, _id desc", []opendata.SortKey{{Field: fOK}, {Field: "_id", Desc: true}}, []int64{8, 5, 4, 2, 7, 6, 3, 1}},
		}
		for _, tt := range tests {
			t.Run(tt.name, func(t *testing.T) {
				t.Parallel()
				got := dsIDs(t, dsSearch(t, db, up, opendata.Query{Sort: tt.sort}))
				if !cmp.Equal(got, tt.want) {
					t.Errorf("ids = %v, want %v", got, tt.want)
				}
			})
		}
	})
}

func TestDatastoreFieldsDistinctPaging(t *testing.T) {
	t.Parallel()
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		up := dsLoad(t, db, dsUpload(t, db), measureCols, measureRows)
		t.Run("fields in order", func(t *testing.T) {
			t.Parallel()
			res := dsSearch(t, db, up, opendata.Query{Fields: []string{fTemp, fArea}, Limit: 2})
			if got := []string{res.Columns[0].Name, res.Columns[1].Name}; !cmp.Equal(got, []string{fTemp, fArea}) {
				t.Errorf("columns = %v", got)
			}
			want := []opendata.Row{{12.5, "Domsjö"}, {-3.25, "Själevad"}}
			if !cmp.Equal(res.Rows, want) {
				t.Errorf("rows = %v, want %v", res.Rows, want)
			}
			if res.Total != -1 {
				t.Errorf("Total = %d without IncludeTotal, want -1", res.Total)
			}
		})
		t.Run("distinct", func(t *testing.T) {
			t.Parallel()
			res := dsSearch(t, db, up, opendata.Query{Fields: []string{fArea}, Distinct: true, IncludeTotal: true})
			want := []opendata.Row{{nil}, {"Arnäsvall"}, {"Domsjö"}, {"Själevad"}, {"Åsen"}, {"Örnsköldsvik"}}
			if !cmp.Equal(res.Rows, want) || res.Total != 6 {
				t.Errorf("rows = %v (total %d), want %v (6)", res.Rows, res.Total, want)
			}
			res = dsSearch(t, db, up, opendata.Query{Fields: []string{fArea, fCount}, Distinct: true,
				Sort: []opendata.SortKey{{Field: fCount, Desc: true}}, Limit: 3, IncludeTotal: true})
			want = []opendata.Row{{"Arnäsvall", int64(1 << 40)}, {"Domsjö", int64(7)}, {"Åsen", int64(5)}}
			if !cmp.Equal(res.Rows, want) || res.Total != 7 {
				t.Errorf("rows = %v (total %d), want %v (7)", res.Rows, res.Total, want)
			}
			whole := dsSearch(t, db, up, opendata.Query{Distinct: true})
			if len(whole.Rows) != 7 || len(whole.Columns) != len(measureCols) {
				t.Errorf("distinct rows of every column: %d rows of %d columns, want 7 of %d", len(whole.Rows), len(whole.Columns), len(measureCols))
			}
		})
		t.Run("paging", func(t *testing.T) {
			t.Parallel()
			var got []int64
			for off := 0; off < 10; off += 3 {
				res := dsSearch(t, db, up, opendata.Query{Sort: []opendata.SortKey{{Field: fArea}}, Limit: 3, Offset: off, IncludeTotal: true})
				if res.Total != 8 {
					t.Errorf("offset %d: Total = %d, want 8", off, res.Total)
				}
				got = append(got, dsIDs(t, res)...)
			}
			if want := []int64{5, 6, 1, 3, 7, 2, 8, 4}; !cmp.Equal(got, want) {
				t.Errorf("pages = %v, want %v", got, want)
			}
		})
		t.Run("limits", func(t *testing.T) {
			t.Parallel()
			if n := len(dsSearch(t, db, up, opendata.Query{Limit: opendata.MaxLimit + 1}).Rows); n != 8 {
				t.Errorf("limit above the maximum: %d rows", n)
			}
			for _, q := range []opendata.Query{{Limit: -1}, {Offset: -1}} {
				if _, err := db.DatastoreSearch(t.Context(), up, q); sprang.ErrorKind(err) != sprang.Invalid {
					t.Errorf("%+v: err = %v, want Invalid", q, err)
				}
			}
		})
	})
}

func TestDatastoreErrors(t *testing.T) {
	t.Parallel()
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		up := dsLoad(t, db, dsUpload(t, db), measureCols, measureRows)
		tests := []struct {
			name  string
			q     opendata.Query
			key   string
			param string
			field string
		}{
			{"unknown field", opendata.Query{Fields: []string{fArea, "Omrade"}}, "datastore.unknown_field", "fields", "Omrade"},
			{"physical name", opendata.Query{Fields: []string{"c1"}}, "datastore.unknown_field", "fields", "c1"},
			{"unknown filter", opendata.Query{Filters: []opendata.Filter{{Field: "område", Values: []any{"x"}}}}, "datastore.unknown_field", "filters", "område"},
			{"unknown sort", opendata.Query{Sort: []opendata.SortKey{{Field: "Temperatur"}}}, "datastore.unknown_field", "sort", "Temperatur"},
			{"injection as a field", opendata.Query{Sort: []opendata.SortKey{{Field: "c1; DROP TABLE uploads"}}}, "datastore.unknown_field", "sort", "c1; DROP TABLE uploads"},
			{"wrong value type", opendata.Query{Filters: []opendata.Filter{{Field: fCount, Values: []any{"7"}}}}, "datastore.bad_value", "filters", fCount},
			{"bad date", opendata.Query{Filters: []opendata.Filter{{Field: fDate, Values: []any{"2024-02-30"}}}}, "datastore.bad_value", "filters", fDate},
			{"duplicate field", opendata.Query{Fields: []string{fArea, fArea}}, "datastore.duplicate_field", "fields", fArea},
			{"long word", opendata.Query{Q: strings.Repeat("ö", 101)}, "datastore.q_too_long", "q", ""},
			{"many words", opendata.Query{Q: strings.Repeat("a ", 17)}, "datastore.q_too_long", "q", ""},
			{"distinct sort not selected", opendata.Query{Fields: []string{fArea}, Distinct: true, Sort: []opendata.SortKey{{Field: fCount}}}, "datastore.sort_not_selected", "sort", fCount},
		}
		for _, tt := range tests {
			t.Run(tt.name, func(t *testing.T) {
				t.Parallel()
				_, err := db.DatastoreSearch(t.Context(), up, tt.q)
				if sprang.ErrorKind(err) != sprang.Invalid || sprang.ErrorMessage(err) != tt.key {
					t.Fatalf("err = %v, want Invalid %s", err, tt.key)
				}
				var qe *opendata.QueryError
				wantArgs := []any{tt.field}
				if tt.field == "" {
					wantArgs = nil
				}
				if !errors.As(err, &qe) || qe.Param != tt.param || qe.Key != tt.key || !cmp.Equal(qe.Args, wantArgs) {
					t.Errorf("cause = %+v, want %s %s %q", qe, tt.param, tt.key, tt.field)
				}
				if sprang.ErrorFields(err)[tt.param] != tt.key {
					t.Errorf("fields = %v, want %s: %s", sprang.ErrorFields(err), tt.param, tt.key)
				}
			})
		}
	})
}

func TestDatastoreNotLoaded(t *testing.T) {
	t.Parallel()
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		up := dsUpload(t, db)
		_, err := db.DatastoreSearch(t.Context(), up, opendata.Query{})
		if sprang.ErrorKind(err) != sprang.NotFound || sprang.ErrorMessage(err) != "datastore.not_loaded" {
			t.Errorf("search before a load: err = %v, want NotFound datastore.not_loaded", err)
		}
		if _, err := db.LoadTable(t.Context(), up.ID, measureCols, &sliceRows{rows: measureRows}, nil); err != nil {
			t.Fatal(err)
		}
		if err := db.SetLoadState(t.Context(), up.ID, opendata.LoadRunning, 3, ""); err != nil {
			t.Fatal(err)
		}
		up, err = db.UploadByID(t.Context(), up.ID)
		if err != nil {
			t.Fatal(err)
		}
		if up.LoadState != opendata.LoadRunning || up.LoadedRows != 3 {
			t.Errorf("state %s with %d rows, want loading with 3", up.LoadState, up.LoadedRows)
		}
		_, err = db.DatastoreSearch(t.Context(), up, opendata.Query{})
		if sprang.ErrorKind(err) != sprang.NotFound {
			t.Errorf("search while loading: err = %v, want NotFound", err)
		}
		if err := db.SetLoadState(t.Context(), 1<<40, opendata.LoadDone, 0, ""); sprang.ErrorKind(err) != sprang.NotFound {
			t.Errorf("SetLoadState of a missing upload: %v, want NotFound", err)
		}
	})
}

func TestDatastoreReload(t *testing.T) {
	t.Parallel()
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		up := dsLoad(t, db, dsUpload(t, db), measureCols, measureRows)
		for range 3 { // leave what a driver may cache about the old table on several connections
			dsSearch(t, db, up, opendata.Query{Fields: []string{fArea, fCount}, Filters: []opendata.Filter{{Field: fCount, Values: []any{int64(7)}}}, IncludeTotal: true})
		}
		// The steward makes "Antal" text: the table is made anew.
		cols := append([]opendata.Column(nil), measureCols...)
		cols[2] = opendata.Column{Name: fCount, Type: opendata.TypeText, Inferred: opendata.TypeInt, Index: true}
		rows := []opendata.Row{{"Domsjö", nil, "7 st", nil, nil, nil, nil}, {"Husum", nil, nil, nil, nil, nil, nil}}
		up = dsLoad(t, db, up, cols, rows)
		if up.Columns[2] != cols[2] {
			t.Errorf("column after reload = %v", up.Columns[2])
		}
		for range 3 {
			res := dsSearch(t, db, up, opendata.Query{Fields: []string{fArea, fCount}, IncludeTotal: true, Filters: []opendata.Filter{{Field: fCount, Values: []any{"7 st"}}}})
			want := []opendata.Row{{"Domsjö", "7 st"}}
			if !cmp.Equal(res.Rows, want) || res.Total != 1 {
				t.Errorf("rows = %v, want %v", res.Rows, want)
			}
		}
		// Fewer columns.
		up = dsLoad(t, db, up, cols[:1], []opendata.Row{{"Bjästa"}})
		if _, err := db.DatastoreSearch(t.Context(), up, opendata.Query{Fields: []string{fTemp}}); sprang.ErrorMessage(err) != "datastore.unknown_field" {
			t.Errorf("a column of the old table: err = %v", err)
		}
	})
}

func TestDatastoreEach(t *testing.T) {
	t.Parallel()
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		up := dsLoad(t, db, dsUpload(t, db), measureCols, measureRows)
		var got []opendata.Row
		err := db.DatastoreEach(t.Context(), up, opendata.Query{Fields: []string{fArea, fOK}, Sort: []opendata.SortKey{{Field: "_id", Desc: true}}, Offset: 5},
			func(r opendata.Row) error {
				got = append(got, append(opendata.Row(nil), r...))
				return nil
			})
		if err != nil {
			t.Fatal(err)
		}
		want := []opendata.Row{{"Domsjö", true}, {"Själevad", false}, {"Domsjö", true}}
		if !cmp.Equal(got, want) {
			t.Errorf("rows = %v, want %v", got, want)
		}
	})
}

func TestDatastoreLoadErrors(t *testing.T) {
	t.Parallel()
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		up := dsUpload(t, db)
		tests := []struct {
			name string
			cols []opendata.Column
			rows []opendata.Row
		}{
			{"no columns", nil, nil},
			{"bad type", []opendata.Column{{Name: "a", Type: "money"}}, nil},
			{"short row", measureCols, []opendata.Row{{"Domsjö"}}},
			{"wrong Go type", measureCols, []opendata.Row{{"Domsjö", "12,5", nil, nil, nil, nil, nil}}},
		}
		for _, tt := range tests {
			_, err := db.LoadTable(t.Context(), up.ID, tt.cols, &sliceRows{rows: tt.rows}, nil)
			if sprang.ErrorKind(err) != sprang.Invalid {
				t.Errorf("%s: err = %v, want Invalid", tt.name, err)
			}
		}
	})
}

func TestDatastoreSaveQuality(t *testing.T) {
	t.Parallel()
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		up := dsUpload(t, db)
		q := opendata.Quality{Rows: 2, Encoding: "Windows-1252", Delimiter: ";",
			Columns:  []opendata.ColumnQuality{{Name: fArea, Type: opendata.TypeText, Empty: 1, Distinct: 1, Examples: []string{"Domsjö"}}},
			Problems: []opendata.RowProblem{{Line: 3, Column: fArea, Key: "tabular.bad_int", Value: "x"}}, ProblemRows: 1,
			CheckedAt: time.Date(2026, 3, 2, 9, 0, 0, 0, time.UTC)}
		if err := db.SaveQuality(t.Context(), up.ID, q); err != nil {
			t.Fatal(err)
		}
		got, err := db.UploadByID(t.Context(), up.ID)
		if err != nil {
			t.Fatal(err)
		}
		if got.Quality == nil || !cmp.Equal(*got.Quality, q) {
			t.Errorf("quality = %+v, want %+v", got.Quality, q)
		}
		if err := db.SaveQuality(t.Context(), 1<<40, q); sprang.ErrorKind(err) != sprang.NotFound {
			t.Errorf("SaveQuality of a missing upload: %v, want NotFound", err)
		}
	})
}

// TestDatastoreLoadedBeforeIndexes: LoadTableThen calls loaded when the
// rows are in and the columns recorded, before the indexes are built, so
// the loader can mark the table searchable at once; an error from loaded
// ends the load before any index.
func TestDatastoreLoadedBeforeIndexes(t *testing.T) {
	t.Parallel()
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		ctx := t.Context()
		up := dsUpload(t, db)
		var calls int
		loaded := func(ctx context.Context, n int64) error {
			calls++
			if n != int64(len(measureRows)) {
				t.Errorf("loaded with %d rows, want %d", n, len(measureRows))
			}
			if err := db.SetLoadState(ctx, up.ID, opendata.LoadDone, n, ""); err != nil {
				return err
			}
			if k, err := db.DatastoreIndexes(ctx, up.ID); err != nil || k != 0 {
				t.Errorf("indexes when loaded = %d, %v; want none yet", k, err)
			}
			now, err := db.UploadByID(ctx, up.ID)
			if err != nil {
				return err
			}
			if len(now.Columns) != len(measureCols) || !now.Columns[0].Index {
				t.Errorf("columns when loaded = %v, want all recorded, to be indexed", now.Columns)
			}
			res := dsSearch(t, db, now, opendata.Query{Fields: []string{fArea}, IncludeTotal: true})
			if res.Total != int64(len(measureRows)) {
				t.Errorf("a search when loaded counts %d rows, want %d", res.Total, len(measureRows))
			}
			return nil
		}
		if _, err := db.LoadTableThen(ctx, up.ID, measureCols, &sliceRows{rows: measureRows}, nil, loaded); err != nil {
			t.Fatal(err)
		}
		if k, err := db.DatastoreIndexes(ctx, up.ID); err != nil || k != len(measureCols) || calls != 1 {
			t.Errorf("after the load: %d indexes (%v), loaded called %d times; want %d and once", k, err, calls, len(measureCols))
		}

		stop := errors.New("the upload could not be marked loaded")
		_, err := db.LoadTableThen(ctx, up.ID, measureCols, &sliceRows{rows: measureRows}, nil,
			func(context.Context, int64) error { return stop })
		if !errors.Is(err, stop) {
			t.Errorf("err = %v, want the error of loaded", err)
		}
		if k, err := db.DatastoreIndexes(ctx, up.ID); err != nil || k != 0 {
			t.Errorf("after a failed loaded: %d indexes (%v), want none", k, err)
		}
	})
}
