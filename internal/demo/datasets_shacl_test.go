package demo_test

import (
	"bytes"
	"testing"
	"time"

	"sprang/internal/datastore"
	"sprang/internal/dcat"
	"sprang/internal/dcat/shacltest"
	"sprang/internal/demo"
	"sprang/internal/opendata"
	"sprang/internal/platformdata"
	"sprang/internal/store/storetest"
)

// TestDemoCatalogConforms validates the catalogue `sprang demo` publishes
// — the demo datasets and the platform's own datasets of the demo's
// errands — with a real SHACL validator against DCAT-AP 3.0.1 and the
// Swedish additions, and the high-value dataset against DCAT-AP HVD too,
// in every syntax. (Skipped without node and rdf-validate-shacl, except in
// CI.)
func TestDemoCatalogConforms(t *testing.T) {
	t.Parallel()
	db := withBox(t, storetest.Open(t))
	ctx := t.Context()
	fs := memFiles(t, db)
	if err := demo.SeedWithFiles(ctx, db, fs); err != nil {
		t.Fatal(err)
	}
	loader := datastore.NewLoader(db, fs, nil)
	if err := demo.SeedDatasets(ctx, db, fs, loader); err != nil {
		t.Fatal(err)
	}
	if err := platformdata.New(db, fs, loader, nil, platformdata.Options{}).Publish(ctx); err != nil {
		t.Fatal(err)
	}
	entries, err := db.PublishedEntries(ctx)
	if err != nil {
		t.Fatal(err)
	}
	group, err := db.FindUnitBySlug(ctx, "koncernen")
	if err != nil {
		t.Fatal(err)
	}
	c := dcat.Catalog{Base: "https://e.example.se", TitleSV: "Öppna data", TitleEN: "Open data",
		DescriptionSV: "Kommunkoncernens öppna data.", DescriptionEN: "The municipal group's open data.",
		Publisher: opendata.Publisher{UnitID: group.ID, Slug: group.Slug, NameSV: group.NameSV, NameEN: group.NameEN,
			OrgNumber: group.OrgNumber, Type: opendata.PublisherTypeOf(group.Kind)},
		Issued: time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC), ContactName: "Öppna data", ContactEmail: "oppnadata@kommun.example.se"}
	var docs, hvd []shacltest.Doc
	for _, f := range dcat.Formats {
		var b bytes.Buffer
		if err := dcat.WriteCatalog(&b, f, c, entries); err != nil {
			t.Fatal(err)
		}
		docs = append(docs, shacltest.Doc{Name: "demo-catalog/" + f.String(), Data: b.Bytes(), Format: f.String()})
		for _, e := range entries {
			if !e.Dataset.HighValue() {
				continue
			}
			var b bytes.Buffer
			if err := dcat.WriteDataset(&b, f, c, e); err != nil {
				t.Fatal(err)
			}
			hvd = append(hvd, shacltest.Doc{Name: e.Dataset.Slug + "/" + f.String(), Data: b.Bytes(), Format: f.String()})
		}
	}
	if len(hvd) == 0 {
		t.Fatal("the demo has no high-value dataset")
	}
	for _, set := range []struct {
		hvd  bool
		docs []shacltest.Doc
	}{{false, docs}, {true, hvd}} {
		for _, r := range shacltest.Run(t, set.hvd, set.docs...) {
			if r.Triples == 0 {
				t.Errorf("%s: no triples", r.File)
			}
			for _, v := range r.Violations {
				t.Errorf("%s: SHACL violation: %s", r.File, v)
			}
		}
	}
}
