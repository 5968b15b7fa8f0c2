package eservice

// StatusKind says what a status means for the clock and for the resident.
type StatusKind string

// The status kinds. An errand starts in the one Received status.
const (
	KindReceived StatusKind = "received" // submitted, not yet handled: the clock runs
	KindOpen     StatusKind = "open"     // being handled: the clock runs
	KindWaiting  StatusKind = "waiting"  // waiting for the resident (komplettering): the clock runs
	KindDecided  StatusKind = "decided"  // a decision is made: lead time ends here
	KindClosed   StatusKind = "closed"   // closed: retention counts from here
)

// Status is one status of a service's status list, with the statuses an
// errand may move to from it.
type Status struct {
	ID    string     `json:"id"` // [a-z][a-z0-9_]{0,39}
	Label Text       `json:"label"`
	Kind  StatusKind `json:"kind"`
	Next  []string   `json:"next"` // ids of the statuses allowed after this one
}

// DefaultStatuses returns the status list new services start with:
// mottaget → under handläggning ⇄ komplettering begärd → beslutat → avslutat.
func DefaultStatuses() []Status {
	return []Status{
		{ID: "mottaget", Label: Text{SV: "Mottaget", EN: "Received"}, Kind: KindReceived,
			Next: []string{"handlaggs", "komplettering", "beslutat", "avslutat"}},
		{ID: "handlaggs", Label: Text{SV: "Under handläggning", EN: "Being handled"}, Kind: KindOpen,
			Next: []string{"komplettering", "beslutat", "avslutat"}},
		{ID: "komplettering", Label: Text{SV: "Komplettering begärd", EN: "More information requested"}, Kind: KindWaiting,
			Next: []string{"handlaggs", "beslutat", "avslutat"}},
		{ID: "beslutat", Label: Text{SV: "Beslut fattat", EN: "Decided"}, Kind: KindDecided,
			Next: []string{"avslutat"}},
		{ID: "avslutat", Label: Text{SV: "Avslutat", EN: "Closed"}, Kind: KindClosed,
			Next: nil},
	}
}
