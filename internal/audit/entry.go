// Package audit is the platform's tamper-evident audit log, as a pure domain:
// what an entry is, which entries are valid, how an entry is serialized and
// hashed into a chain, and how a chain is verified. Storing and searching
// entries is the store's job; this package imports only sprang and the
// standard library.
//
// Every entry carries the SHA-256 hash of the entry before it (PrevHash) and
// its own hash over its contents and PrevHash (Hash). Editing, deleting or
// reordering a stored row therefore breaks the chain, and Verify reports
// where. A hash chain has two known limits, both documented on Verify:
// deleting entries at the tail leaves a shorter chain that is still intact
// (mitigated by a recorded head, see Head), and someone with write access to
// the database who recomputes every hash after their edit leaves an intact
// chain (detected only by comparing with a head recorded outside the
// database, for example one printed by "sprang audit verify" and kept).
package audit

import (
	"time"
)

// ActorKind says who performed an action.
type ActorKind string

// The actor kinds.
const (
	Staff     ActorKind = "staff"     // a logged-in staff user; ActorID is the user id
	Resident  ActorKind = "resident"  // a logged-in resident; ActorID is the resident id
	System    ActorKind = "system"    // the platform itself (jobs, migrations, CLI)
	Anonymous ActorKind = "anonymous" // nobody logged in (e.g. a failed login)
)

// Action names what happened, as "object.verb". Other modules may define
// their own actions; they must match the format checked by Validate.
type Action string

// The actions of the foundation.
const (
	LoginSuccess      Action = "login.success"
	LoginFailure      Action = "login.failure"
	LoginLocked       Action = "login.locked"
	Logout            Action = "logout"
	SessionRevokedAll Action = "session.revoked_all"
	TOTPEnabled       Action = "totp.enabled"
	TOTPDisabled      Action = "totp.disabled"
	UserCreated       Action = "user.created"
	UserUpdated       Action = "user.updated"
	UserDisabled      Action = "user.disabled"
	PasswordChanged   Action = "password.changed"
	RoleGranted       Action = "role.granted"
	RoleRevoked       Action = "role.revoked"
	UnitCreated       Action = "unit.created"
	UnitUpdated       Action = "unit.updated"
	ConfigChanged     Action = "config.changed"
	APITokenCreated   Action = "apitoken.created"
	APITokenRevoked   Action = "apitoken.revoked"
	PersonalDataRead  Action = "personaldata.read"
	ResidentLogin     Action = "resident.login"
	AuditSearched     Action = "audit.searched"
	AuditVerified     Action = "audit.verified"
)

// Entry is one line of the audit log. It never holds personal data in
// ActorName, Detail or Reason: a username, never a personal name, e-mail
// address or personnummer (Validate rejects text that looks like the last
// two). Whose personal data was touched is recorded by id in ResidentID.
type Entry struct {
	ID         int64     // position in the chain, 1, 2, 3, …; set by the store
	At         time.Time // when, UTC; set by the store
	ActorKind  ActorKind // who acted
	ActorID    int64     // the staff user or resident id; 0 for system and anonymous
	ActorName  string    // username at the time, for reading the log; never a personal name
	Action     Action    // what happened
	ObjectType string    // the kind of object acted on, e.g. "user", "unit", "errand"
	ObjectID   string    // its id
	ResidentID int64     // whose personal data was touched; 0 when none
	Reason     string    // why; required for PersonalDataRead
	Detail     string    // a short note without personal data
	PrevHash   string    // Hash of the entry before; GenesisHash for the first
	Hash       string    // Hash(PrevHash, this entry)
}
