package eservice

import (
	"math"
	"slices"
	"strconv"
)

// form checks the pages and questions of a form.
func (c *checker) form(f Form) {
	c.indexForm(f)
	c.seen = map[string]bool{}
	switch {
	case len(f.Pages) == 0:
		c.add("form.pages", MsgPagesNone)
	case len(f.Pages) > MaxPages:
		c.add("form.pages", MsgPagesTooMany)
	}
	pageIDs := map[string]bool{}
	for pi, p := range f.Pages {
		path := "form.pages." + strconv.Itoa(pi)
		switch {
		case !idPattern.MatchString(p.ID):
			c.add(path+".id", MsgSpecID)
		case pageIDs[p.ID]:
			c.add(path+".id", MsgSpecIDTaken)
		}
		pageIDs[p.ID] = true
		c.text(path+".title", p.Title, true, false)
		switch {
		case len(p.Questions) == 0:
			c.add(path+".questions", MsgQuestionsNone)
		case len(p.Questions) > MaxQuestions:
			c.add(path+".questions", MsgQuestionsTooMany)
		}
		c.conditions(path+".show_if", p.ShowIf, c.ord)
		for qi, q := range p.Questions {
			c.question(path+".questions."+strconv.Itoa(qi), q, nil)
		}
	}
}

// indexForm records where every question is, in the order form checks
// them.
func (c *checker) indexForm(f Form) {
	ord := 0
	put := func(q Question, group string) {
		if _, ok := c.index[q.ID]; !ok {
			c.index[q.ID] = qinfo{ord: ord, q: q, group: group}
		}
		ord++
	}
	for _, p := range f.Pages {
		for _, q := range p.Questions {
			put(q, "")
			if q.Type != TypeGroup {
				continue
			}
			for _, child := range q.Questions {
				put(child, q.ID)
			}
		}
	}
}

// question checks question q at path; group is the group it is in, or nil.
func (c *checker) question(path string, q Question, group *Question) {
	ord := c.ord
	c.ord++
	switch {
	case !idPattern.MatchString(q.ID):
		c.add(path+".id", MsgSpecID)
	case c.seen[q.ID]:
		c.add(path+".id", MsgSpecIDTaken)
	}
	c.seen[q.ID] = true
	known := slices.Contains(QuestionTypes(), q.Type)
	if !known {
		c.add(path+".type", MsgQuestionType)
	}
	c.text(path+".label", q.Label, true, q.Type == TypeInfo)
	c.text(path+".hint", q.Hint, false, true)
	if q.Required && q.Type == TypeInfo {
		c.add(path+".required", MsgNotForType)
	}
	before := ord
	if group != nil {
		before = c.index[group.ID].ord
	}
	c.conditions(path+".show_if", q.ShowIf, before)
	if !known {
		return
	}
	c.options(path, q)
	c.lengths(path, q)
	c.bounds(path, q)
	c.pattern(path, q)
	c.fileRule(path, q)
	c.group(path, q, group)
}

// options checks the options of a choice or multichoice question, and
// that other types have none.
func (c *checker) options(path string, q Question) {
	fewest := map[QuestionType]int{TypeChoice: 2, TypeMulti: 1}[q.Type]
	switch {
	case fewest == 0 && len(q.Options) > 0:
		c.add(path+".options", MsgNotForType)
	case fewest == 0:
	case len(q.Options) < fewest:
		c.add(path+".options", MsgOptionsFew)
	case len(q.Options) > MaxOptions:
		c.add(path+".options", MsgOptionsTooMany)
	}
	values := map[string]bool{}
	for i, o := range q.Options {
		p := path + ".options." + strconv.Itoa(i)
		switch {
		case !optionPattern.MatchString(o.Value):
			c.add(p+".value", MsgOptionValue)
		case values[o.Value]:
			c.add(p+".value", MsgOptionTaken)
		}
		values[o.Value] = true
		c.text(p+".label", o.Label, true, false)
	}
	switch {
	case q.Display == "":
	case q.Type != TypeChoice:
		c.add(path+".display", MsgNotForType)
	case q.Display != "radio" && q.Display != "select":
		c.add(path+".display", MsgDisplay)
	}
}

// lengths checks MinLength and MaxLength of a text question, and that
// other types have none.
func (c *checker) lengths(path string, q Question) {
	limit := map[QuestionType]int{TypeText: MaxTextMax, TypeLongText: MaxLongTextMax}[q.Type]
	if limit == 0 {
		if q.MinLength != 0 {
			c.add(path+".min_length", MsgNotForType)
		}
		if q.MaxLength != 0 {
			c.add(path+".max_length", MsgNotForType)
		}
		return
	}
	if q.MinLength < 0 || q.MinLength > limit {
		c.add(path+".min_length", MsgLengthLimit)
	}
	if q.MaxLength < 0 || q.MaxLength > limit {
		c.add(path+".max_length", MsgLengthLimit)
	}
	if _, maxLen := TextLimits(q); q.MinLength > maxLen {
		c.add(path+".min_length", MsgLengthOrder)
	}
}

// bounds checks Min and Max: any numbers for a number question, whole
// numbers of choices for a multichoice question, nothing for other types.
func (c *checker) bounds(path string, q Question) {
	switch q.Type {
	case TypeNumber:
	case TypeMulti:
		for _, b := range []struct {
			v      *float64
			name   string
			lowest float64
		}{{q.Min, ".min", 0}, {q.Max, ".max", 1}} {
			if b.v != nil && (*b.v != math.Trunc(*b.v) || *b.v < b.lowest || *b.v > float64(len(q.Options))) {
				c.add(path+b.name, MsgChoiceCount)
			}
		}
	default:
		if q.Min != nil {
			c.add(path+".min", MsgNotForType)
		}
		if q.Max != nil {
			c.add(path+".max", MsgNotForType)
		}
		return
	}
	for _, v := range []*float64{q.Min, q.Max} {
		if v != nil && (math.IsNaN(*v) || math.IsInf(*v, 0)) {
			c.add(path+".min", MsgRangeOrder)
		}
	}
	if q.Min != nil && q.Max != nil && *q.Min > *q.Max {
		c.add(path+".min", MsgRangeOrder)
	}
}

// pattern checks the pattern of a text question and its message.
func (c *checker) pattern(path string, q Question) {
	if q.Pattern == "" {
		c.text(path+".pattern_message", q.PatternMessage, false, false)
		return
	}
	if q.Type != TypeText && q.Type != TypeLongText {
		c.add(path+".pattern", MsgNotForType)
		return
	}
	if _, err := compilePattern(q.Pattern); err != nil || len(q.Pattern) > maxPattern {
		c.add(path+".pattern", MsgPatternInvalid)
	}
	if q.PatternMessage.SV == "" {
		c.add(path+".pattern_message.sv", MsgPatternMessage)
	}
	c.text(path+".pattern_message", q.PatternMessage, false, false)
}

// fileRule checks the file rule of a file question, and that other types
// have none.
func (c *checker) fileRule(path string, q Question) {
	switch {
	case q.Type != TypeFile && q.File != nil:
		c.add(path+".file", MsgNotForType)
		return
	case q.Type != TypeFile:
		return
	case q.File == nil:
		c.add(path+".file", MsgFileRule)
		return
	}
	if len(q.File.Types) == 0 {
		c.add(path+".file.types", MsgFileType)
	}
	for i, t := range q.File.Types {
		if !slices.Contains(FileTypes(), t) || slices.Index(q.File.Types, t) < i {
			c.add(path+".file.types."+strconv.Itoa(i), MsgFileType)
		}
	}
	if q.File.MaxBytes < 1 || q.File.MaxBytes > MaxFileBytes {
		c.add(path+".file.max_bytes", MsgFileSize)
	}
}

// group checks a group question and its children, and that other types
// have no children.
func (c *checker) group(path string, q Question, parent *Question) {
	if q.Type != TypeGroup {
		if len(q.Questions) > 0 {
			c.add(path+".questions", MsgNotForType)
		}
		if q.MaxRepeat != 0 {
			c.add(path+".max_repeat", MsgNotForType)
		}
		return
	}
	if parent != nil {
		c.add(path+".type", MsgGroupNested)
		return
	}
	switch {
	case len(q.Questions) == 0:
		c.add(path+".questions", MsgGroupEmpty)
	case len(q.Questions) > MaxQuestions:
		c.add(path+".questions", MsgQuestionsTooMany)
	}
	if q.MaxRepeat < 0 || q.MaxRepeat > MaxRepeatLimit {
		c.add(path+".max_repeat", MsgMaxRepeat)
	}
	for i, child := range q.Questions {
		c.question(path+".questions."+strconv.Itoa(i), child, &q)
	}
}

// conditions checks the conditions cs at path, which may refer only to
// questions before place before in form order, outside groups.
func (c *checker) conditions(path string, cs []Condition, before int) {
	if len(cs) > MaxConditions {
		c.add(path, MsgConditionsTooMany)
	}
	for i, cond := range cs {
		p := path + "." + strconv.Itoa(i)
		ref, ok := c.index[cond.Question]
		switch {
		case !ok:
			c.add(p+".question", MsgConditionUnknown)
			continue
		case ref.group != "":
			c.add(p+".question", MsgConditionGroup)
			continue
		case ref.ord >= before:
			c.add(p+".question", MsgConditionLater)
			continue
		case ref.q.Type != TypeChoice && ref.q.Type != TypeMulti && ref.q.Type != TypeYesNo:
			c.add(p+".question", MsgConditionType)
			continue
		}
		switch {
		case len(cond.Values) == 0:
			c.add(p+".values", MsgConditionValues)
		case len(cond.Values) > maxCondValues:
			c.add(p+".values", MsgConditionsTooMany)
		}
		for j, v := range cond.Values {
			if !answerValue(ref.q, v) {
				c.add(p+".values."+strconv.Itoa(j), MsgConditionValue)
			}
		}
	}
}

// answerValue reports whether v is a possible answer of q, a choice,
// multichoice or yes/no question.
func answerValue(q Question, v string) bool {
	if q.Type == TypeYesNo {
		return v == "yes" || v == "no"
	}
	return hasOption(q, v)
}
