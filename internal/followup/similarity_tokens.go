package followup

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// The Swedish text analysis of the similarity check: words are runs of
// letters and digits, lower-cased (å, ä and ö are letters like any
// other), words of fewer than three letters and the stopwords below are
// dropped, and a common Swedish ending is stripped so that "ansökan",
// "ansökningar" and "ansökningarna" come near each other. It is
// deliberately simple: a light stemmer, not a full morphology; compound
// words are not split.

// simStopwords are common Swedish words that say nothing of what an
// initiative is about, and the municipality's own name for itself.
var simStopwords = map[string]bool{}

func init() {
	for _, w := range strings.Fields(`och att det som en på är av för med till den har de inte om ett
		men var sig från vi så kan man när år hon nu ska skall eller vid under efter hos alla också mer
		mot nya ny nytt vår våra vårt sina sin sitt deras dess där denna detta dessa genom utan över bli
		blir blev varit vara få får mycket samt även inom mellan vilka vilken vilket både fler flera
		kommun kommunen kommunens kommuner kommunerna ska även dem dig din ditt era oss the and
		bättre enklare ökad ökat minska minskad mindre`) {
		simStopwords[w] = true
	}
}

// simSuffixes are the endings stripped from a word, longest first:
// plural and definite forms of nouns, common derivations and verb forms.
var simSuffixes = []string{
	"ningarnas", "ningarna", "heternas", "heterna", "ningens", "ningars",
	"arnas", "ernas", "ornas", "ningar", "ningen", "heten", "heter", "andet", "endet",
	"arna", "erna", "orna", "ning", "ande", "ende", "aste", "ades", "ares", "het", "ens", "ast",
	"ade", "are", "ern", "era", "ar", "er", "or", "en", "an", "et", "na", "at", "te", "a", "e", "s",
}

// simStemMin is the shortest a stem may become by stripping.
const simStemMin = 3

// simStem strips the longest listed ending of w that leaves at least
// simStemMin letters; w unchanged when none does.
func simStem(w string) string {
	n := utf8.RuneCountInString(w)
	for _, s := range simSuffixes {
		if strings.HasSuffix(w, s) && n-utf8.RuneCountInString(s) >= simStemMin {
			return strings.TrimSuffix(w, s)
		}
	}
	return w
}

// simTokens returns the stemmed words of text that carry meaning, in order.
func simTokens(text string) []string {
	var out []string
	for _, w := range strings.FieldsFunc(strings.ToLower(text), simNotWordRune) {
		if utf8.RuneCountInString(w) < 3 || simStopwords[w] {
			continue
		}
		out = append(out, simStem(w))
	}
	return out
}

// simNotWordRune reports whether r separates words.
func simNotWordRune(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) }
