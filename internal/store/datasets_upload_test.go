package store_test

import (
	"encoding/json"
	"fmt"
	"slices"
	"sync"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"sprang"
	"sprang/internal/opendata"
	"sprang/internal/store"
	"sprang/internal/store/storetest"
)

// testUpload returns an upload of a CSV file to distribution id.
func testUpload(id, name string) opendata.Upload {
	return opendata.Upload{DistributionID: id, FileName: name, BlobKey: "open/" + name, MediaType: "text/csv",
		ByteSize: 1234, Checksum: fmt.Sprintf("%064x", len(name))}
}

func TestAddUploadVersions(t *testing.T) {
	t.Parallel()
	eachClock(t, func(t *testing.T, db *store.DB, clock *storetest.Clock) {
		ctx := t.Context()
		d := mustCreateDataset(t, db, testDataset(testOrg(t, db)["kommunen"].ID, "avfall", "Avfall"))
		dist := mustCreateDistribution(t, db, opendata.Distribution{DatasetID: d.ID, Kind: opendata.KindFile, TitleSV: "Avfall"})

		clock.Add(time.Hour)
		cols := []opendata.Column{{Name: "År", Type: opendata.TypeInt, Inferred: opendata.TypeInt, Index: true}}
		u1 := testUpload(dist.ID, "avfall-2024.csv")
		u1.LoadState, u1.Columns = opendata.LoadPending, cols
		first, err := db.AddUpload(ctx, u1)
		if err != nil {
			t.Fatal(err)
		}
		if first.ID == 0 || first.Version != 1 || first.LoadState != opendata.LoadPending || !first.CreatedAt.Equal(clock.Now()) {
			t.Fatalf("first upload = %+v", first)
		}
		clock.Add(time.Hour)
		u2 := opendata.Upload{DistributionID: dist.ID, FileName: "Avfall 2025.PDF", BlobKey: "open/b",
			MediaType: "application/octet-stream", ByteSize: 99, Checksum: "ab", LoadState: opendata.LoadDone}
		second, err := db.AddUpload(ctx, u2)
		if err != nil {
			t.Fatal(err)
		}
		if second.Version != 2 || second.LoadState != opendata.LoadNone {
			t.Fatalf("second upload = %+v, want version 2 not to be loaded", second)
		}
		got, err := db.Distribution(ctx, dist.ID)
		if err != nil {
			t.Fatal(err)
		}
		if got.Version != 2 || got.Format != "PDF" || got.MediaType != "application/octet-stream" || got.ByteSize != 99 ||
			got.Checksum != "ab" || !got.UpdatedAt.Equal(clock.Now()) {
			t.Errorf("distribution after two uploads: %+v", got)
		}
		if e, _ := db.Dataset(ctx, d.ID); !e.Dataset.UpdatedAt.Equal(clock.Now()) {
			t.Errorf("an upload did not update the dataset: %v", e.Dataset.UpdatedAt)
		}

		all, err := db.Uploads(ctx, dist.ID)
		if err != nil {
			t.Fatal(err)
		}
		if diff := cmp.Diff([]opendata.Upload{second, first}, all); diff != "" {
			t.Errorf("Uploads (-want +got):\n%s", diff)
		}
		for _, c := range []struct {
			version int
			want    opendata.Upload
		}{{0, second}, {1, first}, {2, second}} {
			u, err := db.Upload(ctx, dist.ID, c.version)
			if err != nil || u.ID != c.want.ID {
				t.Errorf("Upload(%d) = %d, %v; want %d", c.version, u.ID, err, c.want.ID)
			}
		}
		if byID, err := db.UploadByID(ctx, first.ID); err != nil || !cmp.Equal(byID, first) {
			t.Errorf("UploadByID = %+v, %v", byID, err)
		}
		for name, find := range map[string]func() error{
			"version 3":          func() error { _, err := db.Upload(ctx, dist.ID, 3); return err },
			"newest of unknown":  func() error { _, err := db.Upload(ctx, "nope", 0); return err },
			"version of unknown": func() error { _, err := db.Upload(ctx, "nope", 1); return err },
			"unknown id":         func() error { _, err := db.UploadByID(ctx, second.ID+100); return err },
		} {
			if err := find(); sprang.ErrorKind(err) != sprang.NotFound {
				t.Errorf("%s: %v, want NotFound", name, err)
			}
		}
		if none, err := db.Uploads(ctx, "nope"); err != nil || len(none) != 0 {
			t.Errorf("Uploads(nope) = %v, %v", none, err)
		}
	})
}

func TestAddUploadRefused(t *testing.T) {
	t.Parallel()
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		ctx := t.Context()
		d := mustCreateDataset(t, db, testDataset(testOrg(t, db)["kommunen"].ID, "karta", "Karta"))
		link := mustCreateDistribution(t, db, opendata.Distribution{DatasetID: d.ID, Kind: opendata.KindLink, URL: "https://example.se"})
		if _, err := db.AddUpload(ctx, testUpload(link.ID, "a.csv")); sprang.ErrorKind(err) != sprang.Conflict {
			t.Errorf("upload to a link: %v, want Conflict", err)
		}
		if _, err := db.AddUpload(ctx, testUpload("nope", "a.csv")); sprang.ErrorKind(err) != sprang.NotFound {
			t.Errorf("upload to unknown distribution: %v, want NotFound", err)
		}
		if got, _ := db.Distribution(ctx, link.ID); got.Version != 0 {
			t.Errorf("refused upload changed the link: %+v", got)
		}
	})
}

// TestAddUploadConcurrent checks that concurrent uploads to one
// distribution get consecutive versions, none twice.
func TestAddUploadConcurrent(t *testing.T) {
	t.Parallel()
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		d := mustCreateDataset(t, db, testDataset(testOrg(t, db)["kommunen"].ID, "samtidigt", "Samtidigt"))
		dist := mustCreateDistribution(t, db, fileDistribution(d.ID, "Fil", "CSV"))
		const n = 8
		versions := make([]int, n)
		errs := make([]error, n)
		var wg sync.WaitGroup
		start := make(chan struct{})
		for i := range n {
			wg.Go(func() {
				<-start
				u, err := db.AddUpload(t.Context(), testUpload(dist.ID, fmt.Sprintf("f%d.csv", i)))
				versions[i], errs[i] = u.Version, err
			})
		}
		close(start)
		wg.Wait()
		for _, err := range errs {
			if err != nil {
				t.Fatal(err)
			}
		}
		slices.Sort(versions)
		if diff := cmp.Diff([]int{1, 2, 3, 4, 5, 6, 7, 8}, versions); diff != "" {
			t.Errorf("versions (-want +got):\n%s", diff)
		}
		if got, _ := db.Distribution(t.Context(), dist.ID); got.Version != n {
			t.Errorf("distribution version %d, want %d", got.Version, n)
		}
	})
}

// TestUploadQualityDecoded checks that the quality report the datastore
// stores as JSON comes back decoded, and that an upload's file facts
// cannot be changed behind the store's back.
func TestUploadQualityDecoded(t *testing.T) {
	t.Parallel()
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		ctx := t.Context()
		d := mustCreateDataset(t, db, testDataset(testOrg(t, db)["kommunen"].ID, "kvalitet", "Kvalitet"))
		dist := mustCreateDistribution(t, db, fileDistribution(d.ID, "Fil", "CSV"))
		up, err := db.AddUpload(ctx, testUpload(dist.ID, "k.csv"))
		if err != nil {
			t.Fatal(err)
		}
		q := opendata.Quality{Rows: 10, Encoding: "Windows-1252", Delimiter: ";",
			Columns:   []opendata.ColumnQuality{{Name: "Område", Type: opendata.TypeText, Distinct: 3, Examples: []string{"Domsjö"}}},
			Problems:  []opendata.RowProblem{{Line: 4, Column: "Värde", Key: "data.load.number", Value: "x"}},
			CheckedAt: time.Date(2026, 3, 2, 10, 0, 0, 0, time.UTC)}
		b, _ := json.Marshal(q)
		if _, err := db.WritePool().ExecContext(ctx, fmt.Sprintf(`UPDATE uploads SET quality_json = '%s', load_state = 'loaded' WHERE id = %d`, b, up.ID)); err != nil {
			t.Fatal(err)
		}
		got, err := db.UploadByID(ctx, up.ID)
		if err != nil {
			t.Fatal(err)
		}
		if got.Quality == nil || got.LoadState != opendata.LoadDone {
			t.Fatalf("upload = %+v", got)
		}
		if diff := cmp.Diff(q, *got.Quality); diff != "" {
			t.Errorf("quality (-stored +read):\n%s", diff)
		}
		if _, err := db.WritePool().ExecContext(ctx, fmt.Sprintf(`UPDATE uploads SET blob_key = 'other' WHERE id = %d`, up.ID)); err == nil {
			t.Error("the blob key of an upload was changed")
		}
	})
}

// TestUploadFactsFrozen checks that the trigger of migration 0008 keeps an
// uploaded version's file facts as they were stored, on both engines,
// while the loader's columns stay writable.
func TestUploadFactsFrozen(t *testing.T) {
	t.Parallel()
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		ctx := t.Context()
		d := mustCreateDataset(t, db, testDataset(testOrg(t, db)["kommunen"].ID, "fryst", "Fryst"))
		dist := mustCreateDistribution(t, db, opendata.Distribution{DatasetID: d.ID, Kind: opendata.KindFile})
		up, err := db.AddUpload(ctx, testUpload(dist.ID, "a.csv"))
		if err != nil {
			t.Fatal(err)
		}
		id := fmt.Sprint(up.ID)
		for _, q := range []string{
			`UPDATE uploads SET checksum = 'x' WHERE id = ` + id,
			`UPDATE uploads SET blob_key = 'o/other' WHERE id = ` + id,
			`UPDATE uploads SET byte_size = 1 WHERE id = ` + id,
			`UPDATE uploads SET version = 9 WHERE id = ` + id,
		} {
			if err := db.ExecForTest(ctx, q); err == nil {
				t.Errorf("%s: no error, want the trigger to refuse", q)
			}
		}
		if err := db.ExecForTest(ctx, `UPDATE uploads SET load_state = 'loaded', loaded_rows = 3 WHERE id = `+id); err != nil {
			t.Errorf("the loader's columns: %v", err)
		}
	})
}
