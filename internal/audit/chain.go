package audit

import (
	"fmt"
	"iter"
)

// Verify walks entries, which must come in ascending id order, and reports
// every broken link: an entry whose contents do not match its hash (edited),
// whose PrevHash is not the previous entry's hash (an entry deleted,
// replaced or reordered), or whose id does not follow the previous one (a
// gap). The first entry must link to GenesisHash. After a break the walk
// continues from the stored hash, so one tampered row yields one break.
// Memory use does not grow with the chain.
//
// A hash chain alone cannot tell a log whose last entries were deleted from
// a shorter log. head, recorded by the store on every append, closes that
// gap: when the chain ends before head.ID it reports Truncated, and when the
// entry at head.ID has another hash, HeadMismatch. The chain may extend
// beyond head (entries appended after head was read). Someone able to
// rewrite both the chain and the head is detected only by comparing with a
// head kept outside the database.
//
// Verify returns the error of the iteration, if any, wrapped, with the
// report so far.
func Verify(entries iter.Seq2[Entry, error], head Head) (Report, error) {
	var r Report
	prev := Head{Hash: GenesisHash}
	for e, err := range entries {
		if err != nil {
			return r, fmt.Errorf("verify audit chain after entry %d: %w", prev.ID, err)
		}
		r.Entries++
		check(&r, prev, e)
		if e.ID == head.ID && head.ID != 0 && e.Hash != head.Hash {
			r.add(e.ID, HeadMismatch)
		}
		prev = Head{ID: e.ID, Hash: e.Hash}
	}
	r.Last = prev
	if r.Last.Hash == GenesisHash {
		r.Last.Hash = ""
	}
	if head.ID > r.Last.ID {
		r.add(head.ID, Truncated)
	}
	return r, nil
}

// check adds to r the breaks between prev and e.
func check(r *Report, prev Head, e Entry) {
	if Hash(e.PrevHash, e) != e.Hash {
		r.add(e.ID, Edited)
	}
	switch {
	case e.PrevHash != prev.Hash:
		r.add(e.ID, Unlinked)
	case e.ID != prev.ID+1:
		r.add(e.ID, Gap)
	}
}
