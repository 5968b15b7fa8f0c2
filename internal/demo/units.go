package demo

import "sprang/internal/identity"

// Unit is a demo organization unit; Parent names its parent's slug.
type Unit struct {
	Slug, Parent   string
	Kind           identity.UnitKind
	NameSV, NameEN string
	OrgNumber      string
}

// Units returns the demo municipal group, parents before children: the
// group, five förvaltningar (one with the development department) and
// three municipal companies. The companies' organisation numbers are
// made-up examples that pass the Luhn check.
func Units() []Unit {
	return []Unit{
		{"koncernen", "", identity.KindGroup, "Örnsköldsviks kommunkoncern", "Örnsköldsvik municipal group", "212000-2411"},
		{"kommunledning", "koncernen", identity.KindForvaltning, "Kommunledningsförvaltningen", "Municipal Executive Office", ""},
		{"utvecklingsavdelningen", "kommunledning", identity.KindAvdelning, "Utvecklingsavdelningen", "Development Department", ""},
		{"barn-utbildning", "koncernen", identity.KindForvaltning, "Barn- och utbildningsförvaltningen", "Children and Education Administration", ""},
		{"social", "koncernen", identity.KindForvaltning, "Socialförvaltningen", "Social Services Administration", ""},
		{"samhallsbyggnad", "koncernen", identity.KindForvaltning, "Samhällsbyggnadsförvaltningen", "Community Development Administration", ""},
		{"kultur-fritid", "koncernen", identity.KindForvaltning, "Kultur- och fritidsförvaltningen", "Culture and Leisure Administration", ""},
		{"bostader", "koncernen", identity.KindBolag, "Övikshem AB", "Övikshem (municipal housing company)", "556410-8123"},
		{"energi", "koncernen", identity.KindBolag, "Övik Energi AB", "Övik Energi (municipal energy company)", "556438-7768"},
		{"avfall", "koncernen", identity.KindBolag, "Miva AB", "Miva (municipal waste and water company)", "556493-5137"},
	}
}
