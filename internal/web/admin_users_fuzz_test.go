package web

import (
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"sprang"
)

// FuzzGrantOf checks that any unit and role posted to the user page give
// either a valid grant or an Invalid error with field messages.
func FuzzGrantOf(f *testing.F) {
	for _, s := range [][2]string{{"1", "administrator"}, {"", ""}, {"-1", "lasare"}, {"9223372036854775808", "kung"}, {" 7 ", "etjanst"}, {"0x10", "Lasare"}} {
		f.Add(s[0], s[1])
	}
	f.Fuzz(func(t *testing.T, unit, role string) {
		g, err := grantOf(map[string]string{"unit": unit, "role": role})
		if err != nil {
			if sprang.ErrorKind(err) != sprang.Invalid || len(sprang.ErrorFields(err)) == 0 {
				t.Fatalf("grantOf(%q, %q) error %v", unit, role, err)
			}
			return
		}
		if g.UnitID <= 0 || !g.Role.Valid() {
			t.Fatalf("grantOf(%q, %q) = %+v", unit, role, g)
		}
	})
}

// FuzzPostedForm checks that any body gives the named fields or an
// Invalid error, never a panic.
func FuzzPostedForm(f *testing.F) {
	for _, s := range []string{"username=a&password=b", "", "%", "a=%zz", "username=%C3%A5&username=x", strings.Repeat("a", 70000)} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, body string) {
		r := httptest.NewRequest(http.MethodPost, "/logga-in", strings.NewReader(body))
		r.Header.Set("Content-Type", "application/x-www-form-urlencoded")
		form, err := postedForm(httptest.NewRecorder(), r, "username", "password")
		if err != nil {
			if sprang.ErrorKind(err) != sprang.Invalid {
				t.Fatalf("error of kind %s: %v", sprang.ErrorKind(err), err)
			}
			return
		}
		if _, ok := form["username"]; !ok || len(form) != 2 {
			t.Fatalf("form %v", form)
		}
	})
}
