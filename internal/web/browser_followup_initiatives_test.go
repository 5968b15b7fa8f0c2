package web_test

// uiPagesInitiatives returns the browser test rows of the initiative portfolio.
func uiPagesInitiatives(e *uiEnv) []uiPage {
	return nil
}
