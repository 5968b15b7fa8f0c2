package web

import "testing"

// TestPageCacheReset checks that reset forgets every page, and that a
// page whose data was read before a reset is not stored after it.
func TestPageCacheReset(t *testing.T) {
	t.Parallel()
	c := newPageCache()
	c.put("/data", []byte("a"), false)
	stale := c.generation() // a render that reads its data now…
	c.reset()               // …while a dataset is withdrawn
	if _, ok := c.get("/data"); ok {
		t.Error("a page is served after reset")
	}
	c.putAt(stale, "/data", []byte("old"), false)
	if p, ok := c.get("/data"); ok {
		t.Errorf("a page rendered before the reset was stored after it: %q", p.body)
	}
	c.putAt(c.generation(), "/data", []byte("new"), false)
	if p, ok := c.get("/data"); !ok || string(p.body) != "new" {
		t.Errorf("a page rendered after the reset: %+v, %v", p, ok)
	}
}
