package web

import (
	"context"
	"net/http"
	"strings"
	"time"

	"sprang/internal/audit"
	"sprang/internal/eservice"
	"sprang/internal/store"
)

// The register extract (registerutdrag, GDPR art. 15): everything the
// platform holds about the resident, from store.ResidentExtract, as a
// page, as a tagged PDF and as JSON. Every one of them is audited by the
// store as resident.extract with its format.

// myExtractPath is the page of the register extract; the PDF and the
// JSON are the same path with ".pdf" and ".json".
const myExtractPath = myPagesPath + "/registerutdrag"

// myExtractPage is the register extract ready to show.
type myExtractPage struct {
	Generated time.Time
	x         store.Extract
	Resident  myExtractResident
	Contact   store.Contact
	Address   []string // the postal address's lines
	Sessions  []store.ExtractSession
	Errands   []myExtractErrand
	Drafts    []myExtractDraft
	Logins    []myLogin
	Reads     []audit.Entry // personaldata.read
	Other     []audit.Entry // every other audit entry about the resident
	PDF, JSON string
}

// myExtractResident is the resident's identity as the extract shows it:
// the personnummer in full (it is theirs).
type myExtractResident struct {
	Kind         string
	Personnummer string // YYYYMMDD-NNNN, or ""
	GivenName    string
	FamilyName   string
	Email        string
	LoA          string
	Created      time.Time
	LastLogin    time.Time
}

// myExtractErrand is one errand of the extract.
type myExtractErrand struct {
	URL         string
	Reference   string
	DiaryNumber string
	Service     unitName
	Unit        unitName
	Status      unitName
	Channel     eservice.Channel
	Submitted   time.Time
	Decided     time.Time
	Closed      time.Time
	Email       string
	ByLetter    bool
	Anonymized  bool
	Rows        []eservice.Row
	Answers     answerList
	History     []myEvent
	Files       []eservice.File
	Letters     []store.Letter
}

// myExtractDraft is one draft of the extract.
type myExtractDraft struct {
	Service   unitName
	Started   time.Time
	Updated   time.Time
	Expires   time.Time
	Submitted time.Time
	Rows      []eservice.Row
	Answers   answerList
	Files     []eservice.File
}

// myLogin is one login of the resident, from the audit log: when, how
// and at which level of assurance.
type myLogin struct {
	At     time.Time
	Method string
	LoA    string
}

// loadMyExtract takes the resident's extract (audited with format) and
// makes it ready to show in the view's language.
func (s *Server) loadMyExtract(ctx context.Context, v *view, rid int64, format string) (*myExtractPage, error) {
	x, err := s.db.ResidentExtract(ctx, rid, format)
	if err != nil {
		return nil, err
	}
	tree, err := s.auth.Tree(ctx)
	if err != nil {
		return nil, err
	}
	r := x.Resident
	p := &myExtractPage{Generated: s.db.Now(), x: x, Contact: x.Contact, Address: x.Contact.Address.Lines(), Sessions: x.Sessions,
		PDF: myExtractPath + ".pdf", JSON: myExtractPath + ".json",
		Resident: myExtractResident{Kind: string(r.Kind), Personnummer: r.Personnummer.Format(), GivenName: r.GivenName,
			FamilyName: r.FamilyName, Email: r.Email, LoA: string(r.LoA), Created: r.CreatedAt, LastLogin: r.LastLoginAt}}
	lang := string(v.Lang)
	for _, xe := range x.Errands {
		e := xe.Errand
		me := myExtractErrand{URL: myErrandURL(e.ID), Reference: e.Reference, DiaryNumber: e.DiaryNumber,
			Service: caseText(v, xe.Spec.Title), Status: caseStatusLabel(v, xe.Spec, e.Status), Channel: e.Channel,
			Submitted: e.SubmittedAt, Decided: e.DecidedAt, Closed: e.ClosedAt, Email: e.Email, ByLetter: e.ByLetter,
			Anonymized: e.Anonymized, Files: xe.Files, Letters: xe.Letters}
		if u, ok := tree.Unit(e.UnitID); ok {
			me.Unit = v.UnitName(u)
		}
		me.Rows = xe.Spec.Form.Rows(e.Answers, lang)
		me.Answers = v.AnswerList(me.Rows, fileNamesOf(xe.Files), "")
		for _, ev := range xe.History {
			me.History = append(me.History, myEventOf(v, xe.Spec, me.Unit, ev))
		}
		p.Errands = append(p.Errands, me)
	}
	for _, xd := range x.Drafts {
		d := xd.Draft
		md := myExtractDraft{Service: caseText(v, xd.Spec.Title), Started: d.StartedAt, Updated: d.UpdatedAt,
			Expires: d.ExpiresAt, Submitted: xd.SubmittedAt, Files: xd.Files}
		if len(d.Answers) > 0 {
			md.Rows = xd.Spec.Form.Rows(d.Answers, lang)
			md.Answers = v.AnswerList(md.Rows, fileNamesOf(xd.Files), "")
		}
		p.Drafts = append(p.Drafts, md)
	}
	for _, a := range x.Audit {
		switch a.Action {
		case audit.ResidentLogin:
			method, loa, _ := strings.Cut(a.Detail, " ")
			p.Logins = append(p.Logins, myLogin{At: a.At, Method: method, LoA: loa})
		case audit.PersonalDataRead:
			p.Reads = append(p.Reads, a)
		default:
			p.Other = append(p.Other, a)
		}
	}
	return p, nil
}

// fileNamesOf returns the names of files by id.
func fileNamesOf(files []eservice.File) map[int64]string {
	out := make(map[int64]string, len(files))
	for _, f := range files {
		out[f.ID] = f.Name
	}
	return out
}

// handleMyExtract shows the register extract as a page.
func (s *Server) handleMyExtract(w http.ResponseWriter, r *http.Request) {
	rid := s.residentOrLogin(w, r)
	if rid == 0 {
		return
	}
	v := s.view(r)
	p, err := s.loadMyExtract(r.Context(), v, rid, "html")
	if err != nil {
		s.fail(w, r, err)
		return
	}
	v.Title = v.T("mypages.extract.title")
	s.render(w, r, "mypages_extract", v.with(p))
}

// handleMyExtractPDF sends the register extract as a tagged PDF in the
// page's language.
func (s *Server) handleMyExtractPDF(w http.ResponseWriter, r *http.Request) {
	rid := s.residentOrLogin(w, r)
	if rid == 0 {
		return
	}
	v := s.view(r)
	p, err := s.loadMyExtract(r.Context(), v, rid, "pdf")
	if err != nil {
		s.fail(w, r, err)
		return
	}
	s.writePDF(w, r, myExtractPDF(v, p), "registerutdrag-"+p.Generated.In(stockholm).Format("2006-01-02")+".pdf")
}

// handleMyExtractJSON sends the register extract as JSON to download (see
// myExtractJSON for its fields).
func (s *Server) handleMyExtractJSON(w http.ResponseWriter, r *http.Request) {
	rid := s.residentOrLogin(w, r)
	if rid == 0 {
		return
	}
	v := s.view(r)
	p, err := s.loadMyExtract(r.Context(), v, rid, "json")
	if err != nil {
		s.fail(w, r, err)
		return
	}
	s.writeExtractJSON(w, r, myExtractDocument(v, p), "registerutdrag-"+p.Generated.In(stockholm).Format("2006-01-02")+".json")
}

// MyActionName returns what an audit action means to the resident it is
// about, or the staff name of the action (see ActionName).
func (v *view) MyActionName(a audit.Action) string {
	if key := "mypages.audit." + string(a); v.cat.Has(v.Lang, key) {
		return v.T(key)
	}
	return v.ActionName(a)
}

// MyMethod returns the name of a login method, or the method itself.
func (v *view) MyMethod(m string) string {
	if key := "mypages.method." + m; v.cat.Has(v.Lang, key) {
		return v.T(key)
	}
	return m
}
