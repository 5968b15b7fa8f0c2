package followup

import (
	"math"
	"sort"
)

// Initiatives that look alike: so that units can join forces rather than
// build the same thing twice, the portfolio flags pairs of initiatives
// owned by different units whose texts (title, description and benefit
// hypothesis) are alike. Likeness is the cosine of their TF-IDF vectors
// over the Swedish tokens of similarity_tokens.go: a word counts more the
// more often it occurs in the initiative (1 + log of its count) and the
// rarer it is in the portfolio (log((N+1)/(df+1)) + 1), so words every
// initiative uses ("digital", "tjänst") weigh little. The title is
// counted twice, as it says most about what the initiative is.

// SimilarityThreshold is the cosine from which two initiatives are
// flagged as alike. Chosen from the table tests (similarity_test.go):
// initiatives about the same thing in other words scored 0.38–0.59,
// unrelated ones of the same municipality under 0.05, even when they
// share words such as "e-tjänst"; 0.25 flags the first and not the
// second with a margin each way.
const SimilarityThreshold = 0.25

// SimilarPair is two initiatives of different owner units that look
// alike, A's id below B's, with their cosine similarity (0–1).
type SimilarPair struct {
	A, B  int64
	Score float64
}

// simTerm is one term of a sparse vector.
type simTerm struct {
	term int
	w    float64
}

// SimilarInitiatives returns the pairs of inis owned by different units
// whose similarity is at least threshold, the most alike first. Pairs of
// two initiatives that have both ended (closed or stopped) are left out:
// there is nothing left to join.
func SimilarInitiatives(inis []Initiative, threshold float64) []SimilarPair {
	vecs, terms := simTFIDF(inis)
	dense := make([]float64, terms) // the vector of inis[i], spread out
	var out []SimilarPair
	for i, a := range inis {
		for _, t := range vecs[i] {
			dense[t.term] = t.w
		}
		for j := i + 1; j < len(inis); j++ {
			b := inis[j]
			if a.OwnerUnitID == b.OwnerUnitID || (simEnded(a.Status) && simEnded(b.Status)) {
				continue
			}
			if s := simDot(dense, vecs[j]); s >= threshold {
				p := SimilarPair{A: a.ID, B: b.ID, Score: s}
				if p.A > p.B {
					p.A, p.B = p.B, p.A
				}
				out = append(out, p)
			}
		}
		for _, t := range vecs[i] {
			dense[t.term] = 0
		}
	}
	sort.SliceStable(out, func(i, j int) bool { return out[i].Score > out[j].Score })
	return out
}

// simEnded reports whether s ends an initiative.
func simEnded(s InitiativeStatus) bool { return s == StatusClosed || s == StatusStopped }

// simText is the text of ini that the check compares.
func simText(ini Initiative) string {
	return ini.Title + " " + ini.Title + " " + ini.Description + " " + ini.BenefitHypothesis
}

// simTFIDF returns the unit-length TF-IDF vector of each initiative and
// the number of distinct terms (the vectors' dimension).
func simTFIDF(inis []Initiative) ([][]simTerm, int) {
	ids := map[string]int{}
	counts := make([]map[int]int, len(inis))
	df := map[int]int{}
	for i, ini := range inis {
		counts[i] = map[int]int{}
		for _, t := range simTokens(simText(ini)) {
			id, ok := ids[t]
			if !ok {
				id = len(ids)
				ids[t] = id
			}
			if counts[i][id] == 0 {
				df[id]++
			}
			counts[i][id]++
		}
	}
	n := float64(len(inis))
	vecs := make([][]simTerm, len(inis))
	for i, c := range counts {
		v := make([]simTerm, 0, len(c))
		var norm float64
		for id, k := range c {
			w := (1 + math.Log(float64(k))) * (math.Log((n+1)/float64(df[id]+1)) + 1)
			v = append(v, simTerm{id, w})
			norm += w * w
		}
		for j := range v {
			v[j].w /= math.Sqrt(norm)
		}
		vecs[i] = v
	}
	return vecs, len(ids)
}

// simDot returns the dot product of a vector spread out as dense and the
// sparse vector b.
func simDot(dense []float64, b []simTerm) float64 {
	var s float64
	for _, t := range b {
		s += dense[t.term] * t.w
	}
	return s
}
