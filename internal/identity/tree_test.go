package identity

import (
	"testing"

	"github.com/google/go-cmp/cmp"
)

// Test tree:
//
//	1 kommunen (group)
//	├── 2 socialforvaltningen
//	│   └── 4 hemtjanst (avdelning)
//	│       └── 6 hemtjanst-norr (avdelning)
//	├── 3 bostadsbolaget (bolag)
//	└── 5 barn-och-utbildning
func testUnits() []Unit {
	return []Unit{
		{ID: 6, ParentID: 4, Kind: KindAvdelning, Slug: "hemtjanst-norr", NameSV: "Hemtjänst norr"},
		{ID: 1, Kind: KindGroup, Slug: "kommunen", NameSV: "Kommunen"},
		{ID: 2, ParentID: 1, Kind: KindForvaltning, Slug: "socialforvaltningen", NameSV: "Socialförvaltningen"},
		{ID: 3, ParentID: 1, Kind: KindBolag, Slug: "bostadsbolaget", NameSV: "Bostadsbolaget", OrgNumber: "556036-0793"},
		{ID: 4, ParentID: 2, Kind: KindAvdelning, Slug: "hemtjanst", NameSV: "Hemtjänst"},
		{ID: 5, ParentID: 1, Kind: KindForvaltning, Slug: "barn-och-utbildning", NameSV: "Barn och utbildning"},
	}
}

func mustTree(t *testing.T) *Tree {
	t.Helper()
	tr, err := BuildTree(testUnits())
	if err != nil {
		t.Fatal(err)
	}
	return tr
}

func ids(us []Unit) []int64 {
	out := []int64{}
	for _, u := range us {
		out = append(out, u.ID)
	}
	return out
}

func TestTreeQueries(t *testing.T) {
	t.Parallel()
	tr := mustTree(t)
	var walk []int64
	var depths []int
	for _, n := range tr.Walk() {
		walk = append(walk, n.ID)
		depths = append(depths, n.Depth)
	}
	checks := []struct {
		name      string
		got, want any
	}{
		{"walk order", walk, []int64{1, 5, 3, 2, 4, 6}},
		{"walk depths", depths, []int{0, 1, 1, 1, 2, 3}},
		{"roots", ids(tr.Roots()), []int64{1}},
		{"children of 1", ids(tr.Children(1)), []int64{5, 3, 2}},
		{"children of leaf", ids(tr.Children(6)), []int64{}},
		{"children of unknown", ids(tr.Children(99)), []int64{}},
		{"ancestors of 6", ids(tr.Ancestors(6)), []int64{4, 2, 1}},
		{"ancestors of root", ids(tr.Ancestors(1)), []int64{}},
		{"ancestors of unknown", ids(tr.Ancestors(99)), []int64{}},
		{"subtree of 2", tr.Subtree(2), []int64{2, 4, 6}},
		{"subtree of unknown", tr.Subtree(99), []int64(nil)},
		{"len", tr.Len(), 6},
		{"nil len", (*Tree)(nil).Len(), 0},
		{"nil walk", (*Tree)(nil).Walk(), []Node(nil)},
	}
	for _, c := range checks {
		if diff := cmp.Diff(c.want, c.got); diff != "" {
			t.Errorf("%s (-want +got):\n%s", c.name, diff)
		}
	}
}

func TestTreeWithin(t *testing.T) {
	t.Parallel()
	tr := mustTree(t)
	tests := []struct {
		a, b int64
		want bool
	}{
		{6, 1, true}, {6, 2, true}, {6, 4, true}, {6, 6, true},
		{2, 6, false}, {3, 2, false}, {5, 2, false}, {1, 1, true},
		{99, 1, false}, {1, 99, false}, {0, 1, false}, {1, 0, false},
	}
	for _, tt := range tests {
		if got := tr.Within(tt.a, tt.b); got != tt.want {
			t.Errorf("Within(%d, %d) = %v, want %v", tt.a, tt.b, got, tt.want)
		}
	}
	var nilTree *Tree
	if nilTree.Within(1, 1) || nilTree.IsRoot(1) {
		t.Error("nil tree knows units")
	}
}

func TestBuildTreeRejectsCorruptData(t *testing.T) {
	t.Parallel()
	tests := map[string][]Unit{
		"repeated id":    {{ID: 1, Slug: "a"}, {ID: 1, Slug: "b"}},
		"zero id":        {{ID: 0, Slug: "a"}},
		"missing parent": {{ID: 1, Slug: "a"}, {ID: 2, ParentID: 7, Slug: "b"}},
		"cycle":          {{ID: 1, Slug: "a"}, {ID: 2, ParentID: 3, Slug: "b"}, {ID: 3, ParentID: 2, Slug: "c"}},
		"self parent":    {{ID: 1, ParentID: 1, Slug: "a"}},
	}
	for name, units := range tests {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			if _, err := BuildTree(units); err == nil {
				t.Fatal("BuildTree accepted corrupt units")
			}
		})
	}
	if tr, err := BuildTree(nil); err != nil || tr.Len() != 0 {
		t.Errorf("BuildTree(nil) = %v, %v", tr, err)
	}
}
