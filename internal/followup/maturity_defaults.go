package followup

// DefaultMaturityQuestions returns the questions a year starts with when
// no earlier year has any: six on digital capability and six on digital
// heritage, in Språnget's own words. Each is answered 0 (not at all) to 4
// (fully), or "don't know".
func DefaultMaturityQuestions() []MaturityQuestion {
	c := func(key, sv, en string) MaturityQuestion {
		return MaturityQuestion{Key: key, Dimension: Capability, Text: Text{SV: sv, EN: en}}
	}
	h := func(key, sv, en string) MaturityQuestion {
		return MaturityQuestion{Key: key, Dimension: Heritage, Text: Text{SV: sv, EN: en}}
	}
	return []MaturityQuestion{
		c("formaga-mal", "Enhetens ledning har formulerat mål för vad digitaliseringen ska ge verksamheten och följer upp dem.",
			"The unit's management has set goals for what digitalization should bring to the work and follows them up."),
		c("formaga-behov", "Vi utgår från invånarnas och medarbetarnas behov när vi förändrar arbetssätt med digitalt stöd.",
			"We start from the needs of residents and staff when we change ways of working with digital support."),
		c("formaga-kompetens", "Medarbetare och chefer har den digitala kompetens som arbetet kräver, och tid att utveckla den.",
			"Staff and managers have the digital competence the work requires, and time to develop it."),
		c("formaga-nytta", "Vi beräknar nyttan innan vi startar ett digitaliseringsinitiativ och mäter den efteråt.",
			"We estimate the benefit before starting a digitalization initiative and measure it afterwards."),
		c("formaga-samverkan", "Vi samarbetar med andra förvaltningar och bolag om gemensamma lösningar i stället för att bygga egna.",
			"We work with other departments and companies on shared solutions instead of building our own."),
		c("formaga-innovation", "Idéer från medarbetare och invånare tas om hand, prövas och leder till förändring.",
			"Ideas from staff and residents are taken care of, tried out and lead to change."),
		h("arv-ansokan", "Invånare och företag kan göra sina ärenden hos oss digitalt, från ansökan till beslut.",
			"Residents and businesses can do their errands with us digitally, from application to decision."),
		h("arv-flode", "Våra kärnprocesser har digitalt stöd utan utskrifter, dubbelregistrering eller manuella mellansteg.",
			"Our core processes are digitally supported without printouts, double entry or manual intermediate steps."),
		h("arv-system", "Våra verksamhetssystem är moderna, har en förvaltningsplan och kan utbyta information med andra system.",
			"Our business systems are modern, have a maintenance plan and can exchange information with other systems."),
		h("arv-information", "Vår information är strukturerad, sökbar och förtecknad, med tydligt ansvar för varje mängd.",
			"Our information is structured, searchable and listed, with a clear owner for each set."),
		h("arv-oppna-data", "Information som kan vara öppen publiceras som öppna data i maskinläsbart format.",
			"Information that can be open is published as open data in a machine-readable format."),
		h("arv-sakerhet", "Informationssäkerhet och dataskydd är inbyggda i våra system och rutiner, med klassade informationsmängder.",
			"Information security and data protection are built into our systems and routines, with classified information sets."),
	}
}
