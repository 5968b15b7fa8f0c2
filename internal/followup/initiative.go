package followup

import (
	"time"
)

// InitiativeStatus is where a digitalization initiative stands.
type InitiativeStatus string

// The statuses of an initiative, in the order an initiative moves
// through them (Closed and Stopped both end it).
const (
	StatusIdea       InitiativeStatus = "idea"       // idé
	StatusPreStudy   InitiativeStatus = "prestudy"   // förstudie
	StatusOngoing    InitiativeStatus = "ongoing"    // pågående
	StatusIntroduced InitiativeStatus = "introduced" // införd
	StatusClosed     InitiativeStatus = "closed"     // avslutad
	StatusStopped    InitiativeStatus = "stopped"    // stoppad
)

// InitiativeStatuses returns every status in order.
func InitiativeStatuses() []InitiativeStatus {
	return []InitiativeStatus{StatusIdea, StatusPreStudy, StatusOngoing, StatusIntroduced, StatusClosed, StatusStopped}
}

// Valid reports whether s is one of InitiativeStatuses.
func (s InitiativeStatus) Valid() bool {
	for _, x := range InitiativeStatuses() {
		if s == x {
			return true
		}
	}
	return false
}

// Initiative is one digitalization initiative of the group's portfolio:
// who owns it and takes part, which perspectives and Agenda 2030 goals it
// serves, where it stands, what it costs and should bring (the benefit
// hypothesis and the indicators it should move), the benefits it has
// realized over time (nyttorealisering), the supplier of a bought service
// with its sustainability criteria, and the e-services and datasets it
// produced.
//
// ContactEmail is personal data of a member of staff: the store keeps it
// encrypted, as it does users' e-mail addresses. ContactName is kept
// readable, as staff display names are.
type Initiative struct {
	ID                 int64
	Title              string
	Description        string
	OwnerUnitID        int64
	ContactName        string
	ContactEmail       string
	ParticipantUnitIDs []int64 // other units taking part, the owner not among them
	Perspectives       []Perspective
	Goals              []int // Agenda 2030 goals, 1–17 (SDGs)
	Status             InitiativeStatus
	Start              time.Time // a date (midnight UTC); zero when not known yet
	End                time.Time // a date; zero when open-ended
	BudgetSEK          float64
	BenefitHypothesis  string
	Indicators         []string // keys of the indicators it should move
	Benefits           []Benefit
	Supplier           *Supplier // nil unless it buys a digital service
	ServiceIDs         []int64   // e-services it produced
	DatasetIDs         []string  // datasets it produced
	CreatedAt          time.Time
	UpdatedAt          time.Time
}

// Benefit is one realized benefit of an initiative, recorded when it was
// seen: what it was, its yearly value in kronor (0 when not valued in
// money) and the indicator that shows it, if any.
type Benefit struct {
	ID           int64
	Date         time.Time // the day it was realized (midnight UTC)
	Description  string
	ValueSEK     float64 // kronor per year; 0 when not valued
	IndicatorKey string  // "" when no indicator shows it
	RecordedByID int64   // the staff user who recorded it
	RecordedBy   string  // their display name, as read back
}

// BenefitSum returns the sum of the initiative's benefits valued in
// kronor per year.
func (ini Initiative) BenefitSum() float64 {
	var sum float64
	for _, b := range ini.Benefits {
		sum += b.ValueSEK
	}
	return sum
}

// Involves reports whether the unit owns the initiative or takes part in
// it.
func (ini Initiative) Involves(unitID int64) bool {
	if ini.OwnerUnitID == unitID {
		return true
	}
	for _, id := range ini.ParticipantUnitIDs {
		if id == unitID {
			return true
		}
	}
	return false
}

// InitiativeFilter selects initiatives; a zero field selects all. UnitID
// selects those the unit owns or takes part in; Year those running at
// some time of the year (started by its end, and not ended before its
// start; an initiative without a start date counts from when it was
// made).
type InitiativeFilter struct {
	Status      InitiativeStatus
	UnitID      int64
	Perspective Perspective
	Year        int
}

// Match reports whether ini passes the filter.
func (f InitiativeFilter) Match(ini Initiative) bool {
	if f.Status != "" && ini.Status != f.Status {
		return false
	}
	if f.UnitID != 0 && !ini.Involves(f.UnitID) {
		return false
	}
	if f.Perspective != "" && !iniHasPerspective(ini.Perspectives, f.Perspective) {
		return false
	}
	return f.Year == 0 || ini.RunsIn(f.Year)
}

// RunsIn reports whether the initiative runs at some time of year y.
func (ini Initiative) RunsIn(y int) bool {
	start := ini.Start
	if start.IsZero() {
		start = ini.CreatedAt
	}
	if !start.IsZero() && start.Year() > y {
		return false
	}
	return ini.End.IsZero() || ini.End.Year() >= y
}

// iniHasPerspective reports whether ps holds p.
func iniHasPerspective(ps []Perspective, p Perspective) bool {
	for _, q := range ps {
		if q == p {
			return true
		}
	}
	return false
}
