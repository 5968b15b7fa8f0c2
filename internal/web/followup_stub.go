package web

import "net/http"

// notBuilt answers a follow-up page that is not built yet: 501. It goes
// when the last such page is built.
func (s *Server) notBuilt(w http.ResponseWriter, _ *http.Request) {
	http.Error(w, "Not built yet", http.StatusNotImplemented)
}
