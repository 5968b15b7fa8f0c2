package web

import (
	"net/http"

	"sprang/internal/audit"
)

// handleResidentReads shows a logged-in resident every read of their
// personal data by staff that the audit log holds: when, by whom and why
// (GDPR transparency; the reads are recorded by store.ReadResident). Other
// visitors are sent to the resident login.
func (s *Server) handleResidentReads(w http.ResponseWriter, r *http.Request) {
	sess := sessionOf(r.Context())
	if !sess.Resident() {
		http.Redirect(w, r, "/logga-in/invanare", http.StatusSeeOther)
		return
	}
	reads, err := s.db.AuditPersonalDataReads(r.Context(), sess.ResidentID)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	v := s.view(r)
	v.Title = v.T("reads.title")
	s.render(w, r, "resident_reads", v.with(residentReads{Reads: reads}))
}

// residentReads is what the resident's "who read my data" page shows.
type residentReads struct {
	Reads []audit.Entry
}
