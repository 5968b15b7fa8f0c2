package web

import (
	"net/http"
	"strconv"

	"sprang"
	"sprang/internal/eservice"
	"sprang/internal/identity"
	"sprang/internal/secret"
	"sprang/internal/store"
)

// flow is one way of filling in a service's form. A resident fills in an
// e-service online; a case officer registers an errand that came on
// paper, by phone, at a visit or by letter. Both go through the same step
// and check pages (fill_step.go, fill_check.go); the flow says where the
// pages are, who owns the draft and how the errand is submitted.
type flow struct {
	base      string // the draft's pages are under it: base+"/steg/{page}", base+"/granska"
	start     string // where the flow begins: the service page or the registration form
	owner     store.DraftOwner
	channel   eservice.Channel
	staff     *access // the case officer registering; nil for residents
	resident  int64   // the resident the errand is for (a logged-in resident, or linked by a case officer)
	saveLater bool    // the owner may save and come back later (a logged-in resident)
	draft     store.Draft
	spec      eservice.Spec
}

// The draft cookies: the random token that owns an anonymous resident's
// drafts, and the one that owns a case officer's registrations. Each is
// sent only to the pages of its flow (its Path).
const (
	draftCookieName    = "sprang_utkast"
	draftCookiePath    = "/e-tjanster"
	registerCookieName = "sprang_registrera"
	registerCookiePath = "/personal/arenden/registrera"
	registerDraftPath  = registerCookiePath + "/utkast" // + "/{draft}": the drafts' pages
	draftCookieMaxAge  = 30 * 24 * 3600
)

// Reserved answer keys of a case officer's registration draft: the
// channel, the linked resident and the case officer registering. Question
// ids start with a letter, so these never meet an answer; they are
// removed before checking and submitting (see flow.answers).
const (
	regChannelKey  = "_channel"
	regResidentKey = "_resident"
	regByKey       = "_by"
)

// regKeys are the reserved answer keys.
var regKeys = []string{regChannelKey, regResidentKey, regByKey}

// answers returns the draft's answers without the reserved keys.
func (f *flow) answers() eservice.Answers {
	a := f.draft.Answers.Clone()
	for _, k := range regKeys {
		delete(a, k)
	}
	return a
}

// withReserved returns a with the draft's reserved keys put back.
func (f *flow) withReserved(a eservice.Answers) eservice.Answers {
	for _, k := range regKeys {
		if v, ok := f.draft.Answers[k]; ok {
			a[k] = v
		}
	}
	return a
}

// stepURL returns the URL of the step showing page i.
func (f *flow) stepURL(i int) string {
	return f.base + "/steg/" + f.spec.Form.Pages[i].ID
}

// checkURL returns the URL of the check page.
func (f *flow) checkURL() string { return f.base + "/granska" }

// draftCookie returns the name of a draft cookie: behind TLS with the
// __Secure- prefix, which browsers accept only from a secure origin with
// the Secure flag (the __Host- prefix would need Path=/).
func (s *Server) draftCookie(name string) string {
	if s.cfg.Secure() {
		return "__Secure-" + name
	}
	return name
}

// cookieToken returns the value of the draft cookie name, or "".
func (s *Server) cookieToken(r *http.Request, name string) string {
	if c, err := r.Cookie(s.draftCookie(name)); err == nil {
		return c.Value
	}
	return ""
}

// ensureToken returns the browser's token in the draft cookie name at
// path, making one and setting the cookie when there is none. The cookie
// is HttpOnly, SameSite=Lax and, behind TLS, Secure.
func (s *Server) ensureToken(w http.ResponseWriter, r *http.Request, name, path string) string {
	if t := s.cookieToken(r, name); t != "" {
		return t
	}
	t := secret.Token()
	http.SetCookie(w, &http.Cookie{ //nolint:gosec // Secure whenever served over TLS (cfg.Secure); plain http only for local use
		Name: s.draftCookie(name), Value: t, Path: path, MaxAge: draftCookieMaxAge,
		HttpOnly: true, Secure: s.cfg.Secure(), SameSite: http.SameSiteLaxMode,
	})
	return t
}

// findResidentDraft returns draft id when the request owns it, and the
// owner that does: the logged-in resident, or else the browser's
// anonymous token (a draft started before logging in stays the
// browser's). NotFound otherwise.
func (s *Server) findResidentDraft(r *http.Request, id int64) (store.Draft, store.DraftOwner, error) {
	var owners []store.DraftOwner
	if rid := sessionOf(r.Context()).residentID(); rid != 0 {
		owners = append(owners, store.DraftOwner{ResidentID: rid})
	}
	if t := s.cookieToken(r, draftCookieName); t != "" {
		owners = append(owners, store.DraftOwner{Token: t})
	}
	for _, o := range owners {
		d, err := s.db.FindDraft(r.Context(), id, o)
		if sprang.ErrorKind(err) == sprang.NotFound {
			continue
		}
		return d, o, err
	}
	return store.Draft{}, store.DraftOwner{}, errNoPage
}

// residentID returns the resident of the session, or 0.
func (sess *Session) residentID() int64 {
	if sess == nil {
		return 0
	}
	return sess.ResidentID
}

// pathID reads the positive decimal path value name; anything else is
// NotFound.
func pathID(r *http.Request, name string) (int64, error) {
	id, err := strconv.ParseInt(r.PathValue(name), 10, 64)
	if err != nil || id <= 0 {
		return 0, errNoPage
	}
	return id, nil
}

// residentFlow loads the flow of a resident's draft from the URL
// /e-tjanster/{slug}/{draft}/…: the draft when the browser owns it, and
// the service version it was started on. Anything else is NotFound, so
// guessed ids reveal nothing.
func (s *Server) residentFlow(r *http.Request) (*flow, error) {
	id, err := pathID(r, "draft")
	if err != nil {
		return nil, err
	}
	d, owner, err := s.findResidentDraft(r, id)
	if err != nil {
		return nil, err
	}
	svc, err := s.db.FindServiceBySlug(r.Context(), r.PathValue("slug"))
	if err != nil {
		return nil, err
	}
	if svc.ID != d.ServiceID {
		return nil, errNoPage
	}
	spec, err := s.db.FindServiceVersion(r.Context(), d.ServiceID, d.Version)
	if err != nil {
		return nil, err
	}
	base := "/e-tjanster/" + svc.Slug + "/" + strconv.FormatInt(d.ID, 10)
	return &flow{base: base, start: "/e-tjanster/" + svc.Slug, owner: owner, channel: eservice.ChannelDigital,
		resident: d.ResidentID, saveLater: d.ResidentID != 0, draft: d, spec: spec}, nil
}

// staffFlow loads the flow of a case officer's registration from the URL
// /personal/arenden/registrera/utkast/{draft}/…: the draft when this
// browser owns it and this officer started it, and only while the officer
// may handle errands in the service's unit.
func (s *Server) staffFlow(r *http.Request) (*flow, error) {
	acc, err := s.requireAnywhere(r, identity.HandleErrands)
	if err != nil {
		return nil, err
	}
	id, err := pathID(r, "draft")
	if err != nil {
		return nil, err
	}
	owner := store.DraftOwner{Token: s.cookieToken(r, registerCookieName)}
	if owner.Token == "" {
		return nil, errNoPage
	}
	d, err := s.db.FindDraft(r.Context(), id, owner)
	if err != nil {
		return nil, err
	}
	if d.Answers.Get(regByKey) != itoa64(acc.User.ID) {
		return nil, errNoPage
	}
	spec, err := s.db.FindServiceVersion(r.Context(), d.ServiceID, d.Version)
	if err != nil {
		return nil, err
	}
	if err := acc.require(identity.HandleErrands, spec.UnitID); err != nil {
		return nil, err
	}
	resident, _ := strconv.ParseInt(d.Answers.Get(regResidentKey), 10, 64)
	base := registerDraftPath + "/" + strconv.FormatInt(d.ID, 10)
	return &flow{base: base, start: registerCookiePath, owner: owner, channel: eservice.Channel(d.Answers.Get(regChannelKey)),
		staff: acc, resident: resident, draft: d, spec: spec}, nil
}

// inFlow adapts a handler of a flow to an http.HandlerFunc that loads the
// flow with load first.
func (s *Server) inFlow(load func(*http.Request) (*flow, error), h func(http.ResponseWriter, *http.Request, *flow)) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		f, err := load(r)
		if err != nil {
			s.fail(w, r, err)
			return
		}
		h(w, r, f)
	}
}

// itoa64 formats an id in decimal.
func itoa64(id int64) string { return strconv.FormatInt(id, 10) }
