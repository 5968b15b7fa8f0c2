package dcat_test

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"sort"
	"testing"

	"sprang/internal/dcat"
	"sprang/internal/dcat/shacltest"
	"sprang/internal/opendata"
)

// graphDocs returns a document per format of the graph write writes, named
// name/format.
func graphDocs(t *testing.T, name string, write func(*bytes.Buffer, dcat.Format) error) []shacltest.Doc {
	t.Helper()
	var docs []shacltest.Doc
	for _, f := range dcat.Formats {
		var b bytes.Buffer
		if err := write(&b, f); err != nil {
			t.Fatalf("%s as %s: %v", name, f, err)
		}
		docs = append(docs, shacltest.Doc{Name: name + "/" + f.String(), Data: b.Bytes(), Format: f.String()})
	}
	return docs
}

func catalogDocs(t *testing.T, name string, entries []opendata.Entry) []shacltest.Doc {
	return graphDocs(t, name, func(b *bytes.Buffer, f dcat.Format) error {
		return dcat.WriteCatalog(b, f, testCatalog(), entries)
	})
}

func datasetDocs(t *testing.T, name string, e opendata.Entry) []shacltest.Doc {
	return graphDocs(t, name, func(b *bytes.Buffer, f dcat.Format) error {
		return dcat.WriteDataset(b, f, testCatalog(), e)
	})
}

// sorted returns the entries of cases ordered by slug, as the store lists
// them.
func sorted(cases map[string]opendata.Entry) []opendata.Entry {
	var out []opendata.Entry
	for _, e := range cases {
		out = append(out, e)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Dataset.Slug < out[j].Dataset.Slug })
	return out
}

// expectValid fails t for every violation in reports, and when the three
// formats of one graph (consecutive documents) do not parse to the same
// graph.
func expectValid(t *testing.T, reports []shacltest.Report) {
	t.Helper()
	for _, r := range reports {
		if r.Triples == 0 {
			t.Errorf("%s: no triples", r.File)
		}
		for _, v := range r.Violations {
			t.Errorf("%s: SHACL violation: %s", r.File, v)
		}
	}
	n := len(dcat.Formats)
	for i := 0; i+n <= len(reports); i += n {
		for _, r := range reports[i+1 : i+n] {
			if r.GraphHash != reports[i].GraphHash || r.Triples != reports[i].Triples {
				t.Errorf("%s (%d triples) is not the same graph as %s (%d triples)", r.File, r.Triples, reports[i].File, reports[i].Triples)
			}
		}
	}
}

// TestCatalogConforms writes the catalogue of every edge case, and each
// case's own graph, in RDF/XML, Turtle and JSON-LD, and validates them
// against DCAT-AP 3.0.1 with the controlled vocabularies and the
// DCAT-AP-SE additions; the high-value datasets' graphs, and a catalogue of
// only high-value datasets, also against DCAT-AP HVD. Zero violations are
// allowed, and the three syntaxes must give the same graph.
func TestCatalogConforms(t *testing.T) {
	t.Parallel()
	cases := edgeCases()
	for name, e := range cases {
		if ps := opendata.Check(e); opendata.HasViolation(ps) {
			t.Fatalf("edge case %s does not pass Check: %+v", name, ps)
		}
	}
	entries := sorted(cases)
	base := catalogDocs(t, "catalog", entries)
	base = append(base, catalogDocs(t, "empty-catalog", nil)...)
	var hvd, hvdEntries []opendata.Entry
	for _, e := range entries {
		if e.Dataset.HighValue() {
			hvd = append(hvd, e)
		}
	}
	var hvdDocs []shacltest.Doc
	for _, e := range entries {
		docs := datasetDocs(t, e.Dataset.Slug, e)
		if e.Dataset.HighValue() {
			hvdDocs = append(hvdDocs, docs...)
		} else {
			base = append(base, docs...)
		}
	}
	// A catalogue of only high-value datasets: its API is then an HVD API.
	for i := range 2 {
		e := hvd[0]
		e.Dataset.Slug = fmt.Sprintf("hvd-%d", i)
		e.Dataset.HVDCategories = []string{opendata.HVDCategories[i+1].IRI}
		hvdEntries = append(hvdEntries, e)
	}
	hvdDocs = append(hvdDocs, catalogDocs(t, "hvd-catalog", append(hvd, hvdEntries...))...)

	expectValid(t, shacltest.Run(t, false, base...))
	expectValid(t, shacltest.Run(t, true, hvdDocs...))
}

// TestCatalogRobust writes entries with broken values (control characters
// and invalid UTF-8, dates, web addresses, e-mail, file facts) as they
// might sit in the store, and checks that the serializers still write
// well-formed RDF that validates.
func TestCatalogRobust(t *testing.T) {
	t.Parallel()
	var docs []shacltest.Doc
	for name, e := range robustCases() {
		docs = append(docs, datasetDocs(t, name, e)...)
	}
	docs = append(docs, catalogDocs(t, "robust-catalog", sorted(robustCases()))...)
	expectValid(t, shacltest.Run(t, false, docs...))
}

// TestValidatorOnSwedishExample is a check of the validator itself: DIGG's
// example of a catalogue with DCAT-AP-SE's mandatory properties
// (obligatoriskt.ttl and .rdf) predates DCAT-AP 3.0.1's class ranges and
// DCAT-AP-SE 3.0.1's publisher type, so the validator must find exactly
// those four faults in both syntaxes — and none once the missing types are
// added to the example.
func TestValidatorOnSwedishExample(t *testing.T) {
	t.Parallel()
	dir := filepath.Join(shacltest.StandardsDir(), "dcat-ap-se", "examples")
	ttl, err := os.ReadFile(filepath.Join(dir, "obligatoriskt.ttl"))
	if err != nil {
		t.Fatal(err)
	}
	fixed := append(slices.Clone(ttl), []byte(`
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
@prefix skos: <http://www.w3.org/2004/02/skos/core#> .
<https://example.com/publisher1> dcterms:type <http://purl.org/adms/publishertype/NonProfitOrganisation> .
<http://purl.org/adms/publishertype/NonProfitOrganisation> a skos:Concept ; skos:prefLabel "Non-Profit Organisation"@en .
<http://creativecommons.org/publicdomain/zero/1.0/> a dcterms:LicenseDocument .
vcard:Organization rdfs:subClassOf vcard:Kind .
<http://example.com/api> a rdfs:Resource .
`)...)
	reports := shacltest.RunFiles(t, false, filepath.Join(dir, "obligatoriskt.ttl"), filepath.Join(dir, "obligatoriskt.rdf"))
	want := []string{
		"https://example.com/catalog1 http://purl.org/dc/terms/license sh:ClassConstraintComponent",
		"https://example.com/dataservice1 http://www.w3.org/ns/dcat#endpointURL sh:ClassConstraintComponent",
		"https://example.com/dataset1 http://www.w3.org/ns/dcat#contactPoint sh:ClassConstraintComponent",
		"https://example.com/publisher1 http://purl.org/dc/terms/type sh:MinCountConstraintComponent",
	}
	for _, r := range reports {
		var got []string
		for _, v := range r.Violations {
			got = append(got, v.FocusNode+" "+v.Path+" "+v.Component)
		}
		slices.Sort(got)
		got = slices.Compact(got)
		if !slices.Equal(got, want) {
			t.Errorf("%s: violations\n%q\nwant\n%q", filepath.Base(r.File), got, want)
		}
		if len(r.Warnings) == 0 {
			t.Errorf("%s: no warnings; the recommended-property shapes did not run", filepath.Base(r.File))
		}
	}
	r := shacltest.Validate(t, fixed, "turtle", false)
	if r.Triples < 25 {
		t.Errorf("fixed example has %d triples", r.Triples)
	}
}
