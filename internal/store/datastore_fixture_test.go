package store_test

import (
	"fmt"
	"io"
	"sync/atomic"
	"testing"
	"time"

	"sprang/internal/identity"
	"sprang/internal/opendata"
	"sprang/internal/store"
)

// sliceRows is a RowSource over rows in memory.
type sliceRows struct {
	rows []opendata.Row
	i    int
}

func (s *sliceRows) Next() (opendata.Row, error) {
	if s.i >= len(s.rows) {
		return nil, io.EOF
	}
	s.i++
	return s.rows[s.i-1], nil
}

// dsUnits numbers the units dsUpload creates, so slugs stay unique.
var dsUnits atomic.Int64

// dsUpload returns a new upload of a file distribution of a new dataset,
// not loaded yet.
func dsUpload(t testing.TB, db *store.DB) opendata.Upload {
	t.Helper()
	ctx := t.Context()
	n := dsUnits.Add(1)
	root, err := db.FindUnitBySlug(ctx, "kommunen")
	if err != nil {
		root, err = db.CreateUnit(ctx, identity.Unit{Kind: identity.KindGroup, Slug: "kommunen",
			NameSV: "Kommunen", NameEN: "The municipality"})
	}
	if err != nil {
		t.Fatalf("CreateUnit: %v", err)
	}
	unit, err := db.CreateUnit(ctx, identity.Unit{ParentID: root.ID, Kind: identity.KindForvaltning, Slug: fmt.Sprintf("miljo-%d", n),
		NameSV: "Miljöförvaltningen", NameEN: "Environment"})
	if err != nil {
		t.Fatalf("CreateUnit: %v", err)
	}
	d, err := db.CreateDataset(ctx, opendata.Dataset{Slug: fmt.Sprintf("matningar-%d", n), UnitID: unit.ID,
		TitleSV: "Mätningar", DescriptionSV: "Mätningar i kommunen", ContactName: "Miljöenheten",
		ContactEmail: "miljo@example.se", Licence: opendata.LicenceCC0, AccessRights: opendata.AccessPublic})
	if err != nil {
		t.Fatalf("CreateDataset: %v", err)
	}
	dist, err := db.CreateDistribution(ctx, opendata.Distribution{DatasetID: d.ID, Kind: opendata.KindFile,
		TitleSV: "Mätningar (CSV)", Format: "CSV"})
	if err != nil {
		t.Fatalf("CreateDistribution: %v", err)
	}
	up, err := db.AddUpload(ctx, opendata.Upload{DistributionID: dist.ID, FileName: "matningar.csv",
		BlobKey: "o/test", MediaType: "text/csv", ByteSize: 1, Checksum: "00"})
	if err != nil {
		t.Fatalf("AddUpload: %v", err)
	}
	return up
}

// dsLoad loads rows with cols as the table of up, marks it loaded and
// returns it as the store has it now.
func dsLoad(t testing.TB, db *store.DB, up opendata.Upload, cols []opendata.Column, rows []opendata.Row) opendata.Upload {
	t.Helper()
	ctx := t.Context()
	n, err := db.LoadTable(ctx, up.ID, cols, &sliceRows{rows: rows}, nil)
	if err != nil {
		t.Fatalf("LoadTable: %v", err)
	}
	if n != int64(len(rows)) {
		t.Fatalf("LoadTable loaded %d rows, want %d", n, len(rows))
	}
	if err := db.SetLoadState(ctx, up.ID, opendata.LoadDone, n, ""); err != nil {
		t.Fatalf("SetLoadState: %v", err)
	}
	up, err = db.UploadByID(ctx, up.ID)
	if err != nil {
		t.Fatalf("UploadByID: %v", err)
	}
	return up
}

// Names of the columns of the measurements table.
const (
	fArea    = "Område"
	fTemp    = "Temperatur (°C)"
	fCount   = "Antal"
	fDate    = "Datum"
	fTime    = "Tidpunkt"
	fOK      = "Godkänd"
	fComment = "Kommentar"
)

// measureCols are the columns of the measurements table, one of each type.
var measureCols = []opendata.Column{
	{Name: fArea, Type: opendata.TypeText},
	{Name: fTemp, Type: opendata.TypeNumeric},
	{Name: fCount, Type: opendata.TypeInt},
	{Name: fDate, Type: opendata.TypeDate},
	{Name: fTime, Type: opendata.TypeTimestamp},
	{Name: fOK, Type: opendata.TypeBool},
	{Name: fComment, Type: opendata.TypeText},
}

func ts(s string) time.Time {
	t, err := time.Parse(time.RFC3339Nano, s)
	if err != nil {
		panic(err)
	}
	return t.UTC()
}

// measureRows are the rows of the measurements table; _id is the index + 1.
var measureRows = []opendata.Row{
	{"Domsjö", 12.5, int64(3), "2024-06-01", ts("2024-06-01T08:00:00Z"), true, "Klart vatten"},
	{"Själevad", -3.25, int64(0), "2024-01-15", ts("2024-01-15T07:30:00.123456Z"), false, "Is på sjön, ÅÄÖ"},
	{"Domsjö", 18.0, int64(7), "2024-07-20", ts("2024-07-20T12:00:00+02:00"), true, "Alger 100% säkert"},
	{"Örnsköldsvik", 15.75, int64(-2), "2023-12-31", ts("2023-12-31T23:59:59Z"), false, "Blåsigt_väder"},
	{nil, nil, nil, nil, nil, nil, nil},
	{"Arnäsvall", 9.0, int64(1 << 40), "2024-02-29", ts("1999-01-01T00:00:00Z"), true, "Ström * ? [a] ok"},
	{"Domsjö", 12.5, int64(3), "2024-06-01", ts("2024-06-01T08:00:00Z"), true, "Klart vatten"},
	{"Åsen", 0.0, int64(5), "2024-05-05", ts("2024-05-05T05:05:05Z"), nil, "öppet!"},
}
