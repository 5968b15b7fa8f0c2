package followup

// SDG is one of the 17 global goals of Agenda 2030 (the Sustainable
// Development Goals), with a short name in Swedish and English, in the
// platform's own words.
type SDG struct {
	Number int
	Name   Text
}

// sdgNames are the 17 goals' names, by number.
var sdgNames = [17]Text{
	{SV: "Ingen fattigdom", EN: "No poverty"},
	{SV: "Ingen hunger", EN: "Zero hunger"},
	{SV: "God hälsa och välbefinnande", EN: "Good health and well-being"},
	{SV: "God utbildning för alla", EN: "Quality education"},
	{SV: "Jämställdhet", EN: "Gender equality"},
	{SV: "Rent vatten och sanitet", EN: "Clean water and sanitation"},
	{SV: "Hållbar energi för alla", EN: "Affordable and clean energy"},
	{SV: "Anständiga arbetsvillkor och ekonomisk tillväxt", EN: "Decent work and economic growth"},
	{SV: "Hållbar industri, innovationer och infrastruktur", EN: "Industry, innovation and infrastructure"},
	{SV: "Minskad ojämlikhet", EN: "Reduced inequalities"},
	{SV: "Hållbara städer och samhällen", EN: "Sustainable cities and communities"},
	{SV: "Hållbar konsumtion och produktion", EN: "Responsible consumption and production"}, //nolint:misspell // Swedish
	{SV: "Bekämpa klimatförändringarna", EN: "Climate action"},
	{SV: "Hav och marina resurser", EN: "Life below water"},
	{SV: "Ekosystem och biologisk mångfald", EN: "Life on land"},
	{SV: "Fredliga och inkluderande samhällen", EN: "Peace, justice and strong institutions"},
	{SV: "Genomförande och globalt partnerskap", EN: "Partnerships for the goals"},
}

// SDGs returns the 17 goals in order.
func SDGs() []SDG {
	out := make([]SDG, len(sdgNames))
	for i, n := range sdgNames {
		out[i] = SDG{Number: i + 1, Name: n}
	}
	return out
}

// SDGByNumber returns goal n (1–17), and false for any other number.
func SDGByNumber(n int) (SDG, bool) {
	if n < 1 || n > len(sdgNames) {
		return SDG{}, false
	}
	return SDG{Number: n, Name: sdgNames[n-1]}, true
}
