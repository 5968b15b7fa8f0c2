package notify

import (
	"context"
	"fmt"
	"strings"

	"sprang/internal/audit"
	"sprang/internal/eservice"
	"sprang/internal/i18n"
	"sprang/internal/identity"
	"sprang/internal/jobs"
	"sprang/internal/mail"
	"sprang/internal/store"
)

// ErrandMessageArgs are the arguments of the mail that tells a resident
// there is news in their errand on Mina sidor: a message, a request for
// more information or a decision from the case officer. Event is the kind
// of that event ("message", "completion_request" or "decision").
type ErrandMessageArgs struct {
	ErrandID int64  `json:"errand_id"`
	Event    string `json:"event"`
}

// Kind names the errand message mail job.
func (ErrandMessageArgs) Kind() string { return "errand_message" }

// WorkErrandMessage mails the notice of news in an errand to the address
// messageAddress finds. Without an address there is nothing to send
// (a resident who asked for letters gets one by post: the store queues
// it). Register it with jobs.Register and MaxAttempts, as Register does.
func (n *Notifier) WorkErrandMessage(ctx context.Context, job jobs.Job[ErrandMessageArgs]) error {
	e, _, err := n.errand(ctx, job.Args.ErrandID)
	if err != nil {
		return err
	}
	to, err := n.messageAddress(ctx, e)
	if err != nil || to == "" {
		return err
	}
	return n.deliver(ctx, n.ErrandMessageMail(e, to, eservice.EventKind(job.Args.Event)))
}

// messageAddress returns where the notice of news in errand e goes: the
// address given with the errand, else the e-mail address of the
// resident's contact preferences, else the address a resident who logged
// in by e-mail logged in with; "" when there is none.
func (n *Notifier) messageAddress(ctx context.Context, e eservice.Errand) (string, error) {
	if e.Email != "" || e.ResidentID == 0 {
		return e.Email, nil
	}
	c, err := n.db.ResidentContact(ctx, e.ResidentID)
	if err != nil {
		return "", fmt.Errorf("contact of errand %d: %w", e.ID, err)
	}
	if c.Email != "" {
		return c.Email, nil
	}
	r, err := n.db.ReadResident(ctx, e.ResidentID, store.Reader{ActorKind: audit.System, ActorName: "notify",
		Reason: "Avisering om nytt i ärende " + e.DiaryNumber})
	if err != nil {
		return "", fmt.Errorf("read resident of errand %d: %w", e.ID, err)
	}
	if r.Kind == identity.ResidentEmail {
		return r.Email, nil
	}
	return "", nil
}

// ErrandMessageMail returns the notice of news of kind ev in errand e, to
// address to: in Swedish and then in English (the resident's language is
// not known), with the errand's reference and a link to Mina sidor. It
// never holds the news itself nor any other personal data: the resident
// reads it after logging in.
func (n *Notifier) ErrandMessageMail(e eservice.Errand, to string, ev eservice.EventKind) mail.Message {
	what := "message"
	switch ev {
	case eservice.EventCompletionRequest:
		what = "request"
	case eservice.EventDecision:
		what = "decision"
	}
	var b strings.Builder
	for i, lang := range []i18n.Lang{i18n.Swedish, i18n.English} {
		if i > 0 {
			b.WriteString("\n----\n\n")
		}
		b.WriteString(n.t(lang, "case.mail.greeting") + "\n\n")
		b.WriteString(n.t(lang, "case.mail."+what, e.Reference) + "\n\n")
		b.WriteString(n.t(lang, "case.mail.link") + "\n")
		b.WriteString(n.base + "/mina-sidor\n\n")
		b.WriteString(n.t(lang, "case.mail.no_reply") + "\n")
	}
	return mail.Message{To: to, Subject: n.t(i18n.Swedish, "case.mail.subject", e.Reference), Text: b.String()}
}
