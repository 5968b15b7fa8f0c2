package ckan

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// fqTerm is one field:value term of a package_search filter query.
type fqTerm struct {
	field string
	value string
}

// fqError says why a filter query cannot be read: a message key and its
// argument (the offending text).
type fqError struct {
	key string
	arg string
}

func (e *fqError) Error() string { return e.key + ": " + e.arg }

// maxFQTerms caps the terms of one query.
const maxFQTerms = 50

// parseFQ reads a filter query in the subset of Solr's syntax that
// CKAN's clients send: terms field:value or field:"quoted value"
// separated by spaces, all of which must hold; a leading + and the word
// AND are allowed and mean the same. Negation, OR, parentheses, ranges
// and wildcards are not offered and are an error, as are a term without
// a field, an unclosed quote and more than maxFQTerms terms. When
// textAllowed (package_search's q), words without a field are returned as
// text instead of being an error. Nothing of the query ever reaches SQL:
// the caller maps each term's field to a known filter.
func parseFQ(s string, textAllowed bool) (terms []fqTerm, text string, err error) {
	var words []string
	for i := 0; ; {
		i = skipSpace(s, i)
		if i >= len(s) {
			break
		}
		if len(terms) >= maxFQTerms {
			return nil, "", &fqError{"api.fq.too_many", ""}
		}
		start := i
		if s[i] == '+' {
			if i++; i >= len(s) {
				break
			}
		}
		if s[i:] == "AND" || strings.HasPrefix(s[i:], "AND ") {
			i += 3
			continue
		}
		if s[i] == '-' || s[i] == '(' || s[i:] == "OR" || strings.HasPrefix(s[i:], "OR ") || s[i:] == "NOT" || strings.HasPrefix(s[i:], "NOT ") {
			return nil, "", &fqError{"api.fq.syntax", shortText(s[start:])}
		}
		field, rest, ok := fqField(s[i:])
		if !ok {
			word, n := fqWord(s[i:])
			if !textAllowed {
				return nil, "", &fqError{"api.fq.no_field", shortText(word)}
			}
			words = append(words, word)
			i += n
			continue
		}
		i += len(s[i:]) - len(rest)
		value, n, err := fqValue(rest)
		if err != nil {
			return nil, "", err
		}
		i += n
		terms = append(terms, fqTerm{field: field, value: value})
	}
	return terms, strings.Join(words, " "), nil
}

func skipSpace(s string, i int) int {
	for i < len(s) {
		r, n := utf8.DecodeRuneInString(s[i:])
		if !unicode.IsSpace(r) {
			break
		}
		i += n
	}
	return i
}

// fqField reads "name:" at the start of s: a name of letters, digits, _
// and . followed by a colon. It returns the name and what follows the
// colon.
func fqField(s string) (string, string, bool) {
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case c == ':' && i > 0:
			return s[:i], s[i+1:], true
		case c >= 'a' && c <= 'z', c >= 'A' && c <= 'Z', c >= '0' && c <= '9', c == '_', c == '.':
		default:
			return "", "", false
		}
	}
	return "", "", false
}

// fqWord reads a word up to the next space.
func fqWord(s string) (string, int) {
	i := 0
	for i < len(s) {
		r, n := utf8.DecodeRuneInString(s[i:])
		if unicode.IsSpace(r) {
			break
		}
		i += n
	}
	return s[:i], i
}

// fqValue reads a term's value: a quoted string (with \" and \\ escapes)
// or a word. Wildcards, ranges and groups are refused.
func fqValue(s string) (string, int, error) {
	if s == "" || unicode.IsSpace(rune(s[0])) {
		return "", 0, &fqError{"api.fq.no_value", ""}
	}
	if s[0] == '"' {
		var b strings.Builder
		for i := 1; i < len(s); i++ {
			switch s[i] {
			case '\\':
				if i+1 < len(s) {
					i++
					b.WriteByte(s[i])
				}
			case '"':
				return b.String(), i + 1, nil
			default:
				b.WriteByte(s[i])
			}
		}
		return "", 0, &fqError{"api.fq.quote", shortText(s)}
	}
	word, n := fqWord(s)
	if strings.ContainsAny(word, "*?()[]{}\"") {
		return "", 0, &fqError{"api.fq.syntax", shortText(word)}
	}
	return strings.ReplaceAll(word, `\`, ""), n, nil
}

// shortText returns s cut to 60 characters, for messages.
func shortText(s string) string {
	if utf8.RuneCountInString(s) <= 60 {
		return s
	}
	r := []rune(s)
	return string(r[:60]) + "…"
}
