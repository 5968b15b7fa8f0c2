package store

import (
	"context"
	"fmt"
	"slices"
	"time"
)

// Funnel is how a service's drafts fared over a period: how many were
// started, how many became errands, and where the others stopped.
type Funnel struct {
	Started   int // drafts started in the period
	Submitted int // of those, submitted
	// DropOff counts the drafts started in the period and not submitted
	// (still open or abandoned) by the furthest page they reached:
	// DropOff[i] stopped at page i. It is as long as the furthest page
	// reached plus one, and empty when every draft was submitted.
	DropOff []int
}

// maxFunnelPage bounds the pages a funnel counts; a form has far fewer.
const maxFunnelPage = 1000

// add counts started drafts that reached page at the furthest, submitted
// of which were submitted. Negative counts take drafts out again.
func (f *Funnel) add(page, started, submitted int) {
	f.Started += started
	f.Submitted += submitted
	if open := started - submitted; open > 0 {
		page = min(max(page, 0), maxFunnelPage)
		for len(f.DropOff) <= page {
			f.DropOff = append(f.DropOff, 0)
		}
		f.DropOff[page] += open
	}
}

// draftScope selects the drafts of some services: those owned by unitIDs
// (any unit when nil), and of one service when serviceID is not 0.
type draftScope struct {
	unitIDs   []int64
	serviceID int64
}

// units returns the condition on the owning unit of table alias t
// ("s" for eservices, "e" for errands), or "", with its arguments.
func (sc draftScope) units(t string) (string, []any) {
	if sc.unitIDs == nil {
		return "", nil
	}
	return ` AND ` + t + `.unit_id IN (` + placeholderList(len(sc.unitIDs)) + `)`, int64Any(sc.unitIDs)
}

// service returns the condition on the service of table alias t, or "",
// with its argument.
func (sc draftScope) service(t string) (string, []any) {
	if sc.serviceID == 0 {
		return "", nil
	}
	return ` AND ` + t + `.service_id = ?`, []any{sc.serviceID}
}

// draftCounts calls fn with the drafts started from from (inclusive) to to
// (exclusive) in scope, grouped by service, owning unit and the integer
// expression group over d (d.furthest, or a month) with its arguments:
// how many were started and how many of them submitted. A draft a resident
// deleted is not counted.
//
// Only residents' drafts count. A case officer who registers a paper,
// phone, visit or letter errand fills in a draft too; those that became
// errands of another channel are counted again by a second query and
// handed to fn with negative counts, which takes them out. That query
// starts from those few errands and finds their drafts by the index
// eservice_drafts_registrations (0006); looking up the errand of every
// submitted draft instead would cost a read per draft. It puts no
// condition on the drafts' service, so that SQLite's planner, which has no
// statistics, cannot prefer eservice_drafts_funnel and scan a service's
// drafts for every errand. A registration abandoned before it was
// submitted cannot be told from a resident's draft and stays in.
func (db *DB) draftCounts(ctx context.Context, from, to time.Time, sc draftScope, group string, gargs []any,
	fn func(service, unit int64, g, started, submitted int)) error {
	units, uargs := sc.units("s")
	service, sargs := sc.service("d")
	err := db.eachDraftCount(ctx, `SELECT d.service_id, s.unit_id, `+group+`, COUNT(*), COUNT(d.submitted_at)
		FROM eservice_drafts d JOIN eservices s ON s.id = d.service_id
		WHERE d.started_at >= ? AND d.started_at < ?`+units+service+` GROUP BY 1, 2, 3`,
		slices.Concat(gargs, []any{from.UTC(), to.UTC()}, uargs, sargs), fn, 1)
	if err != nil {
		return err
	}
	eunits, euargs := sc.units("e")
	eservices, esargs := sc.service("e")
	return db.eachDraftCount(ctx, `SELECT x.service_id, s.unit_id, x.g, x.n, x.n FROM (
			SELECT d.service_id, `+group+` AS g, COUNT(*) AS n FROM eservice_drafts d
			WHERE d.errand_id IN (SELECT e.id FROM errands e
					WHERE e.channel IN ('paper', 'phone', 'visit', 'letter') AND e.submitted_at >= ?`+eunits+eservices+`)
				AND d.started_at >= ? AND d.started_at < ?
			GROUP BY 1, 2) x
		JOIN eservices s ON s.id = x.service_id WHERE 1 = 1`+units,
		slices.Concat(gargs, []any{from.UTC()}, euargs, esargs, []any{from.UTC(), to.UTC()}, uargs), fn, -1)
}

// eachDraftCount runs a query of draftCounts and calls fn with each row's
// counts multiplied by sign.
func (db *DB) eachDraftCount(ctx context.Context, q string, args []any,
	fn func(service, unit int64, g, started, submitted int), sign int) error {
	rows, err := db.query(ctx, q, args...)
	if err != nil {
		return err
	}
	defer func() { _ = rows.Close() }()
	for rows.Next() {
		var service, unit int64
		var g, started, submitted int
		if err := rows.Scan(&service, &unit, &g, &started, &submitted); err != nil {
			return err
		}
		fn(service, unit, g, sign*started, sign*submitted)
	}
	return rows.Err()
}

// ServiceFunnel returns the funnel of service serviceID for the drafts
// started from from (inclusive) to to (exclusive). A draft a resident
// deleted is not counted, nor one a case officer registered an errand of
// another channel with (see draftCounts).
func (db *DB) ServiceFunnel(ctx context.Context, serviceID int64, from, to time.Time) (Funnel, error) {
	var f Funnel
	err := db.draftCounts(ctx, from, to, draftScope{serviceID: serviceID}, `d.furthest`, nil,
		func(_, _ int64, page, started, submitted int) { f.add(page, started, submitted) })
	if err != nil {
		return Funnel{}, fmt.Errorf("service funnel: %w", err)
	}
	return f, nil
}
