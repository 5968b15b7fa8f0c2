package audit_test

import (
	"bytes"
	"testing"
	"time"

	"sprang/internal/audit"
)

var t0 = time.Date(2025, 3, 1, 9, 30, 0, 123456789, time.UTC)

func TestHash(t *testing.T) {
	t.Parallel()
	base := audit.Seal(0, audit.GenesisHash, audit.Entry{At: t0, ActorKind: audit.System, Action: audit.ConfigChanged})
	if len(base.Hash) != 64 || base.PrevHash != audit.GenesisHash || base.ID != 1 {
		t.Fatalf("Seal = %+v", base)
	}
	if got := audit.Hash(base.PrevHash, base); got != base.Hash {
		t.Fatalf("Hash not reproducible: %s != %s", got, base.Hash)
	}
	stockholm := time.FixedZone("CET", 3600)
	same := base
	same.At = base.At.In(stockholm).Add(999 * time.Nanosecond) // same UTC microsecond
	if audit.Hash(base.PrevHash, same) != base.Hash {
		t.Error("hash depends on time zone or sub-microsecond precision")
	}
	changes := map[string]func(*audit.Entry){
		"id":          func(e *audit.Entry) { e.ID = 2 },
		"at":          func(e *audit.Entry) { e.At = e.At.Add(time.Microsecond) },
		"actor kind":  func(e *audit.Entry) { e.ActorKind = audit.Anonymous },
		"actor id":    func(e *audit.Entry) { e.ActorID = 1 },
		"actor name":  func(e *audit.Entry) { e.ActorName = "x" },
		"action":      func(e *audit.Entry) { e.Action = audit.Logout },
		"object type": func(e *audit.Entry) { e.ObjectType = "x" },
		"object id":   func(e *audit.Entry) { e.ObjectID = "x" },
		"resident":    func(e *audit.Entry) { e.ResidentID = 1 },
		"reason":      func(e *audit.Entry) { e.Reason = "x" },
		"detail":      func(e *audit.Entry) { e.Detail = "x" },
	}
	for name, change := range changes {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			e := base
			change(&e)
			if audit.Hash(base.PrevHash, e) == base.Hash {
				t.Errorf("changing %s does not change the hash", name)
			}
		})
	}
	if audit.Hash("1"+audit.GenesisHash[1:], base) == base.Hash {
		t.Error("changing prev hash does not change the hash")
	}
}

func TestCanonicalSeparators(t *testing.T) {
	t.Parallel()
	a := audit.Entry{ObjectType: "a,", ObjectID: "b"}
	b := audit.Entry{ObjectType: "a", ObjectID: ",b"}
	c := audit.Entry{ObjectType: "1:a,", ObjectID: ""}
	if bytes.Equal(audit.Canonical(a), audit.Canonical(b)) || bytes.Equal(audit.Canonical(a), audit.Canonical(c)) {
		t.Fatal("fields with separators serialize ambiguously")
	}
}

// FuzzCanonical checks that distinct entries never serialize to the same
// bytes, including fields that contain the separators.
func FuzzCanonical(f *testing.F) {
	f.Add("anna", "user", "1:a,", "", "x", "anna", "user", "1", ":a,", "x", int64(1), int64(1))
	f.Add("a,", "b", "", "", "", "a", ",b", "", "", "", int64(0), int64(0))
	f.Add("", "", "", "3:abc,", "", "", "", "", "", "3:abc,", int64(10), int64(1))
	f.Fuzz(func(t *testing.T, an, at, ao, ar, ad, bn, bt, bo, br, bd string, aid, bid int64) {
		a := audit.Entry{ID: aid, At: t0, ActorName: an, ObjectType: at, ObjectID: ao, Reason: ar, Detail: ad}
		b := audit.Entry{ID: bid, At: t0, ActorName: bn, ObjectType: bt, ObjectID: bo, Reason: br, Detail: bd}
		same := a == b
		if bytes.Equal(audit.Canonical(a), audit.Canonical(b)) != same {
			t.Fatalf("Canonical equal = %v for entries equal = %v:\n%+v\n%+v", !same, same, a, b)
		}
		if (audit.Hash(audit.GenesisHash, a) == audit.Hash(audit.GenesisHash, b)) != same {
			t.Fatalf("Hash collision or mismatch for %+v, %+v", a, b)
		}
	})
}
