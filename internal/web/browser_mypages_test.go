package web_test

import (
	"fmt"
	"io"
	"net/http"
	"regexp"
	"testing"
	"time"

	"sprang/internal/eservice"
	"sprang/internal/identity"
	"sprang/internal/store"
)

// The resident's own pages (Mina sidor) in the browser tests.
// seedMyPagesUI gives the demo resident ("invanare", 19121212-1212) the
// errands those pages show; newUIEnv must call it after demo.Seed and
// seedErrandsUI (it publishes its own service), before the resident logs
// in, and the server must read the database with the box of testSecretKey.
// uiPagesMyPages finds the errands by their references (drawn from fixed
// seeds) on the resident's start page, as the resident would.

// uiMyErrandSeeds are the random seeds of the references of the
// resident's errands: one waiting for more information and one decided.
var uiMyErrandSeeds = [2]uint64{11, 12}

// seedMyPagesUI submits two errands as the demo resident to a service of
// Samhällsbyggnadsförvaltningen: one where the case officer asked for
// more information, one with a message and a decision.
func seedMyPagesUI(t *testing.T, db *store.DB) {
	t.Helper()
	ctx := t.Context()
	unit, err := db.FindUnitBySlug(ctx, "samhallsbyggnad") // db has newUIEnv's box
	if err != nil {
		t.Fatal(err)
	}
	officer, err := db.FindUserByUsername(ctx, "handlaggare")
	if err != nil {
		t.Fatal(err)
	}
	pnr, err := identity.ParsePersonnummer("19121212-1212", time.Now())
	if err != nil {
		t.Fatal(err)
	}
	resident, err := db.FindOrCreateResidentByEID(ctx, identity.EIDLogin{Personnummer: pnr, LoA: identity.LoA3})
	if err != nil {
		t.Fatal(err)
	}
	sv, err := db.CreateService(ctx, caseSpec(unit.ID, "ui-mina-sidor", "Anmälan om trasig parkbänk", "Report a broken bench"), officer.ID)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := db.PublishService(ctx, sv.ID, officer.ID); err != nil {
		t.Fatal(err)
	}
	answers := eservice.Answers{"beskrivning": {"Bänken vid dammen har ett trasigt ryggstöd."},
		"adress.street": {"Parkvägen 2"}, "adress.postcode": {"891 33"}, "adress.city": {"Örnsköldsvik"}}
	var ids [2]int64
	for i, seed := range uiMyErrandSeeds {
		e, err := db.SubmitErrand(ctx, store.NewErrand{ServiceID: sv.ID, Version: 1, Channel: eservice.ChannelDigital,
			ResidentID: resident.ID, Answers: answers}, uiErrandRand(seed))
		if err != nil {
			t.Fatal(err)
		}
		ids[i] = e.ID
	}
	by := officer.ID
	for _, c := range []store.ErrandChange{
		{ErrandID: ids[0], ByUserID: by, Request: "Vilken bänk gäller det? Skicka gärna ett foto."},
		{ErrandID: ids[1], ByUserID: by, Message: "Tack för din anmälan, vi tittar på bänken."},
		{ErrandID: ids[1], ByResident: resident.ID, Message: "Det är bänken närmast lekplatsen."},
		{ErrandID: ids[1], ByUserID: by, Decision: "Bänken byts ut under maj."},
	} {
		if _, err := db.ChangeErrand(ctx, c); err != nil {
			t.Fatal(err)
		}
	}
}

// myErrandLinkRE finds the link of an errand on the start page, before
// its reference.
var myErrandLinkRE = regexp.MustCompile(`href="(/mina-sidor/arenden/\d+)">[^<]*</a><br><span class="case-ref">([A-Z0-9-]+)<`)

// uiMyErrandPath returns the resident's page of the UI errand drawn from
// seed, found by its reference on the resident's start page.
func (e *uiEnv) uiMyErrandPath(seed uint64) string {
	req, err := http.NewRequest(http.MethodGet, e.base+"/mina-sidor", nil)
	if err != nil {
		panic(err)
	}
	req.AddCookie(&http.Cookie{Name: "sprang", Value: e.sessions["invanare"]})
	resp, err := (&http.Client{Timeout: 30 * time.Second}).Do(req)
	if err != nil {
		panic(err)
	}
	defer func() { _ = resp.Body.Close() }()
	body, _ := io.ReadAll(resp.Body)
	want := uiErrandRef(seed)
	for _, m := range myErrandLinkRE.FindAllStringSubmatch(string(body), -1) {
		if m[2] == want {
			return m[1]
		}
	}
	panic(fmt.Sprintf("UI errand %s not on the resident's start page (did newUIEnv call seedMyPagesUI?)", want))
}

// uiPagesMyPages returns the resident's pages the browser tests check. No
// row changes what another row shows: forms are only sent in error.
func uiPagesMyPages(e *uiEnv) []uiPage {
	waiting, decided := e.uiMyErrandPath(uiMyErrandSeeds[0]), e.uiMyErrandPath(uiMyErrandSeeds[1])
	return []uiPage{
		{name: "my pages", as: "invanare", steps: open("/mina-sidor")},
		{name: "my errand waiting", as: "invanare", steps: open(waiting)},
		{name: "my errand reply error", as: "invanare", steps: open(waiting, submit(`form[action="`+waiting+`/svar"]`)), status: 422},
		{name: "my errand decided", as: "invanare", steps: open(decided)},
		{name: "contact preferences", as: "invanare", steps: open("/mina-sidor/kontakt")},
		{name: "contact preferences error", as: "invanare", steps: open("/mina-sidor/kontakt",
			submit(`form[action="/mina-sidor/kontakt"]`, "epost", "ingen-snabel-a.example.se")), status: 422},
		{name: "register extract", as: "invanare", steps: open("/mina-sidor/registerutdrag")},
	}
}
