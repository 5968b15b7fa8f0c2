package ckan

import (
	"context"
	"net/url"
	"sprang/internal/dataexport"
	"strconv"
	"time"

	"sprang"
	"sprang/internal/opendata"
)

// ckanTime is how CKAN writes metadata times: ISO 8601 in UTC without a
// zone, with microseconds.
const ckanTime = "2006-01-02T15:04:05.000000"

// timeText returns t as CKAN writes it, or nil for the zero time.
func timeText(t time.Time) any {
	if t.IsZero() {
		return nil
	}
	return t.UTC().Format(ckanTime)
}

// packageDict is a dataset as CKAN's package_show returns it, with the
// DCAT-AP fields as ckanext-dcat's scheming schemas name them (theme,
// hvd_category, applicable_legislation, contact_name, contact_email,
// frequency, temporal_start, temporal_end, spatial_uri, access_rights,
// provenance), the same as "extras" for clients of the older extras
// convention, and the English texts as ckanext-fluent's *_translated.
type packageDict struct {
	ID                    string            `json:"id"`
	Name                  string            `json:"name"`
	Title                 string            `json:"title"`
	Notes                 string            `json:"notes"`
	Type                  string            `json:"type"`
	State                 string            `json:"state"`
	Private               bool              `json:"private"`
	OwnerOrg              string            `json:"owner_org"`
	Organization          orgDict           `json:"organization"`
	Author                any               `json:"author"`
	AuthorEmail           any               `json:"author_email"`
	Maintainer            string            `json:"maintainer"`
	MaintainerEmail       string            `json:"maintainer_email"`
	LicenseID             string            `json:"license_id"`
	LicenseTitle          string            `json:"license_title"`
	LicenseURL            string            `json:"license_url"`
	IsOpen                bool              `json:"isopen"`
	URL                   string            `json:"url"`
	Version               any               `json:"version"`
	MetadataCreated       any               `json:"metadata_created"`
	MetadataModified      any               `json:"metadata_modified"`
	NumResources          int               `json:"num_resources"`
	NumTags               int               `json:"num_tags"`
	Tags                  []tagDict         `json:"tags"`
	Groups                []any             `json:"groups"`
	Resources             []resourceDict    `json:"resources"`
	Extras                []extra           `json:"extras"`
	TitleTranslated       map[string]string `json:"title_translated"`
	NotesTranslated       map[string]string `json:"notes_translated"`
	Keywords              map[string]any    `json:"keywords"`
	Theme                 []string          `json:"theme"`
	HVDCategory           []string          `json:"hvd_category"`
	ApplicableLegislation []string          `json:"applicable_legislation"`
	ContactName           string            `json:"contact_name"`
	ContactEmail          string            `json:"contact_email"`
	Frequency             string            `json:"frequency"`
	TemporalStart         string            `json:"temporal_start"`
	TemporalEnd           string            `json:"temporal_end"`
	SpatialURI            string            `json:"spatial_uri"`
	AccessRights          string            `json:"access_rights"`
	Provenance            string            `json:"provenance,omitempty"`
	PublishedAt           any               `json:"issued"`
}

// tagDict is one tag (keyword), as CKAN lists them.
type tagDict struct {
	Name         string `json:"name"`
	DisplayName  string `json:"display_name"`
	State        string `json:"state"`
	VocabularyID any    `json:"vocabulary_id"`
}

// extra is one of CKAN's key/value extras.
type extra struct {
	Key   string `json:"key"`
	Value string `json:"value"`
}

// ckanState returns CKAN's state of a dataset: active when published,
// draft, or deleted when withdrawn.
func ckanState(s opendata.State) string {
	switch s {
	case opendata.Published:
		return "active"
	case opendata.Withdrawn:
		return "deleted"
	}
	return "draft"
}

// landingPage returns the dataset's landing page: its own, or its page on
// the portal.
func landingPage(base string, d opendata.Dataset) string {
	if d.LandingPage != "" {
		return d.LandingPage
	}
	return base + "/data/" + url.PathEscape(d.Slug)
}

// packageOf returns the CKAN dict of e. uploads holds the newest upload of
// each file distribution (for datastore_active).
func (c *call) packageOf(e opendata.Entry, uploads map[string]opendata.Upload) packageDict {
	base := c.a.baseURL(c.r)
	d := e.Dataset
	lic := licenceOf(d.Licence)
	p := packageDict{ID: d.ID, Name: d.Slug, Title: d.TitleSV, Notes: d.DescriptionSV, Type: "dataset",
		State: ckanState(d.State), Private: d.State == opendata.Draft, OwnerOrg: strconv.FormatInt(d.UnitID, 10),
		Organization: orgOfPublisher(e.Publisher), Maintainer: d.ContactName, MaintainerEmail: d.ContactEmail,
		LicenseID: lic.id, LicenseTitle: lic.title, LicenseURL: lic.url, IsOpen: lic.open,
		URL: landingPage(base, d), MetadataCreated: timeText(d.CreatedAt), MetadataModified: timeText(d.UpdatedAt),
		NumResources: len(e.Distributions), NumTags: len(d.Keywords), Tags: tagsOf(d.Keywords), Groups: []any{},
		TitleTranslated: map[string]string{"sv": d.TitleSV, "en": d.TitleEN},
		NotesTranslated: map[string]string{"sv": d.DescriptionSV, "en": d.DescriptionEN},
		Keywords:        map[string]any{"sv": nonNilStrings(d.Keywords), "en": nonNilStrings(d.KeywordsEN)},
		Theme:           nonNilStrings(d.Themes), HVDCategory: nonNilStrings(d.HVDCategories), ApplicableLegislation: []string{},
		ContactName: d.ContactName, ContactEmail: d.ContactEmail, Frequency: d.Frequency,
		TemporalStart: d.TemporalStart, TemporalEnd: d.TemporalEnd, SpatialURI: d.Spatial,
		AccessRights: d.AccessRights, Provenance: d.Method, PublishedAt: timeText(d.PublishedAt)}
	if d.HighValue() {
		p.ApplicableLegislation = []string{opendata.LegislationHVD}
	}
	p.Resources = make([]resourceDict, 0, len(e.Distributions))
	for _, dist := range e.Distributions {
		up, ok := uploads[dist.ID]
		r := c.resourceOf(d, dist, up, ok)
		r.DatastoreQuality = nil // resource_show has it; a dataset's dict stays small
		p.Resources = append(p.Resources, r)
	}
	p.Extras = extrasOf(p)
	return p
}

// extrasOf returns the DCAT fields of p as CKAN extras, lists as JSON
// text (as ckanext-dcat's older profiles store them), leaving out empty
// ones.
func extrasOf(p packageDict) []extra {
	var out []extra
	add := func(k, v string) {
		if v != "" {
			out = append(out, extra{k, v})
		}
	}
	addList := func(k string, l []string) {
		if len(l) > 0 {
			add(k, jsonStrings(l))
		}
	}
	addList("theme", p.Theme)
	addList("hvd_category", p.HVDCategory)
	addList("applicable_legislation", p.ApplicableLegislation)
	add("contact_name", p.ContactName)
	add("contact_email", p.ContactEmail)
	add("frequency", p.Frequency)
	add("temporal_start", p.TemporalStart)
	add("temporal_end", p.TemporalEnd)
	add("spatial_uri", p.SpatialURI)
	add("access_rights", p.AccessRights)
	add("provenance", p.Provenance)
	if out == nil {
		out = []extra{}
	}
	return out
}

// jsonStrings returns l as a JSON list.
func jsonStrings(l []string) string {
	b := []byte{'['}
	for i, s := range l {
		if i > 0 {
			b = append(b, ',')
		}
		b = dataexport.AppendJSONString(b, s)
	}
	return string(append(b, ']'))
}

func tagsOf(keywords []string) []tagDict {
	out := make([]tagDict, 0, len(keywords))
	for _, k := range keywords {
		out = append(out, tagDict{Name: k, DisplayName: k, State: "active"})
	}
	return out
}

func nonNilStrings(l []string) []string {
	if l == nil {
		return []string{}
	}
	return l
}

// licence is how CKAN names a licence.
type licence struct {
	id, title, url string
	open           bool
}

// licenceOf returns the CKAN licence of a licence IRI: the id is the
// licence's SPDX code, as the Open Definition's licence list (which CKAN
// can use) names it.
func licenceOf(iri string) licence {
	t, ok := opendata.FindTerm(opendata.Licences, iri)
	if !ok {
		return licence{id: iri, title: iri, url: iri}
	}
	return licence{id: t.Code, title: t.LabelEN, url: t.IRI, open: true}
}

// newestUploads returns the newest upload of each file distribution of e.
func (a *API) newestUploads(ctx context.Context, e opendata.Entry) (map[string]opendata.Upload, error) {
	out := map[string]opendata.Upload{}
	for _, d := range e.Distributions {
		if d.Kind != opendata.KindFile || d.Version == 0 {
			continue
		}
		u, err := a.d.DB.Upload(ctx, d.ID, 0)
		if sprang.ErrorKind(err) == sprang.NotFound {
			continue
		}
		if err != nil {
			return nil, err
		}
		out[d.ID] = u
	}
	return out, nil
}
