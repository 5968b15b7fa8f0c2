package web

import "net/http"

// The handlers of the indicator registry, manual values and Kolada imports: not built yet.

func (s *Server) handleIndicators(w http.ResponseWriter, r *http.Request) { s.notBuilt(w, r) }

func (s *Server) handleIndicatorCreate(w http.ResponseWriter, r *http.Request) { s.notBuilt(w, r) }

func (s *Server) handleKolada(w http.ResponseWriter, r *http.Request) { s.notBuilt(w, r) }

func (s *Server) handleKoladaImport(w http.ResponseWriter, r *http.Request) { s.notBuilt(w, r) }

func (s *Server) handleIndicator(w http.ResponseWriter, r *http.Request) { s.notBuilt(w, r) }

func (s *Server) handleIndicatorPost(w http.ResponseWriter, r *http.Request) { s.notBuilt(w, r) }

func (s *Server) handleIndicatorValues(w http.ResponseWriter, r *http.Request) { s.notBuilt(w, r) }

func (s *Server) handleIndicatorValuesPost(w http.ResponseWriter, r *http.Request) { s.notBuilt(w, r) }
