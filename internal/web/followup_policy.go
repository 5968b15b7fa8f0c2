package web

import "net/http"

// The handlers of the policy pages (public current version; staff revisions, edit, history): not built yet.

func (s *Server) handlePolicyPublic(w http.ResponseWriter, r *http.Request) { s.notBuilt(w, r) }

func (s *Server) handlePolicyStaff(w http.ResponseWriter, r *http.Request) { s.notBuilt(w, r) }

func (s *Server) handlePolicyEdit(w http.ResponseWriter, r *http.Request) { s.notBuilt(w, r) }

func (s *Server) handlePolicyEditPost(w http.ResponseWriter, r *http.Request) { s.notBuilt(w, r) }

func (s *Server) handlePolicyRevision(w http.ResponseWriter, r *http.Request) { s.notBuilt(w, r) }
