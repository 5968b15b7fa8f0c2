package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"strings"
	"text/tabwriter"
	"time"

	"sprang"
	"sprang/internal/audit"
	"sprang/internal/config"
)

// runAudit dispatches "audit verify" and "audit search".
func runAudit(ctx context.Context, args []string, getenv func(string) string, stdout io.Writer) error {
	if len(args) == 0 || isHelp(args[0]) {
		return sprang.Errorf(sprang.Invalid, "usage: sprang audit verify|search [flags]; run 'sprang audit search -h' for the filters")
	}
	switch args[0] {
	case "verify":
		return runAuditVerify(ctx, args[1:], getenv, stdout)
	case "search":
		return runAuditSearch(ctx, args[1:], getenv, stdout)
	}
	return sprang.Errorf(sprang.Invalid, "unknown audit subcommand %q: use verify or search", args[0])
}

// runAuditVerify checks the audit log's hash chain. It prints the number of
// entries and the head hash (worth keeping outside the database: a later
// verify can be compared with it), or the breaks, and then fails.
func runAuditVerify(ctx context.Context, args []string, getenv func(string) string, stdout io.Writer) error {
	cfg, err := config.Load("audit verify", args, getenv, stdout, nil)
	if err != nil {
		return err
	}
	db, err := openExisting(ctx, cfg, true)
	if err != nil {
		return err
	}
	defer func() { _ = db.Close() }()
	r, err := db.VerifyAudit(ctx)
	if err != nil {
		return fmt.Errorf("audit verify: %w", err)
	}
	first, broken := r.First()
	if !broken {
		fmt.Fprintf(stdout, "audit log intact: %d entries, head %s\n", r.Entries, headText(r.Last))
		return nil
	}
	fmt.Fprintf(stdout, "audit log BROKEN: %d entries read, %d break(s):\n", r.Entries, int64(len(r.Breaks))+r.MoreBreaks)
	for _, b := range r.Breaks {
		fmt.Fprintf(stdout, "  %s\n", b)
	}
	if r.MoreBreaks > 0 {
		fmt.Fprintf(stdout, "  … and %d more\n", r.MoreBreaks)
	}
	return sprang.Errorf(sprang.Conflict, "the audit log has been tampered with; first break: %s", first)
}

// headText describes the last entry of the chain.
func headText(h audit.Head) string {
	if h.ID == 0 {
		return "(empty log)"
	}
	return fmt.Sprintf("%s (entry %d)", h.Hash, h.ID)
}

// searchFlags are the filters of "audit search".
type searchFlags struct {
	action     string
	since      string
	until      string
	residentID int64
	before     int64
	limit      int
}

func (f *searchFlags) register(fs *flag.FlagSet) {
	fs.StringVar(&f.action, "action", "", "only this action, e.g. login.failure or personaldata.read")
	fs.StringVar(&f.since, "since", "", "only entries at or after DATE (YYYY-MM-DD, Swedish time) or an RFC 3339 time")
	fs.StringVar(&f.until, "until", "", "only entries before DATE (YYYY-MM-DD, Swedish time) or an RFC 3339 time")
	fs.Int64Var(&f.residentID, "resident-id", 0, "only entries touching the personal data of the resident with this id")
	fs.Int64Var(&f.before, "before", 0, "only entries with a smaller id (to page back)")
	fs.IntVar(&f.limit, "limit", audit.DefaultLimit, fmt.Sprintf("at most this many entries (1–%d)", audit.MaxLimit))
}

// filter validates the flags and turns them into an audit.Filter.
func (f *searchFlags) filter() (audit.Filter, error) {
	out := audit.Filter{Action: audit.Action(f.action), ResidentID: f.residentID, Before: f.before, Limit: f.limit}
	var err error
	if out.From, err = parseWhen("--since", f.since); err != nil {
		return out, err
	}
	if out.To, err = parseWhen("--until", f.until); err != nil {
		return out, err
	}
	switch {
	case f.limit < 1 || f.limit > audit.MaxLimit:
		return out, sprang.Errorf(sprang.Invalid, "--limit must be between 1 and %d", audit.MaxLimit)
	case f.residentID < 0 || f.before < 0:
		return out, sprang.Errorf(sprang.Invalid, "--resident-id and --before must be positive ids")
	}
	return out, nil
}

// stockholm is the time zone plain dates are read in and times shown in.
var stockholm = func() *time.Location {
	loc, err := time.LoadLocation("Europe/Stockholm")
	if err != nil {
		return time.FixedZone("CET", 3600)
	}
	return loc
}()

// parseWhen reads a date (midnight Swedish time) or an RFC 3339 time; ""
// is the zero time.
func parseWhen(flagName, s string) (time.Time, error) {
	if s == "" {
		return time.Time{}, nil
	}
	if t, err := time.ParseInLocation(time.DateOnly, s, stockholm); err == nil {
		return t, nil
	}
	if t, err := time.Parse(time.RFC3339, s); err == nil {
		return t, nil
	}
	return time.Time{}, sprang.Errorf(sprang.Invalid, "%s %q is not a date: write it like 2026-03-05 or 2026-03-05T14:00:00+01:00", flagName, s)
}

// runAuditSearch prints the matching audit entries as a table, newest first.
func runAuditSearch(ctx context.Context, args []string, getenv func(string) string, stdout io.Writer) error {
	var sf searchFlags
	cfg, err := config.Load("audit search", args, getenv, stdout, sf.register)
	if err != nil {
		return err
	}
	f, err := sf.filter()
	if err != nil {
		return err
	}
	db, err := openExisting(ctx, cfg, true)
	if err != nil {
		return err
	}
	defer func() { _ = db.Close() }()
	page, err := db.FindAuditEntries(ctx, f)
	if err != nil {
		return fmt.Errorf("audit search: %w", err)
	}
	return printAuditTable(stdout, page)
}

// printAuditTable writes page as aligned columns, then a paging hint.
func printAuditTable(w io.Writer, page audit.Page) error {
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, "ID\tTIME\tACTOR\tACTION\tOBJECT\tRESIDENT\tREASON\tDETAIL")
	for _, e := range page.Entries {
		fmt.Fprintf(tw, "%d\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n", e.ID, e.At.In(stockholm).Format("2006-01-02 15:04:05"),
			actorText(e), e.Action, objectText(e), idText(e.ResidentID), dash(e.Reason), dash(e.Detail))
	}
	if err := tw.Flush(); err != nil {
		return fmt.Errorf("audit search: write table: %w", err)
	}
	fmt.Fprintf(w, "%d entries", len(page.Entries))
	if page.More {
		fmt.Fprintf(w, "; older entries match: add --before %d", page.Next)
	}
	fmt.Fprintln(w)
	return nil
}

func actorText(e audit.Entry) string {
	s := string(e.ActorKind)
	if e.ActorID != 0 {
		s += fmt.Sprintf(":%d", e.ActorID)
	}
	if e.ActorName != "" {
		s += " (" + e.ActorName + ")"
	}
	return s
}

func objectText(e audit.Entry) string {
	return dash(strings.TrimSuffix(e.ObjectType+":"+e.ObjectID, ":"))
}

func idText(id int64) string {
	if id == 0 {
		return "-"
	}
	return fmt.Sprint(id)
}

// dash shows empty text as "-" so that columns stay readable.
func dash(s string) string {
	if s == "" {
		return "-"
	}
	return s
}
