// Package ckan is the open data portal's machine interface: the CKAN
// Action API (/api/3/action/…) with CKAN's JSON envelope and error types,
// the DataStore's search and dump (/datastore/dump/{resource_id}) in CSV,
// JSON, GeoJSON and Parquet, streamed, API tokens in the Authorization
// header for the write actions, rate limits and quotas per token and per
// anonymous client with the standard RateLimit headers, and the OpenAPI
// description at /api/3/openapi.json.
package ckan

import (
	"log/slog"
	"net/http"

	"sprang/internal/auth"
	"sprang/internal/datastore"
	"sprang/internal/files"
	"sprang/internal/store"
)

// Deps is what the API needs; web builds it from its own.
type Deps struct {
	DB      *store.DB
	Auth    *auth.Service
	Files   *files.Store
	Loader  *datastore.Loader
	BaseURL string // the platform's public URL, without trailing slash
	Logger  *slog.Logger
}

// API serves the CKAN-compatible API. It is safe for concurrent use.
type API struct {
	d   Deps
	mux *http.ServeMux
}

// New returns the API.
func New(d Deps) *API {
	a := &API{d: d, mux: http.NewServeMux()}
	a.mux.HandleFunc("/", func(w http.ResponseWriter, r *http.Request) {
		http.Error(w, "not built yet", http.StatusNotImplemented)
	})
	return a
}

// ServeHTTP serves one API request.
func (a *API) ServeHTTP(w http.ResponseWriter, r *http.Request) { a.mux.ServeHTTP(w, r) }
