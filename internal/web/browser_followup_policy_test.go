package web_test

// uiPagesPolicy returns the browser test rows of the policy pages: the
// public policy, the staff page with the
// history, the editing form and the form refused (422: no reason, a
// section without Swedish text, a goal without perspective), the demo's
// second revision with what changed since the first, the first revision,
// and the form forbidden for a role without ManageFollowUp (403).
func uiPagesPolicy(_ *uiEnv) []uiPage {
	const form = `form[action="/personal/policy/redigera"]`
	return []uiPage{
		{name: "policy public", steps: open("/uppfoljning/policy")},
		{name: "policy staff", as: "utveckling", steps: open("/personal/policy")},
		{name: "policy staff, case officer", as: "handlaggare", steps: open("/personal/policy")},
		{name: "policy edit", as: "utveckling", steps: open("/personal/policy/redigera")},
		{name: "policy edit error", as: "utveckling", steps: open("/personal/policy/redigera",
			submit(form, "reason", "", "sec-kompetens-body_sv", "", "goal-10-text_sv", "Ett mål utan perspektiv")), status: 422},
		{name: "policy revision with changes", as: "utveckling", steps: open("/personal/policy/versioner/2")},
		{name: "policy first revision", as: "data", steps: open("/personal/policy/versioner/1")},
		{name: "policy edit forbidden", as: "handlaggare", steps: open("/personal/policy/redigera"), status: 403},
	}
}
