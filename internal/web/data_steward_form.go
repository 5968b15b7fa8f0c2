package web

import (
	"net/url"
	"slices"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"sprang/internal/identity"
	"sprang/internal/opendata"
)

// The metadata form of a dataset: every DCAT-AP-SE field of
// opendata.Dataset, one form field each (titles and descriptions per
// language, keywords comma-separated, vocabularies as radios, checkboxes
// and selects). Saving checks what would make the stored metadata wrong
// (a malformed address, date or link, a choice that is not offered);
// what is only missing is left to the conformance check before
// publishing, so a draft can be saved half done.

// Limits of the metadata form's texts, in characters.
const (
	stewardTitleMax       = 200
	stewardDescriptionMax = 20_000
	stewardKeywordMax     = 100
	stewardKeywordsMax    = 50
	stewardContactMax     = 200
	stewardIRIMax         = 2_000
)

// stewardFormFields are the metadata form's fields in the order it shows
// them; the label of field f is the message "steward.f.<f>".
var stewardFormFields = []string{
	"title_sv", "title_en", "description_sv", "description_en", "keywords", "keywords_en", "themes",
	"unit", "contact_name", "contact_email", "licence", "access_rights",
	"frequency", "temporal_start", "temporal_end", "spatial", "landing_page", "hvd_categories", "slug",
}

// stewardValues returns the metadata form's values for d.
func stewardValues(d opendata.Dataset) url.Values {
	vals := url.Values{
		"title_sv": {d.TitleSV}, "title_en": {d.TitleEN}, "description_sv": {d.DescriptionSV}, "description_en": {d.DescriptionEN},
		"keywords": {strings.Join(d.Keywords, ", ")}, "keywords_en": {strings.Join(d.KeywordsEN, ", ")},
		"themes": d.Themes, "unit": {strconv.FormatInt(d.UnitID, 10)},
		"contact_name": {d.ContactName}, "contact_email": {d.ContactEmail},
		"licence": {d.Licence}, "access_rights": {d.AccessRights}, "frequency": {d.Frequency},
		"temporal_start": {d.TemporalStart}, "temporal_end": {d.TemporalEnd}, "spatial": {d.Spatial},
		"landing_page": {d.LandingPage}, "hvd_categories": d.HVDCategories, "slug": {d.Slug},
	}
	return vals
}

// stewardFromForm returns d with the metadata of the posted form and the
// problems that stop it from being saved (field → message key). mayUse
// reports whether the dataset may be moved to the unit with an id.
func stewardFromForm(d opendata.Dataset, vals url.Values, mayUse func(int64) bool) (opendata.Dataset, map[string]string) {
	errs := map[string]string{}
	line := func(name string) string { return strings.Join(strings.Fields(vals.Get(name)), " ") }
	text := func(name string) string {
		return strings.TrimSpace(strings.ReplaceAll(vals.Get(name), "\r\n", "\n"))
	}
	d.TitleSV, d.TitleEN = line("title_sv"), line("title_en")
	if d.TitleSV == "" {
		errs["title_sv"] = "steward.title_required"
	}
	for name, t := range map[string]string{"title_sv": d.TitleSV, "title_en": d.TitleEN} {
		if utf8.RuneCountInString(t) > stewardTitleMax {
			errs[name] = "steward.title_too_long"
		}
	}
	d.DescriptionSV, d.DescriptionEN = text("description_sv"), text("description_en")
	for name, t := range map[string]string{"description_sv": d.DescriptionSV, "description_en": d.DescriptionEN} {
		if utf8.RuneCountInString(t) > stewardDescriptionMax {
			errs[name] = "steward.description_too_long"
		}
	}
	d.Keywords = stewardKeywords(vals.Get("keywords"), "keywords", errs)
	d.KeywordsEN = stewardKeywords(vals.Get("keywords_en"), "keywords_en", errs)
	d.Themes = stewardTerms(vals["themes"], opendata.Themes, "themes", errs)
	if id, err := strconv.ParseInt(strings.TrimSpace(vals.Get("unit")), 10, 64); err != nil || !mayUse(id) {
		errs["unit"] = "steward.unit_required"
	} else {
		d.UnitID = id
	}
	d.ContactName = line("contact_name")
	if utf8.RuneCountInString(d.ContactName) > stewardContactMax {
		errs["contact_name"] = "steward.contact_name_too_long"
	}
	d.ContactEmail = strings.TrimSpace(vals.Get("contact_email"))
	if d.ContactEmail != "" && !identity.ValidEmail(d.ContactEmail) {
		errs["contact_email"] = "steward.contact_email_invalid"
	}
	d.Licence = stewardTerm(vals.Get("licence"), opendata.Licences, "licence", "steward.licence_invalid", errs)
	d.AccessRights = stewardTerm(vals.Get("access_rights"), opendata.AccessRights, "access_rights", "steward.access_rights_invalid", errs)
	d.Frequency = stewardTerm(vals.Get("frequency"), opendata.Frequencies, "frequency", "steward.frequency_invalid", errs)
	stewardCoverage(&d, vals, errs)
	d.HVDCategories = stewardTerms(vals["hvd_categories"], opendata.HVDCategories, "hvd_categories", errs)
	d.Slug = strings.TrimSpace(vals.Get("slug"))
	if !stewardSlugOK(d.Slug) {
		errs["slug"] = "steward.slug_invalid"
	}
	return d, errs
}

// stewardCoverage reads the temporal and spatial coverage and the
// landing page into d.
func stewardCoverage(d *opendata.Dataset, vals url.Values, errs map[string]string) {
	d.TemporalStart = stewardDate(vals.Get("temporal_start"), "temporal_start", errs)
	d.TemporalEnd = stewardDate(vals.Get("temporal_end"), "temporal_end", errs)
	if d.TemporalStart != "" && d.TemporalEnd != "" && d.TemporalEnd < d.TemporalStart && errs["temporal_end"] == "" {
		errs["temporal_end"] = "steward.temporal_order"
	}
	d.Spatial = strings.TrimSpace(vals.Get("spatial"))
	if d.Spatial != "" && !stewardHTTPURL(d.Spatial) {
		errs["spatial"] = "steward.spatial_invalid"
	}
	d.LandingPage = strings.TrimSpace(vals.Get("landing_page"))
	if d.LandingPage != "" && !stewardHTTPURL(d.LandingPage) {
		errs["landing_page"] = "steward.landing_page_invalid"
	}
}

// stewardKeywords reads comma-separated keywords, without repeats.
func stewardKeywords(s, name string, errs map[string]string) []string {
	ks := builderKeywords(s)
	if len(ks) > stewardKeywordsMax {
		errs[name] = "steward.keywords_too_many"
	}
	for _, k := range ks {
		if utf8.RuneCountInString(k) > stewardKeywordMax {
			errs[name] = "steward.keyword_too_long"
		}
	}
	return ks
}

// stewardTerm returns the IRI of the term of vocabulary voc that value
// names (its IRI or code), "" for "", or records the problem msg.
func stewardTerm(value string, voc []opendata.Term, name, msg string, errs map[string]string) string {
	value = strings.TrimSpace(value)
	if value == "" {
		return ""
	}
	t, ok := opendata.FindTerm(voc, value)
	if !ok {
		errs[name] = msg
		return ""
	}
	return t.IRI
}

// stewardTerms returns the IRIs of the terms of voc that values name, in
// the vocabulary's order, or records a problem for one it does not have.
func stewardTerms(values []string, voc []opendata.Term, name string, errs map[string]string) []string {
	var out []string
	for _, t := range voc {
		if slices.Contains(values, t.IRI) || slices.Contains(values, t.Code) {
			out = append(out, t.IRI)
		}
	}
	for _, v := range values {
		if _, ok := opendata.FindTerm(voc, v); !ok && strings.TrimSpace(v) != "" {
			errs[name] = "steward.choice_invalid"
		}
	}
	return out
}

// stewardDate reads a date as YYYY-MM-DD (single-digit months and days
// too), "" for "", or records a problem.
func stewardDate(s, name string, errs map[string]string) string {
	s = strings.TrimSpace(s)
	if s == "" {
		return ""
	}
	t, err := time.Parse("2006-1-2", s)
	if err != nil || t.Year() < 1000 {
		errs[name] = "steward.date_invalid"
		return s
	}
	return t.Format(time.DateOnly)
}

// stewardHTTPURL reports whether s is an absolute http or https URL with a
// host, of at most stewardIRIMax bytes, as the catalogue needs for IRIs and
// links (the conformance check's opendata.WebURL).
func stewardHTTPURL(s string) bool { return len(s) <= stewardIRIMax && opendata.WebURL(s) }

// stewardForm describes the metadata form with values vals and errors errs
// (field → text).
func (s *Server) stewardForm(v *view, c *stewardCtx, vals url.Values, errs map[string]string) *bForm {
	f := newBForm(v, vals, errs)
	f.section("steward.form.about", "")
	f.text("title_sv", "steward.f.title_sv", "steward.h.title_sv")
	f.text("title_en", "steward.f.title_en", "steward.h.english")
	f.area("description_sv", "steward.f.description_sv", "steward.h.description_sv", 6)
	f.area("description_en", "steward.f.description_en", "steward.h.english", 6)
	f.text("keywords", "steward.f.keywords", "steward.h.keywords")
	f.text("keywords_en", "steward.f.keywords_en", "steward.h.keywords_en").Lang = builderFieldLang(v.Lang, "keywords_en")
	f.choice("checkboxes", "themes", "steward.f.themes", "steward.h.themes", stewardTermOptions(v, opendata.Themes))

	f.section("steward.form.publisher", "steward.form.publisher_hint")
	f.choice("select", "unit", "steward.f.unit", "steward.h.unit", stewardUnitOptions(v, c.acc, ""))
	f.text("contact_name", "steward.f.contact_name", "steward.h.contact_name")
	f.add(bField{Kind: "text", Name: "contact_email", Label: v.T("steward.f.contact_email"), Hint: v.T("steward.h.contact_email"), Code: true})

	f.section("steward.form.terms", "")
	f.choice("radios", "licence", "steward.f.licence", "steward.h.licence", stewardLicenceOptions(v))
	f.choice("radios", "access_rights", "steward.f.access_rights", "steward.h.access_rights", stewardTermOptions(v, opendata.AccessRights))

	f.section("steward.form.coverage", "")
	freq := append([]bOption{{Value: "", Label: v.T("steward.frequency.unknown")}}, stewardTermOptions(v, opendata.Frequencies)...)
	f.choice("select", "frequency", "steward.f.frequency", "steward.h.frequency", freq)
	f.add(bField{Kind: "text", Name: "temporal_start", Label: v.T("steward.f.temporal_start"), Hint: v.T("steward.h.date"), Width: "10", Code: true})
	f.add(bField{Kind: "text", Name: "temporal_end", Label: v.T("steward.f.temporal_end"), Hint: v.T("steward.h.date"), Width: "10", Code: true})
	f.add(bField{Kind: "text", Name: "spatial", Label: v.T("steward.f.spatial"), Hint: v.T("steward.h.spatial"), Code: true})
	f.add(bField{Kind: "text", Name: "landing_page", Label: v.T("steward.f.landing_page"), Hint: v.T("steward.h.landing_page"), Code: true})

	f.section("steward.form.hvd", "steward.form.hvd_hint")
	f.choice("checkboxes", "hvd_categories", "steward.f.hvd_categories", "steward.h.hvd_categories", stewardTermOptions(v, opendata.HVDCategories))

	f.section("steward.form.advanced", "").advanced()
	f.text("slug", "steward.f.slug", "steward.h.slug").Code = true
	return f
}

// stewardTermOptions returns the terms of a vocabulary as choices, valued
// by IRI, labelled in the page's language.
func stewardTermOptions(v *view, voc []opendata.Term) []bOption {
	opts := make([]bOption, 0, len(voc))
	for _, t := range voc {
		opts = append(opts, bOption{Value: t.IRI, Label: t.Label(string(v.Lang))})
	}
	return opts
}

// stewardLicenceOptions returns the licences as choices, each with a hint
// saying what it asks of reusers.
func stewardLicenceOptions(v *view) []bOption {
	opts := stewardTermOptions(v, opendata.Licences)
	for i, t := range opendata.Licences {
		opts[i].Hint = v.T("steward.licence." + t.Code)
	}
	return opts
}
