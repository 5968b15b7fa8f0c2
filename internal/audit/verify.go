package audit

import (
	"fmt"
)

// Problem says how the chain is broken at a Break.
type Problem string

// The problems Verify reports. Their values double as message keys.
const (
	// Edited: the entry's contents do not match its hash.
	Edited Problem = "audit.break.edited"
	// Unlinked: the entry's PrevHash is not the hash of the entry before
	// it, so an entry before it was deleted, replaced or moved.
	Unlinked Problem = "audit.break.unlinked"
	// Gap: ids are not consecutive, so an entry before it was deleted.
	Gap Problem = "audit.break.gap"
	// Truncated: the chain ends before the recorded head, so entries at
	// the tail were deleted.
	Truncated Problem = "audit.break.truncated"
	// HeadMismatch: the entry at the recorded head has another hash, so
	// the chain was rewritten from there or before.
	HeadMismatch Problem = "audit.break.head_mismatch"
)

// MaxBreaks is the most breaks a Report lists; Verify still walks the
// whole chain and counts the rest in Report.MoreBreaks.
const MaxBreaks = 100

// Break is one place where the chain is broken.
type Break struct {
	ID      int64   // the entry where the break shows
	Problem Problem // how it is broken
}

// String describes the break in English, for the command line and logs.
func (b Break) String() string {
	switch b.Problem {
	case Edited:
		return fmt.Sprintf("entry %d: contents do not match its hash (edited)", b.ID)
	case Unlinked:
		return fmt.Sprintf("entry %d: does not link to the entry before it (an entry was deleted, replaced or moved)", b.ID)
	case Gap:
		return fmt.Sprintf("entry %d: ids are not consecutive (an entry before it was deleted)", b.ID)
	case Truncated:
		return fmt.Sprintf("entry %d: the log ends before the recorded head (entries at the end were deleted)", b.ID)
	case HeadMismatch:
		return fmt.Sprintf("entry %d: hash differs from the recorded head (the log was rewritten)", b.ID)
	}
	return fmt.Sprintf("entry %d: %s", b.ID, b.Problem)
}

// Head is the last entry as recorded on every append, apart from the chain
// itself, so that deleting entries at the tail is detected. The zero Head
// means that no head was recorded and checks nothing.
type Head struct {
	ID   int64
	Hash string
}

// Report is the outcome of Verify.
type Report struct {
	Entries    int64   // how many entries were read
	Last       Head    // the last entry read; zero for an empty log
	Breaks     []Break // the first MaxBreaks breaks, in id order
	MoreBreaks int64   // breaks found beyond MaxBreaks
}

// OK reports whether the chain is intact.
func (r Report) OK() bool { return len(r.Breaks) == 0 }

// First returns the first break and true, or a zero Break and false when
// the chain is intact.
func (r Report) First() (Break, bool) {
	if len(r.Breaks) == 0 {
		return Break{}, false
	}
	return r.Breaks[0], true
}

func (r *Report) add(id int64, p Problem) {
	if len(r.Breaks) >= MaxBreaks {
		r.MoreBreaks++
		return
	}
	r.Breaks = append(r.Breaks, Break{ID: id, Problem: p})
}
