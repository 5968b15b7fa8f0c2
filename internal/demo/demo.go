// Package demo loads the Swedish example content that `sprang demo` starts
// with: a plausible municipal group (kommunkoncern) with five förvaltningar
// and three bolag, and one staff account per role with the password "demo".
// Seeding is idempotent: what exists already is left as it is, so the demo
// can be restarted on the same data directory. Only `sprang demo` calls it;
// `sprang serve` never has demo accounts.
package demo

import (
	"context"
	"fmt"

	"sprang"
	"sprang/internal/audit"
	"sprang/internal/identity"
	"sprang/internal/secret"
	"sprang/internal/store"
)

// Password is the password of every demo staff account.
const Password = "demo"

// Account is one demo staff login, shown when the demo starts.
type Account struct {
	Username    string
	DisplayName string
	Role        identity.Role
	UnitSlug    string
	Purpose     string // what to try with it, in Swedish
}

// Accounts returns the demo staff accounts, one per working role.
func Accounts() []Account {
	return []Account{
		{"admin", "Astrid Administratör", identity.RoleAdministrator, "koncernen", "administrerar användare, enheter, loggar och jobb"},
		{"handlaggare", "Hugo Handläggare", identity.RoleHandlaggare, "samhallsbyggnad", "handlägger ärenden på Samhällsbyggnadsförvaltningen"},
		{"etjanst", "Elsa E-tjänstebyggare", identity.RoleEtjanst, "koncernen", "bygger e-tjänster"},
		{"data", "Dan Datavärd", identity.RoleDatavard, "koncernen", "publicerar öppna data"},
		{"utveckling", "Ulla Utvecklare", identity.RoleUtveckling, "utvecklingsavdelningen", "driver idéer, initiativ och uppföljning"},
	}
}

// Seed loads the example content into db. It returns the first error; a
// partly seeded database is completed by the next call.
func Seed(ctx context.Context, db *store.DB) error {
	if err := refuseRealData(ctx, db); err != nil {
		return err
	}
	// Marked first: a database with any demo account must never be served
	// by `sprang serve`.
	if err := db.MarkDemo(ctx); err != nil {
		return err
	}
	units, err := seedUnits(ctx, db)
	if err != nil {
		return err
	}
	for _, a := range Accounts() {
		if err := seedAccount(ctx, db, a, units); err != nil {
			return fmt.Errorf("demo account %s: %w", a.Username, err)
		}
	}
	return nil
}

// ErrRealData is returned by Seed for a database that holds staff accounts
// but was not made by the demo: demo accounts must never be added to a
// real installation.
var ErrRealData = sprang.Errorf(sprang.Invalid, "this database already holds staff accounts and was not made by 'sprang demo': demo refuses to add demo accounts to it; give demo another --data directory")

// refuseRealData returns ErrRealData when db has users and no demo mark.
func refuseRealData(ctx context.Context, db *store.DB) error {
	demo, err := db.IsDemo(ctx)
	if err != nil || demo {
		return err
	}
	users, err := db.FindUsers(ctx)
	if err != nil {
		return err
	}
	if len(users) > 0 {
		return ErrRealData
	}
	return nil
}

// seedUnits creates the demo units that are missing, parents first, and
// returns every demo unit by slug.
func seedUnits(ctx context.Context, db *store.DB) (map[string]identity.Unit, error) {
	bySlug := map[string]identity.Unit{}
	for _, du := range Units() {
		u, err := db.FindUnitBySlug(ctx, du.Slug)
		if sprang.ErrorKind(err) == sprang.NotFound {
			u, err = createUnit(ctx, db, du, bySlug)
		}
		if err != nil {
			return nil, fmt.Errorf("demo unit %s: %w", du.Slug, err)
		}
		bySlug[du.Slug] = u
	}
	return bySlug, nil
}

func createUnit(ctx context.Context, db *store.DB, du Unit, bySlug map[string]identity.Unit) (identity.Unit, error) {
	u := identity.Unit{Kind: du.Kind, Slug: du.Slug, NameSV: du.NameSV, NameEN: du.NameEN, OrgNumber: du.OrgNumber}
	if du.Parent != "" {
		u.ParentID = bySlug[du.Parent].ID
	}
	u, err := db.CreateUnit(ctx, u)
	if err != nil {
		return u, err
	}
	_, err = db.AppendAudit(ctx, audit.Entry{ActorKind: audit.System, ActorName: "demo", Action: audit.UnitCreated,
		ObjectType: "unit", ObjectID: fmt.Sprint(u.ID), Detail: "demo content"})
	return u, err
}

// seedAccount creates a demo staff account with its role, unless the
// username exists.
func seedAccount(ctx context.Context, db *store.DB, a Account, units map[string]identity.Unit) error {
	if _, err := db.FindUserByUsername(ctx, a.Username); sprang.ErrorKind(err) != sprang.NotFound {
		return err
	}
	u, err := db.CreateUser(ctx, identity.NewUser{Username: a.Username, DisplayName: a.DisplayName})
	if err != nil {
		return err
	}
	if err := db.SetPasswordHash(ctx, u.ID, secret.HashPassword(Password)); err != nil {
		return err
	}
	if err := db.GrantRole(ctx, u.ID, identity.Grant{UnitID: units[a.UnitSlug].ID, Role: a.Role}); err != nil {
		return err
	}
	_, err = db.AppendAudit(ctx, audit.Entry{ActorKind: audit.System, ActorName: "demo", Action: audit.UserCreated,
		ObjectType: "user", ObjectID: fmt.Sprint(u.ID), Detail: "demo account with role " + string(a.Role)})
	return err
}
