package web

import (
	"crypto/rand"
	"net/http"
	"strconv"

	"sprang/internal/eservice"
	"sprang/internal/notify"
	"sprang/internal/store"
)

// submit makes the errand of flow f with answers a (pruned of hidden
// questions) and, when an address was given, the receipt mail job in the
// same transaction. It returns where to go next: the receipt for a
// resident (an anonymous one gets the receipt cookie that lets this
// browser see it), the errand for a case officer.
func (s *Server) submit(w http.ResponseWriter, r *http.Request, f *flow, a eservice.Answers, email string) (string, error) {
	n := store.NewErrand{ServiceID: f.draft.ServiceID, Version: f.draft.Version, Channel: f.channel,
		ResidentID: f.resident, Answers: f.spec.Form.Prune(a), Email: email, DraftID: f.draft.ID, Owner: f.owner}
	if f.staff != nil {
		n.ByUserID = f.staff.User.ID
	}
	var then []store.TxFunc
	if email != "" && s.outbox != nil {
		then = append(then, notify.ReceiptJob(s.outbox, string(langOf(r))))
	}
	e, err := s.db.SubmitErrand(r.Context(), n, rand.Reader, then...)
	if err != nil {
		return "", err
	}
	if f.staff != nil {
		return "/personal/arenden/" + strconv.FormatInt(e.ID, 10), nil
	}
	if f.owner.ResidentID == 0 {
		s.rememberReceipt(w, r, f.owner.Token, e.Reference)
	}
	return receiptURL(e.Reference), nil
}

// receiptURL returns the URL of the receipt of the errand with reference ref.
func receiptURL(ref string) string { return "/e-tjanster/kvitto/" + ref }
