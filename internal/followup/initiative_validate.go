package followup

import (
	"math"
	"slices"
	"strings"
	"unicode/utf8"

	"sprang"
	"sprang/internal/identity"
)

// Limits of an initiative's texts, in characters, and of its budget and
// benefit values, in kronor.
const (
	InitiativeTitleMax       = 200
	InitiativeDescriptionMax = 10_000
	InitiativeNameMax        = 200 // contact and supplier names
	InitiativeHypothesisMax  = 5_000
	BenefitDescriptionMax    = 2_000
	EvidenceMax              = 2_000
	IndicatorKeyMax          = 100
	MaxSEK                   = 1e11
)

// The message keys of the initiative validation (field → key); the web
// layer translates them (internal/i18n/locales/followup-initiatives.*.json).
const (
	iniMsg = "followup.initiatives.e."
)

// Normalize trims the initiative's texts, collapses the title's spaces,
// sorts and de-duplicates its lists, drops the owner from the
// participants and lower-cases the contact address.
func (ini Initiative) Normalize() Initiative {
	ini.Title = iniLine(ini.Title)
	ini.Description = iniBlock(ini.Description)
	ini.ContactName = iniLine(ini.ContactName)
	ini.ContactEmail = identity.NormalizeEmail(ini.ContactEmail)
	ini.BenefitHypothesis = iniBlock(ini.BenefitHypothesis)
	ini.ParticipantUnitIDs = slices.DeleteFunc(iniUnique(ini.ParticipantUnitIDs), func(id int64) bool { return id == ini.OwnerUnitID })
	ini.Goals = iniUnique(ini.Goals)
	ini.Perspectives = iniPerspectiveOrder(ini.Perspectives)
	ini.Indicators = iniUnique(iniTrimAll(ini.Indicators))
	ini.ServiceIDs = iniUnique(ini.ServiceIDs)
	ini.DatasetIDs = iniUnique(iniTrimAll(ini.DatasetIDs))
	if ini.Supplier != nil {
		s := *ini.Supplier
		s.Name, s.OrgNumber = iniLine(s.Name), strings.TrimSpace(s.OrgNumber)
		ini.Supplier = &s
	}
	return ini
}

// Validate checks a normalized initiative and returns nil or an Invalid
// error with one message key per bad field, named as the form names them
// (title, description, owner, contact_name, contact_email, perspectives,
// goals, status, start, end, budget, hypothesis, indicators,
// supplier_name, supplier_org).
func (ini Initiative) Validate() error {
	f := map[string]string{}
	switch {
	case ini.Title == "":
		f["title"] = iniMsg + "title_required"
	case utf8.RuneCountInString(ini.Title) > InitiativeTitleMax:
		f["title"] = iniMsg + "title_too_long"
	}
	iniTooLong(f, "description", ini.Description, InitiativeDescriptionMax)
	iniTooLong(f, "contact_name", ini.ContactName, InitiativeNameMax)
	iniTooLong(f, "hypothesis", ini.BenefitHypothesis, InitiativeHypothesisMax)
	if ini.OwnerUnitID <= 0 {
		f["owner"] = iniMsg + "owner_required"
	}
	if ini.ContactEmail != "" && !identity.ValidEmail(ini.ContactEmail) {
		f["contact_email"] = iniMsg + "contact_email_invalid"
	}
	ini.validateChoices(f)
	ini.validateDates(f)
	if !iniValidSEK(ini.BudgetSEK) {
		f["budget"] = iniMsg + "budget_invalid"
	}
	for _, k := range ini.Indicators {
		if !ValidIndicatorKey(k) {
			f["indicators"] = iniMsg + "indicator_invalid"
		}
	}
	ini.Supplier.validate(f)
	return sprang.FieldErrors(f)
}

// validateChoices checks the perspectives, goals and status.
func (ini Initiative) validateChoices(f map[string]string) {
	if len(ini.Perspectives) == 0 {
		f["perspectives"] = iniMsg + "perspectives_required"
	}
	for _, p := range ini.Perspectives {
		if !p.Valid() {
			f["perspectives"] = iniMsg + "perspective_invalid"
		}
	}
	for _, g := range ini.Goals {
		if _, ok := SDGByNumber(g); !ok {
			f["goals"] = iniMsg + "goal_invalid"
		}
	}
	if !ini.Status.Valid() {
		f["status"] = iniMsg + "status_invalid"
	}
}

// validateDates checks that an end date comes with a start date and not
// before it, and that an initiative introduced or ended has started.
func (ini Initiative) validateDates(f map[string]string) {
	if !ini.End.IsZero() && !ini.Start.IsZero() && ini.End.Before(ini.Start) {
		f["end"] = iniMsg + "end_before_start"
	}
	if !ini.End.IsZero() && ini.Start.IsZero() {
		f["start"] = iniMsg + "start_required_with_end"
	}
	started := ini.Status == StatusOngoing || ini.Status == StatusIntroduced || ini.Status == StatusClosed
	if started && ini.Start.IsZero() && f["start"] == "" {
		f["start"] = iniMsg + "start_required"
	}
}

// validate checks the supplier's name and organisationsnummer.
func (s *Supplier) validate(f map[string]string) {
	if s == nil {
		return
	}
	switch {
	case s.Name == "":
		f["supplier_name"] = iniMsg + "supplier_name_required"
	case utf8.RuneCountInString(s.Name) > InitiativeNameMax:
		f["supplier_name"] = iniMsg + "supplier_name_too_long"
	}
	if s.OrgNumber != "" {
		if _, err := identity.ParseOrgNumber(s.OrgNumber); err != nil {
			f["supplier_org"] = iniMsg + "supplier_org_invalid"
		}
	}
}

// Validate checks a benefit before it is recorded: a date, a description
// of at most BenefitDescriptionMax characters, a value from 0 up and an
// indicator key, if any, that could name an indicator. The fields are
// named benefit_date, benefit_description, benefit_value and
// benefit_indicator.
func (b Benefit) Validate() error {
	f := map[string]string{}
	if b.Date.IsZero() {
		f["benefit_date"] = iniMsg + "benefit_date_required"
	}
	switch d := strings.TrimSpace(b.Description); {
	case d == "":
		f["benefit_description"] = iniMsg + "benefit_description_required"
	case utf8.RuneCountInString(d) > BenefitDescriptionMax:
		f["benefit_description"] = iniMsg + "benefit_description_too_long"
	}
	if !iniValidSEK(b.ValueSEK) {
		f["benefit_value"] = iniMsg + "benefit_value_invalid"
	}
	if b.IndicatorKey != "" && !ValidIndicatorKey(b.IndicatorKey) {
		f["benefit_indicator"] = iniMsg + "indicator_invalid"
	}
	return sprang.FieldErrors(f)
}

// Validate checks one assessment: a known criterion, yes/no/partly, and
// evidence (required, at most EvidenceMax characters). Its fields are
// named by the criterion: met_<kind> and evidence_<kind>.
func (c Criterion) Validate() error {
	f := map[string]string{}
	if !c.Kind.Valid() {
		return sprang.FieldErrors(map[string]string{"kind": iniMsg + "criterion_invalid"})
	}
	if !c.Met.Valid() {
		f["met_"+string(c.Kind)] = iniMsg + "met_required"
	}
	switch e := strings.TrimSpace(c.Evidence); {
	case e == "":
		f["evidence_"+string(c.Kind)] = iniMsg + "evidence_required"
	case utf8.RuneCountInString(e) > EvidenceMax:
		f["evidence_"+string(c.Kind)] = iniMsg + "evidence_too_long"
	}
	return sprang.FieldErrors(f)
}

// ValidIndicatorKey reports whether k could be an indicator's key: 1–100
// characters of a–z, 0–9 and hyphens.
func ValidIndicatorKey(k string) bool {
	if k == "" || len(k) > IndicatorKeyMax {
		return false
	}
	for _, c := range k {
		if (c < 'a' || c > 'z') && (c < '0' || c > '9') && c != '-' {
			return false
		}
	}
	return true
}

// iniValidSEK reports whether v is an amount of kronor from 0 to MaxSEK.
func iniValidSEK(v float64) bool { return !math.IsNaN(v) && v >= 0 && v <= MaxSEK }

// iniTooLong records key "<field>_too_long" when s is longer than max.
func iniTooLong(f map[string]string, field, s string, max int) {
	if utf8.RuneCountInString(s) > max {
		f[field] = iniMsg + field + "_too_long"
	}
}

// iniLine trims s and collapses its runs of white space to one space.
func iniLine(s string) string { return strings.Join(strings.Fields(s), " ") }

// iniBlock trims s and turns its line ends into "\n".
func iniBlock(s string) string { return strings.TrimSpace(strings.ReplaceAll(s, "\r\n", "\n")) }

// iniTrimAll trims every string of ss and drops the empty ones.
func iniTrimAll(ss []string) []string {
	out := make([]string, 0, len(ss))
	for _, s := range ss {
		if s = strings.TrimSpace(s); s != "" {
			out = append(out, s)
		}
	}
	return out
}

// iniUnique returns xs sorted without repeats (nil for none).
func iniUnique[T int | int64 | string](xs []T) []T {
	if len(xs) == 0 {
		return nil
	}
	out := slices.Clone(xs)
	slices.Sort(out)
	return slices.Compact(out)
}

// iniPerspectiveOrder returns ps without repeats in the policy's order, invalid
// ones last (so Validate sees them).
func iniPerspectiveOrder(ps []Perspective) []Perspective {
	var out []Perspective
	for _, p := range Perspectives() {
		if iniHasPerspective(ps, p) {
			out = append(out, p)
		}
	}
	for _, p := range ps {
		if !p.Valid() && !iniHasPerspective(out, p) {
			out = append(out, p)
		}
	}
	return out
}
