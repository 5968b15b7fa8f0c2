package web_test

import (
	"bytes"
	"encoding/json"
	"io"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"testing"

	"sprang/internal/auth"
	"sprang/internal/opendata"
)

// TestStewardChangesReachPublicPages checks that the public pages, which
// anonymous visitors get from the page cache, show a steward's change at
// once: a published dataset that is withdrawn leaves the search and its
// publisher's page, and a new title shows without waiting for the cache
// to expire.
func TestStewardChangesReachPublicPages(t *testing.T) {
	t.Parallel()
	stewardEngines(t, func(t *testing.T, e *stewardEnv) {
		dana := e.as(t, "dana")
		base := e.create(t, dana, e.miljo.ID, "Luftkvalitet")
		resp, body := dana.post(base, validDataset(e.miljo.ID, "badplatser"))
		wantStatus(t, "describe", resp, body, http.StatusSeeOther, base+"?klart=sparat")
		resp, body = dana.post(base+"/publicera", url.Values{"action": {"publish"}})
		wantStatus(t, "publish", resp, body, http.StatusSeeOther, base+"?klart=publicerad")

		anon := &browser{t: t, base: e.ts.URL, cookies: map[string]string{"lang": "sv"}, header: http.Header{}}
		lists := []string{"/data", "/data/organisationer/miljo"}
		for _, p := range lists { // now cached
			_, body := anon.get(p)
			wantBody(t, "published, "+p, body, "Badplatser och vattenprover")
		}

		resp, body = dana.post(base+"/publicera", url.Values{"action": {"withdraw"}})
		wantStatus(t, "withdraw", resp, body, http.StatusSeeOther, base+"?klart=aterkallad")
		for _, p := range lists {
			_, body := anon.get(p)
			if strings.Contains(body, "Badplatser och vattenprover") {
				t.Errorf("withdrawn, %s: the cached page still lists the dataset", p)
			}
		}

		resp, body = dana.post(base+"/publicera", url.Values{"action": {"publish"}})
		wantStatus(t, "republish", resp, body, http.StatusSeeOther, base+"?klart=publicerad")
		for _, p := range append(lists, "/data/badplatser") { // cached again
			_, body := anon.get(p)
			wantBody(t, "republished, "+p, body, "Badplatser och vattenprover")
		}
		renamed := validDataset(e.miljo.ID, "badplatser")
		renamed.Set("title_sv", "Badvatten i kommunen")
		resp, body = dana.post(base, renamed)
		wantStatus(t, "rename", resp, body, http.StatusSeeOther, base+"?klart=sparat")
		for _, p := range append(lists, "/data/badplatser") {
			_, body := anon.get(p)
			if !strings.Contains(body, "Badvatten i kommunen") || strings.Contains(body, "Badplatser och vattenprover") {
				t.Errorf("renamed, %s: the cached page shows the old title", p)
			}
		}
	})
}

// TestAPIChangesReachPublicPages checks that a write through the API
// clears the public pages' cache too: a dataset published through the
// API and put back to draft there leaves the cached search and
// publisher's page at once.
func TestAPIChangesReachPublicPages(t *testing.T) {
	t.Parallel()
	stewardEngines(t, func(t *testing.T, e *stewardEnv) {
		tok, err := e.svc.CreateAPIToken(t.Context(), auth.SystemActor("test"), e.users["dana"].ID, "test")
		if err != nil {
			t.Fatal(err)
		}
		ds := map[string]any{"name": "badplatser", "title": "Badplatser och vattenprover", "owner_org": "miljo",
			"notes": "Kommunens badplatser med provtagningar av vattnet under badsäsongen.", "tags": []string{"bad"},
			"theme": []string{"ENVI"}, "license_id": "CC0-1.0", "contact_name": "Miljöenheten", "contact_email": "miljo@example.se",
			"frequency": "ANNUAL", "title_translated": map[string]string{"en": "Bathing sites"},
			"notes_translated": map[string]string{"en": "The municipality's bathing sites."}}
		apiCall(t, e.ts.URL, tok, "package_create", ds)

		anon := &browser{t: t, base: e.ts.URL, cookies: map[string]string{"lang": "sv"}, header: http.Header{}}
		lists := []string{"/data", "/data/organisationer/miljo"}
		for _, p := range lists { // now cached
			_, body := anon.get(p)
			wantBody(t, "published through the API, "+p, body, "Badplatser och vattenprover")
		}
		ds["state"] = "draft"
		apiCall(t, e.ts.URL, tok, "package_update", ds)
		if d := e.dataset(t, "badplatser").Dataset; d.State != opendata.Draft {
			t.Fatalf("package_update state draft: %s", d.State)
		}
		for _, p := range lists {
			_, body := anon.get(p)
			if strings.Contains(body, "Badplatser och vattenprover") {
				t.Errorf("back to draft through the API, %s: the cached page still lists the dataset", p)
			}
		}
	})
}

// apiCall posts params as JSON to a write action of the API with the
// token, and fails the test unless it succeeds.
func apiCall(t *testing.T, base, token, action string, params map[string]any) {
	t.Helper()
	body, _ := json.Marshal(params) // maps of strings and slices always marshal
	req, err := http.NewRequestWithContext(t.Context(), http.MethodPost, base+"/api/3/action/"+action, bytes.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("Authorization", token)
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer func() { _ = resp.Body.Close() }()
	out, _ := io.ReadAll(resp.Body)
	if resp.StatusCode != http.StatusOK {
		t.Fatalf("%s: status %d\n%s", action, resp.StatusCode, out)
	}
}

// TestStewardListOwnUnits checks that the steward's list asks the store
// for the datasets of the user's units only: another unit's published
// dataset is not listed, every state of the user's own is, and the list
// pages through them with the total counted by the store.
func TestStewardListOwnUnits(t *testing.T) {
	t.Parallel()
	stewardEngines(t, func(t *testing.T, e *stewardEnv) {
		ctx := t.Context()
		other, err := e.db.CreateDataset(ctx, opendata.Dataset{Slug: "forskolor", UnitID: e.skola.ID, TitleSV: "Förskolor i kommunen",
			Licence: opendata.LicenceCC0, AccessRights: opendata.AccessPublic})
		if err != nil {
			t.Fatal(err)
		}
		if err := e.db.SetDatasetState(ctx, other.ID, opendata.Published, e.db.Now()); err != nil {
			t.Fatal(err)
		}
		for i := range 51 {
			d, err := e.db.CreateDataset(ctx, opendata.Dataset{Slug: "matning-" + strconv.Itoa(i), UnitID: e.miljo.ID,
				TitleSV: "Mätning nummer " + strconv.Itoa(i), Licence: opendata.LicenceCC0, AccessRights: opendata.AccessPublic})
			if err != nil {
				t.Fatal(err)
			}
			if i%3 == 0 {
				if err := e.db.SetDatasetState(ctx, d.ID, opendata.Published, e.db.Now()); err != nil {
					t.Fatal(err)
				}
			}
			if i%6 == 0 {
				if err := e.db.SetDatasetState(ctx, d.ID, opendata.Withdrawn, e.db.Now()); err != nil {
					t.Fatal(err)
				}
			}
		}
		dana := e.as(t, "dana")
		_, first := dana.get("/personal/data")
		_, second := dana.get("/personal/data?sida=2")
		if strings.Contains(first+second, "Förskolor i kommunen") {
			t.Error("dana's list shows another unit's published dataset")
		}
		if n := strings.Count(first, "Mätning nummer "); n != 50 {
			t.Errorf("first page: %d datasets, want 50", n)
		}
		if n := strings.Count(second, "Mätning nummer "); n != 1 {
			t.Errorf("second page: %d datasets, want 1", n)
		}
		wantBody(t, "first page", first, `href="/personal/data?sida=2"`, "Utkast", "Publicerad", "Återkallad")
		admin := e.as(t, "admin") // of the group: both units
		_, a1 := admin.get("/personal/data")
		_, a2 := admin.get("/personal/data?sida=2")
		if strings.Count(a1+a2, "Förskolor i kommunen") != 1 || strings.Count(a1+a2, "Mätning nummer ") != 51 {
			t.Errorf("admin's list does not show the 52 datasets of both units once each")
		}
	})
}
