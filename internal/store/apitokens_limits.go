package store

import (
	"context"
	"database/sql"
	"fmt"

	"sprang"
	"sprang/internal/identity"
)

// APITokenLimits are one API token's own rate limit (calls a minute) and
// daily quota (calls a UTC day). Zero means the API's default for tokens
// (a NULL column).
type APITokenLimits struct {
	PerMinute int
	PerDay    int
}

// Custom reports whether the token has a limit of its own.
func (l APITokenLimits) Custom() bool { return l.PerMinute > 0 || l.PerDay > 0 }

// The largest limits a token may be given: far beyond what one node
// serves, so they only catch typing mistakes.
const (
	MaxAPITokenPerMinute = 1_000_000
	MaxAPITokenPerDay    = 1_000_000_000
)

// MsgAPITokenLimit is the message key of a limit that is not a whole
// number from 1 to its maximum.
const MsgAPITokenLimit = "apitokens.limit_invalid"

// APITokenUse is what a live API token grants: its user (with grants),
// the token's id and its own limits.
type APITokenUse struct {
	User    identity.User
	TokenID int64
	Limits  APITokenLimits
}

// APITokenEntry is an API token as the tokens page lists it: its
// description, its own limits, and its owner's username and name.
type APITokenEntry struct {
	identity.APIToken
	Limits    APITokenLimits
	Owner     string
	OwnerName string
}

// limitsOf reads the two nullable limit columns.
func limitsOf(perMinute, perDay sql.NullInt64) APITokenLimits {
	return APITokenLimits{PerMinute: int(perMinute.Int64), PerDay: int(perDay.Int64)}
}

// SetAPITokenLimits gives the live token with tokenID its own rate limit
// and daily quota; nil clears one, so the API's default applies again.
// It returns Invalid (fields per_minute, per_day) for a value below 1 or
// above MaxAPITokenPerMinute or MaxAPITokenPerDay, and NotFound for an
// unknown or revoked token. Who may set limits is the caller's decision.
func (db *DB) SetAPITokenLimits(ctx context.Context, tokenID int64, perMinute, perDay *int) error {
	f := map[string]string{}
	if perMinute != nil && (*perMinute < 1 || *perMinute > MaxAPITokenPerMinute) {
		f["per_minute"] = MsgAPITokenLimit
	}
	if perDay != nil && (*perDay < 1 || *perDay > MaxAPITokenPerDay) {
		f["per_day"] = MsgAPITokenLimit
	}
	if len(f) > 0 {
		return fmt.Errorf("set limits of api token %d: %w", tokenID, sprang.FieldErrors(f))
	}
	res, err := db.exec(ctx, `UPDATE api_tokens SET per_minute = ?, per_day = ? WHERE id = ? AND revoked_at IS NULL`,
		nullInt(perMinute), nullInt(perDay), tokenID)
	if err == nil {
		err = mustAffect(res, "api token")
	}
	if err != nil {
		return fmt.Errorf("set limits of api token %d: %w", tokenID, err)
	}
	return nil
}

// nullInt returns the column value of an optional int.
func nullInt(p *int) sql.NullInt64 {
	if p == nil {
		return sql.NullInt64{}
	}
	return sql.NullInt64{Int64: int64(*p), Valid: true}
}

// apiTokenEntryColumns are the columns scanEntry reads, of api_tokens t
// joined with users u.
const apiTokenEntryColumns = /* #nosec G101 -- column names, not a credential */ `t.id, t.user_id, t.name, t.created_at, t.last_used_at, t.revoked_at,
	t.per_minute, t.per_day, u.username, u.display_name`

// FindAPITokenEntries returns the tokens of the user with userID with
// their limits, revoked ones included, newest first.
func (db *DB) FindAPITokenEntries(ctx context.Context, userID int64) ([]APITokenEntry, error) {
	out, err := db.apiTokenEntries(ctx, `SELECT `+apiTokenEntryColumns+` FROM api_tokens t JOIN users u ON u.id = t.user_id
		WHERE t.user_id = ? ORDER BY t.id DESC`, userID)
	if err != nil {
		return nil, fmt.Errorf("find api tokens of user %d: %w", userID, err)
	}
	return out, nil
}

// FindLiveAPITokens returns every live token of every enabled user, with
// its limits and owner, by owner's username and then newest first: the
// list on which administrators set limits.
func (db *DB) FindLiveAPITokens(ctx context.Context) ([]APITokenEntry, error) {
	out, err := db.apiTokenEntries(ctx, `SELECT `+apiTokenEntryColumns+` FROM api_tokens t JOIN users u ON u.id = t.user_id
		WHERE t.revoked_at IS NULL AND NOT u.disabled ORDER BY u.username, t.id DESC`)
	if err != nil {
		return nil, fmt.Errorf("find live api tokens: %w", err)
	}
	return out, nil
}

// apiTokenEntries runs a query of apiTokenEntryColumns.
func (db *DB) apiTokenEntries(ctx context.Context, q string, args ...any) ([]APITokenEntry, error) {
	rows, err := db.query(ctx, q, args...)
	if err != nil {
		return nil, err
	}
	defer func() { _ = rows.Close() }()
	var out []APITokenEntry
	for rows.Next() {
		var e APITokenEntry
		var used, revoked sql.NullTime
		var perMinute, perDay sql.NullInt64
		if err := rows.Scan(&e.ID, &e.UserID, &e.Name, &e.CreatedAt, &used, &revoked,
			&perMinute, &perDay, &e.Owner, &e.OwnerName); err != nil {
			return nil, err
		}
		e.CreatedAt, e.LastUsedAt, e.RevokedAt = e.CreatedAt.UTC(), utcOrZero(used), utcOrZero(revoked)
		e.Limits = limitsOf(perMinute, perDay)
		out = append(out, e)
	}
	return out, rows.Err()
}
