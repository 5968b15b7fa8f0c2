package ckan

import (
	"errors"
	"net/http"

	"sprang"
	"sprang/internal/opendata"
)

// packageList is CKAN's package_list: the names of the published
// datasets, in name order, with limit and offset.
func (c *call) packageList() (any, error) {
	limit, err := c.p.natural(c.x, "limit", -1)
	if err != nil {
		return nil, err
	}
	offset, err := c.p.natural(c.x, "offset", 0)
	if err != nil {
		return nil, err
	}
	entries, err := c.a.d.DB.PublishedEntries(c.r.Context())
	if err != nil {
		return nil, err
	}
	names := make([]string, 0, len(entries))
	for _, e := range entries {
		names = append(names, e.Dataset.Slug)
	}
	if limit < 0 {
		limit = len(names)
	}
	return pageOf(names, offset, limit), nil
}

// entry returns the dataset that id (its id or name) names, when the
// call may see it; Not Found otherwise (also for a draft it may not see).
func (c *call) entry(id string) (opendata.Entry, error) {
	e, err := c.a.d.DB.Dataset(c.r.Context(), id)
	if sprang.ErrorKind(err) == sprang.NotFound {
		return opendata.Entry{}, c.x.notFound("api.package_not_found", id)
	}
	if err != nil {
		return opendata.Entry{}, err
	}
	ok, err := c.visible(e.Dataset)
	if err != nil {
		return opendata.Entry{}, err
	}
	if !ok {
		return opendata.Entry{}, c.x.notFound("api.package_not_found", id)
	}
	return e, nil
}

// requiredID returns the parameter key, which must be given: CKAN's
// "Missing value" otherwise.
func (c *call) requiredID(key string) (string, error) {
	id, err := c.p.trimmed(c.x, key)
	if err != nil {
		return "", err
	}
	if id == "" {
		return "", c.x.invalid(key, "api.missing")
	}
	return id, nil
}

// packageShow is CKAN's package_show: the dataset that id (its id or
// name) names, with its organization and resources.
func (c *call) packageShow() (any, error) {
	id, err := c.requiredID("id")
	if err != nil {
		return nil, err
	}
	e, err := c.entry(id)
	if err != nil {
		return nil, err
	}
	ups, err := c.a.newestUploads(c.r.Context(), e)
	if err != nil {
		return nil, err
	}
	return c.packageOf(e, ups), nil
}

// resourceOfID returns the distribution id names with its dataset's
// entry, when the call may see it; Not Found otherwise.
func (c *call) resourceOfID(id string) (opendata.Distribution, opendata.Entry, error) {
	dist, err := c.a.d.DB.Distribution(c.r.Context(), id)
	if sprang.ErrorKind(err) == sprang.NotFound {
		return dist, opendata.Entry{}, c.x.notFound("api.resource_not_found")
	}
	if err != nil {
		return dist, opendata.Entry{}, err
	}
	e, err := c.entry(dist.DatasetID)
	var ae *apiError
	if errors.As(err, &ae) && ae.status == http.StatusNotFound {
		return dist, e, c.x.notFound("api.resource_not_found")
	}
	return dist, e, err
}

// resourceShow is CKAN's resource_show: the resource with the given id.
func (c *call) resourceShow() (any, error) {
	id, err := c.requiredID("id")
	if err != nil {
		return nil, err
	}
	dist, e, err := c.resourceOfID(id)
	if err != nil {
		return nil, err
	}
	return c.resourceWithUpload(e.Dataset, dist)
}

// resourceWithUpload returns the dict of dist with its newest upload.
func (c *call) resourceWithUpload(d opendata.Dataset, dist opendata.Distribution) (resourceDict, error) {
	if dist.Kind != opendata.KindFile || dist.Version == 0 {
		return c.resourceOf(d, dist, opendata.Upload{}, false), nil
	}
	up, err := c.a.d.DB.Upload(c.r.Context(), dist.ID, 0)
	if sprang.ErrorKind(err) == sprang.NotFound {
		return c.resourceOf(d, dist, opendata.Upload{}, false), nil
	}
	if err != nil {
		return resourceDict{}, err
	}
	return c.resourceOf(d, dist, up, true), nil
}

// helpShow is CKAN's help_show: the documentation of the action name,
// or of the download (/datastore/dump/…) for dumpHelpName.
func (c *call) helpShow() (any, error) {
	name, err := c.requiredID("name")
	if err != nil {
		return nil, err
	}
	if name == dumpHelpName {
		return helpDatastoreDump, nil
	}
	act, ok := c.a.actions()[name]
	if !ok {
		return nil, c.x.notFound("api.action_not_found", name)
	}
	return act.help, nil
}

// statusShow is CKAN's status_show: what the site is and which CKAN
// version's API it follows.
func (c *call) statusShow() (any, error) {
	return map[string]any{
		"ckan_version": ckanVersion,
		"site_title":   "Språnget öppna data",
		"site_url":     c.a.baseURL(c.r),
		"site_description": "CKAN-compatible Action API of the open data portal " +
			"(docs: /api/3/openapi.json)",
		"locale_default": "sv",
		"extensions":     []string{"datastore", "dcat", "scheming_datasets", "fluent"},
	}, nil
}

// ckanVersion is the CKAN version whose Action API this one follows.
const ckanVersion = "2.10.0"
