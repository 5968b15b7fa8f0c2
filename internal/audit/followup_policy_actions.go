package audit

// PolicyRevised is the action of the digitalization policy (issue 5): a
// new revision of the policy was saved. ObjectType is "policy", ObjectID
// the revision's number; why it changed is kept with the revision, not in
// the log.
const PolicyRevised Action = "policy.revised"
