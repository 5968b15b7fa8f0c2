package auth

import (
	"context"
	"fmt"
	"strconv"
	"time"

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
// Its Idle is how long it may now go unused: SessionIdle, or the longer
// limit chosen with ExtendSession.
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

// SessionExtended is the audit action of a person choosing the longer idle
// limit for their session (ExtendSession). Its entry names the actor and
// the new limit, nothing else.
const SessionExtended audit.Action = "session.extended"

// LongerIdle returns the idle limit a person may choose for their session
// instead of SessionIdle (WCAG 2.2.1, "adjust": at least ten times the
// default): ten times SessionIdle, but never longer than SessionAbsolute,
// past which no session lives anyway. It equals SessionIdle only when the
// two timeouts are configured equal.
func (s *Service) LongerIdle() time.Duration { return min(10*s.idle, s.absolute) }

// ExtendSession gives the live, fully logged-in session with tokenHash the
// idle limit LongerIdle, for this session only (the person's other
// sessions keep theirs), and audits it as SessionExtended with the
// session's person as actor. The absolute end of the session does not
// move. It returns the session's idle limit now. Choosing again changes
// and audits nothing. It returns NotFound when the session has expired,
// ended or never existed, or is still waiting for its second factor.
func (s *Service) ExtendSession(ctx context.Context, tokenHash string) (time.Duration, error) {
	sess, err := s.db.FindSession(ctx, tokenHash, s.idle)
	if err != nil {
		return 0, err
	}
	if sess.PendingTOTP {
		return 0, sprang.Errorf(sprang.NotFound, "session not found")
	}
	longer := s.LongerIdle()
	if sess.Idle >= longer {
		return sess.Idle, nil
	}
	e := audit.Entry{Action: SessionExtended, Detail: "idle limit " + longer.String()}
	a := subjectActor(sess)
	e.ActorKind, e.ActorID, e.ActorName = a.Kind, a.ID, a.Name
	if err := s.db.SetSessionIdle(ctx, tokenHash, longer, e); err != nil {
		return 0, fmt.Errorf("extend session: %w", err)
	}
	return longer, nil
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
