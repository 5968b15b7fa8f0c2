package main

import (
	"bufio"
	"context"
	"flag"
	"fmt"
	"io"
	"os"
	"strings"
	"text/tabwriter"

	"sprang"
	"sprang/internal/auth"
	"sprang/internal/config"
	"sprang/internal/identity"
	"sprang/internal/store"
)

// userCommands returns the subcommands of "sprang user".
func userCommands() map[string]func(ctx context.Context, c *cliAuth, f userFlags, stdout io.Writer) error {
	return map[string]func(ctx context.Context, c *cliAuth, f userFlags, stdout io.Writer) error{
		"create":       userCreate,
		"set-password": userSetPassword,
		"grant":        userGrant,
		"revoke":       userRevoke,
		"list":         userList,
		"reset-totp":   userResetTOTP,
	}
}

// userFlags are the flags of every "sprang user" subcommand; each uses
// those it needs.
type userFlags struct {
	username, name, unit, role string
	oidcSubject                string // links the account to this subject at the staff single sign-on
	oidcIssuer                 string // the configured staff single sign-on's issuer
	passwordStdin              bool
}

// runUser administers staff accounts from the command line: create,
// set-password, grant, revoke and list. Passwords are read from standard
// input, never from a flag: flags show up in the process list to every
// local user and in the shell history. Every change is audited with the
// actor "cli". It works while servers run on the same database.
func runUser(ctx context.Context, args []string, getenv func(string) string, stdout io.Writer) error {
	if len(args) == 0 || userCommands()[args[0]] == nil {
		return sprang.Errorf(sprang.Invalid, "usage: sprang user create|set-password|grant|revoke|list|reset-totp [flags]; run 'sprang user create -h' for the flags")
	}
	var f userFlags
	cfg, err := config.Load("user "+args[0], args[1:], getenv, stdout, func(fs *flag.FlagSet) {
		fs.StringVar(&f.username, "username", "", "the staff account's username")
		fs.StringVar(&f.name, "name", "", "display name (create)")
		fs.StringVar(&f.unit, "unit", "", "unit slug (create, grant, revoke)")
		fs.StringVar(&f.role, "role", "", "role: "+rolesText()+" (create, grant, revoke)")
		fs.StringVar(&f.oidcSubject, "oidc-subject", "", "the person's subject (sub) at the staff single sign-on, which then logs them in to this account (create)")
		fs.BoolVar(&f.passwordStdin, "password-stdin", false, "read the password from the first line of standard input (create; set-password always does)")
	})
	if err != nil {
		return err
	}
	f.oidcIssuer = cfg.StaffOIDC.Issuer
	c, err := openCLIAuth(ctx, cfg)
	if err != nil {
		return err
	}
	defer func() { _ = c.db.Close() }()
	return userCommands()[args[0]](ctx, c, f, stdout)
}

func rolesText() string {
	var rs []string
	for _, r := range identity.Roles() {
		rs = append(rs, string(r))
	}
	return strings.Join(rs, ", ")
}

// cliAuth is the database and the login service a command works with.
type cliAuth struct {
	db  *store.DB
	svc *auth.Service
}

// cliActor is who the audit log records for changes made on the command
// line.
func cliActor() auth.Actor { return auth.SystemActor("cli") }

// openCLIAuth opens and migrates the configured database and builds the
// login service on it.
func openCLIAuth(ctx context.Context, cfg config.Config) (*cliAuth, error) {
	box, err := openBox(cfg)
	if err != nil {
		return nil, err
	}
	db, err := openMigrated(ctx, cfg)
	if err != nil {
		return nil, err
	}
	return &cliAuth{db: db, svc: auth.New(db, box, cfg)}, nil
}

// stdinKey is the context key under which tests hand commands their
// standard input.
type stdinKey struct{}

// withStdin returns ctx carrying r as the standard input of commands.
func withStdin(ctx context.Context, r io.Reader) context.Context {
	return context.WithValue(ctx, stdinKey{}, r)
}

// readPassword returns the first line of the command's standard input
// (os.Stdin unless the context carries another).
func readPassword(ctx context.Context) (string, error) {
	in, ok := ctx.Value(stdinKey{}).(io.Reader)
	if !ok {
		in = os.Stdin
	}
	line, err := bufio.NewReader(in).ReadString('\n')
	if err != nil && err != io.EOF {
		return "", fmt.Errorf("read password from standard input: %w", err)
	}
	pw := strings.TrimRight(line, "\r\n")
	if pw == "" {
		return "", sprang.Errorf(sprang.Invalid, "no password on standard input: pipe it in, e.g. from a password manager")
	}
	return pw, nil
}

// grantFlags returns the grant named by --unit and --role.
func (c *cliAuth) grantFlags(ctx context.Context, f userFlags) (identity.Grant, error) {
	if f.unit == "" || f.role == "" {
		return identity.Grant{}, sprang.Errorf(sprang.Invalid, "--unit SLUG and --role ROLE are both needed")
	}
	role, err := identity.ParseRole(f.role)
	if err != nil {
		return identity.Grant{}, sprang.Errorf(sprang.Invalid, "--role must be one of %s", rolesText())
	}
	u, err := c.db.FindUnitBySlug(ctx, f.unit)
	if err != nil {
		return identity.Grant{}, fmt.Errorf("unit %q: %w", f.unit, err)
	}
	return identity.Grant{UnitID: u.ID, Role: role}, nil
}

// user returns the user named by --username.
func (c *cliAuth) user(ctx context.Context, f userFlags) (identity.User, error) {
	if f.username == "" {
		return identity.User{}, sprang.Errorf(sprang.Invalid, "name the staff account: --username NAME (apitoken: --user NAME)")
	}
	u, err := c.svc.UserByUsername(ctx, f.username)
	if err != nil {
		return identity.User{}, fmt.Errorf("user %q: %w", f.username, err)
	}
	return u, nil
}

func userCreate(ctx context.Context, c *cliAuth, f userFlags, stdout io.Writer) error {
	n := auth.NewUser{NewUser: identity.NewUser{Username: f.username, DisplayName: f.name}}
	if f.oidcSubject != "" {
		if f.oidcIssuer == "" {
			return sprang.Errorf(sprang.Invalid, "--oidc-subject needs the staff single sign-on configured (SPRANG_STAFF_OIDC_ISSUER)")
		}
		n.OIDCIssuer, n.OIDCSubject = f.oidcIssuer, f.oidcSubject
	}
	if f.unit != "" || f.role != "" {
		g, err := c.grantFlags(ctx, f)
		if err != nil {
			return err
		}
		n.Grants = []identity.Grant{g}
	}
	if f.passwordStdin {
		pw, err := readPassword(ctx)
		if err != nil {
			return err
		}
		n.Password = pw
	}
	u, err := c.svc.CreateUser(ctx, cliActor(), n)
	if err != nil {
		return cliError("create user", err)
	}
	fmt.Fprintf(stdout, "created user %s (id %d)\n", u.Username, u.ID)
	if n.Password == "" {
		fmt.Fprintln(stdout, "the account has no password: set one with 'sprang user set-password', or link it to single sign-on")
	}
	return nil
}

func userSetPassword(ctx context.Context, c *cliAuth, f userFlags, stdout io.Writer) error {
	u, err := c.user(ctx, f)
	if err != nil {
		return err
	}
	pw, err := readPassword(ctx)
	if err != nil {
		return err
	}
	if err := c.svc.SetPassword(ctx, cliActor(), u.ID, pw); err != nil {
		return cliError("set password", err)
	}
	fmt.Fprintf(stdout, "password of %s changed; the user's sessions have ended\n", u.Username)
	return nil
}

// userResetTOTP turns off a user's second factor, for someone who lost
// their authenticator; they enrol again after logging in.
func userResetTOTP(ctx context.Context, c *cliAuth, f userFlags, stdout io.Writer) error {
	u, err := c.user(ctx, f)
	if err != nil {
		return err
	}
	if err := c.svc.ResetTOTP(ctx, cliActor(), u.ID); err != nil {
		return cliError("reset second factor", err)
	}
	fmt.Fprintf(stdout, "second factor of %s reset; the user's sessions have ended\n", u.Username)
	return nil
}

func userGrant(ctx context.Context, c *cliAuth, f userFlags, stdout io.Writer) error {
	return c.changeGrant(ctx, f, stdout, true)
}

func userRevoke(ctx context.Context, c *cliAuth, f userFlags, stdout io.Writer) error {
	return c.changeGrant(ctx, f, stdout, false)
}

func (c *cliAuth) changeGrant(ctx context.Context, f userFlags, stdout io.Writer, grant bool) error {
	u, err := c.user(ctx, f)
	if err != nil {
		return err
	}
	g, err := c.grantFlags(ctx, f)
	if err != nil {
		return err
	}
	if grant {
		err = c.svc.Grant(ctx, cliActor(), u.ID, g)
	} else {
		err = c.svc.Revoke(ctx, cliActor(), u.ID, g)
	}
	if err != nil {
		return err
	}
	verb := map[bool]string{true: "granted", false: "revoked"}[grant]
	fmt.Fprintf(stdout, "%s %s in %s for %s\n", verb, g.Role, f.unit, u.Username)
	return nil
}

func userList(ctx context.Context, c *cliAuth, _ userFlags, stdout io.Writer) error {
	users, err := c.svc.Users(ctx)
	if err != nil {
		return err
	}
	t, err := c.svc.Tree(ctx)
	if err != nil {
		return err
	}
	w := tabwriter.NewWriter(stdout, 0, 4, 2, ' ', 0)
	fmt.Fprintln(w, "USERNAME\tNAME\tSTATUS\tROLES")
	for _, u := range users {
		fmt.Fprintf(w, "%s\t%s\t%s\t%s\n", u.Username, u.DisplayName, userStatus(u), grantsText(u, t))
	}
	return w.Flush()
}

func userStatus(u identity.User) string {
	s := "active"
	if u.Disabled {
		s = "disabled"
	}
	if u.TOTPEnabled {
		s += ",totp"
	}
	return s
}

func grantsText(u identity.User, t *identity.Tree) string {
	var out []string
	for _, g := range u.Grants {
		unit, _ := t.Unit(g.UnitID)
		out = append(out, string(g.Role)+"@"+unit.Slug)
	}
	if len(out) == 0 {
		return "-"
	}
	return strings.Join(out, " ")
}

// cliError turns the field errors of err into one readable line, since
// the command line has no form to show them on.
func cliError(op string, err error) error {
	fields := sprang.ErrorFields(err)
	if len(fields) == 0 {
		return fmt.Errorf("%s: %w", op, err)
	}
	var parts []string
	for k, v := range fields {
		parts = append(parts, k+": "+cliMessage(v))
	}
	return &sprang.Error{Kind: sprang.ErrorKind(err), Message: op + ": " + strings.Join(parts, "; ")}
}

// cliMessage returns the English text of a message key, or the key.
func cliMessage(key string) string {
	if t, ok := identity.Messages()[key]; ok {
		return t.EN
	}
	return key
}
