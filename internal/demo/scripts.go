package demo

import (
	"fmt"
	mrand "math/rand/v2"
	"strconv"
	"strings"
	"time"

	"sprang/internal/eservice"
)

// channelCount is how many errands of a service come in by a channel.
type channelCount struct {
	channel eservice.Channel
	n       int
}

// script is how the example content uses one service: how many errands
// by which channel, who sends them, what they answer and how the unit
// handles them.
type script struct {
	slug     string
	channels []channelCount
	loggedIn float64 // share of digital errands sent by a logged-in resident
	known    float64 // share of registered errands about a resident the officer looked up
	answer   func(s *seeding, p *errandPlan)
	handling handling
}

// withResident returns the share of errands by channel ch that belong to
// a resident.
func (sc script) withResident(ch eservice.Channel) float64 {
	if ch == eservice.ChannelDigital {
		return sc.loggedIn
	}
	return sc.known
}

// scripts returns the example errands of every published demo service,
// about 120 in all, most of them digital.
func scripts() []script {
	return []script{
		{slug: "felanmalan-gata-park", loggedIn: 0.45, known: 0.3, answer: answerFelanmalan, handling: felanmalanHandling(),
			channels: []channelCount{{eservice.ChannelDigital, 30}, {eservice.ChannelPhone, 6}, {eservice.ChannelVisit, 2}, {eservice.ChannelLetter, 2}}},
		{slug: "parkeringstillstand-for-rorelsehindrade", loggedIn: 1, known: 1, answer: answerParkering, handling: parkeringHandling(),
			channels: []channelCount{{eservice.ChannelDigital, 8}, {eservice.ChannelPaper, 4}}},
		{slug: "ansokan-om-bostadsanpassningsbidrag", loggedIn: 1, known: 1, answer: answerBostadsanpassning, handling: bostadsanpassningHandling(),
			channels: []channelCount{{eservice.ChannelDigital, 5}, {eservice.ChannelPaper, 2}}},
		{slug: "synpunkter-och-klagomal", loggedIn: 0.3, known: 0.5, answer: answerSynpunkt, handling: synpunktHandling(),
			channels: []channelCount{{eservice.ChannelDigital, 13}, {eservice.ChannelLetter, 3}, {eservice.ChannelVisit, 1}, {eservice.ChannelPhone, 1}}},
		{slug: "ansokan-om-skolskjuts", loggedIn: 1, known: 1, answer: answerSkolskjuts, handling: skolskjutsHandling(),
			channels: []channelCount{{eservice.ChannelDigital, 9}, {eservice.ChannelPaper, 1}}},
		{slug: "anmalan-av-hinder-i-barnomsorgen", loggedIn: 1, known: 1, answer: answerHinder, handling: hinderHandling(),
			channels: []channelCount{{eservice.ChannelDigital, 11}, {eservice.ChannelPhone, 1}}},
		{slug: "andrad-hamtning-av-avfall", loggedIn: 1, known: 1, answer: answerAvfall, handling: avfallHandling(),
			channels: []channelCount{{eservice.ChannelDigital, 10}, {eservice.ChannelPhone, 4}}},
		{slug: "boka-digital-hjalp", loggedIn: 0.3, known: 0, answer: answerDigitalHjalp, handling: digitalHjalpHandling(),
			channels: []channelCount{{eservice.ChannelDigital, 4}, {eservice.ChannelPhone, 3}, {eservice.ChannelVisit, 2}}},
	}
}

// yesNo returns the answer of a yes/no question.
func yesNo(b bool) string {
	if b {
		return "yes"
	}
	return "no"
}

// day returns t's Stockholm date moved by days, as YYYY-MM-DD.
func day(t time.Time, days int) string {
	return t.In(stockholm).AddDate(0, 0, days).Format(time.DateOnly)
}

// weekday returns the first weekday at or after YYYY-MM-DD date d.
func weekday(d string) string {
	t, err := time.Parse(time.DateOnly, d)
	if err != nil {
		return d
	}
	for weekend(t) {
		t = t.AddDate(0, 0, 1)
	}
	return t.Format(time.DateOnly)
}

// longDate writes YYYY-MM-DD date d the Swedish way, e.g. "3 mars 2026".
func longDate(d string) string {
	t, err := time.Parse(time.DateOnly, d)
	if err != nil {
		return d
	}
	months := []string{"januari", "februari", "mars", "april", "maj", "juni", "juli", "augusti",
		"september", "oktober", "november", "december"}
	return fmt.Sprintf("%d %s %d", t.Day(), months[t.Month()-1], t.Year())
}

// kronor writes n kronor with a space between thousands, e.g. "38 500".
func kronor(n int) string {
	s := strconv.Itoa(n)
	var b strings.Builder
	for i, c := range s {
		if i > 0 && (len(s)-i)%3 == 0 {
			b.WriteByte(' ')
		}
		b.WriteRune(c)
	}
	return b.String()
}

// addressQuestion is the id the demo forms give their address question.
const addressQuestion = "adress" //nolint:misspell // Swedish, as in the forms

// setAddress sets the three fields of address question id.
func setAddress(a eservice.Answers, id, street, postcode, city string) {
	s, p, c := eservice.AddressFields(id)
	a[s], a[p], a[c] = []string{street}, []string{postcode}, []string{city}
}

// anyone returns a made-up person for an errand without a resident, who
// may still give a name and an address for the reply.
func (s *seeding) anyone(p *errandPlan) *resident {
	if p.resident != nil {
		return p.resident
	}
	return pick(s.rng, s.people)
}

// fictionalPhone returns a mobile number from the series the Swedish Post
// and Telecom Authority keeps for fiction (070-174 06 05 to 070-174 06 99).
func fictionalPhone(rng *mrand.Rand) string {
	return fmt.Sprintf("070-174 06 %02d", 5+rng.IntN(95))
}

// winter reports whether t is in the snow months, November to March.
func winter(t time.Time) bool {
	m := t.In(stockholm).Month()
	return m >= time.November || m <= time.March
}

// --- Felanmälan gata och park ---

// fault is what residents report about one kind of fault.
type fault struct {
	places, descriptions, decisions []string
	danger                          float64 // share reported as dangerous
}

// faults returns the reports and fixes by the kind of fault (the "typ"
// option).
func faults() map[string]fault {
	return map[string]fault{
		"belysning": {danger: 0.1,
			places: []string{"Gång- och cykelvägen vid Gullängets skola", "Järnvägsgatan mellan resecentrum och Lasarettsgatan",
				"Parkeringen vid Själevads kyrka", "Busshållplatsen vid Kroksta centrum", "Storgatan, utanför nummer 42",
				"Gångtunneln under Viktoriaesplanaden", "Granstigen i Bredbyn, vid vändplanen"},
			descriptions: []string{
				"Tre gatlampor i rad är släckta sedan förra veckan. Det är helt mörkt på kvällarna och många barn går här till skolan.",
				"Lampan blinkar hela tiden och slocknar ibland helt.",
				"Belysningsstolpen lutar efter att plogbilen kört på den. Armaturen hänger snett.",
				"Lampan lyser dygnet runt, även mitt på dagen.",
				"Hela gångvägen är mörk. Det känns otryggt att gå här på kvällen."},
			decisions: []string{
				"Tack för din anmälan. Vår entreprenör har bytt armaturen och belysningen fungerar igen.",
				"Felet satt i en kabel som nu är lagad. Alla lampor på sträckan lyser igen.",
				"Stolpen är uppriktad och armaturen utbytt."}},
		"vaghal": {danger: 0.3,
			places: []string{"Hörneågatan, utanför nummer 7", "Nygatan vid korsningen mot Lasarettsgatan",
				"Infarten till Domsjö industriområde", "Cykelvägen längs Moälven vid Själevad", "Bryggargatan 15",
				"Backen upp mot Varvsberget"},
			descriptions: []string{
				"Ett djupt hål i asfalten mitt i körfältet, ungefär en halvmeter brett. Bilarna svänger ut i mötande körfält för att undvika det.",
				"Flera potthål efter tjällossningen. Det står vatten i dem när det regnar, så man ser inte hur djupa de är.",
				"Brunnslocket har sjunkit och det blir en kant på flera centimeter. Farligt för cyklister.",
				"Asfalten har spruckit upp längs trottoarkanten och det ligger lösa stenar på cykelbanan."},
			decisions: []string{
				"Hålet är lagat med asfalt. Sträckan finns med i planen för ny beläggning nästa sommar.",
				"Brunnslocket är justerat i nivå med vägbanan.",
				"Potthålen är lagade. Tack för att du hörde av dig."}},
		"klotter": {danger: 0.1,
			places: []string{"Busskuren vid Husums centrum", "Gångtunneln under E4 vid Gullänget", "Toaletthuset i Strandparken",
				"Elskåpet vid Sjögatan 3", "Väntkuren vid Bjästa skola"},
			descriptions: []string{
				"Någon har sprejat klotter över hela busskuren, även över tidtabellen.",
				"Stötande text sprejad på tunnelväggen. Den syns tydligt från gångvägen.",
				"En ruta i väntkuren är krossad och det ligger glas på marken.",
				"Nytt klotter på väggen sedan i helgen."},
			decisions: []string{
				"Klottret är sanerat. Tack för att du hjälper oss att hålla rent.",
				"Rutan är utbytt och glaset bortstädat.",
				"Klottret är borttaget. Stötande klotter tar vi bort inom ett dygn."}},
		"park": {danger: 0.2,
			places: []string{"Lekplatsen i Parkhemsområdet", "Lekplatsen vid Bjästa skola", "Strandpromenaden i hamnen",
				"Stadsparken", "Lekplatsen i Själevads centrum", "Badplatsen vid Hörneå"},
			descriptions: []string{
				"En av gungorna har gått sönder, kedjan har lossnat i ena änden.",
				"Rutschkanan har en vass kant där barnen kan skära sig.",
				"Papperskorgarna är överfulla och det blåser skräp över hela gräsmattan.",
				"En stor gren har fallit ner över gångvägen efter stormen.",
				"Sanden under klätterställningen är nästan borta, det är hårt att landa."},
			decisions: []string{
				"Gungan är lagad och vi har kontrollerat den övriga lekutrustningen.",
				"Grenen är bortforslad och trädet är besiktigat.",
				"Papperskorgarna töms nu två gånger i veckan under sommaren.",
				"Ny sand är påfylld under klätterställningen."}},
		"snorojning": {danger: 0.4,
			places: []string{"Gång- och cykelvägen mellan Själevad och Gullänget", "Trottoaren på Storgatan mellan nummer 10 och 30",
				"Busshållplatsen vid sjukhuset", "Backen upp mot Varvsberget", "Vändplanen i slutet av Granstigen i Bredbyn"},
			descriptions: []string{
				"Det har inte plogats på tre dagar. Det går inte att ta sig fram med rullator eller barnvagn.",
				"Plogvallen blockerar övergångsstället, man måste kliva ut i gatan.",
				"Mycket halt i backen. Flera har halkat i morse. Det behöver sandas.",
				"Snövallen vid utfarten är så hög att man inte ser trafiken."},
			decisions: []string{
				"Sträckan är plogad och sandad. Vi har påmint entreprenören om att den ska prioriteras.",
				"Snövallen är bortkörd från korsningen.",
				"Backen är sandad. Vid ishalka sandar vi gång- och cykelvägar först."}},
		"annat": {danger: 0.1,
			places: []string{"Storgatan vid torget", "Korsningen Centralesplanaden och Nygatan", "Parkeringen vid ishallen",
				"Gullängets centrum"},
			descriptions: []string{
				"Trafikljuset för gående slår aldrig om till grönt när man trycker på knappen.",
				"En bil utan registreringsskyltar har stått här i över en månad.",
				"Vatten forsar upp ur en dagvattenbrunn och rinner över gångbanan.",
				"Parkeringsautomaten tar inte kort och visar bara ett felmeddelande."},
			decisions: []string{
				"Tryckknappen vid övergångsstället är utbytt och signalen fungerar.",
				"Fordonet är flyttat enligt lagen om flyttning av fordon.",
				"Felet är åtgärdat. Tack för din anmälan."}},
		"skylt": {danger: 0.3,
			places: []string{"Korsningen Skolgatan och Kungsgatan", "Infarten till Gullänget från E4", "Järnvägsgatan vid resecentrum"},
			descriptions: []string{
				"Stoppskylten i korsningen har blåst omkull och ligger i diket.",
				"Skylten om 30 km/h är helt täckt av en buske.",
				"Vägvisaren mot resecentrum pekar åt fel håll, någon har vridit den."},
			decisions: []string{
				"Skylten är återställd.",
				"Buskaget är nerklippt så att skylten syns igen.",
				"Vägvisaren är vriden rätt och fastskruvad."}},
	}
}

// faultKind draws the kind of fault reported at t: snow and lighting in
// winter, roads, parks and graffiti in summer; traffic signs only from
// version 2, which has the option.
func faultKind(rng *mrand.Rand, t time.Time, version int) string {
	kinds := []string{"vaghal", "vaghal", "park", "park", "klotter", "klotter", "belysning", "annat", "skylt"}
	if winter(t) {
		kinds = []string{"snorojning", "snorojning", "snorojning", "belysning", "belysning", "belysning", "vaghal", "klotter", "annat"}
	}
	k := pick(rng, kinds)
	if k == "skylt" && version < 2 {
		k = "annat"
	}
	return k
}

func answerFelanmalan(s *seeding, p *errandPlan) {
	rng := s.rng
	kind := faultKind(rng, p.at, p.version.number)
	f := faults()[kind]
	p.answers = eservice.Answers{"typ": {kind}, "farligt": {yesNo(chance(rng, f.danger))},
		"plats": {pick(rng, f.places)}, "beskrivning": {pick(rng, f.descriptions)}}
	if p.channel == eservice.ChannelDigital && chance(rng, 0.4) {
		p.attach = append(p.attach, attachment{question: "bild", kind: attachPhoto,
			name: fmt.Sprintf("IMG_%04d.jpg", 1000+rng.IntN(9000)), shade: uint8(rng.IntN(256))})
	}
	reply := p.resident != nil || chance(rng, 0.5)
	p.answers["vill_ha_svar"] = []string{yesNo(reply)}
	if reply {
		who := s.anyone(p)
		p.answers["namn"], p.answers["epost"] = []string{who.name()}, []string{who.email()}
		p.email = who.email()
	}
}

func felanmalanHandling() handling {
	return handling{officers: []string{"handlaggare", "petra.holmgren"}, open: true,
		notes: []string{
			"Arbetsorder skickad till driftentreprenören.",
			"Besiktigat på plats. Felet stämmer med anmälan, arbetsorder skickad.",
			"Material beställt, leveranstid cirka två veckor.",
			"Samma fel är anmält av flera. Samlat i det här ärendet."},
		messages: []string{
			"Hej! Tack för din anmälan. Vi har beställt reparationen, men det kan dröja några veckor eftersom material ska levereras. Vi hör av oss när det är klart.",
			"Hej! Vi har varit på plats och tittat. Felet är provisoriskt åtgärdat och lagas ordentligt så snart vädret tillåter.",
			"Tack för din anmälan, den gjorde det lätt att hitta platsen."},
		questions: []string{"Hej, felet är kvar. Finns det något nytt?", "Vet ni ungefär när det kan bli åtgärdat?"},
		replies: []string{"Hej! Det ligger hos entreprenören och är planerat till nästa vecka. Tack för ditt tålamod.",
			"Hej! Vi räknar med att det är klart inom två veckor."},
		requests: []request{
			{ask: "Vi hittar inte riktigt platsen. Kan du beskriva närmare var felet finns, till exempel närmaste husnummer?",
				answer: "Det är precis utanför nummer 14, vid det gröna elskåpet.",
				byPost: "Anmälaren ringde och beskrev platsen: utanför nummer 14, vid det gröna elskåpet."},
			{ask: "Kan du skicka en bild på felet? Det hjälper oss att beställa rätt material.",
				answer: "Här kommer en bild från i morse.",
				attach: &attachment{kind: attachPhoto, name: "bild-fran-i-morse.jpg", shade: 90}}},
		closeNote: []string{"Dubblett: samma fel är redan anmält och hanteras i ett annat ärende.",
			"Felet var redan åtgärdat när vi kom till platsen. Avslutas utan åtgärd."},
		decide: func(rng *mrand.Rand, p *errandPlan) string {
			if chance(rng, 0.07) {
				return "Platsen ligger inte på kommunens mark. Vi har skickat din anmälan vidare till fastighetsägaren och avslutar ärendet hos oss."
			}
			return pick(rng, faults()[p.answers.Get("typ")].decisions)
		}}
}

// --- Parkeringstillstånd för rörelsehindrade ---

// mobility is what applicants write about how far they can walk.
var mobility = []string{
	"Jag har KOL och blir andfådd efter några tiotal meter. Jag måste stanna och vila ofta.",
	"Efter en stroke har jag nedsatt balans och går med rollator. Jag klarar ungefär 100 meter.",
	"Jag har svår artros i båda knäna och väntar på operation. Det gör mycket ont att gå.",
	"Jag har hjärtsvikt och orkar bara gå korta sträckor, särskilt i backar och kyla.",
	"Min sambo har Parkinsons sjukdom och behöver min hjälp för att ta sig mellan bilen och entrén.",
}

func answerParkering(s *seeding, p *errandPlan) {
	rng := s.rng
	driver := chance(rng, 0.7)
	role, text := "forare", pick(rng, mobility[:4])
	if !driver {
		role, text = "passagerare", mobility[4]
	}
	metres := 20 + 10*rng.IntN(30)
	p.answers = eservice.Answers{"roll": {role}, "gangstracka": {strconv.Itoa(metres)}, "beskrivning": {text}}
	p.byLetter = p.channel == eservice.ChannelPaper && chance(rng, 0.6)
	who := s.anyone(p)
	p.attach = []attachment{
		{question: "lakarintyg", kind: attachDocument, name: "Läkarintyg.pdf", title: "Läkarintyg för parkeringstillstånd",
			lines: []string{"Patient: " + who.name(), "Bedömd gångförmåga: högst " + strconv.Itoa(metres) + " meter, med hjälpmedel.",
				"Funktionsnedsättningen väntas bestå i minst två år.", "Utfärdat av: legitimerad läkare, vårdcentral i Örnsköldsvik."}},
		{question: "foto", kind: attachPhoto, name: "foto.jpg", shade: uint8(rng.IntN(256))},
	}
}

func parkeringHandling() handling {
	return handling{officers: []string{"handlaggare", "petra.holmgren"}, open: true,
		notes: []string{
			"Läkarintyget är utfärdat av specialist. Gångsträckan bedöms vara under 100 meter.",
			"Stämt av med förtroendeläkaren, bedömningen stöder ansökan.",
			"Fotot uppfyller kraven för kortet.",
			"Tidigare tillstånd gick ut förra månaden. Det här är en förnyelse."},
		messages: []string{
			"Hej! Din ansökan är under handläggning. Vi räknar med att kunna fatta beslut inom två veckor.",
			"Hej! Vi har tagit emot ditt läkarintyg och ditt foto. Du behöver inte skicka något mer just nu."},
		questions: []string{"Hej! Mitt gamla tillstånd går ut snart. Hinner det nya bli klart innan dess?"},
		replies:   []string{"Hej! Ja, vi prioriterar förnyelser så att du inte blir utan tillstånd."},
		requests: []request{
			{ask: "Läkarintyget saknar uppgift om hur länge funktionsnedsättningen väntas bestå. Be din läkare komplettera intyget och skicka in det här.",
				answer: "Här är det kompletterade intyget från vårdcentralen.",
				attach: &attachment{kind: attachDocument, name: "Läkarintyg komplettering.pdf", title: "Komplettering av läkarintyg",
					lines: []string{"Funktionsnedsättningen är bestående."}},
				byPost: "Kompletterat läkarintyg kom in per post och är inskannat."},
			{ask: "Fotot är för mörkt för att kunna användas på kortet. Skicka ett nytt porträttfoto mot ljus bakgrund.",
				answer: "Här är ett nytt foto.", attach: &attachment{kind: attachPhoto, name: "nytt-foto.jpg", shade: 200},
				byPost: "Nytt foto kom in per post."}},
		appeal: "Beslutet är överklagat till förvaltningsrätten. Handlingarna är skickade dit.",
		decide: func(rng *mrand.Rand, p *errandPlan) string {
			if chance(rng, 0.2) {
				return "Ansökan avslås. Enligt läkarintyget kan du gå längre sträckor utan större svårigheter, och kraven i trafikförordningen är därför inte uppfyllda. Information om hur du överklagar skickas med beslutet."
			}
			until := longDate(day(p.at, 3*365))
			if p.answers.Get("roll") == "passagerare" {
				return "Parkeringstillstånd beviljas för dig som passagerare, till och med " + until + ". Kortet skickas hem till dig inom en vecka."
			}
			return "Parkeringstillstånd beviljas för dig som förare, till och med " + until + ". Kortet skickas hem till dig inom en vecka."
		}}
}

// --- Ansökan om bostadsanpassningsbidrag ---

// adaptation is a home adaptation and its usual cost range in kronor.
type adaptation struct {
	what     string
	low, top int
}

var adaptations = []adaptation{
	{"Ta bort trösklar i hela bostaden", 8000, 25000},
	{"Byta badkar mot dusch i golvnivå", 45000, 90000},
	{"Montera stödhandtag vid toalett och dusch", 2000, 6000},
	{"Bygga ramp till entrén", 20000, 60000},
	{"Installera trapphiss till övervåningen", 90000, 160000},
	{"Automatisk dörröppnare på entrédörren", 15000, 30000},
	{"Höj- och sänkbar diskbänk", 25000, 45000},
}

func answerBostadsanpassning(s *seeding, p *errandPlan) {
	rng := s.rng
	who := s.anyone(p)
	p.answers = eservice.Answers{}
	setAddress(p.answers, addressQuestion, who.street, who.postcode, who.city)
	form := pick(rng, []string{"agt", "agt", "agt", "bostadsratt", "hyresratt", "hyresratt"})
	p.answers["boendeform"] = []string{form}
	if form != "agt" {
		owner := "Övikshem AB"
		if form == "bostadsratt" {
			owner = "Bostadsrättsföreningen " + strings.Fields(who.street)[0]
		}
		p.attach = append(p.attach, attachment{question: "agarens_medgivande", kind: attachDocument,
			name: "Medgivande fastighetsägare.pdf", title: "Medgivande till anpassningsåtgärder",
			lines: []string{"Fastighetsägaren medger att åtgärderna i ansökan utförs i bostaden på " + who.street + ".",
				"Fastighetsägare: " + owner}})
	}
	n := 1 + rng.IntN(3)
	p.answers["atgard"] = []string{strconv.Itoa(n)}
	for i, k := range rng.Perm(len(adaptations))[:n] {
		a := adaptations[k]
		p.answers[eservice.InstanceField("atgard", i, "vad")] = []string{a.what}
		if chance(rng, 0.7) {
			cost := (a.low + rng.IntN(a.top-a.low)) / 500 * 500
			p.answers[eservice.InstanceField("atgard", i, "kostnad")] = []string{strconv.Itoa(cost)}
		}
	}
	p.attach = append(p.attach, attachment{question: "intyg", kind: attachDocument, name: "Intyg arbetsterapeut.pdf",
		title: "Intyg från arbetsterapeut", lines: []string{"Gäller: " + who.name(),
			"Åtgärderna i ansökan behövs för att den sökande ska kunna bo kvar och klara vardagen på egen hand."}})
	p.byLetter = p.channel == eservice.ChannelPaper
}

func bostadsanpassningHandling() handling {
	return handling{officers: []string{"handlaggare"}, open: true,
		notes: []string{
			"Hembesök gjort tillsammans med arbetsterapeuten. Åtgärderna är motiverade.",
			"Begärt offert från två entreprenörer.",
			"Kontrollerat med fastighetsägaren att medgivandet gäller alla åtgärder."},
		messages: []string{
			"Hej! Vi vill göra ett hembesök för att se bostaden. Passar det tisdag nästa vecka klockan 10? Svara gärna här.",
			"Hej! Offerterna har kommit in och vi räknar med att fatta beslut inom en månad."},
		questions: []string{"Hej! Finns det något jag kan göra för att det ska gå fortare? Det är svårt att duscha just nu."},
		replies:   []string{"Hej! Vi förstår. Vi har prioriterat ditt ärende och återkommer nästa vecka."},
		requests: []request{
			{ask: "Vi behöver ett kostnadsförslag från en entreprenör för ombyggnaden. Skicka in det här.",
				answer: "Här är offerten från byggfirman.",
				attach: &attachment{kind: attachDocument, name: "Offert.pdf", title: "Offert",
					lines: []string{"Ombyggnad enligt ansökan om bostadsanpassningsbidrag.", "Pris inklusive moms: 64 500 kronor."}},
				byPost: "Offerten kom in per post och är inskannad."},
			{ask: "Fastighetsägarens medgivande saknar underskrift. Skicka in ett underskrivet medgivande.",
				answer: "Här är medgivandet med underskrift.",
				attach: &attachment{kind: attachDocument, name: "Medgivande underskrivet.pdf", title: "Medgivande till anpassningsåtgärder",
					lines: []string{"Underskrivet av fastighetsägaren."}},
				byPost: "Underskrivet medgivande kom in per post."}},
		decide: func(rng *mrand.Rand, p *errandPlan) string {
			if chance(rng, 0.15) {
				return "Ansökan avslås. Åtgärden räknas som normalt underhåll av bostaden och omfattas inte av lagen om bostadsanpassningsbidrag."
			}
			n, _ := strconv.Atoi(p.answers.Get("atgard"))
			var what []string
			sum := 0
			for i := range n {
				what = append(what, strings.ToLower(p.answers.Get(eservice.InstanceField("atgard", i, "vad"))))
				c, err := strconv.Atoi(p.answers.Get(eservice.InstanceField("atgard", i, "kostnad")))
				if err != nil {
					c = 20000
				}
				sum += c
			}
			return "Bidrag beviljas med " + kronor(sum) + " kronor för att " + strings.Join(what, " och ") +
				". Bidraget betalas ut när arbetet är utfört och fakturan har kommit in."
		}}
}

// --- Synpunkter och klagomål ---

// opinion is a resident's opinion about an activity (the "verksamhet"
// option).
type opinion struct{ about, text string }

// opinions returns what residents write, by kind (the "typ" option).
func opinions() map[string][]opinion {
	return map[string][]opinion{
		"berom": {
			{"omsorg", "Jag vill ge beröm till hemtjänsten i Själevad som hjälper min mamma. De är alltid glada och tar sig tid att prata."},
			{"gata", "Tack för den nya belysningen längs gång- och cykelvägen. Nu känns det tryggt att gå hem på kvällen."},
			{"kultur", "Tack till personalen på biblioteket som hjälpte mig med BankID. Så tålmodiga!"},
			{"skola", "Min dotters lärare har gjort ett fantastiskt jobb i år. Stort tack!"}},
		"klagomal": {
			{"gata", "Snöröjningen på vår gata fungerar dåligt. Plogbilen kommer först mitt på dagen och då har alla redan kört fast."},
			{"bygg", "Det tar alldeles för lång tid att få svar om bygglov. Jag har väntat i sex veckor utan att höra något."},
			{"skola", "Skolmaten på min sons skola är ofta kall när den serveras."},
			{"avfall", "Matavfallet har inte hämtats på tre veckor trots att kärlet har stått ute."},
			{"omsorg", "Det är svårt att komma fram på telefon till äldreomsorgen. Jag får vänta över en halvtimme."}},
		"forslag": {
			{"gata", "Det skulle behövas fler papperskorgar längs strandpromenaden, särskilt på sommaren."},
			{"kultur", "Biblioteket borde ha öppet längre på lördagar."},
			{"gata", "Bygg gärna en cykelbana längs hela Storgatan."},
			{"annat", "Det vore bra med fler laddplatser för elbil vid kommunens parkeringar."}},
		"ovrigt": {
			{"annat", "Var hittar man protokollen från kommunfullmäktige? Jag hittar dem inte på webbplatsen."},
			{"kultur", "Hur bokar man ishallen för ett barnkalas?"}},
	}
}

func answerSynpunkt(s *seeding, p *errandPlan) {
	rng := s.rng
	kind := pick(rng, []string{"berom", "klagomal", "klagomal", "klagomal", "forslag", "forslag", "ovrigt"})
	o := pick(rng, opinions()[kind])
	p.answers = eservice.Answers{"typ": {kind}, "verksamhet": {o.about}, "text": {o.text}}
	reply := p.resident != nil || chance(rng, 0.6)
	p.answers["vill_ha_svar"] = []string{yesNo(reply)}
	if reply {
		who := s.anyone(p)
		p.answers["namn"], p.answers["epost"] = []string{who.name()}, []string{who.email()}
		p.email = who.email()
	}
	p.byLetter = p.channel == eservice.ChannelLetter && p.resident != nil
}

func synpunktHandling() handling {
	return handling{officers: []string{"maria.sjoberg"}, open: true,
		notes: []string{
			"Skickat vidare till berörd förvaltning för svar.",
			"Skickat vidare till gatuenheten.",
			"Tas upp på ledningsgruppens möte på tisdag."},
		messages: []string{
			"Hej! Tack för att du hörde av dig. Vi har tagit emot din synpunkt och lämnat den till den verksamhet det gäller."},
		requests: []request{
			{ask: "Kan du berätta lite mer om när det hände, så att vi kan följa upp det med verksamheten?",
				answer: "Det var i tisdags eftermiddag, ungefär klockan 15.",
				byPost: "Kompletterande uppgifter kom in per brev."}},
		closeNote: []string{"Samma synpunkt har kommit in två gånger. Besvaras i det andra ärendet."},
		decide: func(_ *mrand.Rand, p *errandPlan) string {
			switch p.answers.Get("typ") {
			case "berom":
				return "Tack för berömmet! Vi har skickat det vidare till personalen."
			case "forslag":
				return "Tack för förslaget. Det tas med i arbetet med nästa års verksamhetsplan."
			case "ovrigt":
				return "Frågan är besvarad. Du hittar mer information på kommunens webbplats eller hos kontaktcenter."
			}
			return "Synpunkten är besvarad och har lämnats till berörd verksamhet. Tack för att du hjälper oss att bli bättre."
		}}
}

// --- Ansökan om skolskjuts ---

// childNames are the given names of the children in the example content.
var childNames = []string{"Alva", "Elsa", "Wilma", "Alice", "Maja", "Vera", "Tyra", "Nils", "Hugo", "Liam", "Noah", "Elias", "Melvin", "Sixten", "Ebbe"}

// schools are the schools of the example content.
var schools = []string{"Gullängets skola", "Själevads skola", "Bjästa skola", "Husums skola", "Parkskolan", "Sörbyskolan", "Bredbyns skola"}

// child returns a made-up child of r, age years old at t.
func (s *seeding) child(r *resident, t time.Time, age int) *resident {
	born := t.In(stockholm).AddDate(-age, 0, -s.rng.IntN(360))
	return childOf(r, pick(s.rng, childNames), born, s.rng.IntN(20))
}

func answerSkolskjuts(s *seeding, p *errandPlan) {
	rng := s.rng
	parent := s.anyone(p)
	grades := []string{"f", "1", "2", "3", "4", "5", "6", "7", "8", "9"}
	g := rng.IntN(len(grades))
	kid := s.child(parent, p.at, 6+g)
	p.answers = eservice.Answers{"barn_personnummer": {string(kid.pnr)}, "barn_namn": {kid.name()},
		"skola": {pick(rng, schools)}, "arskurs": {grades[g]}}
	reason := pick(rng, []string{"avstand", "avstand", "avstand", "avstand", "avstand", "trafik", "trafik", "trafik", "funktion", "annat"})
	p.answers["skal"] = []string{reason}
	switch reason {
	case "trafik":
		p.answers["motivering"] = []string{pick(rng, []string{
			"Skolvägen går längs landsvägen där det saknas gång- och cykelbana och bilarna kör 70 km/h.",
			"Barnet måste korsa E4 vid en plats utan övergångsställe."})}
	case "annat":
		p.answers["motivering"] = []string{"Vi har flyttat mitt i terminen och barnet vill gå kvar i sin gamla skola året ut."}
	case "funktion":
		p.attach = []attachment{{question: "intyg", kind: attachDocument, name: "Intyg.pdf", title: "Intyg om funktionsnedsättning",
			lines: []string{"Gäller: " + kid.name(), "Barnet kan inte ta sig till skolan på egen hand på grund av sin funktionsnedsättning."}}}
	}
	setAddress(p.answers, addressQuestion, parent.street, parent.postcode, parent.city)
	alternate := chance(rng, 0.2)
	p.answers["vaxelvis"] = []string{yesNo(alternate)}
	if alternate {
		other := pick(rng, s.people)
		setAddress(p.answers, "andra_"+addressQuestion, other.street, other.postcode, other.city)
	}
	if chance(rng, 0.7) {
		p.email = parent.email()
	}
}

func skolskjutsHandling() handling {
	return handling{officers: []string{"karin.berglund"}, open: true,
		notes: []string{
			"Avståndet enligt kartverktyget är 3,4 kilometer.",
			"Skolvägen är bedömd av trafikhandläggaren.",
			"Stämt av med skolskjutsplaneraren om plats i bussen."},
		messages: []string{"Hej! Vi har tagit emot ansökan. Besked om skolskjuts för hösten skickas ut i juni."},
		requests: []request{
			{ask: "Vi behöver veta vilken sträcka du bedömer som trafikfarlig. Beskriv var barnet måste korsa eller gå längs en större väg.",
				answer: "Barnet måste gå 800 meter längs landsvägen utan gångbana och korsa den vid busshållplatsen, där bilarna kör 70.",
				byPost: "Vårdnadshavaren ringde och beskrev skolvägen."}},
		decide: func(rng *mrand.Rand, p *errandPlan) string {
			if p.answers.Get("skal") == "annat" || chance(rng, 0.15) {
				return "Ansökan avslås. Avståndet mellan hemmet och skolan är kortare än kommunens gräns för årskursen, och skolvägen är inte bedömd som trafikfarlig."
			}
			y := p.at.In(stockholm).Year()
			text := fmt.Sprintf("Skolskjuts beviljas för läsåret %d/%02d. Barnet åker skolbuss från hållplatsen närmast hemmet. Turlistan skickas ut i augusti.", y, (y+1)%100)
			if p.answers.Get("vaxelvis") == "yes" {
				text += " Skolskjutsen gäller från båda adresserna."
			}
			return text
		}}
}

// --- Anmälan av hinder vid barnomsorg ---

func answerHinder(s *seeding, p *errandPlan) {
	rng := s.rng
	parent := s.anyone(p)
	where := pick(rng, []string{"forskola", "forskola", "forskola", "fritids", "dagbarnvardare"})
	age := 1 + rng.IntN(5)
	if where == "fritids" {
		age = 6 + rng.IntN(5)
	}
	kid := s.child(parent, p.at, age)
	from := 1 + rng.IntN(20)
	reason := pick(rng, []string{"sjukdom", "sjukdom", "resa", "resa", "resa", "annat"})
	p.answers = eservice.Answers{"barn_personnummer": {string(kid.pnr)}, "verksamhet": {where},
		"fran": {day(p.at, from)}, "till": {day(p.at, from+7+rng.IntN(40))}, "orsak": {reason}}
	notes := map[string][]string{
		"sjukdom": {"Han är nyopererad och ska vara hemma tills läkaren har gjort en ny bedömning.", "Hon ska vara hemma under behandlingen enligt läkarens råd."},
		"resa":    {"Vi hälsar på släkten utomlands och kommer tillbaka söndagen innan.", "Vi är bortresta hela perioden."},
		"annat":   {"Mormor bor hos oss under perioden och tar hand om barnet hemma."},
	}
	if chance(rng, 0.5) {
		p.answers["ovrigt"] = []string{pick(rng, notes[reason])}
	}
	if chance(rng, 0.5) {
		p.email = parent.email()
	}
}

func hinderHandling() handling {
	return handling{officers: []string{"karin.berglund"},
		notes:    []string{"Förskolan har fått besked per telefon.", "Avgiftshandläggaren har fått besked."},
		messages: []string{"Tack för anmälan. Platsen finns kvar och verksamheten vet om frånvaron."},
		decide: func(_ *mrand.Rand, p *errandPlan) string {
			where := map[string]string{"forskola": "förskolan", "fritids": "fritidshemmet", "dagbarnvardare": "dagbarnvårdaren"}[p.answers.Get("verksamhet")]
			from, _ := time.Parse(time.DateOnly, p.answers.Get("fran"))
			to, _ := time.Parse(time.DateOnly, p.answers.Get("till"))
			text := "Anmälan är registrerad och " + where + " vet om frånvaron. Platsen finns kvar under tiden."
			if p.answers.Get("orsak") == "sjukdom" && to.Sub(from) > 30*24*time.Hour {
				text += " Avgiften sätts ner för perioden, eftersom frånvaron beror på sjukdom längre än en månad."
			} else {
				text += " Avgiften betalas som vanligt."
			}
			return text
		}}
}

// --- Anmälan om ändrad hämtning av avfall ---

// estate returns a made-up property designation (fastighetsbeteckning)
// near r's address.
func (s *seeding) estate(r *resident) string {
	area := r.city
	if area == "Örnsköldsvik" {
		area = pick(s.rng, []string{"Gullänget", "Sörböle", "Järved", "Kroksta"})
	}
	return fmt.Sprintf("%s %d:%d", area, 1+s.rng.IntN(30), 1+s.rng.IntN(250))
}

// neighbour returns the address a few houses along r's street.
func neighbour(rng *mrand.Rand, r *resident) string {
	f := strings.Fields(r.street)
	n, err := strconv.Atoi(f[len(f)-1])
	if err != nil || len(f) < 2 {
		return r.street
	}
	return strings.Join(f[:len(f)-1], " ") + " " + strconv.Itoa(n+2+2*rng.IntN(3))
}

func answerAvfall(s *seeding, p *errandPlan) {
	rng := s.rng
	who := s.anyone(p)
	p.answers = eservice.Answers{}
	setAddress(p.answers, addressQuestion, who.street, who.postcode, who.city)
	if chance(rng, 0.5) {
		p.answers["fastighetsbeteckning"] = []string{s.estate(who)}
	}
	change := pick(rng, []string{"storlek", "storlek", "intervall", "intervall", "delat", "uppehall", "uppehall"})
	p.answers["andring"] = []string{change}
	bins := pick(rng, [][]string{{"mat"}, {"rest"}, {"mat", "rest"}, {"fyrfack"}})
	p.answers["karl"] = bins
	from := 14 + rng.IntN(26)
	p.answers["fran"] = []string{day(p.at, from)}
	switch change {
	case "storlek":
		p.answers["ny_storlek"] = []string{pick(rng, []string{"140", "190", "240", "370"})}
	case "intervall":
		p.answers["intervall"] = []string{pick(rng, []string{"1v", "2v", "2v", "4v"})}
	case "delat":
		setAddress(p.answers, "granne", neighbour(rng, who), who.postcode, who.city)
	case "uppehall":
		p.answers["till"] = []string{day(p.at, from+60+rng.IntN(150))}
	}
	if chance(rng, 0.6) {
		p.email = who.email()
	}
}

func avfallHandling() handling {
	return handling{officers: []string{"sara.lindqvist"}, open: true,
		notes: []string{
			"Kärlbyte beställt till torsdag.",
			"Kontrollerat att grannen också har anmält delat kärl.",
			"Registrerat i kundsystemet."},
		messages: []string{"Hej! Vi har tagit emot din anmälan och återkommer med bekräftelse när ändringen är registrerad."},
		requests: []request{
			{ask: "Uppehåll i hämtningen kräver att ingen bor i huset under perioden. Stämmer det?",
				answer: "Ja, vi är bortresta hela perioden och huset står tomt.",
				byPost: "Kunden ringde och bekräftade att huset står tomt under perioden."},
			{ask: "Vi behöver ett godkännande från grannen för att kunna registrera delat kärl. Be grannen svara på det här meddelandet eller ringa kundtjänst.",
				answer: "Grannen har ringt er i dag och godkänt.",
				byPost: "Grannen ringde och godkände delat kärl."}},
		decide: decideAvfall}
}

// decideAvfall writes Miva's decision on a change of waste collection.
func decideAvfall(_ *mrand.Rand, p *errandPlan) string {
	from := longDate(p.answers.Get("fran"))
	switch p.answers.Get("andring") {
	case "storlek":
		return "Ändringen är genomförd. Du får ett nytt kärl på " + p.answers.Get("ny_storlek") +
			" liter veckan före " + from + ". Den nya avgiften syns på nästa faktura."
	case "intervall":
		if p.answers.Get("intervall") == "4v" && strings.Contains(strings.Join(p.answers["karl"], " "), "mat") {
			return "Ansökan avslås. Matavfall kan av hygienskäl inte hämtas var fjärde vecka. Du kan välja hämtning varannan vecka."
		}
		every := map[string]string{"1v": "varje vecka", "2v": "varannan vecka", "4v": "var fjärde vecka"}[p.answers.Get("intervall")]
		return "Hämtningen är ändrad till " + every + " från och med " + from + ". Den nya avgiften syns på nästa faktura."
	case "delat":
		street, _, _ := eservice.AddressFields("granne")
		return "Delat kärl är registrerat från och med " + from + " tillsammans med " + p.answers.Get(street) + ". Avgiften delas lika."
	}
	return "Uppehåll i hämtningen är registrerat från och med " + from + " till och med " + longDate(p.answers.Get("till")) +
		". Kärlen ska vara tömda när uppehållet börjar."
}

// --- Boka digital hjälp på biblioteket ---

// libraries names the libraries of the "bibliotek" options.
var libraries = map[string]string{"stadsbiblioteket": "Stadsbiblioteket", "bjasta": "Bjästa bibliotek",
	"bredbyn": "Bredbyns bibliotek", "husum": "Husums bibliotek"}

func answerDigitalHjalp(s *seeding, p *errandPlan) {
	rng := s.rng
	topics := []string{"mobil", "dator", "bankid", "etjanster", "epost"}
	var chosen []string
	for _, t := range topics {
		if chance(rng, 0.35) {
			chosen = append(chosen, t)
		}
	}
	if len(chosen) == 0 {
		chosen = []string{pick(rng, topics)}
	}
	who := s.anyone(p)
	p.answers = eservice.Answers{"amnen": chosen,
		"bibliotek": {pick(rng, []string{"stadsbiblioteket", "stadsbiblioteket", "bjasta", "bredbyn", "husum"})},
		"datum":     {weekday(day(p.at, 2+rng.IntN(12)))}, "tid": {pick(rng, []string{"fm", "em"})},
		"namn": {who.name()}, "telefon": {fictionalPhone(rng)}}
}

func digitalHjalpHandling() handling {
	return handling{officers: []string{"jonas.naslund"},
		notes: []string{"Ringt och bekräftat tiden.", "Bokat in Lena i informationsdisken."},
		decide: func(_ *mrand.Rand, p *errandPlan) string {
			hour := "10.00"
			if p.answers.Get("tid") == "em" {
				hour = "14.00"
			}
			return "Välkommen till " + libraries[p.answers.Get("bibliotek")] + " den " + longDate(p.answers.Get("datum")) +
				" klockan " + hour + ". Fråga efter digitalhjälpen i informationsdisken. Ta gärna med din mobil eller surfplatta."
		}}
}
