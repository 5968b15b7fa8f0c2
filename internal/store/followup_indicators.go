package store

import (
	"cmp"
	"context"
	"database/sql"
	"fmt"
	"slices"
	"strings"
	"time"

	"sprang"
	"sprang/internal/audit"
	"sprang/internal/followup"
)

// The follow-up's indicator registry: indicators with their targets per
// year, and the values entered by hand or imported from Kolada (one per
// indicator, unit — 0 for the group — and period; a new one replaces the
// old). Every change is in the audit log, in the same transaction.

// indicatorColumns are the columns Indicators reads, in scanIndicator's order.
const indicatorColumns = `key, perspective, owner_unit_id, name_sv, name_en, method_sv, method_en, measure, direction,
	source, computation, kolada_kpi, public, margin, sort_order`

// Indicators returns every indicator of the registry with its targets,
// ordered by perspective (the policy's order) and Order.
func (db *DB) Indicators(ctx context.Context) ([]followup.Indicator, error) {
	out, err := db.indicators(ctx, `SELECT `+indicatorColumns+` FROM indicators`)
	if err != nil {
		return nil, err
	}
	order := map[followup.Perspective]int{}
	for i, p := range followup.Perspectives() {
		order[p] = i
	}
	slices.SortFunc(out, func(a, b followup.Indicator) int {
		return cmp.Or(cmp.Compare(order[a.Perspective], order[b.Perspective]), cmp.Compare(a.Order, b.Order), strings.Compare(a.Key, b.Key))
	})
	return out, nil
}

// Indicator returns the indicator with key, with its targets; NotFound
// when there is none.
func (db *DB) Indicator(ctx context.Context, key string) (followup.Indicator, error) {
	out, err := db.indicators(ctx, `SELECT `+indicatorColumns+` FROM indicators WHERE key = ?`, key)
	if err != nil {
		return followup.Indicator{}, err
	}
	if len(out) == 0 {
		return followup.Indicator{}, sprang.Errorf(sprang.NotFound, "indicator %q not found", key)
	}
	return out[0], nil
}

// indicators reads the indicators query selects, with their targets.
func (db *DB) indicators(ctx context.Context, query string, args ...any) ([]followup.Indicator, error) {
	rows, err := db.query(ctx, query, args...)
	if err != nil {
		return nil, fmt.Errorf("indicators: %w", err)
	}
	defer func() { _ = rows.Close() }()
	var out []followup.Indicator
	for rows.Next() {
		var ind followup.Indicator
		if err := rows.Scan(&ind.Key, &ind.Perspective, &ind.OwnerUnitID, &ind.Name.SV, &ind.Name.EN, &ind.Method.SV, &ind.Method.EN,
			&ind.Measure, &ind.Direction, &ind.Source, &ind.Computation, &ind.KoladaKPI, &ind.Public, &ind.Margin, &ind.Order); err != nil {
			return nil, fmt.Errorf("indicators: %w", err)
		}
		out = append(out, ind)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("indicators: %w", err)
	}
	_ = rows.Close()
	if len(out) == 0 {
		return out, nil
	}
	return out, db.indicatorTargets(ctx, out)
}

// indicatorTargets fills in the targets of inds, by year.
func (db *DB) indicatorTargets(ctx context.Context, inds []followup.Indicator) error {
	keys := make([]any, len(inds))
	at := map[string]int{}
	for i, ind := range inds {
		keys[i], at[ind.Key] = ind.Key, i
	}
	rows, err := db.query(ctx, `SELECT indicator_key, year, value FROM indicator_targets WHERE indicator_key IN (`+
		placeholderList(len(keys))+`) ORDER BY indicator_key, year`, keys...)
	if err != nil {
		return fmt.Errorf("indicator targets: %w", err)
	}
	defer func() { _ = rows.Close() }()
	for rows.Next() {
		var key string
		var t followup.Target
		if err := rows.Scan(&key, &t.Year, &t.Value); err != nil {
			return fmt.Errorf("indicator targets: %w", err)
		}
		inds[at[key]].Targets = append(inds[at[key]].Targets, t)
	}
	return rows.Err()
}

// SaveIndicator creates the indicator or replaces the one with its key
// (targets included), recording who changed it in the audit log. It
// returns Invalid with the field errors of ind.Check, or for two targets
// of one year, and NotFound for an unknown owner unit.
func (db *DB) SaveIndicator(ctx context.Context, ind followup.Indicator, byUserID int64) error {
	if err := checkIndicator(ind); err != nil {
		return err
	}
	now := db.Now().UTC().Truncate(time.Microsecond)
	err := db.tx(ctx, func(tx *sql.Tx) error {
		created, err := db.upsertIndicator(ctx, tx, ind, now)
		if err != nil {
			return err
		}
		if err := db.replaceTargets(ctx, tx, ind); err != nil {
			return err
		}
		action := audit.IndicatorUpdated
		if created {
			action = audit.IndicatorCreated
		}
		return db.auditIndicator(ctx, tx, byUserID, action, ind.Key, "source="+string(ind.Source))
	})
	if isForeignKeyViolation(err) {
		return sprang.FieldErrors(map[string]string{"owner": followup.MsgIndicatorOwner})
	}
	if err != nil {
		return fmt.Errorf("save indicator %s: %w", ind.Key, err)
	}
	return nil
}

// checkIndicator returns Invalid with the field errors of ind.Check, or
// for targets with a year twice or out of range; nil when ind may be
// saved.
func checkIndicator(ind followup.Indicator) error {
	if errs := ind.Check(); len(errs) > 0 {
		return sprang.FieldErrors(errs)
	}
	return uniqueTargetYears(ind.Targets)
}

// uniqueTargetYears refuses targets with a year twice or out of range.
func uniqueTargetYears(ts []followup.Target) error {
	seen := map[int]bool{}
	for _, t := range ts {
		if seen[t.Year] || !followup.ValidYear(t.Year) {
			return sprang.FieldErrors(map[string]string{"targets": "followup.indicators.check.targets"})
		}
		seen[t.Year] = true
	}
	return nil
}

// upsertIndicator writes ind's row and reports whether it is new.
func (db *DB) upsertIndicator(ctx context.Context, tx *sql.Tx, ind followup.Indicator, now time.Time) (bool, error) {
	res, err := tx.ExecContext(ctx, db.rebind(`UPDATE indicators SET perspective = ?, owner_unit_id = ?, name_sv = ?, name_en = ?,
		method_sv = ?, method_en = ?, measure = ?, direction = ?, source = ?, computation = ?, kolada_kpi = ?, public = ?,
		margin = ?, sort_order = ?, updated_at = ? WHERE key = ?`), append(indicatorArgs(ind, now), ind.Key)...)
	if err != nil {
		return false, err
	}
	if n, err := res.RowsAffected(); err != nil || n > 0 {
		return false, err
	}
	return true, db.insertIndicator(ctx, tx, ind, now)
}

// indicatorArgs are the columns of ind's row that an update writes, in
// the order of upsertIndicator and insertIndicator.
func indicatorArgs(ind followup.Indicator, now time.Time) []any {
	return []any{ind.Perspective, ind.OwnerUnitID, strings.TrimSpace(ind.Name.SV), strings.TrimSpace(ind.Name.EN),
		strings.TrimSpace(ind.Method.SV), strings.TrimSpace(ind.Method.EN), ind.Measure, ind.Direction, ind.Source,
		ind.Computation, ind.KoladaKPI, ind.Public, ind.Margin, ind.Order, now}
}

// insertIndicator inserts ind's row; a key taken fails with the
// database's unique violation.
func (db *DB) insertIndicator(ctx context.Context, tx *sql.Tx, ind followup.Indicator, now time.Time) error {
	_, err := tx.ExecContext(ctx, db.rebind(`INSERT INTO indicators (perspective, owner_unit_id, name_sv, name_en, method_sv, method_en,
		measure, direction, source, computation, kolada_kpi, public, margin, sort_order, updated_at, key, created_at)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`), append(indicatorArgs(ind, now), ind.Key, now)...)
	return err
}

// MsgIndicatorKeyTaken is the field error of CreateIndicator for a key
// another indicator has.
const MsgIndicatorKeyTaken = "followup.indicators.check.key_taken"

// CreateIndicator creates a new indicator (targets included), recording
// who created it in the audit log. Unlike SaveIndicator it never
// replaces one: a key already taken, also by a create racing this one,
// is the field error MsgIndicatorKeyTaken on "key". Otherwise it fails
// as SaveIndicator does.
func (db *DB) CreateIndicator(ctx context.Context, ind followup.Indicator, byUserID int64) error {
	if err := checkIndicator(ind); err != nil {
		return err
	}
	now := db.Now().UTC().Truncate(time.Microsecond)
	err := db.tx(ctx, func(tx *sql.Tx) error {
		if err := db.insertIndicator(ctx, tx, ind, now); err != nil {
			return err
		}
		if err := db.replaceTargets(ctx, tx, ind); err != nil {
			return err
		}
		return db.auditIndicator(ctx, tx, byUserID, audit.IndicatorCreated, ind.Key, "source="+string(ind.Source))
	})
	switch {
	case isUniqueViolation(err):
		return sprang.FieldErrors(map[string]string{"key": MsgIndicatorKeyTaken})
	case isForeignKeyViolation(err):
		return sprang.FieldErrors(map[string]string{"owner": followup.MsgIndicatorOwner})
	case err != nil:
		return fmt.Errorf("create indicator %s: %w", ind.Key, err)
	}
	return nil
}

// replaceTargets replaces the targets of ind with its own.
func (db *DB) replaceTargets(ctx context.Context, tx *sql.Tx, ind followup.Indicator) error {
	if _, err := tx.ExecContext(ctx, db.rebind(`DELETE FROM indicator_targets WHERE indicator_key = ?`), ind.Key); err != nil {
		return err
	}
	for _, t := range ind.Targets {
		if _, err := tx.ExecContext(ctx, db.rebind(`INSERT INTO indicator_targets (indicator_key, year, value) VALUES (?, ?, ?)`),
			ind.Key, t.Year, t.Value); err != nil {
			return err
		}
	}
	return nil
}

// auditIndicator appends an audit entry about indicator key, by the staff
// user byUserID or, for 0, the platform itself.
func (db *DB) auditIndicator(ctx context.Context, tx *sql.Tx, byUserID int64, action audit.Action, key, detail string) error {
	e := audit.Entry{ActorKind: audit.System, ActorName: "system", Action: action, ObjectType: "indicator", ObjectID: key, Detail: detail}
	if byUserID != 0 {
		e.ActorKind, e.ActorID, e.ActorName = audit.Staff, byUserID, db.usernameTx(ctx, tx, byUserID)
	}
	_, err := db.AppendAuditTx(ctx, tx, e)
	return err
}

// SaveValues stores manual or imported values (replacing the value of the
// same indicator, unit and period), recording who entered them: one audit
// entry per indicator. It returns NotFound for an unknown indicator and
// Invalid for a value that is not Known.
func (db *DB) SaveValues(ctx context.Context, vs []followup.Value, byUserID int64) error {
	if len(vs) == 0 {
		return nil
	}
	for _, v := range vs {
		if !v.Known {
			return sprang.Errorf(sprang.Invalid, "value of %s for %s is not known", v.Indicator, v.Period)
		}
	}
	now := db.Now().UTC().Truncate(time.Microsecond)
	var by any
	if byUserID != 0 {
		by = byUserID
	}
	err := db.tx(ctx, func(tx *sql.Tx) error {
		for _, v := range vs {
			if err := db.upsertValue(ctx, tx, v, by, now); err != nil {
				return err
			}
		}
		for _, key := range valueIndicators(vs) {
			if err := db.auditIndicator(ctx, tx, byUserID, audit.IndicatorValuesSaved, key, valuesDetail(key, vs)); err != nil {
				return err
			}
		}
		return nil
	})
	if isForeignKeyViolation(err) {
		return sprang.Errorf(sprang.NotFound, "indicator not found")
	}
	if err != nil {
		return fmt.Errorf("save indicator values: %w", err)
	}
	return nil
}

// upsertValue writes one value, replacing the one of its indicator, unit
// and period.
func (db *DB) upsertValue(ctx context.Context, tx *sql.Tx, v followup.Value, by any, now time.Time) error {
	_, err := tx.ExecContext(ctx, db.rebind(`INSERT INTO indicator_values (indicator_key, unit_id, period, value, source, comment, entered_by, entered_at)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?)
		ON CONFLICT (indicator_key, unit_id, period) DO UPDATE SET value = excluded.value, source = excluded.source,
			comment = excluded.comment, entered_by = excluded.entered_by, entered_at = excluded.entered_at`),
		v.Indicator, v.UnitID, v.Period.String(), v.Value, v.Source, v.Comment, by, now)
	return err
}

// valueIndicators returns the indicators of vs, each once, in order.
func valueIndicators(vs []followup.Value) []string {
	var keys []string
	for _, v := range vs {
		if !slices.Contains(keys, v.Indicator) {
			keys = append(keys, v.Indicator)
		}
	}
	return keys
}

// valuesDetail describes the values of indicator key for the audit log:
// how many, for which units and periods, and from which source.
func valuesDetail(key string, vs []followup.Value) string {
	var units, periods, sources []string
	n := 0
	for _, v := range vs {
		if v.Indicator != key {
			continue
		}
		n++
		units = appendOnce(units, fmt.Sprint(v.UnitID))
		periods = appendOnce(periods, v.Period.String())
		sources = appendOnce(sources, v.Source)
	}
	d := fmt.Sprintf("values=%d units=%s periods=%s source=%s", n, strings.Join(units, ","), strings.Join(periods, ","), strings.Join(sources, "; "))
	if len(d) > 400 {
		d = d[:400]
	}
	return d
}

// appendOnce appends s to list unless it is there.
func appendOnce(list []string, s string) []string {
	if slices.Contains(list, s) {
		return list
	}
	return append(list, s)
}

// IndicatorValueEntry is a stored value with who entered it and when,
// for the values page.
type IndicatorValueEntry struct {
	followup.Value
	EnteredBy string // the username, "" for the platform itself
	EnteredAt time.Time
}

// IndicatorValueEntries returns every stored value of the indicator,
// newest period first, then by unit.
func (db *DB) IndicatorValueEntries(ctx context.Context, key string) ([]IndicatorValueEntry, error) {
	rows, err := db.query(ctx, `SELECT v.unit_id, v.period, v.value, v.source, v.comment, COALESCE(u.username, ''), v.entered_at
		FROM indicator_values v LEFT JOIN users u ON u.id = v.entered_by
		WHERE v.indicator_key = ? ORDER BY v.period DESC, v.unit_id`, key)
	if err != nil {
		return nil, fmt.Errorf("indicator values: %w", err)
	}
	defer func() { _ = rows.Close() }()
	var out []IndicatorValueEntry
	for rows.Next() {
		var e IndicatorValueEntry
		var period string
		if err := rows.Scan(&e.UnitID, &period, &e.Value.Value, &e.Source, &e.Comment, &e.EnteredBy, &e.EnteredAt); err != nil {
			return nil, fmt.Errorf("indicator values: %w", err)
		}
		p, err := followup.ParsePeriod(period)
		if err != nil {
			return nil, fmt.Errorf("indicator values: %w", err)
		}
		e.Indicator, e.Period, e.Known = key, p, true
		out = append(out, e)
	}
	return out, rows.Err()
}

// StoredValues implements followup.ValueSource: the stored values of the
// indicator for the units (0 = the group) and periods.
func (db *DB) StoredValues(ctx context.Context, indicator string, unitIDs []int64, periods []followup.Period) ([]followup.Value, error) {
	if len(unitIDs) == 0 || len(periods) == 0 {
		return nil, nil
	}
	ps := make([]any, len(periods))
	for i, p := range periods {
		ps[i] = p.String()
	}
	args := append(append([]any{indicator}, int64Any(unitIDs)...), ps...)
	rows, err := db.query(ctx, `SELECT unit_id, period, value, source, comment FROM indicator_values
		WHERE indicator_key = ? AND unit_id IN (`+placeholderList(len(unitIDs))+`) AND period IN (`+placeholderList(len(ps))+`)`, args...)
	if err != nil {
		return nil, fmt.Errorf("stored values: %w", err)
	}
	defer func() { _ = rows.Close() }()
	var out []followup.Value
	for rows.Next() {
		v := followup.Value{Indicator: indicator, Known: true}
		var period string
		if err := rows.Scan(&v.UnitID, &period, &v.Value, &v.Source, &v.Comment); err != nil {
			return nil, fmt.Errorf("stored values: %w", err)
		}
		if v.Period, err = followup.ParsePeriod(period); err != nil {
			return nil, fmt.Errorf("stored values: %w", err)
		}
		out = append(out, v)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("stored values: %w", err)
	}
	return out, nil
}

var _ followup.ValueSource = (*DB)(nil)
