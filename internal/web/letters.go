package web

import (
	"bytes"
	"context"
	"net/http"
	"strconv"
	"strings"

	"sprang"
	"sprang/internal/audit"
	"sprang/internal/eservice"
	"sprang/internal/i18n"
	"sprang/internal/identity"
	"sprang/internal/pdf"
	"sprang/internal/store"
)

// errNoLetter is the error for a letter that does not exist or lies
// outside the units where the user may handle errands: the same 404.
var errNoLetter = sprang.Errorf(sprang.NotFound, "case.letters.not_found")

// lettersPage is the letter queue: the letters to print and post to
// residents who asked for letters, in the units where the user may
// handle errands, oldest first.
type lettersPage struct {
	Letters []letterRow
	Done    bool // a letter was just marked printed
}

// letterRow is one queued letter, ready to show.
type letterRow struct {
	store.Letter
	Unit identity.Unit
}

// handleLetters shows the letter queue. It holds nothing personal: the
// name, address and text are only in the PDF, whose every print is
// audited.
func (s *Server) handleLetters(w http.ResponseWriter, r *http.Request) {
	acc, err := s.requireAnywhere(r, identity.HandleErrands)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	letters, err := s.db.LetterQueue(r.Context(), identity.UnitsWhere(acc.User.Principal(), identity.HandleErrands, acc.Tree))
	if err != nil {
		s.fail(w, r, err)
		return
	}
	p := lettersPage{Done: r.URL.Query().Get("gjort") == "utskrivet"}
	for _, l := range letters {
		u, _ := acc.Tree.Unit(l.UnitID)
		p.Letters = append(p.Letters, letterRow{Letter: l, Unit: u})
	}
	v := s.view(r)
	v.Title = v.T("case.letters.title")
	s.render(w, r, "letters", v.with(p))
}

// letterAccess returns the staff user's access and the letter with id,
// when they may handle errands in its unit; errNoLetter otherwise.
func (s *Server) letterAccess(r *http.Request, id int64) (*access, store.Letter, error) {
	acc, err := s.staffAccess(r)
	if err != nil {
		return nil, store.Letter{}, err
	}
	l, err := s.db.FindLetter(r.Context(), id)
	if sprang.ErrorKind(err) == sprang.NotFound || (err == nil && !acc.Can(identity.HandleErrands, l.UnitID)) {
		return nil, store.Letter{}, errNoLetter
	}
	return acc, l, err
}

// handleLetterPDF sends letter {name} ("<id>.pdf") as a tagged PDF to
// print. Reading the errand and the resident's name is audited with the
// reason that a letter is printed.
func (s *Server) handleLetterPDF(w http.ResponseWriter, r *http.Request) {
	id, err := strconv.ParseInt(strings.TrimSuffix(r.PathValue("name"), ".pdf"), 10, 64)
	if err != nil || id <= 0 || !strings.HasSuffix(r.PathValue("name"), ".pdf") {
		s.fail(w, r, errNoLetter)
		return
	}
	acc, l, err := s.letterAccess(r, id)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	doc, err := s.letterDocument(r.Context(), acc, l)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	var buf bytes.Buffer
	if _, err := doc.WriteTo(&buf); err != nil {
		s.fail(w, r, err)
		return
	}
	h := w.Header()
	h.Set("Content-Type", "application/pdf")
	h.Set("Content-Disposition", `inline; filename="brev-`+strconv.FormatInt(l.ID, 10)+`.pdf"`)
	h.Set("Content-Length", strconv.Itoa(buf.Len()))
	h.Set("Cache-Control", "no-store")
	_, _ = w.Write(buf.Bytes())
}

// handleLetterPrinted marks letter {id} printed, which takes it out of the
// queue and tells the resident (in the errand's history) that a letter is
// on its way.
func (s *Server) handleLetterPrinted(w http.ResponseWriter, r *http.Request) {
	if _, err := postedForm(w, r); err != nil {
		s.fail(w, r, err)
		return
	}
	id, ok := casePathID(r, "id")
	if !ok {
		s.fail(w, r, errNoLetter)
		return
	}
	acc, l, err := s.letterAccess(r, id)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	err = s.db.MarkLetterPrinted(r.Context(), l.ID, acc.User.ID)
	if sprang.ErrorKind(err) == sprang.Conflict {
		err = sprang.Errorf(sprang.Conflict, "case.letters.already_printed")
	}
	if err != nil {
		s.fail(w, r, err)
		return
	}
	http.Redirect(w, r, "/personal/brev?gjort=utskrivet", http.StatusSeeOther)
}

// letterDocument builds the letter l in Swedish: the sending unit, the
// resident's name and postal address when known (letterRecipientOf), the date, the errand's
// reference and diary number, and the text of the message, request or
// decision with the names of its attachments (printed separately).
func (s *Server) letterDocument(ctx context.Context, acc *access, l store.Letter) (pdf.Document, error) {
	reason := "Utskrift av brev i ärende " + l.DiaryNumber
	e, err := s.db.ReadErrand(ctx, l.ErrandID, store.ErrandReader{UserID: acc.User.ID, UserName: acc.User.Username, Reason: reason})
	if err != nil {
		return pdf.Document{}, err
	}
	spec, err := s.db.FindServiceVersion(ctx, e.ServiceID, e.Version)
	if err != nil {
		return pdf.Document{}, err
	}
	ev, err := s.letterEvent(ctx, l)
	if err != nil {
		return pdf.Document{}, err
	}
	name, address, err := s.letterRecipientOf(ctx, acc, e, spec, reason)
	if err != nil {
		return pdf.Document{}, err
	}
	unit, _ := acc.Tree.Unit(l.UnitID)
	lt := letterText{cat: s.cat}
	heading := lt.t("case.letter.heading." + string(ev.Kind))
	d := pdf.Document{Title: lt.t("case.letter.title", l.DiaryNumber), Lang: "sv-SE", Author: unit.NameSV,
		Subject: heading, Created: s.db.Now()}
	d.Blocks = append(d.Blocks, pdf.Block{Kind: pdf.Small, Text: lt.t("case.letter.from", unit.NameSV)})
	d.Blocks = append(d.Blocks, letterRecipient(lt, name, address)...)
	d.Blocks = append(d.Blocks,
		pdf.Block{Kind: pdf.Field, Label: lt.t("case.letter.date"), Text: i18n.Date(i18n.Swedish, s.db.Now())},
		pdf.Block{Kind: pdf.Field, Label: lt.t("case.letter.service"), Text: spec.Title.SV},
		pdf.Block{Kind: pdf.Field, Label: lt.t("case.letter.reference"), Text: l.Reference},
		pdf.Block{Kind: pdf.Field, Label: lt.t("case.letter.diary"), Text: l.DiaryNumber},
		pdf.Block{Kind: pdf.H1, Text: heading})
	for _, para := range strings.Split(strings.ReplaceAll(ev.Body, "\r\n", "\n"), "\n\n") {
		if para = strings.TrimSpace(para); para != "" {
			d.Blocks = append(d.Blocks, pdf.Block{Text: para})
		}
	}
	if len(ev.Files) > 0 {
		b := pdf.Block{Kind: pdf.List, Label: lt.t("case.letter.attachments")}
		for _, f := range ev.Files {
			b.Items = append(b.Items, f.Name)
		}
		d.Blocks = append(d.Blocks, b)
	}
	d.Blocks = append(d.Blocks,
		pdf.Block{Text: lt.t("case.letter.answer", strings.TrimRight(s.cfg.BaseURL, "/")+"/mina-sidor", l.Reference)},
		pdf.Block{Text: lt.t("case.letter.regards") + "\n" + unit.NameSV})
	return d, nil
}

// letterEvent returns the event letter l carries, from the history the
// resident sees.
func (s *Server) letterEvent(ctx context.Context, l store.Letter) (eservice.Event, error) {
	events, err := s.db.ErrandHistory(ctx, l.ErrandID, true)
	if err != nil {
		return eservice.Event{}, err
	}
	for _, ev := range events {
		if ev.ID == l.EventID {
			return ev, nil
		}
	}
	return eservice.Event{}, errNoLetter
}

// letterRecipientOf returns the name and postal address letter for errand
// e go to: the resident's name (ReadResident) and the postal address of
// their contact preferences (ReadResidentContact), both audited with
// reason, or else the address the answers give (see letterAddress). Either
// may be unknown: an errand registered for someone without an account has
// no name the platform knows.
func (s *Server) letterRecipientOf(ctx context.Context, acc *access, e eservice.Errand, spec eservice.Spec, reason string) (string, []string, error) {
	if e.ResidentID == 0 {
		return "", letterAddress(spec, e.Answers), nil
	}
	by := store.Reader{ActorKind: audit.Staff, ActorID: acc.User.ID, ActorName: acc.User.Username, Reason: reason}
	res, err := s.db.ReadResident(ctx, e.ResidentID, by)
	if err != nil {
		return "", nil, err
	}
	c, err := s.db.ReadResidentContact(ctx, e.ResidentID, by)
	if err != nil {
		return "", nil, err
	}
	if c.Address.Complete() {
		return res.Name(), c.Address.Lines(), nil
	}
	return res.Name(), letterAddress(spec, e.Answers), nil
}

// letterAddressIDs are the ids of the address questions taken as the
// resident's own postal address, in order of preference: services that
// want to answer by letter ask for it under one of these ids. Other
// address questions (a place to fix, a neighbour) are never used.
var letterAddressIDs = []string{"postadress", "adress"} //nolint:misspell // Swedish question ids

// letterAddress returns the lines of the resident's postal address from
// the answers, or nil when the service does not ask for it or it was not
// given: the fallback for residents without a postal address in their
// contact preferences.
func letterAddress(spec eservice.Spec, a eservice.Answers) []string {
	for _, id := range letterAddressIDs {
		q, ok := spec.Form.Question(id)
		if !ok || q.Type != eservice.TypeAddress {
			continue
		}
		street := strings.TrimSpace(a.Get(id + ".street"))
		city := strings.TrimSpace(a.Get(id+".postcode") + " " + a.Get(id+".city"))
		if street != "" && city != "" {
			return []string{street, city}
		}
	}
	return nil
}

// letterRecipient returns the recipient blocks: name and address, and
// ruled lines to write the address on by hand when it is not known.
func letterRecipient(lt letterText, name string, address []string) []pdf.Block {
	if len(address) > 0 {
		lines := address
		if name != "" {
			lines = append([]string{name}, address...)
		}
		return []pdf.Block{{Kind: pdf.Field, Label: lt.t("case.letter.to"), Text: strings.Join(lines, "\n")}}
	}
	var out []pdf.Block
	if name != "" {
		out = append(out, pdf.Block{Kind: pdf.Field, Label: lt.t("case.letter.to"), Text: name})
	}
	return append(out, pdf.Block{Kind: pdf.Blank, Label: lt.t("case.letter.to_unknown"), Lines: 3})
}

// letterText translates the letter's texts, which are always Swedish.
type letterText struct{ cat *i18n.Catalog }

func (lt letterText) t(key string, args ...any) string { return lt.cat.T(i18n.Swedish, key, args...) }
