package demo

import (
	"context"
	"fmt"

	"sprang/internal/followup"
	"sprang/internal/store"
)

// SeedReport issues the follow-up report of last year (in Swedish time)
// as the demo account utveckling, with narratives of the development
// department, built from the example content through src (the web
// side's report sources, web.Server.ReportSources). It is idempotent:
// when a version of last year is issued already it does nothing, so a
// restarted demo keeps its report as it was issued.
func SeedReport(ctx context.Context, db *store.DB, src followup.ReportSources) error {
	year := db.Now().In(followup.Location()).Year() - 1
	issued, err := db.ReportVersions(ctx, year)
	if err != nil || len(issued) > 0 {
		return err
	}
	u, err := db.FindUserByUsername(ctx, "utveckling")
	if err != nil {
		return fmt.Errorf("demo report: %w", err)
	}
	draft, err := db.SaveReportDraft(ctx, year, reportNarratives(year), u.ID)
	if err != nil {
		return fmt.Errorf("demo report: %w", err)
	}
	r, err := followup.Build(ctx, src, year, draft.Narratives, db.Now())
	if err != nil {
		return fmt.Errorf("demo report: %w", err)
	}
	if _, err := db.IssueReport(ctx, r, u.ID); err != nil {
		return fmt.Errorf("demo report: %w", err)
	}
	return nil
}

// reportNarratives are the development department's texts of the demo
// report of year.
func reportNarratives(year int) followup.Narratives {
	return followup.Narratives{
		Introduction: fmt.Sprintf("Den här rapporten följer upp digitaliseringspolicyn för %d. "+
			"Siffrorna kommer direkt ur Språnget: ärenden, e-tjänster, öppna data och plattformens egen belastning, "+
			"kompletterade med de värden som förvaltningarna och bolagen har rapporterat in.\n\n"+
			"Rapporten är skriven av Utvecklingsavdelningen och behandlas av kommunstyrelsen.", year),
		Perspectives: map[followup.Perspective]string{
			followup.Trygghet: "Allt fler ärenden kommer in genom e-tjänsterna, men papper och telefon finns kvar för den som behöver dem. " +
				"Alla ärenden hanteras i samma flöde oavsett hur de kom in.",
			followup.Kompetens: "Kompetensskattningen visar var medarbetarna själva ser behov. " +
				"Resultat redovisas bara för grupper där minst fem personer har svarat.",
			followup.Ledarskap: "Initiativportföljen samlar koncernens digitaliseringsarbete. " +
				"Listan över var digitaliseringen inte används fullt ut är underlag för nästa års prioriteringar.",
			followup.Hallbarhet: "Digitala ärenden sparar papper, porto och resor. Plattformens egna sidor hålls små för att hålla nere energianvändningen.",
			followup.Innovation: "Fler datamängder har publicerats som öppna data och används genom API:et.",
		},
		Conclusion: "Utvecklingsavdelningen föreslår att arbetet fortsätter med de tjänster som fortfarande mest används på papper, " +
			"och att policyn ses över när nästa års rapport är klar.",
	}
}
