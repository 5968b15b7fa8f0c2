package demo

import (
	"encoding/json"
	"fmt"
	"strings"
	"time"
)

// colAddress is the name of the address columns.
const colAddress = "Adress" //nolint:misspell // Swedish

// playground is one generated lekplats.
type playground struct {
	name, address, area string
	lat, lon            float64
	equipment           []string
	access              string
	inspected           string
}

// playgroundParks are the names of the parks a playground is in.
var playgroundParks = []string{"Parken", "Ekbacken", "Solgläntan", "Tallåsen", "Björkdungen", "Ängen", "Kullen",
	"Hagen", "Skogsbrynet", "Torget", "Bäcken", "Lönnen"}

// playgroundStreets are street names of the generated addresses.
var playgroundStreets = []string{"Skolvägen", "Björkvägen", "Parkgatan", "Hagavägen", "Lärkvägen", "Furuvägen",
	"Rönnvägen", "Solvägen", "Sjögatan", "Kyrkvägen", "Norrgatan", "Lingonvägen"}

var playgroundEquipment = []string{"gungor", "sandlåda", "rutschkana", "klätterställning", "gungbräda",
	"fjädergunga", "lekstuga", "linbana", "kompisgunga", "balansbana"}

var playgroundAccess = []string{"Tillgänglighetsanpassad", "Delvis tillgänglig", "Delvis tillgänglig", "Ej anpassad"}

// playgrounds returns the generated lekplatser: two or three in the
// larger places of the municipality, one in the villages.
func playgrounds() []playground {
	rng := newRand("lekplatser")
	var out []playground
	for i, p := range places {
		n := 1
		if i < 8 {
			n = 2 + rng.IntN(2)
		}
		for j := range n {
			park := playgroundParks[(i*3+j*5)%len(playgroundParks)]
			lat, lon := near(rng, p)
			eq := map[string]bool{}
			for k := 3 + rng.IntN(4); len(eq) < k; {
				eq[pick(rng, playgroundEquipment)] = true
			}
			var list []string
			for _, e := range playgroundEquipment {
				if eq[e] {
					list = append(list, e)
				}
			}
			day := time.Date(2026, 4, 15, 0, 0, 0, 0, time.UTC).AddDate(0, 0, rng.IntN(150))
			out = append(out, playground{
				name:      park + "s lekplats, " + p.name,
				address:   fmt.Sprintf("%s %d", pick(rng, playgroundStreets), 1+rng.IntN(40)),
				area:      p.name,
				lat:       round(lat, 6),
				lon:       round(lon, 6),
				equipment: list,
				access:    pick(rng, playgroundAccess),
				inspected: day.Format(time.DateOnly),
			})
		}
	}
	return out
}

// playgroundRows returns the lekplatser as a table.
func playgroundRows() [][]string {
	rows := [][]string{{"Namn", colAddress, "Område", "Latitud", "Longitud", "Utrustning", "Tillgänglighet", "Senast besiktad"}}
	for _, p := range playgrounds() {
		rows = append(rows, []string{p.name, p.address, p.area, coord(p.lat), coord(p.lon),
			strings.Join(p.equipment, ", "), p.access, p.inspected})
	}
	return rows
}

// playgroundGeoJSON returns the lekplatser as an RFC 7946
// FeatureCollection of points.
func playgroundGeoJSON() ([]byte, error) {
	type geometry struct {
		Type        string     `json:"type"`
		Coordinates [2]float64 `json:"coordinates"`
	}
	type feature struct {
		Type       string         `json:"type"`
		Geometry   geometry       `json:"geometry"`
		Properties map[string]any `json:"properties"`
	}
	fc := struct {
		Type     string    `json:"type"`
		Features []feature `json:"features"`
	}{Type: "FeatureCollection"}
	for _, p := range playgrounds() {
		fc.Features = append(fc.Features, feature{Type: "Feature",
			Geometry: geometry{Type: "Point", Coordinates: [2]float64{p.lon, p.lat}},
			Properties: map[string]any{"namn": p.name, "gatuadress": p.address, "omrade": p.area,
				"utrustning": p.equipment, "tillganglighet": p.access, "senast_besiktad": p.inspected}})
	}
	b, err := json.MarshalIndent(fc, "", " ")
	if err != nil {
		return nil, fmt.Errorf("demo geojson: %w", err)
	}
	return append(b, '\n'), nil
}

// beach is one generated badplats.
type beach struct {
	name, area, water string
	lat, lon          float64
	jetty, toilet     bool
	accessible, dogs  bool
}

// beaches returns the municipality's badplatser.
func beaches() []beach {
	rng := newRand("badplatser")
	list := []struct{ name, area, water string }{
		{"Gullviks havsbad", "Arnäsvall", "Hav"}, {"Prästsjöbadet", "Själevad", "Sjö"},
		{"Veckefjärdens bad", "Västerhus", "Hav"}, {"Bjästasjöns badplats", "Bjästa", "Sjö"},
		{"Köpmanholmens havsbad", "Köpmanholmen", "Hav"}, {"Husums badstrand", "Husum", "Hav"},
		{"Flärkens badplats", "Bredbyn", "Sjö"}, {"Mellanselsbadet", "Mellansel", "Sjö"},
		{"Moälvens badplats", "Moliden", "Sjö"}, {"Gideå havsbad", "Gideå", "Hav"},
		{"Stortjärnens bad", "Trehörningsjö", "Sjö"}, {"Björnasjöns badplats", "Björna", "Sjö"},
		{"Gottnesjön", "Gottne", "Sjö"}, {"Domsjöbadet", "Domsjö", "Hav"},
	}
	var out []beach
	for _, b := range list {
		p := places[0]
		for _, q := range places {
			if q.name == b.area {
				p = q
			}
		}
		lat, lon := near(rng, p)
		out = append(out, beach{name: b.name, area: b.area, water: b.water, lat: round(lat, 6), lon: round(lon, 6),
			jetty: rng.IntN(3) > 0, toilet: rng.IntN(4) > 0, accessible: rng.IntN(3) == 0, dogs: rng.IntN(5) == 0})
	}
	return out
}

// jaNej writes b as "ja" or "nej".
func jaNej(b bool) string {
	if b {
		return "ja"
	}
	return "nej"
}

// beachRows returns the badplatser as a table.
func beachRows() [][]string {
	rows := [][]string{{"Namn", "Område", "Vatten", "Latitud", "Longitud", "Brygga", "Toalett", "Tillgänglighetsanpassad", "Hundbad"}}
	for _, b := range beaches() {
		rows = append(rows, []string{b.name, b.area, b.water, coord(b.lat), coord(b.lon), jaNej(b.jetty), jaNej(b.toilet),
			jaNej(b.accessible), jaNej(b.dogs)})
	}
	return rows
}

// preschoolRows returns the förskolor: name, area, address, coordinates,
// places, operator and opening hours. The file is written in
// Windows-1252, as an old spreadsheet export.
func preschoolRows() [][]string {
	rng := newRand("förskolor")
	names := []string{"Solstrålen", "Myrstacken", "Ekorren", "Blåbäret", "Lingonet", "Trollskogen", "Humlan",
		"Snäckan", "Stjärnan", "Regnbågen", "Tallkotten", "Äppelgården", "Ugglan", "Vitsippan", "Näckrosen",
		"Smultronet", "Hjortronet", "Kotten", "Fjärilen", "Måsen", "Ängsbacken", "Skogsgläntan"}
	rows := [][]string{{"Namn", "Område", colAddress, "Latitud", "Longitud", "Platser", "Huvudman", "Öppettider"}}
	for i, n := range names {
		p := places[i%len(places)]
		if i >= len(places) {
			p = places[rng.IntN(6)]
		}
		lat, lon := near(rng, p)
		operator := "Kommunal"
		if rng.IntN(4) == 0 {
			operator = "Enskild"
		}
		open := pick(rng, []string{"06.30–18.00", "06.00–18.30", "06.30–17.30", "07.00–17.00"})
		rows = append(rows, []string{"Förskolan " + n, p.name, fmt.Sprintf("%s %d", pick(rng, playgroundStreets), 1+rng.IntN(30)),
			coord(round(lat, 6)), coord(round(lon, 6)), itoa(20 + 10*rng.IntN(9)), operator, open})
	}
	return rows
}

// chargerRows returns Övik Energi's public charging stations for
// electric cars.
func chargerRows() [][]string {
	rng := newRand("laddstationer")
	sites := []string{"Resecentrum", "Hägglunds Arena", "Framnäs", "Stadshuset", "Simhallen", "Handelsplatsen",
		"Lasarettet", "Hamnen", "Torget", "Idrottsplatsen"}
	rows := [][]string{{"Namn", "Område", colAddress, "Latitud", "Longitud", "Laddpunkter", "Max effekt (kW)", "Snabbladdning"}}
	for i := range 22 {
		p := places[i%12]
		name := p.name
		if i < len(sites) {
			p, name = places[i%3], sites[i]
		}
		lat, lon := near(rng, p)
		fast := rng.IntN(3) == 0
		power := pick(rng, []float64{11, 22})
		if fast {
			power = pick(rng, []float64{50, 150, 150, 300})
		}
		rows = append(rows, []string{"Laddplats " + name, p.name, fmt.Sprintf("%s %d", pick(rng, playgroundStreets), 1+rng.IntN(50)),
			coord(round(lat, 6)), coord(round(lon, 6)), itoa(2 * (1 + rng.IntN(6))), dec(power, 1), jaNej(fast)})
	}
	return rows
}

// housingRows returns Övikshem's flats per area: counts by size, mean
// rent and accessible flats.
func housingRows() [][]string {
	rng := newRand("övikshem")
	rows := [][]string{{"Område", "Lägenheter", "1 rum och kök", "2 rum och kök", "3 rum och kök",
		"4 rum och kök eller större", "Medelhyra (kr per m² och år)", "Tillgänglighetsanpassade"}}
	for _, p := range places[:14] {
		sizes := []int{10 + rng.IntN(60), 30 + rng.IntN(150), 20 + rng.IntN(120), 5 + rng.IntN(40)}
		total := 0
		for _, s := range sizes {
			total += s
		}
		rent := 1050 + rng.Float64()*420
		rows = append(rows, []string{p.name, itoa(total), itoa(sizes[0]), itoa(sizes[1]), itoa(sizes[2]), itoa(sizes[3]),
			dec(rent, 2), itoa(total * (5 + rng.IntN(20)) / 100)})
	}
	return rows
}
