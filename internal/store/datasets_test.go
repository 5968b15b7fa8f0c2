package store_test

import (
	"regexp"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"

	"sprang"
	"sprang/internal/opendata"
	"sprang/internal/store"
	"sprang/internal/store/storetest"
)

var uuidV4 = regexp.MustCompile(`^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$`)

func TestDatasetCreateUpdate(t *testing.T) {
	t.Parallel()
	eachClock(t, func(t *testing.T, db *store.DB, clock *storetest.Clock) {
		ctx := t.Context()
		org := testOrg(t, db)
		d := testDataset(org["socialforvaltningen"].ID, "badplatser", "Badplatser och vattenprover")
		d.State = opendata.Published // ignored: a new dataset is a draft
		d.TitleEN, d.DescriptionEN = "Bathing sites", "Water samples"
		d.Keywords, d.KeywordsEN = []string{"bad", "strand"}, []string{"bathing"}
		d.Themes = []string{opendata.ThemeBase + "ENVI", opendata.ThemeBase + "HEAL"}
		d.HVDCategories = []string{opendata.HVDCategories[1].IRI}
		d.Frequency, d.TemporalStart, d.TemporalEnd = opendata.FrequencyBase+"ANNUAL", "2020-01-01", "2025-12-31"
		d.Spatial, d.LandingPage, d.Method = "http://sws.geonames.org/2664203/", "https://example.se/bad", "Prover varje vecka."
		created := mustCreateDataset(t, db, d)
		if !uuidV4.MatchString(created.ID) || created.State != opendata.Draft || !created.CreatedAt.Equal(clock.Now()) ||
			!created.UpdatedAt.Equal(clock.Now()) || !created.PublishedAt.IsZero() {
			t.Fatalf("created = %+v", created)
		}
		for _, key := range []string{created.ID, "badplatser"} {
			e, err := db.Dataset(ctx, key)
			if err != nil {
				t.Fatalf("Dataset(%s): %v", key, err)
			}
			if diff := cmp.Diff(created, e.Dataset); diff != "" {
				t.Errorf("Dataset(%s) (-created +found):\n%s", key, diff)
			}
		}

		clock.Add(time.Hour)
		d = created
		d.Slug, d.TitleSV, d.Themes, d.Keywords, d.HVDCategories = "bad", "Badplatser", []string{opendata.ThemeBase + "SOCI"}, nil, nil
		d.UnitID = org["bostadsbolaget"].ID
		updated, err := db.UpdateDataset(ctx, d)
		if err != nil {
			t.Fatal(err)
		}
		want := d
		want.UpdatedAt = clock.Now()
		if diff := cmp.Diff(want, updated, cmpopts.EquateEmpty()); diff != "" {
			t.Errorf("UpdateDataset (-want +got):\n%s", diff)
		}
		if updated.HighValue() {
			t.Error("HVD categories removed, still high-value")
		}
		if _, err := db.Dataset(ctx, "badplatser"); sprang.ErrorKind(err) != sprang.NotFound {
			t.Errorf("old slug: %v, want NotFound", err)
		}
		d.ID = "00000000-0000-4000-8000-000000000000"
		if _, err := db.UpdateDataset(ctx, d); sprang.ErrorKind(err) != sprang.NotFound {
			t.Errorf("update of unknown dataset: %v, want NotFound", err)
		}
	})
}

func TestDatasetConflicts(t *testing.T) {
	t.Parallel()
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		ctx := t.Context()
		unit := testOrg(t, db)["socialforvaltningen"].ID
		mustCreateDataset(t, db, testDataset(unit, "avfall", "Avfall"))
		other := mustCreateDataset(t, db, testDataset(unit, "lekplatser", "Lekplatser"))
		_, err := db.CreateDataset(ctx, testDataset(unit, "avfall", "Avfall igen"))
		if sprang.ErrorKind(err) != sprang.Conflict || sprang.ErrorFields(err)["slug"] != store.MsgDatasetSlugTaken {
			t.Errorf("taken slug: %v, want Conflict on slug", err)
		}
		other.Slug = "avfall"
		_, err = db.UpdateDataset(ctx, other)
		if sprang.ErrorKind(err) != sprang.Conflict || sprang.ErrorFields(err)["slug"] == "" {
			t.Errorf("update to a taken slug: %v, want Conflict on slug", err)
		}
		_, err = db.CreateDataset(ctx, testDataset(unit+1000, "okand", "Okänd enhet"))
		if sprang.ErrorKind(err) != sprang.Invalid || sprang.ErrorFields(err)["unit"] == "" {
			t.Errorf("unknown unit: %v, want Invalid on unit", err)
		}
		if _, err := db.Dataset(ctx, "okand"); sprang.ErrorKind(err) != sprang.NotFound {
			t.Errorf("refused dataset was stored: %v", err)
		}
	})
}

func TestDatasetState(t *testing.T) {
	t.Parallel()
	eachClock(t, func(t *testing.T, db *store.DB, clock *storetest.Clock) {
		ctx := t.Context()
		d := mustCreateDataset(t, db, testDataset(testOrg(t, db)["kommunen"].ID, "namnder", "Nämnder"))
		first := clock.Now().Add(time.Hour)
		steps := []struct {
			state     opendata.State
			at        time.Time
			published time.Time
		}{
			{opendata.Published, first, first},
			{opendata.Withdrawn, first.Add(time.Hour), first},
			{opendata.Published, first.Add(2 * time.Hour), first}, // published the first time at first
			{opendata.Draft, first.Add(3 * time.Hour), first},
		}
		for _, s := range steps {
			if err := db.SetDatasetState(ctx, d.ID, s.state, s.at); err != nil {
				t.Fatal(err)
			}
			e, err := db.Dataset(ctx, d.ID)
			if err != nil {
				t.Fatal(err)
			}
			if e.Dataset.State != s.state || !e.Dataset.PublishedAt.Equal(s.published) || !e.Dataset.UpdatedAt.Equal(d.UpdatedAt) {
				t.Errorf("after %s: state %s, published %v, updated %v", s.state, e.Dataset.State, e.Dataset.PublishedAt, e.Dataset.UpdatedAt)
			}
		}
		if err := db.SetDatasetState(ctx, "nope", opendata.Published, first); sprang.ErrorKind(err) != sprang.NotFound {
			t.Errorf("unknown dataset: %v, want NotFound", err)
		}
		if err := db.SetDatasetState(ctx, d.ID, "deleted", first); sprang.ErrorKind(err) != sprang.Invalid {
			t.Errorf("unknown state: %v, want Invalid", err)
		}
	})
}

func TestDatasetEntry(t *testing.T) {
	t.Parallel()
	eachClock(t, func(t *testing.T, db *store.DB, clock *storetest.Clock) {
		ctx := t.Context()
		org := testOrg(t, db)
		bolag := org["bostadsbolaget"]
		d := mustCreateDataset(t, db, testDataset(bolag.ID, "lekplatser", "Lekplatser"))
		clock.Add(time.Minute)
		file := mustCreateDistribution(t, db, fileDistribution(d.ID, "Lekplatser som CSV", "CSV"))
		link := mustCreateDistribution(t, db, opendata.Distribution{DatasetID: d.ID, Kind: opendata.KindLink,
			TitleSV: "Karta", URL: "https://karta.example.se/lekplatser", Format: "HTML", MediaType: "text/html"})
		if file.Position != 1 || link.Position != 2 || !uuidV4.MatchString(link.ID) || link.Version != 0 {
			t.Fatalf("positions %d, %d; link %+v", file.Position, link.Position, link)
		}
		e, err := db.Dataset(ctx, "lekplatser")
		if err != nil {
			t.Fatal(err)
		}
		wantPub := opendata.Publisher{UnitID: bolag.ID, Slug: bolag.Slug, NameSV: bolag.NameSV, NameEN: bolag.NameEN,
			OrgNumber: bolag.OrgNumber, Type: opendata.PublisherTypeBase + "Company"}
		if diff := cmp.Diff(wantPub, e.Publisher); diff != "" {
			t.Errorf("publisher (-want +got):\n%s", diff)
		}
		if diff := cmp.Diff([]opendata.Distribution{file, link}, e.Distributions); diff != "" {
			t.Errorf("distributions (-want +got):\n%s", diff)
		}
		if !e.Dataset.UpdatedAt.Equal(clock.Now()) {
			t.Errorf("a new distribution did not update the dataset: %v", e.Dataset.UpdatedAt)
		}

		// Moving the link first reorders them.
		clock.Add(time.Minute)
		link.Position, link.TitleSV, link.Licence = 0, "Karta över lekplatser", opendata.LicenceCCBY40
		moved, err := db.UpdateDistribution(ctx, link)
		if err != nil {
			t.Fatal(err)
		}
		link.UpdatedAt = clock.Now()
		if diff := cmp.Diff(link, moved); diff != "" {
			t.Errorf("UpdateDistribution (-want +got):\n%s", diff)
		}
		e, _ = db.Dataset(ctx, d.ID)
		if len(e.Distributions) != 2 || e.Distributions[0].ID != link.ID || !e.Dataset.UpdatedAt.Equal(clock.Now()) {
			t.Errorf("after moving the link: %+v", e)
		}
		if e.Publisher.Type != opendata.PublisherTypeBase+"Company" {
			t.Errorf("publisher type %s", e.Publisher.Type)
		}

		if _, err := db.CreateDistribution(ctx, fileDistribution("nope", "X", "CSV")); sprang.ErrorKind(err) != sprang.NotFound {
			t.Errorf("distribution of unknown dataset: %v, want NotFound", err)
		}
		if _, err := db.CreateDistribution(ctx, opendata.Distribution{DatasetID: d.ID, Kind: "api"}); sprang.ErrorKind(err) != sprang.Invalid {
			t.Errorf("unknown kind: %v, want Invalid", err)
		}
		if _, err := db.Distribution(ctx, "nope"); sprang.ErrorKind(err) != sprang.NotFound {
			t.Errorf("Distribution(nope): %v, want NotFound", err)
		}
		link.ID = "nope"
		if _, err := db.UpdateDistribution(ctx, link); sprang.ErrorKind(err) != sprang.NotFound {
			t.Errorf("UpdateDistribution(nope): %v, want NotFound", err)
		}
	})
}

func TestPublishedEntriesAndCounts(t *testing.T) {
	t.Parallel()
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		ctx := t.Context()
		org := testOrg(t, db)
		unit := org["socialforvaltningen"].ID
		for _, s := range []struct {
			slug  string
			state opendata.State
			hvd   bool
		}{
			{"vattenprover", opendata.Published, true},
			{"avfall", opendata.Published, false},
			{"luftkvalitet", opendata.Draft, true},
			{"gammal", opendata.Withdrawn, false},
			{"lekplatser", opendata.Published, true},
		} {
			d := testDataset(unit, s.slug, s.slug)
			if s.hvd {
				d.HVDCategories = []string{opendata.HVDCategories[0].IRI}
			}
			d = mustCreateDataset(t, db, d)
			mustCreateDistribution(t, db, fileDistribution(d.ID, s.slug+".csv", "CSV"))
			if s.state != opendata.Draft {
				mustSetState(t, db, d.ID, s.state)
			}
		}
		es, err := db.PublishedEntries(ctx)
		if err != nil {
			t.Fatal(err)
		}
		var got []string
		for _, e := range es {
			got = append(got, e.Dataset.Slug)
			if len(e.Distributions) != 1 || e.Publisher.UnitID != unit || e.Publisher.Type != opendata.PublisherTypeBase+"LocalAuthority" {
				t.Errorf("entry %s: %+v", e.Dataset.Slug, e)
			}
		}
		if diff := cmp.Diff([]string{"avfall", "lekplatser", "vattenprover"}, got); diff != "" {
			t.Errorf("PublishedEntries (-want +got):\n%s", diff)
		}
		published, hvd, err := db.DatasetCounts(ctx)
		if err != nil || published != 3 || hvd != 2 {
			t.Errorf("DatasetCounts = %d, %d, %v; want 3, 2", published, hvd, err)
		}
	})
}

func TestAPICalls(t *testing.T) {
	t.Parallel()
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		ctx := t.Context()
		for _, c := range []struct {
			day, action string
			n           int64
		}{
			{"2026-03-01", "package_search", 3},
			{"2026-03-01", "datastore_search", 10},
			{"2026-03-01", "package_search", 2},
			{"2026-03-02", "package_show", 1},
			{"2026-03-05", "package_show", 7},
		} {
			if err := db.CountAPICalls(ctx, c.day, c.action, c.n); err != nil {
				t.Fatal(err)
			}
		}
		got, err := db.APICalls(ctx, "2026-03-01", "2026-03-04")
		if err != nil {
			t.Fatal(err)
		}
		if diff := cmp.Diff(map[string]int64{"2026-03-01": 15, "2026-03-02": 1}, got); diff != "" {
			t.Errorf("APICalls (-want +got):\n%s", diff)
		}
	})
}

// TestPublisherOrgNumberInherited checks that a unit without an
// organisation number of its own publishes under its nearest ancestor's,
// and a bolag under its own.
func TestPublisherOrgNumberInherited(t *testing.T) {
	t.Parallel()
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		org := testOrg(t, db)
		for _, tt := range []struct{ unit, want string }{
			{"hemtjanst", org["kommunen"].OrgNumber},
			{"socialforvaltningen", org["kommunen"].OrgNumber},
			{"bostadsbolaget", org["bostadsbolaget"].OrgNumber},
		} {
			mustCreateDataset(t, db, testDataset(org[tt.unit].ID, "ds-"+tt.unit, "Data "+tt.unit))
			e, err := db.Dataset(t.Context(), "ds-"+tt.unit)
			if err != nil {
				t.Fatal(err)
			}
			if e.Publisher.OrgNumber != tt.want {
				t.Errorf("%s publishes under %q, want %q", tt.unit, e.Publisher.OrgNumber, tt.want)
			}
		}
	})
}
