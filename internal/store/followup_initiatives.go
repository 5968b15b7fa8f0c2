package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strconv"
	"strings"
	"time"

	"sprang"
	"sprang/internal/audit"
	"sprang/internal/followup"
)

// The initiative portfolio (followup.Initiative): initiatives are created
// and updated whole (their lists replaced), realized benefits are added
// one at a time, and the supplier's sustainability criteria are set
// together. Every change is audited in its own transaction, by the staff
// user who made it. The contact's e-mail address is sealed (personal data
// of staff, as users' addresses are).
//
// The files: followup_initiatives.go (this: writes),
// followup_initiatives_read.go (reads), followup_initiatives_links.go
// (the e-services and datasets an initiative produced) and
// followup_portfolio.go (what the follow-up's indicators read).

// Message keys of the errors the initiative methods return; the web layer
// translates them (internal/i18n/locales/followup-initiatives.*.json).
const (
	MsgInitiativeUnitUnknown    = "followup.initiatives.e.unit_unknown"    // the owner or a participant does not exist
	MsgInitiativeServiceUnknown = "followup.initiatives.e.service_unknown" // a linked e-service does not exist
	MsgInitiativeDatasetUnknown = "followup.initiatives.e.dataset_unknown" // a linked dataset does not exist
	MsgInitiativeNoSupplier     = "followup.initiatives.e.no_supplier"     // criteria for an initiative that buys nothing
)

// initiativeObject is the audit object type of an initiative.
const initiativeObject = "initiative"

// CreateInitiative normalizes and validates ini and stores it as a new
// initiative made by the staff user byUserID (its Benefits and the
// supplier's Criteria are ignored: they have their own methods), records
// its first status as of now, and returns it as stored. Invalid for a
// faulty field or a unit, e-service or dataset that does not exist.
func (db *DB) CreateInitiative(ctx context.Context, ini followup.Initiative, byUserID int64) (followup.Initiative, error) {
	ini = ini.Normalize()
	if err := ini.Validate(); err != nil {
		return followup.Initiative{}, fmt.Errorf("create initiative: %w", err)
	}
	email, now := []byte(nil), db.Now().UTC().Truncate(time.Microsecond)
	err := db.tx(ctx, func(tx *sql.Tx) error {
		err := tx.QueryRowContext(ctx, db.rebind(`INSERT INTO initiatives (title, status, owner_unit_id, created_at, updated_at)
			VALUES (?, ?, ?, ?, ?) RETURNING id`), ini.Title, string(ini.Status), ini.OwnerUnitID, now, now).Scan(&ini.ID)
		if err != nil {
			return err
		}
		if email, err = db.seal(ini.ContactEmail, initiativeEmailAD(ini.ID)); err != nil {
			return err
		}
		if err := db.writeInitiativeTx(ctx, tx, ini, email, now); err != nil {
			return err
		}
		return db.auditInitiativeTx(ctx, tx, byUserID, audit.InitiativeCreated, ini.ID, "status="+string(ini.Status))
	})
	if err != nil {
		return followup.Initiative{}, initiativeError("create initiative", err)
	}
	return db.Initiative(ctx, ini.ID)
}

// UpdateInitiative normalizes and validates ini and stores it over the
// initiative with ini.ID, replacing its lists (benefits and criteria
// stay; the criteria go when the supplier is removed). A new status is
// recorded as of now. NotFound when there is no such initiative; Invalid
// as CreateInitiative.
func (db *DB) UpdateInitiative(ctx context.Context, ini followup.Initiative, byUserID int64) (followup.Initiative, error) {
	ini = ini.Normalize()
	if err := ini.Validate(); err != nil {
		return followup.Initiative{}, fmt.Errorf("update initiative: %w", err)
	}
	email, err := db.seal(ini.ContactEmail, initiativeEmailAD(ini.ID))
	if err != nil {
		return followup.Initiative{}, err
	}
	now := db.Now().UTC().Truncate(time.Microsecond)
	err = db.tx(ctx, func(tx *sql.Tx) error {
		var old string
		err := tx.QueryRowContext(ctx, db.rebind(`SELECT status FROM initiatives WHERE id = ?`), ini.ID).Scan(&old)
		if err != nil {
			return notFound(err, "initiative")
		}
		if err := db.writeInitiativeTx(ctx, tx, ini, email, now); err != nil {
			return err
		}
		detail := "status=" + string(ini.Status)
		if old != string(ini.Status) {
			detail = "status " + old + "->" + string(ini.Status)
		}
		return db.auditInitiativeTx(ctx, tx, byUserID, audit.InitiativeUpdated, ini.ID, detail)
	})
	if err != nil {
		return followup.Initiative{}, initiativeError("update initiative", err)
	}
	return db.Initiative(ctx, ini.ID)
}

// writeInitiativeTx writes the columns and lists of the initiative with
// ini.ID (its row exists), and a status change when the status is not
// the last one recorded.
func (db *DB) writeInitiativeTx(ctx context.Context, tx *sql.Tx, ini followup.Initiative, email []byte, now time.Time) error {
	var supplier, org string
	if ini.Supplier != nil {
		supplier, org = ini.Supplier.Name, ini.Supplier.OrgNumber
	}
	_, err := tx.ExecContext(ctx, db.rebind(`UPDATE initiatives SET title = ?, description = ?, owner_unit_id = ?,
		contact_name = ?, contact_email_enc = ?, status = ?, start_date = ?, end_date = ?, budget_sek = ?, hypothesis = ?,
		supplier_name = ?, supplier_org = ?, updated_at = ? WHERE id = ?`),
		ini.Title, ini.Description, ini.OwnerUnitID, ini.ContactName, email, string(ini.Status), iniDate(ini.Start),
		iniDate(ini.End), ini.BudgetSEK, ini.BenefitHypothesis, supplier, org, now, ini.ID)
	if err != nil {
		return err
	}
	if ini.Supplier == nil {
		if _, err := tx.ExecContext(ctx, db.rebind(`DELETE FROM initiative_criteria WHERE initiative_id = ?`), ini.ID); err != nil {
			return err
		}
	}
	if err := db.writeInitiativeListsTx(ctx, tx, ini); err != nil {
		return err
	}
	return db.iniRecordStatusTx(ctx, tx, ini.ID, ini.Status, now)
}

// writeInitiativeListsTx replaces the participants, perspectives, goals,
// indicators and links of ini.
func (db *DB) writeInitiativeListsTx(ctx context.Context, tx *sql.Tx, ini followup.Initiative) error {
	lists := []struct {
		table, column string
		values        []any
	}{
		{"initiative_participants", "unit_id", int64Args(ini.ParticipantUnitIDs)},
		{"initiative_perspectives", "perspective", iniStringArgs(ini.Perspectives)},
		{"initiative_goals", "goal", iniIntArgs(ini.Goals)},
		{"initiative_indicators", "indicator_key", iniStringArgs(ini.Indicators)},
	}
	for _, l := range lists {
		if err := db.iniReplaceListTx(ctx, tx, l.table, l.column, ini.ID, l.values); err != nil {
			return err
		}
	}
	return db.writeInitiativeLinksTx(ctx, tx, ini)
}

// iniReplaceListTx replaces the rows of table (a list of an initiative) with
// one per value in column.
func (db *DB) iniReplaceListTx(ctx context.Context, tx *sql.Tx, table, column string, id int64, values []any) error {
	if _, err := tx.ExecContext(ctx, db.rebind(`DELETE FROM `+table+` WHERE initiative_id = ?`), id); err != nil {
		return err
	}
	for _, v := range values {
		if _, err := tx.ExecContext(ctx, db.rebind(`INSERT INTO `+table+` (initiative_id, `+column+`) VALUES (?, ?)`), id, v); err != nil {
			return err
		}
	}
	return nil
}

// iniRecordStatusTx adds a status change at now unless status is the
// initiative's last recorded one.
func (db *DB) iniRecordStatusTx(ctx context.Context, tx *sql.Tx, id int64, status followup.InitiativeStatus, now time.Time) error {
	var last string
	err := tx.QueryRowContext(ctx, db.rebind(`SELECT status FROM initiative_status_changes WHERE initiative_id = ?
		ORDER BY since DESC, id DESC LIMIT 1`), id).Scan(&last)
	if err != nil && !errors.Is(err, sql.ErrNoRows) {
		return err
	}
	if last == string(status) {
		return nil
	}
	_, err = tx.ExecContext(ctx, db.rebind(`INSERT INTO initiative_status_changes (initiative_id, status, since) VALUES (?, ?, ?)`),
		id, string(status), now)
	return err
}

// AddBenefit validates b and records it as a realized benefit of the
// initiative with id, recorded by the staff user byUserID now, and
// returns it as stored. NotFound when there is no such initiative.
func (db *DB) AddBenefit(ctx context.Context, id int64, b followup.Benefit, byUserID int64) (followup.Benefit, error) {
	b.Description, b.IndicatorKey = strings.TrimSpace(strings.ReplaceAll(b.Description, "\r\n", "\n")), strings.TrimSpace(b.IndicatorKey)
	if err := b.Validate(); err != nil {
		return followup.Benefit{}, fmt.Errorf("add benefit: %w", err)
	}
	b.RecordedByID = byUserID
	err := db.tx(ctx, func(tx *sql.Tx) error {
		if err := db.touchInitiativeTx(ctx, tx, id); err != nil {
			return err
		}
		err := tx.QueryRowContext(ctx, db.rebind(`INSERT INTO initiative_benefits
			(initiative_id, realized_on, description, value_sek, indicator_key, recorded_by, recorded_at)
			VALUES (?, ?, ?, ?, ?, ?, ?) RETURNING id`), id, iniDate(b.Date), b.Description, b.ValueSEK, b.IndicatorKey,
			nullID(byUserID), db.Now().UTC().Truncate(time.Microsecond)).Scan(&b.ID)
		if err != nil {
			return err
		}
		return db.auditInitiativeTx(ctx, tx, byUserID, audit.InitiativeBenefitRecorded, id,
			"benefit "+strconv.FormatInt(b.ID, 10)+" on "+iniDate(b.Date))
	})
	if err != nil {
		return followup.Benefit{}, initiativeError("add benefit", err)
	}
	return b, nil
}

// SetCriteria validates the assessments cs and stores them as the
// supplier's, by the staff user byUserID now, each replacing the earlier
// assessment of its criterion (criteria not in cs stay). Invalid when the
// initiative has no supplier; NotFound when there is no initiative.
func (db *DB) SetCriteria(ctx context.Context, id int64, cs []followup.Criterion, byUserID int64) error {
	var kinds []string
	for _, c := range cs {
		if err := c.Validate(); err != nil {
			return fmt.Errorf("set criteria: %w", err)
		}
		kinds = append(kinds, string(c.Kind))
	}
	now := db.Now().UTC().Truncate(time.Microsecond)
	err := db.tx(ctx, func(tx *sql.Tx) error {
		var supplier string
		err := tx.QueryRowContext(ctx, db.rebind(`SELECT supplier_name FROM initiatives WHERE id = ?`), id).Scan(&supplier)
		if err != nil {
			return notFound(err, "initiative")
		}
		if supplier == "" {
			return sprang.FieldErrors(map[string]string{"supplier": MsgInitiativeNoSupplier})
		}
		for _, c := range cs {
			if err := db.iniUpsertCriterionTx(ctx, tx, id, c, byUserID, now); err != nil {
				return err
			}
		}
		return db.auditInitiativeTx(ctx, tx, byUserID, audit.InitiativeCriteriaAssessed, id, strings.Join(kinds, ","))
	})
	return initiativeError("set criteria", err)
}

// iniUpsertCriterionTx stores the assessment c of initiative id.
func (db *DB) iniUpsertCriterionTx(ctx context.Context, tx *sql.Tx, id int64, c followup.Criterion, by int64, now time.Time) error {
	_, err := tx.ExecContext(ctx, db.rebind(`DELETE FROM initiative_criteria WHERE initiative_id = ? AND kind = ?`), id, string(c.Kind))
	if err != nil {
		return err
	}
	_, err = tx.ExecContext(ctx, db.rebind(`INSERT INTO initiative_criteria (initiative_id, kind, met, evidence, assessed_by, assessed_at)
		VALUES (?, ?, ?, ?, ?, ?)`), id, string(c.Kind), string(c.Met), strings.TrimSpace(c.Evidence), nullID(by), now)
	return err
}

// touchInitiativeTx marks the initiative with id as updated now;
// NotFound when there is none.
func (db *DB) touchInitiativeTx(ctx context.Context, tx *sql.Tx, id int64) error {
	res, err := tx.ExecContext(ctx, db.rebind(`UPDATE initiatives SET updated_at = ? WHERE id = ?`),
		db.Now().UTC().Truncate(time.Microsecond), id)
	if err != nil {
		return err
	}
	return affectedOne(res, "initiative")
}

// auditInitiativeTx appends the audit entry of a change to initiative id
// by the staff user by (the system when 0).
func (db *DB) auditInitiativeTx(ctx context.Context, tx *sql.Tx, by int64, action audit.Action, id int64, detail string) error {
	e := audit.Entry{ActorKind: audit.Staff, ActorID: by, ActorName: db.usernameTx(ctx, tx, by), Action: action,
		ObjectType: initiativeObject, ObjectID: strconv.FormatInt(id, 10), Detail: detail}
	if by == 0 {
		e.ActorKind, e.ActorName = audit.System, "system"
	}
	_, err := db.AppendAuditTx(ctx, tx, e)
	return err
}

// initiativeError names the operation and turns a missing unit into
// Invalid; errors of a kind pass unchanged.
func initiativeError(op string, err error) error {
	if err == nil {
		return nil
	}
	if sprang.ErrorKind(err) != sprang.Internal {
		return fmt.Errorf("%s: %w", op, err)
	}
	if isForeignKeyViolation(err) {
		return &sprang.Error{Kind: sprang.Invalid, Message: MsgInitiativeUnitUnknown,
			Fields: map[string]string{"owner": MsgInitiativeUnitUnknown}, Cause: err}
	}
	return fmt.Errorf("%s: %w", op, err)
}

// initiativeEmailAD binds a sealed contact address to its initiative.
func initiativeEmailAD(id int64) string {
	return "initiatives.contact_email_enc:" + strconv.FormatInt(id, 10)
}

// iniDate writes a date as YYYY-MM-DD, or "" for the zero time.
func iniDate(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.Format(time.DateOnly)
}

// iniParseDate reads what iniDate wrote; "" (or anything unreadable)
// gives the zero time.
func iniParseDate(s string) time.Time {
	t, err := time.Parse(time.DateOnly, s)
	if err != nil {
		return time.Time{}
	}
	return t
}

// iniStringArgs returns values as string query arguments.
func iniStringArgs[T ~string](values []T) []any {
	out := make([]any, len(values))
	for i, v := range values {
		out[i] = string(v)
	}
	return out
}

// iniIntArgs returns values as query arguments.
func iniIntArgs(values []int) []any {
	out := make([]any, len(values))
	for i, v := range values {
		out[i] = v
	}
	return out
}
