package web_test

import (
	"fmt"
	"io"
	"math/rand/v2"
	"net/http"
	"net/url"
	"testing"
	"time"

	"sprang/internal/eservice"
	"sprang/internal/store"
)

// The case handling pages in the browser tests. seedErrandsUI adds the
// errands they show to the demo database of newUIEnv; the server must read
// that database with the box of testSecretKey (db.WithBox), as errands are
// sealed. uiPagesErrands finds the errands by their references (drawn from
// fixed seeds) through the inbox, as a case officer would.

// uiErrandSeeds are the random seeds of the UI errands' references: an
// open errand, one whose resident asked for letters (with a decision, so a
// letter waits in the queue) and a closed one.
var uiErrandSeeds = [3]uint64{1, 2, 3}

// uiErrandRef returns the reference SubmitErrand draws for seed.
func uiErrandRef(seed uint64) string {
	ref, err := eservice.NewReference(uiErrandRand(seed))
	if err != nil {
		panic(err)
	}
	return ref
}

func uiErrandRand(seed uint64) io.Reader {
	var key [32]byte
	key[0] = byte(seed)
	return rand.NewChaCha8(key)
}

// seedErrandsUI publishes a service of Samhällsbyggnadsförvaltningen (where
// the demo's handläggare works) and submits the UI errands to it.
func seedErrandsUI(t *testing.T, db *store.DB) {
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
	sv, err := db.CreateService(ctx, caseSpec(unit.ID, "ui-felanmalan", "Felanmälan av gatubelysning", "Report a street light"), officer.ID)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := db.PublishService(ctx, sv.ID, officer.ID); err != nil {
		t.Fatal(err)
	}
	answers := eservice.Answers{"beskrivning": {"Lyktan vid busshållplatsen är trasig sedan en vecka."},
		"postadress.street": {"Storgatan 1"}, "postadress.postcode": {"891 33"}, "postadress.city": {"Örnsköldsvik"}}
	var ids [3]int64
	for i, seed := range uiErrandSeeds {
		e, err := db.SubmitErrand(ctx, store.NewErrand{ServiceID: sv.ID, Version: 1, Channel: eservice.ChannelDigital,
			Answers: answers, Email: "invanare@example.se", ByLetter: i == 1}, uiErrandRand(seed))
		if err != nil {
			t.Fatal(err)
		}
		ids[i] = e.ID
	}
	by := officer.ID
	for _, c := range []store.ErrandChange{
		{ErrandID: ids[0], ByUserID: by, Assign: &by},
		{ErrandID: ids[0], ByUserID: by, Note: "Ringde invånaren, lyktan är anmäld till entreprenören."},
		{ErrandID: ids[1], ByUserID: by, Decision: "Lyktan lagas inom två veckor."},
		{ErrandID: ids[2], ByUserID: by, Status: "avslutat"},
	} {
		if _, err := db.ChangeErrand(ctx, c); err != nil {
			t.Fatal(err)
		}
	}
}

// uiErrandPath returns the errand page of the UI errand drawn from seed,
// found by its reference in the handläggare's inbox.
func (e *uiEnv) uiErrandPath(seed uint64) string {
	q := url.Values{"visa": {"alla"}, "sok": {uiErrandRef(seed)}}
	req, err := http.NewRequest(http.MethodGet, e.base+"/personal/arenden?"+q.Encode(), nil)
	if err != nil {
		panic(err)
	}
	req.AddCookie(&http.Cookie{Name: "sprang", Value: e.sessions["handlaggare"]})
	resp, err := (&http.Client{Timeout: 30 * time.Second}).Do(req)
	if err != nil {
		panic(err)
	}
	defer func() { _ = resp.Body.Close() }()
	body, _ := io.ReadAll(resp.Body)
	m := diaryLinkRE.FindStringSubmatch(string(body))
	if m == nil {
		panic(fmt.Sprintf("UI errand %s not in the inbox (did newUIEnv call seedErrandsUI?)", uiErrandRef(seed)))
	}
	return "/personal/arenden/" + m[1]
}

// uiPagesErrands returns the case handling pages the browser tests check.
func uiPagesErrands(e *uiEnv) []uiPage {
	opened, decided, closed := e.uiErrandPath(uiErrandSeeds[0]), e.uiErrandPath(uiErrandSeeds[1]), e.uiErrandPath(uiErrandSeeds[2])
	return []uiPage{
		{name: "inbox", as: "handlaggare", steps: open("/personal/arenden")},
		{name: "inbox filtered", as: "handlaggare", steps: open("/personal/arenden?visa=alla&ordning=nyast&tilldelad=jag")},
		{name: "inbox filter error", as: "handlaggare", steps: open("/personal/arenden?sok=" + url.QueryEscape("en mycket lång sökning som inte kan vara ett diarienummer")), status: 422},
		{name: "errand", as: "handlaggare", steps: open(opened)},
		{name: "errand action error", as: "handlaggare", steps: open(opened, submit(`form[action="`+opened+`/anteckning"]`)), status: 422},
		{name: "errand decided", as: "handlaggare", steps: open(decided)},
		{name: "errand closed", as: "handlaggare", steps: open(closed)},
		{name: "errand legal hold error", as: "admin", steps: open(closed, submit(`form[action="`+closed+`/bevarande"]`)), status: 422},
		{name: "letter queue", as: "handlaggare", steps: open("/personal/brev")},
	}
}
