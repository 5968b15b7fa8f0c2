package audit

// The actions of the maturity and competence self-assessments (issue 5).
// A person's read of their own competence profile is a PersonalDataRead
// with ObjectType "competence_assessment"; their saving it is
// CompetenceSaved. Neither entry carries the levels.
const (
	MaturityQuestionsSaved Action = "maturity.questions_saved" // a year's questions were set; ObjectID is the year
	MaturityAssessed       Action = "maturity.assessed"        // a unit's assessment was saved; ObjectID is "unit/year"
	CompetenceSaved        Action = "competence.saved"         // a person saved their own self-assessment; ObjectID is "user/year"
)
