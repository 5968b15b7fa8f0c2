package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"runtime/debug"
	"sort"
	"strings"

	"sprang"
)

// version is set at build time with -ldflags "-X main.version=v1.2.3".
var version = "dev"

// command is one subcommand: its one-line help and its entry point, which
// receives the arguments after the subcommand name.
type command struct {
	help string
	run  func(ctx context.Context, args []string, getenv func(string) string, stdout io.Writer) error
}

// commands returns every subcommand by name.
func commands() map[string]command {
	return map[string]command{
		"serve":    {"run the platform", runServe},
		"demo":     {"run the platform with Swedish example content and demo logins on 127.0.0.1:8080", runDemo},
		"migrate":  {"bring the database schema up to date", runMigrate},
		"version":  {"print the version", runVersion},
		"user":     {"administer staff accounts: create, set-password, grant, revoke, list, reset-totp", runUser},
		"apitoken": {"API tokens: create one for a staff account (printed once), list a user's, set a token's own rate limits (apitoken create|list|limits)", runAPIToken},
		"backup":   {"write a consistent copy of the database to --to FILE while servers run", runBackup},
		"audit":    {"check the audit log's hash chain (audit verify) or search it (audit search)", runAudit},
		"unit":     {"create or list organization units (unit create --slug S --name N [--kind K] [--parent P]); the first makes the group", runUnit},
		"rekey":    {"move personal data onto the current secret key after a key rotation", runRekey},
	}
}

// run is the whole program: it dispatches args[0] to a subcommand. It
// returns an error for the caller to print; usage errors are *sprang.Error
// of kind Invalid.
func run(ctx context.Context, args []string, getenv func(string) string, stdout io.Writer) error {
	cmds := commands()
	if len(args) == 0 || isHelp(args[0]) {
		usage(stdout, cmds)
		return nil
	}
	cmd, ok := cmds[args[0]]
	if !ok {
		return sprang.Errorf(sprang.Invalid, "unknown command %q: run 'sprang help' to see the commands", args[0])
	}
	err := cmd.run(ctx, args[1:], getenv, stdout)
	if errors.Is(err, flag.ErrHelp) {
		return nil
	}
	if len(args) == 2 && isHelp(args[1]) && sprang.ErrorKind(err) == sprang.Invalid {
		// "sprang user -h": a command with subcommands answers with its usage.
		fmt.Fprintln(stdout, sprang.ErrorMessage(err))
		return nil
	}
	return err
}

// isHelp reports whether arg asks for help.
func isHelp(arg string) bool { return arg == "-h" || arg == "--help" || arg == "help" }

func usage(w io.Writer, cmds map[string]command) {
	names := make([]string, 0, len(cmds))
	for n := range cmds {
		names = append(names, n)
	}
	sort.Strings(names)
	fmt.Fprintln(w, "Språnget – the municipal group's digital platform.")
	fmt.Fprintln(w, "\nUsage: sprang COMMAND [flags]\n\nCommands:")
	for _, n := range names {
		fmt.Fprintf(w, "  %-10s %s\n", n, cmds[n].help)
	}
	fmt.Fprintln(w, "\nEvery command that uses the database takes --data DIR and --db URL (or SPRANG_DATA, SPRANG_DB).")
	fmt.Fprintln(w, "Run 'sprang COMMAND -h' for its flags.")
}

// exitCode is 2 for usage errors and 1 for everything else.
func exitCode(err error) int {
	if sprang.ErrorKind(err) == sprang.Invalid {
		return 2
	}
	return 1
}

func runVersion(_ context.Context, _ []string, _ func(string) string, stdout io.Writer) error {
	fmt.Fprintf(stdout, "sprang %s%s\n", version, buildSuffix())
	return nil
}

// buildSuffix returns " (go1.26.x)" plus the commit when the build has it.
func buildSuffix() string {
	bi, ok := debug.ReadBuildInfo()
	if !ok {
		return ""
	}
	parts := []string{bi.GoVersion}
	for _, s := range bi.Settings {
		if s.Key == "vcs.revision" && len(s.Value) >= 12 {
			parts = append(parts, s.Value[:12])
		}
	}
	return " (" + strings.Join(parts, ", ") + ")"
}
