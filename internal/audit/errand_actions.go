package audit

// The actions of errand handling (issue 3). A staff user's read of an
// errand is a PersonalDataRead with ObjectType "errand", so that it shows
// on the resident's "who read my data" page; ErrandRead is a resident
// reading their own errand, which that page leaves out.
const (
	ErrandRead       Action = "errand.read"       // a resident read their own errand (or tried another's)
	ErrandRegistered Action = "errand.registered" // a case officer registered an errand from another channel
	ErrandChanged    Action = "errand.changed"    // a case officer changed an errand; Detail says how
)
