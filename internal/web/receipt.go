package web

import (
	"net/http"
	"time"

	"sprang"
	"sprang/internal/eservice"
	"sprang/internal/store"
)

// receiptPage is the receipt of a submitted errand: the reference, what
// happens next and the answers.
type receiptPage struct {
	Reference   string
	DiaryNumber string
	Service     string
	Unit        unitName
	Submitted   time.Time
	Due         time.Time
	TargetDays  int
	Email       bool // a receipt was mailed to the address given
	Anonymous   bool // not linked to a resident: this browser is the only way back to it
	Answers     answerList
	PDF         string
}

// ownErrand returns the errand named by the {ref} path value and the
// service version it was made with, when the request may see it: the
// logged-in resident whose errand it is, or the browser that submitted it
// anonymously (see submittedHere). Anyone else gets NotFound, as for an
// unknown reference.
func (s *Server) ownErrand(r *http.Request) (eservice.Errand, eservice.Spec, error) {
	ref := r.PathValue("ref")
	id, err := s.db.FindErrandByReference(r.Context(), ref)
	if err != nil {
		return eservice.Errand{}, eservice.Spec{}, err
	}
	e, err := s.readOwnErrand(r, id, ref)
	if err != nil {
		return eservice.Errand{}, eservice.Spec{}, err
	}
	spec, err := s.db.FindServiceVersion(r.Context(), e.ServiceID, e.Version)
	return e, spec, err
}

// readOwnErrand reads errand id (reference ref) as its resident, or for
// the browser that submitted it anonymously as the platform (audited as a
// read by the system, with the reason saying why).
func (s *Server) readOwnErrand(r *http.Request, id int64, ref string) (eservice.Errand, error) {
	if rid := sessionOf(r.Context()).residentID(); rid != 0 {
		e, err := s.db.ReadErrand(r.Context(), id, store.ErrandReader{ResidentID: rid})
		if sprang.ErrorKind(err) != sprang.NotFound {
			return e, err
		}
	}
	if !s.submittedHere(r, ref) {
		return eservice.Errand{}, errNoPage
	}
	e, err := s.db.ReadErrand(r.Context(), id, store.ErrandReader{System: true,
		Reason: "Kvittot visas i webbläsaren som lämnade in ärendet"})
	if err != nil {
		return eservice.Errand{}, err
	}
	if e.ResidentID != 0 || e.Channel != eservice.ChannelDigital {
		return eservice.Errand{}, errNoPage
	}
	return e, nil
}

// handleReceipt shows the receipt of an errand to its owner.
func (s *Server) handleReceipt(w http.ResponseWriter, r *http.Request) {
	e, spec, err := s.ownErrand(r)
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
	rows := spec.Form.Rows(e.Answers, lang)
	p := receiptPage{Reference: e.Reference, DiaryNumber: e.DiaryNumber, Service: spec.Title.In(lang),
		Submitted: e.SubmittedAt, Due: e.DueAt, TargetDays: spec.TargetDays, Email: e.Email != "",
		Anonymous: e.ResidentID == 0, PDF: receiptURL(e.Reference) + "/kvitto.pdf",
		Answers: v.AnswerList(rows, s.fileNames(r.Context(), rows), "")}
	if u, ok := tree.Unit(e.UnitID); ok {
		p.Unit = v.UnitName(u)
	}
	v.Title = v.T("receipt.title") + " " + e.Reference
	s.render(w, r, "receipt", v.with(p))
}

// handleReceiptPDF sends the receipt of an errand to its owner as a
// tagged PDF in the page's language.
func (s *Server) handleReceiptPDF(w http.ResponseWriter, r *http.Request) {
	e, spec, err := s.ownErrand(r)
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
	unit := ""
	if u, ok := tree.Unit(e.UnitID); ok {
		unit = v.UnitName(u).Text
	}
	rows := spec.Form.Rows(e.Answers, string(v.Lang))
	s.writePDF(w, r, receiptPDF(v, e, spec, unit, rows, s.fileNames(r.Context(), rows)), "kvitto-"+e.Reference+".pdf")
}
