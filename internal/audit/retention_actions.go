package audit

// The actions of retention (gallring). Both are by the System actor and
// carry no personal data: ErrandRetention names the errand by id and diary
// number and says what was done to it; RetentionRun counts what one run of
// the retention job did.
const (
	ErrandRetention Action = "errand.retention" // a closed errand was anonymized or deleted; Detail says which
	RetentionRun    Action = "retention.run"    // a run of the retention job; Detail counts per action
)
