package web_test

import (
	"testing"

	"sprang/internal/files"
	"sprang/internal/store"
)

// uiPagesData returns the browser test rows of these pages.
func uiPagesData(e *uiEnv) []uiPage { return nil }

// seedOpenDataUI adds the datasets the open data pages show.
func seedOpenDataUI(t *testing.T, db *store.DB, fs *files.Store) {
	t.Helper()
}
