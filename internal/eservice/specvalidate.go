package eservice

import (
	"regexp"
	"slices"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"sprang"
	"sprang/internal/identity"
)

// Limits of a spec, checked by Validate.
const (
	MaxPages        = 30    // pages of a form
	MaxQuestions    = 60    // questions of a page, or of a group
	MaxOptions      = 50    // options of a choice or multichoice question
	MaxRepeatLimit  = 50    // the highest MaxRepeat of a group
	MaxStatuses     = 20    // statuses of a status list
	MaxKeywords     = 20    // search words
	MaxConditions   = 10    // conditions of one ShowIf
	MaxShortText    = 200   // titles, labels, options, statuses: characters
	MaxLongText     = 10000 // descriptions, hints, information texts: characters
	maxKeyword      = 40
	maxCondValues   = 50
	maxMinutes      = 600
	maxTargetDays   = 3650
	maxRetentionMon = 1200
)

// MsgSpecBlank is the message key of a text that holds only spaces.
const MsgSpecBlank = "eservice.spec.blank"

var (
	slugPattern   = regexp.MustCompile(`^[a-z0-9-]{2,60}$`)
	idPattern     = regexp.MustCompile(`^[a-z][a-z0-9_]{0,39}$`)
	optionPattern = regexp.MustCompile(`^[a-z0-9_-]{1,40}$`)
)

// FileTypes returns the media types a file question may accept, in the
// order the builder offers them.
func FileTypes() []string {
	return []string{"application/pdf", "image/jpeg", "image/png", "image/heic", "text/plain",
		"application/vnd.openxmlformats-officedocument.wordprocessingml.document",
		"application/vnd.oasis.opendocument.text"}
}

// Validate checks a spec for publishing or import: every required fact is
// set, texts are within their limits (MaxShortText, MaxLongText) without
// control characters, ids are well-formed and unique (page ids among the
// pages; question ids across the whole form, group children included),
// conditions refer to earlier choice, multichoice or yes/no questions
// outside groups and to their option values, patterns compile and have a
// message, limits make sense, the status list has one received status, at
// least one decided and one closed status, every Next id exists and every
// status can be reached, and the classification's rules hold (see Rules;
// level 3 also forbids the e-mail receipt, ConfirmByEmail). Format may be
// empty (Export sets it) or FormatVersion.
//
// It returns an Invalid *sprang.Error with Message MsgSpecInvalid whose
// Fields map paths of the JSON form, like "title.sv",
// "form.pages.0.questions.2.pattern" or "statuses.1.next", to message keys
// (the first problem found at each path), or nil.
func (s Spec) Validate() error {
	c := &checker{fields: map[string]string{}, index: map[string]qinfo{}}
	c.catalogue(s)
	c.login(s)
	c.privacy(s.Privacy)
	c.statuses(s.Statuses)
	c.form(s.Form)
	if len(c.fields) == 0 {
		return nil
	}
	return &sprang.Error{Kind: sprang.Invalid, Message: MsgSpecInvalid, Fields: c.fields}
}

// checker collects the problems of a spec, one message key per path.
type checker struct {
	fields map[string]string
	index  map[string]qinfo // question id → where it is (the first of that id)
	ord    int              // the number of questions checked so far
	seen   map[string]bool  // question ids checked so far
}

// qinfo is where a question is: its place in form order and its group.
type qinfo struct {
	ord   int
	q     Question
	group string // the id of the group it is in, or ""
}

func (c *checker) add(path, key string) {
	if _, ok := c.fields[path]; !ok {
		c.fields[path] = key
	}
}

// text checks an author's text: Swedish when required or when English is
// given, neither blank nor too long nor with control characters (long
// texts may have line breaks and tabs).
func (c *checker) text(path string, t Text, required, long bool) {
	if t.SV == "" && (required || t.EN != "") {
		c.add(path+".sv", MsgSpecRequired)
	}
	c.line(path+".sv", t.SV, long)
	c.line(path+".en", t.EN, long)
}

// line checks one string of an author's text.
func (c *checker) line(path, v string, long bool) {
	limit, tooLong := MaxShortText, MsgSpecShortTooLong
	if long {
		limit, tooLong = MaxLongText, MsgSpecLongTooLong
	}
	switch {
	case v != "" && strings.TrimSpace(v) == "":
		c.add(path, MsgSpecBlank)
	case !utf8.ValidString(v) || hasControl(v, long):
		c.add(path, MsgSpecControlChars)
	case utf8.RuneCountInString(v) > limit:
		c.add(path, tooLong)
	}
}

// hasControl reports whether v has a control character other than, when
// multiline, a line break or a tab.
func hasControl(v string, multiline bool) bool {
	return strings.IndexFunc(v, func(r rune) bool {
		return unicode.IsControl(r) && (!multiline || (r != '\n' && r != '\r' && r != '\t'))
	}) >= 0
}

// ReservedSlugs returns the URL names no service may take, because the
// catalogue's own pages use them (/e-tjanster/kvitto/… is the receipt).
func ReservedSlugs() []string { return []string{"kvitto"} }

// catalogue checks the facts the catalogue shows.
func (c *checker) catalogue(s Spec) {
	if s.Format != "" && s.Format != FormatVersion {
		c.add("format", MsgSpecFormat)
	}
	switch {
	case !slugPattern.MatchString(s.Slug):
		c.add("slug", MsgSpecSlug)
	case slices.Contains(ReservedSlugs(), s.Slug):
		c.add("slug", MsgSpecSlugReserved)
	}
	c.text("title", s.Title, true, false)
	c.text("summary", s.Summary, true, false)
	c.text("about", s.About, false, true)
	if !slices.Contains(Categories(), Category(s.Category)) {
		c.add("category", MsgSpecCategory)
	}
	if len(s.Keywords) > MaxKeywords {
		c.add("keywords", MsgSpecKeywords)
	}
	for i, k := range s.Keywords {
		if k == "" || k != strings.TrimSpace(k) || utf8.RuneCountInString(k) > maxKeyword || hasControl(k, false) || !utf8.ValidString(k) {
			c.add("keywords."+strconv.Itoa(i), MsgSpecKeyword)
		}
	}
	if s.UnitSlug != "" && !identity.ValidSlug(s.UnitSlug) {
		c.add("unit", MsgSpecUnit)
	}
	if s.Classification < ClassPublic || s.Classification > MaxClassification {
		c.add("classification", MsgSpecClass)
	}
	c.text("needs", s.NeedsText, false, true)
	if s.MinutesToFill < 0 || s.MinutesToFill > maxMinutes {
		c.add("minutes_to_fill", MsgSpecMinutes)
	}
	if s.TargetDays < 1 || s.TargetDays > maxTargetDays {
		c.add("target_days", MsgSpecTargetDays)
	}
	if s.Retention.Months < 1 || s.Retention.Months > maxRetentionMon {
		c.add("retention.months", MsgSpecMonths)
	}
	if s.Retention.Action != RetainAnonymize && s.Retention.Action != RetainDelete {
		c.add("retention.action", MsgSpecAction)
	}
	if p := s.OtherChannels.Phone; p != "" {
		if _, bad := cleanPhone(p); bad != nil || p != strings.TrimSpace(p) {
			c.add("other_channels.phone", MsgSpecPhone)
		}
	}
	c.text("other_channels.visit", s.OtherChannels.Visit, false, true)
	c.text("other_channels.post", s.OtherChannels.Post, false, true)
}

// login checks the login rule against the classification's rules.
func (c *checker) login(s Spec) {
	l := s.Login
	if s.Classification < ClassPublic || s.Classification > MaxClassification {
		return // reported by catalogue; the rules of an unknown level would only add noise
	}
	rule := Rules(s.Classification)
	if rule.EIDRequired {
		if !l.Required {
			c.add("login.required", MsgSpecLoginRequired)
		}
		if !l.EID {
			c.add("login.eid", MsgSpecLoginEID)
		}
		if !l.MinLoA.AtLeast(identity.LoA(rule.MinLoA)) {
			key := MsgSpecLoginLoA3
			if rule.MinLoA == string(identity.LoA2) {
				key = MsgSpecLoginLoA2
			}
			c.add("login.min_loa", key)
		}
	}
	if l.MinLoA != "" && !slices.Contains([]identity.LoA{identity.LoA1, identity.LoA2, identity.LoA3, identity.LoA4}, l.MinLoA) {
		c.add("login.min_loa", MsgSpecLoginLoA)
	}
	if l.Anonymous && !rule.AnonymousAllow {
		c.add("login.anonymous", MsgSpecAnonClass)
	}
	if l.Anonymous && l.Required {
		c.add("login.anonymous", MsgSpecAnonRequired)
	}
	if s.ConfirmByEmail && s.Classification >= ClassVerySerious {
		c.add("confirm_by_email", MsgSpecEmailClass)
	}
}

// privacy checks the privacy notice: every part is required.
func (c *checker) privacy(p Privacy) {
	c.text("privacy.purpose", p.Purpose, true, true)
	c.text("privacy.legal_basis", p.LegalBasis, true, true)
	c.text("privacy.retention", p.Retention, true, true)
	if p.Controller == "" {
		c.add("privacy.controller", MsgSpecRequired)
	}
	c.line("privacy.controller", p.Controller, false)
}

// statuses checks the status list.
func (c *checker) statuses(list []Status) {
	if len(list) > MaxStatuses {
		c.add("statuses", MsgStatusesTooMany)
	}
	ids := map[string]int{}
	kinds := map[StatusKind]int{}
	for i, st := range list {
		path := "statuses." + strconv.Itoa(i)
		switch _, dup := ids[st.ID]; {
		case !idPattern.MatchString(st.ID):
			c.add(path+".id", MsgSpecID)
		case dup:
			c.add(path+".id", MsgSpecIDTaken)
		default:
			ids[st.ID] = i
		}
		c.text(path+".label", st.Label, true, false)
		if !slices.Contains([]StatusKind{KindReceived, KindOpen, KindWaiting, KindDecided, KindClosed}, st.Kind) {
			c.add(path+".kind", MsgStatusKind)
		}
		kinds[st.Kind]++
	}
	for i, st := range list {
		for _, n := range st.Next {
			if _, ok := ids[n]; !ok || n == st.ID {
				c.add("statuses."+strconv.Itoa(i)+".next", MsgStatusNext)
			}
		}
	}
	switch {
	case kinds[KindReceived] != 1:
		c.add("statuses", MsgStatusReceived)
	case kinds[KindDecided] == 0:
		c.add("statuses", MsgStatusDecided)
	case kinds[KindClosed] == 0:
		c.add("statuses", MsgStatusClosed)
	default:
		c.reachable(list, ids)
	}
}

// reachable marks every status that cannot be reached from the received
// status.
func (c *checker) reachable(list []Status, ids map[string]int) {
	start := slices.IndexFunc(list, func(s Status) bool { return s.Kind == KindReceived })
	seen := map[int]bool{start: true}
	todo := []int{start}
	for len(todo) > 0 {
		i := todo[len(todo)-1]
		todo = todo[:len(todo)-1]
		for _, n := range list[i].Next {
			if j, ok := ids[n]; ok && !seen[j] {
				seen[j] = true
				todo = append(todo, j)
			}
		}
	}
	for i := range list {
		if !seen[i] {
			c.add("statuses."+strconv.Itoa(i), MsgStatusUnreachable)
		}
	}
}
