// Package opendata is the domain of the open data portal: datasets with
// their DCAT-AP-SE metadata (Dataset), their distributions (Distribution,
// called resources in the CKAN API) and the versions of an uploaded file
// (Upload); the controlled vocabularies the metadata draws from (vocab.go);
// the conformance check that runs before a dataset is published (Check);
// and the datastore's vocabulary: typed columns (Column), queries in CKAN's
// DataStore semantics (Query, parsed from request parameters by ParseSort
// and ParseFilters) and the data-quality report (Quality).
//
// The package is pure: it imports no database, HTTP or template package.
// Field names supplied by users never become SQL: a Query names columns by
// their public field name, and the store maps each to a generated physical
// name (c1, c2, …) after checking it against the table's columns.
package opendata
