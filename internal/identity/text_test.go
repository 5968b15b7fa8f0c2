package identity

import (
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"sprang"
)

func TestValidEmail(t *testing.T) {
	t.Parallel()
	tests := []struct {
		in   string
		want bool
	}{
		{"anna.andersson@ornskoldsvik.se", true},
		{"a+tag@example.co.uk", true},
		{"", false},
		{"anna", false},
		{"anna@localhost", false},
		{"anna@example.", false},
		{"Anna <anna@example.se>", false},
		{"<anna@example.se>", false},
		{"anna@[127.0.0.1]", false},
		{"anna @example.se", false},
		{"anna@example.se\n", false},
		{strings.Repeat("a", 250) + "@x.se", false},
	}
	for _, tt := range tests {
		if got := ValidEmail(tt.in); got != tt.want {
			t.Errorf("ValidEmail(%q) = %v, want %v", tt.in, got, tt.want)
		}
	}
	got, err := ParseEmail("  Anna.Andersson@Example.SE ")
	if err != nil || got != "anna.andersson@example.se" {
		t.Errorf("ParseEmail = %q, %v", got, err)
	}
	if _, err := ParseEmail("nope"); sprang.ErrorFields(err)["email"] != MsgEmailInvalid {
		t.Errorf("ParseEmail(nope) error = %v", err)
	}
}

func TestUsernameAndDisplayName(t *testing.T) {
	t.Parallel()
	for in, want := range map[string]bool{
		"admin": true, "anna.andersson": true, "a_b-c": true, "9lives": true,
		"a": false, "": false, ".admin": false, "Admin": false, "anna andersson": false,
		"åsa": false, strings.Repeat("a", 64): true, strings.Repeat("a", 65): false,
	} {
		if got := ValidUsername(in); got != want {
			t.Errorf("ValidUsername(%q) = %v, want %v", in, got, want)
		}
	}
	if got := NormalizeUsername("  Admin "); got != "admin" {
		t.Errorf("NormalizeUsername = %q", got)
	}
	for in, want := range map[string]bool{
		"Åsa Öberg": true, "": false, " Åsa": false, "Åsa  Öberg": false,
		"Åsa\u0007": false, strings.Repeat("ö", 100): true, strings.Repeat("ö", 101): false, "\xff": false,
	} {
		if got := ValidDisplayName(in); got != want {
			t.Errorf("ValidDisplayName(%q) = %v, want %v", in, got, want)
		}
	}
	if got := NormalizeDisplayName("  Åsa \t Öberg "); got != "Åsa Öberg" {
		t.Errorf("NormalizeDisplayName = %q", got)
	}
}

func TestNewUserValidate(t *testing.T) {
	t.Parallel()
	ok := NewUser{Username: " Anna ", DisplayName: "Anna  Andersson", Email: "ANNA@example.se"}.Normalize()
	if diff := cmp.Diff(NewUser{Username: "anna", DisplayName: "Anna Andersson", Email: "anna@example.se"}, ok); diff != "" {
		t.Errorf("Normalize (-want +got):\n%s", diff)
	}
	if err := ok.Validate(); err != nil {
		t.Errorf("Validate = %v", err)
	}
	bad := NewUser{Username: "a b", Email: "x"}
	want := map[string]string{"username": MsgUsernameInvalid, "display_name": MsgDisplayName, "email": MsgEmailInvalid}
	if diff := cmp.Diff(want, sprang.ErrorFields(bad.Validate())); diff != "" {
		t.Errorf("Validate fields (-want +got):\n%s", diff)
	}
	name, email, empty := "  Åsa ", " X@Y.SE", ""
	up := UserUpdate{DisplayName: &name, Email: &email}.Normalize()
	if *up.DisplayName != "Åsa" || *up.Email != "x@y.se" || up.Validate() != nil {
		t.Errorf("UserUpdate normalize/validate: %q %q %v", *up.DisplayName, *up.Email, up.Validate())
	}
	if err := (UserUpdate{DisplayName: &empty, Email: &empty}).Validate(); sprang.ErrorFields(err)["display_name"] != MsgDisplayName || sprang.ErrorFields(err)["email"] != "" {
		t.Errorf("UserUpdate with empty name: %v", err)
	}
}

func TestValidatePassword(t *testing.T) {
	t.Parallel()
	tests := []struct{ in, want string }{
		{"korrekt häst batteri", ""},
		{"åäöåäöåäöåäö", ""},
		{"kort", MsgPasswordShort},
		{strings.Repeat("a", 257), MsgPasswordLong},
	}
	for _, tt := range tests {
		if got := sprang.ErrorFields(ValidatePassword(tt.in))["password"]; got != tt.want {
			t.Errorf("ValidatePassword(%.10q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestUserLocked(t *testing.T) {
	t.Parallel()
	now := time.Date(2026, 1, 1, 12, 0, 0, 0, time.UTC)
	if (User{}).Locked(now) || !(User{LockedUntil: now.Add(time.Minute)}).Locked(now) || (User{LockedUntil: now}).Locked(now) {
		t.Error("Locked is wrong")
	}
}

func TestResidentAndLoA(t *testing.T) {
	t.Parallel()
	for in, want := range map[string]LoA{"loa3": LoA3, "3": LoA3, "http://id.elegnamnden.se/loa/1.0/loa3": LoA3, " LOA2 ": LoA2, "loa4": LoA4, "1": LoA1} {
		if got, err := ParseLoA(in); err != nil || got != want {
			t.Errorf("ParseLoA(%q) = %q, %v", in, got, err)
		}
	}
	for _, in := range []string{"", "5", "loa", "high"} {
		if _, err := ParseLoA(in); err == nil {
			t.Errorf("ParseLoA(%q) accepted", in)
		}
	}
	if !LoA3.AtLeast(LoA2) || LoA2.AtLeast(LoA3) || LoA("").AtLeast(LoA1) {
		t.Error("AtLeast is wrong")
	}
	r := Resident{ID: 4, GivenName: "Tolvan", FamilyName: "Tolvansson"}
	if r.Name() != "Tolvan Tolvansson" || (Resident{FamilyName: "X"}).Name() != "X" || !r.Principal().IsResident() {
		t.Error("Resident helpers are wrong")
	}
	if (APIToken{}).Revoked() || !(APIToken{RevokedAt: time.Now()}).Revoked() {
		t.Error("APIToken.Revoked is wrong")
	}
}

func TestMessagesCoverEveryKey(t *testing.T) {
	t.Parallel()
	for k, v := range Messages() {
		if !strings.HasPrefix(k, "identity.") || v.SV == "" || v.EN == "" {
			t.Errorf("message %q = %+v", k, v)
		}
	}
	if len(Messages()) != 24 {
		t.Errorf("Messages has %d keys; keep it in step with the constants", len(Messages()))
	}
}
