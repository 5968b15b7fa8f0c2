package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"
	"time"
	"unicode/utf8"

	"sprang"
	"sprang/internal/identity"
	"sprang/internal/secret"
)

// APITokenPrefix starts every API token, so a leaked one is easy to
// recognize (and for secret scanners to find).
const APITokenPrefix = "sprang_"

// apiTokenTouchEvery limits how often a token's last use is written: at
// most once a minute, so busy API clients do not turn reads into writes.
const apiTokenTouchEvery = time.Minute

// CreateAPIToken makes a new API token named name for the user with
// userID and returns the token in clear — the only time it exists outside
// the client — with its description. Only its hash is stored. It returns
// Invalid for an empty or over-long name and NotFound for an unknown user.
func (db *DB) CreateAPIToken(ctx context.Context, userID int64, name string) (string, identity.APIToken, error) {
	name = strings.TrimSpace(name)
	if msg := apiTokenNameError(name); msg != "" {
		return "", identity.APIToken{}, &sprang.Error{Kind: sprang.Invalid, Message: msg, Fields: map[string]string{"name": msg}}
	}
	token := APITokenPrefix + secret.Token()
	t := identity.APIToken{UserID: userID, Name: name, CreatedAt: db.Now().Truncate(time.Microsecond)}
	err := db.tx(ctx, func(tx *sql.Tx) error {
		return tx.QueryRowContext(ctx, db.rebind(`INSERT INTO api_tokens (user_id, name, token_hash, created_at)
			VALUES (?, ?, ?, ?) RETURNING id`), userID, name, secret.HashToken(token), t.CreatedAt).Scan(&t.ID)
	})
	if isForeignKeyViolation(err) {
		err = &sprang.Error{Kind: sprang.NotFound, Message: "user not found", Cause: err}
	}
	if err != nil {
		return "", identity.APIToken{}, fmt.Errorf("create api token for user %d: %w", userID, err)
	}
	return token, t, nil
}

// apiTokenNameError returns the message key of what is wrong with a token
// name, or "".
func apiTokenNameError(name string) string {
	switch {
	case name == "":
		return identity.MsgRequired
	case utf8.RuneCountInString(name) > 100:
		return identity.MsgTooLong
	}
	return ""
}

// FindUserByAPIToken returns the user (with grants) owning the live token
// whose secret.HashToken is tokenHash, and notes the token's use. It
// returns Unauthenticated for an unknown or revoked token or a disabled
// user, without saying which.
func (db *DB) FindUserByAPIToken(ctx context.Context, tokenHash string) (identity.User, error) {
	use, err := db.FindAPITokenUse(ctx, tokenHash)
	return use.User, err
}

// FindAPITokenUse returns what the live token whose secret.HashToken is
// tokenHash grants — its user (with grants), its id and its own limits —
// and notes the token's use. It returns Unauthenticated for an unknown or
// revoked token or a disabled user, without saying which.
func (db *DB) FindAPITokenUse(ctx context.Context, tokenHash string) (APITokenUse, error) {
	var use APITokenUse
	var userID int64
	var perMinute, perDay sql.NullInt64
	err := db.queryRow(ctx, `SELECT t.id, t.user_id, t.per_minute, t.per_day FROM api_tokens t JOIN users u ON u.id = t.user_id
		WHERE t.token_hash = ? AND t.revoked_at IS NULL AND NOT u.disabled`, tokenHash).Scan(&use.TokenID, &userID, &perMinute, &perDay)
	if err != nil {
		if errors.Is(err, sql.ErrNoRows) {
			return APITokenUse{}, sprang.Errorf(sprang.Unauthenticated, "invalid api token")
		}
		return APITokenUse{}, fmt.Errorf("find api token: %w", err)
	}
	use.Limits = limitsOf(perMinute, perDay)
	now := db.Now()
	if _, err := db.exec(ctx, `UPDATE api_tokens SET last_used_at = ?
		WHERE id = ? AND (last_used_at IS NULL OR last_used_at < ?)`, now, use.TokenID, now.Add(-apiTokenTouchEvery)); err != nil {
		return APITokenUse{}, fmt.Errorf("touch api token %d: %w", use.TokenID, err)
	}
	if use.User, err = db.FindUserByID(ctx, userID); err != nil {
		return APITokenUse{}, err
	}
	return use, nil
}

// FindAPITokens returns the tokens of the user with userID, revoked ones
// included, newest first.
func (db *DB) FindAPITokens(ctx context.Context, userID int64) ([]identity.APIToken, error) {
	rows, err := db.query(ctx, `SELECT id, user_id, name, created_at, last_used_at, revoked_at
		FROM api_tokens WHERE user_id = ? ORDER BY id DESC`, userID)
	if err != nil {
		return nil, fmt.Errorf("find api tokens of user %d: %w", userID, err)
	}
	defer func() { _ = rows.Close() }()
	var out []identity.APIToken
	for rows.Next() {
		var t identity.APIToken
		var used, revoked sql.NullTime
		if err := rows.Scan(&t.ID, &t.UserID, &t.Name, &t.CreatedAt, &used, &revoked); err != nil {
			return nil, fmt.Errorf("find api tokens of user %d: %w", userID, err)
		}
		t.CreatedAt, t.LastUsedAt, t.RevokedAt = t.CreatedAt.UTC(), utcOrZero(used), utcOrZero(revoked)
		out = append(out, t)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("find api tokens of user %d: %w", userID, err)
	}
	return out, nil
}

func utcOrZero(t sql.NullTime) time.Time {
	if !t.Valid {
		return time.Time{}
	}
	return t.Time.UTC()
}

// RevokeAPIToken revokes the token with id of the user with userID, so it
// stops working at once. It returns NotFound when that user has no such
// live token.
func (db *DB) RevokeAPIToken(ctx context.Context, userID, id int64) error {
	res, err := db.exec(ctx, `UPDATE api_tokens SET revoked_at = ? WHERE id = ? AND user_id = ? AND revoked_at IS NULL`,
		db.Now(), id, userID)
	if err == nil {
		err = mustAffect(res, "api token")
	}
	if err != nil {
		return fmt.Errorf("revoke api token %d: %w", id, err)
	}
	return nil
}
