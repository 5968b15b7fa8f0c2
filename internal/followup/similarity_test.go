package followup_test

import (
	"fmt"
	"math/rand/v2"
	"strings"
	"testing"

	"sprang/internal/followup"
)

// portfolio is a small portfolio of a municipal group, each initiative
// owned by its own unit unless said otherwise, as the backdrop for the
// pairs the tests compare (the weight of a word depends on the others).
func portfolio() []followup.Initiative {
	texts := []struct{ title, desc, hyp string }{
		{"E-arkiv för hela koncernen", "Ett gemensamt e-arkiv där förvaltningar och bolag bevarar allmänna handlingar digitalt enligt arkivlagen.", "Mindre pappersarkiv och snabbare utlämnande av allmänna handlingar."},
		{"Digital signering av beslut och avtal", "Politiska beslut, delegationsbeslut och avtal skrivs under med e-legitimation i stället för på papper.", "Kortare tid från beslut till expediering och mindre porto."},
		{"Sensorer i avfallskärl", "Fyllnadsgraden i återvinningskärl mäts med sensorer så att hämtningen planeras efter behov.", "Färre körda kilometer och lägre utsläpp från sopbilarna."},
		{"Energikartläggning med smarta elmätare", "Timvärden från elmätare används för att hitta fastigheter som drar mycket energi nattetid.", "Lägre energianvändning i kommunala lokaler."},
		{"Självservice för skolskjuts", "Vårdnadshavare ansöker om skolskjuts och ser beslutet i en e-tjänst.", "Färre telefonsamtal till skolskjutsenheten."},
		{"Egen app för medborgardialog", "En app där invånare lämnar förslag och röstar på andras förslag.", "Fler invånare deltar i dialogen."},
	}
	var out []followup.Initiative
	for i, t := range texts {
		out = append(out, followup.Initiative{ID: int64(100 + i), OwnerUnitID: int64(100 + i), Title: t.title,
			Description: t.desc, BenefitHypothesis: t.hyp, Status: followup.StatusOngoing})
	}
	return out
}

func TestSimilarInitiatives(t *testing.T) {
	t.Parallel()
	type side struct {
		unit             int64
		title, desc, hyp string
		status           followup.InitiativeStatus
	}
	tests := []struct {
		name  string
		a, b  side
		alike bool
	}{
		{"fault reports in two units", side{1, "Digital felanmälan i hyresbostäder", "Hyresgäster gör felanmälan om lägenheten i en e-tjänst och följer ärendet.", "Färre samtal till kundtjänst och snabbare åtgärder.", followup.StatusOngoing},
			side{2, "Felanmälan för gata och park", "Invånare gör felanmälan om gator, belysning och parker i en e-tjänst med karta.", "Snabbare åtgärder och färre samtal.", followup.StatusIntroduced}, true},
		{"booking of premises, other words", side{3, "Digital bokning av idrottshallar och lokaler", "Föreningar och invånare bokar idrottshallar, samlingslokaler och möteslokaler direkt i en bokningstjänst.", "Färre manuella bokningar och högre beläggning.", followup.StatusPreStudy},
			side{4, "Bokning av tvättstugor och gemensamhetslokaler", "Hyresgäster bokar tvättstuga och gemensamma lokaler digitalt i stället för med bokningstavla.", "Högre beläggning och färre manuella bokningar.", followup.StatusIdea}, true},
		{"inflected forms of the same words", side{5, "Ansökan om bygglov digitalt", "Sökande fyller i ansökan om bygglov och bifogar ritningar i en e-tjänst.", "Färre ofullständiga ansökningar.", followup.StatusOngoing},
			side{6, "Digitala bygglovsansökningar", "Ansökningarna om bygglov kommer in digitalt med ritningarna bifogade.", "Ofullständiga ansökningar blir färre.", followup.StatusIdea}, true},
		{"same unit is never flagged", side{7, "Digital felanmälan i hyresbostäder", "Hyresgäster gör felanmälan i en e-tjänst.", "", followup.StatusOngoing},
			side{7, "Felanmälan för hyresbostäder", "Hyresgäster gör felanmälan i en e-tjänst.", "", followup.StatusIdea}, false},
		{"both ended is never flagged", side{8, "Digital felanmälan i hyresbostäder", "Hyresgäster gör felanmälan i en e-tjänst.", "", followup.StatusClosed},
			side{9, "Felanmälan för hyresbostäder", "Hyresgäster gör felanmälan i en e-tjänst.", "", followup.StatusStopped}, false},
		{"unrelated: archive and waste bins", side{10, "Arkivering av personalakter", "Personalakter skannas och bevaras i arkivet.", "Mindre papper.", followup.StatusOngoing},
			side{11, "Tömning av kärl efter behov", "Sopbilarnas rutter planeras efter kärlens fyllnadsgrad.", "Färre körda kilometer.", followup.StatusOngoing}, false},
		{"unrelated sharing the word e-tjänst", side{12, "Självservice för parkeringstillstånd", "Invånare med rörelsehinder ansöker om parkeringstillstånd i en e-tjänst.", "Kortare handläggningstid.", followup.StatusOngoing},
			side{13, "Anmälan av hinder i barnomsorgen", "Vårdnadshavare anmäler frånvaro och hinder i en e-tjänst.", "Färre samtal till förskolan.", followup.StatusOngoing}, false},
		{"unrelated: chatbot and smart meters", side{14, "Chattbot för vägledning om hemtjänst", "En chattbot svarar på vanliga frågor om hemtjänst och trygghetslarm dygnet runt.", "Färre samtal till biståndshandläggarna.", followup.StatusPreStudy},
			side{15, "Smarta vattenmätare", "Vattenmätare läses av på distans varje timme.", "Läckor upptäcks tidigare.", followup.StatusIdea}, false},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			inis := portfolio()
			a := followup.Initiative{ID: 1, OwnerUnitID: tc.a.unit, Title: tc.a.title, Description: tc.a.desc, BenefitHypothesis: tc.a.hyp, Status: tc.a.status}
			b := followup.Initiative{ID: 2, OwnerUnitID: tc.b.unit, Title: tc.b.title, Description: tc.b.desc, BenefitHypothesis: tc.b.hyp, Status: tc.b.status}
			inis = append(inis, b, a)
			pairs := followup.SimilarInitiatives(inis, followup.SimilarityThreshold)
			found, score := false, 0.0
			for _, p := range pairs {
				if p.A == 1 && p.B == 2 {
					found, score = true, p.Score
				}
				if p.A >= 100 && p.B >= 100 {
					t.Errorf("backdrop pair flagged: %+v", p)
				}
			}
			all := followup.SimilarInitiatives(inis, 0)
			for _, p := range all {
				if p.A == 1 && p.B == 2 {
					score = p.Score
				}
			}
			if found != tc.alike {
				t.Errorf("flagged = %v (score %.3f), want %v", found, score, tc.alike)
			}
			t.Logf("score %.3f", score)
		})
	}
}

func TestSimilarInitiativesOrderAndBounds(t *testing.T) {
	t.Parallel()
	same := followup.Initiative{Title: "Digital felanmälan", Description: "Felanmälan i en e-tjänst.", Status: followup.StatusIdea}
	a, b, c := same, same, same
	a.ID, a.OwnerUnitID = 9, 1
	b.ID, b.OwnerUnitID = 3, 2
	c.ID, c.OwnerUnitID, c.Title = 5, 3, "Felanmälan om gator"
	pairs := followup.SimilarInitiatives([]followup.Initiative{a, b, c}, 0.01)
	if len(pairs) != 3 {
		t.Fatalf("pairs = %+v, want 3", pairs)
	}
	if pairs[0].A != 3 || pairs[0].B != 9 || pairs[0].Score < 0.999 || pairs[0].Score > 1.001 {
		t.Errorf("first pair = %+v, want the identical texts 3 and 9 with score 1", pairs[0])
	}
	for i := 1; i < len(pairs); i++ {
		if pairs[i].Score > pairs[i-1].Score {
			t.Errorf("not sorted by score: %+v", pairs)
		}
	}
	if got := followup.SimilarInitiatives([]followup.Initiative{{ID: 1, OwnerUnitID: 1}, {ID: 2, OwnerUnitID: 2}}, 0); len(got) != 1 || got[0].Score != 0 {
		t.Errorf("empty texts: %+v, want one pair scoring 0 (no NaN)", got)
	}
}

// BenchmarkSimilarInitiatives compares every pair of 500 initiatives of
// 50 units, each with a title of 6 words, a description of 60 and a
// hypothesis of 15, drawn from a vocabulary of 3,000 words with the
// common ones drawn more often (as in real text).
func BenchmarkSimilarInitiatives(b *testing.B) {
	vocab := make([]string, 3000)
	for i := range vocab {
		vocab[i] = "ord" + strings.Repeat(string(rune('a'+i%26)), 1+i/26%3) + fmt.Sprint(i)
	}
	rnd := rand.New(rand.NewPCG(1, 2))
	text := func(n int) string {
		ws := make([]string, n)
		for j := range ws {
			ws[j] = vocab[int(float64(len(vocab))*rnd.Float64()*rnd.Float64())]
		}
		return strings.Join(ws, " ")
	}
	inis := make([]followup.Initiative, 500)
	for i := range inis {
		inis[i] = followup.Initiative{ID: int64(i + 1), OwnerUnitID: int64(i%50 + 1), Status: followup.StatusOngoing,
			Title: text(6), Description: text(60), BenefitHypothesis: text(15)}
	}
	b.ReportAllocs()
	for b.Loop() {
		followup.SimilarInitiatives(inis, followup.SimilarityThreshold)
	}
}
