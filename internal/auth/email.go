package auth

import (
	"context"
	"crypto/rand"
	"crypto/subtle"
	"fmt"
	"math/big"
	"strings"
	"time"

	"sprang"
	"sprang/internal/identity"
	"sprang/internal/mail"
	"sprang/internal/secret"
	"sprang/internal/store"
)

// Message keys of the e-mail login.
const (
	MsgEmailCodeFormat  = "email.code.format"  // not six digits
	MsgEmailCodeWrong   = "email.code.wrong"   // wrong code; attempts remain
	MsgEmailCodeExpired = "email.code.expired" // no live code: ask for a new one
	MsgEmailCodeUsedUp  = "email.code.used_up" // too many wrong codes: ask for a new one
	MsgEmailLinkExpired = "email.link.expired" // the link was used, replaced or expired
	MsgEmailTooMany     = "email.too_many"     // this client asked for too many codes
	MsgEmailSendFailed  = "email.send_failed"  // the mail server did not take the mail
	ProviderEmail       = "email"              // for RefuseLogin
)

// EmailLinkPath is the path of the one-time link, followed by its token.
const EmailLinkPath = "/logga-in/epost/lank/"

// EmailPolicy holds the limits of e-mail login.
type EmailPolicy struct {
	TTL         time.Duration // how long a code and link work
	MaxAttempts int           // wrong codes allowed per code
	Window      time.Duration // the period the rate limits count over
	PerAddress  int           // codes mailed to one address per Window; more are silently not sent
	PerClient   int           // codes one client may ask for per Window
}

// DefaultEmailPolicy returns the production limits: a code works for 15
// minutes and 5 tries; per hour at most 5 mails to one address and 20
// requests from one client address.
func DefaultEmailPolicy() EmailPolicy {
	return EmailPolicy{TTL: 15 * time.Minute, MaxAttempts: 5, Window: time.Hour, PerAddress: 5, PerClient: 20}
}

// Email logs in residents without Swedish e-ID by a verified e-mail
// address: a one-time six-digit code typed into the browser that asked for
// it, or a one-time link opened anywhere. Only hashes of codes, links and
// flow ids are stored. It is safe for concurrent use.
type Email struct {
	s       *Service
	send    mail.Sender
	baseURL string
	policy  EmailPolicy
}

// NewEmail returns the e-mail login of s, mailing through send and
// building links on baseURL (the platform's public URL).
func NewEmail(s *Service, send mail.Sender, baseURL string, p EmailPolicy) *Email {
	return &Email{s: s, send: send, baseURL: strings.TrimRight(baseURL, "/"), policy: p}
}

// Composer writes the login mail for a code and a link, in the reader's
// language.
type Composer func(code, link string, ttl time.Duration) (subject, text string)

// EmailRequest is a pending e-mail login as the browser keeps it: the
// random flow id for its cookie. Code and Link are what was mailed, for
// the demo without a mail server to show on the page; never log them.
type EmailRequest struct {
	FlowID string
	Code   string
	Link   string
}

// Request mails a code and a link to address, asked for from client (its
// address: only a rate-limit key). The answer does not tell whether the
// address is known, nor whether a per-address limit held the mail back.
// It returns an Invalid error (field "email") for a malformed address, a
// TooMany error (see RetryAt) when client asked too often, and an error
// with MsgEmailSendFailed when the mail server refused.
func (e *Email) Request(ctx context.Context, address, client string, compose Composer) (EmailRequest, error) {
	address, err := identity.ParseEmail(address)
	if err != nil {
		return EmailRequest{}, err
	}
	if err := e.throttleClient(ctx, client); err != nil {
		return EmailRequest{}, err
	}
	emailHash, err := e.s.db.EmailLookup(address)
	if err != nil {
		return EmailRequest{}, fmt.Errorf("request email code: %w", err)
	}
	req := EmailRequest{FlowID: secret.Token(), Code: sixDigits(), Link: secret.Token()}
	n, err := e.s.db.CountEmailCodes(ctx, emailHash, e.s.db.Now().Add(-e.policy.Window))
	if err != nil {
		return EmailRequest{}, err
	}
	if n >= e.policy.PerAddress {
		return EmailRequest{FlowID: req.FlowID}, nil // neutral: same answer, nothing sent
	}
	if err := e.store(ctx, emailHash, address, req); err != nil {
		return EmailRequest{}, err
	}
	subject, text := compose(req.Code, e.baseURL+EmailLinkPath+req.Link, e.policy.TTL)
	if err := e.send.Send(ctx, mail.Message{To: address, Subject: subject, Text: text}); err != nil {
		return EmailRequest{}, &sprang.Error{Kind: sprang.Internal, Message: MsgEmailSendFailed, Cause: err}
	}
	return req, nil
}

// throttleClient refuses a client that asked for too many codes in the
// window and counts this request (before it is served, so parallel
// requests count each other).
func (e *Email) throttleClient(ctx context.Context, client string) error {
	_, err := e.s.claimAttempts(ctx, MsgEmailTooMany, e.policy.Window,
		limit{key: e.s.box.Lookup("email.client", client), max: e.policy.PerClient})
	if _, ok := RetryAt(err); ok {
		return e.s.RefuseLogin(ctx, ProviderEmail, err)
	}
	if err != nil {
		return fmt.Errorf("check email rate: %w", err)
	}
	return nil
}

// store keeps the hashes of req and the sealed address.
func (e *Email) store(ctx context.Context, emailHash, address string, req EmailRequest) error {
	flowHash := secret.HashToken(req.FlowID)
	_, err := e.s.db.CreateEmailCode(ctx, store.EmailCode{
		EmailHash: emailHash, FlowHash: flowHash,
		EmailSealed: e.s.box.Seal([]byte(address), emailAD(flowHash)),
		CodeHash:    codeHash(req.FlowID, req.Code), LinkHash: secret.HashToken(req.Link),
		ExpiresAt: e.s.db.Now().Add(e.policy.TTL),
	})
	return err
}

// emailAD binds a sealed address to its email_codes row.
func emailAD(flowHash string) []byte { return []byte("email_codes.email_enc:" + flowHash) }

// codeHash binds a code to its flow, so it works only in the browser that
// asked for it.
func codeHash(flowID, code string) string { return secret.HashToken(flowID + ":" + code) }

// sixDigits returns a uniformly random code 000000–999999.
func sixDigits() string {
	n, err := rand.Int(rand.Reader, big.NewInt(1_000_000))
	if err != nil {
		panic("crypto/rand: " + err.Error()) // cannot happen since Go 1.24
	}
	return fmt.Sprintf("%06d", n.Int64())
}

// normalizeCode removes spaces and dashes people type between digits and
// reports whether six digits remain.
func normalizeCode(s string) (string, bool) {
	s = strings.Map(func(r rune) rune {
		if r == ' ' || r == '-' || r == '\u00a0' {
			return -1
		}
		return r
	}, s)
	if len(s) != 6 {
		return "", false
	}
	for _, c := range s {
		if c < '0' || c > '9' {
			return "", false
		}
	}
	return s, true
}

// VerifyCode logs in with the code typed into the browser whose pending
// flow is flowID, and starts a resident session. It returns an Invalid
// error (field "code") with MsgEmailCodeFormat, MsgEmailCodeWrong or
// MsgEmailCodeExpired, and a
// TooMany error with MsgEmailCodeUsedUp. Failures are audited.
func (e *Email) VerifyCode(ctx context.Context, flowID, code string) (Login, error) {
	code, ok := normalizeCode(code)
	if !ok {
		return Login{}, emailCodeError(MsgEmailCodeFormat)
	}
	c, err := e.s.db.AttemptEmailCode(ctx, secret.HashToken(flowID), e.policy.MaxAttempts)
	switch sprang.ErrorKind(err) {
	case "":
	case sprang.NotFound:
		return Login{}, e.s.RefuseLogin(ctx, ProviderEmail, emailCodeError(MsgEmailCodeExpired))
	case sprang.TooMany:
		return Login{}, e.s.RefuseLogin(ctx, ProviderEmail, &sprang.Error{Kind: sprang.TooMany, Message: MsgEmailCodeUsedUp,
			Fields: map[string]string{"code": MsgEmailCodeUsedUp}})
	default:
		return Login{}, err
	}
	if subtle.ConstantTimeCompare([]byte(codeHash(flowID, code)), []byte(c.CodeHash)) != 1 {
		return Login{}, e.s.RefuseLogin(ctx, ProviderEmail, emailCodeError(MsgEmailCodeWrong))
	}
	if err := e.s.db.UseEmailCode(ctx, c.ID); err != nil {
		return Login{}, e.s.RefuseLogin(ctx, ProviderEmail, emailCodeError(MsgEmailCodeExpired))
	}
	return e.finish(ctx, c)
}

func emailCodeError(msg string) error {
	return &sprang.Error{Kind: sprang.Invalid, Message: msg, Fields: map[string]string{"code": msg}}
}

// VerifyLink logs in with the token of a one-time link and starts a
// resident session. It returns an Invalid error with MsgEmailLinkExpired
// for a used, replaced, expired or unknown link; failures are audited.
func (e *Email) VerifyLink(ctx context.Context, token string) (Login, error) {
	c, err := e.s.db.UseEmailLink(ctx, secret.HashToken(token))
	if sprang.ErrorKind(err) == sprang.NotFound {
		return Login{}, e.s.RefuseLogin(ctx, ProviderEmail, sprang.Errorf(sprang.Invalid, MsgEmailLinkExpired))
	}
	if err != nil {
		return Login{}, err
	}
	return e.finish(ctx, c)
}

// finish finds or creates the resident with the now verified address of
// c and starts their session.
func (e *Email) finish(ctx context.Context, c store.EmailCode) (Login, error) {
	address, err := e.s.box.Open(c.EmailSealed, emailAD(c.FlowHash))
	if err != nil {
		return Login{}, fmt.Errorf("email login: %w", err)
	}
	r, err := e.s.db.FindOrCreateResidentByEmail(ctx, string(address))
	if err != nil {
		return Login{}, fmt.Errorf("email login: %w", err)
	}
	return e.s.residentLoggedIn(ctx, r.ID, MethodEmail, string(identity.LoA1))
}
