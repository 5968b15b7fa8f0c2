package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strconv"

	"sprang"
	"sprang/internal/followup"
)

// InitiativeProduct is an e-service or a dataset an initiative produced,
// as its page links to it: by slug, with its title, and whether it is
// published (a public page exists: /e-tjanster/{slug} or /data/{slug}).
type InitiativeProduct struct {
	ID        string // the e-service's id in decimal, or the dataset's UUID
	Slug      string
	TitleSV   string
	TitleEN   string
	Published bool
}

// writeInitiativeLinksTx replaces the e-services and datasets ini
// produced, after checking that each exists (Invalid on field "services"
// or "datasets" otherwise).
func (db *DB) writeInitiativeLinksTx(ctx context.Context, tx *sql.Tx, ini followup.Initiative) error {
	for _, id := range ini.ServiceIDs {
		if !db.iniExistsTx(ctx, tx, `SELECT 1 FROM eservices WHERE id = ?`, id) {
			return sprang.FieldErrors(map[string]string{"services": MsgInitiativeServiceUnknown})
		}
	}
	for _, id := range ini.DatasetIDs {
		if !db.iniExistsTx(ctx, tx, `SELECT 1 FROM datasets WHERE id = ?`, id) {
			return sprang.FieldErrors(map[string]string{"datasets": MsgInitiativeDatasetUnknown})
		}
	}
	if err := db.iniReplaceListTx(ctx, tx, "initiative_services", "service_id", ini.ID, int64Args(ini.ServiceIDs)); err != nil {
		return err
	}
	return db.iniReplaceListTx(ctx, tx, "initiative_datasets", "dataset_id", ini.ID, iniStringArgs(ini.DatasetIDs))
}

// iniExistsTx reports whether query (with arg) finds a row.
func (db *DB) iniExistsTx(ctx context.Context, tx *sql.Tx, query string, arg any) bool {
	var one int
	return tx.QueryRowContext(ctx, db.rebind(query), arg).Scan(&one) == nil
}

// InitiativeLinkIDs returns the ids of the e-services and datasets with
// the given slugs, in the same order. A slug that names none is an
// Invalid error on field "services" or "datasets" whose message key is
// MsgInitiativeServiceUnknown or MsgInitiativeDatasetUnknown and whose
// Cause names the slug.
func (db *DB) InitiativeLinkIDs(ctx context.Context, serviceSlugs, datasetSlugs []string) ([]int64, []string, error) {
	var services []int64
	for _, slug := range serviceSlugs {
		var id int64
		err := db.queryRow(ctx, `SELECT id FROM eservices WHERE slug = ?`, slug).Scan(&id)
		if err != nil {
			return nil, nil, iniLinkError(err, "services", MsgInitiativeServiceUnknown, slug)
		}
		services = append(services, id)
	}
	var datasets []string
	for _, slug := range datasetSlugs {
		var id string
		err := db.queryRow(ctx, `SELECT id FROM datasets WHERE slug = ?`, slug).Scan(&id)
		if err != nil {
			return nil, nil, iniLinkError(err, "datasets", MsgInitiativeDatasetUnknown, slug)
		}
		datasets = append(datasets, id)
	}
	return services, datasets, nil
}

// iniLinkError turns a slug not found into Invalid on field with key msg.
func iniLinkError(err error, field, msg, slug string) error {
	if errors.Is(err, sql.ErrNoRows) {
		return &sprang.Error{Kind: sprang.Invalid, Message: msg, Fields: map[string]string{field: msg},
			Cause: fmt.Errorf("no such slug %q", slug)}
	}
	return fmt.Errorf("find %s %q: %w", field, slug, err)
}

// InitiativeProducts returns the e-services and the datasets ini
// produced, each in the order of their ids.
func (db *DB) InitiativeProducts(ctx context.Context, ini followup.Initiative) (services, datasets []InitiativeProduct, err error) {
	for _, id := range ini.ServiceIDs {
		p := InitiativeProduct{ID: strconv.FormatInt(id, 10)}
		err := db.queryRow(ctx, `SELECT slug, title_sv, title_en, published_version > 0 FROM eservices WHERE id = ?`, id).
			Scan(&p.Slug, &p.TitleSV, &p.TitleEN, &p.Published)
		if err != nil {
			return nil, nil, notFound(err, "e-service")
		}
		services = append(services, p)
	}
	for _, id := range ini.DatasetIDs {
		p := InitiativeProduct{ID: id}
		err := db.queryRow(ctx, `SELECT slug, title_sv, title_en, state = 'published' FROM datasets WHERE id = ?`, id).
			Scan(&p.Slug, &p.TitleSV, &p.TitleEN, &p.Published)
		if err != nil {
			return nil, nil, notFound(err, "dataset")
		}
		datasets = append(datasets, p)
	}
	return services, datasets, nil
}
