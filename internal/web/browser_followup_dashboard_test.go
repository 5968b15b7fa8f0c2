package web_test

// uiPagesDashboard returns the browser test rows of the follow-up dashboards and where digitalization is not used fully.
func uiPagesDashboard(e *uiEnv) []uiPage {
	return nil
}
