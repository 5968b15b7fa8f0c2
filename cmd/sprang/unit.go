package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"strings"
	"text/tabwriter"

	"sprang"
	"sprang/internal/config"
	"sprang/internal/identity"
)

// unitFlags are the flags of "sprang unit".
type unitFlags struct {
	slug, parent, kind, nameSV, nameEN, orgNumber string
}

// runUnit creates and lists organization units from the command line. On a
// new installation it makes the group (kommunkoncern) that the first
// administrator is granted their role in:
//
//	sprang unit create --slug kommunen --name "Exempels kommun" --kind group
//	sprang user create --username anna --name "Anna Admin" --password-stdin --unit kommunen --role administrator
//
// Every unit created is audited with the actor "cli".
func runUnit(ctx context.Context, args []string, getenv func(string) string, stdout io.Writer) error {
	if len(args) == 0 || (args[0] != "create" && args[0] != "list") {
		return sprang.Errorf(sprang.Invalid, "usage: sprang unit create|list [flags]; run 'sprang unit create -h' for the flags")
	}
	var f unitFlags
	cfg, err := config.Load("unit "+args[0], args[1:], getenv, stdout, func(fs *flag.FlagSet) {
		fs.StringVar(&f.slug, "slug", "", "short name used in URLs and commands, e.g. kommunen (create)")
		fs.StringVar(&f.nameSV, "name", "", "name in Swedish (create)")
		fs.StringVar(&f.nameEN, "name-en", "", "name in English (create; default: the Swedish name)")
		fs.StringVar(&f.kind, "kind", "", "group, forvaltning, bolag or avdelning (create; default: group when there is no unit yet)")
		fs.StringVar(&f.parent, "parent", "", "slug of the parent unit (create; not for the group)")
		fs.StringVar(&f.orgNumber, "org-number", "", "organisation number NNNNNN-NNNN (create; optional)")
	})
	if err != nil {
		return err
	}
	c, err := openCLIAuth(ctx, cfg)
	if err != nil {
		return err
	}
	defer func() { _ = c.db.Close() }()
	if args[0] == "list" {
		return unitList(ctx, c, stdout)
	}
	return unitCreate(ctx, c, f, stdout)
}

func unitCreate(ctx context.Context, c *cliAuth, f unitFlags, stdout io.Writer) error {
	tree, err := c.svc.Tree(ctx)
	if err != nil {
		return err
	}
	u := identity.Unit{Slug: f.slug, NameSV: f.nameSV, NameEN: f.nameEN, OrgNumber: f.orgNumber, Kind: identity.UnitKind(f.kind)}
	if u.NameEN == "" {
		u.NameEN = u.NameSV
	}
	if u.Kind == "" && len(tree.Walk()) == 0 {
		u.Kind = identity.KindGroup
	}
	if f.parent != "" {
		p, err := c.db.FindUnitBySlug(ctx, f.parent)
		if err != nil {
			return fmt.Errorf("--parent %q: %w (see 'sprang unit list')", f.parent, err)
		}
		u.ParentID = p.ID
	}
	u, err = c.svc.CreateUnit(ctx, cliActor(), u)
	if err != nil {
		return cliError("create unit", err)
	}
	fmt.Fprintf(stdout, "created unit %s (%s, id %d)\n", u.Slug, u.Kind, u.ID)
	return nil
}

func unitList(ctx context.Context, c *cliAuth, stdout io.Writer) error {
	tree, err := c.svc.Tree(ctx)
	if err != nil {
		return err
	}
	w := tabwriter.NewWriter(stdout, 2, 4, 2, ' ', 0)
	fmt.Fprintln(w, "SLUG\tKIND\tNAME\tORG NUMBER")
	for _, n := range tree.Walk() {
		fmt.Fprintf(w, "%s%s\t%s\t%s\t%s\n", strings.Repeat("  ", n.Depth), n.Slug, n.Kind, n.NameSV, n.OrgNumber)
	}
	return w.Flush()
}
