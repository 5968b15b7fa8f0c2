package eservice

import "time"

// Channel is how an errand reached the platform.
type Channel string

// The channels. Everything but Digital is registered by a case officer.
const (
	ChannelDigital Channel = "digital" // the resident filled in the e-service
	ChannelPaper   Channel = "paper"   // a paper form
	ChannelPhone   Channel = "phone"   // a phone call
	ChannelVisit   Channel = "visit"   // a visit
	ChannelLetter  Channel = "letter"  // a letter or e-mail on someone's behalf
)

// Channels lists every channel in display order.
func Channels() []Channel {
	return []Channel{ChannelDigital, ChannelPaper, ChannelPhone, ChannelVisit, ChannelLetter}
}

// Errand is one submitted case (ärende). Answers may hold personal data and
// are encrypted at rest by the store.
type Errand struct {
	ID          int64
	Reference   string // the resident's reference, e.g. "KX4M-7TQ9"
	DiaryNumber string // the unit's registration number, e.g. "SBF 2026/00042"
	ServiceID   int64
	Version     int // the version of the service it was made with
	UnitID      int64
	Channel     Channel
	ResidentID  int64 // 0 for anonymous or registered on paper without an account
	Status      string
	AssigneeID  int64 // 0 when unassigned
	Answers     Answers
	Email       string // where the receipt and notices go; may be empty
	ByLetter    bool   // the resident wants letters by post
	LegalHold   bool   // retention must not touch it
	Anonymized  bool
	SubmittedAt time.Time
	DueAt       time.Time // SubmittedAt + the service's target
	DecidedAt   time.Time // zero until decided
	ClosedAt    time.Time // zero until closed
}

// Overdue reports whether the errand has passed its due time at now without
// a decision.
func (e Errand) Overdue(now time.Time) bool {
	return e.DecidedAt.IsZero() && e.ClosedAt.IsZero() && !e.DueAt.IsZero() && now.After(e.DueAt)
}

// LeadTime returns the time from submission to decision, and false when
// there is no decision yet.
func (e Errand) LeadTime() (time.Duration, bool) {
	if e.DecidedAt.IsZero() {
		return 0, false
	}
	return e.DecidedAt.Sub(e.SubmittedAt), true
}

// EventKind names an entry of an errand's history.
type EventKind string

// The event kinds.
const (
	EventSubmitted         EventKind = "submitted"          // made, by any channel
	EventStatus            EventKind = "status"             // status changed: Data "from", "to"
	EventAssigned          EventKind = "assigned"           // assignee changed: Data "to" (user id or "")
	EventNote              EventKind = "note"               // internal note (staff only): Body
	EventMessage           EventKind = "message"            // message to or from the resident: Body
	EventCompletionRequest EventKind = "completion_request" // komplettering asked: Body
	EventCompletion        EventKind = "completion"         // the resident answered: Body
	EventDecision          EventKind = "decision"           // decided: Body is the decision text
	EventLetter            EventKind = "letter"             // a letter queued for post
	EventLegalHold         EventKind = "legal_hold"         // hold set or lifted: Data "on"
	EventRetention         EventKind = "retention"          // anonymized by the retention job
)

// Event is one entry of an errand's history: who did what, when.
type Event struct {
	ID         int64
	ErrandID   int64
	At         time.Time
	Kind       EventKind
	ByUserID   int64             // staff, or 0
	ByResident bool              // the resident
	Body       string            // message, note or decision text; encrypted at rest
	Data       map[string]string // small facts, e.g. {"from":"mottaget","to":"handlaggs"}
	Files      []File            // attachments of a message or decision
	Internal   bool              // hidden from the resident (notes)
}

// File is an uploaded file: an attachment to an answer, a message or a
// decision. The content lives in blob storage, encrypted.
type File struct {
	ID        int64
	Name      string // the name the uploader gave, shown but never trusted
	MediaType string // detected from the content
	Size      int64
	Key       string // blob key
}
