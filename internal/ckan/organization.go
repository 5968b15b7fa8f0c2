package ckan

import (
	"cmp"
	"slices"
	"strconv"
	"strings"

	"sprang/internal/i18n"
	"sprang/internal/identity"
	"sprang/internal/opendata"
)

// orgDict is an organization unit as CKAN's organization_show returns an
// organization, with its DCAT publisher type and organisation number.
type orgDict struct {
	ID              string            `json:"id"`
	Name            string            `json:"name"`
	Title           string            `json:"title"`
	DisplayName     string            `json:"display_name"`
	TitleTranslated map[string]string `json:"title_translated"`
	Description     string            `json:"description"`
	Type            string            `json:"type"`
	IsOrganization  bool              `json:"is_organization"`
	State           string            `json:"state"`
	ApprovalStatus  string            `json:"approval_status"`
	ImageURL        string            `json:"image_url"`
	Created         any               `json:"created,omitempty"`
	PackageCount    *int              `json:"package_count,omitempty"`
	PublisherType   string            `json:"publisher_type"`
	OrgNumber       string            `json:"org_number,omitempty"`
	Packages        []packageDict     `json:"packages,omitempty"`
}

func newOrg(id int64, slug, nameSV, nameEN, orgNumber, pubType string) orgDict {
	return orgDict{ID: strconv.FormatInt(id, 10), Name: slug, Title: nameSV, DisplayName: nameSV,
		TitleTranslated: map[string]string{"sv": nameSV, "en": nameEN}, Type: "organization",
		IsOrganization: true, State: "active", ApprovalStatus: "approved", PublisherType: pubType,
		OrgNumber: orgNumber}
}

// orgOfPublisher returns the organization of a dataset's publisher.
func orgOfPublisher(p opendata.Publisher) orgDict {
	return newOrg(p.UnitID, p.Slug, p.NameSV, p.NameEN, p.OrgNumber, p.Type)
}

// orgOfUnit returns the organization of a unit.
func orgOfUnit(u identity.Unit) orgDict {
	o := newOrg(u.ID, u.Slug, u.NameSV, u.NameEN, u.OrgNumber, opendata.PublisherTypeOf(u.Kind))
	o.Created = timeText(u.CreatedAt)
	return o
}

// findUnit returns the unit that id names: its id or its slug (CKAN's
// "id or name").
func findUnit(t *identity.Tree, id string) (identity.Unit, bool) {
	id = strings.TrimSpace(id)
	if n, err := strconv.ParseInt(id, 10, 64); err == nil {
		if u, ok := t.Unit(n); ok {
			return u, true
		}
	}
	for _, n := range t.Walk() {
		if u, ok := t.Unit(n.ID); ok && u.Slug == id {
			return u, true
		}
	}
	return identity.Unit{}, false
}

// publishedCounts returns the number of published datasets per unit.
func (c *call) publishedCounts() (map[int64]int, []opendata.Entry, error) {
	entries, err := c.a.d.DB.PublishedEntries(c.r.Context())
	if err != nil {
		return nil, nil, err
	}
	n := map[int64]int{}
	for _, e := range entries {
		n[e.Dataset.UnitID]++
	}
	return n, entries, nil
}

// organizationList is CKAN's organization_list: every organization unit
// (the units are the publishers), as names, or with all_fields as dicts
// with their number of published datasets; sort "name" or "title" (the
// default, Swedish collation) or "package_count", each asc or desc;
// limit and offset.
func (c *call) organizationList() (any, error) {
	t, err := c.tree()
	if err != nil {
		return nil, err
	}
	counts, _, err := c.publishedCounts()
	if err != nil {
		return nil, err
	}
	limit, err := c.p.natural(c.x, "limit", 1000)
	if err != nil {
		return nil, err
	}
	offset, err := c.p.natural(c.x, "offset", 0)
	if err != nil {
		return nil, err
	}
	sortBy, err := c.p.trimmed(c.x, "sort")
	if err != nil {
		return nil, err
	}
	var orgs []orgDict
	for _, n := range t.Walk() {
		u, _ := t.Unit(n.ID)
		o := orgOfUnit(u)
		count := counts[u.ID]
		o.PackageCount = &count
		orgs = append(orgs, o)
	}
	if err := sortOrgs(c.x, orgs, sortBy); err != nil {
		return nil, err
	}
	orgs = pageOf(orgs, offset, limit)
	allFields, err := c.p.boolean(c.x, "all_fields", false)
	if err != nil {
		return nil, err
	}
	if !allFields {
		names := make([]string, 0, len(orgs))
		for _, o := range orgs {
			names = append(names, o.Name)
		}
		return names, nil
	}
	return orgs, nil
}

// sortOrgs sorts by CKAN's organization_list sort parameter.
func sortOrgs(x texts, orgs []orgDict, s string) error {
	field, dir, _ := strings.Cut(strings.TrimSpace(s), " ")
	desc := strings.EqualFold(strings.TrimSpace(dir), "desc")
	if d := strings.TrimSpace(dir); d != "" && !desc && !strings.EqualFold(d, "asc") {
		return x.invalid("sort", "api.org.sort")
	}
	var cmpf func(a, b orgDict) int
	switch field {
	case "", "title", "display_name":
		cmpf = func(a, b orgDict) int { return i18n.Compare(a.Title, b.Title) }
	case "name":
		cmpf = func(a, b orgDict) int { return strings.Compare(a.Name, b.Name) }
	case "package_count":
		cmpf = func(a, b orgDict) int { return cmp.Compare(*a.PackageCount, *b.PackageCount) }
	default:
		return x.invalid("sort", "api.org.sort")
	}
	slices.SortStableFunc(orgs, func(a, b orgDict) int {
		if desc {
			return cmpf(b, a)
		}
		return cmpf(a, b)
	})
	return nil
}

// pageOf returns l[offset:offset+limit], clipped.
func pageOf[T any](l []T, offset, limit int) []T {
	if offset >= len(l) {
		return l[:0]
	}
	l = l[offset:]
	if limit < len(l) {
		l = l[:limit]
	}
	return l
}

// organizationShow is CKAN's organization_show: the organization that id
// (its id or name) names, with package_count and, with include_datasets,
// its published datasets (at most 1000, by name).
func (c *call) organizationShow() (any, error) {
	id, err := c.p.trimmed(c.x, "id")
	if err != nil {
		return nil, err
	}
	if id == "" {
		return nil, c.x.invalid("id", "api.missing")
	}
	t, err := c.tree()
	if err != nil {
		return nil, err
	}
	u, ok := findUnit(t, id)
	if !ok {
		return nil, c.x.notFound("api.org_not_found", id)
	}
	counts, entries, err := c.publishedCounts()
	if err != nil {
		return nil, err
	}
	o := orgOfUnit(u)
	count := counts[u.ID]
	o.PackageCount = &count
	withDatasets, err := c.p.boolean(c.x, "include_datasets", false)
	if err != nil {
		return nil, err
	}
	if withDatasets {
		o.Packages = []packageDict{}
		for _, e := range entries {
			if e.Dataset.UnitID != u.ID || len(o.Packages) >= 1000 {
				continue
			}
			ups, err := c.a.newestUploads(c.r.Context(), e)
			if err != nil {
				return nil, err
			}
			o.Packages = append(o.Packages, c.packageOf(e, ups))
		}
	}
	return o, nil
}
