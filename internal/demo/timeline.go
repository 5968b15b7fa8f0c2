package demo

import (
	"cmp"
	"context"
	"fmt"
	"math/rand/v2"
	"slices"
	"time"

	"sprang/internal/store"
)

// step is one thing that happens in the example content's past: run with
// the database's clock standing at at.
type step struct {
	at  time.Time
	ord int // the order steps were planned in, for steps at the same moment
	run func(ctx context.Context, db *store.DB) error
}

// timeline collects the steps of the example content and plays them in
// time order, so that ids, diary numbers and audit entries follow the
// calendar.
type timeline struct {
	steps []step
}

// add plans run at t.
func (tl *timeline) add(t time.Time, run func(ctx context.Context, db *store.DB) error) {
	tl.steps = append(tl.steps, step{at: t, ord: len(tl.steps), run: run})
}

// play runs the steps before cutoff in time order, each with db's clock at
// its moment, and returns the first error. Later steps are the future:
// errands that would have been decided next week are simply still open.
func (tl *timeline) play(ctx context.Context, db *store.DB, cutoff time.Time) error {
	steps := slices.Clone(tl.steps)
	slices.SortFunc(steps, func(a, b step) int {
		if c := a.at.Compare(b.at); c != 0 {
			return c
		}
		return cmp.Compare(a.ord, b.ord)
	})
	for _, s := range steps {
		if !s.at.Before(cutoff) {
			break
		}
		if err := s.run(ctx, at(db, s.at)); err != nil {
			return err
		}
	}
	return nil
}

// stockholm is the time zone of office hours and of residents' days.
var stockholm = func() *time.Location {
	loc, err := time.LoadLocation("Europe/Stockholm")
	if err != nil {
		return time.FixedZone("CET", 3600)
	}
	return loc
}()

// clock draws the moments of the example content from a seeded source.
type clock struct {
	rng *rand.Rand
}

// between returns a moment uniformly between t+lo and t+hi.
func (c clock) between(t time.Time, lo, hi time.Duration) time.Time {
	if hi <= lo {
		return t.Add(lo)
	}
	return t.Add(lo + time.Duration(c.rng.Int64N(int64(hi-lo))))
}

// office returns the first moment at or after t in office hours (08:00–
// 16:30 in Stockholm on days the offices are open), a little into the hour
// when t was outside them.
func (c clock) office(t time.Time) time.Time {
	l := t.In(stockholm)
	open := time.Date(l.Year(), l.Month(), l.Day(), 8, 0, 0, 0, stockholm)
	closed := open.Add(8*time.Hour + 30*time.Minute)
	switch {
	case closedDay(l):
	case l.Before(open):
		return c.between(open, 0, 90*time.Minute).UTC()
	case l.Before(closed):
		return t
	}
	next := open.AddDate(0, 0, 1)
	for closedDay(next) {
		next = next.AddDate(0, 0, 1)
	}
	return c.between(next, 0, 90*time.Minute).UTC()
}

// weekend reports whether t is on a Saturday or Sunday.
func weekend(t time.Time) bool {
	return t.Weekday() == time.Saturday || t.Weekday() == time.Sunday
}

// closedDay reports whether offices are closed on t's date: weekends and
// the public holidays (and eves) with a fixed date. Easter and midsummer
// move, and the demo does without them.
func closedDay(t time.Time) bool {
	switch fmt.Sprintf("%02d-%02d", t.Month(), t.Day()) {
	case "01-01", "01-06", "05-01", "06-06", "12-24", "12-25", "12-26", "12-31":
		return true
	}
	return weekend(t)
}

// work returns a moment in office hours between t+lo and t+hi, or the
// first office moment after that.
func (c clock) work(t time.Time, lo, hi time.Duration) time.Time {
	return c.office(c.between(t, lo, hi))
}

// awake returns a moment between t+lo and t+hi moved, when it falls at
// night, to the next morning: when residents do things.
func (c clock) awake(t time.Time, lo, hi time.Duration) time.Time {
	m := c.between(t, lo, hi)
	l := m.In(stockholm)
	if l.Hour() >= 7 && l.Hour() < 23 {
		return m
	}
	day := l
	if l.Hour() >= 23 {
		day = l.AddDate(0, 0, 1)
	}
	morning := time.Date(day.Year(), day.Month(), day.Day(), 7, 0, 0, 0, stockholm)
	return c.between(morning, 0, 3*time.Hour).UTC()
}

// day returns a moment on the Stockholm day daysAgo days before now, at
// an hour between from and to.
func (c clock) day(now time.Time, daysAgo int, from, to int) time.Time {
	l := now.In(stockholm).AddDate(0, 0, -daysAgo)
	start := time.Date(l.Year(), l.Month(), l.Day(), from, 0, 0, 0, stockholm)
	return c.between(start, 0, time.Duration(to-from)*time.Hour).UTC()
}

// pick returns one of xs, drawn uniformly.
func pick[T any](rng *rand.Rand, xs []T) T {
	return xs[rng.IntN(len(xs))]
}

// chance reports true with probability p.
func chance(rng *rand.Rand, p float64) bool { return rng.Float64() < p }
