package store

import "time"

// WithClockForDemo returns a view of db whose clock (Now) is now, for the
// demo content only: `sprang demo` seeds a year of errands, and making
// each at its own moment through the ordinary store methods keeps every
// derived time consistent — the diary number's year, the due time, the
// events, the decision and closing times, the daily use counts, the
// letters and the audit entries. The view shares db's connections and
// encryption box: never Close it, and never use it outside the demo.
func (db *DB) WithClockForDemo(now func() time.Time) *DB {
	c := *db
	c.now = func() time.Time { return now().UTC() }
	return &c
}
