package mail

import (
	"context"
	"log/slog"
)

// Dropped is the Sender for installations without a mail server (the demo):
// it sends nothing and logs only that a mail would have been sent, never to
// whom or what. Pages that depend on the mail show its content themselves
// in demo mode.
type Dropped struct {
	Log *slog.Logger // nil discards
}

// Send logs that m would be sent and returns nil.
func (d Dropped) Send(ctx context.Context, m Message) error {
	if err := m.Validate(); err != nil {
		return err
	}
	if d.Log != nil {
		d.Log.InfoContext(ctx, "mail would be sent to a hidden address (no SMTP server configured)")
	}
	return nil
}
