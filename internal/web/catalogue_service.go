package web

import (
	"net/http"
	"net/url"

	"sprang/internal/auth"
	"sprang/internal/eservice"
	"sprang/internal/identity"
	"sprang/internal/store"
)

// loginRule is what a service asks of a visitor before they may start:
// to be a logged-in resident, with e-ID, at a level of assurance. It
// joins the service's own login rule with its classification's rules.
type loginRule struct {
	Login  bool
	EID    bool
	MinLoA identity.LoA // "" for any level
}

// loginRuleOf returns the login rule of spec. Starting without logging in
// is allowed unless the spec requires a login (LoginRule.Required, an
// e-ID or a level) or its classification does; LoginRule.Anonymous says
// more than that — that the resident need not even give a name — which is
// the form's business, not the login's.
func loginRuleOf(spec eservice.Spec) loginRule {
	rule := eservice.Rules(spec.Classification)
	lr := loginRule{EID: spec.Login.EID || rule.EIDRequired, MinLoA: max(spec.Login.MinLoA, identity.LoA(rule.MinLoA))}
	lr.Login = spec.Login.Required || !rule.AnonymousAllow || lr.EID || lr.MinLoA != ""
	return lr
}

// meets reports whether the session may start a service with rule lr. The
// simulated e-ID of the demo counts as an e-ID at any level, in demo mode
// only.
func (s *Server) meets(sess *Session, lr loginRule) bool {
	if !lr.Login {
		return true
	}
	if !sess.Resident() {
		return false
	}
	demo := s.cfg.Demo && sess.Method == auth.MethodDemoEID
	if lr.EID && sess.Method != auth.MethodEID && !demo {
		return false
	}
	return lr.MinLoA == "" || demo || identity.LoA(sess.LoA).AtLeast(lr.MinLoA)
}

// loginURL returns the resident login page that comes back to path.
func loginURL(path string) string { return "/logga-in/invanare?next=" + url.QueryEscape(path) }

// servicePage is everything a resident should know before starting an
// e-service.
type servicePage struct {
	Title, Summary string
	About, Needs   []string
	Minutes        int
	TargetDays     int
	Unit           unitName
	Rule           loginRule
	LoA            string // the level of assurance in words, or ""
	SignedIn       bool   // the visitor meets the login rule
	Start          string // where the start form posts
	Login          string // the login page to go to first, when the visitor does not meet the rule
	Phone          string
	PhoneHref      string
	Visit, Post    []string
	BlankForm      string
	Privacy        privacyNotice
}

// privacyNotice is a service's privacy notice in the page's language.
type privacyNotice struct {
	Purpose, LegalBasis, Retention []string
	Controller                     string
}

// privacyOf returns spec's privacy notice in lang.
func privacyOf(spec eservice.Spec, lang string) privacyNotice {
	return privacyNotice{Purpose: paragraphs(spec.Privacy.Purpose.In(lang)), LegalBasis: paragraphs(spec.Privacy.LegalBasis.In(lang)),
		Retention: paragraphs(spec.Privacy.Retention.In(lang)), Controller: spec.Privacy.Controller}
}

// handleService shows the page of a published e-service.
func (s *Server) handleService(w http.ResponseWriter, r *http.Request) {
	svc, spec, err := s.publishedService(r)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	tree, err := s.auth.Tree(r.Context())
	if err != nil {
		s.fail(w, r, err)
		return
	}
	v := s.view(r)
	lang := string(v.Lang)
	base := "/e-tjanster/" + svc.Slug
	p := servicePage{Title: spec.Title.In(lang), Summary: spec.Summary.In(lang), About: paragraphs(spec.About.In(lang)),
		Needs: paragraphs(spec.NeedsText.In(lang)), Minutes: spec.MinutesToFill, TargetDays: spec.TargetDays,
		Rule: loginRuleOf(spec), Start: base + "/starta", Phone: spec.OtherChannels.Phone, PhoneHref: telURI(spec.OtherChannels.Phone),
		Visit: paragraphs(spec.OtherChannels.Visit.In(lang)), Post: paragraphs(spec.OtherChannels.Post.In(lang)),
		BlankForm: base + "/blankett.pdf", Privacy: privacyOf(spec, lang)}
	if u, ok := tree.Unit(svc.UnitID); ok {
		p.Unit = v.UnitName(u)
	}
	if p.Rule.MinLoA != "" {
		p.LoA = v.T("service.loa." + string(p.Rule.MinLoA))
	}
	p.SignedIn = s.meets(v.Session, p.Rule)
	if !p.SignedIn {
		p.Login = loginURL(base)
	}
	v.Title = p.Title
	s.render(w, r, "service", v.with(p))
}

// handleServiceFile serves the files under a service's page: the blank
// paper form (blankett.pdf). Other names are not found.
func (s *Server) handleServiceFile(w http.ResponseWriter, r *http.Request) {
	if r.PathValue("file") != "blankett.pdf" {
		s.fail(w, r, errNoPage)
		return
	}
	s.handleBlankForm(w, r)
}

// handleStart starts filling in an e-service: a draft owned by the
// logged-in resident or, where the service allows anonymous errands, by a
// random token in a cookie of this browser (counted against the client's
// limit). A visitor who must log in first is sent to the login, which
// returns to the service page.
func (s *Server) handleStart(w http.ResponseWriter, r *http.Request) {
	svc, spec, err := s.publishedService(r)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	sess := sessionOf(r.Context())
	if !s.meets(sess, loginRuleOf(spec)) {
		http.Redirect(w, r, loginURL("/e-tjanster/"+svc.Slug), http.StatusSeeOther)
		return
	}
	owner := store.DraftOwner{ResidentID: sess.residentID()}
	if owner.ResidentID == 0 {
		if err := s.throttleAnonymous(r, throttleStart); err != nil {
			s.tooMany(w, r, err)
			return
		}
		owner.Token = s.ensureToken(w, r, draftCookieName, draftCookiePath)
	}
	d, err := s.db.StartDraft(r.Context(), store.Draft{ServiceID: svc.ID, Version: svc.Published,
		Answers: eservice.Answers{}, Page: firstPage(spec.Form)}, owner)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	f := &flow{base: "/e-tjanster/" + svc.Slug + "/" + itoa64(d.ID), spec: spec}
	http.Redirect(w, r, f.firstURL(), http.StatusSeeOther)
}

// firstPage returns the first page shown before any answer.
func firstPage(form eservice.Form) int {
	if vis := form.VisiblePages(eservice.Answers{}); len(vis) > 0 {
		return vis[0]
	}
	return 0
}

// firstURL returns the first step of the flow, or the check page for a
// form with no visible page.
func (f *flow) firstURL() string {
	if vis := f.spec.Form.VisiblePages(eservice.Answers{}); len(vis) > 0 {
		return f.stepURL(vis[0])
	}
	return f.checkURL()
}
