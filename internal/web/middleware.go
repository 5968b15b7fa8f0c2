package web

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"log/slog"
	"net/http"
	"runtime/debug"
	"time"
)

// middleware wraps the router in what every response passes through, from
// the outside in: request id, recovery from panics, the client's address
// behind trusted proxies, access log and metrics,
// security headers, language, and cross-origin (CSRF) protection for every
// state-changing request.
func (s *Server) middleware(mux *http.ServeMux) http.Handler {
	csrf := http.NewCrossOriginProtection()
	csrf.SetDenyHandler(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		s.log.WarnContext(r.Context(), "cross-origin request refused", "method", r.Method, "path", r.URL.Path)
		v := s.view(r)
		v.Title = v.T("error.403.heading")
		s.renderStatus(w, r, http.StatusForbidden, "error", v.with(errorPage{Status: 403, Heading: v.Title, Message: v.T("error.csrf.text"), RequestID: requestID(r.Context())}))
	}))
	var h http.Handler = mux
	h = csrf.Handler(h)
	h = s.sessions(h)
	h = s.language(h)
	h = s.securityHeaders(h)
	h = s.observe(mux, h)
	h = s.realClient(h)
	h = s.recoverPanic(h)
	h = s.requestID(h)
	return h
}

// requestID gives each request an id, echoed in the X-Request-Id header, in
// every log line of the request, and on error pages.
func (s *Server) requestID(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		b := make([]byte, 8)
		_, _ = rand.Read(b)
		id := hex.EncodeToString(b)
		w.Header().Set("X-Request-Id", id)
		next.ServeHTTP(w, r.WithContext(context.WithValue(r.Context(), ctxRequestID, id)))
	})
}

// recoverPanic turns a panic in a handler into a logged 500 page.
func (s *Server) recoverPanic(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		defer func() {
			if p := recover(); p != nil {
				if p == http.ErrAbortHandler {
					panic(p)
				}
				s.log.ErrorContext(r.Context(), "panic", "panic", p, "stack", string(debug.Stack()))
				v := s.view(r)
				s.renderStatus(w, r, http.StatusInternalServerError, "error", v.with(errorPage{Status: 500, Heading: v.T("error.500.heading"), Message: v.T("error.500.text"), RequestID: requestID(r.Context())}))
			}
		}()
		next.ServeHTTP(w, r)
	})
}

// statusRecorder remembers the status code and size of a response.
type statusRecorder struct {
	http.ResponseWriter
	status int
	size   int
}

func (rec *statusRecorder) WriteHeader(code int) {
	if rec.status == 0 {
		rec.status = code
	}
	rec.ResponseWriter.WriteHeader(code)
}

func (rec *statusRecorder) Write(b []byte) (int, error) {
	if rec.status == 0 {
		rec.status = http.StatusOK
	}
	n, err := rec.ResponseWriter.Write(b)
	rec.size += n
	return n, err
}

// Unwrap lets http.ResponseController reach the underlying writer.
func (rec *statusRecorder) Unwrap() http.ResponseWriter { return rec.ResponseWriter }

// observe logs each request once (method, route pattern, status, duration,
// request id — never the query string, which may carry personal data) and
// records it in the metrics by route pattern.
func (s *Server) observe(mux *http.ServeMux, next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		start := time.Now()
		rec := &statusRecorder{ResponseWriter: w}
		next.ServeHTTP(rec, r)
		if rec.status == 0 {
			rec.status = http.StatusOK
		}
		_, pattern := mux.Handler(r)
		if pattern == "" || pattern == "/" {
			pattern = "unmatched"
		}
		d := time.Since(start)
		s.metrics.observe(pattern, r.Method, rec.status, d)
		s.visits.record(r, rec.status, rec.Header().Get("Content-Type"), rec.size)
		level := slog.LevelInfo
		if rec.status >= 500 {
			level = slog.LevelError
		}
		s.log.LogAttrs(r.Context(), level, "request",
			slog.String("request_id", requestID(r.Context())),
			slog.String("method", r.Method),
			slog.String("route", pattern),
			slog.Int("status", rec.status),
			slog.Int("bytes", rec.size),
			slog.Duration("duration", d))
	})
}

// contentSecurityPolicy allows nothing but the platform's own styles, images
// and forms: no scripts at all, no inline styles, no framing.
const contentSecurityPolicy = "default-src 'none'; style-src 'self'; img-src 'self' data:; font-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'"

// securityHeaders sets the headers every response carries.
func (s *Server) securityHeaders(next http.Handler) http.Handler {
	secure := s.cfg.Secure()
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		h := w.Header()
		h.Set("Content-Security-Policy", contentSecurityPolicy)
		h.Set("X-Content-Type-Options", "nosniff")
		h.Set("Referrer-Policy", "strict-origin-when-cross-origin")
		h.Set("X-Frame-Options", "DENY")
		h.Set("Cross-Origin-Opener-Policy", "same-origin")
		h.Set("Permissions-Policy", "camera=(), microphone=(), geolocation=(), interest-cohort=()")
		if secure {
			h.Set("Strict-Transport-Security", "max-age=63072000; includeSubDomains")
		}
		next.ServeHTTP(w, r)
	})
}

// language stores the request's UI language in its context.
func (s *Server) language(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		next.ServeHTTP(w, r.WithContext(context.WithValue(r.Context(), ctxLang, detectLang(r))))
	})
}
