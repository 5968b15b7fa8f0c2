// Package mail sends e-mail: a small Sender interface, an SMTP
// implementation configured by an smtp:// or smtps:// URL, and a
// stand-in for demo installations without a mail server that sends
// nothing. Message text is plain UTF-8; Swedish letters (å, ä, ö) are
// encoded for transport by the SMTP implementation.
//
// Nothing here logs an address, a subject or a body: they may hold personal
// data and one-time login codes.
package mail

import (
	"context"
	"strings"

	"sprang"
)

// Message is one e-mail to one recipient, in plain text.
type Message struct {
	To      string // the recipient's address
	Subject string
	Text    string // the body, plain UTF-8 text
}

// Validate returns an Invalid *sprang.Error when the message lacks a
// recipient, a subject or a body, or its subject spans lines (which would
// let text inject headers).
func (m Message) Validate() error {
	switch {
	case strings.TrimSpace(m.To) == "":
		return sprang.Errorf(sprang.Invalid, "mail: no recipient")
	case strings.TrimSpace(m.Subject) == "" || strings.ContainsAny(m.Subject, "\r\n"):
		return sprang.Errorf(sprang.Invalid, "mail: the subject must be one non-empty line")
	case m.Text == "":
		return sprang.Errorf(sprang.Invalid, "mail: empty body")
	}
	return nil
}

// Sender sends messages. Send returns when the message was handed to the
// mail server (or, for stand-ins, dropped); an error means it was not and
// the caller may try again later. Errors never contain the address or
// the content.
type Sender interface {
	Send(ctx context.Context, m Message) error
}
