package store

import (
	"cmp"
	"context"
	"database/sql"
	"errors"
	"fmt"
	"slices"
	"time"

	"sprang/internal/eservice"
)

// The open data the platform publishes about itself (package platformdata)
// comes from the aggregate queries of this file: counts grouped in SQL,
// and lead times summarized in Go inside the store, so that nothing about
// a single errand leaves it — no id, no time, no answer. Months are
// calendar months whose bounds the caller gives (as the statistics' are,
// see monthCase), so neither engine needs date arithmetic of its own.

// PlatformErrandCount is how many errands of one e-service arrived at one
// unit by one channel in one month.
type PlatformErrandCount struct {
	Month     int // the index in the months asked for
	ServiceID int64
	Service   eservice.Text // the service's current title
	UnitID    int64
	UnitSV    string // the unit's name
	UnitEN    string
	Channel   eservice.Channel
	Errands   int
}

// PlatformLeadTime summarizes the errands of one e-service closed in one
// month: how many, and the median and 90th percentile of the time from
// submission to closing (eservice.LeadSummary).
type PlatformLeadTime struct {
	Month     int // the index in the months asked for
	ServiceID int64
	Service   eservice.Text
	Closed    int
	Median    time.Duration
	P90       time.Duration
}

// FirstErrandAt returns when the first errand still stored was submitted,
// or the zero time when there is none.
func (db *DB) FirstErrandAt(ctx context.Context) (time.Time, error) {
	var first time.Time
	err := db.queryRow(ctx, `SELECT submitted_at FROM errands ORDER BY submitted_at LIMIT 1`).Scan(&first)
	switch {
	case errors.Is(err, sql.ErrNoRows):
		return time.Time{}, nil
	case err != nil:
		return time.Time{}, fmt.Errorf("first errand: %w", err)
	}
	return first.UTC(), nil
}

// PlatformErrandCounts counts the errands submitted from months[0] until
// to, grouped by the month (of months, the starts of consecutive calendar
// months) they were submitted in, service, unit and channel; only groups
// with errands are returned, ordered by month, service title, unit name
// and channel. None when months is empty.
func (db *DB) PlatformErrandCounts(ctx context.Context, months []time.Time, to time.Time) ([]PlatformErrandCount, error) {
	if len(months) == 0 {
		return nil, nil
	}
	month, margs := db.monthCase("e.submitted_at", months)
	rows, err := db.query(ctx, `SELECT `+month+`, e.service_id, s.title_sv, s.title_en, e.unit_id, u.name_sv, u.name_en,
			e.channel, COUNT(*)
		FROM errands e JOIN eservices s ON s.id = e.service_id JOIN org_units u ON u.id = e.unit_id
		WHERE e.submitted_at >= ? AND e.submitted_at < ?
		GROUP BY 1, e.service_id, s.title_sv, s.title_en, e.unit_id, u.name_sv, u.name_en, e.channel`,
		append(margs, months[0].UTC(), to.UTC())...)
	if err != nil {
		return nil, fmt.Errorf("platform errand counts: %w", err)
	}
	defer func() { _ = rows.Close() }()
	var out []PlatformErrandCount
	for rows.Next() {
		var c PlatformErrandCount
		var channel string
		if err := rows.Scan(&c.Month, &c.ServiceID, &c.Service.SV, &c.Service.EN, &c.UnitID, &c.UnitSV, &c.UnitEN,
			&channel, &c.Errands); err != nil {
			return nil, fmt.Errorf("platform errand counts: %w", err)
		}
		c.Channel = eservice.Channel(channel)
		out = append(out, c)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("platform errand counts: %w", err)
	}
	slices.SortFunc(out, func(a, b PlatformErrandCount) int {
		return cmp.Or(cmp.Compare(a.Month, b.Month), cmp.Compare(a.Service.SV, b.Service.SV),
			cmp.Compare(a.ServiceID, b.ServiceID), cmp.Compare(a.UnitSV, b.UnitSV), cmp.Compare(a.UnitID, b.UnitID),
			cmp.Compare(channelOrder(a.Channel), channelOrder(b.Channel)))
	})
	return out, nil
}

// channelOrder returns the place of c in eservice.Channels.
func channelOrder(c eservice.Channel) int {
	if i := slices.Index(eservice.Channels(), c); i >= 0 {
		return i
	}
	return len(eservice.Channels())
}

// platformLeadKey is one group of PlatformLeadTimes.
type platformLeadKey struct {
	month   int
	service int64
}

// PlatformLeadTimes summarizes the errands closed from months[0] until to
// by the month (of months) they were closed in and their service, ordered
// by month and service title. The lead times are read as one integer per
// closed errand and summarized here; only the summaries are returned.
// None when months is empty.
func (db *DB) PlatformLeadTimes(ctx context.Context, months []time.Time, to time.Time) ([]PlatformLeadTime, error) {
	if len(months) == 0 {
		return nil, nil
	}
	month, margs := db.monthCase("closed_at", months)
	rows, err := db.query(ctx, `SELECT `+month+`, service_id, `+db.secondsBetween("submitted_at", "closed_at")+`
		FROM errands WHERE closed_at >= ? AND closed_at < ?`,
		append(margs, months[0].UTC(), to.UTC())...)
	if err != nil {
		return nil, fmt.Errorf("platform lead times: %w", err)
	}
	leads, err := scanLeads(rows)
	if err != nil {
		return nil, fmt.Errorf("platform lead times: %w", err)
	}
	titles, err := db.serviceTitles(ctx)
	if err != nil {
		return nil, fmt.Errorf("platform lead times: %w", err)
	}
	out := make([]PlatformLeadTime, 0, len(leads))
	for k, ls := range leads {
		l := PlatformLeadTime{Month: k.month, ServiceID: k.service, Service: titles[k.service], Closed: len(ls)}
		l.Median, l.P90 = eservice.LeadSummary(ls)
		out = append(out, l)
	}
	slices.SortFunc(out, func(a, b PlatformLeadTime) int {
		return cmp.Or(cmp.Compare(a.Month, b.Month), cmp.Compare(a.Service.SV, b.Service.SV), cmp.Compare(a.ServiceID, b.ServiceID))
	})
	return out, nil
}

// scanLeads reads the rows of PlatformLeadTimes' query, grouped, and
// closes rows.
func scanLeads(rows *sql.Rows) (map[platformLeadKey][]time.Duration, error) {
	defer func() { _ = rows.Close() }()
	leads := map[platformLeadKey][]time.Duration{}
	for rows.Next() {
		var k platformLeadKey
		var seconds int64
		if err := rows.Scan(&k.month, &k.service, &seconds); err != nil {
			return nil, err
		}
		leads[k] = append(leads[k], time.Duration(seconds)*time.Second)
	}
	return leads, rows.Err()
}

// serviceTitles returns the current title of every e-service by id.
func (db *DB) serviceTitles(ctx context.Context) (map[int64]eservice.Text, error) {
	rows, err := db.query(ctx, `SELECT id, title_sv, title_en FROM eservices`)
	if err != nil {
		return nil, err
	}
	defer func() { _ = rows.Close() }()
	out := map[int64]eservice.Text{}
	for rows.Next() {
		var id int64
		var t eservice.Text
		if err := rows.Scan(&id, &t.SV, &t.EN); err != nil {
			return nil, err
		}
		out[id] = t
	}
	return out, rows.Err()
}
