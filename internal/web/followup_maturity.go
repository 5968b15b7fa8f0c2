package web

import "net/http"

// The handlers of the maturity and competence self-assessments: not built yet.

func (s *Server) handleMaturity(w http.ResponseWriter, r *http.Request) { s.notBuilt(w, r) }

func (s *Server) handleMaturityQuestions(w http.ResponseWriter, r *http.Request) { s.notBuilt(w, r) }

func (s *Server) handleMaturityQuestionsPost(w http.ResponseWriter, r *http.Request) {
	s.notBuilt(w, r)
}

func (s *Server) handleMaturityAssessment(w http.ResponseWriter, r *http.Request) { s.notBuilt(w, r) }

func (s *Server) handleMaturityAssessmentPost(w http.ResponseWriter, r *http.Request) {
	s.notBuilt(w, r)
}

func (s *Server) handleCompetence(w http.ResponseWriter, r *http.Request) { s.notBuilt(w, r) }

func (s *Server) handleCompetencePost(w http.ResponseWriter, r *http.Request) { s.notBuilt(w, r) }

func (s *Server) handleCompetenceOverview(w http.ResponseWriter, r *http.Request) { s.notBuilt(w, r) }
