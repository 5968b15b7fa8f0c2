package demo

import "sprang/internal/identity"

// Unit is a demo organization unit; Parent names its parent's slug and
// DiaryCode the code of its diary numbers (e.g. "SBN 2026/00042").
type Unit struct {
	Slug, Parent   string
	Kind           identity.UnitKind
	NameSV, NameEN string
	OrgNumber      string
	DiaryCode      string
}

// Units returns the demo municipal group, parents before children: the
// group, five förvaltningar (one with the development department) and
// three municipal companies. The companies' organisation numbers are
// made-up examples that pass the Luhn check; the diary codes are the
// abbreviations of the boards (nämnder) and companies.
func Units() []Unit {
	return []Unit{
		{"koncernen", "", identity.KindGroup, "Örnsköldsviks kommunkoncern", "Örnsköldsvik municipal group", "212000-2411", "KK"},
		{"kommunledning", "koncernen", identity.KindForvaltning, "Kommunledningsförvaltningen", "Municipal Executive Office", "", "KS"},
		{"utvecklingsavdelningen", "kommunledning", identity.KindAvdelning, "Utvecklingsavdelningen", "Development Department", "", "UTV"},
		{"barn-utbildning", "koncernen", identity.KindForvaltning, "Barn- och utbildningsförvaltningen", "Children and Education Administration", "", "BUN"},
		{"social", "koncernen", identity.KindForvaltning, "Socialförvaltningen", "Social Services Administration", "", "SN"},
		{"samhallsbyggnad", "koncernen", identity.KindForvaltning, "Samhällsbyggnadsförvaltningen", "Community Development Administration", "", "SBN"},
		{"kultur-fritid", "koncernen", identity.KindForvaltning, "Kultur- och fritidsförvaltningen", "Culture and Leisure Administration", "", "KFN"},
		{"bostader", "koncernen", identity.KindBolag, "Övikshem AB", "Övikshem (municipal housing company)", "556410-8123", "OVH"},
		{"energi", "koncernen", identity.KindBolag, "Övik Energi AB", "Övik Energi (municipal energy company)", "556438-7768", "OE"},
		{"avfall", "koncernen", identity.KindBolag, "Miva AB", "Miva (municipal waste and water company)", "556493-5137", "MIVA"},
	}
}
