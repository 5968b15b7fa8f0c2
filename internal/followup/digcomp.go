package followup

import "strings"

// The competence self-assessment follows the EU's framework DigComp 2.2:
// 5 competence areas with 21 competences, numbered 1.1–5.4 as the
// framework numbers them, and 8 proficiency levels in four bands. The
// names here are Språnget's own short wording of the framework's.

// CompetenceArea is one of DigComp's five areas with its competences.
type CompetenceArea struct {
	Code        string // "1"–"5"
	Name        Text
	Competences []Competence
}

// Competence is one of DigComp's 21 competences.
type Competence struct {
	Code string // "1.1"–"5.4"
	Area string // the area's code
	Name Text
}

// FieldID returns the form field name of the competence: "k1-1" for 1.1.
func (c Competence) FieldID() string { return "k" + strings.ReplaceAll(c.Code, ".", "-") }

// The proficiency levels.
const (
	MinLevel = 1
	MaxLevel = 8
)

// LevelBand returns the name of the band level belongs to: grundläggande
// (1–2), medel (3–4), avancerad (5–6) or högt specialiserad (7–8); the
// zero Text for a level outside 1–8.
func LevelBand(level int) Text {
	switch {
	case level < MinLevel || level > MaxLevel:
		return Text{}
	case level <= 2:
		return Text{SV: "Grundläggande", EN: "Foundation"}
	case level <= 4:
		return Text{SV: "Medel", EN: "Intermediate"}
	case level <= 6:
		return Text{SV: "Avancerad", EN: "Advanced"}
	}
	return Text{SV: "Högt specialiserad", EN: "Highly specialised"}
}

// RoleGroup is the group a respondent answers as: staff, manager or
// elected representative.
type RoleGroup string

// The role groups.
const (
	GroupStaff   RoleGroup = "medarbetare"    // medarbetare
	GroupManager RoleGroup = "chef"           // chef
	GroupElected RoleGroup = "fortroendevald" // förtroendevald (politiker)
)

// RoleGroups returns the role groups in the order they are shown.
func RoleGroups() []RoleGroup { return []RoleGroup{GroupStaff, GroupManager, GroupElected} }

// Valid reports whether g is one of RoleGroups.
func (g RoleGroup) Valid() bool { return g == GroupStaff || g == GroupManager || g == GroupElected }

// Name returns the role group's name.
func (g RoleGroup) Name() Text {
	switch g {
	case GroupStaff:
		return Text{SV: "Medarbetare", EN: "Staff"}
	case GroupManager:
		return Text{SV: "Chef", EN: "Manager"}
	case GroupElected:
		return Text{SV: "Förtroendevald", EN: "Elected representative"}
	}
	return Text{}
}

// AreaSummary is the competence of a group of respondents in one DigComp
// area: how many answered and their mean level (1–8) over the area's
// competences. Suppressed is set, and MeanLevel is 0, when fewer than
// MinGroup respondents may be counted (see SafeTallies); Respondents is
// then the number that may be counted, possibly 0.
type AreaSummary struct {
	Area        string // "1"–"5"
	Name        Text
	Respondents int
	MeanLevel   float64
	Suppressed  bool
}

// DigComp returns the five areas with their competences.
func DigComp() []CompetenceArea {
	areas := []CompetenceArea{
		{Code: "1", Name: Text{SV: "Information och data", EN: "Information and data literacy"}, Competences: []Competence{
			{Code: "1.1", Name: Text{SV: "Söka och filtrera information", EN: "Searching and filtering information"}},
			{Code: "1.2", Name: Text{SV: "Värdera information och källor", EN: "Evaluating information and sources"}},
			{Code: "1.3", Name: Text{SV: "Hantera och ordna information", EN: "Managing and organising information"}},
		}},
		{Code: "2", Name: Text{SV: "Kommunikation och samarbete", EN: "Communication and collaboration"}, Competences: []Competence{
			{Code: "2.1", Name: Text{SV: "Kommunicera digitalt", EN: "Interacting digitally"}},
			{Code: "2.2", Name: Text{SV: "Dela information digitalt", EN: "Sharing digitally"}},
			{Code: "2.3", Name: Text{SV: "Delta i samhället via digitala tjänster", EN: "Taking part in society through digital services"}},
			{Code: "2.4", Name: Text{SV: "Samarbeta digitalt", EN: "Collaborating digitally"}},
			{Code: "2.5", Name: Text{SV: "Gott uppförande på nätet", EN: "Good conduct online"}},
			{Code: "2.6", Name: Text{SV: "Hantera sin digitala identitet", EN: "Managing one's digital identity"}},
		}},
		{Code: "3", Name: Text{SV: "Skapa digitalt innehåll", EN: "Digital content creation"}, Competences: []Competence{
			{Code: "3.1", Name: Text{SV: "Skapa digitalt innehåll", EN: "Creating digital content"}},
			{Code: "3.2", Name: Text{SV: "Bearbeta och återanvända innehåll", EN: "Reworking and reusing content"}},
			{Code: "3.3", Name: Text{SV: "Upphovsrätt och licenser", EN: "Copyright and licences"}},
			{Code: "3.4", Name: Text{SV: "Programmera och automatisera", EN: "Programming and automating"}},
		}},
		{Code: "4", Name: Text{SV: "Säkerhet", EN: "Safety"}, Competences: []Competence{
			{Code: "4.1", Name: Text{SV: "Skydda enheter", EN: "Protecting devices"}},
			{Code: "4.2", Name: Text{SV: "Skydda personuppgifter och integritet", EN: "Protecting personal data and privacy"}},
			{Code: "4.3", Name: Text{SV: "Skydda hälsa och välbefinnande", EN: "Protecting health and well-being"}},
			{Code: "4.4", Name: Text{SV: "Skydda miljön", EN: "Protecting the environment"}},
		}},
		{Code: "5", Name: Text{SV: "Problemlösning", EN: "Problem solving"}, Competences: []Competence{
			{Code: "5.1", Name: Text{SV: "Lösa tekniska problem", EN: "Solving technical problems"}},
			{Code: "5.2", Name: Text{SV: "Se behov och välja digitala lösningar", EN: "Identifying needs and digital solutions"}},
			{Code: "5.3", Name: Text{SV: "Använda tekniken kreativt", EN: "Using technology creatively"}},
			{Code: "5.4", Name: Text{SV: "Se sina egna kompetensluckor", EN: "Identifying one's own competence gaps"}},
		}},
	}
	for i := range areas {
		for j := range areas[i].Competences {
			areas[i].Competences[j].Area = areas[i].Code
		}
	}
	return areas
}

// Competences returns the 21 competences in the framework's order.
func Competences() []Competence {
	var out []Competence
	for _, a := range DigComp() {
		out = append(out, a.Competences...)
	}
	return out
}

// AreaName returns the name of the area with code, or the zero Text.
func AreaName(code string) Text {
	for _, a := range DigComp() {
		if a.Code == code {
			return a.Name
		}
	}
	return Text{}
}
