package web_test

// uiPagesAPITokens returns the browser test rows of these pages.
func uiPagesAPITokens(e *uiEnv) []uiPage { return nil }
