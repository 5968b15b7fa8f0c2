package opendata

import (
	"net/url"
	"regexp"
	"strings"
	"time"

	"sprang/internal/identity"
)

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
//
// It also refuses what the shapes cannot see but DCAT-AP-SE's profile and
// dataportal.se need (a Swedish title and description, a contact point with
// both name and a working e-mail address, a format for every distribution,
// the portal's own licences, real dates in order, absolute web addresses,
// a file behind every file distribution), and warns, without stopping
// publishing, where a recommended property is missing (keywords, themes,
// frequency, contact point, temporal and spatial coverage, English texts,
// distributions and their descriptions), and refuses a high-value dataset
// whose access is not public. Problems come in the order of the
// steward's form. Check is pure and cheap; it needs no SHACL engine.
func Check(e Entry) []Problem {
	var c checker
	c.dataset(e.Dataset, e.Publisher)
	if len(e.Distributions) == 0 {
		c.warn("distributions", MsgCheckNoDistributions, "")
	}
	for _, d := range e.Distributions {
		c.distribution(d)
	}
	return c.problems
}

// HasViolation reports whether ps has a problem that stops publishing.
func HasViolation(ps []Problem) bool {
	for _, p := range ps {
		if p.Violation {
			return true
		}
	}
	return false
}

type checker struct{ problems []Problem }

func (c *checker) violation(field, key, arg string) {
	c.problems = append(c.problems, Problem{Field: field, Key: key, Arg: arg, Violation: true})
}

func (c *checker) warn(field, key, arg string) {
	c.problems = append(c.problems, Problem{Field: field, Key: key, Arg: arg})
}

func blank(s string) bool { return strings.TrimSpace(s) == "" }

func (c *checker) dataset(d Dataset, p Publisher) {
	c.texts(d)
	c.publisher(p)
	c.contact(d.ContactName, d.ContactEmail)
	if !hasText(d.Keywords) {
		c.warn("keywords", MsgCheckKeywords, "")
	}
	if !hasText(d.KeywordsEN) && hasText(d.Keywords) {
		c.warn("keywords_en", MsgCheckKeywordsEN, "")
	}
	c.vocabulary("themes", d.Themes, Themes, MsgCheckThemes, MsgCheckThemeUnknown)
	c.licence("licence", d.Licence, true)
	c.term("access_rights", d.AccessRights, AccessRights, MsgCheckAccessRights, MsgCheckAccessRightsUnknown)
	c.term("frequency", d.Frequency, Frequencies, MsgCheckFrequency, MsgCheckFrequencyUnknown)
	c.temporal(d.TemporalStart, d.TemporalEnd)
	switch {
	case blank(d.Spatial):
		c.warn("spatial", MsgCheckSpatial, "")
	case !WebURL(d.Spatial):
		c.violation("spatial", MsgCheckSpatialFormat, d.Spatial)
	}
	if !blank(d.LandingPage) && !WebURL(d.LandingPage) {
		c.violation("landing_page", MsgCheckLandingPage, d.LandingPage)
	}
	for _, h := range d.HVDCategories {
		if t, ok := FindTerm(HVDCategories, h); !ok || t.IRI != h {
			c.violation("hvd_categories", MsgCheckHVDUnknown, h)
		}
	}
	// Regulation (EU) 2023/138 makes high-value datasets free to reuse by
	// anyone: their access cannot be restricted.
	if d.HighValue() && d.AccessRights != "" && d.AccessRights != AccessPublic {
		c.violation("access_rights", MsgCheckHVDAccess, "")
	}
}

func (c *checker) texts(d Dataset) {
	if blank(d.TitleSV) {
		c.violation("title_sv", MsgCheckTitleSV, "")
	}
	if blank(d.TitleEN) {
		c.warn("title_en", MsgCheckTitleEN, "")
	}
	if blank(d.DescriptionSV) {
		c.violation("description_sv", MsgCheckDescriptionSV, "")
	}
	if blank(d.DescriptionEN) {
		c.warn("description_en", MsgCheckDescriptionEN, "")
	}
}

// publisher checks what the catalogue says about the publishing unit: a
// foaf:Agent needs a name and, in DCAT-AP-SE, an ADMS publisher type.
func (c *checker) publisher(p Publisher) {
	if blank(p.Slug) || blank(p.NameSV) {
		c.violation("unit", MsgCheckPublisher, "")
	}
	if t, ok := FindTerm(PublisherTypes, p.Type); !ok || t.IRI != p.Type {
		c.violation("unit", MsgCheckPublisherType, p.NameSV)
	}
}

func (c *checker) contact(name, email string) {
	switch {
	case blank(name) && blank(email):
		c.warn("contact_name", MsgCheckContact, "")
		return
	case blank(name):
		c.violation("contact_name", MsgCheckContactName, "")
	}
	switch {
	case blank(email):
		c.violation("contact_email", MsgCheckContactEmail, "")
	case !identity.ValidEmail(strings.TrimSpace(email)):
		c.violation("contact_email", MsgCheckContactEmailFormat, email)
	}
}

// vocabulary checks a list of IRIs that should come from v: none is a
// warning, an unknown one a violation.
func (c *checker) vocabulary(field string, values []string, v []Term, none, unknown string) {
	if len(values) == 0 {
		c.warn(field, none, "")
	}
	for _, x := range values {
		if t, ok := FindTerm(v, x); !ok || t.IRI != x {
			c.violation(field, unknown, x)
		}
	}
}

// term checks one optional IRI from v.
func (c *checker) term(field, value string, v []Term, none, unknown string) {
	if value == "" {
		c.warn(field, none, "")
		return
	}
	if t, ok := FindTerm(v, value); !ok || t.IRI != value {
		c.violation(field, unknown, value)
	}
}

// licence checks a licence IRI; required says "" is a violation (a
// distribution's "" means the dataset's licence).
func (c *checker) licence(field, value string, required bool) {
	if value == "" {
		if required {
			c.violation(field, MsgCheckLicence, "")
		}
		return
	}
	if t, ok := FindTerm(Licences, value); !ok || t.IRI != value {
		c.violation(field, MsgCheckLicenceUnknown, value)
	}
}

func (c *checker) temporal(start, end string) {
	if start == "" && end == "" {
		c.warn("temporal_start", MsgCheckTemporal, "")
		return
	}
	okStart, okEnd := start == "" || ValidDate(start), end == "" || ValidDate(end)
	if !okStart {
		c.violation("temporal_start", MsgCheckDate, start)
	}
	if !okEnd {
		c.violation("temporal_end", MsgCheckDate, end)
	}
	if okStart && okEnd && start != "" && end != "" && end < start {
		c.violation("temporal_end", MsgCheckTemporalOrder, "")
	}
}

// PublisherTypes are the ADMS publisher types, with the labels DCAT-AP-SE
// gives them. PublisherTypeOf gives a unit's.
var PublisherTypes = []Term{
	{PublisherTypeBase + "Academia-ScientificOrganisation", "Academia-ScientificOrganisation", "Akademia/Vetenskaplig organisation", "Academia/Scientific organisation"},
	{PublisherTypeBase + "Company", "Company", "Företag", "Company"},
	{PublisherTypeBase + "IndustryConsortium", "IndustryConsortium", "Industrikonsortium", "Industry consortium"},
	{PublisherTypeBase + "LocalAuthority", "LocalAuthority", "Lokal myndighet/kommun", "Local Authority"},
	{PublisherTypeBase + "NationalAuthority", "NationalAuthority", "Nationell myndighet", "National authority"},
	{PublisherTypeBase + "NonGovernmentalOrganisation", "NonGovernmentalOrganisation", "Icke-statlig organisation", "Non-Governmental Organisation"},
	{PublisherTypeBase + "NonProfitOrganisation", "NonProfitOrganisation", "Ej vinstdrivande organisation", "Non-Profit Organisation"},
	{PublisherTypeBase + "PrivateIndividual(s)", "PrivateIndividual(s)", "Privatperson(er)", "Private Individual(s)"},
	{PublisherTypeBase + "RegionalAuthority", "RegionalAuthority", "Regional myndighet/landsting", "Regional authority"},
	{PublisherTypeBase + "StandardisationBody", "StandardisationBody", "Standardiseringsorganisation", "Standardisation body"},
	{PublisherTypeBase + "SupraNationalAuthority", "SupraNationalAuthority", "Över-/mellanstatlig myndighet", "Supra-national authority"},
}

// fileCode is what an EU file-type code looks like.
var fileCode = regexp.MustCompile(`^[A-Z0-9_]+$`)

func (c *checker) distribution(d Distribution) {
	f := "distribution." + d.ID + "."
	if blank(d.TitleSV) {
		c.warn(f+"title_sv", MsgCheckDistTitle, "")
	}
	if blank(d.DescriptionSV) {
		c.warn(f+"description_sv", MsgCheckDistDescription, "")
	}
	switch d.Kind {
	case KindLink:
		if !WebURL(d.URL) {
			c.violation(f+"url", MsgCheckDistURL, d.URL)
		}
	case KindFile:
		if d.Version < 1 {
			c.violation(f+"file", MsgCheckDistFile, "")
		}
	default:
		c.violation(f+"kind", MsgCheckDistKind, string(d.Kind))
	}
	switch t, ok := FindFileType(d.Format); {
	case blank(d.Format):
		c.violation(f+"format", MsgCheckDistFormat, "")
	case !ok || t.Code != d.Format || !fileCode.MatchString(d.Format):
		c.violation(f+"format", MsgCheckDistFormatUnknown, d.Format)
	}
	c.licence(f+"licence", d.Licence, false)
}

func hasText(list []string) bool {
	for _, s := range list {
		if !blank(s) {
			return true
		}
	}
	return false
}

// ValidDate reports whether s is a real calendar date written YYYY-MM-DD.
func ValidDate(s string) bool {
	if len(s) != len("2006-01-02") {
		return false
	}
	_, err := time.Parse("2006-01-02", s)
	return err == nil
}

// WebURL reports whether s is an absolute http or https URL with a host
// and nothing a URL cannot hold unescaped (spaces, quotes, angle brackets).
func WebURL(s string) bool {
	if s == "" || strings.ContainsAny(s, " \t\r\n\"<>\\^`{|}") {
		return false
	}
	for _, r := range s {
		if r < 0x20 || r == 0x7F {
			return false
		}
	}
	u, err := url.Parse(s)
	return err == nil && (u.Scheme == "http" || u.Scheme == "https") && u.Host != "" && u.User == nil
}
