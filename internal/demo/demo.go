// Package demo loads the Swedish example content that `sprang demo` starts
// with: a plausible municipal group (kommunkoncern) with five förvaltningar
// and three bolag, one staff account per role with the password "demo",
// eight published e-services (one with two versions) and a draft, and a
// year of errands by every channel, with residents, drafts, messages,
// decisions and diary numbers, so that the inbox, the statistics and the
// demo resident's Mina sidor have something to show. Seeding is idempotent:
// what exists already is left as it is, so the demo can be restarted on the
// same data directory. Only `sprang demo` calls it; `sprang serve` never has
// demo accounts.
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
		// The development department coordinates the follow-up of the
		// whole group, so its role is held on the group: initiatives
		// belong to their owner units (ManageFollowUp covering the unit).
		{"utveckling", "Ulla Utvecklare", identity.RoleUtveckling, "koncernen", "driver idéer, initiativ och uppföljning för hela koncernen"},
	}
}

// Seed loads the example content into db without attachments: SeedWithFiles
// with no Files.
func Seed(ctx context.Context, db *store.DB) error { return SeedWithFiles(ctx, db, nil) }

// SeedWithFiles loads the example content into db: units, accounts,
// e-services and, when db has an encryption box (db.Box), residents and
// errands, whose personal data must be sealed. Errands are made only while
// the database has none, all at once, each at its own moment of the past
// year (see store.DB.WithClockForDemo), from fixed random seeds, so the
// demo has the same errands every time (their dates move with the day it
// starts). Files stores the generated attachments
// (certificates, photos); without it the services whose forms require a
// file get no errands. It returns the first error; a partly seeded database
// is completed by the next call, except for errands once any exists.
func SeedWithFiles(ctx context.Context, db *store.DB, files Files) error {
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
	staff, err := seedStaff(ctx, db, units)
	if err != nil {
		return err
	}
	services, err := seedServices(ctx, db, staff["etjanst"], units)
	if err != nil {
		return err
	}
	if err := seedFollowUp(ctx, db, units, staff); err != nil {
		return err
	}
	if db.Box() == nil {
		return nil
	}
	return seedErrands(ctx, db, files, units, staff, services)
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

// seedUnits creates the demo units that are missing, parents first, each
// with its diary code, and returns every demo unit by slug.
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
	if err := db.SetDiaryCode(ctx, u.ID, du.DiaryCode); err != nil {
		return u, err
	}
	_, err = db.AppendAudit(ctx, audit.Entry{ActorKind: audit.System, ActorName: "demo", Action: audit.UnitCreated,
		ObjectType: "unit", ObjectID: fmt.Sprint(u.ID), Detail: "demo content"})
	return u, err
}

// seedStaff creates the demo accounts and colleagues that are missing and
// returns every one's user id by username.
func seedStaff(ctx context.Context, db *store.DB, units map[string]identity.Unit) (map[string]int64, error) {
	staff := map[string]int64{}
	for _, a := range Accounts() {
		id, err := seedAccount(ctx, db, a, units)
		if err != nil {
			return nil, fmt.Errorf("demo account %s: %w", a.Username, err)
		}
		staff[a.Username] = id
	}
	for _, c := range colleagues() {
		id, err := seedColleague(ctx, db, c, units)
		if err != nil {
			return nil, fmt.Errorf("demo colleague %s: %w", c.Username, err)
		}
		staff[c.Username] = id
	}
	return staff, nil
}

// seedAccount creates a demo staff account with its role and the demo
// password, unless the username exists, and returns its id.
func seedAccount(ctx context.Context, db *store.DB, a Account, units map[string]identity.Unit) (int64, error) {
	return seedUser(ctx, db, a.Username, a.DisplayName, identity.Grant{UnitID: units[a.UnitSlug].ID, Role: a.Role}, true)
}

// seedUser creates a staff user with grant, and with the demo password
// when withPassword, unless the username exists; it returns the user's id.
func seedUser(ctx context.Context, db *store.DB, username, name string, g identity.Grant, withPassword bool) (int64, error) {
	if u, err := db.FindUserByUsername(ctx, username); sprang.ErrorKind(err) != sprang.NotFound {
		return u.ID, err
	}
	u, err := db.CreateUser(ctx, identity.NewUser{Username: username, DisplayName: name})
	if err != nil {
		return 0, err
	}
	detail := "demo account with role " + string(g.Role)
	if withPassword {
		if err := db.SetPasswordHash(ctx, u.ID, secret.HashPassword(Password)); err != nil {
			return 0, err
		}
	} else {
		detail = "demo colleague without a password, with role " + string(g.Role)
	}
	if err := db.GrantRole(ctx, u.ID, g); err != nil {
		return 0, err
	}
	_, err = db.AppendAudit(ctx, audit.Entry{ActorKind: audit.System, ActorName: "demo", Action: audit.UserCreated,
		ObjectType: "user", ObjectID: fmt.Sprint(u.ID), Detail: detail})
	return u.ID, err
}
