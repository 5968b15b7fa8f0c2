package web

// API tokens page (stub).

import "net/http"

func (s *Server) handleAPITokens(w http.ResponseWriter, r *http.Request) {
	http.Error(w, "not built yet", http.StatusNotImplemented)
}

func (s *Server) handleAPITokenCreate(w http.ResponseWriter, r *http.Request) {
	http.Error(w, "not built yet", http.StatusNotImplemented)
}

func (s *Server) handleAPITokenRevoke(w http.ResponseWriter, r *http.Request) {
	http.Error(w, "not built yet", http.StatusNotImplemented)
}
