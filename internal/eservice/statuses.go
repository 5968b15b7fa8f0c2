package eservice

import "slices"

// Status returns the status with id, and false when the list has none.
func (s Spec) Status(id string) (Status, bool) {
	for _, st := range s.Statuses {
		if st.ID == id {
			return st, true
		}
	}
	return Status{}, false
}

// Received returns the status errands start in: the first status of kind
// received, or, in an unvalidated list without one, the first status, or
// the zero Status for an empty list.
func (s Spec) Received() Status {
	for _, st := range s.Statuses {
		if st.Kind == KindReceived {
			return st
		}
	}
	if len(s.Statuses) > 0 {
		return s.Statuses[0]
	}
	return Status{}
}

// CanMove reports whether an errand may go from status from to status to:
// both exist, they differ, and to is among from's Next statuses.
func (s Spec) CanMove(from, to string) bool {
	if from == to {
		return false
	}
	f, ok := s.Status(from)
	if !ok {
		return false
	}
	if _, ok := s.Status(to); !ok {
		return false
	}
	return slices.Contains(f.Next, to)
}
