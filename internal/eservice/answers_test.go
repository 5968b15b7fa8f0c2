package eservice_test

import (
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"

	"sprang/internal/eservice"
)

// answerCase is one posted answer to one question: the cleaned answers
// and the problems (field → key, with the args of each) expected.
type answerCase struct {
	name   string
	q      eservice.Question
	posted eservice.Answers
	want   eservice.Answers
	errs   map[string]string
	args   []any // the args of the one problem, when checked
}

func runAnswerCases(t *testing.T, tests []answerCase) {
	t.Helper()
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			got, errs := oneQuestion(tt.q).ReadPage(0, tt.posted, nil, now)
			if diff := cmp.Diff(tt.want, got, cmpopts.EquateEmpty()); diff != "" {
				t.Errorf("answers (-want +got):\n%s", diff)
			}
			if diff := cmp.Diff(tt.errs, keysOf(t, errs), cmpopts.EquateEmpty()); diff != "" {
				t.Errorf("problems (-want +got):\n%s", diff)
			}
			if tt.args != nil && (len(errs) != 1 || !cmp.Equal(tt.args, errs[0].Args)) {
				t.Errorf("args = %v, want %v", errs, tt.args)
			}
		})
	}
}

func q(id string, typ eservice.QuestionType) eservice.Question {
	return eservice.Question{ID: id, Type: typ, Label: sv(id)}
}

func required(qq eservice.Question) eservice.Question { qq.Required = true; return qq }

func one(field, v string) eservice.Answers { return eservice.Answers{field: {v}} }

func TestReadText(t *testing.T) {
	t.Parallel()
	text := q("t", eservice.TypeText)
	short := text
	short.MinLength, short.MaxLength = 3, 5
	pattern := text
	pattern.Pattern, pattern.PatternMessage = "[A-Z]{3} ?[0-9]{2}[0-9A-Z]", sv("Skriv registreringsnumret, till exempel ABC 123.")
	long := q("l", eservice.TypeLongText)
	runAnswerCases(t, []answerCase{
		{name: "trimmed", q: text, posted: one("t", "  Hej på dig \n"), want: one("t", "Hej på dig")},
		{name: "optional empty", q: text, posted: one("t", "   ")},
		{name: "optional absent", q: text, posted: nil},
		{name: "required empty", q: required(text), posted: one("t", " "), errs: map[string]string{"t": eservice.MsgRequired}},
		{name: "default max 200 ok", q: text, posted: one("t", strings.Repeat("å", 200)), want: one("t", strings.Repeat("å", 200))},
		{name: "default max 200", q: text, posted: one("t", strings.Repeat("å", 201)), errs: map[string]string{"t": eservice.MsgTooLong}, args: []any{200}},
		{name: "own max", q: short, posted: one("t", "sexsex"), errs: map[string]string{"t": eservice.MsgTooLong}, args: []any{5}},
		{name: "own min", q: short, posted: one("t", "ab"), errs: map[string]string{"t": eservice.MsgTooShort}, args: []any{3}},
		{name: "min in runes", q: short, posted: one("t", "åäö"), want: one("t", "åäö")},
		{name: "control character", q: text, posted: one("t", "a\x00b"), errs: map[string]string{"t": eservice.MsgInvalidChars}},
		{name: "line break in text", q: text, posted: one("t", "a\nb"), errs: map[string]string{"t": eservice.MsgInvalidChars}},
		{name: "tab in text", q: text, posted: one("t", "a\tb"), errs: map[string]string{"t": eservice.MsgInvalidChars}},
		{name: "invalid UTF-8", q: text, posted: one("t", "a\xffb"), errs: map[string]string{"t": eservice.MsgInvalidChars}},
		{name: "C1 control", q: text, posted: one("t", "a\u0085b"), errs: map[string]string{"t": eservice.MsgInvalidChars}},
		{name: "pattern matches", q: pattern, posted: one("t", "ABC 123"), want: one("t", "ABC 123")},
		{name: "pattern matches whole", q: pattern, posted: one("t", "xABC 123x"), errs: map[string]string{"t": eservice.MsgPattern}},
		{name: "only the first value", q: text, posted: eservice.Answers{"t": {"ett", "två"}}, want: one("t", "ett")},
		{name: "long text lines", q: long, posted: one("l", "rad 1\r\nrad 2\rrad 3\n\tindrag\n"), want: one("l", "rad 1\nrad 2\nrad 3\n\tindrag")},
		{name: "long text default max 5000", q: long, posted: one("l", strings.Repeat("x", 5001)), errs: map[string]string{"l": eservice.MsgTooLong}, args: []any{5000}},
		{name: "long text control", q: long, posted: one("l", "a\x07"), errs: map[string]string{"l": eservice.MsgInvalidChars}},
	})
}

func TestPatternMessageIsCustom(t *testing.T) {
	t.Parallel()
	qq := q("t", eservice.TypeText)
	qq.Pattern, qq.PatternMessage = "[0-9]+", eservice.Text{SV: "Bara siffror.", EN: "Digits only."}
	_, errs := oneQuestion(qq).ReadPage(0, one("t", "12a"), nil, now)
	if len(errs) != 1 || errs[0].Custom != qq.PatternMessage || errs[0].Key != eservice.MsgPattern {
		t.Errorf("errs = %+v", errs)
	}
}

func TestReadNumber(t *testing.T) {
	t.Parallel()
	n := q("n", eservice.TypeNumber)
	ranged := n
	ranged.Min, ranged.Max = ptr(1), ptr(100)
	low := n
	low.Min = ptr(0.5)
	high := n
	high.Max = ptr(-2)
	good := map[string]string{
		"12,5": "12.5", "12.5": "12.5", "1 234 567": "1234567", "1\u00a0234,50": "1234.5", "1\u202f000": "1000",
		"-3": "-3", "\u22123": "-3", "+4": "4", "007": "7", "0,50": "0.5", ",5": "0.5", "-0": "0", "-0,0": "0", "0": "0",
		"100000000000000000000": "100000000000000000000",
	}
	var tests []answerCase
	for in, want := range good {
		tests = append(tests, answerCase{name: "good " + in, q: n, posted: one("n", in), want: one("n", want)})
	}
	for _, in := range []string{"12a", "1,2,3", "1.000,5", "abc", "-", "+", ".", "1e5", "Inf", "NaN", "0x10", "--1", "+-1", "1-", "12 kr", strings.Repeat("9", 41)} {
		tests = append(tests, answerCase{name: "bad " + in, q: n, posted: one("n", in), errs: map[string]string{"n": eservice.MsgNumberFormat}})
	}
	tests = append(tests,
		answerCase{name: "required", q: required(n), posted: one("n", ""), errs: map[string]string{"n": eservice.MsgNumberRequired}},
		answerCase{name: "in range", q: ranged, posted: one("n", "100"), want: one("n", "100")},
		answerCase{name: "below range", q: ranged, posted: one("n", "0,9"), errs: map[string]string{"n": eservice.MsgNumberBetween}, args: []any{"1", "100"}},
		answerCase{name: "above range", q: ranged, posted: one("n", "100,01"), errs: map[string]string{"n": eservice.MsgNumberBetween}, args: []any{"1", "100"}},
		answerCase{name: "below min", q: low, posted: one("n", "0,4"), errs: map[string]string{"n": eservice.MsgNumberMin}, args: []any{"0.5"}},
		answerCase{name: "above max", q: high, posted: one("n", "-1"), errs: map[string]string{"n": eservice.MsgNumberMax}, args: []any{"-2"}},
	)
	runAnswerCases(t, tests)
}

func TestReadDateEmailPhone(t *testing.T) {
	t.Parallel()
	d, e, p := q("d", eservice.TypeDate), q("e", eservice.TypeEmail), q("p", eservice.TypePhone)
	runAnswerCases(t, []answerCase{
		{name: "date", q: d, posted: one("d", " 2026-03-05 "), want: one("d", "2026-03-05")},
		{name: "leap day", q: d, posted: one("d", "2024-02-29"), want: one("d", "2024-02-29")},
		{name: "date required", q: required(d), posted: nil, errs: map[string]string{"d": eservice.MsgDateRequired}},
		{name: "date without zeros", q: d, posted: one("d", "2026-3-5"), errs: map[string]string{"d": eservice.MsgDateFormat}},
		{name: "date Swedish words", q: d, posted: one("d", "5 mars 2026"), errs: map[string]string{"d": eservice.MsgDateFormat}},
		{name: "date slashes", q: d, posted: one("d", "05/03/2026"), errs: map[string]string{"d": eservice.MsgDateFormat}},
		{name: "date digits only", q: d, posted: one("d", "20260305"), errs: map[string]string{"d": eservice.MsgDateFormat}},
		{name: "no such date", q: d, posted: one("d", "2026-02-30"), errs: map[string]string{"d": eservice.MsgDateReal}},
		{name: "no such month", q: d, posted: one("d", "2026-13-01"), errs: map[string]string{"d": eservice.MsgDateReal}},
		{name: "email lowercased", q: e, posted: one("e", " Anna.Svensson@Exempel.SE "), want: one("e", "anna.svensson@exempel.se")},
		{name: "email required", q: required(e), posted: nil, errs: map[string]string{"e": eservice.MsgEmailRequired}},
		{name: "email without domain", q: e, posted: one("e", "anna@"), errs: map[string]string{"e": eservice.MsgEmailFormat}},
		{name: "email without at", q: e, posted: one("e", "anna.exempel.se"), errs: map[string]string{"e": eservice.MsgEmailFormat}},
		{name: "email with name", q: e, posted: one("e", "Anna <anna@exempel.se>"), errs: map[string]string{"e": eservice.MsgEmailFormat}},
		{name: "email without dot", q: e, posted: one("e", "anna@localhost"), errs: map[string]string{"e": eservice.MsgEmailFormat}},
		{name: "phone", q: p, posted: one("p", "060-19 10 00"), want: one("p", "060-19 10 00")},
		{name: "phone international", q: p, posted: one("p", "+46  60 19 10 00"), want: one("p", "+46 60 19 10 00")},
		{name: "phone 7 digits", q: p, posted: one("p", "1234567"), want: one("p", "1234567")},
		{name: "phone 20 digits", q: p, posted: one("p", strings.Repeat("1", 20)), want: one("p", strings.Repeat("1", 20))},
		{name: "phone 6 digits", q: p, posted: one("p", "123 456"), errs: map[string]string{"p": eservice.MsgPhoneFormat}},
		{name: "phone 21 digits", q: p, posted: one("p", strings.Repeat("1", 21)), errs: map[string]string{"p": eservice.MsgPhoneFormat}},
		{name: "phone slash", q: p, posted: one("p", "060/191000"), errs: map[string]string{"p": eservice.MsgPhoneFormat}},
		{name: "phone plus inside", q: p, posted: one("p", "0701234567+"), errs: map[string]string{"p": eservice.MsgPhoneFormat}},
		{name: "phone letters", q: p, posted: one("p", "070-ABC 12 34"), errs: map[string]string{"p": eservice.MsgPhoneFormat}},
		{name: "phone required", q: required(p), posted: nil, errs: map[string]string{"p": eservice.MsgPhoneRequired}},
	})
}

func TestReadPersonnummerOrgNumber(t *testing.T) {
	t.Parallel()
	p, o := q("p", eservice.TypePersonnummer), q("o", eservice.TypeOrgNumber)
	badDate := luhnPnr("19811318987")    // month 13
	future := luhnPnr("20990101123")     // born after now
	samordning := luhnPnr("19811278987") // day 18 + 60
	runAnswerCases(t, []answerCase{
		{name: "pnr 12 digits with hyphen", q: p, posted: one("p", "19811218-9876"), want: one("p", "198112189876")},
		{name: "pnr 12 digits", q: p, posted: one("p", "198112189876"), want: one("p", "198112189876")},
		{name: "pnr 10 digits", q: p, posted: one("p", " 811218-9876 "), want: one("p", "198112189876")},
		{name: "samordningsnummer", q: p, posted: one("p", samordning), want: one("p", samordning)},
		{name: "pnr required", q: required(p), posted: nil, errs: map[string]string{"p": eservice.MsgPnrRequired}},
		{name: "pnr too short", q: p, posted: one("p", "1981121"), errs: map[string]string{"p": eservice.MsgPnrFormat}},
		{name: "pnr letters", q: p, posted: one("p", "19811218-98X6"), errs: map[string]string{"p": eservice.MsgPnrFormat}},
		{name: "pnr checksum", q: p, posted: one("p", "19811218-9875"), errs: map[string]string{"p": eservice.MsgPnrChecksum}},
		{name: "pnr date", q: p, posted: one("p", badDate), errs: map[string]string{"p": eservice.MsgPnrDate}},
		{name: "pnr future", q: p, posted: one("p", future), errs: map[string]string{"p": eservice.MsgPnrFuture}},
		{name: "orgnr", q: o, posted: one("o", "212000-2411"), want: one("o", "212000-2411")},
		{name: "orgnr without hyphen", q: o, posted: one("o", "2120002411"), want: one("o", "212000-2411")},
		{name: "orgnr required", q: required(o), posted: nil, errs: map[string]string{"o": eservice.MsgOrgRequired}},
		{name: "orgnr format", q: o, posted: one("o", "21200-2411"), errs: map[string]string{"o": eservice.MsgOrgFormat}},
		{name: "orgnr of a person", q: o, posted: one("o", "811218-9876"), errs: map[string]string{"o": eservice.MsgOrgKind}},
		{name: "orgnr checksum", q: o, posted: one("o", "212000-2412"), errs: map[string]string{"o": eservice.MsgOrgChecksum}},
	})
}

func TestReadAddress(t *testing.T) {
	t.Parallel()
	a := q("a", eservice.TypeAddress)
	addr := func(street, postcode, city string) eservice.Answers {
		return eservice.Answers{"a.street": {street}, "a.postcode": {postcode}, "a.city": {city}}
	}
	runAnswerCases(t, []answerCase{
		{name: "full", q: a, posted: addr(" Storgatan 1 ", "891 88", "Örnsköldsvik"), want: addr("Storgatan 1", "89188", "Örnsköldsvik")},
		{name: "postcode without space", q: required(a), posted: addr("Storgatan 1", "89188", "Örnsköldsvik"), want: addr("Storgatan 1", "89188", "Örnsköldsvik")},
		{name: "optional empty", q: a, posted: addr("", " ", "")},
		{name: "required empty", q: required(a), posted: nil, errs: map[string]string{
			"a.street": eservice.MsgStreetRequired, "a.postcode": eservice.MsgPostcodeRequired, "a.city": eservice.MsgCityRequired}},
		{name: "optional but begun", q: a, posted: addr("Storgatan 1", "", ""), want: eservice.Answers{"a.street": {"Storgatan 1"}},
			errs: map[string]string{"a.postcode": eservice.MsgPostcodeRequired, "a.city": eservice.MsgCityRequired}},
		{name: "postcode 4 digits", q: a, posted: addr("Storgatan 1", "8918", "Ö-vik"), want: eservice.Answers{"a.street": {"Storgatan 1"}, "a.city": {"Ö-vik"}},
			errs: map[string]string{"a.postcode": eservice.MsgPostcodeFormat}},
		{name: "postcode two spaces", q: a, posted: addr("Storgatan 1", "891  88", "Ö-vik"), want: eservice.Answers{"a.street": {"Storgatan 1"}, "a.city": {"Ö-vik"}},
			errs: map[string]string{"a.postcode": eservice.MsgPostcodeFormat}},
		{name: "street too long", q: a, posted: addr(strings.Repeat("g", 101), "89188", "Ö-vik"), want: eservice.Answers{"a.postcode": {"89188"}, "a.city": {"Ö-vik"}},
			errs: map[string]string{"a.street": eservice.MsgTooLong}, args: []any{100}},
		{name: "city control", q: a, posted: addr("Storgatan 1", "89188", "Ö\x1bvik"), errs: map[string]string{"a.city": eservice.MsgInvalidChars}},
	})
}

func TestReadChoices(t *testing.T) {
	t.Parallel()
	opts := []eservice.Option{{Value: "a", Label: sv("A")}, {Value: "b", Label: sv("B")}, {Value: "c", Label: sv("C")}}
	c := q("c", eservice.TypeChoice)
	c.Options = opts
	m := q("m", eservice.TypeMulti)
	m.Options = opts
	bounded := m
	bounded.Min, bounded.Max = ptr(2), ptr(2)
	yn := q("y", eservice.TypeYesNo)
	runAnswerCases(t, []answerCase{
		{name: "choice", q: c, posted: one("c", "b "), want: one("c", "b")},
		{name: "choice unknown", q: c, posted: one("c", "d"), errs: map[string]string{"c": eservice.MsgChoose}},
		{name: "choice label is not a value", q: c, posted: one("c", "A"), errs: map[string]string{"c": eservice.MsgChoose}},
		{name: "choice required", q: required(c), posted: nil, errs: map[string]string{"c": eservice.MsgChoose}},
		{name: "choice optional", q: c, posted: nil},
		{name: "multi in option order", q: m, posted: eservice.Answers{"m": {"c", "a"}}, want: eservice.Answers{"m": {"a", "c"}}},
		{name: "multi once each", q: m, posted: eservice.Answers{"m": {"b", "b", ""}}, want: eservice.Answers{"m": {"b"}}},
		{name: "multi unknown", q: m, posted: eservice.Answers{"m": {"a", "x"}}, errs: map[string]string{"m": eservice.MsgChoose}},
		{name: "multi invalid UTF-8", q: m, posted: eservice.Answers{"m": {"\xff"}}, errs: map[string]string{"m": eservice.MsgChoose}},
		{name: "multi required", q: required(m), posted: eservice.Answers{"m": {""}}, errs: map[string]string{"m": eservice.MsgChooseSome}},
		{name: "multi optional", q: m, posted: nil},
		{name: "multi optional with min", q: bounded, posted: nil},
		{name: "multi too few", q: bounded, posted: eservice.Answers{"m": {"a"}}, errs: map[string]string{"m": eservice.MsgChooseMin}, args: []any{2}},
		{name: "multi too many", q: bounded, posted: eservice.Answers{"m": {"a", "b", "c"}}, errs: map[string]string{"m": eservice.MsgChooseMax}, args: []any{2}},
		{name: "multi just right", q: bounded, posted: eservice.Answers{"m": {"a", "b"}}, want: eservice.Answers{"m": {"a", "b"}}},
		{name: "yes", q: yn, posted: one("y", "yes"), want: one("y", "yes")},
		{name: "no", q: yn, posted: one("y", "no"), want: one("y", "no")},
		{name: "ja is not an answer", q: yn, posted: one("y", "ja"), errs: map[string]string{"y": eservice.MsgYesNo}},
		{name: "yes/no required", q: required(yn), posted: nil, errs: map[string]string{"y": eservice.MsgYesNo}},
	})
}

func TestReadFileAndInfo(t *testing.T) {
	t.Parallel()
	f := q("f", eservice.TypeFile)
	f.File = &eservice.FileRule{Types: []string{"application/pdf"}, MaxBytes: 1 << 20}
	runAnswerCases(t, []answerCase{
		{name: "file id", q: f, posted: one("f", "42"), want: one("f", "42")},
		{name: "file id canonical", q: f, posted: one("f", "0042"), want: one("f", "42")},
		{name: "file zero", q: f, posted: one("f", "0"), errs: map[string]string{"f": eservice.MsgFileInvalid}},
		{name: "file negative", q: f, posted: one("f", "-1"), errs: map[string]string{"f": eservice.MsgFileInvalid}},
		{name: "file name", q: f, posted: one("f", "bild.jpg"), errs: map[string]string{"f": eservice.MsgFileInvalid}},
		{name: "file too big id", q: f, posted: one("f", "99999999999999999999"), errs: map[string]string{"f": eservice.MsgFileInvalid}},
		{name: "file required", q: required(f), posted: nil, errs: map[string]string{"f": eservice.MsgFileRequired}},
		{name: "info takes no answer", q: q("i", eservice.TypeInfo), posted: one("i", "x")},
	})
}

func TestReadGroup(t *testing.T) {
	t.Parallel()
	g := eservice.Question{ID: "barn", Type: eservice.TypeGroup, Label: sv("Barn"), Questions: []eservice.Question{
		required(q("namn", eservice.TypeText)),
		q("pnr", eservice.TypePersonnummer),
		q("postadress", eservice.TypeAddress),
	}}
	small := g
	small.MaxRepeat = 2
	runAnswerCases(t, []answerCase{
		{name: "one instance by default", q: g, posted: eservice.Answers{"barn.0.namn": {"Alva"}},
			want: eservice.Answers{"barn": {"1"}, "barn.0.namn": {"Alva"}}},
		{name: "two instances", q: g, posted: eservice.Answers{"barn": {"2"}, "barn.0.namn": {"Alva"}, "barn.1.namn": {"Elis"}, "barn.1.pnr": {"19811218-9876"},
			"barn.1.postadress.street": {"Storgatan 1"}, "barn.1.postadress.postcode": {"89188"}, "barn.1.postadress.city": {"Ö-vik"}},
			want: eservice.Answers{"barn": {"2"}, "barn.0.namn": {"Alva"}, "barn.1.namn": {"Elis"}, "barn.1.pnr": {"198112189876"},
				"barn.1.postadress.street": {"Storgatan 1"}, "barn.1.postadress.postcode": {"89188"}, "barn.1.postadress.city": {"Ö-vik"}}},
		{name: "instances past the count are ignored", q: g, posted: eservice.Answers{"barn": {"1"}, "barn.0.namn": {"Alva"}, "barn.1.namn": {"Elis"}},
			want: eservice.Answers{"barn": {"1"}, "barn.0.namn": {"Alva"}}},
		{name: "inner problems are named by instance", q: g, posted: eservice.Answers{"barn": {"2"}, "barn.0.namn": {"Alva"}, "barn.1.pnr": {"1234"}},
			want: eservice.Answers{"barn": {"2"}, "barn.0.namn": {"Alva"}},
			errs: map[string]string{"barn.1.namn": eservice.MsgRequired, "barn.1.pnr": eservice.MsgPnrFormat}},
		{name: "none in an optional group", q: g, posted: eservice.Answers{"barn": {"0"}, "barn.0.namn": {"Alva"}},
			want: eservice.Answers{"barn": {"0"}}},
		{name: "none in a required group", q: required(g), posted: eservice.Answers{"barn": {"0"}},
			errs: map[string]string{"barn": eservice.MsgGroupRequired}},
		{name: "more than the default 10", q: g, posted: eservice.Answers{"barn": {"11"}},
			errs: map[string]string{"barn": eservice.MsgGroupMax}, args: []any{10}},
		{name: "more than max repeat", q: small, posted: eservice.Answers{"barn": {"3"}},
			errs: map[string]string{"barn": eservice.MsgGroupMax}, args: []any{2}},
		{name: "count not a number", q: g, posted: eservice.Answers{"barn": {"två"}},
			errs: map[string]string{"barn": eservice.MsgGroupCount}},
		{name: "count negative", q: g, posted: eservice.Answers{"barn": {"-1"}},
			errs: map[string]string{"barn": eservice.MsgGroupCount}},
		{name: "count huge", q: g, posted: eservice.Answers{"barn": {"1000000000000"}},
			errs: map[string]string{"barn": eservice.MsgGroupCount}},
	})
}

// TestGroupConditions checks that a group's questions may depend on
// questions before the group, per instance alike.
func TestGroupConditions(t *testing.T) {
	t.Parallel()
	form := eservice.Form{Pages: []eservice.Page{{ID: "p", Title: sv("P"), Questions: []eservice.Question{
		q("har_skola", eservice.TypeYesNo),
		{ID: "barn", Type: eservice.TypeGroup, Label: sv("Barn"), Questions: []eservice.Question{
			required(q("namn", eservice.TypeText)),
			{ID: "skola", Type: eservice.TypeText, Label: sv("Skola"), Required: true,
				ShowIf: []eservice.Condition{{Question: "har_skola", Values: []string{"yes"}}}},
		}},
	}}}}
	posted := eservice.Answers{"har_skola": {"no"}, "barn": {"2"}, "barn.0.namn": {"A"}, "barn.1.namn": {"B"}, "barn.0.skola": {"X"}}
	got, errs := form.ReadPage(0, posted, nil, now)
	want := eservice.Answers{"har_skola": {"no"}, "barn": {"2"}, "barn.0.namn": {"A"}, "barn.1.namn": {"B"}}
	if diff := cmp.Diff(want, got); diff != "" || len(errs) > 0 {
		t.Errorf("hidden inner question: %v (-want +got):\n%s", errs, diff)
	}
	posted["har_skola"] = []string{"yes"}
	_, errs = form.ReadPage(0, posted, nil, now)
	if diff := cmp.Diff(map[string]string{"barn.1.skola": eservice.MsgRequired}, keysOf(t, errs)); diff != "" {
		t.Errorf("shown inner question (-want +got):\n%s", diff)
	}
	if !form.QuestionVisible(eservice.Question{ID: "skola"}, eservice.Answers{"har_skola": {"yes"}}) ||
		form.QuestionVisible(eservice.Question{ID: "skola"}, eservice.Answers{"har_skola": {"no"}}) {
		t.Error("QuestionVisible of a group's question does not follow its condition")
	}
}

// TestProblemsInPageOrder checks that ReadPage reports problems in the
// order of the page's questions.
func TestProblemsInPageOrder(t *testing.T) {
	t.Parallel()
	form := kitchenSink()
	_, errs := form.ReadPage(0, eservice.Answers{"text": {"x"}, "tal": {"x"}, "epost": {"x"}, "val": {"x"}}, nil, now)
	var got []string
	for _, e := range errs {
		got = append(got, e.Field)
	}
	want := []string{"text", "lang", "tal", "epost", "pnr", "val", "grupp.0.g_namn", "grupp.0.g_postadress.street", "grupp.0.g_postadress.postcode", "grupp.0.g_postadress.city"}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("order (-want +got):\n%s", diff)
	}
}
