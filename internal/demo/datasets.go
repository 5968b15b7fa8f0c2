package demo

import (
	"bytes"
	"context"
	"fmt"

	"sprang"
	"sprang/internal/datastore"
	"sprang/internal/files"
	"sprang/internal/opendata"
	"sprang/internal/store"
)

// demoDataset is one dataset of the open data demo: its publishing unit
// (by slug), its metadata (UnitID left to the seeding), its files and its
// links.
type demoDataset struct {
	unit  string
	meta  opendata.Dataset
	files []demoFile
	links []opendata.Distribution
}

// demoFile is a file distribution of a demo dataset: its metadata, its
// file name and media type, and the content of each version, oldest
// first. Every version is kept; tabular ones are loaded.
type demoFile struct {
	dist      opendata.Distribution
	name      string
	mediaType string
	versions  []func() ([]byte, error)
}

// maxDemoFile bounds one generated file (the largest is a few MB).
const maxDemoFile = 64 << 20

// SeedDatasets loads the open data demo into db: published datasets of
// several förvaltningar and bolag of the demo group, with generated CSV
// files (semicolons, decimal commas, one in Windows-1252), a GeoJSON file,
// a PDF, a link, a dataset with two versions and a high-value dataset,
// each file stored in fs and each table loaded by loader before it
// returns. The content is generated from fixed seeds, the same every time.
// It is idempotent: a dataset whose slug exists is left as it is. The
// units must exist (SeedWithFiles makes them); it returns the first error,
// and a dataset that failed halfway stays a draft.
func SeedDatasets(ctx context.Context, db *store.DB, fs *files.Store, loader *datastore.Loader) error {
	for _, d := range demoDatasets() {
		_, err := db.Dataset(ctx, d.meta.Slug)
		switch sprang.ErrorKind(err) {
		case "":
			continue
		case sprang.NotFound:
		default:
			return fmt.Errorf("demo dataset %s: %w", d.meta.Slug, err)
		}
		if err := seedDataset(ctx, db, fs, loader, d); err != nil {
			return fmt.Errorf("demo dataset %s: %w", d.meta.Slug, err)
		}
	}
	return nil
}

// seedDataset makes one demo dataset with its distributions, checks it
// and publishes it.
func seedDataset(ctx context.Context, db *store.DB, fs *files.Store, loader *datastore.Loader, d demoDataset) error {
	unit, err := db.FindUnitBySlug(ctx, d.unit)
	if err != nil {
		return err
	}
	meta := d.meta
	meta.UnitID = unit.ID
	if meta.AccessRights == "" {
		meta.AccessRights = opendata.AccessPublic
	}
	ds, err := db.CreateDataset(ctx, meta)
	if err != nil {
		return err
	}
	for _, f := range d.files {
		if err := seedFile(ctx, db, fs, loader, ds.ID, f); err != nil {
			return fmt.Errorf("%s: %w", f.name, err)
		}
	}
	for _, l := range d.links {
		l.DatasetID, l.Kind = ds.ID, opendata.KindLink
		if _, err := db.CreateDistribution(ctx, l); err != nil {
			return err
		}
	}
	e, err := db.Dataset(ctx, ds.ID)
	if err != nil {
		return err
	}
	for _, p := range opendata.Check(e) {
		if p.Violation {
			return fmt.Errorf("conformance problem %s on %s (%s)", p.Key, p.Field, p.Arg)
		}
	}
	return db.SetDatasetState(ctx, ds.ID, opendata.Published, db.Now())
}

// seedFile makes a file distribution of dataset id and uploads its
// versions, loading the tabular ones.
func seedFile(ctx context.Context, db *store.DB, fs *files.Store, loader *datastore.Loader, id string, f demoFile) error {
	ft, ok := opendata.FindFileType(f.mediaType)
	if !ok {
		return fmt.Errorf("unknown media type %s", f.mediaType)
	}
	dist := f.dist
	dist.DatasetID, dist.Kind, dist.Format, dist.MediaType = id, opendata.KindFile, ft.Code, f.mediaType
	dist, err := db.CreateDistribution(ctx, dist)
	if err != nil {
		return err
	}
	for _, version := range f.versions {
		content, err := version()
		if err != nil {
			return err
		}
		obj, err := fs.PutOpen(ctx, bytes.NewReader(content), maxDemoFile)
		if err != nil {
			return err
		}
		up := opendata.Upload{DistributionID: dist.ID, FileName: f.name, BlobKey: obj.Key, MediaType: f.mediaType,
			ByteSize: obj.Size, Checksum: obj.SHA256}
		if ft.Tabular {
			up.LoadState = opendata.LoadPending
		}
		if up, err = db.AddUpload(ctx, up); err != nil {
			return err
		}
		if ft.Tabular {
			if _, err := loader.Load(ctx, up.ID, nil); err != nil {
				return err
			}
		}
	}
	return nil
}

// Metadata shared by the demo datasets.
const (
	// ornskoldsvik is the place the demo datasets cover: Örnsköldsvik on
	// GeoNames.
	ornskoldsvik = "https://sws.geonames.org/2686469/"
	themeBase    = opendata.ThemeBase
	freqBase     = opendata.FrequencyBase
)

// csvVersion returns a version made by writing rows in format f.
func csvVersion(rows func() [][]string, f csvFormat) func() ([]byte, error) {
	return func() ([]byte, error) { return swedishCSV(rows(), f) }
}
