package demo

import (
	"context"
	"fmt"
	"strings"
	"time"

	"sprang/internal/identity"
	"sprang/internal/store"
)

// ResidentPersonnummer is the personnummer of the demo resident, Tolvan
// Tolvansson: the well-known test number the simulated e-ID suggests.
// Logging in with it shows errands in several states and a draft on Mina
// sidor.
const ResidentPersonnummer = "191212121212"

// resident is a made-up resident of the example content. Every
// personnummer is a test number (see testPersonnummer): no real person.
type resident struct {
	given, family string
	pnr           identity.Personnummer
	street        string // with the house number
	postcode      string // five digits
	city          string
	id            int64 // set once stored
}

// name returns the resident's full name.
func (r *resident) name() string { return r.given + " " + r.family }

// email returns a made-up address of the resident in the reserved domain
// example.com.
func (r *resident) email() string {
	return asciiFold(strings.ToLower(r.given+"."+r.family)) + "@example.com"
}

// asciiFold replaces å, ä, ö and é with a, a, o and e, and spaces with dots.
func asciiFold(s string) string {
	return strings.NewReplacer("å", "a", "ä", "a", "ö", "o", "é", "e", " ", ".").Replace(s)
}

// demoResident returns Tolvan Tolvansson, the resident the demo's e-ID
// logs in by default.
func demoResident() *resident {
	return &resident{given: "Tolvan", family: "Tolvansson", pnr: ResidentPersonnummer,
		street: "Björkvägen 12", postcode: "89141", city: "Örnsköldsvik"}
}

// person is a made-up resident before the personnummer is worked out.
type person struct {
	given, family string
	born          string // YYYY-MM-DD
	street        string
	postcode      string
	city          string
}

// people returns the other residents who use the demo's e-services:
// common Swedish names in made-up combinations, living at made-up
// addresses around Örnsköldsvik.
func people() []person {
	return []person{
		{"Anna", "Sjödin", "1984-03-14", "Hörneågatan 7", "89133", "Örnsköldsvik"},
		{"Erik", "Näslund", "1957-11-02", "Granstigen 4", "89531", "Bredbyn"},
		{"Maria", "Hägglund", "1990-06-21", "Lärkvägen 18", "89243", "Domsjö"},
		{"Lars", "Westin", "1948-01-30", "Tallvägen 3", "89631", "Husum"},
		{"Karin", "Öhman", "1976-09-09", "Skolvägen 22", "89330", "Bjästa"},
		{"Johan", "Backlund", "1981-12-05", "Sjögatan 11 B", "89135", "Örnsköldsvik"},
		{"Elin", "Nordin", "1995-04-17", "Bäckvägen 6", "89150", "Örnsköldsvik"},
		{"Per", "Sundqvist", "1963-08-28", "Älvvägen 31", "89155", "Själevad"},
		{"Sofia", "Lundgren", "1987-02-11", "Aspvägen 9", "89142", "Örnsköldsvik"},
		{"Gunnar", "Åström", "1941-05-19", "Kyrkvägen 2", "89340", "Köpmanholmen"},
		{"Linnea", "Hellström", "1999-10-03", "Hamngatan 15", "89133", "Örnsköldsvik"},
		{"Mikael", "Bergström", "1972-07-24", "Rönnvägen 14", "89160", "Arnäsvall"},
		{"Ingrid", "Edström", "1952-03-08", "Solvägen 5", "89631", "Husum"},
		{"Oskar", "Forsberg", "1988-11-27", "Stationsvägen 8", "89330", "Bjästa"},
		{"Emma", "Holm", "1993-01-15", "Villagatan 20", "89137", "Örnsköldsvik"},
		{"Nils", "Strömberg", "1967-04-02", "Moälvsvägen 41", "89155", "Själevad"},
		{"Helena", "Wikström", "1979-08-13", "Gärdesvägen 10", "89141", "Örnsköldsvik"},
		{"Anders", "Byström", "1959-12-22", "Furuvägen 3", "89531", "Bredbyn"},
		{"Sara", "Jonsson", "1985-05-30", "Parkgatan 9 A", "89134", "Örnsköldsvik"},
		{"Kent", "Lindberg", "1950-02-16", "Strandvägen 27", "89340", "Köpmanholmen"},
		{"Malin", "Eriksson", "1983-09-01", "Hagavägen 12", "89243", "Domsjö"},
		{"Jonas", "Sjöberg", "1977-06-06", "Norrgatan 4", "89133", "Örnsköldsvik"},
		{"Birgitta", "Olofsson", "1945-10-12", "Vallmovägen 1", "89160", "Arnäsvall"},
		{"David", "Hedlund", "1992-03-25", "Ängsvägen 17", "89142", "Örnsköldsvik"},
		{"Ida", "Markström", "1997-12-09", "Bergsgatan 6", "89135", "Örnsköldsvik"},
		{"Stefan", "Grönlund", "1969-01-21", "Skogsvägen 33", "89631", "Husum"},
		{"Camilla", "Dahlberg", "1980-07-07", "Lingonvägen 8", "89330", "Bjästa"},
		{"Tomas", "Vikström", "1974-04-14", "Fjällvägen 2", "89150", "Örnsköldsvik"},
	}
}

// testPersonnummer returns a personnummer born on born (YYYY-MM-DD) whose
// birth number is 98x or 99x, the range Skatteverket keeps for test
// numbers, with the Luhn check digit; n picks the birth number.
func testPersonnummer(born string, n int) identity.Personnummer {
	date := strings.ReplaceAll(born, "-", "")
	serial := fmt.Sprintf("%03d", 980+n%20)
	return identity.Personnummer(date + serial + string(rune('0'+luhn(date[2:]+serial))))
}

// luhn returns the Luhn check digit of the decimal digits s.
func luhn(s string) int {
	sum := 0
	for i, c := range s {
		d := int(c - '0')
		if i%2 == 0 {
			d *= 2
			if d > 9 {
				d -= 9
			}
		}
		sum += d
	}
	return (10 - sum%10) % 10
}

// residents returns the demo resident first and then every other resident.
func residents() []*resident {
	out := []*resident{demoResident()}
	for i, p := range people() {
		out = append(out, &resident{given: p.given, family: p.family, pnr: testPersonnummer(p.born, i),
			street: p.street, postcode: p.postcode, city: p.city})
	}
	return out
}

// storeResidents stores every resident as an e-ID resident, at level of
// assurance loa3, and sets their ids.
func storeResidents(ctx context.Context, db *store.DB, rs []*resident) error {
	for _, r := range rs {
		got, err := db.FindOrCreateResidentByEID(ctx, identity.EIDLogin{Personnummer: r.pnr,
			GivenName: r.given, FamilyName: r.family, LoA: identity.LoA3})
		if err != nil {
			return fmt.Errorf("demo resident: %w", err)
		}
		r.id = got.ID
	}
	return nil
}

// childOf returns a made-up child of r born on born, with given name
// given: r's family name and a test personnummer.
func childOf(r *resident, given string, born time.Time, n int) *resident {
	c := *r
	c.given, c.id = given, 0
	c.pnr = testPersonnummer(born.Format(time.DateOnly), n)
	return &c
}
