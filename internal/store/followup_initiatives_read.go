package store

import (
	"context"
	"database/sql"
	"fmt"
	"sort"
	"strings"
	"time"

	"sprang/internal/followup"
)

// initiativeColumns are the columns scanInitiative reads, in order.
const initiativeColumns = `id, title, description, owner_unit_id, contact_name, contact_email_enc, status,
	start_date, end_date, budget_sek, hypothesis, supplier_name, supplier_org, created_at, updated_at`

// Initiatives returns the initiatives f selects (see
// followup.InitiativeFilter), with their lists, benefits and criteria,
// the latest started first (those without a start date by when they were
// made), then by title.
func (db *DB) Initiatives(ctx context.Context, f followup.InitiativeFilter) ([]followup.Initiative, error) {
	all, err := db.loadInitiatives(ctx, "", nil)
	if err != nil {
		return nil, err
	}
	out := all[:0]
	for _, ini := range all {
		if f.Match(ini) {
			out = append(out, ini)
		}
	}
	sort.SliceStable(out, func(i, j int) bool {
		a, b := initiativeStart(out[i]), initiativeStart(out[j])
		if !a.Equal(b) {
			return a.After(b)
		}
		return out[i].Title < out[j].Title
	})
	return out, nil
}

// initiativeStart is when ini started, or was made when it has no start.
func initiativeStart(ini followup.Initiative) time.Time {
	if ini.Start.IsZero() {
		return ini.CreatedAt
	}
	return ini.Start
}

// Initiative returns the initiative with id, with its lists, benefits
// (oldest first) and criteria; NotFound when there is none.
func (db *DB) Initiative(ctx context.Context, id int64) (followup.Initiative, error) {
	out, err := db.loadInitiatives(ctx, "WHERE id = ?", []any{id})
	if err != nil {
		return followup.Initiative{}, err
	}
	if len(out) == 0 {
		return followup.Initiative{}, notFound(sql.ErrNoRows, "initiative")
	}
	return out[0], nil
}

// loadInitiatives reads the initiatives that where (a WHERE clause on
// the initiatives table, or "") selects, and their children.
func (db *DB) loadInitiatives(ctx context.Context, where string, args []any) ([]followup.Initiative, error) {
	rows, err := db.query(ctx, `SELECT `+initiativeColumns+` FROM initiatives `+where+` ORDER BY id`, args...)
	if err != nil {
		return nil, fmt.Errorf("list initiatives: %w", err)
	}
	var out []followup.Initiative
	for rows.Next() {
		ini, err := db.scanInitiative(rows)
		if err != nil {
			_ = rows.Close()
			return nil, fmt.Errorf("read initiative: %w", err)
		}
		out = append(out, ini)
	}
	if err := iniCloseRows(rows); err != nil {
		return nil, fmt.Errorf("list initiatives: %w", err)
	}
	byID := make(map[int64]*followup.Initiative, len(out))
	for i := range out {
		byID[out[i].ID] = &out[i]
	}
	if len(out) == 0 {
		return out, nil
	}
	sub := ""
	if where != "" {
		sub = " WHERE initiative_id IN (SELECT id FROM initiatives " + where + ")"
	}
	if err := db.loadInitiativeChildren(ctx, byID, sub, args); err != nil {
		return nil, fmt.Errorf("list initiatives: %w", err)
	}
	return out, nil
}

// iniCloseRows closes rows and returns the error of the iteration.
func iniCloseRows(rows *sql.Rows) error {
	err := rows.Err()
	if cerr := rows.Close(); err == nil {
		err = cerr
	}
	return err
}

// scanInitiative reads one initiatives row, opening the contact address.
func (db *DB) scanInitiative(s scanner) (followup.Initiative, error) {
	var ini followup.Initiative
	var email []byte
	var status, start, end, supplier, org string
	err := s.Scan(&ini.ID, &ini.Title, &ini.Description, &ini.OwnerUnitID, &ini.ContactName, &email, &status,
		&start, &end, &ini.BudgetSEK, &ini.BenefitHypothesis, &supplier, &org, &ini.CreatedAt, &ini.UpdatedAt)
	if err != nil {
		return ini, err
	}
	ini.Status, ini.Start, ini.End = followup.InitiativeStatus(status), iniParseDate(start), iniParseDate(end)
	ini.CreatedAt, ini.UpdatedAt = ini.CreatedAt.UTC(), ini.UpdatedAt.UTC()
	if supplier != "" {
		ini.Supplier = &followup.Supplier{Name: supplier, OrgNumber: org}
	}
	ini.ContactEmail, err = db.open(email, initiativeEmailAD(ini.ID))
	return ini, err
}

// loadInitiativeChildren fills in the lists, benefits and criteria of the
// initiatives of byID; sub restricts each child table to them (or is "").
func (db *DB) loadInitiativeChildren(ctx context.Context, byID map[int64]*followup.Initiative, sub string, args []any) error {
	lists := []struct {
		query string
		add   func(*followup.Initiative, string)
	}{
		{`SELECT initiative_id, CAST(unit_id AS TEXT) AS v FROM initiative_participants` + sub + ` ORDER BY initiative_participants.unit_id`,
			func(i *followup.Initiative, v string) {
				i.ParticipantUnitIDs = append(i.ParticipantUnitIDs, iniAtoi(v))
			}},
		{`SELECT initiative_id, perspective FROM initiative_perspectives` + sub,
			func(i *followup.Initiative, v string) {
				i.Perspectives = append(i.Perspectives, followup.Perspective(v))
			}},
		{`SELECT initiative_id, CAST(goal AS TEXT) AS v FROM initiative_goals` + sub + ` ORDER BY initiative_goals.goal`,
			func(i *followup.Initiative, v string) { i.Goals = append(i.Goals, int(iniAtoi(v))) }},
		{`SELECT initiative_id, indicator_key FROM initiative_indicators` + sub + ` ORDER BY indicator_key`,
			func(i *followup.Initiative, v string) { i.Indicators = append(i.Indicators, v) }},
		{`SELECT initiative_id, CAST(service_id AS TEXT) AS v FROM initiative_services` + sub + ` ORDER BY initiative_services.service_id`,
			func(i *followup.Initiative, v string) { i.ServiceIDs = append(i.ServiceIDs, iniAtoi(v)) }},
		{`SELECT initiative_id, dataset_id FROM initiative_datasets` + sub + ` ORDER BY dataset_id`,
			func(i *followup.Initiative, v string) { i.DatasetIDs = append(i.DatasetIDs, v) }},
	}
	for _, l := range lists {
		if err := db.iniEachPair(ctx, l.query, args, func(id int64, v string) {
			if ini := byID[id]; ini != nil {
				l.add(ini, v)
			}
		}); err != nil {
			return err
		}
	}
	for _, ini := range byID {
		ini.Perspectives = ini.Normalize().Perspectives // the policy's order
	}
	if err := db.iniLoadBenefits(ctx, byID, sub, args); err != nil {
		return err
	}
	return db.iniLoadCriteria(ctx, byID, sub, args)
}

// iniEachPair calls fn with each (initiative id, text) row of query.
func (db *DB) iniEachPair(ctx context.Context, query string, args []any, fn func(int64, string)) error {
	rows, err := db.query(ctx, query, args...)
	if err != nil {
		return err
	}
	for rows.Next() {
		var id int64
		var v string
		if err := rows.Scan(&id, &v); err != nil {
			_ = rows.Close()
			return err
		}
		fn(id, v)
	}
	return iniCloseRows(rows)
}

// iniLoadBenefits fills in the benefits of the initiatives of byID, oldest
// first, with the display name of who recorded each.
func (db *DB) iniLoadBenefits(ctx context.Context, byID map[int64]*followup.Initiative, sub string, args []any) error {
	rows, err := db.query(ctx, `SELECT b.initiative_id, b.id, b.realized_on, b.description, b.value_sek, b.indicator_key,
		COALESCE(b.recorded_by, 0), COALESCE(u.display_name, '') FROM initiative_benefits b
		LEFT JOIN users u ON u.id = b.recorded_by`+strings.Replace(sub, "initiative_id", "b.initiative_id", 1)+`
		ORDER BY b.realized_on, b.id`, args...)
	if err != nil {
		return err
	}
	for rows.Next() {
		var id int64
		var b followup.Benefit
		var day string
		if err := rows.Scan(&id, &b.ID, &day, &b.Description, &b.ValueSEK, &b.IndicatorKey, &b.RecordedByID, &b.RecordedBy); err != nil {
			_ = rows.Close()
			return err
		}
		b.Date = iniParseDate(day)
		if ini := byID[id]; ini != nil {
			ini.Benefits = append(ini.Benefits, b)
		}
	}
	return iniCloseRows(rows)
}

// iniLoadCriteria fills in the supplier's criteria of the initiatives of
// byID, in the order of followup.CriterionKinds.
func (db *DB) iniLoadCriteria(ctx context.Context, byID map[int64]*followup.Initiative, sub string, args []any) error {
	rows, err := db.query(ctx, `SELECT c.initiative_id, c.kind, c.met, c.evidence, COALESCE(c.assessed_by, 0),
		COALESCE(u.display_name, ''), c.assessed_at FROM initiative_criteria c
		LEFT JOIN users u ON u.id = c.assessed_by`+strings.Replace(sub, "initiative_id", "c.initiative_id", 1), args...)
	if err != nil {
		return err
	}
	for rows.Next() {
		var id int64
		var c followup.Criterion
		var kind, met string
		if err := rows.Scan(&id, &kind, &met, &c.Evidence, &c.AssessedByID, &c.AssessedBy, &c.AssessedAt); err != nil {
			_ = rows.Close()
			return err
		}
		c.Kind, c.Met, c.AssessedAt = followup.CriterionKind(kind), followup.Fulfilment(met), c.AssessedAt.UTC()
		if ini := byID[id]; ini != nil && ini.Supplier != nil {
			ini.Supplier.Criteria = append(ini.Supplier.Criteria, c)
		}
	}
	if err := iniCloseRows(rows); err != nil {
		return err
	}
	for _, ini := range byID {
		if ini.Supplier != nil {
			iniSortCriteria(ini.Supplier.Criteria)
		}
	}
	return nil
}

// iniSortCriteria puts cs in the order of followup.CriterionKinds.
func iniSortCriteria(cs []followup.Criterion) {
	rank := map[followup.CriterionKind]int{}
	for i, k := range followup.CriterionKinds() {
		rank[k] = i
	}
	sort.Slice(cs, func(i, j int) bool { return rank[cs[i].Kind] < rank[cs[j].Kind] })
}

// iniAtoi reads a decimal the database wrote.
func iniAtoi(s string) int64 {
	var n int64
	_, _ = fmt.Sscan(s, &n)
	return n
}
