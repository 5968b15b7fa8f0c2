package web

import (
	"sprang/internal/eservice"
	"sprang/internal/jobs"
	"sprang/internal/notify"
	"sprang/internal/store"
)

// caseNotify returns the work that tells the resident of errand e that
// there is news (an event of kind ev) on Mina sidor: the errand_message
// mail job, enqueued through the outbox in the transaction of the change,
// so the mail goes out exactly when the change is stored. A resident
// without an address given with the errand is still notified when they
// logged in by e-mail (the job looks that up); letters for residents who
// asked for them are queued by the store itself. Without an outbox there
// is nothing to run.
func (s *Server) caseNotify(e eservice.Errand, ev eservice.EventKind) []store.TxFunc {
	if s.outbox == nil || (e.Email == "" && e.ResidentID == 0) {
		return nil
	}
	return []store.TxFunc{s.outbox.InTx(notify.ErrandMessageArgs{ErrandID: e.ID, Event: string(ev)}, jobs.EnqueueOpts{})}
}
