package audit

// The actions of the yearly follow-up report (issue 5). ObjectType is
// "followup_report" and ObjectID the year; Detail names the version for
// an issue.
const (
	FollowUpReportSaved  Action = "followup_report.saved"  // the narratives of a year's draft were saved
	FollowUpReportIssued Action = "followup_report.issued" // a year's report was frozen as a new version
)
