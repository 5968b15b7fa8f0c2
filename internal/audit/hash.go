package audit

import (
	"crypto/sha256"
	"encoding/hex"
	"strconv"
	"strings"
	"time"
)

// GenesisHash is the PrevHash of the first entry: 64 zeros.
var GenesisHash = strings.Repeat("0", 64)

// canonicalVersion starts every serialization, so that a later format can
// never produce the same bytes as this one.
const canonicalVersion = "sprang-audit-v1"

// Canonical returns the bytes that Hash hashes: the format version, then
// every field of e except Hash, in a fixed order, each written as a
// netstring ("<length>:<bytes>,"), so that no two distinct entries give the
// same bytes whatever their fields contain. Ids are decimal; At is written
// in UTC as RFC 3339 with nanoseconds after truncating to microseconds (the
// precision both database engines keep).
func Canonical(e Entry) []byte {
	fields := [...]string{
		canonicalVersion,
		strconv.FormatInt(e.ID, 10),
		CanonicalTime(e.At).Format(time.RFC3339Nano),
		string(e.ActorKind),
		strconv.FormatInt(e.ActorID, 10),
		e.ActorName,
		string(e.Action),
		e.ObjectType,
		e.ObjectID,
		strconv.FormatInt(e.ResidentID, 10),
		e.Reason,
		e.Detail,
		e.PrevHash,
	}
	n := 0
	for _, s := range fields {
		n += len(s) + 12
	}
	b := make([]byte, 0, n)
	for _, s := range fields {
		b = strconv.AppendInt(b, int64(len(s)), 10)
		b = append(b, ':')
		b = append(b, s...)
		b = append(b, ',')
	}
	return b
}

// CanonicalTime returns t as the chain stores it: UTC, truncated to
// microseconds, without a monotonic clock reading.
func CanonicalTime(t time.Time) time.Time {
	return t.UTC().Truncate(time.Microsecond).Round(0)
}

// Hash returns the lowercase hex SHA-256 of the canonical serialization of e
// with its PrevHash set to prev. It cannot fail.
func Hash(prev string, e Entry) string {
	e.PrevHash = prev
	sum := sha256.Sum256(Canonical(e))
	return hex.EncodeToString(sum[:])
}

// Seal returns e as the next entry after the one with id prevID and hash
// prev: its ID is prevID+1, At is made canonical, and PrevHash and Hash are
// filled in. Use prevID 0 and GenesisHash for the first entry.
func Seal(prevID int64, prev string, e Entry) Entry {
	e.ID = prevID + 1
	e.At = CanonicalTime(e.At)
	e.PrevHash = prev
	e.Hash = Hash(prev, e)
	return e
}
