package store

import (
	"context"
	"fmt"
	"strconv"

	"sprang/internal/audit"
	"sprang/internal/identity"
)

// Reader says who reads a resident's personal data and why, for the audit
// log. ActorKind is audit.Staff (with ActorID and ActorName) or
// audit.System; Reason is required ("handläggning av ärende 2026-0042").
type Reader struct {
	ActorKind audit.ActorKind
	ActorID   int64
	ActorName string
	Reason    string
}

// ReadResident returns the resident with id, decrypted, and records the
// read in the audit log as personaldata.read with the reader and reason —
// the audit entry is written first, so no read goes unrecorded. Staff code
// reads residents only through this method; FindResidentByID is for the
// resident's own session. It returns sprang.Invalid when the reason is
// missing and NotFound for an unknown resident (the attempt is audited).
func (db *DB) ReadResident(ctx context.Context, id int64, by Reader) (identity.Resident, error) {
	_, err := db.AppendAudit(ctx, audit.Entry{
		ActorKind: by.ActorKind, ActorID: by.ActorID, ActorName: by.ActorName,
		Action: audit.PersonalDataRead, ObjectType: "resident", ObjectID: strconv.FormatInt(id, 10),
		ResidentID: id, Reason: by.Reason,
	})
	if err != nil {
		return identity.Resident{}, fmt.Errorf("read resident %d: %w", id, err)
	}
	return db.FindResidentByID(ctx, id)
}
