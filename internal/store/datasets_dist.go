package store

import (
	"context"
	"database/sql"
	"fmt"
	"time"

	"sprang"
	"sprang/internal/opendata"
)

// CreateDistribution stores a new distribution of a dataset, giving it a
// random UUID, the next position (after the dataset's others, from 1) and
// version 0 (AddUpload gives file distributions their versions), and
// returns it. The dataset counts as updated. NotFound when the dataset
// does not exist, Invalid on field "kind" for a kind that is neither
// file nor link.
func (db *DB) CreateDistribution(ctx context.Context, d opendata.Distribution) (opendata.Distribution, error) {
	if d.Kind != opendata.KindFile && d.Kind != opendata.KindLink {
		return opendata.Distribution{}, &sprang.Error{Kind: sprang.Invalid, Message: MsgDistributionKind,
			Fields: map[string]string{"kind": MsgDistributionKind}}
	}
	now := db.Now().Truncate(time.Microsecond)
	d.ID, d.Version, d.CreatedAt, d.UpdatedAt = newUUID(), 0, now, now
	err := db.tx(ctx, func(tx *sql.Tx) error {
		err := tx.QueryRowContext(ctx, db.rebind(`INSERT INTO distributions (id, dataset_id, kind, title_sv, title_en,
				description_sv, description_en, url, format, media_type, byte_size, checksum, licence, version,
				position, created_at, updated_at)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 0,
				(SELECT COALESCE(MAX(position), 0) + 1 FROM distributions WHERE dataset_id = ?), ?, ?)
			RETURNING position`),
			d.ID, d.DatasetID, string(d.Kind), d.TitleSV, d.TitleEN, d.DescriptionSV, d.DescriptionEN, d.URL,
			d.Format, d.MediaType, d.ByteSize, d.Checksum, d.Licence, d.DatasetID, now, now).Scan(&d.Position)
		if err != nil {
			return err
		}
		return db.touchDatasetTx(ctx, tx, d.DatasetID, now)
	})
	if isForeignKeyViolation(err) {
		return opendata.Distribution{}, &sprang.Error{Kind: sprang.NotFound, Message: "dataset not found", Cause: err}
	}
	if err != nil {
		return opendata.Distribution{}, fmt.Errorf("create distribution: %w", err)
	}
	return d, nil
}

// UpdateDistribution stores d's descriptive fields (titles, descriptions,
// URL, format, media type, licence, position) over the distribution d.ID
// and returns the distribution as stored; its dataset counts as updated.
// NotFound when there is no such distribution.
func (db *DB) UpdateDistribution(ctx context.Context, d opendata.Distribution) (opendata.Distribution, error) {
	now := db.Now().Truncate(time.Microsecond)
	err := db.tx(ctx, func(tx *sql.Tx) error {
		res, err := tx.ExecContext(ctx, db.rebind(`UPDATE distributions SET title_sv = ?, title_en = ?,
				description_sv = ?, description_en = ?, url = ?, format = ?, media_type = ?, licence = ?,
				position = ?, updated_at = ?
			WHERE id = ?`),
			d.TitleSV, d.TitleEN, d.DescriptionSV, d.DescriptionEN, d.URL, d.Format, d.MediaType, d.Licence,
			d.Position, now, d.ID)
		if err != nil {
			return err
		}
		if err := affectedOne(res, "distribution"); err != nil {
			return err
		}
		return db.touchDatasetOfTx(ctx, tx, d.ID, now)
	})
	if err != nil {
		return opendata.Distribution{}, kindOrWrap("update distribution", err)
	}
	return db.Distribution(ctx, d.ID)
}

// Distribution returns the distribution with the given UUID. NotFound when
// there is none.
func (db *DB) Distribution(ctx context.Context, id string) (opendata.Distribution, error) {
	d, err := scanDistribution(db.queryRow(ctx, `SELECT `+distributionColumns+` FROM distributions WHERE id = ?`, id))
	if err != nil {
		return opendata.Distribution{}, notFound(err, "distribution")
	}
	return d, nil
}

// touchDatasetTx sets the time dataset id was last updated to at.
func (db *DB) touchDatasetTx(ctx context.Context, tx *sql.Tx, id string, at time.Time) error {
	_, err := tx.ExecContext(ctx, db.rebind(`UPDATE datasets SET updated_at = ? WHERE id = ?`), at, id)
	return err
}

// touchDatasetOfTx sets the time the dataset of distribution id was last
// updated to at.
func (db *DB) touchDatasetOfTx(ctx context.Context, tx *sql.Tx, id string, at time.Time) error {
	_, err := tx.ExecContext(ctx, db.rebind(`UPDATE datasets SET updated_at = ?
		WHERE id = (SELECT dataset_id FROM distributions WHERE id = ?)`), at, id)
	return err
}

// kindOrWrap returns err unchanged when it has a sprang kind, or wrapped
// with the operation.
func kindOrWrap(op string, err error) error {
	if sprang.ErrorKind(err) != sprang.Internal {
		return err
	}
	return fmt.Errorf("%s: %w", op, err)
}
