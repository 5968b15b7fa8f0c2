package identity

import (
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"sprang"
)

func TestValidateUnit(t *testing.T) {
	t.Parallel()
	tr := mustTree(t)
	ok := Unit{ParentID: 1, Kind: KindForvaltning, Slug: "kultur-och-fritid", NameSV: "Kultur och fritid", NameEN: "Culture and leisure"}
	with := func(f func(*Unit)) Unit { u := ok; f(&u); return u }
	tests := []struct {
		name string
		unit Unit
		tree *Tree
		want map[string]string
	}{
		{"valid förvaltning", ok, tr, nil},
		{"valid group on empty tree", Unit{Kind: KindGroup, Slug: "kommunen", NameSV: "Kommunen", OrgNumber: "212000-2411"}, nil, nil},
		{"valid bolag under bolag", with(func(u *Unit) { u.Kind = KindBolag; u.ParentID = 3 }), tr, nil},
		{"valid avdelning under avdelning", with(func(u *Unit) { u.Kind = KindAvdelning; u.ParentID = 4 }), tr, nil},
		{"bad slug", with(func(u *Unit) { u.Slug = "Kultur Fritid" }), tr, map[string]string{"slug": MsgSlugInvalid}},
		{"slug with trailing hyphen", with(func(u *Unit) { u.Slug = "kultur-" }), tr, map[string]string{"slug": MsgSlugInvalid}},
		{"one-letter slug", with(func(u *Unit) { u.Slug = "k" }), tr, map[string]string{"slug": MsgSlugInvalid}},
		{"missing name", with(func(u *Unit) { u.NameSV = "" }), tr, map[string]string{"name_sv": MsgRequired}},
		{"long English name", with(func(u *Unit) { u.NameEN = strings.Repeat("å", 201) }), tr, map[string]string{"name_en": MsgTooLong}},
		{"unknown kind", with(func(u *Unit) { u.Kind = "kontor" }), tr, map[string]string{"kind": MsgUnitKindInvalid}},
		{"second group", Unit{Kind: KindGroup, Slug: "koncern2", NameSV: "Koncern 2"}, tr, map[string]string{"parent_id": MsgUnitOneGroup}},
		{"the group itself, renamed", Unit{ID: 1, Kind: KindGroup, Slug: "kommunen", NameSV: "Kommunkoncernen"}, tr, nil},
		{"group with parent", with(func(u *Unit) { u.Kind = KindGroup }), tr, map[string]string{"parent_id": MsgUnitParentGroup}},
		{"förvaltning without parent", with(func(u *Unit) { u.ParentID = 0 }), tr, map[string]string{"parent_id": MsgUnitParentMissing}},
		{"unknown parent", with(func(u *Unit) { u.ParentID = 99 }), tr, map[string]string{"parent_id": MsgUnitParentMissing}},
		{"förvaltning under förvaltning", with(func(u *Unit) { u.ParentID = 2 }), tr, map[string]string{"parent_id": MsgUnitParentKind}},
		{"avdelning under group", with(func(u *Unit) { u.Kind = KindAvdelning }), tr, map[string]string{"parent_id": MsgUnitParentKind}},
		{"move under own descendant", Unit{ID: 4, ParentID: 6, Kind: KindAvdelning, Slug: "hemtjanst", NameSV: "Hemtjänst"}, tr, map[string]string{"parent_id": MsgUnitParentKind}},
		{"bad org number", with(func(u *Unit) { u.OrgNumber = "556036-0794" }), tr, map[string]string{"org_number": MsgOrgNumberChecksum}},
		{"several faults", Unit{Kind: KindBolag, Slug: "-"}, tr, map[string]string{"slug": MsgSlugInvalid, "name_sv": MsgRequired, "parent_id": MsgUnitParentMissing}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			err := ValidateUnit(tt.unit, tt.tree)
			if tt.want == nil {
				if err != nil {
					t.Fatalf("ValidateUnit = %v, want nil", err)
				}
				return
			}
			if sprang.ErrorKind(err) != sprang.Invalid {
				t.Fatalf("ValidateUnit = %v, want Invalid", err)
			}
			if diff := cmp.Diff(tt.want, sprang.ErrorFields(err)); diff != "" {
				t.Errorf("fields (-want +got):\n%s", diff)
			}
		})
	}
}

func TestParseOrgNumber(t *testing.T) {
	t.Parallel()
	tests := []struct{ in, want, err string }{
		{"556036-0793", "556036-0793", ""},
		{"5560360793", "556036-0793", ""},
		{"212000-2411", "212000-2411", ""},
		{"556036-0794", "", MsgOrgNumberChecksum},
		{"121212-1212", "", MsgOrgNumberKind}, // a personnummer
		{"556036 0793", "", MsgOrgNumberFormat},
		{"55603-60793", "", MsgOrgNumberFormat},
		{"", "", MsgOrgNumberFormat},
		{"abcdef-ghij", "", MsgOrgNumberFormat},
	}
	for _, tt := range tests {
		got, err := ParseOrgNumber(tt.in)
		if got != tt.want || sprang.ErrorMessage(err) != tt.err {
			t.Errorf("ParseOrgNumber(%q) = %q, %v; want %q, %s", tt.in, got, err, tt.want, tt.err)
		}
	}
}

func TestNormalizeUnitAndName(t *testing.T) {
	t.Parallel()
	u := NormalizeUnit(Unit{Slug: " kommunen ", NameSV: " Kommunen\t", OrgNumber: "2120002411"})
	want := Unit{Slug: "kommunen", NameSV: "Kommunen", OrgNumber: "212000-2411"}
	if diff := cmp.Diff(want, u); diff != "" {
		t.Errorf("NormalizeUnit (-want +got):\n%s", diff)
	}
	if u.Name("en") != "Kommunen" || (Unit{NameSV: "a", NameEN: "b"}).Name("en") != "b" || (Unit{NameSV: "a", NameEN: "b"}).Name("sv") != "a" {
		t.Error("Name does not fall back or choose by language")
	}
}

func FuzzParseOrgNumber(f *testing.F) {
	for _, s := range []string{"556036-0793", "5560360793", "212000-2411", "", "-", "121212-1212"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		n, err := ParseOrgNumber(s)
		if err != nil {
			if sprang.ErrorKind(err) != sprang.Invalid {
				t.Fatalf("error of kind %s", sprang.ErrorKind(err))
			}
			return
		}
		if len(n) != 11 || n[6] != '-' || !luhnValid(n[:6]+n[7:]) {
			t.Fatalf("ParseOrgNumber(%q) = %q", s, n)
		}
		if again, err := ParseOrgNumber(n); err != nil || again != n {
			t.Fatalf("ParseOrgNumber(%q) does not round-trip: %q, %v", n, again, err)
		}
	})
}
