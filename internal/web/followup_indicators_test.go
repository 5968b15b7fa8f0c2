package web_test

import (
	"net/http"
	"net/url"
	"os"
	"strconv"
	"strings"
	"testing"

	"sprang/internal/followup"
)

// TestIndicatorPages goes through the registry as the group's
// administrator, on the data stewards' platform: create an indicator
// owned by a förvaltning, save it with targets, enter a value in
// Swedish notation, import the Kolada fixture; a case officer is
// refused every page.
func TestIndicatorPages(t *testing.T) {
	t.Parallel()
	stewardEngines(t, func(t *testing.T, e *stewardEnv) {
		ctx := t.Context()
		admin := e.as(t, "admin")
		unit := strconv.FormatInt(e.miljo.ID, 10)
		create := url.Values{"key": {"nojda-besokare"}, "name_sv": {"Nöjda besökare"}, "perspective": {"trygghet"}, "owner": {unit},
			"source": {"kolada"}, "kpi": {"n00945"}, "measure": {"percent"}, "direction": {"higher"}, "method_sv": {"Från Kolada."}}
		p, _ := admin.post("/personal/indikatorer", create)
		if p.StatusCode != http.StatusSeeOther || p.Header.Get("Location") != "/personal/indikatorer/nojda-besokare?klart=skapad" {
			t.Fatalf("create: %d %s", p.StatusCode, p.Header.Get("Location"))
		}
		again := url.Values{}
		for k, vs := range create {
			again[k] = vs
		}
		again.Set("name_sv", "Någon annans indikator")
		if p, body := admin.post("/personal/indikatorer", again); p.StatusCode != http.StatusUnprocessableEntity || !strings.Contains(body, `<a href="#key">`) {
			t.Errorf("a second indicator with the key: %d", p.StatusCode)
		}
		if ind, err := e.db.Indicator(ctx, "nojda-besokare"); err != nil || ind.Name.SV != "Nöjda besökare" {
			t.Errorf("a second create with the key replaced the first: %+v, %v", ind, err)
		}
		edit := url.Values{"name_sv": {"Nöjda besökare på webben"}, "perspective": {"trygghet"}, "owner": {unit}, "source": {"kolada"},
			"kpi": {"N00945"}, "measure": {"percent"}, "direction": {"higher"}, "method_sv": {"Från Kolada."}, "public": {"1"},
			"margin": {"12,5"}, "target-2026": {"75"}, "target-2027": {"1 080,5"}}
		if p, body := admin.post("/personal/indikatorer/nojda-besokare", edit); p.StatusCode != http.StatusSeeOther {
			t.Fatalf("edit: %d\n%s", p.StatusCode, body)
		}
		ind, err := e.db.Indicator(ctx, "nojda-besokare")
		if err != nil || !ind.Public || ind.Margin != 0.125 || ind.KoladaKPI != "N00945" || len(ind.Targets) != 2 || ind.Targets[1].Value != 1080.5 {
			t.Fatalf("saved indicator %+v, %v", ind, err)
		}
		bad := url.Values{"unit": {unit}, "year": {"2025"}, "value": {"tolv"}, "source": {"Enkät"}}
		if p, body := admin.post("/personal/indikatorer/nojda-besokare/varden", bad); p.StatusCode != http.StatusUnprocessableEntity ||
			!strings.Contains(body, `value="tolv"`) {
			t.Errorf("a bad value: %d", p.StatusCode)
		}
		good := url.Values{"unit": {unit}, "year": {"2025"}, "value": {"71,5"}, "source": {"Enkät"}, "comment": {"Höstens enkät"}}
		if p, _ := admin.post("/personal/indikatorer/nojda-besokare/varden", good); p.StatusCode != http.StatusSeeOther {
			t.Fatalf("a value: %d", p.StatusCode)
		}
		vs, err := e.db.StoredValues(ctx, "nojda-besokare", []int64{e.miljo.ID}, []followup.Period{followup.YearPeriod(2025)})
		if err != nil || len(vs) != 1 || vs[0].Value != 71.5 || vs[0].Comment != "Höstens enkät" {
			t.Errorf("stored %+v, %v", vs, err)
		}
		fixture, err := os.ReadFile("../followup/testdata/kolada-2284.json")
		if err != nil {
			t.Fatal(err)
		}
		p, body := admin.postFile("/personal/indikatorer/kolada", nil, "file", "kolada.json", fixture)
		if p.StatusCode != http.StatusOK || !strings.Contains(body, "5 värden importerades") || !strings.Contains(body, "N07403") {
			t.Errorf("Kolada import: %d\n%s", p.StatusCode, body)
		}
		if p, _ := admin.postFile("/personal/indikatorer/kolada", nil, "file", "x.json", []byte(`{"rows":[]}`)); p.StatusCode != http.StatusUnprocessableEntity {
			t.Errorf("a file of another shape: %d", p.StatusCode)
		}
		group, err := e.db.StoredValues(ctx, "nojda-besokare", []int64{0}, followup.Years(2020, 2024))
		if err != nil || len(group) != 5 {
			t.Errorf("the group's Kolada values: %d, %v", len(group), err)
		}
		hugo := e.as(t, "hugo")
		for _, path := range []string{"/personal/indikatorer", "/personal/indikatorer/nojda-besokare", "/personal/indikatorer/nojda-besokare/varden", "/personal/indikatorer/kolada"} {
			if p, _ := hugo.get(path); p.StatusCode != http.StatusForbidden {
				t.Errorf("a case officer on %s: %d", path, p.StatusCode)
			}
		}
		if p, _ := admin.get("/personal/indikatorer/finns-inte"); p.StatusCode != http.StatusNotFound {
			t.Errorf("an unknown indicator: %d", p.StatusCode)
		}
	})
}
