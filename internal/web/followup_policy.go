package web

import (
	"net/http"
	"strconv"

	"sprang"
	"sprang/internal/followup"
	"sprang/internal/identity"
)

// The policy's pages: the policy in force for everyone
// (/uppfoljning/policy); for staff with ViewFollowUp the policy with its
// history of revisions (/personal/policy) and each revision with what
// changed since the one before (/personal/policy/versioner/{n}); for staff
// with ManageFollowUp anywhere (the development department, administrators)
// the form that makes a new revision (/personal/policy/redigera). The
// policy is the whole group's, so one grant of ManageFollowUp in any unit
// is enough to revise it.

// policyStaffPath is the staff page of the policy.
const policyStaffPath = "/personal/policy"

// policyPublicPage is what the public policy page shows.
type policyPublicPage struct {
	Doc *policyDoc // nil: no revision yet
}

// policyStaffPage is what the staff policy page shows.
type policyStaffPage struct {
	Doc       *policyDoc
	History   []followup.Revision
	CanManage bool
}

// policyRevisionPage is what a revision's page shows.
type policyRevisionPage struct {
	Rev       followup.Revision
	Doc       policyDoc
	Diff      *policyDiffView // nil for the first revision
	Latest    bool
	Done      string
	CanManage bool
}

func (s *Server) handlePolicyPublic(w http.ResponseWriter, r *http.Request) {
	v := s.view(r).impersonal()
	p := policyPublicPage{}
	rev, err := s.db.CurrentPolicy(r.Context())
	switch sprang.ErrorKind(err) {
	case "":
		doc := s.policyDocOf(r.Context(), v, rev, false, 2)
		p.Doc = &doc
	case sprang.NotFound:
	default:
		s.fail(w, r, err)
		return
	}
	v.Title = v.T("followup.policy.title")
	s.render(w, r, "policy_public", v.with(p))
}

func (s *Server) handlePolicyStaff(w http.ResponseWriter, r *http.Request) {
	acc, err := s.requireAnywhere(r, identity.ViewFollowUp)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	v := s.view(r).impersonal()
	p := policyStaffPage{CanManage: acc.CanAnywhere(identity.ManageFollowUp)}
	rev, err := s.db.CurrentPolicy(r.Context())
	switch sprang.ErrorKind(err) {
	case "":
		doc := s.policyDocOf(r.Context(), v, rev, true, 2)
		p.Doc = &doc
	case sprang.NotFound:
	default:
		s.fail(w, r, err)
		return
	}
	if p.History, err = s.db.PolicyRevisions(r.Context()); err != nil {
		s.fail(w, r, err)
		return
	}
	v.Title = v.T("followup.policy.staff.title")
	s.render(w, r, "policy_staff", v.with(p))
}

func (s *Server) handlePolicyRevision(w http.ResponseWriter, r *http.Request) {
	acc, err := s.requireAnywhere(r, identity.ViewFollowUp)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	n, err := strconv.Atoi(r.PathValue("n"))
	if err != nil || n < 1 {
		s.fail(w, r, errNoPage)
		return
	}
	rev, err := s.db.PolicyRevision(r.Context(), n)
	if sprang.ErrorKind(err) == sprang.NotFound {
		err = errNoPage
	}
	if err != nil {
		s.fail(w, r, err)
		return
	}
	v := s.view(r).impersonal()
	p := policyRevisionPage{Rev: rev, Doc: s.policyDocOf(r.Context(), v, rev, true, 3), CanManage: acc.CanAnywhere(identity.ManageFollowUp)}
	if n > 1 {
		prev, err := s.db.PolicyRevision(r.Context(), n-1)
		if err != nil {
			s.fail(w, r, err)
			return
		}
		d := policyDiffOf(v, followup.DiffRevisions(prev, rev))
		p.Diff = &d
	}
	cur, err := s.db.CurrentPolicy(r.Context())
	if err != nil {
		s.fail(w, r, err)
		return
	}
	p.Latest = cur.Number == rev.Number
	if r.URL.Query().Get("klart") == "sparad" {
		p.Done = v.T("followup.policy.done.saved", rev.Number)
	}
	v.Title = v.T("followup.policy.revision.title", rev.Number)
	s.render(w, r, "policy_revision", v.with(p))
}

func (s *Server) handlePolicyEdit(w http.ResponseWriter, r *http.Request) {
	if _, err := s.requireAnywhere(r, identity.ManageFollowUp); err != nil {
		s.fail(w, r, err)
		return
	}
	v := s.view(r)
	rev, err := s.db.CurrentPolicy(r.Context())
	switch sprang.ErrorKind(err) {
	case "":
	case sprang.NotFound:
		rev = followup.Revision{Sections: policySkeletonIn(v)}
	default:
		s.fail(w, r, err)
		return
	}
	base := rev.Number
	rev.Reason = ""
	s.renderPolicyEdit(w, r, v, http.StatusOK, rev, base, nil)
}

func (s *Server) handlePolicyEditPost(w http.ResponseWriter, r *http.Request) {
	acc, err := s.requireAnywhere(r, identity.ManageFollowUp)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	vals, err := postedPolicyForm(w, r)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	v := s.view(r)
	rev, base := policyFromForm(vals)
	rev.AuthorID = acc.User.ID
	saved, err := s.db.SavePolicyRevision(r.Context(), rev, base)
	switch sprang.ErrorKind(err) {
	case "":
		http.Redirect(w, r, policyStaffPath+"/versioner/"+strconv.Itoa(saved.Number)+"?klart=sparad", http.StatusSeeOther)
	case sprang.Invalid:
		if len(sprang.ErrorFields(err)) == 0 {
			s.fail(w, r, err)
			return
		}
		shown := rev.Normalize()
		s.renderPolicyEdit(w, r, v, http.StatusUnprocessableEntity, shown, base, policyErrors(v, shown, err))
	case sprang.Conflict:
		s.renderPolicyConflict(w, r, v, rev.Normalize())
	default:
		s.fail(w, r, err)
	}
}

// renderPolicyConflict shows the form again with what was sent, saying
// that another revision was saved since the editor began; the form now
// starts from that revision, so saving again makes the next one.
func (s *Server) renderPolicyConflict(w http.ResponseWriter, r *http.Request, v *view, rev followup.Revision) {
	cur, err := s.db.CurrentPolicy(r.Context())
	if err != nil && sprang.ErrorKind(err) != sprang.NotFound {
		s.fail(w, r, err)
		return
	}
	v.Errors = []fieldError{{Field: "konflikt", Message: v.T("followup.policy.e.conflict", cur.Number)}}
	s.renderPolicyEdit(w, r, v, http.StatusConflict, rev, cur.Number, nil)
}

// renderPolicyEdit renders the form for rev (its reason included), made
// from revision base, with the errors errs (field → text).
func (s *Server) renderPolicyEdit(w http.ResponseWriter, r *http.Request, v *view, status int, rev followup.Revision, base int, errs map[string]string) {
	conflict := len(v.Errors) > 0
	p := policyForm(v, rev, errs)
	p.Base, p.Conflict = base, conflict
	v.Title = v.T("followup.policy.edit.title")
	w.Header().Set("Cache-Control", "no-store")
	s.renderStatus(w, r, status, "policy_edit", v.impersonal().with(p))
}
