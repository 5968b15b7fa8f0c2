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

	"sprang/internal/eservice"
	"sprang/internal/identity"
	"sprang/internal/opendata"
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

// Load reads the embedded message files: for each language, "<lang>.json"
// and any "<area>.<lang>.json" (one file per area of the platform, so that
// areas grow without touching each other). It returns an error when a file
// is missing or not a flat JSON object of strings, or when two files of a
// language define the same key.
func Load() (*Catalog, error) {
	c := &Catalog{messages: map[Lang]map[string]string{}}
	for _, l := range Langs {
		m, err := loadLang(l)
		if err != nil {
			return nil, err
		}
		c.messages[l] = m
	}
	c.addDomainMessages()
	return c, nil
}

// loadLang merges the message files of language l.
func loadLang(l Lang) (map[string]string, error) {
	names, err := fs.Glob(localeFS, "locales/*"+string(l)+".json")
	if err != nil {
		return nil, fmt.Errorf("list locale %s: %w", l, err)
	}
	m := map[string]string{}
	for _, name := range names {
		base := strings.TrimPrefix(name, "locales/")
		if base != string(l)+".json" && !strings.HasSuffix(base, "."+string(l)+".json") {
			continue
		}
		if err := mergeFile(m, name); err != nil {
			return nil, err
		}
	}
	if len(m) == 0 {
		return nil, fmt.Errorf("read locale %s: no messages", l)
	}
	return m, nil
}

// mergeFile adds the messages of one file to m, refusing duplicate keys.
func mergeFile(m map[string]string, name string) error {
	b, err := fs.ReadFile(localeFS, name)
	if err != nil {
		return fmt.Errorf("read %s: %w", name, err)
	}
	part := map[string]string{}
	if err := json.Unmarshal(b, &part); err != nil {
		return fmt.Errorf("parse %s: %w", name, err)
	}
	for k, v := range part {
		if _, dup := m[k]; dup {
			return fmt.Errorf("parse %s: key %q is defined twice", name, k)
		}
		m[k] = v
	}
	return nil
}

// addDomainMessages adds the texts that domain packages keep beside their
// rules (validation messages), so their errors translate like the rest.
// A key in the JSON files wins over a domain text.
func (c *Catalog) addDomainMessages() {
	for k, t := range identity.Messages() {
		c.addIfMissing(Swedish, k, t.SV)
		c.addIfMissing(English, k, t.EN)
	}
	for k, t := range eservice.Messages() {
		c.addIfMissing(Swedish, k, t.SV)
		c.addIfMissing(English, k, t.EN)
	}
	for k, t := range opendata.Messages() {
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
