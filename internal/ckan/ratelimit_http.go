package ckan

import (
	"context"
	"fmt"
	"net"
	"net/http"
	"net/netip"
	"strconv"
	"strings"
	"time"

	"sprang"
	"sprang/internal/i18n"
	"sprang/internal/identity"
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

// caller is who makes a request, for the rate limits: the bucket's key
// and policy, the user of a valid API token, and whether the request
// carried a token that is not valid.
type caller struct {
	key      string
	pol      policy
	user     *identity.User
	badToken bool
}

// callerOf finds the caller of r: an API token (checked against the
// store through a short cache) keyed by the token's id under its own
// limits or the defaults for tokens, or else the anonymous client's
// address. A token that is not valid is counted against the address. It
// returns an error only when the store cannot be read.
func (a *API) callerOf(r *http.Request) (caller, error) {
	c := caller{key: anonKey(r), pol: a.limiter.anon}
	tok := tokenOf(r)
	if tok == "" {
		return c, nil
	}
	use, err := a.limiter.uses.lookup(r.Context(), a, tok)
	switch {
	case err == nil:
		c.key, c.pol, c.user = "t:"+strconv.FormatInt(use.TokenID, 10), a.limiter.tokenPolicy(use.Limits), &use.User
	case sprang.ErrorKind(err) == sprang.Unauthenticated:
		c.badToken = true
	default:
		return caller{}, fmt.Errorf("check api token: %w", err)
	}
	return c, nil
}

// take counts one call of c and sets the RateLimit-Policy and RateLimit
// fields of the answer.
func (a *API) take(w http.ResponseWriter, c caller) decision {
	d := a.limiter.take(c.key, c.pol)
	h := w.Header()
	h.Set("RateLimit-Policy", policyHeader(d.pol))
	h.Set("RateLimit", limitHeader(d))
	return d
}

// limit wraps every API route: it finds the caller (callerOf), counts
// the call against the caller's rate limit and daily quota, sets the
// RateLimit-Policy and RateLimit fields on every answer, and answers 429
// with Retry-After when the caller is over a limit. A token that is not
// valid is an Authorization Error, counted against the client's address
// so that guessing tokens is rate limited too.
func (a *API) limit(next http.HandlerFunc) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		h := w.Header()
		h.Set("Access-Control-Allow-Origin", "*")
		h.Set("Access-Control-Expose-Headers", "RateLimit, RateLimit-Policy, Retry-After")
		h.Set("Cache-Control", "no-store")
		x := a.textsOf(r)
		c, err := a.callerOf(r)
		if err != nil {
			a.log.ErrorContext(r.Context(), "api: check token", "error", err.Error())
			a.writeError(w, r, r.PathValue("action"), errInternal())
			return
		}
		d := a.take(w, c)
		if !d.ok {
			a.writeError(w, r, r.PathValue("action"), x.tooMany(d, a.now()))
			return
		}
		if c.badToken {
			a.writeError(w, r, r.PathValue("action"), x.denied("api.token_invalid"))
			return
		}
		if c.user != nil {
			r = r.WithContext(context.WithValue(r.Context(), ctxUser{}, c.user))
		}
		next(w, r)
	}
}

// tooMany is the 429 of a caller over a limit: it says which limit, how
// many seconds to wait and until when (also in Retry-After and as
// retry_after).
func (x texts) tooMany(d decision, now time.Time) *apiError {
	return &apiError{status: http.StatusTooManyRequests, typ: typeRateLimit, retryAfter: d.retryAfter,
		msg: x.tooManyText(d, now), extra: map[string]any{"retry_after": d.retryAfter}}
}

// tooManyText says which limit d is over, how many seconds to wait and
// until when, in singular or plural as the numbers need; over the daily
// quota it also says how to get more: an API token (for an anonymous
// client), or a quota of the token's own from the platform's
// administrators.
func (x texts) tooManyText(d decision, now time.Time) string {
	at := now.UTC().Add(time.Duration(d.retryAfter) * time.Second).Format(time.RFC3339)
	wait := x.count("apitokens.rate.seconds", d.retryAfter)
	if !d.dayExhausted {
		return x.t("apitokens.rate.minute", x.count("apitokens.rate.calls", d.pol.perMinute), wait, at)
	}
	more := "apitokens.rate.more_token"
	if d.pol.name == policyAnonymous {
		more = "apitokens.rate.more_anonymous"
	}
	return x.t("apitokens.rate.day", x.count("apitokens.rate.calls", d.pol.perDay), wait, at) + " " + x.t(more)
}

// count returns n with the noun of key in singular (key + "_one") or
// plural (key + "_other").
func (x texts) count(key string, n int) string {
	if n == 1 {
		return x.t(key+"_one", strconv.Itoa(n))
	}
	return x.t(key+"_other", strconv.Itoa(n))
}
