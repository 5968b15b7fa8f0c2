package followup

import "time"

// Supplier is the supplier of a digital service an initiative buys, with
// the sustainability criteria the policy names, as assessed.
type Supplier struct {
	Name      string
	OrgNumber string // organisationsnummer NNNNNN-NNNN; "" for a foreign supplier without one
	Criteria  []Criterion
}

// CriterionKind is one of the policy's sustainability criteria for
// suppliers of digital services.
type CriterionKind string

// The criteria: the social ones (working conditions and working hours at
// the supplier and its subcontractors) and the ecological one
// (environmental demands on the service: energy, hardware, transport).
const (
	CriterionWorkingConditions CriterionKind = "social-working-conditions"
	CriterionWorkingHours      CriterionKind = "social-working-hours"
	CriterionEnvironment       CriterionKind = "ecological-environment"
)

// CriterionKinds returns the criteria in the order pages show them.
func CriterionKinds() []CriterionKind {
	return []CriterionKind{CriterionWorkingConditions, CriterionWorkingHours, CriterionEnvironment}
}

// Valid reports whether k is one of CriterionKinds.
func (k CriterionKind) Valid() bool {
	for _, x := range CriterionKinds() {
		if k == x {
			return true
		}
	}
	return false
}

// Fulfilment is how well a supplier meets a criterion.
type Fulfilment string

// The answers of an assessment.
const (
	MetYes    Fulfilment = "yes"
	MetNo     Fulfilment = "no"
	MetPartly Fulfilment = "partly"
)

// Valid reports whether m is yes, no or partly.
func (m Fulfilment) Valid() bool { return m == MetYes || m == MetNo || m == MetPartly }

// Criterion is the assessment of one criterion: whether the supplier
// meets it, the evidence (a certificate, a contract clause, an audit
// report) and who assessed it when.
type Criterion struct {
	Kind         CriterionKind
	Met          Fulfilment
	Evidence     string
	AssessedByID int64     // the staff user who assessed it
	AssessedBy   string    // their display name, as read back
	AssessedAt   time.Time // when it was recorded
}

// Criterion returns the assessment of kind k, and whether there is one.
func (s *Supplier) Criterion(k CriterionKind) (Criterion, bool) {
	if s == nil {
		return Criterion{}, false
	}
	for _, c := range s.Criteria {
		if c.Kind == k {
			return c, true
		}
	}
	return Criterion{}, false
}
