package web

import (
	"net/http"
	"net/url"
	"strconv"
	"strings"

	"sprang"
	"sprang/internal/auth"
	"sprang/internal/i18n"
	"sprang/internal/store"
)

// Per-key quotas on the API tokens page: every token shows its rate limit
// and daily quota; administrators of the whole platform see every live
// token with a small form to give it its own limits (empty fields: the
// defaults). The form posts to the create route with the token's id in
// the field "limits" and the values in per_minute_<id> and per_day_<id>,
// so that each field's id is unique on the page.

// apiTokenRow is one of the user's tokens with its limits in words.
type apiTokenRow struct {
	store.APITokenEntry
	LimitsText string
}

// apiTokenLimits is one live token on an administrator's list: the
// token, its limits in words and the sections of its form.
type apiTokenLimits struct {
	store.APITokenEntry
	LimitsText string
	Form       []bSection
}

// limitForm is the values and errors of a limits form sent back after a
// mistake.
type limitForm struct {
	id   int64
	vals url.Values
	errs map[string]string // field name → text
}

// apiTokenLimitsOf fills p's tokens with their limits and, for an
// administrator, the list of every live token with its form (lf: the
// form sent back with its errors, if any).
func (s *Server) apiTokenLimitsOf(r *http.Request, v *view, acc *access, p *apiTokensPage) error {
	perMinute, perDay := s.api.TokenLimits()
	def := store.APITokenLimits{PerMinute: perMinute, PerDay: perDay}
	p.Defaults = v.T("apitokens.limits.plain", i18n.Number(v.Lang, int64(perMinute)), i18n.Number(v.Lang, int64(perDay)))
	own, err := s.auth.APITokenEntries(r.Context(), acc.User.ID)
	if err != nil {
		return err
	}
	for _, t := range own {
		p.Tokens = append(p.Tokens, apiTokenRow{APITokenEntry: t, LimitsText: limitsText(v, t.Limits, def)})
	}
	if p.Admin = auth.MaySetAPITokenLimits(acc.User, acc.Tree); !p.Admin {
		return nil
	}
	all, err := s.auth.LiveAPITokens(r.Context())
	if err != nil {
		return err
	}
	for _, t := range all {
		text := limitsText(v, t.Limits, def)
		p.All = append(p.All, apiTokenLimits{APITokenEntry: t, LimitsText: text, Form: limitsForm(v, t, text, p.limits)})
	}
	return nil
}

// limitsForm returns the sections of the limits form of token t (whose
// limits in words are text), with the values and errors of lf when it is
// t's form sent back.
func limitsForm(v *view, t store.APITokenEntry, text string, lf *limitForm) []bSection {
	id := strconv.FormatInt(t.ID, 10)
	minute, day := "per_minute_"+id, "per_day_"+id
	vals := url.Values{}
	var errs map[string]string
	if lf != nil && lf.id == t.ID {
		vals, errs = lf.vals, lf.errs
	} else {
		vals.Set(minute, limitValue(t.Limits.PerMinute))
		vals.Set(day, limitValue(t.Limits.PerDay))
	}
	f := newBForm(v, vals, errs)
	f.Sections = append(f.Sections, bSection{Legend: v.T("apitokens.limits.legend", t.Name, t.OwnerName, t.Owner),
		Hint: v.T("apitokens.limits.now", text)})
	f.number(minute, "apitokens.f.per_minute", "apitokens.h.limit", "numeric")
	f.number(day, "apitokens.f.per_day", "apitokens.h.limit", "numeric")
	f.summary()
	return f.Sections
}

// limitValue is a limit in a form field: the number, or empty for the
// default.
func limitValue(n int) string {
	if n <= 0 {
		return ""
	}
	return strconv.Itoa(n)
}

// limitsText says a token's limits lim in words: its own (each missing
// one taken from def) or the defaults def.
func limitsText(v *view, lim, def store.APITokenLimits) string {
	key := "apitokens.limits.default"
	if lim.Custom() {
		key = "apitokens.limits.own"
	}
	if lim.PerMinute <= 0 {
		lim.PerMinute = def.PerMinute
	}
	if lim.PerDay <= 0 {
		lim.PerDay = def.PerDay
	}
	return v.T(key, i18n.Number(v.Lang, int64(lim.PerMinute)), i18n.Number(v.Lang, int64(lim.PerDay)))
}

// handleAPITokenLimits sets the limits of the token with id (the field
// "limits") from the posted fields, for an administrator (anyone else
// gets a 403, the token's owner included); a value that is not a whole
// number from 1 up is shown again with its error (422), an unknown or
// revoked token is a 404. It redirects to the page with a notice.
func (s *Server) handleAPITokenLimits(w http.ResponseWriter, r *http.Request, rawID string) {
	acc, err := s.staffAccess(r)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	if !auth.MaySetAPITokenLimits(acc.User, acc.Tree) {
		s.fail(w, r, sprang.Errorf(sprang.Forbidden, "error.403.text"))
		return
	}
	id, err := strconv.ParseInt(rawID, 10, 64)
	if err != nil || id <= 0 {
		s.fail(w, r, errNoPage)
		return
	}
	v := s.view(r)
	lf := &limitForm{id: id, vals: url.Values{}, errs: map[string]string{}}
	minute, day := "per_minute_"+rawID, "per_day_"+rawID
	perMinute := parseLimit(v, lf, minute, r.PostForm.Get(minute), store.MaxAPITokenPerMinute)
	perDay := parseLimit(v, lf, day, r.PostForm.Get(day), store.MaxAPITokenPerDay)
	if len(lf.errs) == 0 {
		err = s.auth.SetAPITokenLimits(r.Context(), acc.actor(), id, perMinute, perDay)
		names := map[string]string{"per_minute": minute, "per_day": day}
		for field, key := range sprang.ErrorFields(err) {
			lf.errs[names[field]] = v.T(key)
		}
		if err != nil && sprang.ErrorKind(err) != sprang.Invalid {
			if sprang.ErrorKind(err) == sprang.NotFound {
				err = errNoPage
			}
			s.fail(w, r, err)
			return
		}
	}
	if len(lf.errs) > 0 {
		s.renderAPITokens(w, r, http.StatusUnprocessableEntity, apiTokensPage{limits: lf}, nil)
		return
	}
	http.Redirect(w, r, apiTokensPath+"?klart=granser", http.StatusSeeOther)
}

// parseLimit reads the limit in field (raw): nil when empty (the
// default), else a whole number from 1 to maxN, spaces as thousands
// separators allowed. A bad value gets an error in lf.
func parseLimit(v *view, lf *limitForm, field, raw string, maxN int) *int {
	lf.vals.Set(field, raw)
	clean := strings.Join(strings.FieldsFunc(raw, func(r rune) bool { return r == ' ' || r == '\u00a0' || r == '\u202f' }), "")
	if clean == "" {
		return nil
	}
	n, err := strconv.Atoi(clean)
	if err != nil || n < 1 || n > maxN {
		lf.errs[field] = v.T("apitokens.limits.invalid", i18n.Number(v.Lang, int64(maxN)))
		return nil
	}
	return &n
}
