package web

import (
	"net/url"
	"strconv"
	"strings"

	"sprang/internal/eservice"
)

// defaultMaxRepeat is how many instances a group may have when its
// question does not say.
const defaultMaxRepeat = 10

// maxRepeat returns the most instances group q may have.
func maxRepeat(q eservice.Question) int {
	if q.MaxRepeat > 0 {
		return q.MaxRepeat
	}
	return defaultMaxRepeat
}

// groupCount returns how many instances group q has in a: its count
// field, within 0 and the group's maximum, or 1 when the group was never
// answered (a group starts with one instance to fill in).
func groupCount(a eservice.Answers, q eservice.Question) int {
	v, ok := a[q.ID]
	if !ok || len(v) == 0 {
		return 1
	}
	n, err := strconv.Atoi(v[0])
	if err != nil || n < 0 {
		return 1
	}
	return min(n, maxRepeat(q))
}

// addressParts are the fields of an address question, after its id and a dot.
var addressParts = []string{"street", "postcode", "city"}

// owns reports whether key is a field of question q: its id, or a field
// under it (address parts, group instances).
func owns(q eservice.Question, key string) bool {
	return key == q.ID || strings.HasPrefix(key, q.ID+".")
}

// pageOwns reports whether key is a field of a question of page p.
func pageOwns(p eservice.Page, key string) bool {
	for _, q := range p.Questions {
		if q.Type != eservice.TypeInfo && owns(q, key) {
			return true
		}
	}
	return false
}

// typed reports whether key is a field a person types or picks for the
// plain (not group) question q: its id, or an address part. Files are
// set by the server from uploads, never from posted text.
func typed(q eservice.Question, key string) bool {
	switch q.Type {
	case eservice.TypeInfo, eservice.TypeFile, eservice.TypeGroup:
		return false
	case eservice.TypeAddress:
		part, ok := strings.CutPrefix(key, q.ID+".")
		return ok && (part == "street" || part == "postcode" || part == "city")
	}
	return key == q.ID
}

// postable reports whether key is a field page p's form may post, given
// the group instances in a: only these are read from a request.
func postable(p eservice.Page, key string, a eservice.Answers) bool {
	for _, q := range p.Questions {
		if q.Type != eservice.TypeGroup {
			if typed(q, key) {
				return true
			}
			continue
		}
		rest, ok := strings.CutPrefix(key, q.ID+".")
		if !ok {
			continue
		}
		is, inner, ok := strings.Cut(rest, ".")
		i, err := strconv.Atoi(is)
		if !ok || err != nil || i < 0 || i >= groupCount(a, q) || strconv.Itoa(i) != is {
			return false
		}
		for _, iq := range q.Questions {
			if typed(iq, inner) {
				return true
			}
		}
	}
	return false
}

// instanceField returns the field name of inner question q of instance i
// of group g.
func instanceField(g string, i int, q string) string {
	return g + "." + strconv.Itoa(i) + "." + q
}

// fileField is a file question's field on a page: its name and rule.
type fileField struct {
	Name string
	Rule eservice.FileRule
}

// fileFields returns the file fields of page p given the group instances
// in a: top-level file questions and those of every group instance.
func fileFields(p eservice.Page, a eservice.Answers) []fileField {
	var out []fileField
	for _, q := range p.Questions {
		switch q.Type {
		case eservice.TypeFile:
			out = append(out, fileField{q.ID, fileRule(q)})
		case eservice.TypeGroup:
			for i := range groupCount(a, q) {
				for _, iq := range q.Questions {
					if iq.Type == eservice.TypeFile {
						out = append(out, fileField{instanceField(q.ID, i, iq.ID), fileRule(iq)})
					}
				}
			}
		}
	}
	return out
}

// fileRule returns q's file rule, or the zero rule (the file store's
// defaults) when it has none.
func fileRule(q eservice.Question) eservice.FileRule {
	if q.File != nil {
		return *q.File
	}
	return eservice.FileRule{}
}

// postedPage returns the answers page p's form posted: the values of the
// fields it may post (others are ignored), each group's instance count and
// each file field's stored file from sofar (files come from uploads only,
// see fill_upload.go).
func postedPage(p eservice.Page, form url.Values, sofar eservice.Answers) eservice.Answers {
	out := eservice.Answers{}
	for k, vs := range form {
		if postable(p, k, sofar) {
			out[k] = vs
		}
	}
	for _, q := range p.Questions {
		if q.Type == eservice.TypeGroup {
			out[q.ID] = []string{strconv.Itoa(groupCount(sofar, q))}
		}
	}
	for _, f := range fileFields(p, sofar) {
		if v, ok := sofar[f.Name]; ok {
			out[f.Name] = v
		}
	}
	return out
}

// mergePage returns sofar with page p's fields replaced by those of page.
func mergePage(p eservice.Page, sofar, page eservice.Answers) eservice.Answers {
	out := sofar.Clone()
	for k := range out {
		if pageOwns(p, k) {
			delete(out, k)
		}
	}
	for k, v := range page {
		out[k] = v
	}
	return out
}

// stepAction is what a step's submit button asks for.
type stepAction struct {
	Kind  string // "continue", "save", "add", "remove" or "remove-file"
	Name  string // the group (add, remove) or the file field (remove-file)
	Index int    // remove: the instance, from 0
}

// parseAction reads the value of a step's action button: "save",
// "add:<group>", "remove:<group>:<i>", "remove-file:<field>"; anything
// else continues.
func parseAction(s string) stepAction {
	kind, rest, _ := strings.Cut(s, ":")
	switch kind {
	case "save":
		return stepAction{Kind: kind}
	case "add", "remove-file":
		if rest != "" {
			return stepAction{Kind: kind, Name: rest}
		}
	case "remove":
		g, is, ok := strings.Cut(rest, ":")
		if i, err := strconv.Atoi(is); ok && err == nil && i >= 0 {
			return stepAction{Kind: kind, Name: g, Index: i}
		}
	}
	return stepAction{Kind: "continue"}
}

// pageGroup returns the group question id of page p.
func pageGroup(p eservice.Page, id string) (eservice.Question, bool) {
	for _, q := range p.Questions {
		if q.Type == eservice.TypeGroup && q.ID == id {
			return q, true
		}
	}
	return eservice.Question{}, false
}

// applyAction changes a (a draft's answers with the page merged in) as act
// asks: one more instance of a group (up to its maximum), one instance
// less (the later ones move up), or a file removed. It reports whether
// act named something on page p.
func applyAction(p eservice.Page, a eservice.Answers, act stepAction) bool {
	switch act.Kind {
	case "add":
		g, ok := pageGroup(p, act.Name)
		if !ok {
			return false
		}
		a[g.ID] = []string{strconv.Itoa(min(groupCount(a, g)+1, maxRepeat(g)))}
		return true
	case "remove":
		g, ok := pageGroup(p, act.Name)
		if !ok || act.Index >= groupCount(a, g) {
			return false
		}
		removeInstance(a, g, act.Index)
		return true
	case "remove-file":
		for _, f := range fileFields(p, a) {
			if f.Name == act.Name {
				delete(a, f.Name)
				return true
			}
		}
	}
	return false
}

// removeInstance removes instance i of group g from a, moving the later
// instances up by one.
func removeInstance(a eservice.Answers, g eservice.Question, i int) {
	n := groupCount(a, g)
	for j := i; j < n; j++ {
		from, to := instancePrefix(g.ID, j+1), instancePrefix(g.ID, j)
		for k := range a {
			if strings.HasPrefix(k, to) {
				delete(a, k)
			}
		}
		if j == n-1 {
			break
		}
		for k, v := range a {
			if rest, ok := strings.CutPrefix(k, from); ok {
				a[to+rest] = v
				delete(a, k)
			}
		}
	}
	a[g.ID] = []string{strconv.Itoa(n - 1)}
}

// instancePrefix returns the prefix of the fields of instance i of group g.
func instancePrefix(g string, i int) string { return g + "." + strconv.Itoa(i) + "." }
