package identity

import (
	"strings"
	"testing"
	"time"

	"sprang"
)

var pnrRef = time.Date(2026, 3, 15, 12, 0, 0, 0, time.UTC)

func TestParsePersonnummer(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name, in string
		want     Personnummer
		err      string // message key, "" for success
	}{
		{"tax agency test number, long form", "19121212-1212", "191212121212", ""},
		{"long form without separator", "191212121212", "191212121212", ""},
		{"short form under 100", "121212-1212", "201212121212", ""},
		{"short form with plus is 100+", "121212+1212", "191212121212", ""},
		{"short form without separator", "8112289874", "198112289874", ""},
		{"tax agency example", "811228-9874", "198112289874", ""},
		{"surrounding spaces", "  640823-3234 ", "196408233234", ""},
		{"samordningsnummer short", "701063-2391", "197010632391", ""},
		{"samordningsnummer long", "19701063-2391", "197010632391", ""},
		{"leap day 2000", "000229-0005", "200002290005", ""},
		{"born this year before ref", "260101-0008", "202601010008", ""},
		{"short form born after ref day goes back a century", "991231-0001", "199912310001", ""},
		{"wrong check digit", "19121212-1213", "", MsgPnrChecksum},
		{"wrong check digit short", "811228-9875", "", MsgPnrChecksum},
		{"month 13", "19121312-1212", "", MsgPnrDate},
		{"empty", "", "", MsgPnrFormat},
		{"letters", "1912121X-1212", "", MsgPnrFormat},
		{"too short", "121212-121", "", MsgPnrFormat},
		{"too long", "1912121212123", "", MsgPnrFormat},
		{"plus in long form", "19121212+1212", "", MsgPnrFormat},
		{"wrong separator", "121212/1212", "", MsgPnrFormat},
		{"separator misplaced", "12121-21212", "", MsgPnrFormat},
		{"unicode digits", "１２１２１２-１２１２", "", MsgPnrFormat},
		{"future birth date", "20991212-1212", "", MsgPnrFuture},
		{"before 1800", "17991212-1212", "", MsgPnrDate},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			in := tt.in
			if tt.err == MsgPnrDate || tt.err == MsgPnrFuture {
				in = withValidCheck(in)
			}
			got, err := ParsePersonnummer(in, pnrRef)
			if tt.err != "" {
				if sprang.ErrorKind(err) != sprang.Invalid || sprang.ErrorMessage(err) != tt.err {
					t.Fatalf("ParsePersonnummer(%q) error = %v, want %s", in, err, tt.err)
				}
				if sprang.ErrorFields(err)["personnummer"] != tt.err {
					t.Errorf("field error = %v", sprang.ErrorFields(err))
				}
				return
			}
			if err != nil || got != tt.want {
				t.Fatalf("ParsePersonnummer(%q) = %q, %v; want %q", in, got, err, tt.want)
			}
		})
	}
}

// withValidCheck replaces the last digit of a 12-digit form with the right
// Luhn digit, so a test reaches the check after the checksum.
func withValidCheck(s string) string {
	d := strings.ReplaceAll(s, "-", "")
	if len(d) != 12 || !allDigits(d) {
		return s
	}
	return s[:len(s)-1] + string(luhnDigit(d[2:11]))
}

func TestPersonnummerFormats(t *testing.T) {
	t.Parallel()
	p, err := ParsePersonnummer("19121212-1212", pnrRef)
	if err != nil {
		t.Fatal(err)
	}
	checks := []struct{ name, got, want string }{
		{"String", p.String(), "191212121212"},
		{"Format", p.Format(), "19121212-1212"},
		{"Short", p.Short(pnrRef), "121212+1212"},
		{"Short before 100th birthday", p.Short(time.Date(2012, 12, 11, 0, 0, 0, 0, time.UTC)), "121212-1212"},
		{"BirthDate", p.BirthDate().Format(time.DateOnly), "1912-12-12"},
		{"zero Format", Personnummer("").Format(), ""},
		{"zero Short", Personnummer("").Short(pnrRef), ""},
	}
	for _, c := range checks {
		if c.got != c.want {
			t.Errorf("%s = %q, want %q", c.name, c.got, c.want)
		}
	}
	if p.IsSamordningsnummer() {
		t.Error("19121212-1212 is not a samordningsnummer")
	}
	s, err := ParsePersonnummer("701063-2391", pnrRef)
	if err != nil || !s.IsSamordningsnummer() || s.BirthDate().Format(time.DateOnly) != "1970-10-03" {
		t.Errorf("samordningsnummer: %q %v %v", s, err, s.BirthDate())
	}
	if !Personnummer("").BirthDate().IsZero() {
		t.Error("zero value has a birth date")
	}
}

func FuzzParsePersonnummer(f *testing.F) {
	for _, s := range []string{"19121212-1212", "121212+1212", "8112289874", "701063-2391", "000229-0005", "", "-", "+0000000000", "20991212-1212"} {
		f.Add(s, int64(0))
	}
	f.Fuzz(func(t *testing.T, s string, offset int64) {
		ref := pnrRef.Add(time.Duration(offset%(150*365*24)) * time.Hour)
		p, err := ParsePersonnummer(s, ref)
		if err != nil {
			if sprang.ErrorKind(err) != sprang.Invalid {
				t.Fatalf("error of kind %s: %v", sprang.ErrorKind(err), err)
			}
			return
		}
		if len(p) != 12 || !allDigits(string(p)) || !luhnValid(string(p)[2:]) {
			t.Fatalf("ParsePersonnummer(%q) = %q: not 12 digits with a valid check digit", s, p)
		}
		if p.BirthDate().After(ref) || p.BirthDate().IsZero() {
			t.Fatalf("ParsePersonnummer(%q) = %q: bad birth date %v", s, p, p.BirthDate())
		}
		for _, form := range []string{p.String(), p.Format()} {
			if q, err := ParsePersonnummer(form, ref); err != nil || q != p {
				t.Fatalf("round trip of %q via %q = %q, %v", s, form, q, err)
			}
		}
		if p.BirthDate().AddDate(200, 0, 0).After(ref) {
			if q, err := ParsePersonnummer(p.Short(ref), ref); err != nil || q != p {
				t.Fatalf("round trip of %q via short %q = %q, %v", s, p.Short(ref), q, err)
			}
		}
	})
}

// FuzzParseEmail checks the e-mail parser: an accepted address is
// normalized (parsing it again gives the same), at most 254 bytes, and
// has exactly one @ with text on both sides.
func FuzzParseEmail(f *testing.F) {
	for _, s := range []string{"anna@example.se", " Anna@Example.SE ", "a@b", "<a@b.se>", "a b@c.se", "a@@b.se", "ä@å.se"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		e, err := ParseEmail(s)
		if err != nil {
			return
		}
		again, err := ParseEmail(e)
		if err != nil || again != e {
			t.Fatalf("ParseEmail(%q) = %q, which parses again to %q, %v", s, e, again, err)
		}
		local, domain, ok := strings.Cut(e, "@")
		if !ok || local == "" || domain == "" || strings.Contains(domain, "@") || len(e) > 254 {
			t.Fatalf("ParseEmail(%q) accepted %q", s, e)
		}
	})
}
