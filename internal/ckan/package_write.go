package ckan

import (
	"strings"

	"sprang"
	"sprang/internal/audit"
	"sprang/internal/identity"
	"sprang/internal/opendata"
)

// packageCreate is CKAN's package_create: a new dataset of the unit
// owner_org names, with the DCAT fields of package_show. Like CKAN it is
// published at once ("active") unless state is "draft" or private is
// true; publishing runs the conformance check first, and a dataset that
// would not validate is not created: the Validation Error names every
// field to fix. The token's user must be a data steward of the unit.
func (c *call) packageCreate() (any, error) {
	u, err := c.writer()
	if err != nil {
		return nil, err
	}
	d, err := c.datasetFromParams(opendata.Dataset{})
	if err != nil {
		return nil, err
	}
	if err := c.mustManage(u, d.UnitID, d.Slug); err != nil {
		return nil, err
	}
	target, err := c.targetState(opendata.Published)
	if err != nil {
		return nil, err
	}
	if target == opendata.Withdrawn {
		return nil, c.x.invalid("state", "api.state_new")
	}
	if target == opendata.Published {
		if err := c.conformance(d, nil); err != nil {
			return nil, err
		}
	}
	ctx := c.r.Context()
	created, err := c.a.d.DB.CreateDataset(ctx, d)
	if err != nil {
		return nil, c.datasetWriteError(err)
	}
	if err := c.audit(ctx, u, auditDatasetCreated, "dataset", created.ID, created.Slug); err != nil {
		return nil, err
	}
	if err := c.setState(u, created, target); err != nil {
		return nil, err
	}
	return c.showFresh(created.ID)
}

// packageUpdate is CKAN's package_update: the dataset that id (or name)
// names gets the metadata of the dict sent, which replaces all of it as
// in CKAN (a field left out is emptied; name and owner_org left out keep
// theirs). Resources are not changed here: resource_create and
// resource_update change them. state "active" publishes (after the
// conformance check), "draft" makes it a draft again, "deleted" withdraws
// it; without state a published dataset stays published and must still
// validate. The token's user must be a data steward of the unit, and of
// the new unit when owner_org moves it.
func (c *call) packageUpdate() (any, error) {
	u, err := c.writer()
	if err != nil {
		return nil, err
	}
	id, err := c.p.trimmed(c.x, "id")
	if err != nil {
		return nil, err
	}
	if id == "" {
		if id, err = c.p.trimmed(c.x, "name"); err != nil {
			return nil, err
		}
	}
	if id == "" {
		return nil, c.x.invalid("id", "api.missing")
	}
	ctx := c.r.Context()
	old, err := c.a.d.DB.Dataset(ctx, id)
	if sprang.ErrorKind(err) == sprang.NotFound {
		return nil, c.x.notFound("api.package_not_found", id)
	}
	if err != nil {
		return nil, err
	}
	if err := c.mustManage(u, old.Dataset.UnitID, old.Dataset.Slug); err != nil {
		return nil, err
	}
	if !c.p.has("name") || c.p["name"] == "" {
		c.p["name"] = old.Dataset.Slug
	}
	if !c.p.has("owner_org") || c.p["owner_org"] == "" {
		c.p["owner_org"] = old.Publisher.Slug
	}
	d, err := c.datasetFromParams(old.Dataset)
	if err != nil {
		return nil, err
	}
	if d.UnitID != old.Dataset.UnitID {
		if err := c.mustManage(u, d.UnitID, d.Slug); err != nil {
			return nil, err
		}
	}
	target, err := c.targetState(old.Dataset.State)
	if err != nil {
		return nil, err
	}
	if target == opendata.Published {
		if err := c.conformance(d, old.Distributions); err != nil {
			return nil, err
		}
	}
	updated, err := c.a.d.DB.UpdateDataset(ctx, d)
	if err != nil {
		return nil, c.datasetWriteError(err)
	}
	c.a.res.forgetDataset(updated.ID)
	if err := c.audit(ctx, u, auditDatasetUpdated, "dataset", updated.ID, updated.Slug); err != nil {
		return nil, err
	}
	updated.State = old.Dataset.State
	if err := c.setState(u, updated, target); err != nil {
		return nil, err
	}
	return c.showFresh(updated.ID)
}

// targetState returns the state the call asks for: CKAN's state
// (active, draft, deleted) or private true (a draft); def when neither
// is given.
func (c *call) targetState(def opendata.State) (opendata.State, error) {
	s, err := c.p.trimmed(c.x, "state")
	if err != nil {
		return "", err
	}
	private, err := c.p.boolean(c.x, "private", false)
	if err != nil {
		return "", err
	}
	switch strings.ToLower(s) {
	case "active":
		if private {
			return opendata.Draft, nil
		}
		return opendata.Published, nil
	case "draft":
		return opendata.Draft, nil
	case "deleted":
		return opendata.Withdrawn, nil
	case "":
		if private {
			return opendata.Draft, nil
		}
		if c.p.has("private") && def == opendata.Draft {
			return opendata.Published, nil // private: false publishes a draft
		}
		return def, nil
	}
	return "", c.x.invalid("state", "api.state_invalid")
}

// setState moves d to target when it is elsewhere, auditing the change
// as what it is: a publication (DatasetPublished), a withdrawal
// (DatasetWithdrawn), or a move back to draft, which is neither and is
// recorded as DatasetUpdated with the detail "state draft".
func (c *call) setState(u identity.User, d opendata.Dataset, target opendata.State) error {
	if d.State == target {
		return nil
	}
	ctx := c.r.Context()
	if err := c.a.d.DB.SetDatasetState(ctx, d.ID, target, c.a.d.DB.Now()); err != nil {
		return err
	}
	c.a.res.forgetDataset(d.ID)
	action, detail := stateAudit(d.State, target)
	return c.audit(ctx, u, action, "dataset", d.ID, detail)
}

// stateAudit returns the audit action and detail of a move from one
// state to another.
func stateAudit(from, to opendata.State) (audit.Action, string) {
	switch to {
	case opendata.Published:
		return audit.DatasetPublished, string(from) + " to " + string(to)
	case opendata.Withdrawn:
		return audit.DatasetWithdrawn, string(from) + " to " + string(to)
	}
	return audit.DatasetUpdated, "state " + string(to)
}

// conformance runs the conformance check on d as it would be published
// with dists; its violations are a Validation Error naming the fields.
func (c *call) conformance(d opendata.Dataset, dists []opendata.Distribution) error {
	t, err := c.tree()
	if err != nil {
		return err
	}
	unit, _ := t.Unit(d.UnitID)
	e := opendata.Entry{Dataset: d, Distributions: dists, Publisher: opendata.Publisher{UnitID: unit.ID,
		Slug: unit.Slug, NameSV: unit.NameSV, NameEN: unit.NameEN, OrgNumber: unit.OrgNumber,
		Type: opendata.PublisherTypeOf(unit.Kind)}}
	errs := map[string][]string{}
	for _, p := range opendata.Check(e) {
		if !p.Violation {
			continue
		}
		field := apiField(p.Field)
		text := c.x.t(p.Key)
		if p.Arg != "" {
			text = c.x.t(p.Key, p.Arg)
		}
		errs[field] = append(errs[field], text)
	}
	return fieldErrors(errs)
}

// datasetWriteError turns the store's errors of a dataset write into the
// API's: a taken name is CKAN's "That URL is already in use.".
func (c *call) datasetWriteError(err error) error {
	if sprang.ErrorKind(err) == sprang.Conflict {
		if _, ok := sprang.ErrorFields(err)["slug"]; ok {
			return c.x.invalid("name", "api.name_taken")
		}
	}
	if sprang.ErrorKind(err) == sprang.Invalid {
		if _, ok := sprang.ErrorFields(err)["unit"]; ok {
			return c.x.invalid("owner_org", "api.org_unknown")
		}
	}
	return err
}

// showFresh returns the package dict of dataset id as stored now.
func (c *call) showFresh(id string) (any, error) {
	e, err := c.a.d.DB.Dataset(c.r.Context(), id)
	if err != nil {
		return nil, err
	}
	ups, err := c.a.newestUploads(c.r.Context(), e)
	if err != nil {
		return nil, err
	}
	return c.packageOf(e, ups), nil
}
