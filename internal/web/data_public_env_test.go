package web_test

import (
	"bytes"
	"fmt"
	"io"
	"log/slog"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"sprang/internal/auth"
	"sprang/internal/config"
	"sprang/internal/files"
	"sprang/internal/i18n"
	"sprang/internal/identity"
	"sprang/internal/mail"
	"sprang/internal/opendata"
	"sprang/internal/secret"
	"sprang/internal/store"
	"sprang/internal/store/storetest"
	"sprang/internal/web"
)

// dataEnv is a platform for the tests of the public open data pages on a
// fresh database of one engine: a group with a förvaltning and a bolag,
// the datasets of seedOpenData, the accounts dan (data steward of the
// förvaltning) and hugo (handläggare there, who may not manage datasets),
// and open data files in memory.
type dataEnv struct {
	ts    *httptest.Server
	db    *store.DB
	svc   *auth.Service
	files *files.Store
	logs  *syncBuffer
	fx    dataFixture
}

// dataEngines runs fn once per engine as parallel subtests, each with its
// own platform.
func dataEngines(t *testing.T, fn func(t *testing.T, e *dataEnv)) {
	t.Helper()
	for _, eng := range storetest.Engines() {
		t.Run(string(eng), func(t *testing.T) {
			t.Parallel()
			fn(t, newDataEnv(t, eng))
		})
	}
}

// dataBaseURL is the base URL of the test platform, as the pages write it.
const dataBaseURL = "http://kommun.example.test"

func newDataEnv(t *testing.T, eng store.Engine) *dataEnv {
	t.Helper()
	return newDataEnvWith(t, eng, func(*config.Config) {})
}

// newDataEnvWith is newDataEnv with the configuration changed by set.
func newDataEnvWith(t *testing.T, eng store.Engine, set func(*config.Config)) *dataEnv {
	t.Helper()
	e := &dataEnv{logs: &syncBuffer{}}
	box, err := secret.NewBox("data test key data test key data test key 01")
	if err != nil {
		t.Fatal(err)
	}
	e.db = storetest.OpenEngine(t, eng).WithBox(box)
	cfg := config.Config{BaseURL: dataBaseURL, SessionIdle: 30 * time.Minute, SessionAbsolute: 12 * time.Hour}
	set(&cfg)
	p := auth.DefaultPolicy()
	p.HashPassword = func(pw string) string {
		return secret.HashPasswordWith(pw, secret.PasswordParams{Memory: 64, Time: 1, Threads: 1, SaltLen: 16, KeyLen: 32})
	}
	e.svc = auth.NewWithPolicy(e.db, box, cfg, p)
	if e.files, err = files.Open(t.Context(), "mem://", box); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = e.files.Close() })
	srv, err := web.NewServer(web.Deps{Config: cfg, DB: e.db, Logger: slog.New(slog.NewJSONHandler(e.logs, nil)),
		Catalog: i18n.MustLoad(), Auth: e.svc, Files: e.files, Mail: mail.Dropped{}})
	if err != nil {
		t.Fatal(err)
	}
	e.ts = httptest.NewServer(srv)
	t.Cleanup(e.ts.Close)
	t.Cleanup(func() {
		if t.Failed() {
			t.Logf("server log:\n%s", e.logs)
		}
	})
	e.seed(t)
	return e
}

// seed makes the units, the accounts and the datasets.
func (e *dataEnv) seed(t *testing.T) {
	t.Helper()
	ctx, sys := t.Context(), auth.SystemActor("test")
	group, err := e.svc.CreateUnit(ctx, sys, identity.Unit{Kind: identity.KindGroup, Slug: "kommunen", NameSV: "Kommunkoncernen",
		NameEN: "The municipal group", OrgNumber: "212000-2411"})
	if err != nil {
		t.Fatal(err)
	}
	unit, err := e.svc.CreateUnit(ctx, sys, identity.Unit{Kind: identity.KindForvaltning, Slug: "miljo", NameSV: "Miljöförvaltningen",
		ParentID: group.ID})
	if err != nil {
		t.Fatal(err)
	}
	company, err := e.svc.CreateUnit(ctx, sys, identity.Unit{Kind: identity.KindBolag, Slug: "avfallsbolaget", NameSV: "Avfallsbolaget AB",
		NameEN: "The waste company", OrgNumber: "556493-5137", ParentID: group.ID})
	if err != nil {
		t.Fatal(err)
	}
	for _, a := range []struct {
		name string
		g    identity.Grant
	}{
		{"dan", identity.Grant{UnitID: unit.ID, Role: identity.RoleDatavard}},
		{"hugo", identity.Grant{UnitID: unit.ID, Role: identity.RoleHandlaggare}},
	} {
		if _, err := e.svc.CreateUser(ctx, sys, auth.NewUser{NewUser: identity.NewUser{Username: a.name, DisplayName: a.name + " Testsson"},
			Password: staffPassword, Grants: []identity.Grant{a.g}}); err != nil {
			t.Fatal(err)
		}
	}
	e.fx = seedOpenData(t, e.db, e.files, "", unit, company)
}

// anonymous returns a browser without a session, in Swedish.
func (e *dataEnv) anonymous(t *testing.T) *browser {
	return &browser{t: t, base: e.ts.URL, cookies: map[string]string{"lang": "sv"}, header: map[string][]string{}}
}

// staff returns a browser logged in as who.
func (e *dataEnv) staff(t *testing.T, who string) *browser {
	b := e.anonymous(t)
	b.login(who)
	return b
}

// dataFixture names what seedOpenData made.
type dataFixture struct {
	unit, company identity.Unit
	bathing       opendata.Entry // published; a loaded CSV in two versions, a PDF
	bathingCSV    string         // the CSV's distribution id
	bathingPDF    string
	csvV1, csvV2  []byte         // the CSV's versions as uploaded
	playgrounds   opendata.Entry // published; a link
	linkID        string
	waste         opendata.Entry // published by the bolag; high-value; a CSV not loaded yet
	wasteCSV      string
	draft         opendata.Entry // a draft
	draftCSV      string
	withdrawn     opendata.Entry // withdrawn
}

// The columns of the bathing water samples.
var bathingCols = []opendata.Column{
	{Name: "Badplats", Type: opendata.TypeText, Inferred: opendata.TypeText},
	{Name: "Datum", Type: opendata.TypeDate, Inferred: opendata.TypeDate},
	{Name: "Temperatur (°C)", Type: opendata.TypeNumeric, Inferred: opendata.TypeNumeric},
	{Name: "E. coli", Type: opendata.TypeInt, Inferred: opendata.TypeInt, Index: true},
	{Name: "Godkänd", Type: opendata.TypeBool, Inferred: opendata.TypeBool},
	{Name: "Lat", Type: opendata.TypeNumeric, Inferred: opendata.TypeNumeric},
	{Name: "Lon", Type: opendata.TypeNumeric, Inferred: opendata.TypeNumeric},
}

// bathingPlaces are the places of the samples of version 2.
var bathingPlaces = []string{"Norrbadet", "Gullviksbadet", "Prästsjön"}

// bathingRows returns the rows of version 2: 30 samples, ten per place,
// temperatures from 14,5 to 29 in steps of 0,5 (the warmest last).
func bathingRows() []opendata.Row {
	var rows []opendata.Row
	for i := range 30 {
		place := bathingPlaces[i%3]
		date := time.Date(2025, 6, 1+i, 0, 0, 0, 0, time.UTC).Format(time.DateOnly)
		rows = append(rows, opendata.Row{place, date, 14.5 + 0.5*float64(i), int64(10 * (i + 1)), i%7 != 0, 63.29 + float64(i%3)/100, 18.71})
	}
	return rows
}

// csvOf writes rows as the CSV file a steward would upload (semicolons,
// decimal commas).
func csvOf(rows []opendata.Row) []byte {
	var b bytes.Buffer
	b.WriteString("Badplats;Datum;Temperatur (°C);E. coli;Godkänd;Lat;Lon\r\n")
	for _, r := range rows {
		cells := make([]string, len(r))
		for i, v := range r {
			cells[i] = strings.ReplaceAll(fmt.Sprint(v), ".", ",")
		}
		b.WriteString(strings.Join(cells, ";") + "\r\n")
	}
	return b.Bytes()
}

// sliceSource is a RowSource over rows in memory.
type sliceSource struct {
	rows []opendata.Row
	i    int
}

func (s *sliceSource) Next() (opendata.Row, error) {
	if s.i >= len(s.rows) {
		return nil, io.EOF
	}
	s.i++
	return s.rows[s.i-1], nil
}

// seedOpenData adds the datasets the open data pages show, their slugs
// prefixed with prefix, published by unit (a förvaltning) and company (a
// bolag): bathing places with water samples (a CSV in two loaded
// versions, with a quality report, and a PDF), playgrounds (a link, CC BY),
// waste amounts (high-value, a CSV waiting to be loaded), a draft and a
// withdrawn dataset.
func seedOpenData(t testing.TB, db *store.DB, fs *files.Store, prefix string, unit, company identity.Unit) dataFixture {
	t.Helper()
	fx := dataFixture{unit: unit, company: company}
	rows := bathingRows()
	fx.csvV1 = csvOf([]opendata.Row{{"Gamla badet", "2024-06-01", 17.0, int64(5), true, 63.3, 18.7}})
	fx.csvV2 = csvOf(rows)

	bathing := seedDataset(t, db, opendata.Dataset{Slug: prefix + "badplatser", UnitID: unit.ID, TitleSV: "Badplatser och vattenprover",
		TitleEN:       "Bathing places and water samples",
		DescriptionSV: "Kommunens badplatser med provtagningar av badvattnet under sommaren.\n\nProverna tas varannan vecka.",
		DescriptionEN: "The municipality's bathing places with samples of the bathing water during the summer.",
		ContactName:   "Miljöenheten", ContactEmail: "miljo@example.se", Keywords: []string{"bad", "vattenkvalitet"},
		KeywordsEN: []string{"bathing", "water quality"}, Themes: []string{opendata.ThemeBase + "ENVI", opendata.ThemeBase + "HEAL"},
		Licence: opendata.LicenceCC0, AccessRights: opendata.AccessPublic, Frequency: opendata.FrequencyBase + "MONTHLY",
		TemporalStart: "2024-05-01", TemporalEnd: "2025-09-30"}, opendata.Published)
	csv := seedDistribution(t, db, opendata.Distribution{DatasetID: bathing.ID, Kind: opendata.KindFile, TitleSV: "Vattenprover",
		TitleEN: "Water samples", Format: "CSV", MediaType: "text/csv"})
	fx.bathingCSV = csv.ID
	v1 := seedUpload(t, db, fs, csv.ID, "vattenprover-2024.csv", "text/csv", fx.csvV1)
	seedTable(t, db, v1, []opendata.Row{{"Gamla badet", "2024-06-01", 17.0, int64(5), true, 63.3, 18.7}}, nil)
	v2 := seedUpload(t, db, fs, csv.ID, "vattenprover.csv", "text/csv", fx.csvV2)
	seedTable(t, db, v2, rows, &opendata.Quality{Rows: 30, Encoding: "Windows-1252", Delimiter: ";", ProblemRows: 1,
		Columns: []opendata.ColumnQuality{
			{Name: "Badplats", Type: opendata.TypeText, Distinct: 3, Examples: []string{"Norrbadet", "Gullviksbadet"}},
			{Name: "Temperatur (°C)", Type: opendata.TypeNumeric, Empty: 3, Distinct: 30, Min: "14.5", Max: "29"},
		},
		Problems:  []opendata.RowProblem{{Line: 17, Column: "E. coli", Key: "tabular.value.int", Value: "många"}},
		CheckedAt: time.Date(2025, 7, 1, 10, 0, 0, 0, time.UTC)})
	pdf := seedDistribution(t, db, opendata.Distribution{DatasetID: bathing.ID, Kind: opendata.KindFile, TitleSV: "Provtagningsrutiner",
		Format: "PDF", MediaType: "application/pdf"})
	fx.bathingPDF = pdf.ID
	seedUpload(t, db, fs, pdf.ID, "rutiner.pdf", "application/pdf", []byte("%PDF-1.4\n%%EOF\n"))

	playgrounds := seedDataset(t, db, opendata.Dataset{Slug: prefix + "lekplatser", UnitID: unit.ID, TitleSV: "Lekplatser",
		DescriptionSV: "Kommunens lekplatser med koordinater och utrustning.", ContactName: "Parkenheten",
		ContactEmail: "park@example.se", Themes: []string{opendata.ThemeBase + "SOCI"}, Licence: opendata.LicenceCCBY40,
		AccessRights: opendata.AccessPublic}, opendata.Published)
	link := seedDistribution(t, db, opendata.Distribution{DatasetID: playgrounds.ID, Kind: opendata.KindLink, TitleSV: "Lekplatser på karta",
		URL: "https://karta.example.se/lekplatser.geojson", Format: "GEOJSON", MediaType: "application/geo+json"})
	fx.linkID = link.ID

	waste := seedDataset(t, db, opendata.Dataset{Slug: prefix + "avfallsmangder", UnitID: company.ID, TitleSV: "Avfallsmängder per år",
		TitleEN: "Waste amounts per year", DescriptionSV: "Insamlat hushållsavfall i ton per år och avfallsslag.",
		ContactName: "Avfallsbolagets kundtjänst", ContactEmail: "kund@example.se", Themes: []string{opendata.ThemeBase + "ENVI"},
		Licence: opendata.LicenceCC0, AccessRights: opendata.AccessPublic, Frequency: opendata.FrequencyBase + "ANNUAL",
		HVDCategories: []string{"http://data.europa.eu/bna/c_e1da4e07"}}, opendata.Published)
	wcsv := seedDistribution(t, db, opendata.Distribution{DatasetID: waste.ID, Kind: opendata.KindFile, TitleSV: "Avfall per år",
		Format: "CSV", MediaType: "text/csv"})
	fx.wasteCSV = wcsv.ID
	wu := seedUpload(t, db, fs, wcsv.ID, "avfall.csv", "text/csv", []byte("År;Ton\r\n2024;1200\r\n"))
	if err := db.SetLoadState(t.Context(), wu.ID, opendata.LoadPending, 0, ""); err != nil {
		t.Fatalf("SetLoadState: %v", err)
	}

	draft := seedDataset(t, db, opendata.Dataset{Slug: prefix + "hemligt-utkast", UnitID: unit.ID, TitleSV: "Hemligt utkast",
		DescriptionSV: "Ett utkast som bara datavärdar ser.", ContactName: "Miljöenheten", ContactEmail: "miljo@example.se",
		Themes: []string{opendata.ThemeBase + "ENVI"}, Licence: opendata.LicenceCC0, AccessRights: opendata.AccessPublic}, opendata.Draft)
	dcsv := seedDistribution(t, db, opendata.Distribution{DatasetID: draft.ID, Kind: opendata.KindFile, TitleSV: "Utkastfil",
		Format: "CSV", MediaType: "text/csv"})
	fx.draftCSV = dcsv.ID
	seedUpload(t, db, fs, dcsv.ID, "utkast.csv", "text/csv", []byte("a;b\r\n1;2\r\n"))

	withdrawn := seedDataset(t, db, opendata.Dataset{Slug: prefix + "gamla-matningar", UnitID: unit.ID, TitleSV: "Gamla mätningar",
		DescriptionSV: "Mätningar som inte görs längre.", ContactName: "Miljöenheten", ContactEmail: "miljo@example.se",
		Themes: []string{opendata.ThemeBase + "ENVI"}, Licence: opendata.LicenceCC0, AccessRights: opendata.AccessPublic}, opendata.Withdrawn)

	fx.bathing, fx.playgrounds, fx.waste = mustEntry(t, db, bathing.ID), mustEntry(t, db, playgrounds.ID), mustEntry(t, db, waste.ID)
	fx.draft, fx.withdrawn = mustEntry(t, db, draft.ID), mustEntry(t, db, withdrawn.ID)
	return fx
}

// seedDataset stores d and moves it to state (published first for a
// withdrawn dataset).
func seedDataset(t testing.TB, db *store.DB, d opendata.Dataset, state opendata.State) opendata.Dataset {
	t.Helper()
	d, err := db.CreateDataset(t.Context(), d)
	if err != nil {
		t.Fatalf("CreateDataset %s: %v", d.Slug, err)
	}
	states := map[opendata.State][]opendata.State{opendata.Published: {opendata.Published},
		opendata.Withdrawn: {opendata.Published, opendata.Withdrawn}}[state]
	for _, s := range states {
		if err := db.SetDatasetState(t.Context(), d.ID, s, db.Now()); err != nil {
			t.Fatalf("SetDatasetState %s %s: %v", d.Slug, s, err)
		}
	}
	return d
}

// seedDistribution stores d.
func seedDistribution(t testing.TB, db *store.DB, d opendata.Distribution) opendata.Distribution {
	t.Helper()
	d, err := db.CreateDistribution(t.Context(), d)
	if err != nil {
		t.Fatalf("CreateDistribution %s: %v", d.TitleSV, err)
	}
	return d
}

// seedUpload stores content as a new version of the file distribution.
func seedUpload(t testing.TB, db *store.DB, fs *files.Store, distID, name, mediaType string, content []byte) opendata.Upload {
	t.Helper()
	obj, err := fs.PutOpen(t.Context(), bytes.NewReader(content), 1<<20)
	if err != nil {
		t.Fatalf("PutOpen %s: %v", name, err)
	}
	up, err := db.AddUpload(t.Context(), opendata.Upload{DistributionID: distID, FileName: name, BlobKey: obj.Key,
		MediaType: mediaType, ByteSize: obj.Size, Checksum: obj.SHA256, LoadState: opendata.LoadNone})
	if err != nil {
		t.Fatalf("AddUpload %s: %v", name, err)
	}
	return up
}

// seedTable loads rows as the table of up, saves its quality report q
// (when given) and marks it loaded.
func seedTable(t testing.TB, db *store.DB, up opendata.Upload, rows []opendata.Row, q *opendata.Quality) {
	t.Helper()
	ctx := t.Context()
	n, err := db.LoadTable(ctx, up.ID, bathingCols, &sliceSource{rows: rows}, nil)
	if err != nil {
		t.Fatalf("LoadTable: %v", err)
	}
	if q != nil {
		if err := db.SaveQuality(ctx, up.ID, *q); err != nil {
			t.Fatalf("SaveQuality: %v", err)
		}
	}
	if err := db.SetLoadState(ctx, up.ID, opendata.LoadDone, n, ""); err != nil {
		t.Fatalf("SetLoadState: %v", err)
	}
}

// mustEntry returns the catalogue entry of the dataset id.
func mustEntry(t testing.TB, db *store.DB, id string) opendata.Entry {
	t.Helper()
	e, err := db.Dataset(t.Context(), id)
	if err != nil {
		t.Fatalf("Dataset %s: %v", id, err)
	}
	return e
}
