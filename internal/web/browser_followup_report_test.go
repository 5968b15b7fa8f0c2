package web_test

// uiPagesReport returns the browser test rows of the yearly follow-up report.
func uiPagesReport(e *uiEnv) []uiPage {
	return nil
}
