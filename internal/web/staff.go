package web

import (
	"encoding/base64"
	"html/template"
	"net/http"

	"sprang"
	"sprang/internal/auth"
	"sprang/internal/identity"
	"sprang/internal/secret"
)

// staffLink is a link on the staff start page, shown when the user's
// roles allow Action somewhere (always when Action is "").
type staffLink struct {
	Href, Key string
	Action    identity.Action
}

// staffLinks are the staff pages the start page may link to; later
// modules add theirs here.
var staffLinks = []staffLink{
	{"/personal/anvandare", "staff.link.users", identity.ManageUsers},
	{"/personal/enheter", "staff.link.units", identity.ManageUnits},
	{"/personal/logg", "staff.link.audit", identity.ReadAuditLog},
	{"/personal/jobb", "staff.link.jobs", identity.ViewJobs},
	{"/personal/tvastegs", "staff.link.totp", ""},
	{"/personal/uppfoljning", "staff.link.followup", identity.ViewFollowUp},
	{"/personal/indikatorer", "staff.link.indicators", identity.ManageFollowUp},
	{"/personal/policy", "staff.link.policy", identity.ViewFollowUp},
	{"/personal/initiativ", "staff.link.initiatives", identity.ViewFollowUp},
	{"/personal/mognad", "staff.link.maturity", identity.ViewFollowUp},
	{"/personal/kompetens", "staff.link.competence", ""},
	{"/personal/uppfoljning/rapporter", "staff.link.report", identity.ViewFollowUp},
}

// grantRow is one role of a user in one unit, ready to show.
type grantRow struct {
	identity.Grant
	Unit identity.Unit
}

// grantRows pairs each grant of u with its unit from t, skipping grants in
// units that no longer exist.
func grantRows(u identity.User, t *identity.Tree) []grantRow {
	var out []grantRow
	for _, g := range u.Grants {
		if unit, ok := t.Unit(g.UnitID); ok {
			out = append(out, grantRow{Grant: g, Unit: unit})
		}
	}
	return out
}

// staffPage is what the staff start page shows.
type staffPage struct {
	User   identity.User
	Grants []grantRow
	Links  []staffLink
}

func (s *Server) handleStaff(w http.ResponseWriter, r *http.Request) {
	acc, err := s.staffAccess(r)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	p := staffPage{User: acc.User, Grants: grantRows(acc.User, acc.Tree)}
	for _, l := range staffLinks {
		if l.Action == "" || acc.CanAnywhere(l.Action) {
			p.Links = append(p.Links, l)
		}
	}
	v := s.view(r)
	v.Title = v.T("staff.title")
	s.render(w, r, "staff", v.with(p))
}

// totpSetupPage is what the TOTP setup page shows: whether TOTP is on and,
// during enrolment, the new secret as text, its URI and a QR code.
type totpSetupPage struct {
	Enabled bool
	Pending *auth.Enrolment
	QR      template.URL // data: URL of a PNG, made here from the URI
}

func (s *Server) handleTOTPSetup(w http.ResponseWriter, r *http.Request) {
	s.renderTOTPSetup(w, r, http.StatusOK, nil)
}

func (s *Server) renderTOTPSetup(w http.ResponseWriter, r *http.Request, status int, formErr error) {
	acc, err := s.staffAccess(r)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	p := totpSetupPage{Enabled: acc.User.TOTPEnabled}
	if !p.Enabled {
		e, err := s.auth.PendingEnrolment(r.Context(), acc.User.ID)
		if err != nil && sprang.ErrorKind(err) != sprang.NotFound {
			s.fail(w, r, err)
			return
		}
		if err == nil {
			p.Pending = &e
			if png, err := secret.TOTPQRCode(e.URL, 200); err == nil {
				p.QR = template.URL("data:image/png;base64," + base64.StdEncoding.EncodeToString(png)) //nolint:gosec // made here, not user input
			}
		}
	}
	v := s.view(r)
	v.Title = v.T("staff.totp.title")
	if formErr != nil {
		showErrors(v, formErr, "code")
	}
	s.renderStatus(w, r, status, "staff_totp", v.with(p))
}

// handleTOTPSetupPost begins enrolment (action=begin) or confirms it with
// a code (action=confirm).
func (s *Server) handleTOTPSetupPost(w http.ResponseWriter, r *http.Request) {
	form, err := postedForm(w, r, "action", "code")
	if err != nil {
		s.fail(w, r, err)
		return
	}
	acc, err := s.staffAccess(r)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	if form["action"] == "confirm" {
		err = s.auth.ConfirmTOTP(r.Context(), acc.actor(), acc.User.ID, form["code"])
	} else {
		err = s.auth.BeginTOTP(r.Context(), acc.User.ID)
	}
	if sprang.ErrorKind(err) == sprang.Invalid {
		s.renderTOTPSetup(w, r, http.StatusUnprocessableEntity, err)
		return
	}
	if err != nil {
		s.fail(w, r, err)
		return
	}
	http.Redirect(w, r, "/personal/tvastegs", http.StatusSeeOther)
}
