package ckan

import (
	"context"
	"sync"
	"time"

	"sprang/internal/secret"
	"sprang/internal/store"
)

// useCache remembers checked API tokens with their ids and own limits,
// by the tokens' hashes, never the tokens themselves, for tokenTTL: a
// revoked token stops reading, and new limits apply, within that time
// (writes check the token again). It is safe for concurrent use.
type useCache struct {
	mu  sync.Mutex
	m   map[string]useEntry
	now func() time.Time
}

type useEntry struct {
	use   store.APITokenUse
	until time.Time
}

func newUseCache(now func() time.Time) *useCache {
	return &useCache{m: map[string]useEntry{}, now: now}
}

// lookup returns what token grants, from the cache or checked by the
// auth service (Unauthenticated for a token that is not valid, which is
// not cached).
func (c *useCache) lookup(ctx context.Context, a *API, token string) (store.APITokenUse, error) {
	h := secret.HashToken(token)
	now := c.now()
	c.mu.Lock()
	e, ok := c.m[h]
	c.mu.Unlock()
	if ok && now.Before(e.until) {
		return e.use, nil
	}
	use, err := a.d.Auth.AuthenticateAPITokenUse(ctx, token)
	if err != nil {
		return store.APITokenUse{}, err
	}
	c.mu.Lock()
	if len(c.m) >= cacheMax {
		clear(c.m)
	}
	c.m[h] = useEntry{use: use, until: now.Add(tokenTTL)}
	c.mu.Unlock()
	return use, nil
}
