package store

import (
	"cmp"
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"slices"
	"strings"
	"time"

	"golang.org/x/text/collate"
	"golang.org/x/text/language"

	"sprang"
	"sprang/internal/eservice"
)

// Service is an e-service with the state of its versions.
type Service struct {
	ID        int64
	Slug      string
	UnitID    int64
	Published int           // the version residents use; 0 before the first publication
	Draft     int           // the open draft's version; 0 when there is none
	Spec      eservice.Spec // the published spec, or the draft's when never published
	UpdatedAt time.Time
}

// VersionInfo describes one version of a service.
type VersionInfo struct {
	Version     int
	State       string // "draft", "published" or "superseded"
	CreatedAt   time.Time
	CreatedBy   int64
	PublishedAt time.Time // zero for a draft
	PublishedBy int64
}

// The states of a service version.
const (
	VersionDraft      = "draft"
	VersionPublished  = "published"
	VersionSuperseded = "superseded"
)

// Message keys of the errors the service methods return; the web layer
// translates them (internal/i18n/locales/eservice-store.*.json).
const (
	MsgServiceSlugTaken    = "eservice.store.slug_taken"    // another service has the slug
	MsgServiceSlugRequired = "eservice.store.slug_required" // a service needs a slug
	MsgServiceUnitRequired = "eservice.store.unit_required" // a service needs an existing owning unit
	MsgServiceNoDraft      = "eservice.store.no_draft"      // there is no draft to publish
)

// serviceColumns and serviceFrom select a service with the spec it shows:
// its published version, or its draft while it was never published.
const (
	serviceColumns = `s.id, s.slug, s.unit_id, s.published_version, s.draft_version, s.updated_at, v.spec, v.unit_id`
	serviceFrom    = ` FROM eservices s JOIN eservice_versions v ON v.service_id = s.id
		AND v.version = CASE WHEN s.published_version > 0 THEN s.published_version ELSE s.draft_version END`
)

// scanService reads a row of serviceColumns.
func (db *DB) scanService(s scanner) (Service, error) {
	var sv Service
	var spec string
	var unit int64
	if err := s.Scan(&sv.ID, &sv.Slug, &sv.UnitID, &sv.Published, &sv.Draft, &sv.UpdatedAt, &spec, &unit); err != nil {
		return Service{}, err
	}
	sv.UpdatedAt = sv.UpdatedAt.UTC()
	var err error
	sv.Spec, err = db.decodeSpec(spec, unit)
	return sv, err
}

// encodeSpec returns the JSON stored for spec (its UnitID is not part of it).
func encodeSpec(spec eservice.Spec) (string, error) {
	b, err := json.Marshal(spec)
	if err != nil {
		return "", fmt.Errorf("encode spec: %w", err)
	}
	return string(b), nil
}

// decodeSpec reads a stored spec and sets its unit from the row.
func (db *DB) decodeSpec(s string, unitID int64) (eservice.Spec, error) {
	spec, err := db.specs.decode(s)
	if err != nil {
		return eservice.Spec{}, err
	}
	spec.UnitID = unitID
	return spec, nil
}

// catalogueArgs returns the catalogue columns of spec, in the order
// title_sv, title_en, summary_sv, summary_en, category, keywords.
func catalogueArgs(spec eservice.Spec) []any {
	return []any{spec.Title.SV, spec.Title.EN, spec.Summary.SV, spec.Summary.EN, spec.Category,
		strings.Join(spec.Keywords, " ")}
}

// checkServiceTx checks what the store itself needs of a spec: a slug and
// an existing unit. Everything else is eservice.Spec.Validate's, before
// publishing.
func (db *DB) checkServiceTx(ctx context.Context, tx *sql.Tx, spec eservice.Spec) error {
	if strings.TrimSpace(spec.Slug) == "" {
		return &sprang.Error{Kind: sprang.Invalid, Message: MsgServiceSlugRequired,
			Fields: map[string]string{"slug": MsgServiceSlugRequired}}
	}
	var n int
	if err := tx.QueryRowContext(ctx, db.rebind(`SELECT COUNT(*) FROM org_units WHERE id = ?`), spec.UnitID).Scan(&n); err != nil {
		return fmt.Errorf("check unit: %w", err)
	}
	if n == 0 {
		return &sprang.Error{Kind: sprang.Invalid, Message: MsgServiceUnitRequired,
			Fields: map[string]string{"unit": MsgServiceUnitRequired}}
	}
	return nil
}

// serviceError names the operation and turns a taken slug into Conflict.
func serviceError(op string, err error) error {
	if isUniqueViolation(err) {
		err = slugTaken(err)
	}
	return fmt.Errorf("%s: %w", op, err)
}

// slugTaken is the Conflict of a slug another service has.
func slugTaken(cause error) error {
	return &sprang.Error{Kind: sprang.Conflict, Message: MsgServiceSlugTaken,
		Fields: map[string]string{"slug": MsgServiceSlugTaken}, Cause: cause}
}

// CreateService stores a new service whose first version is a draft of
// spec (spec.UnitID set), and returns it. It returns Conflict with
// Fields["slug"] when the slug is taken, and Invalid with Fields["slug"] or
// Fields["unit"] when the spec has no slug or no existing unit.
func (db *DB) CreateService(ctx context.Context, spec eservice.Spec, by int64) (Service, error) {
	js, err := encodeSpec(spec)
	if err != nil {
		return Service{}, fmt.Errorf("create service: %w", err)
	}
	now := db.Now()
	var id int64
	err = db.tx(ctx, func(tx *sql.Tx) error {
		if err := db.checkServiceTx(ctx, tx, spec); err != nil {
			return err
		}
		args := append([]any{spec.Slug, spec.UnitID}, catalogueArgs(spec)...)
		if err := tx.QueryRowContext(ctx, db.rebind(`INSERT INTO eservices
			(slug, unit_id, draft_version, title_sv, title_en, summary_sv, summary_en, category, keywords, created_at, updated_at)
			VALUES (?, ?, 1, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id`), append(args, now, now)...).Scan(&id); err != nil {
			return err
		}
		_, err := tx.ExecContext(ctx, db.rebind(`INSERT INTO eservice_versions
			(service_id, version, state, unit_id, spec, created_at, created_by) VALUES (?, 1, 'draft', ?, ?, ?, ?)`),
			id, spec.UnitID, js, now, nullID(by))
		return err
	})
	if err != nil {
		return Service{}, serviceError("create service", err)
	}
	return db.FindService(ctx, id)
}

// lockServiceTx marks service id as changed now and returns its published
// and draft versions. The update holds the row until tx ends, so changes
// to one service are serialized on PostgreSQL too. NotFound when there is
// no such service.
func (db *DB) lockServiceTx(ctx context.Context, tx *sql.Tx, id int64) (published, draft int, err error) {
	err = tx.QueryRowContext(ctx, db.rebind(`UPDATE eservices SET updated_at = ? WHERE id = ?
		RETURNING published_version, draft_version`), db.Now(), id).Scan(&published, &draft)
	if err != nil {
		return 0, 0, notFound(err, "service")
	}
	return published, draft, nil
}

// SaveServiceDraft stores spec as the open draft of service id: it updates
// the draft when there is one and otherwise opens the next version. A
// published version is never changed. It returns the draft's version;
// NotFound for an unknown service, Conflict with Fields["slug"] when
// another service has spec's slug, Invalid like CreateService.
//
// A service that was never published takes the draft's slug, unit and
// catalogue facts at once; a published one keeps its own until the draft
// is published.
func (db *DB) SaveServiceDraft(ctx context.Context, id int64, spec eservice.Spec, by int64) (int, error) {
	js, err := encodeSpec(spec)
	if err != nil {
		return 0, fmt.Errorf("save service draft: %w", err)
	}
	var version int
	err = db.tx(ctx, func(tx *sql.Tx) error {
		published, draft, err := db.lockServiceTx(ctx, tx, id)
		if err != nil {
			return err
		}
		if err := db.checkServiceTx(ctx, tx, spec); err != nil {
			return err
		}
		if version, err = db.writeDraftVersionTx(ctx, tx, id, draft, spec.UnitID, js, by); err != nil {
			return err
		}
		if published == 0 {
			return db.setServiceFactsTx(ctx, tx, id, version, 0, spec)
		}
		return db.checkSlugFreeTx(ctx, tx, id, spec.Slug)
	})
	if err != nil {
		return 0, serviceError("save service draft", err)
	}
	return version, nil
}

// writeDraftVersionTx updates the draft version of service id, or opens
// the next version as a draft when draft is 0, and returns its number.
func (db *DB) writeDraftVersionTx(ctx context.Context, tx *sql.Tx, id int64, draft int, unitID int64, js string, by int64) (int, error) {
	if draft > 0 {
		res, err := tx.ExecContext(ctx, db.rebind(`UPDATE eservice_versions SET spec = ?, unit_id = ?
			WHERE service_id = ? AND version = ? AND state = 'draft'`), js, unitID, id, draft)
		if err != nil {
			return 0, err
		}
		return draft, mustAffect(res, "service draft")
	}
	var last int
	if err := tx.QueryRowContext(ctx, db.rebind(`SELECT COALESCE(MAX(version), 0) FROM eservice_versions WHERE service_id = ?`), id).Scan(&last); err != nil {
		return 0, err
	}
	v := last + 1
	if _, err := tx.ExecContext(ctx, db.rebind(`INSERT INTO eservice_versions
		(service_id, version, state, unit_id, spec, created_at, created_by) VALUES (?, ?, 'draft', ?, ?, ?, ?)`),
		id, v, unitID, js, db.Now(), nullID(by)); err != nil {
		return 0, err
	}
	_, err := tx.ExecContext(ctx, db.rebind(`UPDATE eservices SET draft_version = ? WHERE id = ?`), v, id)
	return v, err
}

// setServiceFactsTx sets the versions, slug, unit and catalogue columns of
// service id from spec.
func (db *DB) setServiceFactsTx(ctx context.Context, tx *sql.Tx, id int64, draft, published int, spec eservice.Spec) error {
	args := append([]any{draft, published, spec.Slug, spec.UnitID}, catalogueArgs(spec)...)
	_, err := tx.ExecContext(ctx, db.rebind(`UPDATE eservices SET draft_version = ?, published_version = ?, slug = ?, unit_id = ?,
		title_sv = ?, title_en = ?, summary_sv = ?, summary_en = ?, category = ?, keywords = ? WHERE id = ?`),
		append(args, id)...)
	return err
}

// checkSlugFreeTx returns Conflict when a service other than id has slug.
func (db *DB) checkSlugFreeTx(ctx context.Context, tx *sql.Tx, id int64, slug string) error {
	var n int
	if err := tx.QueryRowContext(ctx, db.rebind(`SELECT COUNT(*) FROM eservices WHERE slug = ? AND id <> ?`), slug, id).Scan(&n); err != nil {
		return fmt.Errorf("check slug: %w", err)
	}
	if n > 0 {
		return slugTaken(nil)
	}
	return nil
}

// PublishService makes the open draft of service id the published version
// (the previous one becomes superseded) and refreshes its slug, unit,
// catalogue entry and search index, with the TxFuncs in the same
// transaction. The caller has validated the spec. It returns the published
// version; NotFound for an unknown service, Conflict when there is no
// draft, and Conflict with Fields["slug"] when another service took the
// draft's slug meanwhile.
func (db *DB) PublishService(ctx context.Context, id int64, by int64, then ...TxFunc) (int, error) {
	var version int
	err := db.tx(ctx, func(tx *sql.Tx) error {
		_, draft, err := db.lockServiceTx(ctx, tx, id)
		if err != nil {
			return err
		}
		if draft == 0 {
			return sprang.Errorf(sprang.Conflict, MsgServiceNoDraft)
		}
		spec, err := db.findVersionTx(ctx, tx, id, draft)
		if err != nil {
			return err
		}
		if err := db.publishVersionTx(ctx, tx, id, draft, by); err != nil {
			return err
		}
		if err := db.setServiceFactsTx(ctx, tx, id, 0, draft, spec); err != nil {
			return err
		}
		version = draft
		for _, fn := range then {
			if err := fn(ctx, tx); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		return 0, serviceError("publish service", err)
	}
	return version, nil
}

// publishVersionTx supersedes the published version of service id and
// publishes version v.
func (db *DB) publishVersionTx(ctx context.Context, tx *sql.Tx, id int64, v int, by int64) error {
	if _, err := tx.ExecContext(ctx, db.rebind(`UPDATE eservice_versions SET state = 'superseded'
		WHERE service_id = ? AND state = 'published'`), id); err != nil {
		return err
	}
	res, err := tx.ExecContext(ctx, db.rebind(`UPDATE eservice_versions SET state = 'published', published_at = ?, published_by = ?
		WHERE service_id = ? AND version = ? AND state = 'draft'`), db.Now(), nullID(by), id, v)
	if err != nil {
		return err
	}
	return mustAffect(res, "service draft")
}

// DiscardServiceDraft deletes the open draft of service id; a service that
// was never published is deleted with it (and its residents' drafts).
// NotFound when there is no such service or it has no draft.
func (db *DB) DiscardServiceDraft(ctx context.Context, id int64) error {
	err := db.tx(ctx, func(tx *sql.Tx) error {
		published, draft, err := db.lockServiceTx(ctx, tx, id)
		if err != nil {
			return err
		}
		if draft == 0 {
			return sprang.Errorf(sprang.NotFound, "service draft not found")
		}
		if published == 0 {
			_, err := tx.ExecContext(ctx, db.rebind(`DELETE FROM eservices WHERE id = ?`), id)
			return err
		}
		if _, err := tx.ExecContext(ctx, db.rebind(`DELETE FROM eservice_versions
			WHERE service_id = ? AND version = ? AND state = 'draft'`), id, draft); err != nil {
			return err
		}
		_, err = tx.ExecContext(ctx, db.rebind(`UPDATE eservices SET draft_version = 0 WHERE id = ?`), id)
		return err
	})
	if err != nil {
		return fmt.Errorf("discard service draft: %w", err)
	}
	return nil
}

// FindService returns service id. NotFound when there is none.
func (db *DB) FindService(ctx context.Context, id int64) (Service, error) {
	s, err := db.scanService(db.queryRow(ctx, `SELECT `+serviceColumns+serviceFrom+` WHERE s.id = ?`, id))
	if err != nil {
		return Service{}, notFound(err, "service")
	}
	return s, nil
}

// FindServiceBySlug returns the service named slug. NotFound when there is none.
func (db *DB) FindServiceBySlug(ctx context.Context, slug string) (Service, error) {
	s, err := db.scanService(db.queryRow(ctx, `SELECT `+serviceColumns+serviceFrom+` WHERE s.slug = ?`, slug))
	if err != nil {
		return Service{}, notFound(err, "service")
	}
	return s, nil
}

// FindServiceVersion returns version v of service id (spec.UnitID set).
// NotFound when there is none.
func (db *DB) FindServiceVersion(ctx context.Context, id int64, v int) (eservice.Spec, error) {
	spec, err := db.scanVersion(db.queryRow(ctx, `SELECT spec, unit_id FROM eservice_versions WHERE service_id = ? AND version = ?`, id, v))
	if err != nil {
		return eservice.Spec{}, notFound(err, "service version")
	}
	return spec, nil
}

// findVersionTx is FindServiceVersion inside tx.
func (db *DB) findVersionTx(ctx context.Context, tx *sql.Tx, id int64, v int) (eservice.Spec, error) {
	spec, err := db.scanVersion(tx.QueryRowContext(ctx, db.rebind(`SELECT spec, unit_id FROM eservice_versions
		WHERE service_id = ? AND version = ?`), id, v))
	if err != nil {
		return eservice.Spec{}, notFound(err, "service version")
	}
	return spec, nil
}

func (db *DB) scanVersion(s scanner) (eservice.Spec, error) {
	var js string
	var unit int64
	if err := s.Scan(&js, &unit); err != nil {
		return eservice.Spec{}, err
	}
	return db.decodeSpec(js, unit)
}

// ServiceVersions returns every version of service id, newest first; none
// for an unknown service.
func (db *DB) ServiceVersions(ctx context.Context, id int64) ([]VersionInfo, error) {
	rows, err := db.query(ctx, `SELECT version, state, created_at, created_by, published_at, published_by
		FROM eservice_versions WHERE service_id = ? ORDER BY version DESC`, id)
	if err != nil {
		return nil, fmt.Errorf("service versions: %w", err)
	}
	defer func() { _ = rows.Close() }()
	var out []VersionInfo
	for rows.Next() {
		var v VersionInfo
		var createdBy, publishedBy sql.NullInt64
		var publishedAt sql.NullTime
		if err := rows.Scan(&v.Version, &v.State, &v.CreatedAt, &createdBy, &publishedAt, &publishedBy); err != nil {
			return nil, fmt.Errorf("service versions: %w", err)
		}
		v.CreatedAt, v.CreatedBy, v.PublishedBy = v.CreatedAt.UTC(), createdBy.Int64, publishedBy.Int64
		if publishedAt.Valid {
			v.PublishedAt = publishedAt.Time.UTC()
		}
		out = append(out, v)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("service versions: %w", err)
	}
	return out, nil
}

// ListServices returns the services owned by any of unitIDs (all when
// unitIDs is nil, none when it is empty), drafts included, ordered by
// Swedish title.
func (db *DB) ListServices(ctx context.Context, unitIDs []int64) ([]Service, error) {
	q := `SELECT ` + serviceColumns + serviceFrom
	var args []any
	if unitIDs != nil {
		if len(unitIDs) == 0 {
			return nil, nil
		}
		q += ` WHERE s.unit_id IN (` + placeholders(len(unitIDs)) + `)`
		args = int64Args(unitIDs)
	}
	out, err := db.queryServices(ctx, q, args...)
	if err != nil {
		return nil, fmt.Errorf("list services: %w", err)
	}
	sortServices(out)
	return out, nil
}

// queryServices runs a query of serviceColumns.
func (db *DB) queryServices(ctx context.Context, q string, args ...any) ([]Service, error) {
	rows, err := db.query(ctx, q, args...)
	if err != nil {
		return nil, err
	}
	defer func() { _ = rows.Close() }()
	var out []Service
	for rows.Next() {
		s, err := db.scanService(rows)
		if err != nil {
			return nil, err
		}
		out = append(out, s)
	}
	return out, rows.Err()
}

// sortServices orders services by Swedish title (å, ä, ö after z), then id.
func sortServices(ss []Service) {
	c := collate.New(language.Swedish)
	slices.SortStableFunc(ss, func(a, b Service) int {
		if n := c.CompareString(a.Spec.Title.SV, b.Spec.Title.SV); n != 0 {
			return n
		}
		return cmp.Compare(a.ID, b.ID)
	})
}

// placeholders returns n comma-separated question marks.
func placeholders(n int) string {
	return strings.TrimSuffix(strings.Repeat("?, ", n), ", ")
}

// int64Args returns ids as query arguments.
func int64Args(ids []int64) []any {
	out := make([]any, len(ids))
	for i, id := range ids {
		out[i] = id
	}
	return out
}
