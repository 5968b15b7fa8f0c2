package auth_test

import (
	"strings"
	"testing"
	"time"

	"sprang"
	"sprang/internal/auth"
	"sprang/internal/identity"
)

func TestEIDLoginFromClaims(t *testing.T) {
	t.Parallel()
	now := time.Date(2025, 6, 1, 0, 0, 0, 0, time.UTC)
	loa3 := "http://id.elegnamnden.se/loa/1.0/loa3"
	tests := []struct {
		name     string
		claims   map[string]any
		acr      string
		pnrClaim string
		acrReq   string // the requested acr_values
		wantPnr  identity.Personnummer
		wantLoA  identity.LoA
		wantMsg  string
	}{
		{"broker claim", map[string]any{"personal_identity_number": "191212121212"}, loa3, "", "", "191212121212", identity.LoA3, ""},
		{"oidc.se claim", map[string]any{"https://id.oidc.se/claim/personalIdentityNumber": "19121212-1212"}, "loa2", "", "", "191212121212", identity.LoA2, ""},
		{"configured claim first", map[string]any{"ssn": "198112289874", "personal_identity_number": "191212121212"}, loa3, "ssn", "", "198112289874", identity.LoA3, ""},
		{"samordningsnummer", map[string]any{"personal_identity_number": "197010632391"}, loa3, "", "", "197010632391", identity.LoA3, ""},
		{"no personnummer", map[string]any{"name": "Tolvan"}, loa3, "", "", "", "", auth.MsgEIDNoPnr},
		{"wrong check digit", map[string]any{"personal_identity_number": "191212121213"}, loa3, "", "", "", "", auth.MsgEIDNoPnr},
		{"not a string", map[string]any{"personal_identity_number": 191212121212}, loa3, "", "", "", "", auth.MsgEIDNoPnr},
		{"no acr", map[string]any{"personal_identity_number": "191212121212"}, "", "", "", "", "", auth.MsgEIDLoA},
		{"asked loa3, got loa3", map[string]any{"personal_identity_number": "191212121212"}, loa3, "", loa3, "191212121212", identity.LoA3, ""},
		{"asked loa3, got loa4", map[string]any{"personal_identity_number": "191212121212"}, "http://id.elegnamnden.se/loa/1.0/loa4", "", loa3, "191212121212", identity.LoA4, ""},
		{"asked loa3, got loa2", map[string]any{"personal_identity_number": "191212121212"}, "http://id.elegnamnden.se/loa/1.0/loa2", "", loa3, "", "", auth.MsgEIDLoALow},
		{"asked loa3 or loa2, got loa2", map[string]any{"personal_identity_number": "191212121212"}, "loa2", "", loa3 + " http://id.elegnamnden.se/loa/1.0/loa2", "191212121212", identity.LoA2, ""},
		{"asked an unknown acr, got another", map[string]any{"personal_identity_number": "191212121212"}, loa3, "", "urn:x:high", "", "", auth.MsgEIDLoALow},
		{"unknown acr", map[string]any{"personal_identity_number": "191212121212"}, "urn:something", "", "", "", "", auth.MsgEIDLoA},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			l, err := auth.EIDLoginFromClaims(auth.Claims{ACR: tt.acr, All: tt.claims}, tt.pnrClaim, tt.acrReq, now)
			if tt.wantMsg != "" {
				if sprang.ErrorKind(err) != sprang.Unauthenticated || sprang.ErrorMessage(err) != tt.wantMsg {
					t.Fatalf("err = %v, want Unauthenticated %s", err, tt.wantMsg)
				}
				if strings.Contains(err.Error(), "1212") {
					t.Errorf("error %q holds the number", err)
				}
				return
			}
			if err != nil || l.Personnummer != tt.wantPnr || l.LoA != tt.wantLoA {
				t.Fatalf("got %+v, %v; want %s %s", l, err, tt.wantPnr, tt.wantLoA)
			}
		})
	}
}

func TestIsTestPersonnummer(t *testing.T) {
	t.Parallel()
	tests := []struct {
		pnr  identity.Personnummer
		want bool
	}{
		{"191212121212", true},
		{"198112289874", true},
		{"199001019802", true},
		{"198001010019", false},
		{"", false},
	}
	for _, tt := range tests {
		if got := auth.IsTestPersonnummer(tt.pnr); got != tt.want {
			t.Errorf("IsTestPersonnummer(%s) = %t, want %t", tt.pnr, got, tt.want)
		}
	}
}
