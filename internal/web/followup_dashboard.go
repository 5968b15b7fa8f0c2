package web

import "net/http"

// The handlers of the public and staff dashboards, their CSV and where digitalization is not used fully: not built yet.

func (s *Server) handleFollowUpPublic(w http.ResponseWriter, r *http.Request) { s.notBuilt(w, r) }

func (s *Server) handleFollowUpPublicCSV(w http.ResponseWriter, r *http.Request) { s.notBuilt(w, r) }

func (s *Server) handleFollowUpPublicIndicator(w http.ResponseWriter, r *http.Request) {
	s.notBuilt(w, r)
}

func (s *Server) handleFollowUpStaff(w http.ResponseWriter, r *http.Request) { s.notBuilt(w, r) }

func (s *Server) handleFollowUpStaffCSV(w http.ResponseWriter, r *http.Request) { s.notBuilt(w, r) }

func (s *Server) handleFollowUpStaffIndicator(w http.ResponseWriter, r *http.Request) {
	s.notBuilt(w, r)
}

func (s *Server) handleNotUsedFully(w http.ResponseWriter, r *http.Request) { s.notBuilt(w, r) }
