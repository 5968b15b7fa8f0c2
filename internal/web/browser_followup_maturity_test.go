package web_test

// uiPagesMaturity returns the browser test rows of the maturity and competence self-assessments.
func uiPagesMaturity(e *uiEnv) []uiPage {
	return nil
}
