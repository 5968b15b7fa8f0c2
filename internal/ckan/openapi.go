package ckan

import (
	_ "embed"
	"net/http"
	"strconv"
)

// openapiJSON is the OpenAPI 3.1 description of the API, written by hand
// (openapi.json). A test checks that it is JSON and names every action.
//
//go:embed openapi.json
var openapiJSON []byte

// handleOpenAPI serves the OpenAPI description.
func (a *API) handleOpenAPI(w http.ResponseWriter, r *http.Request) {
	h := w.Header()
	h.Set("Content-Type", "application/json")
	h.Set("Content-Length", strconv.Itoa(len(openapiJSON)))
	_, _ = w.Write(openapiJSON)
}
