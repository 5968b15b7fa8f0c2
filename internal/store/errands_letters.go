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
	"sprang/internal/eservice"
)

// MsgLetterPrinted is the key of the Conflict for a letter printed already.
const MsgLetterPrinted = "errand.letter.printed"

// Letter is a message, completion request or decision to send by post to
// a resident who asked for letters, queued by ChangeErrand. The letter's
// text is the event's body (ErrandHistory); the address is the resident's
// (ReadResident) or in the errand's answers (ReadErrand) — both audited.
type Letter struct {
	ID          int64
	ErrandID    int64
	EventID     int64
	EventKind   eservice.EventKind
	UnitID      int64
	Reference   string
	DiaryNumber string
	CreatedAt   time.Time
	PrintedAt   time.Time // zero until printed
	PrintedBy   int64
}

// queueLetterTx queues a letter for event ev.
func (db *DB) queueLetterTx(ctx context.Context, tx *sql.Tx, ev eservice.Event) error {
	_, err := tx.ExecContext(ctx, db.rebind(`INSERT INTO letters (errand_id, event_id, created_at) VALUES (?, ?, ?)`),
		ev.ErrandID, ev.ID, ev.At)
	if err != nil {
		return fmt.Errorf("queue letter: %w", err)
	}
	return nil
}

// letterColumns are the columns scanLetter reads, from letters l joined
// with errands e and errand_events v.
const letterColumns = `l.id, l.errand_id, l.event_id, v.kind, e.unit_id, e.reference, e.diary_number,
	l.created_at, l.printed_at, l.printed_by`

const letterFrom = ` FROM letters l JOIN errands e ON e.id = l.errand_id JOIN errand_events v ON v.id = l.event_id`

func scanLetter(s scanner) (Letter, error) {
	var l Letter
	var kind string
	var printed sql.NullTime
	var by sql.NullInt64
	err := s.Scan(&l.ID, &l.ErrandID, &l.EventID, &kind, &l.UnitID, &l.Reference, &l.DiaryNumber,
		&l.CreatedAt, &printed, &by)
	l.EventKind, l.CreatedAt, l.PrintedBy = eservice.EventKind(kind), l.CreatedAt.UTC(), by.Int64
	if printed.Valid {
		l.PrintedAt = printed.Time.UTC()
	}
	return l, err
}

// LetterQueue returns the letters not yet printed of errands owned by any
// of unitIDs, oldest first. No units give no letters.
func (db *DB) LetterQueue(ctx context.Context, unitIDs []int64) ([]Letter, error) {
	if len(unitIDs) == 0 {
		return []Letter{}, nil
	}
	args := make([]any, len(unitIDs))
	for i, u := range unitIDs {
		args[i] = u
	}
	rows, err := db.query(ctx, `SELECT `+letterColumns+letterFrom+`
		WHERE l.printed_at IS NULL AND e.unit_id IN (`+placeholderList(len(unitIDs))+`)
		ORDER BY l.created_at, l.id`, args...)
	if err != nil {
		return nil, fmt.Errorf("letter queue: %w", err)
	}
	defer func() { _ = rows.Close() }()
	out := []Letter{}
	for rows.Next() {
		l, err := scanLetter(rows)
		if err != nil {
			return nil, fmt.Errorf("letter queue: %w", err)
		}
		out = append(out, l)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("letter queue: %w", err)
	}
	return out, nil
}

// FindLetter returns letter id, for checking its unit before printing.
// NotFound when there is none.
func (db *DB) FindLetter(ctx context.Context, id int64) (Letter, error) {
	l, err := scanLetter(db.queryRow(ctx, `SELECT `+letterColumns+letterFrom+` WHERE l.id = ?`, id))
	if err != nil {
		return Letter{}, notFound(err, "letter")
	}
	return l, nil
}

// MarkLetterPrinted records that user by printed letter id for posting,
// with a "letter" event in the errand's history (Data "event": the id of
// the event the letter carries) that the resident sees. The caller checks
// the letter's unit first (FindLetter). It returns NotFound for an unknown
// letter and Conflict (MsgLetterPrinted) for one printed already.
func (db *DB) MarkLetterPrinted(ctx context.Context, id, by int64) error {
	err := db.tx(ctx, func(tx *sql.Tx) error {
		now := db.Now().Truncate(time.Microsecond)
		var errand, event int64
		err := tx.QueryRowContext(ctx, db.rebind(`UPDATE letters SET printed_at = ?, printed_by = ?
			WHERE id = ? AND printed_at IS NULL RETURNING errand_id, event_id`), now, nullID(by), id).Scan(&errand, &event)
		if errors.Is(err, sql.ErrNoRows) {
			var n int
			if err := tx.QueryRowContext(ctx, db.rebind(`SELECT COUNT(*) FROM letters WHERE id = ?`), id).Scan(&n); err != nil {
				return err
			}
			if n == 0 {
				return sprang.Errorf(sprang.NotFound, "letter not found")
			}
			return sprang.Errorf(sprang.Conflict, MsgLetterPrinted)
		}
		if err != nil {
			return err
		}
		_, err = db.insertEventTx(ctx, tx, eservice.Event{ErrandID: errand, At: now, Kind: eservice.EventLetter,
			ByUserID: by, Data: map[string]string{"event": strconv.FormatInt(event, 10)}})
		return err
	})
	if err != nil {
		return fmt.Errorf("mark letter %d printed: %w", id, err)
	}
	return nil
}

// placeholderList returns n comma-separated question marks.
func placeholderList(n int) string {
	if n <= 0 {
		return ""
	}
	return strings.Repeat("?, ", n-1) + "?"
}
