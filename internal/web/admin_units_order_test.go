package web

import (
	"testing"

	"sprang/internal/demo"
	"sprang/internal/i18n"
	"sprang/internal/identity"
)

// TestUnitNodesOrder checks the unit tree's order: förvaltningar before
// bolag, each in Swedish alphabetical order with Ö last.
func TestUnitNodesOrder(t *testing.T) {
	t.Parallel()
	var units []identity.Unit
	ids := map[string]int64{}
	for i, d := range demo.Units() {
		id := int64(len(demo.Units()) - i) // ids in reverse, so input order cannot pass the test
		ids[d.Slug] = id
		units = append(units, identity.Unit{ID: id, ParentID: ids[d.Parent], Kind: d.Kind, Slug: d.Slug, NameSV: d.NameSV, NameEN: d.NameEN})
	}
	tree, err := identity.BuildTree(units)
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, n := range unitNodes(tree, ids["koncernen"], i18n.Swedish) {
		got = append(got, n.NameSV)
	}
	want := []string{"Barn- och utbildningsförvaltningen", "Kommunledningsförvaltningen", "Kultur- och fritidsförvaltningen",
		"Samhällsbyggnadsförvaltningen", "Socialförvaltningen", "Miva AB", "Övik Energi AB", "Övikshem AB"}
	if len(got) != len(want) {
		t.Fatalf("children %v, want %v", got, want)
	}
	for i := range want {
		if got[i] != want[i] {
			t.Fatalf("children %v, want %v", got, want)
		}
	}
}
