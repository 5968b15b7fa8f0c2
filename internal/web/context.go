package web

import (
	"context"
	"net/http"
	"time"

	"sprang/internal/i18n"
)

type ctxKey int

const (
	ctxRequestID ctxKey = iota
	ctxSession
	ctxLang
)

// Session is the logged-in person of a request: a staff user or a resident.
// The session middleware puts it in the request context; nil means anonymous.
type Session struct {
	TokenHash   string // identifies the session row; never the token itself
	UserID      int64  // staff user, or 0
	Username    string
	DisplayName string
	ResidentID  int64         // resident, or 0
	LoA         string        // level of assurance of a resident's e-ID login
	Method      string        // how the person logged in: password, oidc, eid, email, demo-eid
	Idle        time.Duration // how long the session may go unused before it ends (session_time.go)
	IdleChosen  bool          // Idle is the longer limit the person chose at /mer-tid
}

// Staff reports whether the session belongs to a staff user.
func (s *Session) Staff() bool { return s != nil && s.UserID != 0 }

// Resident reports whether the session belongs to a resident.
func (s *Session) Resident() bool { return s != nil && s.ResidentID != 0 }

func withSession(ctx context.Context, s *Session) context.Context {
	return context.WithValue(ctx, ctxSession, s)
}

// sessionOf returns the session of ctx, or nil when anonymous.
func sessionOf(ctx context.Context) *Session {
	s, _ := ctx.Value(ctxSession).(*Session)
	return s
}

// requestID returns the id the middleware gave the request, or "".
func requestID(ctx context.Context) string {
	id, _ := ctx.Value(ctxRequestID).(string)
	return id
}

// langOf returns the UI language of r: the lang cookie when set, otherwise
// the first supported language in Accept-Language, otherwise Swedish.
func langOf(r *http.Request) i18n.Lang {
	if l, ok := r.Context().Value(ctxLang).(i18n.Lang); ok {
		return l
	}
	return detectLang(r)
}

func detectLang(r *http.Request) i18n.Lang {
	if c, err := r.Cookie("lang"); err == nil {
		return i18n.ParseLang(c.Value)
	}
	for _, part := range splitAccept(r.Header.Get("Accept-Language")) {
		if len(part) >= 2 && (part[:2] == "sv" || part[:2] == "en") {
			return i18n.ParseLang(part[:2])
		}
	}
	return i18n.Swedish
}

// splitAccept returns the language ranges of an Accept-Language header in
// the order given (quality values are ignored: browsers list by preference).
func splitAccept(h string) []string {
	var out []string
	start := 0
	for i := 0; i <= len(h); i++ {
		if i == len(h) || h[i] == ',' {
			p := h[start:i]
			for j := 0; j < len(p); j++ {
				if p[j] == ';' {
					p = p[:j]
					break
				}
			}
			for len(p) > 0 && p[0] == ' ' {
				p = p[1:]
			}
			if p != "" {
				out = append(out, p)
			}
			start = i + 1
		}
	}
	return out
}
