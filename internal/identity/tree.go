package identity

import (
	"fmt"
	"sort"
)

// Tree is an immutable index over a set of units that answers the tree
// questions permission checks ask. A nil *Tree is an empty tree.
type Tree struct {
	units    map[int64]Unit
	children map[int64][]int64 // parent id → child ids in slug order; 0 holds the roots
}

// BuildTree indexes a flat list of units, in any order. It returns an error
// when an id repeats, a parent is missing, or the parent links form a cycle —
// all signs of corrupt data, so the error is not an Invalid one.
func BuildTree(units []Unit) (*Tree, error) {
	t := &Tree{units: make(map[int64]Unit, len(units)), children: map[int64][]int64{}}
	for _, u := range units {
		if _, dup := t.units[u.ID]; dup || u.ID == 0 {
			return nil, fmt.Errorf("build unit tree: bad or repeated unit id %d", u.ID)
		}
		t.units[u.ID] = u
	}
	for _, u := range units {
		if _, ok := t.units[u.ParentID]; u.ParentID != 0 && !ok {
			return nil, fmt.Errorf("build unit tree: unit %d has missing parent %d", u.ID, u.ParentID)
		}
		t.children[u.ParentID] = append(t.children[u.ParentID], u.ID)
	}
	for _, ids := range t.children {
		sort.Slice(ids, func(i, j int) bool { return t.units[ids[i]].Slug < t.units[ids[j]].Slug })
	}
	if n := len(t.Walk()); n != len(units) {
		return nil, fmt.Errorf("build unit tree: %d of %d units are in a parent cycle", len(units)-n, len(units))
	}
	return t, nil
}

// Unit returns the unit with id and whether it exists.
func (t *Tree) Unit(id int64) (Unit, bool) {
	if t == nil {
		return Unit{}, false
	}
	u, ok := t.units[id]
	return u, ok
}

// Len returns the number of units in the tree.
func (t *Tree) Len() int {
	if t == nil {
		return 0
	}
	return len(t.units)
}

// Roots returns the root units (normally the one group), in slug order.
func (t *Tree) Roots() []Unit { return t.Children(0) }

// IsRoot reports whether id names an existing unit without a parent.
func (t *Tree) IsRoot(id int64) bool {
	u, ok := t.Unit(id)
	return ok && u.ParentID == 0
}

// Children returns the direct children of the unit with id, in slug order;
// id 0 asks for the roots. An unknown id has no children.
func (t *Tree) Children(id int64) []Unit {
	if t == nil {
		return nil
	}
	ids := t.children[id]
	out := make([]Unit, len(ids))
	for i, c := range ids {
		out[i] = t.units[c]
	}
	return out
}

// Ancestors returns the ancestors of the unit with id, nearest first and
// the root last, without the unit itself. An unknown id has none.
func (t *Tree) Ancestors(id int64) []Unit {
	var out []Unit
	u, ok := t.Unit(id)
	for ok && u.ParentID != 0 && len(out) < t.Len() {
		u, ok = t.Unit(u.ParentID)
		out = append(out, u)
	}
	return out
}

// Within reports whether unit a lies in the subtree rooted at unit b, which
// includes a == b. It is false when either unit is unknown.
func (t *Tree) Within(a, b int64) bool {
	if _, ok := t.Unit(b); !ok {
		return false
	}
	if _, ok := t.Unit(a); !ok {
		return false
	}
	if a == b {
		return true
	}
	for _, anc := range t.Ancestors(a) {
		if anc.ID == b {
			return true
		}
	}
	return false
}

// Subtree returns the ids of the unit with id and all its descendants, in
// depth-first order; an unknown id gives nil.
func (t *Tree) Subtree(id int64) []int64 {
	if _, ok := t.Unit(id); !ok {
		return nil
	}
	var out []int64
	t.walk(id, 0, func(u Unit, _ int) { out = append(out, u.ID) })
	return out
}

// Node is a unit with its depth in the tree, for indented listings.
type Node struct {
	Unit
	Depth int // 0 for a root
}

// Walk returns every unit reachable from the roots in depth-first order,
// children in slug order, each with its depth: the order in which an
// administration page lists the tree.
func (t *Tree) Walk() []Node {
	if t == nil {
		return nil
	}
	var out []Node
	for _, r := range t.children[0] {
		t.walk(r, 0, func(u Unit, d int) { out = append(out, Node{u, d}) })
	}
	return out
}

func (t *Tree) walk(id int64, depth int, visit func(Unit, int)) {
	visit(t.units[id], depth)
	for _, c := range t.children[id] {
		t.walk(c, depth+1, visit)
	}
}
