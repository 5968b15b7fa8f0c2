// Package i18n holds the user-facing text of the platform in Swedish (the
// first language) and English, and the Swedish conventions for dates,
// numbers and sorting. Every string a user sees goes through a Catalog key,
// so that both languages stay complete; a test checks that they do.
package i18n

import (
	"embed"
	"encoding/json"
	"fmt"
	"io/fs"
	"strings"

	"sprang/internal/identity"
)

// Lang is a supported UI language: a BCP 47 tag as used in <html lang>.
type Lang string

// The supported languages. Swedish comes first and is the default.
const (
	Swedish Lang = "sv"
	English Lang = "en"
)

// Langs lists the supported languages in the order the UI offers them.
var Langs = []Lang{Swedish, English}

// ParseLang returns the language named by s, or Swedish when s names none.
func ParseLang(s string) Lang {
	switch strings.ToLower(strings.TrimSpace(s)) {
	case "en", "en-gb", "en-us":
		return English
	default:
		return Swedish
	}
}

//go:embed locales/*.json
var localeFS embed.FS

// Catalog maps message keys to text, per language.
type Catalog struct {
	messages map[Lang]map[string]string
}

// Load reads the embedded message files. It returns an error when a file is
// missing or not a flat JSON object of strings.
func Load() (*Catalog, error) {
	c := &Catalog{messages: map[Lang]map[string]string{}}
	for _, l := range Langs {
		b, err := fs.ReadFile(localeFS, "locales/"+string(l)+".json")
		if err != nil {
			return nil, fmt.Errorf("read locale %s: %w", l, err)
		}
		m := map[string]string{}
		if err := json.Unmarshal(b, &m); err != nil {
			return nil, fmt.Errorf("parse locale %s: %w", l, err)
		}
		c.messages[l] = m
	}
	c.addDomainMessages()
	return c, nil
}

// addDomainMessages adds the texts that domain packages keep beside their
// rules (validation messages), so their errors translate like the rest.
// A key in the JSON files wins over a domain text.
func (c *Catalog) addDomainMessages() {
	for k, t := range identity.Messages() {
		c.addIfMissing(Swedish, k, t.SV)
		c.addIfMissing(English, k, t.EN)
	}
}

func (c *Catalog) addIfMissing(l Lang, key, text string) {
	if _, ok := c.messages[l][key]; !ok {
		c.messages[l][key] = text
	}
}

// MustLoad is Load for program start and tests; it panics on a broken
// embedded catalog, which is a build defect.
func MustLoad() *Catalog {
	c, err := Load()
	if err != nil {
		panic(err)
	}
	return c
}

// T returns the text for key in lang, formatted with args when given. A
// missing key falls back to Swedish and then to the key itself, so a gap
// shows up on screen and in the completeness test rather than as an error.
func (c *Catalog) T(lang Lang, key string, args ...any) string {
	s, ok := c.messages[lang][key]
	if !ok {
		s, ok = c.messages[Swedish][key]
	}
	if !ok {
		return key
	}
	if len(args) > 0 {
		return fmt.Sprintf(s, args...)
	}
	return s
}

// Has reports whether key exists in lang.
func (c *Catalog) Has(lang Lang, key string) bool {
	_, ok := c.messages[lang][key]
	return ok
}

// Keys returns every key of lang, unsorted.
func (c *Catalog) Keys(lang Lang) []string {
	keys := make([]string, 0, len(c.messages[lang]))
	for k := range c.messages[lang] {
		keys = append(keys, k)
	}
	return keys
}
