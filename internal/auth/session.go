package auth

import (
	"context"
	"fmt"
	"strconv"

	"sprang"
	"sprang/internal/audit"
	"sprang/internal/secret"
	"sprang/internal/store"
)

// Subject is who a session belongs to: a staff user or a resident, never
// both. Name is the staff username, for the audit log; it is empty for
// residents, whose names are personal data.
type Subject struct {
	UserID     int64
	ResidentID int64
	Name       string
}

// Login methods, recorded on the session and in the audit log.
const (
	MethodPassword = "password"
	MethodOIDC     = "oidc"
	MethodEID      = "eid"
	MethodEmail    = "email"
	MethodDemoEID  = "demo-eid"
)

// StartSession starts a new session for who and returns its token, which
// only the browser keeps: the database stores its hash. The session ends
// SessionAbsolute after now, or earlier after SessionIdle without use.
// Call it at every login, so a session id from before the login is never
// carried into it. It audits nothing: the login that calls it does.
func (s *Service) StartSession(ctx context.Context, who Subject, method, loa string) (string, error) {
	return s.startSession(ctx, who, method, loa, false)
}

func (s *Service) startSession(ctx context.Context, who Subject, method, loa string, pendingTOTP bool) (string, error) {
	token := secret.Token()
	err := s.db.CreateSession(ctx, store.Session{
		TokenHash: secret.HashToken(token), UserID: who.UserID, ResidentID: who.ResidentID,
		PendingTOTP: pendingTOTP, Method: method, LoA: loa, ExpiresAt: s.db.Now().Add(s.absolute),
	})
	if err != nil {
		return "", fmt.Errorf("start session: %w", err)
	}
	return token, nil
}

// Session returns the live session whose token hashes to tokenHash,
// recording its use; NotFound when it expired, ended or never existed.
func (s *Service) Session(ctx context.Context, tokenHash string) (store.Session, error) {
	sess, err := s.db.FindSession(ctx, tokenHash, s.idle)
	if err != nil {
		return store.Session{}, err
	}
	if err := s.db.TouchSession(ctx, sess); err != nil {
		return store.Session{}, err
	}
	return sess, nil
}

// Logout ends the session with tokenHash and audits it. Ending a session
// that is gone already is not an error.
func (s *Service) Logout(ctx context.Context, tokenHash string) error {
	sess, err := s.db.FindSession(ctx, tokenHash, s.absolute)
	if sprang.ErrorKind(err) == sprang.NotFound {
		return nil
	}
	if err != nil {
		return fmt.Errorf("logout: %w", err)
	}
	if err := s.db.DeleteSession(ctx, tokenHash); err != nil {
		return fmt.Errorf("logout: %w", err)
	}
	return s.audit(ctx, subjectActor(sess), audit.Entry{Action: audit.Logout, Detail: sess.Method})
}

// LogoutEverywhere ends every session of the staff user with userID — in
// all browsers, on all nodes — and audits it with actor as the one who
// asked (the user, or an administrator).
func (s *Service) LogoutEverywhere(ctx context.Context, actor Actor, userID int64) error {
	n, err := s.db.DeleteUserSessions(ctx, userID)
	if err != nil {
		return fmt.Errorf("logout everywhere: %w", err)
	}
	return s.audit(ctx, actor, audit.Entry{Action: audit.SessionRevokedAll, ObjectType: "user",
		ObjectID: strconv.FormatInt(userID, 10), Detail: strconv.FormatInt(n, 10) + " sessions"})
}

// subjectActor returns the actor a session acts as.
func subjectActor(sess store.Session) Actor {
	if sess.UserID != 0 {
		return Actor{Kind: audit.Staff, ID: sess.UserID, Name: sess.Username}
	}
	return Actor{Kind: audit.Resident, ID: sess.ResidentID}
}
