package followup

// LearningResource is a suggestion for growing one's competence in a
// DigComp area: an internal course, a guide or a format for learning
// together. The list is built in (LearningResources); a municipality
// changes it in code, as it changes rarely.
type LearningResource struct {
	Area  string
	Title Text
	What  Text // what it is and how to take part
}

// LearningResources returns the built-in suggestions of the area with
// code, in the order they are suggested.
func LearningResources(area string) []LearningResource {
	var out []LearningResource
	for _, r := range learningResources {
		if r.Area == area {
			out = append(out, r)
		}
	}
	return out
}

var learningResources = []LearningResource{
	{Area: "1", Title: Text{SV: "Källkritik i vardagen", EN: "Source criticism in everyday work"},
		What: Text{SV: "Internkurs på 90 minuter om att söka smart och värdera källor. Anmälan via lärplattformen.",
			EN: "A 90-minute internal course on searching well and evaluating sources. Sign up on the learning platform."}},
	{Area: "1", Title: Text{SV: "Ordning i filer och dokument", EN: "Order in files and documents"},
		What: Text{SV: "Självstudier om lagring, versioner och delade mappar, med övningar i kommunens egna verktyg.",
			EN: "Self-study on storage, versions and shared folders, with exercises in the municipality's own tools."}},
	{Area: "2", Title: Text{SV: "Digitala möten som fungerar", EN: "Digital meetings that work"},
		What: Text{SV: "Halvdagsworkshop om att leda och delta i digitala möten och samarbeta i delade dokument.",
			EN: "Half-day workshop on leading and taking part in digital meetings and working in shared documents."}},
	{Area: "2", Title: Text{SV: "Klarspråk i digitala kanaler", EN: "Plain language in digital channels"},
		What: Text{SV: "Kommunikationsavdelningens kurs om att skriva begripligt på webben och i e-post.",
			EN: "The communications office's course on writing clearly on the web and in e-mail."}},
	{Area: "3", Title: Text{SV: "Tillgängliga dokument och webbtexter", EN: "Accessible documents and web texts"},
		What: Text{SV: "Internkurs om rubriker, alternativtexter och tabeller så att alla kan ta del av innehållet.",
			EN: "Internal course on headings, alternative texts and tables so that everyone can use the content."}},
	{Area: "3", Title: Text{SV: "Automatisera rutinuppgifter", EN: "Automating routine tasks"},
		What: Text{SV: "Utvecklingsavdelningens lunchseminarier om formler, flöden och enkla skript.",
			EN: "The development department's lunch seminars on formulas, flows and simple scripts."}},
	{Area: "4", Title: Text{SV: "Informationssäkerhet för alla", EN: "Information security for everyone"},
		What: Text{SV: "Obligatorisk webbkurs om lösenord, nätfiske och säkra enheter, 45 minuter.",
			EN: "Mandatory web course on passwords, phishing and safe devices, 45 minutes."}},
	{Area: "4", Title: Text{SV: "Dataskydd i praktiken", EN: "Data protection in practice"},
		What: Text{SV: "Dataskyddsombudets genomgång av personuppgifter i ärenden, e-post och delade mappar.",
			EN: "The data protection officer's walk-through of personal data in errands, e-mail and shared folders."}},
	{Area: "5", Title: Text{SV: "Digital fadder på arbetsplatsen", EN: "A digital mentor at work"},
		What: Text{SV: "Be din chef om en digital fadder: en kollega som hjälper till när tekniken krånglar.",
			EN: "Ask your manager for a digital mentor: a colleague who helps when technology gets in the way."}},
	{Area: "5", Title: Text{SV: "Från idé till förbättring", EN: "From idea to improvement"},
		What: Text{SV: "Workshop om att hitta behov och pröva digitala lösningar, med idéportalens arbetsgång.",
			EN: "Workshop on finding needs and trying digital solutions, following the idea portal's steps."}},
}
