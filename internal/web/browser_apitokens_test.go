package web_test

// uiPagesAPITokens returns the browser test rows of the API tokens page:
// the page, a token just made (shown once), and the create form refused
// without a label.
func uiPagesAPITokens(e *uiEnv) []uiPage {
	const form = `form[action="/personal/api-nycklar"]`
	return []uiPage{
		{name: "API tokens", as: "data", steps: open("/personal/api-nycklar")},
		{name: "API token created", as: "data", steps: open("/personal/api-nycklar", submit(form, "name", "Nattlig export av vattenprover"))},
		{name: "API tokens error", as: "data", steps: open("/personal/api-nycklar", submit(form, "name", " ")), status: 422},
		{name: "API tokens, case officer", as: "handlaggare", steps: open("/personal/api-nycklar")},
	}
}
