package audit

// The actions of the follow-up's indicator registry (issue 5). ObjectType
// is "indicator" and ObjectID its key; Detail names the source kind, or
// how many values were saved, for which units and periods, and from where
// (e.g. "Kolada"): figures about the organization, never about a person.
const (
	IndicatorCreated     Action = "indicator.created"
	IndicatorUpdated     Action = "indicator.updated"
	IndicatorValuesSaved Action = "indicator.values_saved"
)
