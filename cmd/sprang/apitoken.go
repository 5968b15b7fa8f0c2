package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"strconv"
	"strings"

	"sprang"
	"sprang/internal/config"
	"sprang/internal/store"
)

// apiTokenUsage is the usage of "sprang apitoken".
const apiTokenUsage = "usage: sprang apitoken create --user NAME [--name LABEL] | " +
	"apitoken list --user NAME | apitoken limits --id N [--per-minute N|default] [--per-day N|default]"

// runAPIToken manages API tokens: "create" makes one, "list" shows a
// user's tokens with their ids and limits, and "limits" gives a token its
// own rate limit and daily quota. It returns Invalid with the usage for
// anything else.
func runAPIToken(ctx context.Context, args []string, getenv func(string) string, stdout io.Writer) error {
	if len(args) == 0 {
		return sprang.Errorf(sprang.Invalid, apiTokenUsage)
	}
	switch args[0] {
	case "create":
		return apiTokenCreate(ctx, args[1:], getenv, stdout)
	case "list":
		return apiTokenList(ctx, args[1:], getenv, stdout)
	case "limits":
		return apiTokenLimits(ctx, args[1:], getenv, stdout)
	}
	return sprang.Errorf(sprang.Invalid, apiTokenUsage)
}

// apiTokenCreate creates an API token: "sprang apitoken create --user
// NAME [--name LABEL]". The token is printed once and only its hash is
// stored, so a lost token cannot be shown again: create a new one. The
// creation is audited with the actor "cli".
func apiTokenCreate(ctx context.Context, args []string, getenv func(string) string, stdout io.Writer) error {
	var f userFlags
	var label string
	cfg, err := config.Load("apitoken create", args, getenv, stdout, func(fs *flag.FlagSet) {
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

// apiTokenList prints the tokens of a user: "sprang apitoken list --user
// NAME", one a line with its id, name, state and limits.
func apiTokenList(ctx context.Context, args []string, getenv func(string) string, stdout io.Writer) error {
	var f userFlags
	cfg, err := config.Load("apitoken list", args, getenv, stdout, func(fs *flag.FlagSet) {
		fs.StringVar(&f.username, "user", "", "the staff account whose tokens to list")
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
	ts, err := c.svc.APITokenEntries(ctx, u.ID)
	if err != nil {
		return cliError("list api tokens", err)
	}
	for _, t := range ts {
		state := "live"
		if t.Revoked() {
			state = "revoked"
		}
		fmt.Fprintf(stdout, "%d\t%s\t%s\tper minute %s, per day %s\n", t.ID, t.Name, state,
			limitOrDefault(t.Limits.PerMinute), limitOrDefault(t.Limits.PerDay))
	}
	return nil
}

// limitOrDefault is a token's limit for the list: the number, or
// "default".
func limitOrDefault(n int) string {
	if n <= 0 {
		return "default"
	}
	return strconv.Itoa(n)
}

// apiTokenLimits gives a token its own limits: "sprang apitoken limits
// --id N [--per-minute N|default] [--per-day N|default]". A limit not
// given, or "default", returns to the API's default for tokens; the
// change is audited with the actor "cli" and the API applies it within
// half a minute. It returns Invalid for a value that is not a whole
// number in range and NotFound for an unknown or revoked token.
func apiTokenLimits(ctx context.Context, args []string, getenv func(string) string, stdout io.Writer) error {
	var id int64
	var minute, day string
	cfg, err := config.Load("apitoken limits", args, getenv, stdout, func(fs *flag.FlagSet) {
		fs.Int64Var(&id, "id", 0, "the token's id (see apitoken list)")
		fs.StringVar(&minute, "per-minute", "", "calls a minute, or default")
		fs.StringVar(&day, "per-day", "", "calls a UTC day, or default")
	})
	if err != nil {
		return err
	}
	if id <= 0 {
		return sprang.Errorf(sprang.Invalid, "name the token: --id N (see sprang apitoken list --user NAME)")
	}
	perMinute, err := parseCLILimit("--per-minute", minute, store.MaxAPITokenPerMinute)
	if err != nil {
		return err
	}
	perDay, err := parseCLILimit("--per-day", day, store.MaxAPITokenPerDay)
	if err != nil {
		return err
	}
	c, err := openCLIAuth(ctx, cfg)
	if err != nil {
		return err
	}
	defer func() { _ = c.db.Close() }()
	if err := c.svc.SetAPITokenLimits(ctx, cliActor(), id, perMinute, perDay); err != nil {
		return cliError(fmt.Sprintf("set limits of api token %d", id), err)
	}
	fmt.Fprintf(stdout, "limits of API token %d: per minute %s, per day %s\n", id, limitText(perMinute), limitText(perDay))
	return nil
}

// parseCLILimit reads the value of flag: nil for "" or "default", else a
// whole number from 1 to maxN (Invalid otherwise).
func parseCLILimit(flag, v string, maxN int) (*int, error) {
	v = strings.TrimSpace(v)
	if v == "" || strings.EqualFold(v, "default") {
		return nil, nil
	}
	n, err := strconv.Atoi(v)
	if err != nil || n < 1 || n > maxN {
		return nil, sprang.Errorf(sprang.Invalid, "%s: a whole number from 1 to %d, or default", flag, maxN)
	}
	return &n, nil
}

// limitText is a limit as set: the number, or "default".
func limitText(p *int) string {
	if p == nil {
		return "default"
	}
	return strconv.Itoa(*p)
}
