package opendata

// Problem is one conformance problem of a catalogue entry: the field to fix
// (a form field name of the steward's dataset form, e.g. "title_sv",
// "contact_email", or "distribution.<id>.format"), a message key whose text
// says in plain words what is wrong and how to fix it, and whether it stops
// publishing (Violation) or is advice (Warning).
type Problem struct {
	Field     string
	Key       string
	Arg       string // filled into the message, e.g. the offending value
	Violation bool
}

// Check runs the conformance check that stands before publishing: every
// rule of DCAT-AP 3.0.1, the Swedish DCAT-AP-SE additions and, for
// high-value datasets, DCAT-AP HVD that the catalogue's SHACL validation
// would report for this entry. An entry with no Violation validates.
func Check(e Entry) []Problem {
	panic("opendata.Check: not built yet")
}
