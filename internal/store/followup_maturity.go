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

// The maturity self-assessments: a year's questions and each unit's
// answers with the scores they gave. See migration 0013_maturity.

// lockMaturity serializes, on PostgreSQL, the saves of a year's
// questions with the answers that fix them: SaveMaturityQuestions checks
// that nobody has answered and SaveMaturityAssessment fixes the
// questions with the first answer, both under this lock, so an answer is
// never stored against questions that are then replaced.
const lockMaturity int64 = 0x5350524e47_14

// maturitySource returns what the follow-up reads of the maturity
// self-assessments: this database.
func (db *DB) maturitySource() followup.MaturitySource { return db }

// MaturityQuestions returns the questions of year, and whether the year
// has its own: when it has none, those of the latest earlier year that
// has, or followup.DefaultMaturityQuestions.
func (db *DB) MaturityQuestions(ctx context.Context, year int) ([]followup.MaturityQuestion, bool, error) {
	var from sql.NullInt64
	if err := db.queryRow(ctx, `SELECT MAX(year) FROM maturity_questions WHERE year <= ?`, year).Scan(&from); err != nil {
		return nil, false, fmt.Errorf("maturity questions of %d: %w", year, err)
	}
	if !from.Valid {
		return followup.DefaultMaturityQuestions(), false, nil
	}
	qs, err := db.maturityQuestionsOf(ctx, db.read, int(from.Int64))
	return qs, err == nil && int(from.Int64) == year, err
}

// queryer is what both *sql.DB and *sql.Tx offer for reads.
type queryer interface {
	QueryContext(ctx context.Context, query string, args ...any) (*sql.Rows, error)
}

// maturityQuestionsOf returns the stored questions of year, in order.
func (db *DB) maturityQuestionsOf(ctx context.Context, q queryer, year int) ([]followup.MaturityQuestion, error) {
	rows, err := q.QueryContext(ctx, db.rebind(`SELECT qkey, dimension, text_sv, text_en FROM maturity_questions
		WHERE year = ? ORDER BY ord`), year)
	if err != nil {
		return nil, fmt.Errorf("maturity questions of %d: %w", year, err)
	}
	defer func() { _ = rows.Close() }()
	var out []followup.MaturityQuestion
	for rows.Next() {
		var m followup.MaturityQuestion
		if err := rows.Scan(&m.Key, &m.Dimension, &m.Text.SV, &m.Text.EN); err != nil {
			return nil, fmt.Errorf("maturity questions of %d: %w", year, err)
		}
		out = append(out, m)
	}
	return out, rows.Err()
}

// MsgMaturityLocked is the message key of a change to the questions of a
// year that units have already answered.
const MsgMaturityLocked = "followup.maturity.err.locked"

// SaveMaturityQuestions sets the questions of year, recording the change
// by the staff user byUserID in the audit log. It returns Invalid (with
// followup.ValidateQuestions' fields) for bad questions, and Invalid with
// the field "questions" set to MsgMaturityLocked once a unit has answered
// that year: the answers refer to the questions as they were.
func (db *DB) SaveMaturityQuestions(ctx context.Context, year int, qs []followup.MaturityQuestion, byUserID int64) error {
	if err := followup.ValidateQuestions(qs); err != nil {
		return err
	}
	err := db.tx(ctx, func(tx *sql.Tx) error {
		if err := db.advisoryXactLock(ctx, tx, lockMaturity); err != nil {
			return err
		}
		var answered int
		if err := tx.QueryRowContext(ctx, db.rebind(`SELECT COUNT(*) FROM maturity_assessments WHERE year = ?`), year).Scan(&answered); err != nil {
			return err
		}
		if answered > 0 {
			return sprang.FieldErrors(map[string]string{"questions": MsgMaturityLocked})
		}
		if err := db.replaceMaturityQuestionsTx(ctx, tx, year, qs); err != nil {
			return err
		}
		return db.maturityAuditTx(ctx, tx, byUserID, audit.MaturityQuestionsSaved, strconv.Itoa(year),
			strconv.Itoa(len(qs))+" questions")
	})
	if sprang.ErrorKind(err) == sprang.Invalid {
		return err
	}
	if err != nil {
		return fmt.Errorf("save maturity questions of %d: %w", year, err)
	}
	return nil
}

// replaceMaturityQuestionsTx replaces the stored questions of year by qs.
func (db *DB) replaceMaturityQuestionsTx(ctx context.Context, tx *sql.Tx, year int, qs []followup.MaturityQuestion) error {
	if _, err := tx.ExecContext(ctx, db.rebind(`DELETE FROM maturity_questions WHERE year = ?`), year); err != nil {
		return err
	}
	for i, q := range qs {
		if _, err := tx.ExecContext(ctx, db.rebind(`INSERT INTO maturity_questions (year, qkey, ord, dimension, text_sv, text_en)
			VALUES (?, ?, ?, ?, ?, ?)`), year, q.Key, i, string(q.Dimension), q.Text.SV, q.Text.EN); err != nil {
			return err
		}
	}
	return nil
}

// maturityAuditTx appends the audit entry of action by the staff user
// byUserID (the demo, as the system, when 0).
func (db *DB) maturityAuditTx(ctx context.Context, tx *sql.Tx, byUserID int64, action audit.Action, objectID, detail string) error {
	e := audit.Entry{ActorKind: audit.System, ActorName: "demo", Action: action, ObjectID: objectID, Detail: detail,
		ObjectType: "maturity_assessment"}
	if action == audit.MaturityQuestionsSaved {
		e.ObjectType = "maturity_questions"
	}
	if byUserID != 0 {
		e.ActorKind, e.ActorID, e.ActorName = audit.Staff, byUserID, db.usernameTx(ctx, tx, byUserID)
	}
	_, err := db.AppendAuditTx(ctx, tx, e)
	return err
}

// SaveMaturityAssessment stores the answers of a's unit for a's year,
// replacing earlier ones, with the score they give, and records it in the
// audit log. The year's questions are fixed then: when the year has none
// of its own, the questions it uses (MaturityQuestions) are copied into
// it. It returns Invalid with followup.ValidateAnswers' fields for bad
// answers, and NotFound for an unknown unit. The saved assessment is
// returned.
func (db *DB) SaveMaturityAssessment(ctx context.Context, a followup.MaturityAssessment, byUserID int64) (followup.MaturityAssessment, error) {
	qs, _, err := db.MaturityQuestions(ctx, a.Year)
	if err != nil {
		return followup.MaturityAssessment{}, err
	}
	raw, err := json.Marshal(a.Answers)
	if err != nil {
		return followup.MaturityAssessment{}, err
	}
	a.SubmittedBy, a.SubmittedAt = byUserID, db.Now().Truncate(time.Microsecond)
	err = db.tx(ctx, func(tx *sql.Tx) error {
		if err := db.advisoryXactLock(ctx, tx, lockMaturity); err != nil {
			return err
		}
		if qs, err = db.fixMaturityQuestionsTx(ctx, tx, a.Year, qs); err != nil {
			return err
		}
		if err := followup.ValidateAnswers(qs, a.Answers); err != nil {
			return err
		}
		a.Score = followup.Score(qs, a.Answers)
		a.Score.UnitID, a.Score.Year = a.UnitID, a.Year
		if _, err := tx.ExecContext(ctx, db.rebind(`INSERT INTO maturity_assessments
			(unit_id, year, answers, capability, heritage, total, submitted_by, submitted_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)
			ON CONFLICT (unit_id, year) DO UPDATE SET answers = excluded.answers, capability = excluded.capability,
			heritage = excluded.heritage, total = excluded.total, submitted_by = excluded.submitted_by,
			submitted_at = excluded.submitted_at`), a.UnitID, a.Year, string(raw), a.Score.Capability, a.Score.Heritage,
			a.Score.Total, nullID(byUserID), a.SubmittedAt); err != nil {
			return err
		}
		return db.maturityAuditTx(ctx, tx, byUserID, audit.MaturityAssessed,
			strconv.FormatInt(a.UnitID, 10)+"/"+strconv.Itoa(a.Year), "total "+strconv.FormatFloat(a.Score.Total, 'f', 1, 64))
	})
	if isForeignKeyViolation(err) {
		err = &sprang.Error{Kind: sprang.NotFound, Message: "unit not found", Cause: err}
	}
	if sprang.ErrorKind(err) == sprang.Invalid {
		return followup.MaturityAssessment{}, err
	}
	if err != nil {
		return followup.MaturityAssessment{}, fmt.Errorf("save maturity assessment of unit %d, %d: %w", a.UnitID, a.Year, err)
	}
	return a, nil
}

// fixMaturityQuestionsTx returns the questions of year as stored, or,
// when the year has none yet, stores qs (the ones it inherits) as its
// own and returns them.
func (db *DB) fixMaturityQuestionsTx(ctx context.Context, tx *sql.Tx, year int, qs []followup.MaturityQuestion) ([]followup.MaturityQuestion, error) {
	stored, err := db.maturityQuestionsOf(ctx, tx, year)
	if err != nil || len(stored) > 0 {
		return stored, err
	}
	return qs, db.replaceMaturityQuestionsTx(ctx, tx, year, qs)
}

// MaturityAssessment returns the assessment of the unit for year;
// NotFound when it has none.
func (db *DB) MaturityAssessment(ctx context.Context, unitID int64, year int) (followup.MaturityAssessment, error) {
	a := followup.MaturityAssessment{UnitID: unitID, Year: year}
	var raw string
	var by sql.NullInt64
	err := db.queryRow(ctx, `SELECT answers, capability, heritage, total, submitted_by, submitted_at
		FROM maturity_assessments WHERE unit_id = ? AND year = ?`, unitID, year).
		Scan(&raw, &a.Score.Capability, &a.Score.Heritage, &a.Score.Total, &by, &a.SubmittedAt)
	if errors.Is(err, sql.ErrNoRows) {
		return followup.MaturityAssessment{}, sprang.Errorf(sprang.NotFound, "maturity assessment not found")
	}
	if err != nil {
		return followup.MaturityAssessment{}, fmt.Errorf("maturity assessment of unit %d, %d: %w", unitID, year, err)
	}
	if err := json.Unmarshal([]byte(raw), &a.Answers); err != nil {
		return followup.MaturityAssessment{}, fmt.Errorf("maturity assessment of unit %d, %d: %w", unitID, year, err)
	}
	a.Score.UnitID, a.Score.Year, a.SubmittedBy, a.SubmittedAt = unitID, year, by.Int64, a.SubmittedAt.UTC()
	return a, nil
}

// MaturityScores returns the scores of year of those of the units that
// have an assessment, by unit id (the followup.MaturitySource method).
func (db *DB) MaturityScores(ctx context.Context, unitIDs []int64, year int) ([]followup.MaturityScore, error) {
	if len(unitIDs) == 0 {
		return nil, nil
	}
	all, err := db.maturityScoresWhere(ctx, `year = ?`, year)
	if err != nil {
		return nil, err
	}
	in := map[int64]bool{}
	for _, id := range unitIDs {
		in[id] = true
	}
	var out []followup.MaturityScore
	for _, s := range all {
		if in[s.UnitID] {
			out = append(out, s)
		}
	}
	return out, nil
}

// MaturityHistory returns every unit's scores of every year, by unit id
// and year: the overview's history.
func (db *DB) MaturityHistory(ctx context.Context) ([]followup.MaturityScore, error) {
	return db.maturityScoresWhere(ctx, `1 = 1`)
}

// maturityScoresWhere returns the scores of the assessments matching
// cond, by unit id and year.
func (db *DB) maturityScoresWhere(ctx context.Context, cond string, args ...any) ([]followup.MaturityScore, error) {
	rows, err := db.query(ctx, `SELECT unit_id, year, capability, heritage, total FROM maturity_assessments
		WHERE `+cond+` ORDER BY unit_id, year`, args...)
	if err != nil {
		return nil, fmt.Errorf("maturity scores: %w", err)
	}
	defer func() { _ = rows.Close() }()
	var out []followup.MaturityScore
	for rows.Next() {
		var s followup.MaturityScore
		if err := rows.Scan(&s.UnitID, &s.Year, &s.Capability, &s.Heritage, &s.Total); err != nil {
			return nil, fmt.Errorf("maturity scores: %w", err)
		}
		out = append(out, s)
	}
	return out, rows.Err()
}
