package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"sprang"
	"sprang/internal/eservice"
)

// Diary numbers (diarienummer) are allocated per unit and calendar year
// (Swedish time) from diary_series, inside the transaction that makes the
// errand: an upsert increments the unit's counter and returns it, so two
// nodes never hand out the same number and a rolled-back submission gives
// its number back.
//
// A unit's code is org_units.diary_code. When it is empty the code is
// derived from the unit's slug (see derivedDiaryCode), and the unit's
// first errand writes the code it used into diary_code, so that renaming
// the unit later never changes its series.

// Message keys of diary code errors.
const (
	MsgDiaryCodeFormat = "unit.diary_code.format" // 2–8 letters A–Z, Å, Ä, Ö
	MsgDiaryCodeTaken  = "unit.diary_code.taken"  // another unit uses the code
)

// diaryZone is the time zone whose calendar year numbers errands.
var diaryZone = func() *time.Location {
	loc, err := time.LoadLocation("Europe/Stockholm")
	if err != nil {
		return time.FixedZone("CET", 3600)
	}
	return loc
}()

// diaryYear returns the Swedish calendar year of t.
func diaryYear(t time.Time) int { return t.In(diaryZone).Year() }

// ValidDiaryCode reports whether code is a diary code a unit may be given:
// 2–8 upper-case letters A–Z, Å, Ä or Ö.
func ValidDiaryCode(code string) bool {
	n := utf8.RuneCountInString(code)
	if n < 2 || n > 8 {
		return false
	}
	for _, r := range code {
		if (r < 'A' || r > 'Z') && r != 'Å' && r != 'Ä' && r != 'Ö' {
			return false
		}
	}
	return true
}

// derivedDiaryCode returns the code of a unit without one, from its slug:
// the initials of its words when it has several ("bygg-och-miljo" gives
// "BOM", at most four), otherwise its first three letters
// ("samhallsbyggnad" gives "SAM"). Digits are left out; a slug with fewer
// than two letters gives "ENH" (enhet).
func derivedDiaryCode(slug string) string {
	words := strings.FieldsFunc(strings.ToLower(slug), func(r rune) bool { return r < 'a' || r > 'z' })
	var b strings.Builder
	switch {
	case len(words) >= 2:
		for _, w := range words[:min(len(words), 4)] {
			b.WriteByte(w[0])
		}
	case len(words) == 1:
		b.WriteString(words[0][:min(len(words[0]), 3)])
	}
	if b.Len() < 2 {
		return "ENH"
	}
	return strings.ToUpper(b.String())
}

// SetDiaryCode sets the code of unit unitID's diary numbers, e.g. "SBF"
// for "SBF 2026/00042". Numbers already handed out keep their code. It
// returns Invalid (field "diary_code") for a code that is not 2–8
// upper-case letters, Conflict when another unit uses the code or has
// numbered errands with it, and NotFound for an unknown unit.
func (db *DB) SetDiaryCode(ctx context.Context, unitID int64, code string) error {
	if !ValidDiaryCode(code) {
		return &sprang.Error{Kind: sprang.Invalid, Message: MsgDiaryCodeFormat,
			Fields: map[string]string{"diary_code": MsgDiaryCodeFormat}}
	}
	err := db.tx(ctx, func(tx *sql.Tx) error {
		taken, err := db.diaryCodeTakenTx(ctx, tx, unitID, code)
		if err != nil {
			return err
		}
		if taken {
			return diaryCodeTaken(nil)
		}
		res, err := tx.ExecContext(ctx, db.rebind(`UPDATE org_units SET diary_code = ? WHERE id = ?`), code, unitID)
		if err != nil {
			if isUniqueViolation(err) {
				return diaryCodeTaken(err)
			}
			return err
		}
		if n, err := res.RowsAffected(); err != nil || n == 0 {
			return errors.Join(err, sprang.Errorf(sprang.NotFound, "unit not found"))
		}
		return nil
	})
	if err != nil {
		return fmt.Errorf("set diary code of unit %d: %w", unitID, err)
	}
	return nil
}

// DiaryCode returns the code unit unitID's next diary number will have:
// its diary_code, or the code derived from its slug while it has none.
// NotFound for an unknown unit.
func (db *DB) DiaryCode(ctx context.Context, unitID int64) (string, error) {
	var code, slug string
	err := db.queryRow(ctx, `SELECT diary_code, slug FROM org_units WHERE id = ?`, unitID).Scan(&code, &slug)
	if err != nil {
		return "", notFound(err, "unit")
	}
	if code == "" {
		code = derivedDiaryCode(slug)
	}
	return code, nil
}

func diaryCodeTaken(cause error) error {
	return &sprang.Error{Kind: sprang.Conflict, Message: MsgDiaryCodeTaken,
		Fields: map[string]string{"diary_code": MsgDiaryCodeTaken}, Cause: cause}
}

// diaryCodeTakenTx reports whether a unit other than unitID has code or
// has handed out numbers with it.
func (db *DB) diaryCodeTakenTx(ctx context.Context, tx *sql.Tx, unitID int64, code string) (bool, error) {
	var n int
	err := tx.QueryRowContext(ctx, db.rebind(`SELECT
		(SELECT COUNT(*) FROM org_units WHERE diary_code = ? AND id <> ?) +
		(SELECT COUNT(*) FROM errands WHERE SUBSTR(diary_number, 1, ?) = ? AND unit_id <> ?)`),
		code, unitID, utf8.RuneCountInString(code)+1, code+" ", unitID).Scan(&n)
	if err != nil {
		return false, fmt.Errorf("check diary code: %w", err)
	}
	return n > 0, nil
}

// unitDiaryCodeTx returns the code of unit unitID's numbers, fixing a
// derived code in diary_code on first use. A derived code another unit
// already uses gets the unit id appended ("SAM12").
func (db *DB) unitDiaryCodeTx(ctx context.Context, tx *sql.Tx, unitID int64) (string, error) {
	var code, slug string
	err := tx.QueryRowContext(ctx, db.rebind(`SELECT diary_code, slug FROM org_units WHERE id = ?`), unitID).Scan(&code, &slug)
	if err != nil {
		return "", notFound(err, "unit")
	}
	if code != "" {
		return code, nil
	}
	code = derivedDiaryCode(slug)
	taken, err := db.diaryCodeTakenTx(ctx, tx, unitID, code)
	if err != nil {
		return "", err
	}
	if taken {
		code += strconv.FormatInt(unitID, 10)
	}
	if _, err := tx.ExecContext(ctx, db.rebind(`UPDATE org_units SET diary_code = ? WHERE id = ?`), code, unitID); err != nil {
		return "", fmt.Errorf("fix diary code: %w", err)
	}
	return code, nil
}

// nextDiaryNumberTx allocates the next number of unit unitID's series for
// the year of at and returns it formatted.
func (db *DB) nextDiaryNumberTx(ctx context.Context, tx *sql.Tx, unitID int64, at time.Time) (string, error) {
	code, err := db.unitDiaryCodeTx(ctx, tx, unitID)
	if err != nil {
		return "", err
	}
	year := diaryYear(at)
	var seq int
	err = tx.QueryRowContext(ctx, db.rebind(`INSERT INTO diary_series (unit_id, year, last_seq) VALUES (?, ?, 1)
		ON CONFLICT (unit_id, year) DO UPDATE SET last_seq = diary_series.last_seq + 1
		RETURNING last_seq`), unitID, year).Scan(&seq)
	if err != nil {
		return "", fmt.Errorf("allocate diary number: %w", err)
	}
	return eservice.DiaryNumber(code, year, seq), nil
}
