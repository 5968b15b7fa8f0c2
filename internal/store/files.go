package store

import (
	"context"
	"database/sql"
	"fmt"
	"strconv"
	"strings"
	"time"

	"sprang"
	"sprang/internal/eservice"
)

// Message keys of file errors.
const (
	MsgFileInvalid  = "errand.file.invalid"  // the row lacks its blob key, media type or size
	MsgFileQuestion = "errand.file.question" // a draft's file needs its question, a loose file none
)

// fileColumns are the columns scanFile reads, in order.
const fileColumns = `id, name_enc, media_type, size, blob_key`

// fileAD binds a file's sealed name to its row.
func fileAD(id int64) string { return "errand_files.name_enc:" + strconv.FormatInt(id, 10) }

// SaveFile stores the row of an uploaded file whose (encrypted) content
// is already in blob storage under f.Key, attached to a draft's question
// (draftID and question), or loose (0 and ""), to be attached to an event
// by ChangeErrand. The name is sealed. It returns its id; Invalid for a
// missing key or media type, a negative size or a question without a draft
// (or the reverse), NotFound for an unknown draft, Conflict for a key
// stored already.
func (db *DB) SaveFile(ctx context.Context, f eservice.File, draftID int64, question string) (int64, error) {
	switch {
	case strings.TrimSpace(f.Key) == "" || strings.TrimSpace(f.MediaType) == "" || f.Size < 0:
		return 0, fmt.Errorf("save file: %w", sprang.Errorf(sprang.Invalid, MsgFileInvalid))
	case (draftID != 0) != (question != ""):
		return 0, fmt.Errorf("save file: %w", sprang.Errorf(sprang.Invalid, MsgFileQuestion))
	}
	var id int64
	err := db.tx(ctx, func(tx *sql.Tx) error {
		err := tx.QueryRowContext(ctx, db.rebind(`INSERT INTO errand_files
			(draft_id, question, media_type, size, blob_key, created_at) VALUES (?, ?, ?, ?, ?, ?) RETURNING id`),
			nullID(draftID), question, f.MediaType, f.Size, f.Key, db.Now().Truncate(time.Microsecond)).Scan(&id)
		if err != nil {
			return err
		}
		name, err := db.seal(f.Name, fileAD(id))
		if err != nil || name == nil {
			return err
		}
		_, err = tx.ExecContext(ctx, db.rebind(`UPDATE errand_files SET name_enc = ? WHERE id = ?`), name, id)
		return err
	})
	switch {
	case err == nil:
		return id, nil
	case isForeignKeyViolation(err):
		err = &sprang.Error{Kind: sprang.NotFound, Message: "draft not found", Cause: err}
	case isUniqueViolation(err):
		err = &sprang.Error{Kind: sprang.Conflict, Message: "file key stored already", Cause: err}
	}
	return 0, fmt.Errorf("save file: %w", err)
}

// FindFile returns file id with its name decrypted and the errand it
// belongs to (0 while on a draft or loose). NotFound when there is none.
// Who may download it is the caller's to check (the errand's unit or
// resident, or the draft's owner).
func (db *DB) FindFile(ctx context.Context, id int64) (eservice.File, int64, error) {
	f, errand, err := db.findFileWith(ctx, db.read.QueryRowContext, id)
	if err != nil {
		return eservice.File{}, 0, fmt.Errorf("find file %d: %w", id, err)
	}
	return f, errand, nil
}

// findFileWith reads file id with queryRow (the read pool or a
// transaction's).
func (db *DB) findFileWith(ctx context.Context, queryRow func(context.Context, string, ...any) *sql.Row, id int64) (eservice.File, int64, error) {
	var errand sql.NullInt64
	f, err := db.scanFile(queryRow(ctx, db.rebind(`SELECT `+fileColumns+`, errand_id FROM errand_files WHERE id = ?`), id), &errand)
	if err != nil {
		return eservice.File{}, 0, notFound(err, "file")
	}
	return f, errand.Int64, nil
}

// scanFile reads a row selected with fileColumns and then extra, and
// decrypts the name.
func (db *DB) scanFile(s scanner, extra any) (eservice.File, error) {
	var f eservice.File
	var name []byte
	if err := s.Scan(&f.ID, &name, &f.MediaType, &f.Size, &f.Key, extra); err != nil {
		return eservice.File{}, err
	}
	var err error
	if f.Name, err = db.open(name, fileAD(f.ID)); err != nil {
		return eservice.File{}, err
	}
	return f, nil
}
