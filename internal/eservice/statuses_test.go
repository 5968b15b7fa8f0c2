package eservice_test

import (
	"testing"

	"sprang/internal/eservice"
)

func TestCanMove(t *testing.T) {
	t.Parallel()
	s := eservice.Spec{Statuses: eservice.DefaultStatuses()}
	tests := []struct {
		from, to string
		want     bool
	}{
		{"mottaget", "handlaggs", true},
		{"mottaget", "avslutat", true},
		{"handlaggs", "komplettering", true},
		{"komplettering", "handlaggs", true},
		{"beslutat", "avslutat", true},
		{"beslutat", "handlaggs", false},
		{"avslutat", "mottaget", false},
		{"handlaggs", "mottaget", false},
		{"handlaggs", "handlaggs", false},
		{"mottaget", "finns_inte", false},
		{"finns_inte", "handlaggs", false},
		{"", "", false},
	}
	for _, tt := range tests {
		t.Run(tt.from+"→"+tt.to, func(t *testing.T) {
			t.Parallel()
			if got := s.CanMove(tt.from, tt.to); got != tt.want {
				t.Errorf("CanMove(%q, %q) = %v, want %v", tt.from, tt.to, got, tt.want)
			}
		})
	}
	// A Next id that is not in the list is no way out.
	broken := eservice.Spec{Statuses: []eservice.Status{{ID: "a", Kind: eservice.KindReceived, Next: []string{"b"}}}}
	if broken.CanMove("a", "b") {
		t.Error("CanMove to a status that does not exist")
	}
}

func TestStatusAndReceived(t *testing.T) {
	t.Parallel()
	s := eservice.Spec{Statuses: eservice.DefaultStatuses()}
	if st, ok := s.Status("beslutat"); !ok || st.Kind != eservice.KindDecided {
		t.Errorf("Status(beslutat) = %v, %v", st, ok)
	}
	if _, ok := s.Status("finns_inte"); ok {
		t.Error("Status found an unknown id")
	}
	if got := s.Received().ID; got != "mottaget" {
		t.Errorf("Received = %q", got)
	}
	moved := eservice.Spec{Statuses: append([]eservice.Status{{ID: "forst", Kind: eservice.KindOpen}}, eservice.DefaultStatuses()...)}
	if got := moved.Received().ID; got != "mottaget" {
		t.Errorf("Received with the received status second = %q", got)
	}
	none := eservice.Spec{Statuses: []eservice.Status{{ID: "forst", Kind: eservice.KindOpen}}}
	if got := none.Received().ID; got != "forst" {
		t.Errorf("Received without a received status = %q, want the first", got)
	}
	if got := (eservice.Spec{}).Received(); got.ID != "" {
		t.Errorf("Received of no statuses = %v", got)
	}
}

func TestRules(t *testing.T) {
	t.Parallel()
	tests := []struct {
		c    eservice.Classification
		want eservice.Rule
	}{
		{0, eservice.Rule{AnonymousAllow: true, EmailReceipt: true}},
		{1, eservice.Rule{AnonymousAllow: true, EmailReceipt: true}},
		{2, eservice.Rule{EIDRequired: true, MinLoA: "loa2"}},
		{3, eservice.Rule{EIDRequired: true, MinLoA: "loa3"}},
		{4, eservice.Rule{EIDRequired: true, MinLoA: "loa3"}},
		{-1, eservice.Rule{EIDRequired: true, MinLoA: "loa3"}},
	}
	for _, tt := range tests {
		if got := eservice.Rules(tt.c); got != tt.want {
			t.Errorf("Rules(%d) = %+v, want %+v", tt.c, got, tt.want)
		}
	}
}
