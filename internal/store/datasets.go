package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"slices"
	"strings"
	"time"

	"sprang"
	"sprang/internal/opendata"
)

// Message keys of the errors the open data methods return; the web layer
// translates them (internal/i18n/locales/data-store.*.json).
const (
	MsgDatasetSlugTaken   = "data.store.slug_taken"   // another dataset has the slug
	MsgDatasetUnitUnknown = "data.store.unit_unknown" // the publishing unit does not exist
	MsgDistributionKind   = "data.store.kind_invalid" // a distribution is a file or a link
	MsgDistributionNoFile = "data.store.not_file"     // a link takes no uploads
)

// datasetMeta are the columns UpdateDataset writes, in the order of
// datasetMetaArgs: the metadata and what the store derives from it.
var datasetMeta = []string{"slug", "unit_id", "title_sv", "title_en", "description_sv", "description_en",
	"contact_name", "contact_email", "keywords", "keywords_en", "themes", "licence", "access_rights",
	"frequency", "temporal_start", "temporal_end", "spatial", "landing_page", "hvd_categories", "high_value",
	"generated", "method", "search_title", "search_keywords", "search_body", "title_key_sv", "title_key_en"}

// datasetMetaArgs returns the values of datasetMeta for d.
func datasetMetaArgs(d opendata.Dataset) []any {
	s := searchOf(d)
	return []any{d.Slug, d.UnitID, d.TitleSV, d.TitleEN, d.DescriptionSV, d.DescriptionEN,
		d.ContactName, d.ContactEmail, jsonList(d.Keywords), jsonList(d.KeywordsEN), jsonList(d.Themes), d.Licence,
		d.AccessRights, d.Frequency, d.TemporalStart, d.TemporalEnd, d.Spatial, d.LandingPage,
		jsonList(d.HVDCategories), d.HighValue(), d.Generated, d.Method, s.title, s.keywords, s.body,
		nonNil(s.keySV), nonNil(s.keyEN)}
}

// CreateDataset stores a new dataset as a draft, giving it a random UUID
// and its creation time, and returns it. A slug already taken is a
// Conflict error on field "slug", a unit that does not exist Invalid on
// field "unit". The metadata is stored as given: the web layer validates it.
func (db *DB) CreateDataset(ctx context.Context, d opendata.Dataset) (opendata.Dataset, error) {
	now := db.Now().Truncate(time.Microsecond)
	d.ID, d.State, d.CreatedAt, d.UpdatedAt, d.PublishedAt = newUUID(), opendata.Draft, now, now, time.Time{}
	err := db.tx(ctx, func(tx *sql.Tx) error {
		_, err := tx.ExecContext(ctx, db.rebind(`INSERT INTO datasets (id, state, created_at, updated_at, `+
			strings.Join(datasetMeta, ", ")+`) VALUES (?, ?, ?, ?, `+placeholders(len(datasetMeta))+`)`),
			append([]any{d.ID, string(d.State), now, now}, datasetMetaArgs(d)...)...)
		if err != nil {
			return err
		}
		return db.setThemesTx(ctx, tx, d.ID, d.Themes)
	})
	if err != nil {
		return opendata.Dataset{}, datasetError("create dataset", err)
	}
	return d, nil
}

// UpdateDataset stores d's metadata over the dataset with d.ID (not its
// state or times, which have their own methods; the time it was updated
// becomes now) and returns the dataset as stored. NotFound when it is
// gone; Conflict and Invalid as CreateDataset.
func (db *DB) UpdateDataset(ctx context.Context, d opendata.Dataset) (opendata.Dataset, error) {
	set := make([]string, len(datasetMeta))
	for i, c := range datasetMeta {
		set[i] = c + " = ?"
	}
	err := db.tx(ctx, func(tx *sql.Tx) error {
		res, err := tx.ExecContext(ctx, db.rebind(`UPDATE datasets SET `+strings.Join(set, ", ")+
			`, updated_at = ? WHERE id = ?`),
			append(datasetMetaArgs(d), db.Now().Truncate(time.Microsecond), d.ID)...)
		if err != nil {
			return err
		}
		if err := affectedOne(res, "dataset"); err != nil {
			return err
		}
		return db.setThemesTx(ctx, tx, d.ID, d.Themes)
	})
	if err != nil {
		return opendata.Dataset{}, datasetError("update dataset", err)
	}
	e, err := db.Dataset(ctx, d.ID)
	return e.Dataset, err
}

// setThemesTx replaces the rows of dataset_themes of dataset id.
func (db *DB) setThemesTx(ctx context.Context, tx *sql.Tx, id string, themes []string) error {
	if _, err := tx.ExecContext(ctx, db.rebind(`DELETE FROM dataset_themes WHERE dataset_id = ?`), id); err != nil {
		return err
	}
	seen := make([]string, 0, len(themes))
	for _, t := range themes {
		if slices.Contains(seen, t) {
			continue
		}
		seen = append(seen, t)
		if _, err := tx.ExecContext(ctx, db.rebind(`INSERT INTO dataset_themes (dataset_id, theme) VALUES (?, ?)`), id, t); err != nil {
			return err
		}
	}
	return nil
}

// datasetError names the operation and turns a taken slug into Conflict
// and an unknown unit into Invalid. Errors of kind pass unchanged.
func datasetError(op string, err error) error {
	var se *sprang.Error
	switch {
	case errors.As(err, &se):
		return err
	case isUniqueViolation(err):
		return &sprang.Error{Kind: sprang.Conflict, Message: MsgDatasetSlugTaken,
			Fields: map[string]string{"slug": MsgDatasetSlugTaken}, Cause: err}
	case isForeignKeyViolation(err):
		return &sprang.Error{Kind: sprang.Invalid, Message: MsgDatasetUnitUnknown,
			Fields: map[string]string{"unit": MsgDatasetUnitUnknown}, Cause: err}
	}
	return fmt.Errorf("%s: %w", op, err)
}

// SetDatasetState moves a dataset to state at time at (PublishedAt is set
// the first time it is published). NotFound when there is no such
// dataset, Invalid for a state that is not one of opendata's.
func (db *DB) SetDatasetState(ctx context.Context, id string, state opendata.State, at time.Time) error {
	query := `UPDATE datasets SET state = ? WHERE id = ?`
	args := []any{string(state), id}
	switch state {
	case opendata.Published:
		query = `UPDATE datasets SET state = ?, published_at = COALESCE(published_at, ?) WHERE id = ?`
		args = []any{string(state), at.UTC().Truncate(time.Microsecond), id}
	case opendata.Draft, opendata.Withdrawn:
	default:
		return sprang.Errorf(sprang.Invalid, "unknown dataset state %q", state)
	}
	res, err := db.exec(ctx, query, args...)
	if err != nil {
		return fmt.Errorf("set dataset state: %w", err)
	}
	return affectedOne(res, "dataset")
}

// affectedOne returns NotFound naming what when res changed no row.
func affectedOne(res sql.Result, what string) error {
	n, err := res.RowsAffected()
	if err != nil {
		return fmt.Errorf("rows affected: %w", err)
	}
	if n == 0 {
		return sprang.Errorf(sprang.NotFound, "%s not found", what)
	}
	return nil
}

// Dataset returns the catalogue entry of the dataset with the given UUID or
// slug, drafts included (callers decide who may see a draft): its
// publisher and its distributions in position order. An id wins over a
// slug that reads the same. NotFound when there is none.
func (db *DB) Dataset(ctx context.Context, idOrSlug string) (opendata.Entry, error) {
	e, err := scanEntry(db.queryRow(ctx, `SELECT `+entryColumns+entryFrom+
		` WHERE d.id = ? OR d.slug = ? ORDER BY CASE WHEN d.id = ? THEN 0 ELSE 1 END LIMIT 1`,
		idOrSlug, idOrSlug, idOrSlug))
	if err != nil {
		return opendata.Entry{}, notFound(err, "dataset")
	}
	es := []opendata.Entry{e}
	if err := db.attachDistributions(ctx, es, `dataset_id = ?`, e.Dataset.ID); err != nil {
		return opendata.Entry{}, fmt.Errorf("find dataset: %w", err)
	}
	return es[0], nil
}

// PublishedEntries returns every published dataset's entry, ordered by
// slug: the DCAT catalogue and CKAN's package_list.
func (db *DB) PublishedEntries(ctx context.Context) ([]opendata.Entry, error) {
	rows, err := db.query(ctx, `SELECT `+entryColumns+entryFrom+` WHERE d.state = ? ORDER BY d.slug`, string(opendata.Published))
	if err != nil {
		return nil, fmt.Errorf("published datasets: %w", err)
	}
	es, err := scanEntries(rows)
	if err == nil {
		err = db.attachDistributions(ctx, es, `dataset_id IN (SELECT id FROM datasets WHERE state = ?)`, string(opendata.Published))
	}
	if err != nil {
		return nil, fmt.Errorf("published datasets: %w", err)
	}
	return es, nil
}

// DatasetCounts returns how many datasets are published, and how many of
// those are high-value datasets (the follow-up's figures).
func (db *DB) DatasetCounts(ctx context.Context) (published, highValue int, err error) {
	err = db.queryRow(ctx, `SELECT COUNT(*), COALESCE(SUM(CASE WHEN high_value THEN 1 ELSE 0 END), 0)
		FROM datasets WHERE state = ?`, string(opendata.Published)).Scan(&published, &highValue)
	if err != nil {
		return 0, 0, fmt.Errorf("count datasets: %w", err)
	}
	return published, highValue, nil
}

// scanEntries reads every row of entryColumns and closes rows.
func scanEntries(rows *sql.Rows) ([]opendata.Entry, error) {
	defer func() { _ = rows.Close() }()
	var out []opendata.Entry
	for rows.Next() {
		e, err := scanEntry(rows)
		if err != nil {
			return nil, err
		}
		out = append(out, e)
	}
	return out, rows.Err()
}

// attachDistributions reads the distributions of the datasets that cond
// (on distributions, with args) selects and gives each entry of es its
// own, in position order.
func (db *DB) attachDistributions(ctx context.Context, es []opendata.Entry, cond string, args ...any) error {
	if len(es) == 0 {
		return nil
	}
	rows, err := db.query(ctx, `SELECT `+distributionColumns+` FROM distributions WHERE `+cond+
		` ORDER BY dataset_id, position, created_at, id`, args...)
	if err != nil {
		return err
	}
	defer func() { _ = rows.Close() }()
	byID := make(map[string]int, len(es))
	for i, e := range es {
		byID[e.Dataset.ID] = i
	}
	for rows.Next() {
		d, err := scanDistribution(rows)
		if err != nil {
			return err
		}
		if i, ok := byID[d.DatasetID]; ok {
			es[i].Distributions = append(es[i].Distributions, d)
		}
	}
	return rows.Err()
}

// nonNil returns b, or an empty slice for nil (which drivers send as NULL).
func nonNil(b []byte) []byte {
	if b == nil {
		return []byte{}
	}
	return b
}
