package ckan

import (
	"context"
	"net"
	"net/http"
	"net/netip"
	"strconv"
	"strings"
	"time"

	"sprang"
	"sprang/internal/i18n"
	"sprang/internal/identity"
	"sprang/internal/secret"
)

// ctxUser is the context key of the user an API token names.
type ctxUser struct{}

// userOf returns the user whose API token the request carries, or nil
// for an anonymous request.
func userOf(ctx context.Context) *identity.User {
	u, _ := ctx.Value(ctxUser{}).(*identity.User)
	return u
}

// tokenOf returns the API token of r: the Authorization header, raw or
// after "Bearer ", as CKAN reads it, or CKAN's older X-CKAN-API-Key.
func tokenOf(r *http.Request) string {
	h := strings.TrimSpace(r.Header.Get("Authorization"))
	if h == "" {
		h = strings.TrimSpace(r.Header.Get("X-CKAN-API-Key"))
	}
	if len(h) > 7 && strings.EqualFold(h[:7], "bearer ") {
		h = strings.TrimSpace(h[7:])
	}
	return h
}

// anonKey returns the rate-limit key of an anonymous client: its
// address, as the web server's middleware has resolved it behind trusted
// proxies (it rewrites RemoteAddr), with IPv6 addresses cut to their /64,
// which one host or household usually has to itself.
func anonKey(r *http.Request) string {
	host, _, err := net.SplitHostPort(r.RemoteAddr)
	if err != nil {
		host = r.RemoteAddr
	}
	a, err := netip.ParseAddr(host)
	if err != nil {
		return "a:" + host
	}
	a = a.Unmap()
	if a.Is6() {
		if p, err := a.Prefix(64); err == nil {
			return "a:" + p.String()
		}
	}
	return "a:" + a.String()
}

// langOf returns the language of the API's messages: Swedish when the
// client's first preferred language is Swedish, English (CKAN's)
// otherwise.
func langOf(r *http.Request) i18n.Lang {
	al := r.Header.Get("Accept-Language")
	first, _, _ := strings.Cut(al, ",")
	first, _, _ = strings.Cut(first, ";")
	first = strings.ToLower(strings.TrimSpace(first))
	if first == "sv" || strings.HasPrefix(first, "sv-") {
		return i18n.Swedish
	}
	return i18n.English
}

// textsOf returns the texts of r's language.
func (a *API) textsOf(r *http.Request) texts { return texts{cat: a.cat, lang: langOf(r)} }

// limit wraps every API route: it finds the caller (an API token, checked
// against the store through a short cache, or the anonymous client's
// address), counts the call against the caller's rate limit and daily
// quota, sets the RateLimit-Policy and RateLimit fields on every answer,
// and answers 429 with Retry-After when the caller is over a limit. A
// token that is not valid is an Authorization Error, counted against the
// client's address so that guessing tokens is rate limited too.
func (a *API) limit(next http.HandlerFunc) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		h := w.Header()
		h.Set("Access-Control-Allow-Origin", "*")
		h.Set("Access-Control-Expose-Headers", "RateLimit, RateLimit-Policy, Retry-After")
		h.Set("Cache-Control", "no-store")
		x := a.textsOf(r)
		key, pol := anonKey(r), a.limiter.anon
		var user *identity.User
		var tokenErr *apiError
		if tok := tokenOf(r); tok != "" {
			u, err := a.tokens.lookup(r.Context(), a, tok)
			switch {
			case err == nil:
				user, key, pol = &u, "t:"+secret.HashToken(tok), a.limiter.token
			case sprang.ErrorKind(err) == sprang.Unauthenticated:
				tokenErr = x.denied("api.token_invalid")
			default:
				a.log.ErrorContext(r.Context(), "api: check token", "error", err.Error())
				a.writeError(w, r, r.PathValue("action"), errInternal())
				return
			}
		}
		d := a.limiter.take(key, pol)
		h.Set("RateLimit-Policy", policyHeader(d.pol))
		h.Set("RateLimit", limitHeader(d))
		if !d.ok {
			a.writeError(w, r, r.PathValue("action"), x.tooMany(d, a.now()))
			return
		}
		if tokenErr != nil {
			a.writeError(w, r, r.PathValue("action"), tokenErr)
			return
		}
		if user != nil {
			r = r.WithContext(context.WithValue(r.Context(), ctxUser{}, user))
		}
		next(w, r)
	}
}

// tooMany is the 429 of a caller over a limit: it says which limit, how
// many seconds to wait and until when (also in Retry-After and as
// retry_after).
func (x texts) tooMany(d decision, now time.Time) *apiError {
	at := now.UTC().Add(time.Duration(d.retryAfter) * time.Second).Format(time.RFC3339)
	key := "api.too_many_minute"
	limit := d.pol.perMinute
	if d.dayExhausted {
		key, limit = "api.too_many_day", d.pol.perDay
	}
	return &apiError{status: http.StatusTooManyRequests, typ: typeRateLimit, retryAfter: d.retryAfter,
		msg:   x.t(key, strconv.Itoa(limit), strconv.Itoa(d.retryAfter), at),
		extra: map[string]any{"retry_after": d.retryAfter}}
}
