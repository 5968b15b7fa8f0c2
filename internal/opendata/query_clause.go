package opendata

import "strings"

// clauseParser reads a list of field names separated by commas, each
// optionally followed by a direction word (sort), as ParseSort and
// ParseFields document. It never slices outside s and always advances, so
// a loop of name calls ends.
type clauseParser struct {
	s          string
	i          int
	names      []string // known names, longest first
	param      string   // the request parameter, for errors
	unknown    string   // message key of an unknown field
	quote      string   // message key of a quote left open
	directions bool     // a word may follow a name (asc/desc)
}

// isSpace reports whether c separates a name from its direction.
func isSpace(c byte) bool { return c == ' ' || c == '\t' }

func (p *clauseParser) skipSpace() {
	for p.i < len(p.s) && isSpace(p.s[p.i]) {
		p.i++
	}
}

// done skips spaces and reports whether the input is used up.
func (p *clauseParser) done() bool {
	p.skipSpace()
	return p.i >= len(p.s)
}

// name reads the field name of the next clause. ok is false for an empty
// clause (a comma right away), which it consumes.
func (p *clauseParser) name() (name string, ok bool, err error) {
	p.skipSpace()
	if p.i >= len(p.s) {
		return "", false, nil
	}
	switch p.s[p.i] {
	case ',':
		p.i++
		return "", false, nil
	case '"':
		return p.quoted()
	}
	for _, n := range p.names {
		if n != "" && strings.HasPrefix(p.s[p.i:], n) && p.fitsAt(p.i+len(n)) {
			p.i += len(n)
			return n, true, nil
		}
	}
	return "", false, invalidQuery(p.param, p.unknown, p.clauseText())
}

// quoted reads a name in double quotes ("" is a quote inside) and checks
// that it is known.
func (p *clauseParser) quoted() (string, bool, error) {
	start := p.i
	var b strings.Builder
	j := p.i + 1
	for {
		k := strings.IndexByte(p.s[j:], '"')
		if k < 0 {
			p.i = len(p.s)
			return "", false, invalidQuery(p.param, p.quote, p.s[start:])
		}
		b.WriteString(p.s[j : j+k])
		j += k + 1
		if j < len(p.s) && p.s[j] == '"' {
			b.WriteByte('"')
			j++
			continue
		}
		break
	}
	p.i = j
	name := b.String()
	for _, n := range p.names {
		if n == name {
			return name, true, nil
		}
	}
	return "", false, invalidQuery(p.param, p.unknown, name)
}

// fitsAt reports whether a name ending at j ends the clause: spaces and
// then the end or a comma, or (with directions) spaces, one word, spaces
// and then the end or a comma.
func (p *clauseParser) fitsAt(j int) bool {
	if j < len(p.s) && !isSpace(p.s[j]) && p.s[j] != ',' {
		return false
	}
	rest := p.s[j:]
	if k := strings.IndexByte(rest, ','); k >= 0 {
		rest = rest[:k]
	}
	words := strings.Fields(rest)
	return len(words) == 0 || (p.directions && len(words) == 1)
}

// clauseText returns the rest of the clause, up to the next comma, trimmed
// and without a trailing direction, for an error message; it consumes it.
func (p *clauseParser) clauseText() string {
	rest := p.s[p.i:]
	if k := strings.IndexByte(rest, ','); k >= 0 {
		rest = rest[:k]
	}
	p.i += len(rest)
	text := strings.TrimSpace(rest)
	if p.directions {
		if k := strings.LastIndexAny(text, " \t"); k >= 0 {
			if w := strings.ToLower(text[k+1:]); w == "asc" || w == "desc" {
				text = strings.TrimSpace(text[:k])
			}
		}
	}
	return text
}

// tail reads what follows a name up to the next comma (which it
// consumes), trimmed.
func (p *clauseParser) tail() string {
	rest := p.s[p.i:]
	k := strings.IndexByte(rest, ',')
	if k < 0 {
		p.i = len(p.s)
		return strings.TrimSpace(rest)
	}
	p.i += k + 1
	return strings.TrimSpace(rest[:k])
}

// direction reads the direction after a sort key's name: none or asc is
// ascending, desc descending, in any case; anything else is an error.
func (p *clauseParser) direction() (desc bool, err error) {
	switch w := p.tail(); strings.ToLower(w) {
	case "", "asc":
		return false, nil
	case "desc":
		return true, nil
	default:
		return false, invalidQuery(p.param, MsgSortDirection, w)
	}
}

// end checks that nothing but spaces follows a name up to the next comma.
func (p *clauseParser) end(name string) error {
	if w := p.tail(); w != "" {
		return invalidQuery(p.param, p.unknown, strings.TrimSpace(name+" "+w))
	}
	return nil
}
