// Package notify sends the platform's mails to residents from the durable
// job queue (internal/jobs): a handler enqueues a job in the same
// transaction as the change it tells about, and a worker here builds the
// mail and hands it to the mail server. A mail server that is down makes
// the job fail and run again later with backoff, so no mail is lost and
// none is sent for a change that rolled back.
//
// Job arguments carry only ids and the resident's language, never an
// address or any other personal data (they are shown on the job list).
// The worker reads the errand through the store, which decrypts the
// address and audits the read, and builds the mail from the message
// catalog in the resident's language.
//
// Adding a kind of mail: an Args type with its Kind, a worker method
// using n.errand and n.deliver, and one line in Register.
package notify

import (
	"context"
	"errors"
	"fmt"
	"strings"

	"sprang"
	"sprang/internal/eservice"
	"sprang/internal/i18n"
	"sprang/internal/jobs"
	"sprang/internal/mail"
	"sprang/internal/store"
)

// MaxAttempts is how often a mail job is tried before it is discarded.
// With the job queue's backoff (n⁴ seconds) the last of 20 attempts comes
// about four days after the first, which outlasts a long mail outage.
const MaxAttempts = 20

// Notifier builds and sends the mails. Its methods are safe for
// concurrent use.
type Notifier struct {
	db   *store.DB
	send mail.Sender
	cat  *i18n.Catalog
	base string
}

// New returns a Notifier that reads errands from db (with the platform's
// box, to decrypt them), sends through send and writes links to the
// platform at baseURL (e.g. "https://e.kommun.se").
func New(db *store.DB, send mail.Sender, cat *i18n.Catalog, baseURL string) *Notifier {
	return &Notifier{db: db, send: send, cat: cat, base: strings.TrimRight(baseURL, "/")}
}

// Register registers the worker of every kind of mail on r. It must be
// called before r is first used and fails like jobs.Register.
func Register(r *jobs.Runner, n *Notifier) error {
	opts := jobs.KindOptions{MaxAttempts: MaxAttempts}
	if err := jobs.Register(r, n.workReceipt, opts); err != nil {
		return fmt.Errorf("register mail jobs: %w", err)
	}
	if err := jobs.Register(r, n.WorkErrandMessage, opts); err != nil {
		return fmt.Errorf("register mail jobs: %w", err)
	}
	return nil
}

// errand reads errand id as the system, audited with the store's reason
// for a read in the errand's handling; see readErrand.
func (n *Notifier) errand(ctx context.Context, id int64) (eservice.Errand, eservice.Spec, error) {
	return n.readErrand(ctx, id, "")
}

// readErrand reads errand id as the system, audited with reason (in
// Swedish, like every reason in the audit log; "" for the store's), and
// the version of its service it was made with. An errand that no longer
// exists gives a permanent error: no retry brings it back.
func (n *Notifier) readErrand(ctx context.Context, id int64, reason string) (eservice.Errand, eservice.Spec, error) {
	e, err := n.db.ReadErrand(ctx, id, store.ErrandReader{System: true, Reason: reason})
	if sprang.ErrorKind(err) == sprang.NotFound {
		return eservice.Errand{}, eservice.Spec{}, jobs.Permanent(fmt.Errorf("errand %d no longer exists", id))
	}
	if err != nil {
		return eservice.Errand{}, eservice.Spec{}, fmt.Errorf("read errand %d: %w", id, err)
	}
	spec, err := n.db.FindServiceVersion(ctx, e.ServiceID, e.Version)
	if err != nil {
		return eservice.Errand{}, eservice.Spec{}, fmt.Errorf("read service of errand %d: %w", id, err)
	}
	return e, spec, nil
}

// deliver sends m. A message that cannot be valid fails for good; a
// failing mail server gives an error, so the job runs again later. Errors
// never hold the address or the content.
func (n *Notifier) deliver(ctx context.Context, m mail.Message) error {
	if err := m.Validate(); err != nil {
		return jobs.Permanent(fmt.Errorf("compose mail: %w", err))
	}
	if n.send == nil {
		return errors.New("send mail: no mail server is configured")
	}
	if err := n.send.Send(ctx, m); err != nil {
		return fmt.Errorf("send mail: %w", err)
	}
	return nil
}

// t translates key into lang.
func (n *Notifier) t(lang i18n.Lang, key string, args ...any) string {
	return n.cat.T(lang, key, args...)
}
