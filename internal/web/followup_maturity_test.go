package web_test

import (
	"net/http"
	"net/url"
	"strings"
	"testing"

	"sprang/internal/identity"
	"sprang/internal/store/storetest"
)

// TestMaturityPermissions: a unit's assessment may be filled in with
// ManageFollowUp covering the unit or a role other than läsare covering
// it (inherited from a unit above); the questions only with
// ManageFollowUp over the whole group. An empty post is refused with 422
// to whoever may fill in the form, 403 to others.
func TestMaturityPermissions(t *testing.T) {
	t.Parallel()
	e := newDashEnv(t, storetest.Selected())
	e.addStaff(t, "skolchef", map[string]identity.Role{"skola": identity.RoleHandlaggare})
	e.addStaff(t, "bolagsadmin", map[string]identity.Role{"bostader": identity.RoleAdministrator})
	e.addStaff(t, "utv", map[string]identity.Role{"kommunen": identity.RoleUtveckling})
	for _, tc := range []struct {
		who, unit string
		want      int
	}{
		{"skolchef", "skola", http.StatusUnprocessableEntity},
		{"skolchef", "skola-it", http.StatusUnprocessableEntity}, // inherited from skola
		{"skolchef", "social", http.StatusForbidden},
		{"bolagsadmin", "bostader", http.StatusUnprocessableEntity},
		{"bolagsadmin", "social", http.StatusForbidden}, // ManageFollowUp in the bolag only
		{"reader", "skola", http.StatusForbidden},       // läsare
		{"utv", "social", http.StatusUnprocessableEntity},
		{"admin", "skola-it", http.StatusUnprocessableEntity},
	} {
		b := e.browser(t)
		b.login(tc.who)
		if resp, _ := b.post("/personal/mognad/"+tc.unit+"/2026", url.Values{}); resp.StatusCode != tc.want {
			t.Errorf("%s fills in %s: %d, want %d", tc.who, tc.unit, resp.StatusCode, tc.want)
		}
		_, body := b.get("/personal/mognad")
		fill := strings.Contains(body, `Fyll i 2026<span class="visually-hidden">: `+e.units[tc.unit].NameSV)
		if fill != (tc.want != http.StatusForbidden) {
			t.Errorf("%s: overview offers to fill in %s: %v", tc.who, tc.unit, fill)
		}
	}
	for who, want := range map[string]int{"admin": http.StatusOK, "utv": http.StatusOK, "bolagsadmin": http.StatusForbidden, "skolchef": http.StatusForbidden} {
		b := e.browser(t)
		b.login(who)
		if resp, body := b.get("/personal/mognad/fragor"); resp.StatusCode != want {
			t.Errorf("%s opens the questions: %d, want %d\n%s", who, resp.StatusCode, want, body)
		}
		if resp, _ := b.post("/personal/mognad/fragor", url.Values{"ar": {"2027"}}); (resp.StatusCode == http.StatusForbidden) != (want == http.StatusForbidden) {
			t.Errorf("%s posts the questions: %d", who, resp.StatusCode)
		}
	}
}
