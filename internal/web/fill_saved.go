package web

import (
	"net/http"
	"time"
)

// savedPage tells a resident who chose "save and continue later" where
// the draft is kept and until when.
type savedPage struct {
	Service string
	Expires time.Time
	Resume  string // the page to continue on
}

// showSaved shows where a saved draft is kept. Only logged-in residents
// save drafts to come back to: for others the page does not exist.
func (s *Server) showSaved(w http.ResponseWriter, r *http.Request, f *flow) {
	if !f.saveLater {
		s.fail(w, r, errNoPage)
		return
	}
	v := s.view(r)
	p := savedPage{Service: f.spec.Title.In(string(v.Lang)), Expires: f.draft.ExpiresAt, Resume: f.checkURL()}
	if f.draft.Page >= 0 && f.draft.Page < len(f.spec.Form.Pages) {
		p.Resume = f.stepURL(f.draft.Page)
	}
	v.Title = v.T("fill.saved.title")
	s.render(w, r, "fill_saved", v.with(p))
}
