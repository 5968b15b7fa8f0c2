package ckan

import (
	"sync"
	"time"

	"sprang/internal/opendata"
)

// tokenTTL is how long a checked API token is believed for reads (its
// user, grants and validity); writes always check it again, so a revoked
// token stops writing at once and stops reading within tokenTTL.
const tokenTTL = 30 * time.Second

// cacheMax bounds each cache; a full cache starts over empty.
const cacheMax = 10_000

// resolveTTL is how long the facts a datastore search needs about a
// resource (its dataset's state and unit, the upload it reads) are
// remembered. Writes through this API forget them at once; changes made
// elsewhere (the steward's pages, another node) show within resolveTTL.
const resolveTTL = 5 * time.Second

// resolved is what a datastore search needs to know of a resource.
type resolved struct {
	dist   opendata.Distribution
	state  opendata.State
	unitID int64
	upload opendata.Upload
	until  time.Time
}

// resolveCache remembers resolved resources by resource id and version.
// It is safe for concurrent use.
type resolveCache struct {
	mu  sync.Mutex
	m   map[resolveKey]resolved
	now func() time.Time
}

type resolveKey struct {
	rid     string
	version int
}

func newResolveCache(now func() time.Time) *resolveCache {
	return &resolveCache{m: map[resolveKey]resolved{}, now: now}
}

func (c *resolveCache) get(rid string, version int) (resolved, bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	e, ok := c.m[resolveKey{rid, version}]
	if !ok || !c.now().Before(e.until) {
		return resolved{}, false
	}
	return e, true
}

func (c *resolveCache) put(rid string, version int, e resolved) {
	e.until = c.now().Add(resolveTTL)
	c.mu.Lock()
	defer c.mu.Unlock()
	if len(c.m) >= cacheMax {
		clear(c.m)
	}
	c.m[resolveKey{rid, version}] = e
}

// forgetResource forgets every version of resource rid.
func (c *resolveCache) forgetResource(rid string) {
	c.mu.Lock()
	defer c.mu.Unlock()
	for k := range c.m {
		if k.rid == rid {
			delete(c.m, k)
		}
	}
}

// forgetDataset forgets every resource of dataset id (its state or unit
// changed).
func (c *resolveCache) forgetDataset(id string) {
	c.mu.Lock()
	defer c.mu.Unlock()
	for k, e := range c.m {
		if e.dist.DatasetID == id {
			delete(c.m, k)
		}
	}
}
