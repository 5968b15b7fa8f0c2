package mail

import (
	"context"
	"fmt"
	"net"
	"net/url"
	"strconv"
	"time"

	gomail "github.com/wneessen/go-mail"

	"sprang"
)

// SMTP sends mail through an SMTP server (the municipality's relay or a
// mail service). It is safe for concurrent use; each Send opens its own
// connection, which suits the low volume of login mails.
type SMTP struct {
	host     string
	port     int
	implicit bool // smtps://: TLS from the first byte
	policy   gomail.TLSPolicy
	user     string
	pass     string
	from     string
	timeout  time.Duration
}

// NewSMTP returns an SMTP sender for rawURL, sending as from. The URL is
// smtp://[user:password@]host[:port] (port 587 by default, STARTTLS
// required) or smtps://… (port 465, TLS at once). On smtp:// the query
// parameter starttls=opportunistic or starttls=none relaxes STARTTLS,
// which is only sound on a trusted network; to a loopback address the
// default is opportunistic. Credentials are only sent over TLS or to a
// loopback address. It returns an Invalid *sprang.Error for a bad URL or
// sender address; the error never repeats the password.
func NewSMTP(rawURL, from string) (*SMTP, error) {
	u, err := url.Parse(rawURL)
	if err != nil {
		return nil, sprang.Errorf(sprang.Invalid, "SPRANG_SMTP_URL is not a URL: write it as smtp://user:password@host:587")
	}
	if from == "" {
		return nil, sprang.Errorf(sprang.Invalid, "SPRANG_MAIL_FROM must name the sender address, e.g. Kommunen <noreply@kommun.example.se>")
	}
	s := &SMTP{host: u.Hostname(), from: from, timeout: 30 * time.Second}
	if s.host == "" {
		return nil, sprang.Errorf(sprang.Invalid, "SPRANG_SMTP_URL %q has no host", u.Redacted())
	}
	if err := s.setScheme(u); err != nil {
		return nil, err
	}
	if u.User != nil {
		s.user = u.User.Username()
		s.pass, _ = u.User.Password()
	}
	return s, nil
}

// setScheme reads scheme, port and STARTTLS policy from u.
func (s *SMTP) setScheme(u *url.URL) error {
	switch u.Scheme {
	case "smtps":
		s.implicit, s.port = true, 465
	case "smtp":
		s.port, s.policy = 587, gomail.TLSMandatory
		if isLoopback(s.host) {
			s.policy = gomail.TLSOpportunistic
		}
	default:
		return sprang.Errorf(sprang.Invalid, "SPRANG_SMTP_URL must start with smtp:// or smtps:// (got %q)", u.Scheme)
	}
	if p := u.Port(); p != "" {
		n, err := strconv.Atoi(p)
		if err != nil || n < 1 || n > 65535 {
			return sprang.Errorf(sprang.Invalid, "SPRANG_SMTP_URL has a bad port %q", p)
		}
		s.port = n
	}
	switch v := u.Query().Get("starttls"); v {
	case "":
	case "required":
		s.policy = gomail.TLSMandatory
	case "opportunistic":
		s.policy = gomail.TLSOpportunistic
	case "none":
		s.policy = gomail.NoTLS
	default:
		return sprang.Errorf(sprang.Invalid, "SPRANG_SMTP_URL: starttls must be required, opportunistic or none (got %q)", v)
	}
	return nil
}

func isLoopback(host string) bool {
	if host == "localhost" {
		return true
	}
	ip := net.ParseIP(host)
	return ip != nil && ip.IsLoopback()
}

// Send delivers m to the server. Errors name the server but never the
// recipient, the content or the password.
func (s *SMTP) Send(ctx context.Context, m Message) error {
	if err := m.Validate(); err != nil {
		return err
	}
	msg, err := s.message(m)
	if err != nil {
		return err
	}
	c, err := gomail.NewClient(s.host, s.options()...)
	if err != nil {
		return fmt.Errorf("smtp client for %s: %w", s.host, err)
	}
	if err := c.DialAndSendWithContext(ctx, msg); err != nil {
		return fmt.Errorf("send mail via %s:%d: %w", s.host, s.port, redactedError{err})
	}
	return nil
}

func (s *SMTP) message(m Message) (*gomail.Msg, error) {
	msg := gomail.NewMsg(gomail.WithCharset(gomail.CharsetUTF8), gomail.WithEncoding(gomail.EncodingQP))
	if err := msg.From(s.from); err != nil {
		return nil, sprang.Errorf(sprang.Invalid, "SPRANG_MAIL_FROM is not a valid address")
	}
	if err := msg.To(m.To); err != nil {
		return nil, sprang.Errorf(sprang.Invalid, "mail: the recipient address is not valid")
	}
	msg.Subject(m.Subject)
	msg.SetDate()
	msg.SetMessageID()
	msg.SetBodyString(gomail.TypeTextPlain, m.Text)
	return msg, nil
}

func (s *SMTP) options() []gomail.Option {
	opts := []gomail.Option{gomail.WithPort(s.port), gomail.WithTimeout(s.timeout)}
	if s.implicit {
		opts = append(opts, gomail.WithSSL())
	} else {
		opts = append(opts, gomail.WithTLSPolicy(s.policy))
	}
	if s.user != "" {
		// Auto-discovery never sends a password in clear; to a loopback
		// address (a local relay) PLAIN is allowed without TLS, as in net/smtp.
		auth := gomail.SMTPAuthAutoDiscover
		if isLoopback(s.host) && !s.implicit {
			auth = gomail.SMTPAuthPlainNoEnc
		}
		opts = append(opts, gomail.WithSMTPAuth(auth), gomail.WithUsername(s.user), gomail.WithPassword(s.pass))
	}
	return opts
}

// redactedError wraps an SMTP error (for errors.Is and errors.As) but cuts
// its text at the first '<' or '@': a server's reply may quote the
// recipient's address, which must not reach logs or the job list.
type redactedError struct{ err error }

func (e redactedError) Error() string {
	msg := e.err.Error()
	for i := 0; i < len(msg); i++ {
		if msg[i] == '<' || msg[i] == '@' {
			return msg[:i] + "…"
		}
	}
	return msg
}

func (e redactedError) Unwrap() error { return e.err }
