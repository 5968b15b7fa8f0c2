package web

import (
	"net/url"
	"testing"

	"sprang/internal/followup"
)

func TestIniParseAmount(t *testing.T) {
	t.Parallel()
	tests := []struct {
		in   string
		want float64
		ok   bool
	}{
		{"", 0, true}, {"450 000", 450_000, true}, {"450\u00a0000 kr", 450_000, true}, {"1 234,50", 1234.5, true},
		{"99.5", 99.5, true}, {"120 000:-", 120_000, true}, {"-5", 0, false}, {"mycket", 0, false}, {"1e12", 0, false},
		{"1e5", 0, false}, {"0x1p4", 0, false}, {"NaN", 0, false}, {"Inf", 0, false}, {"1,234.5", 0, false}, {"kr", 0, true},
	}
	for _, tc := range tests {
		errs := map[string]string{}
		got := iniParseAmount(tc.in, "f", errs)
		if got != tc.want || (errs["f"] == "") != tc.ok {
			t.Errorf("iniParseAmount(%q) = %v, %v; want %v, ok %v", tc.in, got, errs, tc.want, tc.ok)
		}
	}
}

// FuzzIniFromForm feeds the initiative and benefit forms any text: they
// never panic, and what they accept without a problem is valid for the
// domain (so the store never gets what it must refuse).
func FuzzIniFromForm(f *testing.F) {
	f.Add("Digital felanmälan", "3", "ongoing", "trygghet", "2026-1-5", "2026-12-31", "450 000", "11", "digital-andel", "Felappen AB", "556036-0793")
	f.Add(" ", "x", "klar", "magi", "1 mars", "", "-1", "18", "A B", "", "123")
	f.Fuzz(func(t *testing.T, title, owner, status, perspective, start, end, budget, goal, indicator, supplier, org string) {
		vals := url.Values{"title": {title}, "owner": {owner}, "status": {status}, "perspectives": {perspective}, "start": {start},
			"end": {end}, "budget": {budget}, "goals": {goal}, "indicators": {indicator}, "supplier_name": {supplier}, "supplier_org": {org}}
		ini, _, _, errs := iniFromForm(followup.Initiative{}, vals)
		if len(errs) == 0 {
			if err := ini.Normalize().Validate(); err != nil {
				t.Fatalf("accepted %v but Validate says %v", vals, err)
			}
		}
		b, errs := iniBenefitFromForm(url.Values{"benefit_date": {start}, "benefit_description": {title}, "benefit_value": {budget}, "benefit_indicator": {indicator}})
		if len(errs) == 0 {
			if err := b.Validate(); err != nil {
				t.Fatalf("accepted benefit %+v but Validate says %v", b, err)
			}
		}
	})
}
