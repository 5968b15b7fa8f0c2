package web

import (
	"sprang/internal/followup"
	"sprang/internal/identity"
)

// followupEngine returns the follow-up's engine over the organization t:
// the store's sources (s.follow) and the store's clock.
func (s *Server) followupEngine(t *identity.Tree) followup.Engine {
	return followup.Engine{Sources: s.follow, Tree: t, Now: s.db.Now}
}

// thisYear returns the current year in Swedish time by the store's clock.
func (s *Server) thisYear() int { return s.db.Now().In(followup.Location()).Year() }
