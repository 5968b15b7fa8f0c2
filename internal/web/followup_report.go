package web

import "net/http"

// The handlers of the yearly follow-up report: not built yet.

func (s *Server) handleReportsPublic(w http.ResponseWriter, r *http.Request) { s.notBuilt(w, r) }

func (s *Server) handleReportPublic(w http.ResponseWriter, r *http.Request) { s.notBuilt(w, r) }

func (s *Server) handleReportPDF(w http.ResponseWriter, r *http.Request) { s.notBuilt(w, r) }

func (s *Server) handleReportStaff(w http.ResponseWriter, r *http.Request) { s.notBuilt(w, r) }

func (s *Server) handleReportStaffPost(w http.ResponseWriter, r *http.Request) { s.notBuilt(w, r) }

func (s *Server) handleReportIssue(w http.ResponseWriter, r *http.Request) { s.notBuilt(w, r) }
