package web

import (
	"net/http"
	"strconv"
	"sync"
	"time"
)

// publicPageTTL is how long a rendered public page is served from memory.
// Pages whose content changes (later: most used e-services, news) are at
// most this much behind, unless a change clears the cache (reset).
const publicPageTTL = time.Minute

// pageCache holds the rendered bytes of public pages — pages that are the
// same for every anonymous visitor in a language, such as the home page —
// so the busiest pages do not run their templates on every request. It is
// keyed by page, language and path, which fixed routes keep to a handful of
// entries.
//
// A change that a cached page shows clears the whole cache (reset): the
// open data portal's pages list datasets, and a dataset that goes back to
// draft or is withdrawn must leave them at once, not a minute later. The
// generation counter keeps a page rendered before a reset, from data read
// before the change, from being stored after it.
type pageCache struct {
	mu      sync.RWMutex
	entries map[string]cachedPage
	gen     uint64 // incremented by every reset
	now     func() time.Time
}

type cachedPage struct {
	body []byte // as sent
	gz   bool   // body is gzip-compressed
	at   time.Time
}

func newPageCache() *pageCache {
	return &pageCache{entries: map[string]cachedPage{}, now: time.Now}
}

func (c *pageCache) get(key string) (cachedPage, bool) {
	c.mu.RLock()
	e, ok := c.entries[key]
	c.mu.RUnlock()
	if !ok || c.now().Sub(e.at) > publicPageTTL {
		return cachedPage{}, false
	}
	return e, true
}

// put stores a rendered page at the current generation.
func (c *pageCache) put(key string, body []byte, gz bool) {
	c.mu.Lock()
	c.entries[key] = cachedPage{body: body, gz: gz, at: c.now()}
	c.mu.Unlock()
}

// generation returns the cache's generation, to be read before the data
// of a page is read and passed to putAt when it is stored.
func (c *pageCache) generation() uint64 {
	c.mu.RLock()
	defer c.mu.RUnlock()
	return c.gen
}

// putAt stores a rendered page unless the cache was reset since gen (its
// generation when the page's data was read): such a page may show what
// the reset was for.
func (c *pageCache) putAt(gen uint64, key string, body []byte, gz bool) {
	c.mu.Lock()
	if c.gen == gen {
		c.entries[key] = cachedPage{body: body, gz: gz, at: c.now()}
	}
	c.mu.Unlock()
}

// reset forgets every cached page; the next request of each renders it
// again. It is called after every change of what public pages show that
// cannot wait for publicPageTTL: a dataset's or resource's change on the
// stewards' pages (stewardAudit) or through the API (ckan.Deps.OnChange).
// Changes that may wait are not reported: the end of a datastore load
// (the dataset's page offers the table's downloads up to a minute late),
// and the datasets package platformdata writes once a day straight to
// the store, where a minute's delay before a new version of a generated
// dataset shows is of no consequence.
func (c *pageCache) reset() {
	c.mu.Lock()
	c.gen++
	clear(c.entries)
	c.mu.Unlock()
}

// renderPublic renders a public page. For anonymous requests without a
// query string the bytes come from the page cache when fresh; fill sets
// the view's title and data and runs only when the page is rendered. Pages
// for logged-in people, which show who is logged in, are always rendered.
func (s *Server) renderPublic(w http.ResponseWriter, r *http.Request, page string, fill func(v *view)) {
	s.renderCached(w, r, page, s.view(r), func(v *view) error { fill(v); return nil }, s.fail)
}

// renderCached renders page with v, from the page cache for anonymous
// requests without a query string (see renderPublic). fill runs only when
// the page is rendered; its error goes to fail and is never cached, and
// errors fill puts in v.Errors make the page a 422.
func (s *Server) renderCached(w http.ResponseWriter, r *http.Request, page string, v *view,
	fill func(v *view) error, fail func(http.ResponseWriter, *http.Request, error)) {
	if v.Session != nil || r.URL.RawQuery != "" {
		if err := fill(v); err != nil {
			fail(w, r, err)
			return
		}
		status := http.StatusOK
		if len(v.Errors) > 0 { // a parameter that does not fit: the page says which
			status = http.StatusUnprocessableEntity
		}
		s.renderStatus(w, r, status, page, v)
		return
	}
	key := page + "\x00" + string(v.Lang) + "\x00" + r.URL.Path + "\x00" + strconv.FormatBool(acceptsGzip(r))
	if p, ok := s.pages.get(key); ok { // cached as sent: compressed for gzip clients
		writeEncoded(w, http.StatusOK, v.Lang, p.body, p.gz)
		return
	}
	gen := s.pages.generation() // before fill reads what the page shows
	if err := fill(v); err != nil {
		fail(w, r, err)
		return
	}
	body, err := s.execute(page, v)
	if err != nil {
		s.renderStatus(w, r, http.StatusOK, page, v) // renders the error page and logs
		return
	}
	enc, compressed := encodePage(r, body)
	s.pages.putAt(gen, key, enc, compressed)
	writeEncoded(w, http.StatusOK, v.Lang, enc, compressed)
}
