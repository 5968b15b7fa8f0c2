package jobs

import (
	"context"
	"time"
)

// CleanupArgs are the arguments of the periodic cleanup job.
type CleanupArgs struct{}

// Kind names the cleanup job.
func (CleanupArgs) Kind() string { return "cleanup" }

// CleanupInterval is how often the cleanup job runs.
const CleanupInterval = 10 * time.Minute

// RegisterCleanup registers the cleanup job, which deletes expired
// sessions, login flows, e-mail codes and login attempts (see
// store.DB.DeleteExpired), and schedules it every CleanupInterval. It fails
// like Register.
func RegisterCleanup(r *Runner) error {
	if err := Register(r, r.cleanup, KindOptions{MaxAttempts: 3}); err != nil {
		return err
	}
	return r.Every(CleanupInterval, CleanupArgs{})
}

func (r *Runner) cleanup(ctx context.Context, _ Job[CleanupArgs]) error {
	res, err := r.db.DeleteExpired(ctx)
	if err != nil {
		return err
	}
	if res.Total() > 0 {
		r.log.InfoContext(ctx, "expired rows deleted",
			"sessions", res.Sessions, "auth_flows", res.AuthFlows,
			"email_codes", res.EmailCodes, "login_attempts", res.LoginAttempts)
	}
	return nil
}
