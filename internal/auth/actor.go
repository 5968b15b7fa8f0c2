package auth

import (
	"context"
	"fmt"

	"sprang/internal/audit"
)

// Actor is who performs an audited change: a staff user (by id and
// username), a resident (by id), or the system (Name says which part, e.g.
// "cli").
type Actor struct {
	Kind audit.ActorKind
	ID   int64
	Name string
}

// StaffActor returns the actor for the staff user with id and username.
func StaffActor(id int64, username string) Actor {
	return Actor{Kind: audit.Staff, ID: id, Name: username}
}

// SystemActor returns the actor for a part of the platform acting on its
// own, such as the command line ("cli") or the demo seed ("demo").
func SystemActor(name string) Actor { return Actor{Kind: audit.System, Name: name} }

// audit appends e with a as its actor.
func (s *Service) audit(ctx context.Context, a Actor, e audit.Entry) error {
	e.ActorKind, e.ActorID, e.ActorName = a.Kind, a.ID, a.Name
	if _, err := s.db.AppendAudit(ctx, e); err != nil {
		return fmt.Errorf("audit %s: %w", e.Action, err)
	}
	return nil
}
