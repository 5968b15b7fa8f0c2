package jobs

import (
	"time"

	"github.com/riverqueue/river/rivertype"
)

// backoffPolicy is a River retry policy from a delay function of the
// number of failures so far.
type backoffPolicy struct {
	delay func(n int) time.Duration
}

// NextRetry returns when a job that just failed should run again.
func (p backoffPolicy) NextRetry(job *rivertype.JobRow) time.Time {
	n := len(job.Errors) + 1
	return time.Now().UTC().Add(p.delay(n))
}

// ExponentialBackoff returns a delay function for Config.Backoff: base,
// doubled after every failure, never more than limit.
func ExponentialBackoff(base, limit time.Duration) func(n int) time.Duration {
	return func(n int) time.Duration {
		d := base
		for i := 1; i < n && d < limit; i++ {
			d *= 2
		}
		return min(d, limit)
	}
}
