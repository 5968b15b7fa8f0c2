package identity

import (
	"regexp"
	"strings"
	"time"
	"unicode/utf8"

	"sprang"
)

// UnitKind says what an organization unit is.
type UnitKind string

// The kinds of unit. The group (kommunkoncern) is the root; förvaltningar
// and bolag sit under it; avdelningar sit under either or under each other.
const (
	KindGroup       UnitKind = "group"
	KindForvaltning UnitKind = "forvaltning"
	KindBolag       UnitKind = "bolag"
	KindAvdelning   UnitKind = "avdelning"
)

// Valid reports whether k is one of the known kinds.
func (k UnitKind) Valid() bool {
	switch k {
	case KindGroup, KindForvaltning, KindBolag, KindAvdelning:
		return true
	}
	return false
}

// Unit is one organization unit. ParentID is 0 for a root (the group).
type Unit struct {
	ID        int64
	ParentID  int64
	Kind      UnitKind
	Slug      string
	NameSV    string
	NameEN    string
	OrgNumber string // "NNNNNN-NNNN" or empty
	CreatedAt time.Time
}

// Name returns the unit's name in lang ("sv" or "en"), falling back to
// Swedish when the English name is empty.
func (u Unit) Name(lang string) string {
	if lang == "en" && u.NameEN != "" {
		return u.NameEN
	}
	return u.NameSV
}

var slugPattern = regexp.MustCompile(`^[a-z0-9]+(?:-[a-z0-9]+)*$`)

// ValidSlug reports whether s is a URL-safe short name: 2–64 characters of
// a–z and 0–9 in hyphen-separated runs.
func ValidSlug(s string) bool {
	return len(s) >= 2 && len(s) <= 64 && slugPattern.MatchString(s)
}

// maxNameLen is the longest unit or display name accepted, in characters.
const maxNameLen = 200

// NormalizeUnit trims the text fields of u and normalizes its org number
// when it can be read; Validate then checks the result.
func NormalizeUnit(u Unit) Unit {
	u.Slug = strings.TrimSpace(u.Slug)
	u.NameSV = strings.TrimSpace(u.NameSV)
	u.NameEN = strings.TrimSpace(u.NameEN)
	u.OrgNumber = strings.TrimSpace(u.OrgNumber)
	if n, err := ParseOrgNumber(u.OrgNumber); err == nil {
		u.OrgNumber = n
	}
	return u
}

// ValidateUnit checks a new or changed unit against the existing units in
// t (which may be nil when there are none yet). It returns nil or an Invalid
// *sprang.Error with one message key per faulty field (slug, name_sv,
// name_en, kind, parent_id, org_number).
func ValidateUnit(u Unit, t *Tree) error {
	f := map[string]string{}
	if !ValidSlug(u.Slug) {
		f["slug"] = MsgSlugInvalid
	}
	checkName(f, "name_sv", u.NameSV, true)
	checkName(f, "name_en", u.NameEN, false)
	if u.OrgNumber != "" {
		if _, err := ParseOrgNumber(u.OrgNumber); err != nil {
			f["org_number"] = sprang.ErrorMessage(err)
		}
	}
	if !u.Kind.Valid() {
		f["kind"] = MsgUnitKindInvalid
	} else if msg := checkParent(u, t); msg != "" {
		f["parent_id"] = msg
	}
	return fieldErrors(f)
}

func checkName(f map[string]string, field, v string, required bool) {
	switch {
	case v == "" && required:
		f[field] = MsgRequired
	case utf8.RuneCountInString(v) > maxNameLen:
		f[field] = MsgTooLong
	}
}

// checkParent returns the message key of what is wrong with u's parent, or "".
func checkParent(u Unit, t *Tree) string {
	if u.Kind == KindGroup {
		return checkGroup(u, t)
	}
	parent, ok := t.Unit(u.ParentID)
	if u.ParentID == 0 || !ok {
		return MsgUnitParentMissing
	}
	if u.ID != 0 && t.Within(parent.ID, u.ID) {
		return MsgUnitParentKind // would make a cycle
	}
	if !allowedParent(u.Kind, parent.Kind) {
		return MsgUnitParentKind
	}
	return ""
}

// checkGroup returns what is wrong with a group unit: it must be the root,
// and there is only one group.
func checkGroup(u Unit, t *Tree) string {
	if u.ParentID != 0 {
		return MsgUnitParentGroup
	}
	for _, r := range t.Roots() {
		if r.ID != u.ID {
			return MsgUnitOneGroup
		}
	}
	return ""
}

// allowedParent says which kinds of unit may hold which: förvaltningar and
// bolag sit under the group (a bolag may also be owned by a bolag, as in a
// stadshus AB); avdelningar sit under anything but the group itself.
func allowedParent(child, parent UnitKind) bool {
	switch child {
	case KindForvaltning:
		return parent == KindGroup
	case KindBolag:
		return parent == KindGroup || parent == KindBolag
	case KindAvdelning:
		return parent != KindGroup
	}
	return false
}
