package main

import (
	"net/http"
	"net/url"
	"testing"

	"sprang/internal/store"
)

// TestE2EPaperErrand registers, through the real server, an errand that
// came on a paper form: the case officer fills in the same steps for the
// demo resident (linked by personnummer), finds it in the inbox as a
// paper errand and decides it, and the resident sees it, with the
// decision, on Mina sidor. Another officer's browser cannot use the
// registration draft.
func TestE2EPaperErrand(t *testing.T) {
	t.Parallel()
	eachEngine(t, func(t *testing.T, e store.Engine) {
		s := startDemo(t, e, "")
		officer := staffLogin(t, s.base, "handlaggare")

		// Unknown residents are refused with a message; the demo resident is
		// linked.
		form := officer.get("/personal/arenden/registrera").want(t, http.StatusOK, `value="paper"`)
		svc := form.find(t, `<option value="(\d+)">Felanmälan gata och park`)
		form.lacks(t, "Ansökan om skolskjuts") // not this officer's unit
		officer.post("/personal/arenden/registrera", url.Values{"service": {svc}, "channel": {"paper"}, "personnummer": {testPnr("19800101", "990")}}).
			want(t, http.StatusUnprocessableEntity, `id="personnummer-error"`)
		draft := officer.post("/personal/arenden/registrera", url.Values{"service": {svc}, "channel": {"paper"}, "personnummer": {tolvanPnr}}).
			redirects(t, `/personal/arenden/registrera/utkast/(\d+)/steg/vad`)
		base := "/personal/arenden/registrera/utkast/" + draft
		step := func(p string) string { return base + "/steg/" + p }

		// Nobody else can open it, not even an administrator of every unit.
		admin := staffLogin(t, s.base, "admin")
		admin.get(step("vad")).want(t, http.StatusNotFound)

		// The same steps as online, with the channel shown.
		officer.get(step("vad")).want(t, http.StatusOK, "Du registrerar ett ärende som kom in: Pappersblankett.").
			lacks(t, `value="save"`) // only residents save for later
		officer.post(step("vad"), url.Values{"typ": {"belysning"}, "farligt": {"no"}, "action": {"continue"}}).redirects(t, step("var"))
		officer.postMultipart(step("var"), url.Values{"plats": {"Nygatan 16"}, "beskrivning": {"Gatlampan utanför porten är trasig."},
			"action": {"continue"}}).redirects(t, step("svar"))
		officer.post(step("svar"), url.Values{"vill_ha_svar": {"no"}, "action": {"continue"}}).redirects(t, base+"/granska")
		officer.get(base+"/granska").want(t, http.StatusOK, "Gatlampan utanför porten är trasig.", "Pappersblankett")
		errand := officer.post(base+"/granska", nil).redirects(t, `(/personal/arenden/\d+)`)
		page := officer.get(errand).want(t, http.StatusOK, "Pappersblankett", "Gatlampan utanför porten är trasig.")
		ref := page.find(t, `<span class="case-ref">([A-Z0-9]{4}-[A-Z0-9]{4})</span>`)
		diary := page.find(t, `<h1>[^<]*?(SBN \d{4}/\d+)</h1>`)
		officer.get(step("vad")).want(t, http.StatusNotFound) // the draft became the errand

		// In the inbox, filtered to paper errands, with the channel named.
		officer.get("/personal/arenden?kanal=paper&sok="+url.QueryEscape(ref)).
			want(t, http.StatusOK, `<a href="`+errand+`">`+diary+`</a>`, "<td>Pappersblankett</td>")
		officer.get("/personal/arenden?kanal=digital&sok="+url.QueryEscape(ref)).want(t, http.StatusOK).
			lacks(t, `<a href="`+errand+`">`)

		// The officer decides.
		const decision = "Gatlampan lagas inom två veckor."
		officer.post(errand+"/beslut", url.Values{"beslut": {decision}}).redirects(t, errand+`\?gjort=beslut`)

		// The resident sees the errand and its decision on Mina sidor.
		res := residentLogin(t, s.base, tolvanPnr)
		mine := res.get("/mina-sidor").want(t, http.StatusOK, ref)
		id := mine.find(t, `<a href="/mina-sidor/arenden/(\d+)">[^\n]*<span class="case-ref">`+ref+`</span>`)
		mine.want(t, http.StatusOK, `<a href="/mina-sidor/arenden/`+id+`#beslut">`)
		res.get("/mina-sidor/arenden/"+id).want(t, http.StatusOK, ref, `id="beslut"`, decision, "Gatlampan utanför porten är trasig.")

		// Another resident sees nothing of it.
		other := residentLogin(t, s.base, testPnr("19800101", "990"))
		other.get("/mina-sidor").want(t, http.StatusOK).lacks(t, ref)
		other.get("/mina-sidor/arenden/"+id).want(t, http.StatusNotFound)
	})
}
