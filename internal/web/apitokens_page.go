package web

import (
	"net/http"
	"strconv"
	"strings"
	"unicode/utf8"

	"sprang"
	"sprang/internal/identity"
)

// The API tokens page: every staff user may make API tokens for the open
// data API (internal/ckan), see their tokens and revoke them. A token is
// shown once, on the page that answers its creation, and never again:
// only its hash is kept. What a token may do is what its owner may do,
// so writes through the API still need identity.ManageDatasets in the
// dataset's unit. Each token shows its rate limit and daily quota; an
// administrator of the whole platform (auth.MaySetAPITokenLimits) also
// sees every live token and may give one its own limits
// (apitokens_page_limits.go). Owners cannot raise their own.

// apiTokensPath is the path of the API tokens page.
const apiTokensPath = "/personal/api-nycklar" //nolint:gosec // a path, not a credential

// apiTokenNameMax is the longest label a token may have, in characters.
const apiTokenNameMax = 100

// apiTokensPage is what the API tokens page shows: the user's tokens, the
// create form's sections, and a token just made.
type apiTokensPage struct {
	Tokens   []apiTokenRow
	Live     int
	Admin    bool             // the user may set limits: All is filled
	All      []apiTokenLimits // every live token, with its limits form
	Defaults string           // the limits of a token without its own
	Create   []bSection
	NewToken string // the token just made, shown this once
	NewName  string
	CanWrite bool // the user may manage datasets somewhere
	Done     string
	APIURL   string     // the API's base, for the example
	limits   *limitForm // a limits form sent back with its errors
}

func (s *Server) handleAPITokens(w http.ResponseWriter, r *http.Request) {
	s.renderAPITokens(w, r, http.StatusOK, apiTokensPage{}, nil)
}

// renderAPITokens renders the page with p's new token (if any) and the
// create form's values and errors (field → text).
func (s *Server) renderAPITokens(w http.ResponseWriter, r *http.Request, status int, p apiTokensPage, form map[string]string) {
	acc, err := s.staffAccess(r)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	v := s.view(r)
	if err := s.apiTokenLimitsOf(r, v, acc, &p); err != nil {
		s.fail(w, r, err)
		return
	}
	for _, t := range p.Tokens {
		if !t.Revoked() {
			p.Live++
		}
	}
	p.CanWrite = acc.CanAnywhere(identity.ManageDatasets)
	p.APIURL = strings.TrimRight(s.cfg.BaseURL, "/") + "/api/3/action/"
	if d := r.URL.Query().Get("klart"); d == "aterkallad" || d == "granser" {
		p.Done = v.T("apitokens.done." + d)
	}
	v.Form = form
	f := newBForm(v, nil, nil)
	fd := f.text("name", "apitokens.f.name", "apitokens.h.name")
	fd.Value = form["name"]
	if msg := form["error"]; msg != "" {
		fd.Error = msg
		v.Errors = append(v.Errors, fieldError{Field: "name", Message: msg})
	}
	p.Create = f.Sections
	v.Title = v.T("apitokens.title")
	w.Header().Set("Cache-Control", "no-store")
	s.renderStatus(w, r, status, "apitokens", v.with(p))
}

// handleAPITokenCreate makes a token with the label of the form and shows
// it, once, on the page (not through a redirect, so it is never in a URL
// or a later page). A form with the field "limits" (a token's id) is an
// administrator's limits form instead (handleAPITokenLimits).
func (s *Server) handleAPITokenCreate(w http.ResponseWriter, r *http.Request) {
	form, err := postedForm(w, r, "name", "limits")
	if err != nil {
		s.fail(w, r, err)
		return
	}
	if form["limits"] != "" {
		s.handleAPITokenLimits(w, r, form["limits"])
		return
	}
	acc, err := s.staffAccess(r)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	v := s.view(r)
	name := strings.Join(strings.Fields(form["name"]), " ")
	switch {
	case name == "":
		form["error"] = v.T("apitokens.name_required")
	case utf8.RuneCountInString(name) > apiTokenNameMax:
		form["error"] = v.T("apitokens.name_too_long", apiTokenNameMax)
	}
	if form["error"] != "" {
		s.renderAPITokens(w, r, http.StatusUnprocessableEntity, apiTokensPage{}, form)
		return
	}
	token, err := s.auth.CreateAPIToken(r.Context(), acc.actor(), acc.User.ID, name)
	if sprang.ErrorKind(err) == sprang.Invalid {
		form["error"] = v.T("apitokens.name_required")
		s.renderAPITokens(w, r, http.StatusUnprocessableEntity, apiTokensPage{}, form)
		return
	}
	if err != nil {
		s.fail(w, r, err)
		return
	}
	s.renderAPITokens(w, r, http.StatusOK, apiTokensPage{NewToken: token, NewName: name}, nil)
}

// handleAPITokenRevoke revokes one of the user's own live tokens; any
// other id is a 404.
func (s *Server) handleAPITokenRevoke(w http.ResponseWriter, r *http.Request) {
	if _, err := postedForm(w, r); err != nil {
		s.fail(w, r, err)
		return
	}
	acc, err := s.staffAccess(r)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	id, err := strconv.ParseInt(r.PathValue("id"), 10, 64)
	if err != nil || id <= 0 {
		s.fail(w, r, errNoPage)
		return
	}
	if err := s.auth.RevokeAPIToken(r.Context(), acc.actor(), acc.User.ID, id); err != nil {
		if sprang.ErrorKind(err) == sprang.NotFound {
			err = errNoPage
		}
		s.fail(w, r, err)
		return
	}
	http.Redirect(w, r, apiTokensPath+"?klart=aterkallad", http.StatusSeeOther)
}
