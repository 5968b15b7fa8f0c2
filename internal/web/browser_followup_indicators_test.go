package web_test

// uiPagesIndicators returns the browser test rows of the indicator registry, manual values and Kolada imports.
func uiPagesIndicators(e *uiEnv) []uiPage {
	return nil
}
