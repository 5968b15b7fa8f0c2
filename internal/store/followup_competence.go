package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"strconv"
	"time"

	"sprang"
	"sprang/internal/audit"
	"sprang/internal/followup"
)

// The competence self-assessments (DigComp). A person's answers are
// personal data: their unit, role group and levels are sealed together
// in competence_assessments.answers_enc, read back only by their owner
// (OwnCompetence, which records the read in the audit log). Aggregates
// never read them: each save also moves the person's levels from their
// old cell's tally to their new cell's in competence_tallies (sealed
// too: a cell of one person is that person's answers), in the same
// transaction, so an aggregate opens a few dozen small tallies and never
// a person's row. The k ≥ 5 rule is applied on the tallies by
// followup.SafeTallies, and no tally of a year that has not ended (by
// the database clock) is ever handed out (followup.CompetenceYearEnded):
// figures of an open year could be differenced as answers come in. A
// person's first answer of a year fixes their unit and role group
// (followup.ValidateResubmission). Everything here needs the box
// (WithBox).

// lockCompetence serializes saves of self-assessments on PostgreSQL, as
// each reads and rewrites the tallies of two cells; the rekey takes it
// too when it rewrites a tally.
const lockCompetence int64 = 0x5350524e47_13

// competenceSource returns what the follow-up reads of the competence
// self-assessments: this database.
func (db *DB) competenceSource() followup.CompetenceSource { return db }

// competenceTally is the sealed content of a competence_tallies row.
type competenceTally struct {
	Respondents int            `json:"n"`
	Sums        map[string]int `json:"sum"` // competence code → sum of levels
}

// sealedAnswers is the sealed content of a competence_assessments row.
type sealedAnswers struct {
	UnitID int64              `json:"unit"`
	Group  followup.RoleGroup `json:"group"`
	Levels map[string]int     `json:"levels"`
}

func competenceAD(userID int64, year int) string {
	return "competence_assessments.answers_enc:" + strconv.FormatInt(userID, 10) + ":" + strconv.Itoa(year)
}

func tallyAD(year int, unitID int64, g followup.RoleGroup) string {
	return "competence_tallies.tally_enc:" + strconv.Itoa(year) + ":" + strconv.FormatInt(unitID, 10) + ":" + string(g)
}

// SaveCompetence stores a's self-assessment for its user and year,
// replacing an earlier one of the same year, and moves the levels into
// the tallies of its cell. allowedUnits are the units the person may
// answer for (those they have a role in). It returns Invalid with
// followup.ValidateCompetence's fields for bad answers, and with the field
// "unit" set to followup.MsgCompetenceLocked when an earlier answer of the
// year was for another unit or role group: only the levels may change.
// The entry in the audit log names the user and year, never the levels.
// Callers answer for the current year only (the web does).
func (db *DB) SaveCompetence(ctx context.Context, a followup.CompetenceAnswers, allowedUnits []int64) (followup.CompetenceAnswers, error) {
	if err := followup.ValidateCompetence(a, allowedUnits); err != nil {
		return followup.CompetenceAnswers{}, err
	}
	if db.box == nil {
		return followup.CompetenceAnswers{}, errNoBox()
	}
	a.SubmittedAt = db.Now().Truncate(time.Microsecond)
	plain, err := json.Marshal(sealedAnswers{UnitID: a.UnitID, Group: a.Group, Levels: a.Levels})
	if err != nil {
		return followup.CompetenceAnswers{}, err
	}
	err = db.tx(ctx, func(tx *sql.Tx) error {
		if err := db.advisoryXactLock(ctx, tx, lockCompetence); err != nil {
			return err
		}
		if err := db.untallyOldTx(ctx, tx, a); err != nil {
			return err
		}
		sealed := db.box.Seal(plain, []byte(competenceAD(a.UserID, a.Year)))
		if _, err := tx.ExecContext(ctx, db.rebind(`INSERT INTO competence_assessments (user_id, year, answers_enc, submitted_at)
			VALUES (?, ?, ?, ?) ON CONFLICT (user_id, year) DO UPDATE SET answers_enc = excluded.answers_enc,
			submitted_at = excluded.submitted_at`), a.UserID, a.Year, sealed, a.SubmittedAt); err != nil {
			return err
		}
		if err := db.addTallyTx(ctx, tx, a.Year, a.UnitID, a.Group, a.Levels, +1); err != nil {
			return err
		}
		_, err := db.AppendAuditTx(ctx, tx, audit.Entry{ActorKind: audit.Staff, ActorID: a.UserID,
			ActorName: db.usernameTx(ctx, tx, a.UserID), Action: audit.CompetenceSaved, ObjectType: "competence_assessment",
			ObjectID: strconv.FormatInt(a.UserID, 10) + "/" + strconv.Itoa(a.Year)})
		return err
	})
	if isForeignKeyViolation(err) {
		err = &sprang.Error{Kind: sprang.NotFound, Message: "user or unit not found", Cause: err}
	}
	if sprang.ErrorKind(err) == sprang.Invalid {
		return followup.CompetenceAnswers{}, err
	}
	if err != nil {
		return followup.CompetenceAnswers{}, fmt.Errorf("save competence of user %d, %d: %w", a.UserID, a.Year, err)
	}
	return a, nil
}

// untallyOldTx takes the user's earlier answers of a's year, if any, out
// of their cell's tally, after checking that a keeps their unit and role
// group (followup.ValidateResubmission).
func (db *DB) untallyOldTx(ctx context.Context, tx *sql.Tx, a followup.CompetenceAnswers) error {
	userID, year := a.UserID, a.Year
	var sealed []byte
	err := tx.QueryRowContext(ctx, db.rebind(`SELECT answers_enc FROM competence_assessments WHERE user_id = ? AND year = ?`),
		userID, year).Scan(&sealed)
	if errors.Is(err, sql.ErrNoRows) {
		return nil
	}
	if err != nil {
		return err
	}
	old, err := db.openCompetence(sealed, userID, year)
	if err != nil {
		return err
	}
	if err := followup.ValidateResubmission(a, followup.CompetenceAnswers{UnitID: old.UnitID, Group: old.Group}); err != nil {
		return err
	}
	return db.addTallyTx(ctx, tx, year, old.UnitID, old.Group, old.Levels, -1)
}

// openCompetence decrypts a sealed assessment.
func (db *DB) openCompetence(sealed []byte, userID int64, year int) (sealedAnswers, error) {
	plain, err := db.box.Open(sealed, []byte(competenceAD(userID, year)))
	if err != nil {
		return sealedAnswers{}, fmt.Errorf("decrypt competence assessment: %w", err)
	}
	var s sealedAnswers
	if err := json.Unmarshal(plain, &s); err != nil {
		return sealedAnswers{}, fmt.Errorf("decode competence assessment: %w", err)
	}
	return s, nil
}

// openTally decrypts a sealed tally with the additional data ad into t.
func (db *DB) openTally(sealed []byte, ad string, t *competenceTally) error {
	plain, err := db.box.Open(sealed, []byte(ad))
	if err != nil {
		return fmt.Errorf("decrypt competence tally: %w", err)
	}
	if err := json.Unmarshal(plain, t); err != nil {
		return fmt.Errorf("decode competence tally: %w", err)
	}
	return nil
}

// addTallyTx adds (sign +1) or removes (sign -1) one respondent's levels
// to or from the tally of the cell (year, unit, group). A tally that
// reaches no respondents is deleted.
func (db *DB) addTallyTx(ctx context.Context, tx *sql.Tx, year int, unitID int64, g followup.RoleGroup, levels map[string]int, sign int) error {
	ad := tallyAD(year, unitID, g)
	t := competenceTally{Sums: map[string]int{}}
	var sealed []byte
	err := tx.QueryRowContext(ctx, db.rebind(`SELECT tally_enc FROM competence_tallies WHERE year = ? AND unit_id = ? AND role_group = ?`),
		year, unitID, string(g)).Scan(&sealed)
	switch {
	case errors.Is(err, sql.ErrNoRows):
	case err != nil:
		return err
	default:
		if err := db.openTally(sealed, ad, &t); err != nil {
			return err
		}
	}
	t.Respondents += sign
	for code, l := range levels {
		t.Sums[code] += sign * l
	}
	if t.Respondents <= 0 {
		_, err := tx.ExecContext(ctx, db.rebind(`DELETE FROM competence_tallies WHERE year = ? AND unit_id = ? AND role_group = ?`),
			year, unitID, string(g))
		return err
	}
	plain, err := json.Marshal(t)
	if err != nil {
		return err
	}
	_, err = tx.ExecContext(ctx, db.rebind(`INSERT INTO competence_tallies (year, unit_id, role_group, tally_enc) VALUES (?, ?, ?, ?)
		ON CONFLICT (year, unit_id, role_group) DO UPDATE SET tally_enc = excluded.tally_enc`),
		year, unitID, string(g), db.box.Seal(plain, []byte(ad)))
	return err
}

// OwnCompetence returns the user's own self-assessment of year, for
// showing it to them, and records the read in the audit log as a read of
// personal data (by the user, of their own) before decrypting it. It
// returns NotFound, without an audit entry, when they have not answered.
func (db *DB) OwnCompetence(ctx context.Context, userID int64, year int) (followup.CompetenceAnswers, error) {
	if db.box == nil {
		return followup.CompetenceAnswers{}, errNoBox()
	}
	var sealed []byte
	var at time.Time
	err := db.queryRow(ctx, `SELECT answers_enc, submitted_at FROM competence_assessments WHERE user_id = ? AND year = ?`,
		userID, year).Scan(&sealed, &at)
	if errors.Is(err, sql.ErrNoRows) {
		return followup.CompetenceAnswers{}, sprang.Errorf(sprang.NotFound, "competence assessment not found")
	}
	if err != nil {
		return followup.CompetenceAnswers{}, fmt.Errorf("own competence of user %d: %w", userID, err)
	}
	err = db.tx(ctx, func(tx *sql.Tx) error {
		_, err := db.AppendAuditTx(ctx, tx, audit.Entry{ActorKind: audit.Staff, ActorID: userID,
			ActorName: db.usernameTx(ctx, tx, userID), Action: audit.PersonalDataRead, ObjectType: "competence_assessment",
			ObjectID: strconv.FormatInt(userID, 10) + "/" + strconv.Itoa(year), Reason: "egen kompetensprofil"})
		return err
	})
	if err != nil {
		return followup.CompetenceAnswers{}, fmt.Errorf("own competence of user %d: %w", userID, err)
	}
	s, err := db.openCompetence(sealed, userID, year)
	if err != nil {
		return followup.CompetenceAnswers{}, err
	}
	return followup.CompetenceAnswers{UserID: userID, Year: year, UnitID: s.UnitID, Group: s.Group, Levels: s.Levels,
		SubmittedAt: at.UTC()}, nil
}

// CompetenceTallies returns the tallies of every cell of year, opened,
// once the year has ended by the database clock; for a year that has not
// (followup.CompetenceYearEnded) it returns none, so that no figure of it
// can be shown anywhere (the overview, CompetenceAreas, CompetenceSummary
// and through them the dashboard, the "not used fully" list and the
// report). They include cells of fewer than followup.MinGroup: callers
// show figures only through followup.SummarizeAreas, CellOf or
// SummarizeCompetence, which leave such cells out.
func (db *DB) CompetenceTallies(ctx context.Context, year int) ([]followup.CompetenceTally, error) {
	if db.box == nil {
		return nil, errNoBox()
	}
	if !followup.CompetenceYearEnded(year, db.Now()) {
		return nil, nil
	}
	rows, err := db.query(ctx, `SELECT unit_id, role_group, tally_enc FROM competence_tallies WHERE year = ?
		ORDER BY unit_id, role_group`, year)
	if err != nil {
		return nil, fmt.Errorf("competence tallies of %d: %w", year, err)
	}
	defer func() { _ = rows.Close() }()
	var out []followup.CompetenceTally
	competences := followup.Competences()
	for rows.Next() {
		var unit int64
		var g followup.RoleGroup
		var sealed []byte
		if err := rows.Scan(&unit, &g, &sealed); err != nil {
			return nil, fmt.Errorf("competence tallies of %d: %w", year, err)
		}
		var t competenceTally
		if err := db.openTally(sealed, tallyAD(year, unit, g), &t); err != nil {
			return nil, err
		}
		for _, c := range competences {
			out = append(out, followup.CompetenceTally{UnitID: unit, Group: g, Competence: c.Code,
				Respondents: t.Respondents, LevelSum: t.Sums[c.Code]})
		}
	}
	return out, rows.Err()
}

// CompetenceAreas returns, per DigComp area, the respondents of year in
// the units and their mean level, under the k ≥ 5 rule
// (followup.SummarizeAreas): Suppressed, without a mean, when fewer than
// followup.MinGroup may be counted, and always for a year that has not
// ended (CompetenceTallies).
func (db *DB) CompetenceAreas(ctx context.Context, unitIDs []int64, year int) ([]followup.AreaSummary, error) {
	ts, err := db.CompetenceTallies(ctx, year)
	if err != nil {
		return nil, err
	}
	return followup.SummarizeAreas(followup.FilterTallies(ts, unitsOrNone(unitIDs), "")), nil
}

// CompetenceSummary returns the respondents of year in the units and
// their mean level over every competence, counting only cells of at least
// followup.MinGroup (the followup.CompetenceSource method); no respondents
// for a year that has not ended (CompetenceTallies).
func (db *DB) CompetenceSummary(ctx context.Context, unitIDs []int64, year int) (followup.CompetenceSummary, error) {
	ts, err := db.CompetenceTallies(ctx, year)
	if err != nil {
		return followup.CompetenceSummary{}, err
	}
	return followup.SummarizeCompetence(followup.FilterTallies(ts, unitsOrNone(unitIDs), "")), nil
}

// unitsOrNone returns ids, or an empty slice for nil, so that no units means
// none rather than all to followup.FilterTallies.
func unitsOrNone(ids []int64) []int64 {
	if ids == nil {
		return []int64{}
	}
	return ids
}

// CompetenceYears returns the years with self-assessments, newest first
// (the current year among them once someone has answered: that says no
// more than the staff page that invites everyone to answer).
func (db *DB) CompetenceYears(ctx context.Context) ([]int, error) {
	rows, err := db.query(ctx, `SELECT DISTINCT year FROM competence_tallies ORDER BY year DESC`)
	if err != nil {
		return nil, fmt.Errorf("competence years: %w", err)
	}
	defer func() { _ = rows.Close() }()
	var out []int
	for rows.Next() {
		var y int
		if err := rows.Scan(&y); err != nil {
			return nil, fmt.Errorf("competence years: %w", err)
		}
		out = append(out, y)
	}
	return out, rows.Err()
}

// HasCompetence reports whether the user has a self-assessment of year,
// without reading it (so without an audit entry): for the demo's seed.
func (db *DB) HasCompetence(ctx context.Context, userID int64, year int) (bool, error) {
	var n int
	err := db.queryRow(ctx, `SELECT COUNT(*) FROM competence_assessments WHERE user_id = ? AND year = ?`, userID, year).Scan(&n)
	if err != nil {
		return false, fmt.Errorf("has competence of user %d: %w", userID, err)
	}
	return n > 0, nil
}
