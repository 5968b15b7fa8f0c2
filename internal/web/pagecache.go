package web

import (
	"net/http"
	"strconv"
	"sync"
	"time"
)

// publicPageTTL is how long a rendered public page is served from memory.
// Pages whose content changes (later: most used e-services, news) are at
// most this much behind.
const publicPageTTL = time.Minute

// pageCache holds the rendered bytes of public pages — pages that are the
// same for every anonymous visitor in a language, such as the home page —
// so the busiest pages do not run their templates on every request. It is
// keyed by page, language and path, which fixed routes keep to a handful of
// entries.
type pageCache struct {
	mu      sync.RWMutex
	entries map[string]cachedPage
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

func (c *pageCache) put(key string, body []byte, gz bool) {
	c.mu.Lock()
	c.entries[key] = cachedPage{body: body, gz: gz, at: c.now()}
	c.mu.Unlock()
}

// renderPublic renders a public page. For anonymous requests without a
// query string the bytes come from the page cache when fresh; fill sets
// the view's title and data and runs only when the page is rendered. Pages
// for logged-in people, which show who is logged in, are always rendered.
func (s *Server) renderPublic(w http.ResponseWriter, r *http.Request, page string, fill func(v *view)) {
	v := s.view(r)
	if v.Session != nil || r.URL.RawQuery != "" {
		fill(v)
		s.render(w, r, page, v)
		return
	}
	key := page + "\x00" + string(v.Lang) + "\x00" + r.URL.Path + "\x00" + strconv.FormatBool(acceptsGzip(r))
	if p, ok := s.pages.get(key); ok { // cached as sent: compressed for gzip clients
		writeEncoded(w, http.StatusOK, v.Lang, p.body, p.gz)
		return
	}
	fill(v)
	body, err := s.execute(page, v)
	if err != nil {
		s.renderStatus(w, r, http.StatusOK, page, v) // renders the error page and logs
		return
	}
	enc, compressed := encodePage(r, body)
	s.pages.put(key, enc, compressed)
	writeEncoded(w, http.StatusOK, v.Lang, enc, compressed)
}
