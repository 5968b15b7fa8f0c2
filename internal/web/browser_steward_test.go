package web_test

// uiPagesSteward returns the browser test rows of these pages.
func uiPagesSteward(e *uiEnv) []uiPage { return nil }
