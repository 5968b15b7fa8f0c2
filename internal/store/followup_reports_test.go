package store_test

import (
	"errors"
	"strings"
	"sync"
	"testing"
	"time"

	"sprang"
	"sprang/internal/audit"
	"sprang/internal/followup"
	"sprang/internal/identity"
	"sprang/internal/store"
	"sprang/internal/store/storetest"
)

// TestReportDraft saves and reads a year's narratives (normalized, who
// saved them), refuses narratives that are too long or a year out of
// range without storing anything, and audits each save.
func TestReportDraft(t *testing.T) {
	t.Parallel()
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		ctx := t.Context()
		u := mustUser(t, db, identity.NewUser{Username: "utveckling", DisplayName: "Utvecklare"})
		d, err := db.ReportDraft(ctx, 2025)
		if err != nil || d.Year != 2025 || !d.UpdatedAt.IsZero() || d.Narratives.Introduction != "" {
			t.Fatalf("empty draft = %+v, %v", d, err)
		}
		n := followup.Narratives{Introduction: "Året som gick.\r\n", Perspectives: map[followup.Perspective]string{followup.Kompetens: "Fler lär sig."}}
		d, err = db.SaveReportDraft(ctx, 2025, n, u.ID)
		if err != nil {
			t.Fatal(err)
		}
		if d.Narratives.Introduction != "Året som gick." || d.Narratives.For(followup.Kompetens) != "Fler lär sig." ||
			d.UpdatedBy != u.ID || d.UpdatedByName != "utveckling" || d.UpdatedAt.IsZero() {
			t.Errorf("saved draft = %+v", d)
		}
		n.Conclusion = "Slutsats"
		if _, err := db.SaveReportDraft(ctx, 2025, n, u.ID); err != nil {
			t.Fatal(err)
		}
		tooLong := followup.Narratives{Conclusion: strings.Repeat("x", followup.NarrativeMax+1)}
		_, err = db.SaveReportDraft(ctx, 2025, tooLong, u.ID)
		if sprang.ErrorKind(err) != sprang.Invalid || sprang.ErrorFields(err)["conclusion"] != followup.MsgNarrativeTooLong {
			t.Errorf("too long: %v %v", err, sprang.ErrorFields(err))
		}
		for _, y := range []int{1999, 2101} {
			if _, err := db.SaveReportDraft(ctx, y, n, u.ID); sprang.ErrorKind(err) != sprang.Invalid {
				t.Errorf("year %d: %v", y, err)
			}
		}
		d, err = db.ReportDraft(ctx, 2025)
		if err != nil || d.Narratives.Conclusion != "Slutsats" {
			t.Errorf("after the refusals = %+v, %v", d, err)
		}
		if other, _ := db.ReportDraft(ctx, 2024); other.Narratives.Introduction != "" {
			t.Errorf("another year has the narratives: %+v", other)
		}
		if got := reportActions(t, db); got[audit.FollowUpReportSaved] != 2 {
			t.Errorf("audit: %v", got)
		}
	})
}

// TestIssueReport issues versions 1 and 2 of a year, reads each back as
// it was frozen (also after the draft changed), lists the versions and
// the years, and audits each issue; a year without one is NotFound.
func TestIssueReport(t *testing.T) {
	t.Parallel()
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		ctx := t.Context()
		u := mustUser(t, db, identity.NewUser{Username: "utveckling", DisplayName: "Utvecklare"})
		if _, err := db.ReportVersion(ctx, 2025, 0); sprang.ErrorKind(err) != sprang.NotFound {
			t.Fatalf("nothing issued: %v", err)
		}
		first := sampleReport(2025, "Första", 120000)
		v1, err := db.IssueReport(ctx, first, u.ID)
		if err != nil || v1.Version != 1 || v1.IssuedByName != "utveckling" {
			t.Fatalf("issue 1 = %+v, %v", v1, err)
		}
		v2, err := db.IssueReport(ctx, sampleReport(2025, "Andra", 150000), u.ID)
		if err != nil || v2.Version != 2 {
			t.Fatalf("issue 2 = %+v, %v", v2, err)
		}
		if _, err := db.IssueReport(ctx, sampleReport(2024, "Förra året", 1), u.ID); err != nil {
			t.Fatal(err)
		}
		latest, err := db.ReportVersion(ctx, 2025, 0)
		if err != nil || latest.Version != 2 || latest.Report.Narratives.Introduction != "Andra" || latest.Report.Initiatives.BenefitSEK != 150000 {
			t.Errorf("latest = %+v, %v", latest, err)
		}
		old, err := db.ReportVersion(ctx, 2025, 1)
		if err != nil || old.Report.Narratives.Introduction != "Första" || old.Report.Initiatives.Items[0].Benefits[0].Description != "Mindre papper" ||
			!old.IssuedAt.Equal(v1.IssuedAt) || old.IssuedBy != u.ID {
			t.Errorf("version 1 = %+v, %v", old, err)
		}
		if _, err := db.ReportVersion(ctx, 2025, 3); sprang.ErrorKind(err) != sprang.NotFound {
			t.Errorf("version 3: %v", err)
		}
		vs, err := db.ReportVersions(ctx, 2025)
		if err != nil || len(vs) != 2 || vs[0].Version != 2 || vs[1].Version != 1 {
			t.Errorf("versions = %+v, %v", vs, err)
		}
		years, err := db.IssuedYears(ctx)
		if err != nil || len(years) != 2 || years[0].Year != 2025 || years[0].Latest != 2 || years[1].Year != 2024 || years[0].IssuedAt.IsZero() {
			t.Errorf("years = %+v, %v", years, err)
		}
		if _, err := db.IssueReport(ctx, sampleReport(1999, "x", 0), u.ID); sprang.ErrorKind(err) != sprang.Invalid {
			t.Errorf("year 1999: %v", err)
		}
		// The same report again, built later, issues nothing: the latest
		// version is returned with ErrReportUnchanged.
		again := sampleReport(2025, "Andra", 150000)
		again.BuiltAt = again.BuiltAt.Add(time.Hour)
		if v, err := db.IssueReport(ctx, again, u.ID); !errors.Is(err, store.ErrReportUnchanged) || v.Version != 2 || sprang.ErrorKind(err) != sprang.Conflict {
			t.Errorf("issue unchanged = %+v, %v; want version 2 and ErrReportUnchanged", v, err)
		}
		// A year that has not ended (in Swedish time) is refused.
		running := db.Now().In(followup.Location()).Year()
		if _, err := db.IssueReport(ctx, sampleReport(running, "Pågår", 1), u.ID); sprang.ErrorKind(err) != sprang.Invalid {
			t.Errorf("running year %d: %v", running, err)
		}
		if vs, err := db.ReportVersions(ctx, running); err != nil || len(vs) != 0 {
			t.Errorf("running year versions = %+v, %v", vs, err)
		}
		if got := reportActions(t, db); got[audit.FollowUpReportIssued] != 3 {
			t.Errorf("audit: %v", got)
		}
	})
}

// TestIssueReportTwiceAtOnce: two issues of the same report at once (a
// double-click) issue one version; the other gets ErrReportUnchanged.
func TestIssueReportTwiceAtOnce(t *testing.T) {
	t.Parallel()
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		ctx := t.Context()
		var wg sync.WaitGroup
		errs := make([]error, 2)
		for i := range errs {
			wg.Go(func() {
				r := sampleReport(2025, "Samma", 1000)
				r.BuiltAt = r.BuiltAt.Add(time.Duration(i) * time.Second)
				_, errs[i] = db.IssueReport(ctx, r, 0)
			})
		}
		wg.Wait()
		unchanged := 0
		for _, err := range errs {
			switch {
			case errors.Is(err, store.ErrReportUnchanged):
				unchanged++
			case err != nil:
				t.Errorf("issue: %v", err)
			}
		}
		if vs, err := db.ReportVersions(ctx, 2025); err != nil || len(vs) != 1 || unchanged != 1 {
			t.Errorf("versions = %+v, %v; unchanged answers %d, want 1 version and 1", vs, err, unchanged)
		}
	})
}

// TestIssuedReportFrozen: the database refuses to change or remove an
// issued version, from outside the store too, and the version reads as
// it was issued afterwards.
func TestIssuedReportFrozen(t *testing.T) {
	t.Parallel()
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		ctx := t.Context()
		if _, err := db.IssueReport(ctx, sampleReport(2025, "Fryst", 5000), 0); err != nil {
			t.Fatal(err)
		}
		raw := rawDB(t, db)
		for _, q := range []string{
			`UPDATE followup_report_versions SET snapshot = '{}'`,
			`UPDATE followup_report_versions SET issued_by_name = 'någon annan'`,
			`DELETE FROM followup_report_versions`,
		} {
			if _, err := raw.ExecContext(ctx, q); err == nil || !strings.Contains(err.Error(), "issued report is never") {
				t.Errorf("%s: %v", q, err)
			}
		}
		v, err := db.ReportVersion(ctx, 2025, 1)
		if err != nil || v.Report.Narratives.Introduction != "Fryst" || v.Report.Initiatives.BenefitSEK != 5000 || v.IssuedByName != "" {
			t.Errorf("after the attempts = %+v, %v", v, err)
		}
	})
}

// sampleReport is a small report of year with an introduction and one
// initiative whose benefit is worth sek.
func sampleReport(year int, intro string, sek float64) followup.Report {
	return followup.Report{Year: year, BuiltAt: time.Date(year+1, 1, 15, 8, 0, 0, 0, time.UTC),
		Narratives:          followup.Narratives{Introduction: intro},
		IndicatorsAvailable: true,
		Initiatives: followup.InitiativeSummary{Available: true, Benefits: 1, BenefitSEK: sek, Items: []followup.ReportInitiative{{
			ID: 1, Title: followup.Text{SV: "E-arkiv"}, Status: followup.StatusIntroduced, BenefitSEK: sek,
			Benefits: []followup.ReportBenefit{{Date: time.Date(year, 5, 1, 0, 0, 0, 0, time.UTC), Description: "Mindre papper", ValueSEK: sek}},
		}}},
	}
}

// reportActions counts the audit entries of the report's actions.
func reportActions(t *testing.T, db *store.DB) map[audit.Action]int {
	t.Helper()
	p, err := db.FindAuditEntries(t.Context(), audit.Filter{})
	if err != nil {
		t.Fatal(err)
	}
	out := map[audit.Action]int{}
	for _, e := range p.Entries {
		if e.ObjectType == "followup_report" {
			out[e.Action]++
		}
	}
	return out
}
