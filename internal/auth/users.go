package auth

import (
	"context"
	"fmt"
	"strconv"

	"sprang"
	"sprang/internal/audit"
	"sprang/internal/identity"
	"sprang/internal/store"
)

// NewUser is a staff account to create: the account itself, an optional
// password (empty for accounts that only use single sign-on) and optional
// first grants.
type NewUser struct {
	identity.NewUser
	Password string
	Grants   []identity.Grant
	// SkipPasswordRules lets the demo seed use its short, published demo
	// password. Nothing else may set it.
	SkipPasswordRules bool
}

// CreateUser validates n, hashes its password with argon2id and stores
// the account with its password, grants and audit entries (actor as the
// actor) in one transaction: none of it exists without the rest. Invalid
// input gives an Invalid error with a message key per field (username,
// display_name, email, password, role); a taken username gives Conflict;
// an unknown unit NotFound.
func (s *Service) CreateUser(ctx context.Context, actor Actor, n NewUser) (identity.User, error) {
	n.NewUser = n.Normalize()
	if err := s.validateNewUser(n); err != nil {
		return identity.User{}, err
	}
	hash := ""
	if n.Password != "" {
		hash = s.policy.HashPassword(n.Password)
	}
	u, err := s.db.CreateStaffAccount(ctx, store.NewStaffAccount{User: n.NewUser, PasswordHash: hash, Grants: n.Grants,
		Audit: func(id int64) []audit.Entry { return createdEntries(actor, id, n) }})
	if err != nil {
		return identity.User{}, err
	}
	return u, nil
}

// createdEntries are the audit entries of the creation of the account n
// with id by actor: the account, then each grant.
func createdEntries(actor Actor, id int64, n NewUser) []audit.Entry {
	out := []audit.Entry{userEntry(audit.UserCreated, id, n.Username)}
	for _, g := range n.Grants {
		out = append(out, grantEntry(audit.RoleGranted, id, g))
	}
	for i := range out {
		out[i].ActorKind, out[i].ActorID, out[i].ActorName = actor.Kind, actor.ID, actor.Name
	}
	return out
}

// validateNewUser checks the account fields and the password together, so
// the form shows every problem at once.
func (s *Service) validateNewUser(n NewUser) error {
	f := sprang.ErrorFields(n.Validate())
	if f == nil {
		f = map[string]string{}
	}
	if n.Password != "" && !n.SkipPasswordRules {
		for k, v := range sprang.ErrorFields(identity.ValidatePassword(n.Password)) {
			f[k] = v
		}
	}
	for _, g := range n.Grants {
		if !g.Role.Valid() {
			f["role"] = identity.MsgRoleInvalid
		}
	}
	return sprang.FieldErrors(f)
}

// userEntry is an audit entry about the user with id, whose username goes
// into the detail.
func userEntry(a audit.Action, id int64, username string) audit.Entry {
	return audit.Entry{Action: a, ObjectType: "user", ObjectID: strconv.FormatInt(id, 10), Detail: "username " + username}
}

// SetPassword replaces the user's password after checking its length,
// ends all the user's sessions (whoever knew the old one is out) and
// audits it. It returns an Invalid error with Fields["password"].
func (s *Service) SetPassword(ctx context.Context, actor Actor, userID int64, password string) error {
	if err := identity.ValidatePassword(password); err != nil {
		return err
	}
	u, err := s.db.FindUserByID(ctx, userID)
	if err != nil {
		return fmt.Errorf("set password: %w", err)
	}
	if err := s.db.SetPasswordHash(ctx, u.ID, s.policy.HashPassword(password)); err != nil {
		return fmt.Errorf("set password: %w", err)
	}
	if _, err := s.db.DeleteUserSessions(ctx, u.ID); err != nil {
		return fmt.Errorf("set password: %w", err)
	}
	return s.audit(ctx, actor, userEntry(audit.PasswordChanged, u.ID, u.Username))
}

// UpdateUser changes a user's display name or disabled flag and audits
// it; disabling also ends the user's sessions. Invalid input gives an
// Invalid error with Fields["display_name"].
func (s *Service) UpdateUser(ctx context.Context, actor Actor, userID int64, up identity.UserUpdate) (identity.User, error) {
	up = up.Normalize()
	if err := up.Validate(); err != nil {
		return identity.User{}, err
	}
	u, err := s.db.UpdateUser(ctx, userID, up)
	if err != nil {
		return identity.User{}, fmt.Errorf("update user: %w", err)
	}
	action := audit.UserUpdated
	if up.Disabled != nil && *up.Disabled {
		action = audit.UserDisabled
		if _, err := s.db.DeleteUserSessions(ctx, u.ID); err != nil {
			return identity.User{}, fmt.Errorf("update user: %w", err)
		}
	}
	if err := s.audit(ctx, actor, userEntry(action, u.ID, u.Username)); err != nil {
		return identity.User{}, err
	}
	return u, nil
}

// Grant gives the user role g.Role in unit g.UnitID and audits it.
// Granting a role the user has already is not an error. An unknown role
// gives Invalid; an unknown user or unit gives NotFound.
func (s *Service) Grant(ctx context.Context, actor Actor, userID int64, g identity.Grant) error {
	if _, err := identity.ParseRole(string(g.Role)); err != nil {
		return err
	}
	if err := s.db.GrantRole(ctx, userID, g); err != nil {
		return fmt.Errorf("grant role: %w", err)
	}
	return s.audit(ctx, actor, grantEntry(audit.RoleGranted, userID, g))
}

// Revoke takes role g.Role in unit g.UnitID from the user and audits it.
// Revoking a role the user does not have gives NotFound.
func (s *Service) Revoke(ctx context.Context, actor Actor, userID int64, g identity.Grant) error {
	if err := s.db.RevokeRole(ctx, userID, g); err != nil {
		return fmt.Errorf("revoke role: %w", err)
	}
	return s.audit(ctx, actor, grantEntry(audit.RoleRevoked, userID, g))
}

func grantEntry(a audit.Action, userID int64, g identity.Grant) audit.Entry {
	return audit.Entry{Action: a, ObjectType: "user", ObjectID: strconv.FormatInt(userID, 10),
		Detail: "role " + string(g.Role) + " in unit " + strconv.FormatInt(g.UnitID, 10)}
}

// CreateUnit stores a new organization unit (validated by the store
// against the tree as it is in the same transaction) and audits it.
// Invalid input gives an Invalid error with a message key per field (slug,
// name_sv, name_en, kind, parent_id, org_number); a taken slug gives
// Conflict.
func (s *Service) CreateUnit(ctx context.Context, actor Actor, u identity.Unit) (identity.Unit, error) {
	u, err := s.db.CreateUnit(ctx, u)
	if err != nil {
		return identity.Unit{}, err
	}
	err = s.audit(ctx, actor, audit.Entry{Action: audit.UnitCreated, ObjectType: "unit",
		ObjectID: strconv.FormatInt(u.ID, 10), Detail: "slug " + u.Slug})
	return u, err
}

// Tree returns the organization tree as it is now.
func (s *Service) Tree(ctx context.Context) (*identity.Tree, error) {
	return s.db.FindUnitTree(ctx)
}

// User returns the staff user with id and their grants, or NotFound.
func (s *Service) User(ctx context.Context, id int64) (identity.User, error) {
	return s.db.FindUserByID(ctx, id)
}

// UserByUsername returns the staff user with username and their grants,
// or NotFound.
func (s *Service) UserByUsername(ctx context.Context, username string) (identity.User, error) {
	return s.db.FindUserByUsername(ctx, username)
}

// Users returns every staff user with their grants, ordered by username.
func (s *Service) Users(ctx context.Context) ([]identity.User, error) {
	return s.db.FindUsers(ctx)
}

// ResetTOTP turns off a user's second factor and forgets its secret — for
// someone who lost their authenticator — ends the user's sessions and
// audits it. The user enrols again at their next login. NotFound for an
// unknown user.
func (s *Service) ResetTOTP(ctx context.Context, actor Actor, userID int64) error {
	u, err := s.db.FindUserByID(ctx, userID)
	if err != nil {
		return fmt.Errorf("reset second factor: %w", err)
	}
	if err := s.db.DisableTOTP(ctx, u.ID); err != nil {
		return fmt.Errorf("reset second factor: %w", err)
	}
	if _, err := s.db.DeleteUserSessions(ctx, u.ID); err != nil {
		return fmt.Errorf("reset second factor: %w", err)
	}
	return s.audit(ctx, actor, userEntry(audit.TOTPDisabled, u.ID, u.Username))
}
