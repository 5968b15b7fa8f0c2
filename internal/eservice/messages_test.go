package eservice_test

import (
	"regexp"
	"slices"
	"strings"
	"testing"

	"sprang/internal/eservice"
	"sprang/internal/i18n"
)

var placeholder = regexp.MustCompile(`%[dsv]`)

// TestMessages checks that every text exists in both languages, with the
// same placeholders in the same order, under an "eservice." key.
func TestMessages(t *testing.T) {
	t.Parallel()
	for key, text := range eservice.Messages() {
		if !strings.HasPrefix(key, "eservice.") {
			t.Errorf("key %q lacks the eservice. prefix", key)
		}
		if strings.TrimSpace(text.SV) == "" || strings.TrimSpace(text.EN) == "" {
			t.Errorf("key %q lacks a text: %+v", key, text)
		}
		if sv, en := placeholder.FindAllString(text.SV, -1), placeholder.FindAllString(text.EN, -1); !slices.Equal(sv, en) {
			t.Errorf("key %q: placeholders %v in Swedish, %v in English", key, sv, en)
		}
		if text.SV == text.EN {
			t.Errorf("key %q is not translated: %q", key, text.SV)
		}
	}
}

// TestMessagesInCatalog checks that the catalog carries every text, so the
// web layer translates this package's keys like any other.
func TestMessagesInCatalog(t *testing.T) {
	t.Parallel()
	c := i18n.MustLoad()
	for key := range eservice.Messages() {
		for _, l := range i18n.Langs {
			if !c.Has(l, key) {
				t.Errorf("the catalog lacks %q in %s", key, l)
			}
		}
	}
}
