package followup_test

import (
	"bytes"
	"errors"
	"os"
	"slices"
	"strconv"
	"strings"
	"testing"

	"sprang/internal/followup"
)

// TestParseKoladaFixture reads the recorded (hand-made, see
// testdata/README.md) answer for municipality 2284.
func TestParseKoladaFixture(t *testing.T) {
	t.Parallel()
	f, err := os.Open("testdata/kolada-2284.json")
	if err != nil {
		t.Fatal(err)
	}
	defer func() { _ = f.Close() }()
	rows, nulls, err := followup.ParseKolada(f)
	if err != nil {
		t.Fatal(err)
	}
	if len(rows) != 19 || nulls != 1 {
		t.Fatalf("%d rows and %d nulls, want 19 totals and the one null", len(rows), nulls)
	}
	first := followup.KoladaRow{KPI: "N00945", Municipality: "2284", Year: 2020, Value: 61}
	if rows[0] != first {
		t.Errorf("first row %+v, want %+v (the total, not a gender)", rows[0], first)
	}
	inds := []followup.Indicator{{Key: "nojdhet", KoladaKPI: "N00945"}, {Key: "webb", KoladaKPI: "U00437"}, {Key: "manuell"}}
	imp := followup.MatchKolada(rows, inds)
	if len(imp.Values) != 10 || imp.SkippedRows != 9 || !slices.Equal(imp.Skipped, []string{"N00002", "N07403"}) {
		t.Errorf("import: %d values, %d skipped rows %v", len(imp.Values), imp.SkippedRows, imp.Skipped)
	}
	v := imp.Values[0]
	if v.Indicator != "nojdhet" || v.UnitID != 0 || v.Period != followup.YearPeriod(2020) || v.Value != 61 || !v.Known || v.Source != "Kolada N00945" {
		t.Errorf("first value %+v", v)
	}
}

func TestParseKoladaRefuses(t *testing.T) {
	t.Parallel()
	entry := func(kpi, muni string, period int) string {
		return `{"kpi":"` + kpi + `","municipality":"` + muni + `","period":` + itoa(period) + `,"values":[{"count":1,"gender":"T","status":"","value":1.5}]}`
	}
	tests := []struct {
		name, in, says string
	}{
		{"not JSON", `<html>`, "broken"},
		{"empty", ``, "empty"},
		{"an array", `[]`, "should be"},
		{"no values", `{"count":0}`, `"values"`},
		{"no count", `{"values":[]}`, `"count"`},
		{"an unknown member", `{"count":0,"values":[],"kpis":[]}`, "kpis"},
		{"an entry without kpi", `{"count":1,"values":[{"municipality":"2284","period":2023,"values":[]}]}`, "entry 1"},
		{"a year out of range", `{"count":1,"values":[` + entry("N1", "2284", 1999) + `]}`, "1999"},
		{"a value of the wrong type", `{"count":1,"values":[{"kpi":"N1","municipality":"2284","period":2023,"values":[{"gender":"T","value":"12"}]}]}`, "value"},
		{"no gender", `{"count":1,"values":[{"kpi":"N1","municipality":"2284","period":2023,"values":[{"value":12}]}]}`, "gender"},
		{"two municipalities", `{"count":2,"values":[` + entry("N1", "2284", 2023) + `,` + entry("N1", "2281", 2023) + `]}`, "2284, 2281"},
		{"trailing data", `{"count":0,"values":[]} {}`, "more"},
		{"too large", `{"count":0,"values":[` + strings.Repeat(" ", followup.MaxKoladaBytes) + `]}`, "larger"},
	}
	for _, tt := range tests {
		_, _, err := followup.ParseKolada(strings.NewReader(tt.in))
		if !errors.Is(err, followup.ErrKoladaShape) || !strings.Contains(err.Error(), tt.says) {
			t.Errorf("%s: error %v, want one about %q", tt.name, err, tt.says)
		}
	}
	rows, nulls, err := followup.ParseKolada(strings.NewReader(`{"count":1,"values":[{"kpi":"N1","municipality":"2284","period":2023,` +
		`"values":[{"count":1,"gender":"K","status":"","value":3},{"count":0,"gender":"T","status":"Saknas","value":null}]}],"next_page":null}`))
	if err != nil || len(rows) != 0 || nulls != 1 {
		t.Errorf("a missing total: %v, %d, %v", rows, nulls, err)
	}
}

func itoa(n int) string { return strconv.Itoa(n) }

// FuzzParseKolada checks that the importer never panics and that what it
// accepts is well formed: years in range, one municipality, totals only.
func FuzzParseKolada(f *testing.F) {
	fixture, err := os.ReadFile("testdata/kolada-2284.json")
	if err != nil {
		f.Fatal(err)
	}
	f.Add(fixture)
	f.Add([]byte(`{"count":0,"values":[]}`))
	f.Add([]byte(`{"count":1,"values":[{"kpi":"N1","municipality":"1","period":2023,"values":[{"gender":"T","value":null}]}]}`))
	f.Add([]byte(`{"count":1,"values":[{"kpi":"","municipality":"1","period":2023,"values":[]}]}`))
	f.Fuzz(func(t *testing.T, data []byte) {
		rows, nulls, err := followup.ParseKolada(bytes.NewReader(data))
		if err != nil {
			if rows != nil || nulls != 0 {
				t.Fatalf("an error with rows: %v", err)
			}
			return
		}
		for _, r := range rows {
			if r.Year < 2000 || r.Year > 2100 || r.KPI == "" || r.Municipality != rows[0].Municipality {
				t.Fatalf("accepted a bad row %+v", r)
			}
		}
		imp := followup.MatchKolada(rows, []followup.Indicator{{Key: "a", KoladaKPI: "N00945"}})
		if len(imp.Values)+imp.SkippedRows != len(rows) {
			t.Fatalf("%d values and %d skipped of %d rows", len(imp.Values), imp.SkippedRows, len(rows))
		}
	})
}
