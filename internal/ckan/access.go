package ckan

import (
	"context"
	"fmt"

	"sprang/internal/audit"
	"sprang/internal/identity"
	"sprang/internal/opendata"
)

// tree returns the organization tree, read once per call.
func (c *call) tree() (*identity.Tree, error) {
	if c.units != nil {
		return c.units, nil
	}
	t, err := c.a.d.DB.FindUnitTree(c.r.Context())
	if err != nil {
		return nil, fmt.Errorf("api: read units: %w", err)
	}
	c.units = t
	return t, nil
}

// mayManage reports whether the call's token may manage the datasets of
// unitID (and so see its drafts); false for anonymous calls.
func (c *call) mayManage(unitID int64) (bool, error) {
	if c.user == nil {
		return false, nil
	}
	t, err := c.tree()
	if err != nil {
		return false, err
	}
	return identity.Can(c.user.Principal(), identity.ManageDatasets, unitID, t), nil
}

// visible reports whether the call may see dataset d: published
// datasets for anyone; drafts and withdrawn datasets only for tokens that
// may manage their unit. Withdrawing takes a dataset offline — one
// published by mistake must stop being served, its metadata, its
// resources, its tables and its downloads. A hidden dataset is answered
// as not found, so that its existence is not revealed (CKAN says
// Authorization Error for a private dataset).
func (c *call) visible(d opendata.Dataset) (bool, error) {
	return c.visibleState(d.State, d.UnitID)
}

// visibleState is visible for a dataset in state of unit unitID.
func (c *call) visibleState(state opendata.State, unitID int64) (bool, error) {
	if state == opendata.Published {
		return true, nil
	}
	return c.mayManage(unitID)
}

// managedUnits returns the units whose drafts the call's token may see.
func (c *call) managedUnits() ([]int64, error) {
	if c.user == nil {
		return nil, nil
	}
	t, err := c.tree()
	if err != nil {
		return nil, err
	}
	return identity.UnitsWhere(c.user.Principal(), identity.ManageDatasets, t), nil
}

// writer returns the user of a write action, checking the token again
// (not from the cache: a revoked token stops writing at once). No token
// or one that is not valid is an Authorization Error, as CKAN answers an
// anonymous write.
func (c *call) writer() (identity.User, error) {
	tok := tokenOf(c.r)
	if tok == "" {
		return identity.User{}, c.x.denied("api.token_missing")
	}
	u, err := c.a.d.Auth.AuthenticateAPIToken(c.r.Context(), tok)
	if err != nil {
		return identity.User{}, c.x.denied("api.token_invalid")
	}
	c.user = &u
	return u, nil
}

// mustManage is the permission check of every write: the token's user
// may manage the datasets of unitID, or the call is an Authorization
// Error naming the user and the object, as CKAN's "User x not authorized
// to edit package y".
func (c *call) mustManage(u identity.User, unitID int64, object string) error {
	t, err := c.tree()
	if err != nil {
		return err
	}
	if !identity.Can(u.Principal(), identity.ManageDatasets, unitID, t) {
		return c.x.denied("api.not_authorized", u.Username, object)
	}
	return nil
}

// The audit actions of the API's writes. The entries name the user of the
// token and say "api" in Detail, so the log tells the API from the pages.
const (
	auditDatasetCreated   = audit.DatasetCreated
	auditDatasetUpdated   = audit.DatasetUpdated
	auditResourceCreated  = audit.DistributionCreated
	auditResourceUpdated  = audit.DistributionUpdated
	auditResourceUploaded = audit.DistributionUploaded
	auditDatastoreCreated = audit.DatastoreCreated
)

// audit appends an entry for a write by u. Its error fails the action (the
// change is made, but an unaudited change must not look successful).
//
// Every write audits, so this is also where the platform hears of it:
// Deps.OnChange runs after a write is recorded, even when the audit entry
// fails (the write itself stands).
func (c *call) audit(ctx context.Context, u identity.User, act audit.Action, objectType, objectID, detail string) error {
	if c.a.d.OnChange != nil {
		defer c.a.d.OnChange()
	}
	e := audit.Entry{ActorKind: audit.Staff, ActorID: u.ID, ActorName: u.Username, Action: act,
		ObjectType: objectType, ObjectID: objectID, Detail: "api: " + detail}
	if _, err := c.a.d.DB.AppendAudit(ctx, e); err != nil {
		return fmt.Errorf("api: audit %s: %w", act, err)
	}
	return nil
}
