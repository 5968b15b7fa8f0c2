package web_test

// uiPagesPolicy returns the browser test rows of the policy pages.
func uiPagesPolicy(e *uiEnv) []uiPage {
	return nil
}
