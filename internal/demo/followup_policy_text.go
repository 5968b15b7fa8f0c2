package demo

import (
	"slices"

	"sprang/internal/followup"
)

// The demo's digitalization policy: the municipal group's policy in the
// structure of the five perspectives and a follow-up section, in our own
// words after the project's vision, in Swedish with an English
// translation. The first revision was adopted by the municipal council;
// the second, a year later, adds open data to digital innovation (a
// sub-area and a goal) and says what the follow-up builds on.

// demoText is a text in Swedish and English.
func demoText(sv, en string) followup.Text { return followup.Text{SV: sv, EN: en} }

// demoSection is a section of part p with key, heading and body.
func demoSection(p followup.Perspective, key string, heading, body followup.Text) followup.Section {
	return followup.Section{Perspective: p, Key: key, Heading: heading, Body: body}
}

// demoPolicyFirst returns the sections and goals of the first revision.
func demoPolicyFirst() followup.Revision {
	return followup.Revision{Sections: slices.Concat(demoIntroduction(), demoTrygghet(), demoKompetens(),
		demoLedarskap(), demoHallbarhet(), demoInnovation(), demoUppfoljning(false)), Goals: demoGoals()}
}

// demoPolicySecond returns the first revision with open data added and
// the follow-up section made clearer.
func demoPolicySecond() followup.Revision {
	r := demoPolicyFirst()
	var secs []followup.Section
	for _, s := range r.Sections {
		if s.Perspective == followup.Uppfoljning {
			continue
		}
		secs = append(secs, s)
		if s.Key == "innovation-ideer" {
			secs = append(secs, demoOpenData())
		}
	}
	r.Sections = append(secs, demoUppfoljning(true)...)
	r.Goals = append(r.Goals, followup.Goal{Key: "innovation-mal-2", Perspective: followup.Innovation,
		Text: demoText("Fler av kommunkoncernens datamängder ska publiceras som öppna data.",
			"More of the municipal group's datasets are to be published as open data."),
		Indicators: []string{"oppna-dataset"}})
	return r
}

func demoIntroduction() []followup.Section {
	return []followup.Section{demoSection(followup.Introduction, "inledning", demoText("Inledning", "Introduction"), demoText(
		"Digitaliseringen förändrar hur vi lever, arbetar och möter varandra. Den här policyn visar hur kommunkoncernen – förvaltningarna och de kommunala bolagen – ska använda digitaliseringens möjligheter för att göra vardagen enklare för invånare, företag och besökare, och för att arbeta effektivare i den egna organisationen.\n\n"+
			"Policyn gäller hela koncernen. Den har fem perspektiv som tillsammans ska hjälpa oss att **ta det digitala språnget**: digital trygghet, digital kompetens, digitalt ledarskap, digital hållbarhet och digital innovation. Till perspektiven hör mål som följs upp med mätbara indikatorer.\n\n"+
			"Digitalisering är inget mål i sig. Den är ett sätt att ge bättre service, använda resurserna klokt och bidra till de globala målen i Agenda 2030.",
		"Digitalization changes how we live, work and meet each other. This policy shows how the municipal group – the administrations and the municipal companies – is to use the possibilities of digitalization to make everyday life easier for residents, businesses and visitors, and to work smarter in our own organization.\n\n"+
			"The policy applies to the whole group. It has five perspectives that together are to help us **take the digital leap**: digital security and trust, digital competence, digital leadership, digital sustainability and digital innovation. The perspectives have goals that are followed up with measurable indicators.\n\n"+
			"Digitalization is not a goal in itself. It is a way to give better service, use our resources wisely and contribute to the global goals of the 2030 Agenda."))}
}

func demoTrygghet() []followup.Section {
	p := followup.Trygghet
	return []followup.Section{
		demoSection(p, "trygghet", demoText("Digital trygghet", "Digital security and trust"), demoText(
			"Alla ska kunna lita på och använda kommunens digitala tjänster. Tjänsterna ska vara tillgängliga, enkla och säkra, och de byggs på en gemensam plattform så att man möter samma kvalitet oavsett förvaltning eller bolag.",
			"Everyone is to be able to trust and use the municipality's digital services. The services are to be accessible, simple and secure, and they are built on one shared platform so that people meet the same quality whichever administration or company they turn to.")),
		demoSection(p, "trygghet-tillganglighet", demoText("Tillgängligt och enkelt", "Accessible and simple"), demoText(
			"Tjänsterna ska uppfylla kraven i lagen om tillgänglighet till digital offentlig service och fungera även på äldre telefoner och långsamma uppkopplingar. Språket ska vara klart och begripligt.\n\n"+
				"- Tjänsterna ska gå att använda med enbart tangentbordet.\n- Tjänsterna ska finnas på svenska och engelska.\n- Den som saknar svensk e-legitimation ska ändå kunna lämna sitt ärende.",
			"The services are to meet the requirements of the Swedish act on accessible digital public services and work also on older phones and slow connections. The language is to be clear and easy to understand.\n\n"+
				"- The services are to be usable with the keyboard alone.\n- The services are to be available in Swedish and English.\n- People without a Swedish e-ID are still to be able to submit their errand.")),
		demoSection(p, "trygghet-likvardig-service", demoText("Likvärdig service", "Equal service"), demoText(
			"Ingen ska behöva vara digital för att få service. Den som inte kan eller vill använda en e-tjänst ska kunna lämna sitt ärende på papper, per telefon eller vid ett besök, och ärendet hanteras då i samma flöde som de digitala.",
			"No one is to need to be digital to get service. Those who cannot or do not want to use an e-service are to be able to submit their errand on paper, by phone or in person, and the errand is then handled in the same flow as the digital ones.")),
		demoSection(p, "trygghet-sakerhet", demoText("Säkerhet och integritet", "Security and privacy"), demoText(
			"Personuppgifter ska skyddas. Vi samlar in så lite som möjligt, krypterar det vi lagrar, loggar varje läsning och gallrar uppgifterna när tiden för dem har gått ut. Uppgifter som kommunen redan har ska invånaren inte behöva lämna igen.",
			"Personal data is to be protected. We collect as little as possible, encrypt what we store, log every reading and delete the data when its time has run out. Residents are not to have to give again information the municipality already has.")),
	}
}

func demoKompetens() []followup.Section {
	p := followup.Kompetens
	return []followup.Section{
		demoSection(p, "kompetens", demoText("Digital kompetens", "Digital competence"), demoText(
			"Alla ska kunna använda de digitala tjänsterna. Medarbetare, chefer och förtroendevalda ska ha den kompetens som behövs för att utveckla verksamheten med digitalt stöd.",
			"Everyone is to be able to use the digital services. Staff, managers and elected representatives are to have the competence needed to develop their work with digital support.")),
		demoSection(p, "kompetens-invanare", demoText("Stöd till invånare", "Support for residents"), demoText(
			"Tjänsterna ska ha hjälptexter och felmeddelanden som säger hur man rättar till det som blev fel. Den som behöver hjälp att komma igång ska kunna få det i kontaktcenter och på biblioteken.",
			"The services are to have help texts and error messages that say how to put right what went wrong. Those who need help to get started are to be able to get it at the contact centre and in the libraries.")),
		demoSection(p, "kompetens-medarbetare", demoText("Medarbetare, chefer och förtroendevalda", "Staff, managers and elected representatives"), demoText(
			"Var och en ska kunna bedöma sin egen digitala kompetens och få förslag på hur den kan växa. Resultaten redovisas samlat per enhet och aldrig så att en enskild person kan pekas ut.",
			"Everyone is to be able to assess their own digital competence and get suggestions on how it can grow. The results are reported together per unit and never so that a single person can be singled out.")),
	}
}

func demoLedarskap() []followup.Section {
	p := followup.Ledarskap
	return []followup.Section{
		demoSection(p, "ledarskap", demoText("Digitalt ledarskap", "Digital leadership"), demoText(
			"Digitaliseringen ska ledas samordnat i hela koncernen. Förvaltningar och bolag delar metoder och verktyg, lär av varandra och letar tillsammans efter var digitaliseringen ännu inte används fullt ut.",
			"Digitalization is to be led in a coordinated way across the whole group. Administrations and companies share methods and tools, learn from each other and look together for where digitalization is not yet used fully.")),
		demoSection(p, "ledarskap-samordning", demoText("Samordning och portfölj", "Coordination and portfolio"), demoText(
			"Alla digitaliseringsinitiativ samlas i en gemensam portfölj med ägare, perspektiv och förväntad nytta. Initiativ som liknar varandra i olika enheter ska upptäckas tidigt så att de kan genomföras tillsammans.",
			"Every digitalization initiative is gathered in one shared portfolio with its owner, perspectives and expected benefit. Initiatives that resemble each other in different units are to be found early so that they can be carried out together.")),
		demoSection(p, "ledarskap-nytta", demoText("Nyttorealisering", "Benefit realization"), demoText(
			"Varje initiativ ska beskriva vilken nytta det ska ge och hur nyttan mäts. Nyttan följs upp även efter att förändringen är införd, så att vi vet vad digitaliseringen faktiskt gav.",
			"Every initiative is to describe the benefit it is to bring and how the benefit is measured. The benefit is followed up also after the change has been introduced, so that we know what digitalization actually gave.")),
	}
}

func demoHallbarhet() []followup.Section {
	p := followup.Hallbarhet
	return []followup.Section{
		demoSection(p, "hallbarhet", demoText("Digital hållbarhet", "Digital sustainability"), demoText(
			"Digitaliseringen ska bidra till social, ekologisk och ekonomisk hållbarhet och till de globala målen i Agenda 2030.",
			"Digitalization is to contribute to social, ecological and economic sustainability and to the global goals of the 2030 Agenda.")),
		demoSection(p, "hallbarhet-miljo", demoText("Miljö och klimat", "Environment and climate"), demoText(
			"Digitala ärenden och digitala möten ska minska pappersanvändning och resor. Kommunens egna webbsidor ska vara lätta och inte hämta något från andra webbplatser, så att deras klimatpåverkan hålls låg.",
			"Digital errands and digital meetings are to reduce paper use and travel. The municipality's own web pages are to be light and fetch nothing from other websites, so that their climate impact stays low.")),
		demoSection(p, "hallbarhet-upphandling", demoText("Hållbar upphandling", "Sustainable procurement"), demoText(
			"När vi köper digitala tjänster ställer vi krav på goda arbetsvillkor och skäliga arbetstider hos leverantören och på hänsyn till miljön. Kraven och hur de har bedömts dokumenteras.",
			"When we buy digital services we require good working conditions and reasonable working hours at the supplier, and care for the environment. The requirements and how they were assessed are documented.")),
	}
}

func demoInnovation() []followup.Section {
	p := followup.Innovation
	return []followup.Section{
		demoSection(p, "innovation", demoText("Digital innovation", "Digital innovation"), demoText(
			"Vi arbetar systematiskt med innovation, så att idéer från medarbetare och invånare kan bli verklighet.",
			"We work systematically with innovation, so that ideas from staff and residents can become reality.")),
		demoSection(p, "innovation-ideer", demoText("Från idé till nytta", "From idea to benefit"), demoText(
			"Idéer tas emot från både invånare och medarbetare. Den som lämnade en idé ska kunna se hur den tas om hand, från bedömning till genomförd förändring.",
			"Ideas are received from residents and staff alike. Whoever gave an idea is to be able to see how it is taken care of, from assessment to a change carried out.")),
	}
}

// demoOpenData is the sub-area the second revision adds.
func demoOpenData() followup.Section {
	return demoSection(followup.Innovation, "innovation-oppna-data", demoText("Öppna data", "Open data"), demoText(
		"Data som kommunkoncernen har, och som varken omfattas av sekretess eller innehåller personuppgifter, ska publiceras som öppna data i öppna format så att andra kan skapa nya tjänster av dem.\n\n"+
			"Datamängderna beskrivs så att de går att hitta via [Sveriges dataportal](https://www.dataportal.se), och statistik om plattformen själv publiceras automatiskt.",
		"Data the municipal group holds, which is neither confidential nor contains personal data, is to be published as open data in open formats so that others can build new services from it.\n\n"+
			"The datasets are described so that they can be found through [Sweden's data portal](https://www.dataportal.se), and statistics about the platform itself are published automatically."))
}

// demoUppfoljning returns the follow-up section, as the second revision
// words it when clearer.
func demoUppfoljning(clearer bool) []followup.Section {
	p := followup.Uppfoljning
	sv := "Utvecklingsavdelningen följer digitaliseringen kontinuerligt och redovisar varje år hur koncernen ligger till mot policyns mål. Policyn revideras när det behövs."
	en := "The development department follows digitalization continuously and reports every year how the group stands against the policy's goals. The policy is revised when needed."
	if clearer {
		sv = "Utvecklingsavdelningen följer digitaliseringen kontinuerligt. Uppföljningen bygger i första hand på data som plattformen själv mäter, per perspektiv och enhet.\n\n" +
			"Varje år redovisas i en uppföljningsrapport hur koncernen ligger till mot policyns mål. Policyn revideras när det behövs."
		en = "The development department follows digitalization continuously. The follow-up builds first of all on data the platform measures itself, per perspective and unit.\n\n" +
			"Every year a follow-up report shows how the group stands against the policy's goals. The policy is revised when needed."
	}
	return []followup.Section{
		demoSection(p, "uppfoljning", demoText("Uppföljning", "Follow-up"), demoText(sv, en)),
		demoSection(p, "uppfoljning-indikatorer", demoText("Indikatorer", "Indicators"), demoText(
			"Varje mål följs upp med en eller flera indikatorer. En indikator har ett målvärde per år och visar om utvecklingen går åt rätt håll.",
			"Every goal is followed up with one or more indicators. An indicator has a target for each year and shows whether things are moving the right way.")),
	}
}

// demoGoals returns the goals of the first revision.
func demoGoals() []followup.Goal {
	g := func(key string, p followup.Perspective, sv, en string, inds ...string) followup.Goal {
		return followup.Goal{Key: key, Perspective: p, Text: demoText(sv, en), Indicators: inds}
	}
	return []followup.Goal{
		g("trygghet-mal-1", followup.Trygghet, "Fler av kommunens tjänster ska gå att använda digitalt.",
			"More of the municipality's services are to be usable digitally.", "e-tjanster-antal"),
		g("trygghet-mal-2", followup.Trygghet, "En allt större andel av ärendena ska komma in digitalt, utan att den som väljer papper får sämre service.",
			"A growing share of errands is to arrive digitally, without worse service for those who choose paper.", "digital-andel"),
		g("trygghet-mal-3", followup.Trygghet, "Invånare och företag ska få besked snabbare.",
			"Residents and businesses are to get decisions faster.", "handlaggningstid-median"),
		g("kompetens-mal-1", followup.Kompetens, "Medarbetarnas och chefernas digitala kompetens ska öka varje år.",
			"The digital competence of staff and managers is to grow every year.", "kompetens-medel"),
		g("ledarskap-mal-1", followup.Ledarskap, "Den digitala mognaden ska öka i alla förvaltningar och bolag.",
			"Digital maturity is to grow in every administration and company.", "mognad-medel"),
		g("ledarskap-mal-2", followup.Ledarskap, "Digitaliseringsinitiativen ska ge nytta som går att visa.",
			"The digitalization initiatives are to bring benefits that can be shown.", "initiativ-pagaende", "realiserad-nytta"),
		g("hallbarhet-mal-1", followup.Hallbarhet, "Kommunens webbsidor ska vara lätta och ha liten klimatpåverkan.",
			"The municipality's web pages are to be light and have a small climate impact.", "sidvikt", "co2-per-sidvisning"),
		g("hallbarhet-mal-2", followup.Hallbarhet, "Digitala ärenden ska minska pappersanvändningen.",
			"Digital errands are to reduce the use of paper.", "papper-undvikt"),
		g("innovation-mal-1", followup.Innovation, "Idéer från invånare och medarbetare ska tas om hand och bli till initiativ.",
			"Ideas from residents and staff are to be taken care of and become initiatives.", "initiativ-pagaende"),
	}
}
