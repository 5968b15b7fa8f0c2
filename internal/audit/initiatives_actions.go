package audit

// The actions of the initiative portfolio (issue 5). ObjectType is
// "initiative" and ObjectID its id; Detail names statuses, units, counts
// and criteria, never the contact's name or address.
const (
	InitiativeCreated          Action = "initiative.created"
	InitiativeUpdated          Action = "initiative.updated"
	InitiativeBenefitRecorded  Action = "initiative.benefit_recorded"
	InitiativeCriteriaAssessed Action = "initiative.criteria_assessed"
)
