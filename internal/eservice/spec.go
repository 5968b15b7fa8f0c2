package eservice

import "sprang/internal/identity"

// FormatVersion names the JSON export format this package writes and reads.
const FormatVersion = "sprang-eservice/1"

// Spec is one version of an e-service: everything a resident, a case
// officer and the catalogue need to know about it. A published Spec is
// immutable; a new version is a new Spec.
type Spec struct {
	Format   string   `json:"format"`             // FormatVersion
	Slug     string   `json:"slug"`               // the URL name: [a-z0-9-]{2,60}
	Title    Text     `json:"title"`              // e.g. "Felanmälan gata och park"
	Summary  Text     `json:"summary"`            // one sentence for the catalogue
	About    Text     `json:"about,omitzero"`     // longer description (plain paragraphs)
	Category string   `json:"category"`           // a Category value
	Keywords []string `json:"keywords,omitempty"` // search words

	// UnitSlug names the owning unit on export and import; UnitID is the
	// unit on this platform (not exported).
	UnitSlug string `json:"unit"`
	UnitID   int64  `json:"-"`

	Classification Classification `json:"classification"` // 0–3
	Login          LoginRule      `json:"login"`
	Privacy        Privacy        `json:"privacy"`
	Retention      Retention      `json:"retention"`

	NeedsText      Text  `json:"needs,omitzero"`             // what you need before you start
	MinutesToFill  int   `json:"minutes_to_fill,omitempty"`  // how long filling in takes
	TargetDays     int   `json:"target_days"`                // target handling time, calendar days
	OtherChannels  Other `json:"other_channels,omitzero"`    // phone, visit, paper
	ConfirmByEmail bool  `json:"confirm_by_email,omitempty"` // ask for an address for the receipt

	Statuses []Status `json:"statuses"` // the status list errands use; see DefaultStatuses
	Form     Form     `json:"form"`
}

// Classification is the confidentiality level of a service's information,
// 0–3 in the KLASSA style. It drives the rules in Rules.
type Classification int

// The levels.
const (
	ClassPublic       Classification = 0 // no harm if disclosed
	ClassLow          Classification = 1 // some harm
	ClassSerious      Classification = 2 // serious harm: e-ID login required
	ClassVerySerious  Classification = 3 // very serious harm: e-ID at LoA3, no e-mail, no anonymous
	MaxClassification                = ClassVerySerious
)

// LoginRule says who may submit: anyone, or only residents logged in with
// e-ID at a level of assurance.
type LoginRule struct {
	Required  bool         `json:"required"`
	EID       bool         `json:"eid,omitempty"` // e-ID only: an e-mail login is not enough
	MinLoA    identity.LoA `json:"min_loa,omitempty"`
	Anonymous bool         `json:"anonymous,omitempty"` // may be submitted without logging in
}

// Privacy is the privacy notice (GDPR art. 13) shown before starting and
// printed on the receipt.
type Privacy struct {
	Purpose    Text   `json:"purpose"`
	LegalBasis Text   `json:"legal_basis"`
	Retention  Text   `json:"retention"`
	Controller string `json:"controller"` // the controller's name (personuppgiftsansvarig)
}

// RetentionAction is what gallring does to a closed errand.
type RetentionAction string

// The retention actions.
const (
	RetainAnonymize RetentionAction = "anonymize" // clear personal answers, keep the rest for statistics
	RetainDelete    RetentionAction = "delete"    // delete the errand and its files
)

// Retention is the rule the retention job applies to closed errands:
// Action, Months after closing. A legal hold on an errand stops it.
type Retention struct {
	Months int             `json:"months"` // 1–1200
	Action RetentionAction `json:"action"`
}

// Other lists the other ways to do the errand, shown on the service page.
// The blank paper form is always offered.
type Other struct {
	Phone string `json:"phone,omitempty"` // e.g. "0660-88 000"
	Visit Text   `json:"visit,omitzero"`  // where and when
	Post  Text   `json:"post,omitzero"`   // postal address for the paper form
}

// Category is a catalogue category.
type Category string

// Categories returns the catalogue categories in display order. The web
// layer translates "eservice.category.<value>".
func Categories() []Category {
	return []Category{"gata-trafik", "skola-barnomsorg", "omsorg-stod", "bygga-bo",
		"avfall-miljo", "kultur-fritid", "kommun-politik", "naringsliv"}
}
