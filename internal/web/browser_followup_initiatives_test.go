package web_test

// uiPagesInitiatives returns the browser test rows of the initiative
// portfolio, over the demo's initiatives: the first is the digital
// building permit application (with benefits over time), the fifth the
// waste bin sensors (a supplier with its three criteria assessed). The
// rows that submit forms submit them wrong, so they change nothing. A
// case officer is offered no form to submit, so the 403 of a case
// officer's POST is checked over HTTP (TestInitiativePages), and here
// the read-only pages a case officer sees. Removing the supplier of the
// fifth without ticking the confirmation is refused and shows the box.
func uiPagesInitiatives(e *uiEnv) []uiPage {
	return []uiPage{
		{name: "initiatives list", as: "utveckling", steps: open("/personal/initiativ")},
		{name: "initiatives list filtered", as: "handlaggare", steps: open("/personal/initiativ?status=introduced&perspektiv=trygghet")},
		{name: "initiatives create error", as: "utveckling", steps: open("/personal/initiativ",
			submit(`form[method="post"][action="/personal/initiativ"]`, "title", " ", "start", "1 mars")), status: 422},
		{name: "initiatives detail", as: "utveckling", steps: open("/personal/initiativ/5")},
		{name: "initiatives edit", as: "utveckling", steps: open("/personal/initiativ/1?andra=1")},
		{name: "initiatives edit error", as: "utveckling", steps: open("/personal/initiativ/1?andra=1",
			submit(`form[action="/personal/initiativ/1"]`, "end", "2001-01-01", "supplier_org", "123", "services", "finns-inte")), status: 422},
		{name: "initiatives remove supplier unconfirmed", as: "utveckling", steps: open("/personal/initiativ/5?andra=1",
			submit(`form[action="/personal/initiativ/5"]`, "supplier_name", "", "supplier_org", "")), status: 422},
		{name: "initiatives detail read-only", as: "handlaggare", steps: open("/personal/initiativ/1")},
		{name: "initiatives benefit error", as: "utveckling", steps: open("/personal/initiativ/1",
			submit(`form[action="/personal/initiativ/1/nytta"]`, "benefit_date", "igår", "benefit_value", "mycket")), status: 422},
		{name: "initiatives criteria error", as: "utveckling", steps: open("/personal/initiativ/5",
			submit(`form[action="/personal/initiativ/5/hallbarhet"]`, "evidence_ecological-environment", " ", "evidence_social-working-hours", " ", "evidence_social-working-conditions", " ")), status: 422},
		{name: "initiatives timeline", as: "handlaggare", steps: open("/personal/initiativ/tidslinje")},
	}
}
