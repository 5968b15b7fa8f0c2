package datastore_test

import (
	"bytes"
	"fmt"
	"io"
	"strings"
	"sync/atomic"
	"testing"

	"golang.org/x/text/encoding/charmap"

	"sprang/internal/datastore"
	"sprang/internal/files"
	"sprang/internal/identity"
	"sprang/internal/opendata"
	"sprang/internal/secret"
	"sprang/internal/store"
)

// env is a database, a file store and a loader over both.
type env struct {
	db     *store.DB
	files  *files.Store
	loader *datastore.Loader
}

func newEnv(t testing.TB, db *store.DB) env {
	t.Helper()
	box, err := secret.NewBox(strings.Repeat("k", 32))
	if err != nil {
		t.Fatal(err)
	}
	fs, err := files.Open(t.Context(), files.DefaultURL(t.TempDir()), box)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = fs.Close() })
	return env{db: db, files: fs, loader: datastore.NewLoader(db, fs, nil)}
}

var slugs atomic.Int64

// upload stores content as a new upload of a new file distribution and
// returns it, not loaded yet.
func (e env) upload(t testing.TB, name string, content []byte) opendata.Upload {
	t.Helper()
	return e.uploadFrom(t, name, bytes.NewReader(content))
}

// uploadFrom is upload with the content read from r.
func (e env) uploadFrom(t testing.TB, name string, r io.Reader) opendata.Upload {
	t.Helper()
	ctx := t.Context()
	n := slugs.Add(1)
	obj, err := e.files.PutOpen(ctx, r, 1<<30)
	if err != nil {
		t.Fatal(err)
	}
	root, err := e.db.FindUnitBySlug(ctx, "kommunen")
	if err != nil {
		root, err = e.db.CreateUnit(ctx, identity.Unit{Kind: identity.KindGroup, Slug: "kommunen",
			NameSV: "Kommunen", NameEN: "The municipality"})
	}
	if err != nil {
		t.Fatal(err)
	}
	unit, err := e.db.CreateUnit(ctx, identity.Unit{ParentID: root.ID, Kind: identity.KindForvaltning,
		Slug: fmt.Sprintf("miljo-%d", n), NameSV: "Miljöförvaltningen", NameEN: "Environment"})
	if err != nil {
		t.Fatal(err)
	}
	d, err := e.db.CreateDataset(ctx, opendata.Dataset{Slug: fmt.Sprintf("luft-%d", n), UnitID: unit.ID,
		TitleSV: "Luftkvalitet", DescriptionSV: "Mätningar av luften", ContactName: "Miljöenheten",
		ContactEmail: "miljo@example.se", Licence: opendata.LicenceCC0, AccessRights: opendata.AccessPublic})
	if err != nil {
		t.Fatal(err)
	}
	dist, err := e.db.CreateDistribution(ctx, opendata.Distribution{DatasetID: d.ID, Kind: opendata.KindFile,
		TitleSV: "Mätningar (CSV)", Format: "CSV"})
	if err != nil {
		t.Fatal(err)
	}
	up, err := e.db.AddUpload(ctx, opendata.Upload{DistributionID: dist.ID, FileName: name, BlobKey: obj.Key,
		MediaType: obj.MediaType, ByteSize: obj.Size, Checksum: obj.SHA256})
	if err != nil {
		t.Fatal(err)
	}
	return up
}

// reread returns upload id as the store has it now.
func (e env) reread(t testing.TB, id int64) opendata.Upload {
	t.Helper()
	up, err := e.db.UploadByID(t.Context(), id)
	if err != nil {
		t.Fatal(err)
	}
	return up
}

// win1252 encodes s, UTF-8, as Windows-1252.
func win1252(t testing.TB, s string) []byte {
	t.Helper()
	b, err := charmap.Windows1252.NewEncoder().Bytes([]byte(s))
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// swedishCSV is a file as Swedish spreadsheets save it: semicolons,
// decimal commas, å/ä/ö in the header and values, a quoted field with the
// delimiter, quotes and a line break, empty cells, CRLF line breaks.
const swedishCSV = "Område;Mätstation;Temperatur (°C);Antal;Datum;Godkänd;Kommentar\r\n" +
	"Domsjö;Domsjö fabriker;12,5;3;2024-06-01;ja;Klart vatten\r\n" +
	"Själevad;Själevadsvägen 10;-3,25;0;2024-01-15;nej;\"Is på sjön; \"\"tjock\"\"\"\r\n" +
	"Örnsköldsvik;Torggatan 3;15,75;-2;2023-12-31;Nej;\"Första raden\r\nandra raden\"\r\n" +
	"Domsjö;Ångermanlands väg;18;7;2024-07-20;JA;\r\n" +
	"Åsen;Åsberget;1 234,5;1 000;2024-02-29;;Högt värde – kontrollera\r\n"
