package main

import (
	"context"
	"flag"
	"fmt"
	"io"

	"sprang"
	"sprang/internal/config"
)

// runAPIToken creates an API token: "sprang apitoken create --user NAME
// [--name LABEL]". The token is printed once and only its hash is stored,
// so a lost token cannot be shown again: create a new one. The creation is
// audited with the actor "cli".
func runAPIToken(ctx context.Context, args []string, getenv func(string) string, stdout io.Writer) error {
	if len(args) == 0 || args[0] != "create" {
		return sprang.Errorf(sprang.Invalid, "usage: sprang apitoken create --user NAME [--name LABEL]")
	}
	var f userFlags
	var label string
	cfg, err := config.Load("apitoken create", args[1:], getenv, stdout, func(fs *flag.FlagSet) {
		fs.StringVar(&f.username, "user", "", "the staff account the token acts as")
		fs.StringVar(&label, "name", "api", "a label that says what the token is for")
	})
	if err != nil {
		return err
	}
	c, err := openCLIAuth(ctx, cfg)
	if err != nil {
		return err
	}
	defer func() { _ = c.db.Close() }()
	u, err := c.user(ctx, f)
	if err != nil {
		return err
	}
	token, err := c.svc.CreateAPIToken(ctx, cliActor(), u.ID, label)
	if err != nil {
		return cliError("create api token", err)
	}
	fmt.Fprintf(stdout, "API token for %s (shown once; only its hash is stored):\n%s\n", u.Username, token)
	return nil
}
