package web

import "net/http"

// routes returns the route table: every URL of the platform, in one place.
func (s *Server) routes() *http.ServeMux {
	mux := http.NewServeMux()

	// Operations.
	mux.HandleFunc("GET /healthz", s.handleHealthz)
	mux.HandleFunc("GET /readyz", s.handleReadyz)
	mux.Handle("GET /metrics", s.metrics.handler())
	mux.Handle("GET /static/", s.assets)

	// Public pages.
	mux.HandleFunc("GET /{$}", s.handleHome)
	mux.HandleFunc("GET /lang/{lang}", s.handleLanguage)
	mux.HandleFunc("GET /tillganglighet", s.handleAccessibility)
	mux.HandleFunc("GET /tillganglighet/rapportera", s.handleReportProblem)

	// Everything else is a helpful 404 page.
	mux.HandleFunc("/", s.handleNotFound)
	return mux
}
