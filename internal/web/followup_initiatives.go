package web

import "net/http"

// The handlers of the initiative portfolio: not built yet.

func (s *Server) handleInitiatives(w http.ResponseWriter, r *http.Request) { s.notBuilt(w, r) }

func (s *Server) handleInitiativeCreate(w http.ResponseWriter, r *http.Request) { s.notBuilt(w, r) }

func (s *Server) handleInitiativeTimeline(w http.ResponseWriter, r *http.Request) { s.notBuilt(w, r) }

func (s *Server) handleInitiative(w http.ResponseWriter, r *http.Request) { s.notBuilt(w, r) }

func (s *Server) handleInitiativePost(w http.ResponseWriter, r *http.Request) { s.notBuilt(w, r) }

func (s *Server) handleInitiativeBenefit(w http.ResponseWriter, r *http.Request) { s.notBuilt(w, r) }

func (s *Server) handleInitiativeCriteria(w http.ResponseWriter, r *http.Request) { s.notBuilt(w, r) }
