package web

// The catalogue as RDF (stub).

import "net/http"

func (s *Server) handleCatalogRDF(w http.ResponseWriter, r *http.Request) {
	http.Error(w, "not built yet", http.StatusNotImplemented)
}

func (s *Server) handleCatalogTurtle(w http.ResponseWriter, r *http.Request) {
	http.Error(w, "not built yet", http.StatusNotImplemented)
}

func (s *Server) handleCatalogJSONLD(w http.ResponseWriter, r *http.Request) {
	http.Error(w, "not built yet", http.StatusNotImplemented)
}
