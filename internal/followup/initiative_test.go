package followup_test

import (
	"maps"
	"slices"
	"testing"
	"time"

	"sprang"
	"sprang/internal/followup"
)

// validInitiative is an initiative that passes Validate.
func validInitiative() followup.Initiative {
	return followup.Initiative{Title: "Digital bygglovsansökan", OwnerUnitID: 4, Status: followup.StatusOngoing,
		Perspectives: []followup.Perspective{followup.Trygghet}, Goals: []int{11},
		Start: time.Date(2025, 3, 1, 0, 0, 0, 0, time.UTC), BudgetSEK: 450_000}
}

func TestInitiativeValidate(t *testing.T) {
	t.Parallel()
	long := string(make([]rune, 201))
	tests := []struct {
		name   string
		change func(*followup.Initiative)
		want   []string // the fields with errors
	}{
		{"valid", func(*followup.Initiative) {}, nil},
		{"no title", func(i *followup.Initiative) { i.Title = "   " }, []string{"title"}},
		{"long title", func(i *followup.Initiative) { i.Title = long }, []string{"title"}},
		{"no owner", func(i *followup.Initiative) { i.OwnerUnitID = 0 }, []string{"owner"}},
		{"bad e-mail", func(i *followup.Initiative) { i.ContactEmail = "anna.example.se" }, []string{"contact_email"}},
		{"no perspective", func(i *followup.Initiative) { i.Perspectives = nil }, []string{"perspectives"}},
		{"unknown perspective", func(i *followup.Initiative) { i.Perspectives = []followup.Perspective{"magi"} }, []string{"perspectives"}},
		{"goal 18", func(i *followup.Initiative) { i.Goals = []int{3, 18} }, []string{"goals"}},
		{"unknown status", func(i *followup.Initiative) { i.Status = "klar" }, []string{"status"}},
		{"end before start", func(i *followup.Initiative) { i.End = i.Start.AddDate(0, 0, -1) }, []string{"end"}},
		{"ongoing without start", func(i *followup.Initiative) { i.Start = time.Time{} }, []string{"start"}},
		{"idea without start", func(i *followup.Initiative) { i.Start, i.Status = time.Time{}, followup.StatusIdea }, nil},
		{"negative budget", func(i *followup.Initiative) { i.BudgetSEK = -1 }, []string{"budget"}},
		{"bad indicator key", func(i *followup.Initiative) { i.Indicators = []string{"Digital Andel"} }, []string{"indicators"}},
		{"supplier without name", func(i *followup.Initiative) { i.Supplier = &followup.Supplier{OrgNumber: "556036-0793"} }, []string{"supplier_name"}},
		{"supplier bad org number", func(i *followup.Initiative) {
			i.Supplier = &followup.Supplier{Name: "Molnbolaget AB", OrgNumber: "556036-0794"}
		}, []string{"supplier_org"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			ini := validInitiative()
			tc.change(&ini)
			err := ini.Normalize().Validate()
			if tc.want == nil {
				if err != nil {
					t.Fatalf("Validate: %v", err)
				}
				return
			}
			if sprang.ErrorKind(err) != sprang.Invalid {
				t.Fatalf("Validate = %v, want Invalid", err)
			}
			got := slices.Sorted(maps.Keys(sprang.ErrorFields(err)))
			if !slices.Equal(got, tc.want) {
				t.Errorf("fields = %v, want %v", got, tc.want)
			}
		})
	}
}

func TestInitiativeNormalize(t *testing.T) {
	t.Parallel()
	ini := followup.Initiative{Title: "  E-arkiv \t för  koncernen ", OwnerUnitID: 2, ParticipantUnitIDs: []int64{5, 2, 3, 5},
		Perspectives: []followup.Perspective{followup.Innovation, followup.Trygghet, followup.Innovation},
		Goals:        []int{16, 9, 16}, ContactEmail: " Anna@Example.SE ", Indicators: []string{" b ", "a", ""}}
	n := ini.Normalize()
	if n.Title != "E-arkiv för koncernen" || n.ContactEmail != "anna@example.se" {
		t.Errorf("texts = %q, %q", n.Title, n.ContactEmail)
	}
	if !slices.Equal(n.ParticipantUnitIDs, []int64{3, 5}) || !slices.Equal(n.Goals, []int{9, 16}) || !slices.Equal(n.Indicators, []string{"a", "b"}) {
		t.Errorf("lists = %v %v %v", n.ParticipantUnitIDs, n.Goals, n.Indicators)
	}
	if !slices.Equal(n.Perspectives, []followup.Perspective{followup.Trygghet, followup.Innovation}) {
		t.Errorf("perspectives = %v, want the policy's order", n.Perspectives)
	}
}

func TestBenefitAndCriterionValidate(t *testing.T) {
	t.Parallel()
	day := time.Date(2025, 5, 1, 0, 0, 0, 0, time.UTC)
	tests := []struct {
		name string
		err  error
		want []string
	}{
		{"benefit ok", followup.Benefit{Date: day, Description: "Färre samtal", ValueSEK: 120_000, IndicatorKey: "digital-andel"}.Validate(), nil},
		{"benefit empty", followup.Benefit{ValueSEK: -5, IndicatorKey: "X"}.Validate(), []string{"benefit_date", "benefit_description", "benefit_indicator", "benefit_value"}},
		{"criterion ok", followup.Criterion{Kind: followup.CriterionEnvironment, Met: followup.MetPartly, Evidence: "Miljöcertifikat ISO 14001"}.Validate(), nil},
		{"criterion no answer", followup.Criterion{Kind: followup.CriterionWorkingHours}.Validate(), []string{"evidence_social-working-hours", "met_social-working-hours"}},
		{"criterion unknown", followup.Criterion{Kind: "governance", Met: followup.MetYes, Evidence: "x"}.Validate(), []string{"kind"}},
	}
	for _, tc := range tests {
		got := slices.Sorted(maps.Keys(sprang.ErrorFields(tc.err)))
		if !slices.Equal(got, tc.want) || (tc.want == nil) != (tc.err == nil) {
			t.Errorf("%s: fields = %v (%v), want %v", tc.name, got, tc.err, tc.want)
		}
	}
}

func TestInitiativeFilter(t *testing.T) {
	t.Parallel()
	ini := validInitiative()
	ini.ParticipantUnitIDs = []int64{7}
	ini.End = time.Date(2026, 6, 30, 0, 0, 0, 0, time.UTC)
	tests := []struct {
		f    followup.InitiativeFilter
		want bool
	}{
		{followup.InitiativeFilter{}, true},
		{followup.InitiativeFilter{Status: followup.StatusOngoing, UnitID: 7, Perspective: followup.Trygghet, Year: 2026}, true},
		{followup.InitiativeFilter{Status: followup.StatusIdea}, false},
		{followup.InitiativeFilter{UnitID: 8}, false},
		{followup.InitiativeFilter{Perspective: followup.Kompetens}, false},
		{followup.InitiativeFilter{Year: 2024}, false},
		{followup.InitiativeFilter{Year: 2027}, false},
	}
	for _, tc := range tests {
		if got := tc.f.Match(ini); got != tc.want {
			t.Errorf("%+v: Match = %v, want %v", tc.f, got, tc.want)
		}
	}
	if len(followup.SDGs()) != 17 {
		t.Errorf("SDGs: %d, want 17", len(followup.SDGs()))
	}
	if _, ok := followup.SDGByNumber(0); ok {
		t.Error("goal 0 exists")
	}
}
