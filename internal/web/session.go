package web

import (
	"context"
	"fmt"
	"net/http"

	"sprang"
	"sprang/internal/auth"
	"sprang/internal/secret"
	"sprang/internal/store"
)

// sessionCookie is the name of the session cookie. Behind TLS it carries
// the __Host- prefix, which browsers only accept with Secure, Path=/ and no
// Domain, so no subdomain can plant or read it.
func (s *Server) sessionCookie() string { return s.hostCookie("sprang") }

// hostCookie returns the name of a cookie of this site: name, with the
// __Host- prefix behind TLS (see sessionCookie).
func (s *Server) hostCookie(name string) string {
	if s.cfg.Secure() {
		return "__Host-" + name
	}
	return name
}

// sessions loads the session named by the session cookie into the request
// context. Requests without the cookie never touch the database. An
// unknown or expired cookie is cleared. A session still waiting for its
// second factor is not a login: it is kept aside for the TOTP step only
// (see pendingOf).
func (s *Server) sessions(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		c, err := r.Cookie(s.sessionCookie())
		if err != nil || c.Value == "" {
			next.ServeHTTP(w, r)
			return
		}
		st, err := s.auth.Session(r.Context(), secret.HashToken(c.Value))
		switch {
		case sprang.ErrorKind(err) == sprang.NotFound:
			s.clearSessionCookie(w)
		case err != nil:
			s.fail(w, r, err)
			return
		case st.PendingTOTP:
			r = r.WithContext(withPending(r.Context(), st.TokenHash))
		default:
			r = r.WithContext(withSession(r.Context(), sessionFrom(st)))
		}
		next.ServeHTTP(w, r)
	})
}

// sessionFrom converts a stored session to what handlers see.
func sessionFrom(st store.Session) *Session {
	return &Session{TokenHash: st.TokenHash, UserID: st.UserID, Username: st.Username, DisplayName: st.DisplayName,
		ResidentID: st.ResidentID, LoA: st.LoA, Method: st.Method, Idle: st.Idle, IdleChosen: st.IdleChosen}
}

// setSessionCookie hands the browser the token of a session just started.
// The cookie lives as long as the session can (the server ends it sooner
// when idle); it is HttpOnly, SameSite=Lax and, behind TLS, Secure with
// the __Host- prefix. Every login handler calls it, always with a new
// token: a session id from before a login is never reused.
func (s *Server) setSessionCookie(w http.ResponseWriter, token string) {
	http.SetCookie(w, &http.Cookie{ //nolint:gosec // Secure whenever served over TLS (cfg.Secure); plain http only for local use
		Name: s.sessionCookie(), Value: token, Path: "/", MaxAge: int(s.auth.SessionAbsolute().Seconds()),
		HttpOnly: true, Secure: s.cfg.Secure(), SameSite: http.SameSiteLaxMode,
	})
}

// clearSessionCookie tells the browser to forget the session cookie.
func (s *Server) clearSessionCookie(w http.ResponseWriter) {
	http.SetCookie(w, &http.Cookie{ //nolint:gosec // Secure whenever served over TLS (cfg.Secure); plain http only for local use
		Name: s.sessionCookie(), Value: "", Path: "/", MaxAge: -1,
		HttpOnly: true, Secure: s.cfg.Secure(), SameSite: http.SameSiteLaxMode,
	})
}

// pendingKey is the context key of a session waiting for its second
// factor.
type pendingKey struct{}

func withPending(ctx context.Context, tokenHash string) context.Context {
	return context.WithValue(ctx, pendingKey{}, tokenHash)
}

// pendingOf returns the token hash of the request's session that waits for
// its second factor, or "".
func pendingOf(ctx context.Context) string {
	h, _ := ctx.Value(pendingKey{}).(string)
	return h
}

// authOf returns d.Auth, or when it is nil a login service on d.DB with the
// DB's own Box (cmd/sprang always passes Auth). Only a DB without a Box —
// in tests — gets a Box from Config.SecretKey or a random key, so sealed
// values do not outlive the process.
func authOf(d Deps) (*auth.Service, error) {
	if d.Auth != nil {
		return d.Auth, nil
	}
	if box := d.DB.Box(); box != nil {
		return auth.New(d.DB, box, d.Config), nil
	}
	key := d.Config.SecretKey
	if key == "" {
		key = secret.Token()
	}
	box, err := secret.NewBox(key)
	if err != nil {
		return nil, fmt.Errorf("login service: %w", err)
	}
	return auth.New(d.DB, box, d.Config), nil
}
