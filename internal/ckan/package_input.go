package ckan

import (
	"regexp"
	"slices"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"sprang/internal/identity"
	"sprang/internal/opendata"
)

// Limits of a dataset's texts, in characters (as the steward's form).
const (
	maxTitle       = 200
	maxNotes       = 20_000
	maxKeyword     = 100
	maxKeywords    = 50
	maxContactName = 200
	maxIRI         = 2_000
)

// renameFields maps the field names of the store's, the domain's and the
// conformance check's errors to the API's (CKAN's) parameter names.
var renameFields = map[string]string{
	"slug": "name", "unit": "owner_org", "unit_id": "owner_org", "title_sv": "title", "title_en": "title_translated",
	"description_sv": "notes", "description_en": "notes_translated", "keywords": "tags",
	"keywords_en": "keywords", "themes": "theme", "licence": "license_id", "hvd_categories": "hvd_category",
	"landing_page": "url", "spatial": "spatial_uri", "distributions": "resources",
}

// apiField returns the API's name of a field of the store or the
// conformance check; a distribution's field ("distribution.<id>.format")
// is "resources".
func apiField(f string) string {
	if strings.HasPrefix(f, "distribution.") {
		return "resources"
	}
	if n, ok := renameFields[f]; ok {
		return n
	}
	return f
}

// dcatExtras are the fields a client may also send in CKAN's extras.
var dcatExtras = []string{"theme", "hvd_category", "contact_name", "contact_email", "frequency",
	"temporal_start", "temporal_end", "spatial_uri", "spatial", "access_rights", "provenance"}

// slugPattern is a dataset's name: a–z and 0–9 in runs joined by hyphens.
var slugPattern = regexp.MustCompile(`^[a-z0-9]+(?:-[a-z0-9]+)*$`)

// validSlug reports whether s can be a dataset's name (2–100 characters).
func validSlug(s string) bool { return len(s) >= 2 && len(s) <= 100 && slugPattern.MatchString(s) }

// packageInput collects a package dict's values and its problems (field
// → messages, with CKAN's field names).
type packageInput struct {
	c    *call
	errs map[string][]string
}

func (in *packageInput) fail(field, key string, args ...any) {
	in.errs[field] = append(in.errs[field], in.c.x.t(key, args...))
}

// datasetFromParams returns the dataset the call's package dict
// describes, over base (for package_update: the stored one, of which only
// the id, state and times are kept, as CKAN's update replaces the whole
// dict), with the unit owner_org names, or a Validation Error naming
// every field that is wrong. Only malformed values are refused here;
// what is missing for publishing is the conformance check's.
func (c *call) datasetFromParams(base opendata.Dataset) (opendata.Dataset, error) {
	in := &packageInput{c: c, errs: map[string][]string{}}
	c.mergeExtras()
	d := opendata.Dataset{ID: base.ID, State: base.State, CreatedAt: base.CreatedAt, UpdatedAt: base.UpdatedAt,
		PublishedAt: base.PublishedAt, Generated: base.Generated}
	in.name(&d)
	in.texts(&d)
	in.owner(&d)
	in.keywords(&d)
	in.vocabularies(&d)
	in.contact(&d)
	in.coverage(&d)
	if err := fieldErrors(in.errs); err != nil {
		return d, err
	}
	return d, nil
}

// mergeExtras takes the DCAT fields a client sent only in extras
// ([{"key": …, "value": …}]) as if they were given directly.
func (c *call) mergeExtras() {
	l, ok := c.p["extras"].([]any)
	if !ok {
		return
	}
	for _, e := range l {
		m, ok := e.(map[string]any)
		if !ok {
			continue
		}
		k, _ := m["key"].(string)
		if slices.Contains(dcatExtras, k) && !c.p.has(k) {
			c.p[k] = m["value"]
		}
	}
}

// text returns a parameter as text, recording a problem for a list or an
// object.
func (in *packageInput) text(key string) string {
	s, err := in.c.p.str(in.c.x, key)
	if err != nil {
		in.fail(key, "api.param.text")
	}
	return s
}

// line returns a parameter as one line: spaces collapsed.
func (in *packageInput) line(key string) string {
	return strings.Join(strings.Fields(in.text(key)), " ")
}

// translated returns the language lang of a ckanext-fluent field
// ({"sv": …, "en": …}), and whether it was given.
func (in *packageInput) translated(key, lang string) (string, bool) {
	m, ok := in.c.p[key].(map[string]any)
	if !ok {
		return "", false
	}
	s, ok := m[lang].(string)
	return s, ok
}

func (in *packageInput) name(d *opendata.Dataset) {
	d.Slug = strings.TrimSpace(in.text("name"))
	switch {
	case d.Slug == "":
		in.fail("name", "api.missing")
	case !validSlug(d.Slug):
		in.fail("name", "api.name_invalid")
	}
}

func (in *packageInput) texts(d *opendata.Dataset) {
	d.TitleSV = in.line("title")
	if s, ok := in.translated("title_translated", "sv"); ok && d.TitleSV == "" {
		d.TitleSV = strings.Join(strings.Fields(s), " ")
	}
	if s, ok := in.translated("title_translated", "en"); ok {
		d.TitleEN = strings.Join(strings.Fields(s), " ")
	}
	d.DescriptionSV = strings.TrimSpace(strings.ReplaceAll(in.text("notes"), "\r\n", "\n"))
	if s, ok := in.translated("notes_translated", "sv"); ok && d.DescriptionSV == "" {
		d.DescriptionSV = strings.TrimSpace(s)
	}
	if s, ok := in.translated("notes_translated", "en"); ok {
		d.DescriptionEN = strings.TrimSpace(s)
	}
	if d.TitleSV == "" {
		in.fail("title", "api.missing")
	}
	for field, n := range map[string]int{"title": utf8.RuneCountInString(d.TitleSV), "title_translated": utf8.RuneCountInString(d.TitleEN)} {
		if n > maxTitle {
			in.fail(field, "api.too_long", strconv.Itoa(maxTitle))
		}
	}
	for field, n := range map[string]int{"notes": utf8.RuneCountInString(d.DescriptionSV), "notes_translated": utf8.RuneCountInString(d.DescriptionEN)} {
		if n > maxNotes {
			in.fail(field, "api.too_long", strconv.Itoa(maxNotes))
		}
	}
}

func (in *packageInput) owner(d *opendata.Dataset) {
	org := strings.TrimSpace(in.text("owner_org"))
	if org == "" {
		in.fail("owner_org", "api.org_required")
		return
	}
	t, err := in.c.tree()
	if err != nil {
		in.fail("owner_org", "api.org_unknown")
		return
	}
	u, ok := findUnit(t, org)
	if !ok {
		in.fail("owner_org", "api.org_unknown")
		return
	}
	d.UnitID = u.ID
}

// keywords reads tags (CKAN's [{"name": …}] or a list of strings, or
// tag_string "a,b") as the Swedish keywords, and ckanext-fluent's
// keywords {"sv": […], "en": […]}.
func (in *packageInput) keywords(d *opendata.Dataset) {
	var sv []string
	switch l := in.c.p["tags"].(type) {
	case []any:
		for _, t := range l {
			switch v := t.(type) {
			case map[string]any:
				if n, ok := v["name"].(string); ok {
					sv = append(sv, n)
				}
			case string:
				sv = append(sv, v)
			default:
				in.fail("tags", "api.tags_invalid")
			}
		}
	case nil:
		if s := in.text("tag_string"); s != "" {
			sv = strings.Split(s, ",")
		}
	default:
		in.fail("tags", "api.tags_invalid")
	}
	var en []string
	if m, ok := in.c.p["keywords"].(map[string]any); ok {
		sv = append(sv, stringsOf(m["sv"])...)
		en = stringsOf(m["en"])
	}
	d.Keywords = in.cleanKeywords("tags", sv)
	d.KeywordsEN = in.cleanKeywords("keywords", en)
}

func stringsOf(v any) []string {
	l, _ := v.([]any)
	var out []string
	for _, e := range l {
		if s, ok := e.(string); ok {
			out = append(out, s)
		}
	}
	return out
}

// cleanKeywords trims keywords and drops empty ones and repeats.
func (in *packageInput) cleanKeywords(field string, l []string) []string {
	var out []string
	for _, k := range l {
		k = strings.Join(strings.Fields(k), " ")
		if k == "" || slices.Contains(out, k) {
			continue
		}
		if utf8.RuneCountInString(k) > maxKeyword {
			in.fail(field, "api.keyword_too_long", shortText(k), strconv.Itoa(maxKeyword))
		}
		out = append(out, k)
	}
	if len(out) > maxKeywords {
		in.fail(field, "api.keywords_too_many", strconv.Itoa(maxKeywords))
	}
	return out
}

func (in *packageInput) vocabularies(d *opendata.Dataset) {
	lic := strings.TrimSpace(in.text("license_id"))
	d.Licence = opendata.LicenceCC0
	if lic != "" {
		iri, ok := licenceIRI(lic)
		if !ok {
			in.fail("license_id", "api.license_unknown", shortText(lic))
		}
		d.Licence = iri
	}
	d.Themes = in.terms("theme", opendata.Themes)
	d.HVDCategories = in.terms("hvd_category", opendata.HVDCategories)
	d.Frequency = in.term("frequency", opendata.Frequencies)
	d.AccessRights = in.term("access_rights", opendata.AccessRights)
	if d.AccessRights == "" {
		d.AccessRights = opendata.AccessPublic
	}
}

// term returns the IRI of the vocabulary term a parameter names (its
// code or IRI), "" when not given.
func (in *packageInput) term(key string, voc []opendata.Term) string {
	v := strings.TrimSpace(in.text(key))
	if v == "" {
		return ""
	}
	t, ok := opendata.FindTerm(voc, v)
	if !ok {
		in.fail(key, "api.term_unknown", shortText(v), codesOf(voc))
		return ""
	}
	return t.IRI
}

// terms returns the IRIs of the terms a list parameter names.
func (in *packageInput) terms(key string, voc []opendata.Term) []string {
	l, err := in.c.p.list(in.c.x, key)
	if err != nil {
		in.fail(key, "api.param.list")
		return nil
	}
	var out []string
	for _, v := range l {
		t, ok := opendata.FindTerm(voc, v)
		if !ok {
			in.fail(key, "api.term_unknown", shortText(v), codesOf(voc))
			continue
		}
		if !slices.Contains(out, t.IRI) {
			out = append(out, t.IRI)
		}
	}
	return out
}

func codesOf(voc []opendata.Term) string {
	codes := make([]string, len(voc))
	for i, t := range voc {
		codes[i] = t.Code
	}
	return strings.Join(codes, ", ")
}

func (in *packageInput) contact(d *opendata.Dataset) {
	d.ContactName = strings.Join(strings.Fields(in.text("contact_name")), " ")
	if d.ContactName == "" && !in.c.p.has("contact_name") {
		d.ContactName = in.line("maintainer")
	}
	if utf8.RuneCountInString(d.ContactName) > maxContactName {
		in.fail("contact_name", "api.too_long", strconv.Itoa(maxContactName))
	}
	d.ContactEmail = strings.TrimSpace(in.text("contact_email"))
	if d.ContactEmail == "" && !in.c.p.has("contact_email") {
		d.ContactEmail = strings.TrimSpace(in.text("maintainer_email"))
	}
	if d.ContactEmail != "" && !identity.ValidEmail(d.ContactEmail) {
		in.fail("contact_email", "api.email_invalid")
	}
	d.Method = strings.TrimSpace(in.text("provenance"))
}

func (in *packageInput) coverage(d *opendata.Dataset) {
	d.TemporalStart = in.date("temporal_start")
	d.TemporalEnd = in.date("temporal_end")
	if d.TemporalStart != "" && d.TemporalEnd != "" && d.TemporalEnd < d.TemporalStart {
		in.fail("temporal_end", "api.temporal_order")
	}
	d.Spatial = in.iri("spatial_uri")
	if d.Spatial == "" && !in.c.p.has("spatial_uri") {
		if s := strings.TrimSpace(in.text("spatial")); opendata.WebURL(s) && len(s) <= maxIRI {
			d.Spatial = s
		}
	}
	landing := in.iri("url")
	if landing == landingPage(in.c.a.baseURL(in.c.r), *d) {
		landing = "" // package_show's own page, sent back unchanged
	}
	d.LandingPage = landing
}

// date reads a date YYYY-MM-DD (or the date of an ISO timestamp).
func (in *packageInput) date(key string) string {
	s := strings.TrimSpace(in.text(key))
	if s == "" {
		return ""
	}
	if opendata.ValidDate(s) {
		return s
	}
	for _, layout := range []string{time.RFC3339, "2006-01-02T15:04:05", "2006-01-02T15:04:05.999999"} {
		if t, err := time.Parse(layout, s); err == nil {
			return t.Format(time.DateOnly)
		}
	}
	in.fail(key, "api.date_invalid")
	return ""
}

// iri reads an absolute http(s) URL.
func (in *packageInput) iri(key string) string {
	s := strings.TrimSpace(in.text(key))
	if s != "" && (len(s) > maxIRI || !opendata.WebURL(s)) {
		in.fail(key, "api.url_invalid")
		return ""
	}
	return s
}
