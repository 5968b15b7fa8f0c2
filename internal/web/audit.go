package web

import (
	"context"
	"fmt"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"sprang"
	"sprang/internal/audit"
	"sprang/internal/auth"
	"sprang/internal/identity"
)

// auditActions are the actions the search form offers, in the order shown;
// later modules add theirs here. Only actions that something writes belong
// here (audit.AuditSearched does not: searches are not audited, see
// handleAudit). Entries with other actions are still found (by free text,
// for example) and shown by their code.
var auditActions = []audit.Action{
	audit.LoginSuccess, audit.LoginFailure, audit.LoginLocked, audit.Logout, audit.SessionRevokedAll,
	audit.ResidentLogin, audit.TOTPEnabled, audit.TOTPDisabled, audit.PasswordChanged,
	audit.UserCreated, audit.UserUpdated, audit.UserDisabled, audit.RoleGranted, audit.RoleRevoked,
	audit.UnitCreated, audit.UnitUpdated, audit.ConfigChanged, audit.APITokenCreated, audit.APITokenRevoked,
	audit.PersonalDataRead, audit.AuditVerified, auditJobRetried, auditJobCancelled,
	auth.SessionExtended, audit.ResidentExtract, audit.ErrandRead, audit.ErrandRegistered, audit.ErrandChanged,
	audit.ErrandRetention, audit.RetentionRun, auditServiceCreated, auditServiceImported, auditServicePublished,
	auditServiceDiscarded, auth.APITokenLimitsChanged,
	audit.DatasetCreated, audit.DatasetUpdated, audit.DatasetPublished, audit.DatasetWithdrawn,
	audit.DistributionCreated, audit.DistributionUpdated, audit.DistributionUploaded, audit.DistributionRetyped,
	audit.DatastoreCreated,
	audit.PolicyRevised, audit.IndicatorCreated, audit.IndicatorUpdated, audit.IndicatorValuesSaved,
	audit.InitiativeCreated, audit.InitiativeUpdated, audit.InitiativeBenefitRecorded, audit.InitiativeCriteriaAssessed,
	audit.MaturityQuestionsSaved, audit.MaturityAssessed, audit.CompetenceSaved,
	audit.FollowUpReportSaved, audit.FollowUpReportIssued,
}

// auditPageSize is how many entries a page of the audit log shows: the
// page is sent uncompressed (it holds personal data next to what a search
// typed), so it must stay under the page weight of 30 KB with the search
// form's list of every action.
const auditPageSize = 40

// auditFields are the search form's fields, in form order.
var auditFields = []string{"action", "actor", "object_type", "object_id", "resident", "from", "to", "text"}

// auditPage is the audit log page: the search form's choices, one page of
// entries with links to the newer and older pages, and the outcome of a
// chain verification when the URL names one (see handleAuditVerify).
type auditPage struct {
	Actions []audit.Action
	Entries []audit.Entry
	Newer   string // URL of the page of newer entries, or ""
	Older   string // URL of the page of older entries, or ""
	Verify  *verifyResult
}

// handleAudit shows the audit log search. Searching is deliberately not
// itself audited: the log holds no personal data (residents appear by
// internal id only), so a search is not a read of personal data, and
// recording every search would bury the entries that matter. Reading a
// resident's data elsewhere is audited as audit.PersonalDataRead.
func (s *Server) handleAudit(w http.ResponseWriter, r *http.Request) {
	if _, err := s.requirePlatform(r, identity.ReadAuditLog); err != nil {
		s.fail(w, r, err)
		return
	}
	q := r.URL.Query()
	vr, err := s.recordedVerification(r.Context(), q.Get("verifierad"))
	if err != nil {
		s.fail(w, r, err)
		return
	}
	s.renderAudit(w, r, q, vr)
}

// renderAudit renders the audit page for the search in q, with the outcome
// of a verification when vr is not nil.
func (s *Server) renderAudit(w http.ResponseWriter, r *http.Request, q url.Values, vr *verifyResult) {
	v := s.view(r)
	v.Title = v.T("audit.title")
	v.Form = map[string]string{}
	for _, f := range auditFields {
		v.Form[f] = strings.TrimSpace(q.Get(f))
	}
	p := auditPage{Actions: auditActions, Verify: vr}
	status := http.StatusOK
	f, err := s.auditFilter(r.Context(), v.Form, q.Get("fore"))
	if err == nil {
		err = s.findAudit(r.Context(), &p, v.Form, f)
	}
	for k, val := range v.Form { // shown again in the form: unreadable bytes become U+FFFD
		v.Form[k] = strings.ToValidUTF8(val, "\uFFFD")
	}
	if sprang.ErrorKind(err) == sprang.Invalid {
		showErrors(v, err, auditFields...)
		status = http.StatusUnprocessableEntity
	} else if err != nil {
		s.fail(w, r, err)
		return
	}
	s.renderStatus(w, r, status, "audit", v.with(p))
}

// findAudit fills p with the page of entries f selects and the paging
// links, which keep the search of form.
func (s *Server) findAudit(ctx context.Context, p *auditPage, form map[string]string, f audit.Filter) error {
	page, err := s.db.FindAuditEntries(ctx, f)
	if err != nil {
		return err
	}
	p.Entries = page.Entries
	if page.More {
		p.Older = auditURL(form, page.Next)
	}
	if f.Before <= 0 {
		return nil
	}
	top := f.Before - 1
	if len(page.Entries) > 0 {
		top = page.Entries[0].ID
	}
	newer, ok, err := s.db.AuditNewerCursor(ctx, f, top)
	if err != nil {
		return err
	}
	if ok || len(page.Entries) == 0 {
		p.Newer = auditURL(form, newer)
	}
	return nil
}

// auditURL returns the audit page's URL for the search in form and the
// paging cursor before (0: the newest page).
func auditURL(form map[string]string, before int64) string {
	q := url.Values{}
	for _, f := range auditFields {
		if form[f] != "" {
			q.Set(f, form[f])
		}
	}
	if before > 0 {
		q.Set("fore", strconv.FormatInt(before, 10))
	}
	if len(q) == 0 {
		return "/personal/logg"
	}
	return "/personal/logg?" + q.Encode()
}

// auditFilter turns the search form into a filter. It returns an Invalid
// error with one message per bad field: text that is not UTF-8 (which the
// database would refuse), an unknown username, a resident id that is not
// a positive number, a date that is not YYYY-MM-DD, or a period that ends
// before it starts.
func (s *Server) auditFilter(ctx context.Context, form map[string]string, before string) (audit.Filter, error) {
	if err := unreadableFields(form); err != nil {
		return audit.Filter{}, err
	}
	f := audit.Filter{Action: audit.Action(form["action"]), ObjectType: form["object_type"],
		ObjectID: form["object_id"], Text: form["text"], Limit: auditPageSize}
	f.Before, _ = strconv.ParseInt(before, 10, 64)
	bad := map[string]string{}
	if name := form["actor"]; name != "" {
		u, err := s.auth.UserByUsername(ctx, name)
		switch sprang.ErrorKind(err) {
		case "":
			f.ActorKind, f.ActorID = audit.Staff, u.ID
		case sprang.NotFound:
			bad["actor"] = "audit.filter.actor_unknown"
		default:
			return f, err
		}
	}
	if res := form["resident"]; res != "" {
		if id, err := strconv.ParseInt(res, 10, 64); err == nil && id > 0 {
			f.ResidentID = id
		} else {
			bad["resident"] = "audit.filter.resident_invalid"
		}
	}
	var ok bool
	if f.From, ok = parseDay(form["from"], 0); !ok {
		bad["from"] = "audit.filter.date_invalid"
	}
	if f.To, ok = parseDay(form["to"], 1); !ok {
		bad["to"] = "audit.filter.date_invalid"
	}
	if !f.From.IsZero() && !f.To.IsZero() && !f.To.After(f.From) {
		bad["to"] = "audit.filter.date_order"
	}
	return f, sprang.FieldErrors(bad)
}

// unreadableFields returns an Invalid error naming the fields of form
// whose text is not valid UTF-8, or nil when there are none.
func unreadableFields(form map[string]string) error {
	bad := map[string]string{}
	for k, val := range form {
		if !utf8.ValidString(val) {
			bad[k] = "audit.filter.unreadable"
		}
	}
	return sprang.FieldErrors(bad)
}

// parseDay parses a YYYY-MM-DD date (or YYYYMMDD, as typed on a phone's
// numeric keypad, which may lack the hyphen) as the start of that day plus
// days in Swedish local time. An empty s gives the zero time; ok is false
// when s is not a date.
func parseDay(s string, days int) (t time.Time, ok bool) {
	if s == "" {
		return time.Time{}, true
	}
	layout := time.DateOnly
	if len(s) == len("20060102") {
		layout = "20060102"
	}
	d, err := time.ParseInLocation(layout, s, stockholm)
	if err != nil {
		return time.Time{}, false
	}
	return d.AddDate(0, 0, days), true
}

// DateField is a date input of the audit search: a text input with a
// numeric keyboard and the YYYY-MM-DD hint, rather than type="date",
// whose look and keyboard use vary between browsers and screen readers
// and do not match the written format of the hint.
func (v *view) DateField(name, labelKey string) formField {
	f := field(v, name, labelKey, "audit.filter.date_hint", "text", "off")
	f.Inputmode = "numeric"
	return f
}

// stockholm is the time zone of the date fields, as of the dates shown
// (see i18n.DateTime): Europe/Stockholm, or UTC+1 without a zone database.
var stockholm = func() *time.Location {
	loc, err := time.LoadLocation("Europe/Stockholm")
	if err != nil {
		return time.FixedZone("CET", 3600)
	}
	return loc
}()

// ActionName returns the plain-words name of an audit action, or its code
// when the catalog has none.
func (v *view) ActionName(a audit.Action) string {
	key := "audit.actions." + string(a)
	if v.cat.Has(v.Lang, key) {
		return v.T(key)
	}
	return string(a)
}

// verifyResult is the outcome of a chain verification, ready to show.
type verifyResult struct {
	OK      bool
	Entries int64
	Head    audit.Head
	First   audit.Break // the first break, when not OK
	Breaks  int64       // how many breaks in all
}

func verifyResultOf(rep audit.Report) verifyResult {
	vr := verifyResult{OK: rep.OK(), Entries: rep.Entries, Head: rep.Last,
		Breaks: int64(len(rep.Breaks)) + rep.MoreBreaks}
	vr.First, _ = rep.First()
	return vr
}

// The formats of a verification's audit detail, in English for reading the
// log and regular enough for verifyResultFrom to read back. The detail
// leaves out the head hash, which the personal-data check could mistake for
// a number; the entry's object id is the head's id.
const (
	detailIntact = "intact: %d entries"
	detailBroken = "broken: %d break(s) in %d entries; first: %s %s"
	readBroken   = "broken: %d break(s) in %d entries; first: %s entry %d:"
)

// detail describes the outcome for the audit entry.
func (vr verifyResult) detail() string {
	if vr.OK {
		return fmt.Sprintf(detailIntact, vr.Entries)
	}
	return fmt.Sprintf(detailBroken, vr.Breaks, vr.Entries, vr.First.Problem, vr.First)
}

// verifyResultFrom reads the outcome back from the audit entry e of a
// verification, with head the entry the verification ended at (zero for an
// empty log). ok is false when e is not a verification it can read.
func verifyResultFrom(e, head audit.Entry) (vr verifyResult, ok bool) {
	if e.Action != audit.AuditVerified {
		return vr, false
	}
	vr.Head = audit.Head{ID: head.ID, Hash: head.Hash}
	if _, err := fmt.Sscanf(e.Detail, detailIntact, &vr.Entries); err == nil {
		vr.OK = true
		return vr, true
	}
	var problem string
	_, err := fmt.Sscanf(e.Detail, readBroken, &vr.Breaks, &vr.Entries, &problem, &vr.First.ID)
	vr.First.Problem = audit.Problem(problem)
	return vr, err == nil
}

// recordedVerification returns the outcome of the verification recorded
// as the audit entry with the id in param, for the page a verification
// redirects to; nil when param is empty or names no verification. It only
// reads: reloading the page neither verifies again nor writes an entry,
// and the outcome shown is the one in the tamper-evident log, which a
// crafted URL cannot change.
func (s *Server) recordedVerification(ctx context.Context, param string) (*verifyResult, error) {
	id, err := strconv.ParseInt(param, 10, 64)
	if err != nil || id <= 0 {
		return nil, nil
	}
	e, ok, err := s.auditEntry(ctx, id)
	if err != nil || !ok || e.Action != audit.AuditVerified {
		return nil, err
	}
	var head audit.Entry
	if headID, err := strconv.ParseInt(e.ObjectID, 10, 64); err == nil && headID > 0 {
		if head, ok, err = s.auditEntry(ctx, headID); err != nil || !ok {
			return nil, err
		}
	}
	vr, ok := verifyResultFrom(e, head)
	if !ok {
		return nil, nil
	}
	return &vr, nil
}

// auditEntry returns the audit entry with id; ok is false when there is
// none.
func (s *Server) auditEntry(ctx context.Context, id int64) (audit.Entry, bool, error) {
	p, err := s.db.FindAuditEntries(ctx, audit.Filter{Before: id + 1, Limit: 1})
	if err != nil || len(p.Entries) == 0 || p.Entries[0].ID != id {
		return audit.Entry{}, false, err
	}
	return p.Entries[0], true, nil
}

// handleAuditVerify checks the whole hash chain, records that it was
// checked and with what outcome, and redirects to the audit page with the
// id of that record (post/redirect/get), where the outcome is shown above
// the search. Carrying only the record's id keeps the redirect free of
// server-side state, and the outcome shown is read back from the log.
func (s *Server) handleAuditVerify(w http.ResponseWriter, r *http.Request) {
	if _, err := postedForm(w, r); err != nil {
		s.fail(w, r, err)
		return
	}
	acc, err := s.requirePlatform(r, identity.ReadAuditLog)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	rep, err := s.db.VerifyAudit(r.Context())
	if err != nil {
		s.fail(w, r, err)
		return
	}
	vr := verifyResultOf(rep)
	e := audit.Entry{Action: audit.AuditVerified, ObjectType: "audit_log",
		ObjectID: strconv.FormatInt(vr.Head.ID, 10), Detail: vr.detail()}
	id, err := s.appendAuditEntry(r, acc, e)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	http.Redirect(w, r, "/personal/logg?verifierad="+strconv.FormatInt(id, 10), http.StatusSeeOther)
}
