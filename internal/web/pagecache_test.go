package web

import (
	"testing"
	"time"
)

func TestPageCacheExpires(t *testing.T) {
	t.Parallel()
	c := newPageCache()
	now := time.Date(2026, 11, 25, 12, 0, 0, 0, time.UTC)
	c.now = func() time.Time { return now }
	c.put("home", []byte("a"), true)
	if p, ok := c.get("home"); !ok || string(p.body) != "a" || !p.gz {
		t.Fatalf("fresh entry: %+v, %v", p, ok)
	}
	if _, ok := c.get("other"); ok {
		t.Error("unknown key found")
	}
	now = now.Add(publicPageTTL + time.Second)
	if _, ok := c.get("home"); ok {
		t.Error("entry older than the TTL is still served")
	}
}
