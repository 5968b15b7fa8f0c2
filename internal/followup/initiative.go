package followup

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
