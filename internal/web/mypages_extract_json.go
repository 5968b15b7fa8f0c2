package web

import (
	"encoding/json"
	"mime"
	"net/http"
	"strconv"
	"time"

	"sprang/internal/audit"
	"sprang/internal/eservice"
)

// myExtractFormat names the JSON format of the register extract. The
// field names below are stable within a format; a change that breaks a
// reader gets a new name.
const myExtractFormat = "sprang-registerutdrag/1"

// myExtractJSON is the register extract as JSON (format
// "sprang-registerutdrag/1"). Times are RFC 3339 in UTC; a time that has
// not happened is null. Labels, statuses and other texts are in the
// language named by "language"; answers are also given exactly as stored
// ("raw_answers").
type myExtractJSON struct {
	Format      string         `json:"format"`       // always "sprang-registerutdrag/1"
	GeneratedAt time.Time      `json:"generated_at"` // when the extract was taken
	Language    string         `json:"language"`     // "sv" or "en"
	Resident    jsonResident   `json:"resident"`     // who the extract is about
	Contact     *jsonContact   `json:"contact"`      // contact preferences; null when none are stored
	Sessions    []jsonSession  `json:"sessions"`     // logins that have not ended
	Errands     []jsonErrand   `json:"errands"`      // newest first
	Drafts      []jsonDraft    `json:"drafts"`       // newest first
	Logins      []jsonLogin    `json:"logins"`       // every login, newest first
	Reads       []jsonLogEntry `json:"reads"`        // every read of the resident's data by staff or the platform
	Log         []jsonLogEntry `json:"log"`          // every other audit log entry about the resident
}

// jsonResident is the resident's identity.
type jsonResident struct {
	Kind         string     `json:"kind"`         // "eid" (e-legitimation) or "email" (verified e-mail address)
	Personnummer string     `json:"personnummer"` // YYYYMMDD-NNNN; "" for e-mail residents
	GivenName    string     `json:"given_name"`
	FamilyName   string     `json:"family_name"`
	Email        string     `json:"email"`              // the login address of e-mail residents
	LoA          string     `json:"level_of_assurance"` // "loa1"…"loa4" of the latest login
	CreatedAt    time.Time  `json:"created_at"`         // first login
	LastLoginAt  *time.Time `json:"last_login_at"`
}

// jsonContact is the contact preferences.
type jsonContact struct {
	Channel   string       `json:"channel"` // "email" or "letter"
	Email     string       `json:"email"`   // where notices are mailed; may be ""
	Address   *jsonAddress `json:"address"` // null when none is given
	UpdatedAt time.Time    `json:"updated_at"`
}

// jsonAddress is a postal address.
type jsonAddress struct {
	Street   string `json:"street"`
	Postcode string `json:"postcode"` // five digits
	City     string `json:"city"`
}

// jsonSession is a login that has not ended; the token is never given.
type jsonSession struct {
	Method     string    `json:"method"` // "eid", "email", "demo-eid"
	LoA        string    `json:"level_of_assurance"`
	CreatedAt  time.Time `json:"created_at"`
	LastSeenAt time.Time `json:"last_seen_at"`
	ExpiresAt  time.Time `json:"expires_at"` // the latest it ends
}

// jsonErrand is one errand.
type jsonErrand struct {
	Reference   string              `json:"reference"`    // the resident's reference, e.g. "KX4M-7TQ9"
	DiaryNumber string              `json:"diary_number"` // the unit's registration number
	Service     string              `json:"service"`
	Unit        string              `json:"unit"`    // the organisation handling it
	Channel     string              `json:"channel"` // "digital", "paper", "phone", "visit" or "letter"
	Status      string              `json:"status"`
	SubmittedAt time.Time           `json:"submitted_at"`
	DueAt       *time.Time          `json:"due_at"`
	DecidedAt   *time.Time          `json:"decided_at"`
	ClosedAt    *time.Time          `json:"closed_at"`
	Email       string              `json:"email"`      // the address given for the receipt; may be ""
	ByLetter    bool                `json:"by_letter"`  // news is sent by post
	Anonymized  bool                `json:"anonymized"` // the personal answers were cleared after the retention time
	Answers     []jsonAnswer        `json:"answers"`
	RawAnswers  map[string][]string `json:"raw_answers"` // field name → values, as stored
	History     []jsonEvent         `json:"history"`     // oldest first, without the case officers' internal notes
	Files       []jsonFile          `json:"files"`       // the files of the answers and the history
	Letters     []jsonLetter        `json:"letters"`
}

// jsonAnswer is one answer as the resident gave it, labelled.
type jsonAnswer struct {
	Question string   `json:"question"`         // the question's label, after its group and number for repeated groups
	Value    string   `json:"value"`            // the answer as shown; a file's name; "" when unanswered
	Values   []string `json:"values,omitempty"` // every choice of a multiple-choice answer
}

// jsonEvent is one entry of an errand's history.
type jsonEvent struct {
	At         time.Time  `json:"at"`
	Kind       string     `json:"kind"`        // "submitted", "status", "message", "completion_request", "completion", "decision", "letter"
	By         string     `json:"by"`          // "resident", "staff" or "platform"
	Text       string     `json:"text"`        // the message, request, completion or decision; may be ""
	StatusFrom string     `json:"status_from"` // for changes of status; "" otherwise
	StatusTo   string     `json:"status_to"`
	Files      []jsonFile `json:"files"`
}

// jsonFile is a file: its name, type and size, not its content.
type jsonFile struct {
	Name      string `json:"name"`
	MediaType string `json:"media_type"`
	Size      int64  `json:"size"` // bytes
}

// jsonLetter is a letter posted, or to be posted, about an errand.
type jsonLetter struct {
	Kind      string     `json:"kind"` // what it carries: "message", "completion_request" or "decision"
	CreatedAt time.Time  `json:"created_at"`
	PrintedAt *time.Time `json:"printed_at"` // null until printed for posting
}

// jsonDraft is a draft: an errand begun and not (yet) submitted.
type jsonDraft struct {
	Service     string              `json:"service"`
	StartedAt   time.Time           `json:"started_at"`
	UpdatedAt   time.Time           `json:"updated_at"`
	ExpiresAt   time.Time           `json:"expires_at"`   // when its answers are deleted
	SubmittedAt *time.Time          `json:"submitted_at"` // set when it became an errand (its answers are then there)
	Answers     []jsonAnswer        `json:"answers"`
	RawAnswers  map[string][]string `json:"raw_answers"`
	Files       []jsonFile          `json:"files"`
}

// jsonLogin is one login.
type jsonLogin struct {
	At     time.Time `json:"at"`
	Method string    `json:"method"` // "eid", "email", "demo-eid"
	LoA    string    `json:"level_of_assurance"`
}

// jsonLogEntry is an entry of the audit log about the resident.
type jsonLogEntry struct {
	At         time.Time `json:"at"`
	Action     string    `json:"action"`     // e.g. "personaldata.read", "errand.read", "resident.extract"
	ActorKind  string    `json:"actor_kind"` // "staff", "resident", "system" or "anonymous"
	Actor      string    `json:"actor"`      // the staff user's username; "" for others
	ObjectType string    `json:"object_type"`
	ObjectID   string    `json:"object_id"`
	Reason     string    `json:"reason"` // why, for reads
	Detail     string    `json:"detail"`
}

// myExtractDocument builds the JSON document of the extract p.
func myExtractDocument(v *view, p *myExtractPage) myExtractJSON {
	r := p.x.Resident
	d := myExtractJSON{Format: myExtractFormat, GeneratedAt: p.Generated.UTC(), Language: string(v.Lang),
		Resident: jsonResident{Kind: string(r.Kind), Personnummer: r.Personnummer.Format(), GivenName: r.GivenName,
			FamilyName: r.FamilyName, Email: r.Email, LoA: string(r.LoA), CreatedAt: r.CreatedAt, LastLoginAt: optTime(r.LastLoginAt)},
		Sessions: []jsonSession{}, Errands: []jsonErrand{}, Drafts: []jsonDraft{}, Logins: []jsonLogin{},
		Reads: jsonLog(p.Reads), Log: jsonLog(p.Other)}
	if c := p.x.Contact; c.Channel != "" {
		d.Contact = &jsonContact{Channel: string(c.Channel), Email: c.Email, UpdatedAt: c.UpdatedAt}
		if !c.Address.IsZero() {
			d.Contact.Address = &jsonAddress{Street: c.Address.Street, Postcode: c.Address.Postcode, City: c.Address.City}
		}
	}
	for _, s := range p.Sessions {
		d.Sessions = append(d.Sessions, jsonSession{Method: s.Method, LoA: s.LoA, CreatedAt: s.CreatedAt, LastSeenAt: s.LastSeenAt, ExpiresAt: s.ExpiresAt})
	}
	for i, me := range p.Errands {
		e := p.x.Errands[i].Errand
		je := jsonErrand{Reference: me.Reference, DiaryNumber: me.DiaryNumber, Service: me.Service.Text, Unit: me.Unit.Text,
			Channel: string(me.Channel), Status: me.Status.Text, SubmittedAt: e.SubmittedAt, DueAt: optTime(e.DueAt),
			DecidedAt: optTime(e.DecidedAt), ClosedAt: optTime(e.ClosedAt), Email: e.Email, ByLetter: e.ByLetter,
			Anonymized: e.Anonymized, Answers: jsonAnswers(me.Answers), RawAnswers: rawAnswers(e.Answers),
			History: []jsonEvent{}, Files: jsonFiles(me.Files), Letters: []jsonLetter{}}
		for _, ev := range me.History {
			je.History = append(je.History, jsonEventOf(ev))
		}
		for _, l := range me.Letters {
			je.Letters = append(je.Letters, jsonLetter{Kind: string(l.EventKind), CreatedAt: l.CreatedAt, PrintedAt: optTime(l.PrintedAt)})
		}
		d.Errands = append(d.Errands, je)
	}
	for i, md := range p.Drafts {
		dr := p.x.Drafts[i].Draft
		d.Drafts = append(d.Drafts, jsonDraft{Service: md.Service.Text, StartedAt: md.Started, UpdatedAt: md.Updated,
			ExpiresAt: md.Expires, SubmittedAt: optTime(md.Submitted), Answers: jsonAnswers(md.Answers),
			RawAnswers: rawAnswers(dr.Answers), Files: jsonFiles(md.Files)})
	}
	for _, l := range p.Logins {
		d.Logins = append(d.Logins, jsonLogin(l))
	}
	return d
}

// jsonEventOf converts a history entry.
func jsonEventOf(ev myEvent) jsonEvent {
	by := "platform"
	switch {
	case ev.ByResident:
		by = "resident"
	case ev.ByUserID != 0:
		by = "staff"
	}
	je := jsonEvent{At: ev.At, Kind: string(ev.Kind), By: by, Text: ev.Body, StatusFrom: ev.From.Text, StatusTo: ev.To.Text,
		Files: jsonFiles(ev.Event.Files)}
	return je
}

// jsonAnswers converts a list of answers.
func jsonAnswers(l answerList) []jsonAnswer {
	out := []jsonAnswer{}
	for _, r := range l.Rows {
		out = append(out, jsonAnswer{Question: r.Label, Value: r.Value, Values: r.Values})
	}
	return out
}

// rawAnswers returns a as stored, never nil.
func rawAnswers(a eservice.Answers) map[string][]string {
	out := map[string][]string{}
	for k, v := range a {
		out[k] = v
	}
	return out
}

// jsonFiles converts files, never nil.
func jsonFiles(files []eservice.File) []jsonFile {
	out := []jsonFile{}
	for _, f := range files {
		out = append(out, jsonFile{Name: f.Name, MediaType: f.MediaType, Size: f.Size})
	}
	return out
}

// jsonLog converts audit entries, never nil.
func jsonLog(entries []audit.Entry) []jsonLogEntry {
	out := []jsonLogEntry{}
	for _, a := range entries {
		out = append(out, jsonLogEntry{At: a.At, Action: string(a.Action), ActorKind: string(a.ActorKind), Actor: a.ActorName,
			ObjectType: a.ObjectType, ObjectID: a.ObjectID, Reason: a.Reason, Detail: a.Detail})
	}
	return out
}

// optTime returns t, or nil for the zero time.
func optTime(t time.Time) *time.Time {
	if t.IsZero() {
		return nil
	}
	u := t.UTC()
	return &u
}

// writeExtractJSON writes doc as an indented JSON file to download under
// name. It is encoded into memory first, so a failure is a clean error
// page.
func (s *Server) writeExtractJSON(w http.ResponseWriter, r *http.Request, doc any, name string) {
	b, err := json.MarshalIndent(doc, "", "  ")
	if err != nil {
		s.fail(w, r, err)
		return
	}
	b = append(b, '\n')
	h := w.Header()
	h.Set("Content-Type", "application/json; charset=utf-8")
	h.Set("Content-Disposition", mime.FormatMediaType("attachment", map[string]string{"filename": name}))
	h.Set("Content-Length", strconv.Itoa(len(b)))
	h.Set("Cache-Control", "no-store")
	h.Set("X-Content-Type-Options", "nosniff")
	_, _ = w.Write(b)
}
