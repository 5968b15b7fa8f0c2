package ckan

import (
	"net/http"
	"strconv"
	"strings"
)

// The action names under which Limit counts the web pages' calls, beside
// the API's actions.
const (
	ActionWebDownload = "web_download" // a resource's file
	ActionWebCatalog  = "web_catalog"  // the catalogue feeds (RDF/XML, Turtle, JSON-LD)
	ActionWebPreview  = "web_preview"  // anything else: the preview of a table, a dataset's RDF
	// ActionWebFollowUp counts the public follow-up dashboard's pages and
	// CSV, limited like the data pages; the API-calls indicator leaves
	// them out (store.APICalls), as they are page views, not data use.
	ActionWebFollowUp = "web_followup"
)

// Limit applies the API's rate limit and daily quota to a handler of the
// web pages — file downloads, the preview, the catalogue feeds — so a
// client cannot take around the API's limits what the API would refuse.
// The caller is found as the API finds it (an API token in the
// Authorization header, keyed by the token and under its limits, else the
// client's address; a token that is not valid counts against the
// address and is otherwise ignored, since the pages do not use it), and
// the calls share the API's buckets. Every answer gets the RateLimit and
// RateLimit-Policy fields; a caller over a limit gets a 429 with
// Retry-After and a plain-text message in the client's language, and h
// is not called. Calls let through are counted per day under the action
// the path names: ActionWebDownload for a path ending in "/fil",
// ActionWebCatalog for /data/catalog.*, ActionWebPreview otherwise. If
// the store cannot check a token, the answer is a 500.
func (a *API) Limit(h http.Handler) http.Handler {
	return a.limitWeb("", h)
}

// LimitAs is Limit counting the calls under action.
func (a *API) LimitAs(action string, h http.Handler) http.Handler {
	return a.limitWeb(action, h)
}

func (a *API) limitWeb(action string, h http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		c, err := a.callerOf(r)
		if err != nil {
			a.log.ErrorContext(r.Context(), "web: check api token", "error", err.Error())
			http.Error(w, http.StatusText(http.StatusInternalServerError), http.StatusInternalServerError)
			return
		}
		d := a.take(w, c)
		if !d.ok {
			hd := w.Header()
			hd.Set("Retry-After", strconv.Itoa(d.retryAfter))
			hd.Set("Cache-Control", "no-store")
			http.Error(w, a.textsOf(r).tooManyText(d, a.now()), http.StatusTooManyRequests)
			return
		}
		name := action
		if name == "" {
			name = webAction(r.URL.Path)
		}
		a.calls.add(name)
		h.ServeHTTP(w, r)
	})
}

// webAction names the calls of a web page by its path, for Limit.
func webAction(path string) string {
	switch {
	case strings.HasSuffix(path, "/fil"):
		return ActionWebDownload
	case strings.HasPrefix(path, "/data/catalog."):
		return ActionWebCatalog
	}
	return ActionWebPreview
}

// TokenLimits returns the rate limit (calls a minute) and daily quota
// (calls a UTC day) of an API token without limits of its own, for the
// pages that show a token's limits.
func (a *API) TokenLimits() (perMinute, perDay int) {
	return a.limiter.token.perMinute, a.limiter.token.perDay
}
