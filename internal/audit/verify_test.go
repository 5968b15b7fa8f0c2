package audit_test

import (
	"errors"
	"iter"
	"slices"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"sprang/internal/audit"
)

// chain returns n correctly sealed entries.
func chain(n int) []audit.Entry {
	out := make([]audit.Entry, 0, n)
	prev := audit.Head{Hash: audit.GenesisHash}
	for i := range n {
		e := audit.Seal(prev.ID, prev.Hash, audit.Entry{
			At: t0.Add(time.Duration(i) * time.Second), ActorKind: audit.System, Action: audit.ConfigChanged,
		})
		out = append(out, e)
		prev = audit.Head{ID: e.ID, Hash: e.Hash}
	}
	return out
}

func headOf(es []audit.Entry) audit.Head {
	last := es[len(es)-1]
	return audit.Head{ID: last.ID, Hash: last.Hash}
}

func entries(es []audit.Entry) iter.Seq2[audit.Entry, error] {
	return func(yield func(audit.Entry, error) bool) {
		for _, e := range es {
			if !yield(e, nil) {
				return
			}
		}
	}
}

func TestVerify(t *testing.T) {
	t.Parallel()
	full := chain(6)
	tests := []struct {
		name   string
		tamper func([]audit.Entry) ([]audit.Entry, audit.Head)
		want   []audit.Break
	}{
		{"intact", func(es []audit.Entry) ([]audit.Entry, audit.Head) { return es, headOf(es) }, nil},
		{"empty", func([]audit.Entry) ([]audit.Entry, audit.Head) { return nil, audit.Head{} }, nil},
		{"intact without head", func(es []audit.Entry) ([]audit.Entry, audit.Head) { return es, audit.Head{} }, nil},
		{"appended after head was read", func(es []audit.Entry) ([]audit.Entry, audit.Head) { return es, headOf(es[:4]) }, nil},
		{"edited", func(es []audit.Entry) ([]audit.Entry, audit.Head) {
			es[2].Detail = "changed"
			return es, headOf(es)
		}, []audit.Break{{ID: 3, Problem: audit.Edited}}},
		{"edited and rehashed", func(es []audit.Entry) ([]audit.Entry, audit.Head) {
			es[2].Detail = "changed"
			es[2].Hash = audit.Hash(es[2].PrevHash, es[2])
			return es, headOf(es)
		}, []audit.Break{{ID: 4, Problem: audit.Unlinked}}},
		{"middle deleted", func(es []audit.Entry) ([]audit.Entry, audit.Head) {
			return slices.Delete(es, 2, 3), headOf(es)
		}, []audit.Break{{ID: 4, Problem: audit.Unlinked}}},
		{"first deleted", func(es []audit.Entry) ([]audit.Entry, audit.Head) {
			return es[1:], headOf(es)
		}, []audit.Break{{ID: 2, Problem: audit.Unlinked}}},
		{"reordered", func(es []audit.Entry) ([]audit.Entry, audit.Head) {
			es[1].ID, es[2].ID = es[2].ID, es[1].ID
			es[1], es[2] = es[2], es[1]
			return es, headOf(es)
		}, []audit.Break{{ID: 2, Problem: audit.Edited}, {ID: 2, Problem: audit.Unlinked},
			{ID: 3, Problem: audit.Edited}, {ID: 3, Problem: audit.Unlinked}, {ID: 4, Problem: audit.Unlinked}}},
		{"id renumbered", func(es []audit.Entry) ([]audit.Entry, audit.Head) {
			es[5].ID = 9
			es[5].Hash = audit.Hash(es[5].PrevHash, es[5])
			return es, headOf(es)
		}, []audit.Break{{ID: 9, Problem: audit.Gap}}},
		{"tail deleted", func(es []audit.Entry) ([]audit.Entry, audit.Head) {
			return es[:4], headOf(es)
		}, []audit.Break{{ID: 6, Problem: audit.Truncated}}},
		{"all deleted", func(es []audit.Entry) ([]audit.Entry, audit.Head) {
			return nil, headOf(es)
		}, []audit.Break{{ID: 6, Problem: audit.Truncated}}},
		{"head differs", func(es []audit.Entry) ([]audit.Entry, audit.Head) {
			return es, audit.Head{ID: 6, Hash: audit.GenesisHash}
		}, []audit.Break{{ID: 6, Problem: audit.HeadMismatch}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			es, head := tt.tamper(slices.Clone(full))
			r, err := audit.Verify(entries(es), head)
			if err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(tt.want, r.Breaks); diff != "" {
				t.Errorf("breaks (-want +got):\n%s", diff)
			}
			if r.OK() != (tt.want == nil) || r.Entries != int64(len(es)) {
				t.Errorf("OK = %v, Entries = %d", r.OK(), r.Entries)
			}
			if first, ok := r.First(); ok && first.String() == "" {
				t.Error("empty break description")
			}
		})
	}
}

func TestVerifyIterationError(t *testing.T) {
	t.Parallel()
	boom := errors.New("boom")
	es := chain(2)
	seq := func(yield func(audit.Entry, error) bool) {
		if yield(es[0], nil) {
			yield(audit.Entry{}, boom)
		}
	}
	r, err := audit.Verify(seq, audit.Head{})
	if !errors.Is(err, boom) || r.Entries != 1 {
		t.Fatalf("Verify = %+v, %v; want 1 entry and boom", r, err)
	}
}

func TestVerifyCapsBreaks(t *testing.T) {
	t.Parallel()
	es := chain(audit.MaxBreaks + 10)
	for i := range es {
		es[i].Detail = "x"
	}
	r, _ := audit.Verify(entries(es), audit.Head{})
	if len(r.Breaks) != audit.MaxBreaks || r.MoreBreaks != 10 {
		t.Fatalf("breaks = %d, more = %d", len(r.Breaks), r.MoreBreaks)
	}
}
