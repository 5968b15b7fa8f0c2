package demo

import (
	"bytes"
	"fmt"
	"math"
	mrand "math/rand/v2"
	"time"

	"sprang/internal/eservice"
	"sprang/internal/pdf"
)

// The limits of one bathing-water sample the demo's assessments follow
// (colony-forming units per 100 ml), as the sampling programme (the PDF)
// states them.
const (
	ecoliRemark  = 500
	ecoliUnfit   = 1000
	enteroRemark = 200
	enteroUnfit  = 400
)

// assess returns the assessment of a sample.
func assess(ecoli, entero int) string {
	switch {
	case ecoli > ecoliUnfit || entero > enteroUnfit:
		return "Otjänligt"
	case ecoli > ecoliRemark || entero > enteroRemark:
		return "Tjänligt med anmärkning"
	}
	return "Tjänligt"
}

// bacteria draws a count of bacteria: usually small, now and then high
// (after heavy rain).
func bacteria(rng *mrand.Rand, median float64) int {
	x := median * math.Exp(rng.NormFloat64()*1.2)
	if rng.IntN(25) == 0 {
		x *= 20
	}
	return int(math.Round(x))
}

// waterSampleRows returns the bathing-water samples of the summers 2023 to
// 2025: five per beach and summer.
func waterSampleRows() [][]string {
	rng := newRand("vattenprover")
	rows := [][]string{{"Badplats", "Provdatum", "E. coli (cfu/100 ml)", "Intestinala enterokocker (cfu/100 ml)",
		"Vattentemperatur (°C)", "Bedömning", "Kommentar"}}
	days := [][2]int{{6, 16}, {7, 1}, {7, 15}, {8, 1}, {8, 15}}
	for _, year := range []int{2023, 2024, 2025} {
		for _, b := range beaches() {
			for i, d := range days {
				day := time.Date(year, time.Month(d[0]), d[1]+rng.IntN(3), 0, 0, 0, 0, time.UTC)
				ecoli, entero := bacteria(rng, 12), bacteria(rng, 6)
				temp := 15 + 3*math.Sin(math.Pi*float64(i)/4) + rng.NormFloat64()*1.5
				if b.water == "Hav" {
					temp -= 2
				}
				comment := ""
				if a := assess(ecoli, entero); a != "Tjänligt" {
					comment = "Omprov taget; kraftigt regn dagarna före provet"
				}
				rows = append(rows, []string{b.name, day.Format(time.DateOnly), itoa(ecoli), itoa(entero), dec(temp, 1),
					assess(ecoli, entero), comment})
			}
		}
	}
	return rows
}

// samplingProgramme returns the sampling programme of the bathing waters
// as an accessible PDF.
func samplingProgramme() ([]byte, error) {
	var names []string
	for _, b := range beaches() {
		names = append(names, b.name+" ("+b.area+")")
	}
	doc := pdf.Document{
		Title:   "Provtagningsprogram för badvatten",
		Lang:    "sv-SE",
		Author:  "Samhällsbyggnadsförvaltningen, miljö- och hälsoskydd",
		Subject: "Hur kommunens badplatser provtas och hur proven bedöms",
		Blocks: []pdf.Block{
			{Kind: pdf.H1, Text: "Provtagningsprogram för badvatten"},
			{Text: "Kommunen tar prov på vattnet vid de allmänna badplatserna fem gånger varje sommar, från mitten av juni till mitten av augusti. " +
				"Proven undersöks av ett ackrediterat laboratorium för två sorters tarmbakterier: E. coli och intestinala enterokocker."},
			{Kind: pdf.H2, Text: "Så bedöms ett prov"},
			{Kind: pdf.List, Items: []string{
				fmt.Sprintf("Tjänligt: högst %d E. coli och högst %d enterokocker per 100 ml.", ecoliRemark, enteroRemark),
				fmt.Sprintf("Tjänligt med anmärkning: fler, men högst %d E. coli och %d enterokocker per 100 ml.", ecoliUnfit, enteroUnfit),
				fmt.Sprintf("Otjänligt: fler än %d E. coli eller %d enterokocker per 100 ml. Kommunen sätter upp skyltar och tar ett nytt prov.", ecoliUnfit, enteroUnfit),
			}},
			{Kind: pdf.H2, Text: "Badplatser som provtas"},
			{Kind: pdf.List, Items: names},
			{Kind: pdf.H2, Text: "Om uppgifterna"},
			{Text: "Provsvaren publiceras som öppna data i filen vattenprover.csv. Värdena anges i kolonibildande enheter (cfu) per 100 ml och vattentemperaturen i grader Celsius."},
			{Kind: pdf.Small, Text: "Exempel skapat för demon av Språnget."},
		},
	}
	var b bytes.Buffer
	if _, err := doc.WriteTo(&b); err != nil {
		return nil, err
	}
	return b.Bytes(), nil
}

// station is an air-quality measuring station and its character: the
// usual levels of NO2 and PM10 (µg/m³) and how much traffic shapes them.
type station struct {
	name      string
	no2, pm10 float64
	traffic   float64
}

var stations = []station{
	{"Centrum, Torggatan", 17, 14, 1},
	{"Domsjö", 11, 12, 0.4},
	{"Gullänget", 7, 9, 0.3},
}

// airQualityRows returns hourly means of PM10, PM2.5 and NO2 at three
// stations for 2025, in Swedish local time: about 26,000 rows. Now and
// then a value is missing (the instrument was calibrated), and in spring
// the dust of studded tyres raises PM10 on dry days.
func airQualityRows() [][]string {
	rng := newRand("luftkvalitet")
	loc := eservice.StatsLocation()
	start := time.Date(2025, 1, 1, 0, 0, 0, 0, loc)
	end := time.Date(2026, 1, 1, 0, 0, 0, 0, loc)
	rows := [][]string{{"Station", "Tidpunkt", "PM10 (µg/m³)", "PM2.5 (µg/m³)", "NO2 (µg/m³)", "Kommentar"}}
	for _, s := range stations {
		gap := 0
		dry := 1.0
		for t := start; t.Before(end); t = t.Add(time.Hour) {
			local := t.In(loc)
			if local.Hour() == 0 {
				dry = 0.3 + rng.Float64()*1.4
			}
			if gap == 0 && rng.IntN(1500) == 0 {
				gap = 3 + rng.IntN(6)
			}
			row := []string{s.name, local.Format("2006-01-02 15:04")}
			if gap > 0 {
				gap--
				rows = append(rows, append(row, "", "", "", "Kalibrering"))
				continue
			}
			pm10, pm25, no2 := airValues(rng, s, local, dry)
			rows = append(rows, append(row, dec(pm10, 1), dec(pm25, 1), dec(no2, 1), ""))
		}
	}
	return rows
}

// airValues returns one hour's PM10, PM2.5 and NO2 at s.
func airValues(rng *mrand.Rand, s station, t time.Time, dry float64) (pm10, pm25, no2 float64) {
	h := float64(t.Hour())
	rush := math.Exp(-(h-8)*(h-8)/3) + 0.8*math.Exp(-(h-16.5)*(h-16.5)/4)
	if wd := t.Weekday(); wd == time.Saturday || wd == time.Sunday {
		rush *= 0.4
	}
	winter := 1 + 0.35*math.Cos(2*math.Pi*float64(t.YearDay()-15)/365)
	spring := 0.0
	if m := t.Month(); m == time.March || m == time.April {
		spring = 22 * dry * s.traffic
	}
	noise := func() float64 { return math.Exp(rng.NormFloat64() * 0.35) }
	no2 = s.no2 * winter * (0.6 + 1.6*s.traffic*rush) * noise()
	pm10 = (s.pm10*(0.7+0.8*s.traffic*rush) + spring*(0.5+rush)) * noise()
	pm25 = (3.2*winter + 0.15*pm10) * noise()
	return round(pm10, 1), round(pm25, 1), round(no2, 1)
}

// wasteFraction is a fraction of waste Miva collects: its tonnes in 2015,
// its yearly trend, and the first year it was collected on its own.
type wasteFraction struct {
	name  string
	base  float64
	trend float64
	from  int
}

var wasteFractions = []wasteFraction{
	{"Restavfall", 11800, -0.031, 2015}, {"Matavfall", 2600, 0.022, 2015},
	{"Pappersförpackningar", 1480, 0.012, 2015}, {"Plastförpackningar", 640, 0.041, 2015},
	{"Glasförpackningar", 1150, 0.008, 2015}, {"Metallförpackningar", 160, 0.015, 2015},
	{"Tidningar och returpapper", 1900, -0.072, 2015}, {"Grovavfall", 7300, 0.006, 2015},
	{"Trädgårdsavfall", 5200, 0.01, 2015}, {"Farligt avfall", 310, 0.018, 2015},
	{"Elavfall", 780, -0.004, 2015}, {"Textil", 120, 0, 2025},
}

// population is the demo municipality's population at the end of a year.
func population(year int) int {
	return 55700 - (year-2015)*25 + []int{0, 40, -30, 60, 10, -50, 20, 30, -20, 15, 5}[(year-2015)%11]
}

// wasteTonnes returns the tonnes of fraction f collected in year; the
// same every time for the same fraction and year.
func wasteTonnes(f wasteFraction, year int) float64 {
	rng := newRand(fmt.Sprintf("avfall %s %d", f.name, year))
	t := f.base * math.Pow(1+f.trend, float64(year-f.from)) * (1 + rng.NormFloat64()*0.04)
	if year == 2020 && (f.name == "Grovavfall" || f.name == "Trädgårdsavfall") {
		t *= 1.12 // a year at home: more clearing out
	}
	return round(t, 1)
}

// wasteRows returns the collected waste per year and fraction from 2015
// to last. The first version of the file ended with 2024 and had a
// preliminary figure for garden waste that year; the second adds 2025 and
// the corrected figure.
func wasteRows(last int) func() [][]string {
	return func() [][]string {
		rows := [][]string{{"År", "Fraktion", "Mängd (ton)", "Kg per invånare"}}
		for year := 2015; year <= last; year++ {
			for _, f := range wasteFractions {
				if year < f.from {
					continue
				}
				t := wasteTonnes(f, year)
				if last == 2024 && year == 2024 && f.name == "Trädgårdsavfall" {
					t = round(t*0.93, 1) // preliminary: the autumn's last loads were missing
				}
				rows = append(rows, []string{itoa(year), f.name, dec(t, 1), dec(t*1000/float64(population(year)), 1)})
			}
		}
		return rows
	}
}

// indicator is a key figure of the municipality: its name and unit and
// how it develops from 2015 (value of year y: f(y - 2015, noise)).
type indicator struct {
	name, unit string
	decimals   int
	value      func(i int, noise float64) float64
}

var indicators = []indicator{
	{"Invånare", "antal", 0, func(i int, _ float64) float64 { return float64(population(2015 + i)) }},
	{"Andel invånare 65 år och äldre", "procent", 1, func(i int, n float64) float64 { return 22.8 + 0.31*float64(i) + n*0.1 }},
	{"Kommunal skattesats", "kronor per 100 kronor", 2, func(i int, _ float64) float64 {
		if i < 5 {
			return 22.60
		}
		return 22.85
	}},
	{"Nettokostnad per invånare", "kronor", 0, func(i int, n float64) float64 { return 52000 * math.Pow(1.028, float64(i)) * (1 + n*0.01) }},
	{"Elever i årskurs 9 behöriga till gymnasiet", "procent", 1, func(_ int, n float64) float64 { return 85.5 + n*2.2 }},
	{"Barn per årsarbetare i förskolan", "antal", 1, func(i int, n float64) float64 { return 5.4 - 0.03*float64(i) + n*0.1 }},
	{"Kollektivtrafikresor per invånare", "antal", 1, func(i int, n float64) float64 {
		v := 38 - 0.4*float64(i) + n
		if i == 5 || i == 6 {
			v *= 0.72 // the pandemic years
		}
		return v
	}},
	{"Ärenden som kommit in digitalt", "procent", 1, func(i int, n float64) float64 { return 12 + 5.4*float64(i) + n }},
	{"Färdigställda bostäder", "antal", 0, func(i int, n float64) float64 { return 150 + 12*float64(i) + 40*n }},
	{"Hushållsavfall per invånare", "kg", 1, func(i int, n float64) float64 { return 482 - 4.6*float64(i) + 5*n }},
}

// keyFigureRows returns the municipality's key figures 2015–2025.
func keyFigureRows() [][]string {
	rng := newRand("nyckeltal")
	rows := [][]string{{"År", "Nyckeltal", "Värde", "Enhet"}}
	for year := 2015; year <= 2025; year++ {
		for _, ind := range indicators {
			rows = append(rows, []string{itoa(year), ind.name, dec(ind.value(year-2015, rng.NormFloat64()), ind.decimals), ind.unit})
		}
	}
	return rows
}

// body is a political body and when and where it meets: the week of the
// month (1–4, or -1 for the last) and weekday, the time and the room.
type body struct {
	name, slug string
	week       int
	weekday    time.Weekday
	at, room   string
}

var bodies = []body{
	{"Kommunfullmäktige", "kf", -1, time.Monday, "13:00", "Fullmäktigesalen, Stadshuset"},
	{"Kommunstyrelsen", "ks", 2, time.Tuesday, "08:30", "Sammanträdesrum Ådalen, Stadshuset"},
	{"Barn- och utbildningsnämnden", "bun", 3, time.Wednesday, "08:30", "Sammanträdesrum Mo, Stadshuset"},
	{"Socialnämnden", "sn", 3, time.Thursday, "08:30", "Sammanträdesrum Själevad, Stadshuset"},
	{"Samhällsbyggnadsnämnden", "sbn", 4, time.Tuesday, "13:15", "Sammanträdesrum Nätra, Stadshuset"},
	{"Kultur- och fritidsnämnden", "kfn", 2, time.Thursday, "13:15", "Sammanträdesrum Arnäs, Stadshuset"},
}

// meetingDay returns the day b meets in a month.
func meetingDay(b body, year int, month time.Month) time.Time {
	if b.week < 0 {
		d := time.Date(year, month+1, 0, 0, 0, 0, 0, time.UTC)
		for d.Weekday() != b.weekday {
			d = d.AddDate(0, 0, -1)
		}
		return d
	}
	d := time.Date(year, month, 1, 0, 0, 0, 0, time.UTC)
	for d.Weekday() != b.weekday {
		d = d.AddDate(0, 0, 1)
	}
	return d.AddDate(0, 0, 7*(b.week-1))
}

// meetingRows returns the meetings of the political bodies in 2025 and
// 2026, every month but July, with a link to each agenda.
func meetingRows() [][]string {
	rows := [][]string{{"Organ", "Datum", "Tid", "Plats", "Föredragningslista"}}
	for _, year := range []int{2025, 2026} {
		for month := time.January; month <= time.December; month++ {
			if month == time.July {
				continue
			}
			for _, b := range bodies {
				day := meetingDay(b, year, month).Format(time.DateOnly)
				rows = append(rows, []string{b.name, day, b.at, b.room,
					"https://kommun.example.se/politik/sammantraden/" + b.slug + "/" + day})
			}
		}
	}
	return rows
}
