// Package dcat writes the open data catalogue as RDF for harvesters such as
// dataportal.se and data.europa.eu: the catalogue of every published
// dataset (WriteCatalog) and one dataset's own graph (WriteDataset), each in
// RDF/XML (what dataportal.se harvests), Turtle or JSON-LD, following
// DCAT-AP-SE 3.0.1 on DCAT-AP 3.0.1 and, for high-value datasets, DCAT-AP
// HVD.
//
// The graph is built from opendata entries as Nodes — one subject and its
// properties — over a small triple model, and written by small hand-written
// serializers a node at a time, so a catalogue of 10,000 datasets is
// streamed rather than built in memory. Every resource harvesters keep
// (catalogue, datasets, distributions, publishers, contact points, and also
// periods and checksums) has an absolute IRI; there are no blank nodes.
// Terms of the controlled vocabularies the portal knows (themes,
// frequencies, licences, …) are described once at the end with the class
// and labels the DCAT-AP SHACL shapes ask for; a value the portal does not
// know is written bare, so the shapes — and opendata.Check before them —
// reject it.
//
// The tests validate the output with a real SHACL engine (package
// shacltest, scripts/shacl/validate.mjs).
package dcat
