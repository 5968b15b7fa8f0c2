// Package eservice is the domain of e-services (e-tjänster) and errands
// (ärenden): what a service asks and when, how answers are validated, the
// versions a service goes through, the statuses an errand moves between and
// the channels it arrives by. It is pure: no storage, no HTTP, no templates.
//
// A Spec is one version of a service: its catalogue facts (title, unit,
// classification, privacy notice, retention rule, target handling time,
// statuses) and its Form (pages of questions with conditions). A published
// Spec is never changed; editing makes a new draft version. The JSON form of
// a Spec (see Export and Import, and docs/eservice.schema.json) is how
// municipalities share services.
package eservice
