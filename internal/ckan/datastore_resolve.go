package ckan

import (
	"sprang"
	"sprang/internal/opendata"
)

// resolveTable returns what a datastore search needs of resource rid at
// version (0: the newest loaded one): the distribution, its dataset's state and
// unit, and the loaded upload, from the resolve cache or the store. A
// resource the call may not see (of a draft or a withdrawn dataset, for a
// caller who may not manage it), a link, a version that does not exist
// and an upload not (yet) loaded are each a Not Found Error naming the
// resource, as CKAN's 'Resource "…" was not found.', with why.
func (c *call) resolveTable(rid string, version int) (resolved, error) {
	res, ok := c.a.res.get(rid, version)
	if !ok {
		var err error
		if res, err = c.resolveFromStore(rid, version); err != nil {
			return resolved{}, err
		}
	}
	ok, err := c.visibleState(res.state, res.unitID)
	if err != nil {
		return resolved{}, err
	}
	if !ok {
		return resolved{}, c.x.notFound("api.ds_not_found", rid)
	}
	if res.upload.LoadState != opendata.LoadDone {
		return resolved{}, c.x.notFound("api.ds_not_loaded", rid, c.x.t("api.load_state."+string(res.upload.LoadState)))
	}
	return res, nil
}

// resolveFromStore reads what resolveTable needs from the store and
// remembers it.
func (c *call) resolveFromStore(rid string, version int) (resolved, error) {
	ctx := c.r.Context()
	dist, err := c.a.d.DB.Distribution(ctx, rid)
	if sprang.ErrorKind(err) == sprang.NotFound {
		return resolved{}, c.x.notFound("api.ds_not_found", rid)
	}
	if err != nil {
		return resolved{}, err
	}
	e, err := c.a.d.DB.Dataset(ctx, dist.DatasetID)
	if sprang.ErrorKind(err) == sprang.NotFound {
		return resolved{}, c.x.notFound("api.ds_not_found", rid)
	}
	if err != nil {
		return resolved{}, err
	}
	if dist.Kind != opendata.KindFile || dist.Version == 0 {
		return resolved{}, c.x.notFound("api.ds_not_found", rid)
	}
	up, err := c.tableUpload(rid, version)
	if err != nil {
		return resolved{}, err
	}
	res := resolved{dist: dist, state: e.Dataset.State, unitID: e.Dataset.UnitID, upload: up}
	if up.LoadState == opendata.LoadDone {
		c.a.res.put(rid, version, res)
	}
	return res, nil
}

// tableUpload returns the upload of rid at version; for version 0 the
// newest loaded one, so that searches keep answering from the previous
// version while a new one loads (or the newest, when none is loaded).
func (c *call) tableUpload(rid string, version int) (opendata.Upload, error) {
	ctx := c.r.Context()
	if version > 0 {
		up, err := c.a.d.DB.Upload(ctx, rid, version)
		if sprang.ErrorKind(err) == sprang.NotFound {
			return up, c.x.notFound("api.ds_no_version", rid, version)
		}
		return up, err
	}
	ups, err := c.a.d.DB.Uploads(ctx, rid)
	if err != nil {
		return opendata.Upload{}, err
	}
	if len(ups) == 0 {
		return opendata.Upload{}, c.x.notFound("api.ds_not_found", rid)
	}
	for _, up := range ups {
		if up.LoadState == opendata.LoadDone {
			return up, nil
		}
	}
	return ups[0], nil
}
