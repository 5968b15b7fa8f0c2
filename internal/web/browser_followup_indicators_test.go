package web_test

// uiPagesIndicators returns the browser test rows of the indicator
// registry, manual values and Kolada imports, as the development
// department (the demo's "utveckling"). The rows that submit forms
// submit them wrong, so they change nothing.
func uiPagesIndicators(_ *uiEnv) []uiPage {
	const values = "/personal/indikatorer/digitala-moten/varden"
	return []uiPage{
		{name: "indicators registry", as: "utveckling", steps: open("/personal/indikatorer")},
		{name: "indicators create refused", as: "utveckling", steps: open("/personal/indikatorer",
			submit(`form[action="/personal/indikatorer"]`, "key", "Digitala möten", "name_sv", " ", "kpi", "n9")), status: 422},
		{name: "indicators edit computed", as: "utveckling", steps: open("/personal/indikatorer/co2-per-sidvisning")},
		{name: "indicators edit refused", as: "utveckling", steps: open("/personal/indikatorer/digitala-moten",
			submit(`form[action="/personal/indikatorer/digitala-moten"]`, "name_sv", "", "margin", "mycket", "target-2026", "fyra")), status: 422},
		{name: "indicators values", as: "utveckling", steps: open(values)},
		{name: "indicators values refused", as: "utveckling", steps: open(values,
			submit(`form[action="`+values+`"]`, "year", "25", "value", "tolv", "source", " ")), status: 422},
		{name: "indicators kolada", as: "utveckling", steps: open("/personal/indikatorer/kolada")},
		{name: "indicators kolada refused", as: "utveckling", steps: open("/personal/indikatorer/kolada",
			submit(`form[enctype="multipart/form-data"]`)), status: 422},
		{name: "indicators forbidden", as: "handlaggare", steps: open("/personal/indikatorer"), status: 403},
	}
}
