package store

import (
	"encoding/json"
	"fmt"
	"sync"

	"sprang/internal/eservice"
)

// maxDecodedSpecs bounds the spec cache; past it the cache starts over.
const maxDecodedSpecs = 256

// decodedSpecs keeps decoded specs by their stored JSON text. Every step of
// every errand reads its service's spec, and decoding the JSON was the
// largest cost of a step; keyed by the text itself the cache can never
// serve a stale spec (a draft that changes is a new key), so it needs no
// invalidation. Callers get a deep copy, free to change.
type decodedSpecs struct {
	mu    sync.RWMutex
	specs map[string]eservice.Spec
}

// decode returns the spec stored as text, decoded once per text.
func (c *decodedSpecs) decode(text string) (eservice.Spec, error) {
	c.mu.RLock()
	s, ok := c.specs[text]
	c.mu.RUnlock()
	if ok {
		return s.Clone(), nil
	}
	if err := json.Unmarshal([]byte(text), &s); err != nil {
		return eservice.Spec{}, fmt.Errorf("decode spec: %w", err)
	}
	c.mu.Lock()
	if c.specs == nil || len(c.specs) >= maxDecodedSpecs {
		c.specs = map[string]eservice.Spec{}
	}
	c.specs[text] = s
	c.mu.Unlock()
	return s.Clone(), nil
}
