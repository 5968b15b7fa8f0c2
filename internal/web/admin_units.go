package web

import (
	"net/http"
	"slices"
	"strconv"
	"strings"

	"sprang"
	"sprang/internal/i18n"
	"sprang/internal/identity"
)

// unitNode is a unit with its children, for the nested lists of the unit
// tree.
type unitNode struct {
	identity.Unit
	Children []unitNode
}

// unitNodes returns the children of the unit with id (0: the roots) as
// nested nodes: förvaltningar before bolag before avdelningar, and by name
// in Swedish alphabetical order (å, ä, ö last) within each kind.
func unitNodes(t *identity.Tree, id int64, lang i18n.Lang) []unitNode {
	children := t.Children(id)
	slices.SortStableFunc(children, func(a, b identity.Unit) int {
		if d := kindRank(a.Kind) - kindRank(b.Kind); d != 0 {
			return d
		}
		return i18n.Compare(a.Name(string(lang)), b.Name(string(lang)))
	})
	var out []unitNode
	for _, u := range children {
		out = append(out, unitNode{Unit: u, Children: unitNodes(t, u.ID, lang)})
	}
	return out
}

// kindRank orders unit kinds for listing.
func kindRank(k identity.UnitKind) int {
	switch k {
	case identity.KindGroup:
		return 0
	case identity.KindForvaltning:
		return 1
	case identity.KindBolag:
		return 2
	default:
		return 3
	}
}

// unitsPage is the unit administration page: the tree, and the form to
// create a unit under a parent the administrator manages.
type unitsPage struct {
	Tree    []unitNode
	Parents []identity.Node
	Kinds   []identity.UnitKind
}

func (s *Server) handleUnits(w http.ResponseWriter, r *http.Request) {
	s.renderUnits(w, r, http.StatusOK, nil, nil)
}

func (s *Server) renderUnits(w http.ResponseWriter, r *http.Request, status int, form map[string]string, formErr error) {
	acc, err := s.requireAnywhere(r, identity.ManageUnits)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	p := unitsPage{Tree: unitNodes(acc.Tree, 0, langOf(r)),
		Kinds: []identity.UnitKind{identity.KindForvaltning, identity.KindBolag, identity.KindAvdelning}}
	for _, n := range acc.Tree.Walk() {
		if acc.Can(identity.ManageUnits, n.ID) {
			p.Parents = append(p.Parents, n)
		}
	}
	v := s.view(r)
	v.Title = v.T("admin.units.title")
	v.Form = form
	if formErr != nil {
		showErrors(v, formErr, "name_sv", "name_en", "slug", "kind", "parent_id", "org_number")
	}
	s.renderStatus(w, r, status, "admin_units", v.with(p))
}

// handleUnitCreate creates a unit under a parent the administrator
// manages.
func (s *Server) handleUnitCreate(w http.ResponseWriter, r *http.Request) {
	form, err := postedForm(w, r, "name_sv", "name_en", "slug", "kind", "parent_id", "org_number")
	if err != nil {
		s.fail(w, r, err)
		return
	}
	acc, err := s.requireAnywhere(r, identity.ManageUnits)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	u := identity.Unit{Kind: identity.UnitKind(form["kind"]), Slug: form["slug"], NameSV: form["name_sv"],
		NameEN: form["name_en"], OrgNumber: form["org_number"]}
	u.ParentID, _ = strconv.ParseInt(strings.TrimSpace(form["parent_id"]), 10, 64)
	if u.ParentID > 0 || u.Kind == identity.KindGroup { // a new group needs a grant on the whole group
		if err := acc.require(identity.ManageUnits, u.ParentID); err != nil {
			s.fail(w, r, err)
			return
		}
	}
	_, err = s.auth.CreateUnit(r.Context(), acc.actor(), u)
	if k := sprang.ErrorKind(err); k == sprang.Invalid || k == sprang.Conflict {
		s.renderUnits(w, r, http.StatusUnprocessableEntity, form, err)
		return
	}
	if err != nil {
		s.fail(w, r, err)
		return
	}
	http.Redirect(w, r, "/personal/enheter", http.StatusSeeOther)
}

// unitTreeData is what the recursive "unit-tree" template receives: the
// nodes of one level and the view, for translations.
type unitTreeData struct {
	View  *view
	Nodes []unitNode
}

// UnitTree wraps nodes for the "unit-tree" template.
func (v *view) UnitTree(nodes []unitNode) unitTreeData { return unitTreeData{View: v, Nodes: nodes} }

// Indent returns the prefix that shows a unit's depth in a select list,
// where nesting cannot be marked up: two non-breaking spaces per level.
func (v *view) Indent(depth int) string { return strings.Repeat("\u00a0\u00a0", depth) }
