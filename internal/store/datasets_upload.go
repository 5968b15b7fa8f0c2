package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"path"
	"strings"
	"time"

	"sprang"
	"sprang/internal/opendata"
)

// AddUpload records a new version of a file distribution (version = the
// previous + 1, also under concurrent uploads: the distribution's row is
// updated first, which serializes them), updates the distribution's
// format, media type, size, checksum and version to it, marks its dataset
// updated, and returns the upload with its ID, Version and CreatedAt, all
// in one transaction. The format is the file type of the upload's media
// type or, failing that, of its file name's extension; the distribution
// keeps its format when neither is known. The upload's load state is
// LoadPending when the caller set it so, LoadNone otherwise. NotFound when
// there is no such distribution, Conflict when it is a link.
func (db *DB) AddUpload(ctx context.Context, u opendata.Upload) (opendata.Upload, error) {
	now := db.Now().Truncate(time.Microsecond)
	u.CreatedAt, u.LoadedRows, u.LoadMessage, u.Quality = now, 0, "", nil
	if u.LoadState != opendata.LoadPending {
		u.LoadState = opendata.LoadNone
	}
	err := db.tx(ctx, func(tx *sql.Tx) error {
		var datasetID string
		err := tx.QueryRowContext(ctx, db.rebind(`UPDATE distributions SET version = version + 1,
				format = COALESCE(NULLIF(?, ''), format), media_type = ?, byte_size = ?, checksum = ?, updated_at = ?
			WHERE id = ? AND kind = 'file'
			RETURNING version, dataset_id`),
			formatOf(u), u.MediaType, u.ByteSize, u.Checksum, now, u.DistributionID).Scan(&u.Version, &datasetID)
		if errors.Is(err, sql.ErrNoRows) {
			return db.noFileDistributionTx(ctx, tx, u.DistributionID)
		}
		if err != nil {
			return err
		}
		err = tx.QueryRowContext(ctx, db.rebind(`INSERT INTO uploads (distribution_id, version, file_name, blob_key,
				media_type, byte_size, checksum, load_state, columns_json, created_at)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id`),
			u.DistributionID, u.Version, u.FileName, u.BlobKey, u.MediaType, u.ByteSize, u.Checksum,
			string(u.LoadState), jsonList(u.Columns), now).Scan(&u.ID)
		if err != nil {
			return err
		}
		return db.touchDatasetTx(ctx, tx, datasetID, now)
	})
	if err != nil {
		return opendata.Upload{}, kindOrWrap("add upload", err)
	}
	return u, nil
}

// noFileDistributionTx returns the error for an upload to distribution id
// that is not a file distribution: Conflict for a link, else NotFound.
func (db *DB) noFileDistributionTx(ctx context.Context, tx *sql.Tx, id string) error {
	var kind string
	err := tx.QueryRowContext(ctx, db.rebind(`SELECT kind FROM distributions WHERE id = ?`), id).Scan(&kind)
	if err != nil {
		return notFound(err, "distribution")
	}
	return &sprang.Error{Kind: sprang.Conflict, Message: MsgDistributionNoFile}
}

// formatOf returns the file type code of u from its media type or its
// file name's extension, or "" when neither is known.
func formatOf(u opendata.Upload) string {
	mt, _, _ := strings.Cut(u.MediaType, ";")
	if f, ok := opendata.FindFileType(strings.TrimSpace(strings.ToLower(mt))); ok {
		return f.Code
	}
	if f, ok := opendata.FindFileType(strings.ToLower(path.Ext(u.FileName))); ok && path.Ext(u.FileName) != "" {
		return f.Code
	}
	return ""
}

// Uploads returns every version of a distribution, newest first, with
// their columns and quality reports (none for an unknown distribution).
func (db *DB) Uploads(ctx context.Context, distributionID string) ([]opendata.Upload, error) {
	rows, err := db.query(ctx, `SELECT `+uploadColumns+` FROM uploads WHERE distribution_id = ? ORDER BY version DESC`, distributionID)
	if err != nil {
		return nil, fmt.Errorf("find uploads: %w", err)
	}
	defer func() { _ = rows.Close() }()
	var out []opendata.Upload
	for rows.Next() {
		u, err := scanUpload(rows)
		if err != nil {
			return nil, fmt.Errorf("find uploads: %w", err)
		}
		out = append(out, u)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("find uploads: %w", err)
	}
	return out, nil
}

// Upload returns one version of a distribution; version 0 means the
// newest. NotFound when there is none.
func (db *DB) Upload(ctx context.Context, distributionID string, version int) (opendata.Upload, error) {
	query, args := `SELECT `+uploadColumns+` FROM uploads WHERE distribution_id = ? AND version = ?`, []any{distributionID, version}
	if version == 0 {
		query, args = `SELECT `+uploadColumns+` FROM uploads WHERE distribution_id = ? ORDER BY version DESC LIMIT 1`, args[:1]
	}
	u, err := scanUpload(db.queryRow(ctx, query, args...))
	if err != nil {
		return opendata.Upload{}, notFound(err, "upload")
	}
	return u, nil
}

// UploadByID returns the upload with the store's id. NotFound when there
// is none.
func (db *DB) UploadByID(ctx context.Context, id int64) (opendata.Upload, error) {
	u, err := scanUpload(db.queryRow(ctx, `SELECT `+uploadColumns+` FROM uploads WHERE id = ?`, id))
	if err != nil {
		return opendata.Upload{}, notFound(err, "upload")
	}
	return u, nil
}
