package web

import (
	"net/http"
	"slices"
	"strconv"
	"strings"

	"sprang"
	"sprang/internal/auth"
	"sprang/internal/i18n"
	"sprang/internal/identity"
)

// userRow is one user in the user list.
type userRow struct {
	identity.User
	Grants []grantRow
}

// usersPage is the user administration page: the users the administrator
// may see (see access.maySee) and the form to create one.
type usersPage struct {
	Users []userRow
}

func (s *Server) handleUsers(w http.ResponseWriter, r *http.Request) {
	s.renderUsers(w, r, http.StatusOK, nil, nil)
}

func (s *Server) renderUsers(w http.ResponseWriter, r *http.Request, status int, form map[string]string, formErr error) {
	acc, err := s.requireAnywhere(r, identity.ManageUsers)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	users, err := s.auth.Users(r.Context())
	if err != nil {
		s.fail(w, r, err)
		return
	}
	// People are listed by name in Swedish alphabetical order (å, ä, ö last).
	slices.SortStableFunc(users, func(a, b identity.User) int { return i18n.Compare(a.DisplayName, b.DisplayName) })
	p := usersPage{}
	for _, u := range users {
		if acc.maySee(u) {
			p.Users = append(p.Users, userRow{User: u, Grants: grantRows(u, acc.Tree)})
		}
	}
	v := s.view(r)
	v.Title = v.T("admin.users.title")
	v.Form = form
	if formErr != nil {
		showErrors(v, formErr, "username", "display_name", "password")
	}
	s.renderStatus(w, r, status, "admin_users", v.with(p))
}

// handleUserCreate creates a staff account and goes on to its page, where
// roles are granted. Any administrator may create accounts: a new account
// has no role, so it can do nothing until someone grants one in a unit
// they administer.
func (s *Server) handleUserCreate(w http.ResponseWriter, r *http.Request) {
	form, err := postedForm(w, r, "username", "display_name", "password")
	if err != nil {
		s.fail(w, r, err)
		return
	}
	acc, err := s.requireAnywhere(r, identity.ManageUsers)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	u, err := s.auth.CreateUser(r.Context(), acc.actor(), auth.NewUser{
		NewUser:  identity.NewUser{Username: form["username"], DisplayName: form["display_name"]},
		Password: form["password"],
	})
	if k := sprang.ErrorKind(err); k == sprang.Invalid || k == sprang.Conflict {
		form["password"] = ""
		s.renderUsers(w, r, http.StatusUnprocessableEntity, form, err)
		return
	}
	if err != nil {
		s.fail(w, r, err)
		return
	}
	http.Redirect(w, r, "/personal/anvandare/"+strconv.FormatInt(u.ID, 10), http.StatusSeeOther)
}

// userPage is the page of one user: name and status, roles, and the form
// to grant a role in a unit the administrator manages.
type userPage struct {
	User     identity.User
	Grants   []grantRow
	Units    []identity.Node // units the administrator may grant roles in
	Roles    []identity.Role
	Editable bool // whether the administrator may change name and status
	Saved    string
}

func (s *Server) handleUser(w http.ResponseWriter, r *http.Request) {
	s.renderUser(w, r, http.StatusOK, nil, nil)
}

func (s *Server) renderUser(w http.ResponseWriter, r *http.Request, status int, form map[string]string, formErr error) {
	acc, u, err := s.userToManage(r)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	p := userPage{User: u, Grants: grantRows(u, acc.Tree), Roles: identity.Roles(), Editable: acc.mayEdit(u),
		Saved: r.URL.Query().Get("sparat")}
	for _, n := range acc.Tree.Walk() {
		if acc.Can(identity.ManageUsers, n.ID) {
			p.Units = append(p.Units, n)
		}
	}
	v := s.view(r)
	v.Title = v.T("admin.user.title", u.Username)
	v.Form = form
	if v.Form == nil {
		v.Form = map[string]string{"display_name": u.DisplayName}
	}
	if formErr != nil {
		showErrors(v, formErr, "display_name", "unit", "role")
	}
	s.renderStatus(w, r, status, "admin_user", v.with(p))
}

// userToManage loads the access of the administrator and the user named by
// the {id} in the path. It returns Forbidden for a user the administrator
// may not see.
func (s *Server) userToManage(r *http.Request) (*access, identity.User, error) {
	acc, err := s.requireAnywhere(r, identity.ManageUsers)
	if err != nil {
		return nil, identity.User{}, err
	}
	id, err := strconv.ParseInt(r.PathValue("id"), 10, 64)
	if err != nil || id <= 0 {
		return nil, identity.User{}, errNoPage
	}
	u, err := s.auth.User(r.Context(), id)
	if err != nil {
		return nil, identity.User{}, err
	}
	if !acc.maySee(u) {
		return nil, identity.User{}, errForbidden
	}
	return acc, u, nil
}

// maySee reports whether the administrator may see u, in the user list and
// on the user page. Administrators on the group root see everyone; an
// administrator of a unit sees the users with a role in a unit they
// administer (theirs or one below it) and the users with no role at all,
// so that an account just created can be given its first role.
func (acc *access) maySee(u identity.User) bool {
	if len(u.Grants) == 0 || acc.Can(identity.ManageUsers, 0) {
		return true
	}
	for _, g := range u.Grants {
		if acc.Can(identity.ManageUsers, g.UnitID) {
			return true
		}
	}
	return false
}

// mayEdit reports whether the administrator may change u's name and
// status: they must manage users in every unit where u has a role (in the
// whole group when u has none), so nobody can disable someone above them.
func (acc *access) mayEdit(u identity.User) bool {
	if len(u.Grants) == 0 {
		return acc.Can(identity.ManageUsers, rootID(acc.Tree))
	}
	for _, g := range u.Grants {
		if !acc.Can(identity.ManageUsers, g.UnitID) {
			return false
		}
	}
	return true
}

// rootID returns the id of the group at the root of t, or 0.
func rootID(t *identity.Tree) int64 {
	if roots := t.Roots(); len(roots) > 0 {
		return roots[0].ID
	}
	return 0
}

// handleUserPost applies one of the user page's forms: action=update
// (name and status), grant or revoke (a role in a unit), logout (end all
// the user's sessions) or reset-totp (turn off the second factor of
// someone who lost their authenticator).
func (s *Server) handleUserPost(w http.ResponseWriter, r *http.Request) {
	form, err := postedForm(w, r, "action", "display_name", "disabled", "unit", "role")
	if err != nil {
		s.fail(w, r, err)
		return
	}
	acc, u, err := s.userToManage(r)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	err = s.applyUserAction(r, acc, u, form)
	if k := sprang.ErrorKind(err); k == sprang.Invalid {
		s.renderUser(w, r, http.StatusUnprocessableEntity, form, err)
		return
	}
	if err != nil {
		s.fail(w, r, err)
		return
	}
	http.Redirect(w, r, s.afterUserAction(r, acc, u.ID, form["action"]), http.StatusSeeOther)
}

// afterUserAction returns where to go after a done action on the user with
// id: back to their page, or to the user list when revoking their last role
// in the administrator's units put them out of the administrator's sight.
func (s *Server) afterUserAction(r *http.Request, acc *access, id int64, action string) string {
	if action == "revoke" {
		if u, err := s.auth.User(r.Context(), id); err == nil && !acc.maySee(u) {
			return "/personal/anvandare"
		}
	}
	return "/personal/anvandare/" + strconv.FormatInt(id, 10) + "?sparat=" + action
}

func (s *Server) applyUserAction(r *http.Request, acc *access, u identity.User, form map[string]string) error {
	ctx := r.Context()
	switch form["action"] {
	case "update", "logout", "reset-totp":
		if !acc.mayEdit(u) {
			return sprang.Errorf(sprang.Forbidden, "error.403.text")
		}
		switch form["action"] {
		case "logout":
			return s.auth.LogoutEverywhere(ctx, acc.actor(), u.ID)
		case "reset-totp":
			return s.auth.ResetTOTP(ctx, acc.actor(), u.ID)
		}
		name, disabled := form["display_name"], form["disabled"] != ""
		_, err := s.auth.UpdateUser(ctx, acc.actor(), u.ID, identity.UserUpdate{DisplayName: &name, Disabled: &disabled})
		return err
	case "grant", "revoke":
		g, err := grantOf(form)
		if err != nil {
			return err
		}
		if err := acc.require(identity.ManageUsers, g.UnitID); err != nil {
			return err
		}
		if form["action"] == "grant" {
			return s.auth.Grant(ctx, acc.actor(), u.ID, g)
		}
		return s.auth.Revoke(ctx, acc.actor(), u.ID, g)
	}
	return sprang.Errorf(sprang.Invalid, "form.invalid")
}

// grantOf reads a unit and a role from a form, with field errors for both.
func grantOf(form map[string]string) (identity.Grant, error) {
	f := map[string]string{}
	unit, err := strconv.ParseInt(strings.TrimSpace(form["unit"]), 10, 64)
	if err != nil || unit <= 0 {
		f["unit"] = "admin.user.unit_required"
	}
	role, err := identity.ParseRole(form["role"])
	if err != nil {
		f["role"] = identity.MsgRoleInvalid
	}
	if err := sprang.FieldErrors(f); err != nil {
		return identity.Grant{}, err
	}
	return identity.Grant{UnitID: unit, Role: role}, nil
}
