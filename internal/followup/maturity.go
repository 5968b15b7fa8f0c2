package followup

import (
	"math"
	"regexp"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"sprang"
)

// The maturity self-assessment (mognadsmätning), in the style of DiMiOS:
// once a year each unit answers questions in two dimensions, digital
// capability (digital förmåga: how well the unit can lead and use
// digitalization) and digital heritage (digitalt arv: how much of its
// existing processes, systems and information already are digital). Each
// question is answered on a scale from 0 (not at all) to 4 (fully), or
// "don't know". A dimension's score is the mean of its known answers as a
// percentage of the scale's top; the total is the mean of the two.

// Dimension is one of the two dimensions of the maturity assessment.
type Dimension string

// The dimensions.
const (
	Capability Dimension = "capability" // digital förmåga
	Heritage   Dimension = "heritage"   // digitalt arv
)

// Dimensions returns both dimensions in the order they are shown.
func Dimensions() []Dimension { return []Dimension{Capability, Heritage} }

// Valid reports whether d is one of Dimensions.
func (d Dimension) Valid() bool { return d == Capability || d == Heritage }

// The answer scale: 0–4, or DontKnow.
const (
	AnswerMin = 0
	AnswerMax = 4
	DontKnow  = -1 // "vet ej": counted as answered, left out of the score
)

// MaxMaturityQuestions is the most questions a year may have.
const MaxMaturityQuestions = 40

// maxQuestionText is the longest question text, in characters.
const maxQuestionText = 300

// MaturityQuestion is one question of a year's maturity assessment. Key
// identifies it within the year (lower-case letters, digits and hyphens);
// answers refer to it.
type MaturityQuestion struct {
	Key       string
	Dimension Dimension
	Text      Text
}

// keyFormat is the form of a question key.
var keyFormat = regexp.MustCompile(`^[a-z0-9][a-z0-9-]{0,31}$`)

// ValidateQuestions checks a year's questions: at least one in each
// dimension, at most MaxMaturityQuestions, unique well-formed keys, a
// known dimension and a Swedish text of at most 300 characters each. It
// returns nil or a sprang.Invalid error whose fields are "q<index>-key",
// "q<index>-sv", "q<index>-en", "q<index>-dimension" or "questions" and
// whose messages are i18n keys.
func ValidateQuestions(qs []MaturityQuestion) error {
	f := map[string]string{}
	seen := map[string]bool{}
	per := map[Dimension]int{}
	for i, q := range qs {
		p := "q" + strconv.Itoa(i)
		switch {
		case !keyFormat.MatchString(q.Key):
			f[p+"-key"] = "followup.maturity.err.key"
		case seen[q.Key]:
			f[p+"-key"] = "followup.maturity.err.key_taken"
		}
		seen[q.Key] = true
		if !q.Dimension.Valid() {
			f[p+"-dimension"] = "followup.maturity.err.dimension"
		}
		per[q.Dimension]++
		if msg := questionTextError(q.Text.SV, true); msg != "" {
			f[p+"-sv"] = msg
		}
		if msg := questionTextError(q.Text.EN, false); msg != "" {
			f[p+"-en"] = msg
		}
	}
	switch {
	case len(qs) > MaxMaturityQuestions:
		f["questions"] = "followup.maturity.err.too_many"
	case per[Capability] == 0 || per[Heritage] == 0:
		f["questions"] = "followup.maturity.err.both_dimensions"
	}
	return sprang.FieldErrors(f)
}

// questionTextError returns the message key of what is wrong with a
// question text, or "".
func questionTextError(s string, required bool) string {
	switch {
	case required && strings.TrimSpace(s) == "":
		return "followup.maturity.err.text_required"
	case !utf8.ValidString(s) || strings.ContainsFunc(s, isControl):
		return "followup.maturity.err.text_invalid"
	case utf8.RuneCountInString(s) > maxQuestionText:
		return "followup.maturity.err.text_long"
	}
	return ""
}

func isControl(r rune) bool { return r < 0x20 || r == 0x7f }

// ValidateAnswers checks a unit's answers to the questions: every
// question answered (AnswerMin–AnswerMax or DontKnow), no answer to a
// question not asked, and at least one answer other than DontKnow in
// each dimension (a score needs one). It returns nil or a sprang.Invalid
// error whose fields are the question keys (or "answers") and whose
// messages are i18n keys.
func ValidateAnswers(qs []MaturityQuestion, answers map[string]int) error {
	f := map[string]string{}
	asked := map[string]bool{}
	known := map[Dimension]int{}
	for _, q := range qs {
		asked[q.Key] = true
		a, ok := answers[q.Key]
		switch {
		case !ok:
			f[q.Key] = "followup.maturity.err.unanswered"
		case a != DontKnow && (a < AnswerMin || a > AnswerMax):
			f[q.Key] = "followup.maturity.err.scale"
		case a != DontKnow:
			known[q.Dimension]++
		}
	}
	for k := range answers {
		if !asked[k] {
			f["answers"] = "followup.maturity.err.unknown_question"
		}
	}
	if len(f) == 0 {
		for _, d := range Dimensions() {
			if known[d] == 0 {
				f["answers"] = "followup.maturity.err.all_unknown_" + string(d)
			}
		}
	}
	return sprang.FieldErrors(f)
}

// Score returns the unit's maturity from its answers: per dimension the
// mean of the known answers (DontKnow left out) as a percentage of
// AnswerMax, and the total as the mean of the two dimensions. A dimension
// without a known answer scores 0 (ValidateAnswers refuses such answers).
// The score's UnitID and Year are left for the caller.
func Score(qs []MaturityQuestion, answers map[string]int) MaturityScore {
	sum := map[Dimension]int{}
	n := map[Dimension]int{}
	for _, q := range qs {
		a, ok := answers[q.Key]
		if !ok || a == DontKnow || a < AnswerMin || a > AnswerMax {
			continue
		}
		sum[q.Dimension] += a
		n[q.Dimension]++
	}
	pct := func(d Dimension) float64 {
		if n[d] == 0 {
			return 0
		}
		return round1(100 * float64(sum[d]) / float64(n[d]*AnswerMax))
	}
	s := MaturityScore{Capability: pct(Capability), Heritage: pct(Heritage)}
	s.Total = round1((s.Capability + s.Heritage) / 2)
	return s
}

// round1 rounds to one decimal.
func round1(f float64) float64 { return math.Round(f*10) / 10 }

// MaturityAssessment is one unit's answers for a year, who submitted them
// and when, and the score they give (computed when they were saved, so the
// history stays as it was if a question changes later).
type MaturityAssessment struct {
	UnitID      int64
	Year        int
	Answers     map[string]int // question key → AnswerMin–AnswerMax or DontKnow
	SubmittedBy int64          // the staff user; 0 when the account is gone
	SubmittedAt time.Time
	Score       MaturityScore
}
