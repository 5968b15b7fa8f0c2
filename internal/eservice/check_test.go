package eservice_test

import (
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"

	"sprang/internal/eservice"
)

func TestCheck(t *testing.T) {
	t.Parallel()
	form := felanmalan(t).Form
	withStale := complete()
	withStale["utrustning"] = []string{"nothing valid"} // on a hidden page
	withStale["telefon"] = []string{"x"}                // hidden by a condition
	withStale["okand"] = []string{"x"}                  // not in the form
	noneInGroup := complete()
	noneInGroup["fler_platser"] = []string{"0"}
	tests := []struct {
		name string
		a    eservice.Answers
		want []eservice.PageError
	}{
		{"complete", complete(), nil},
		{"hidden and unknown answers are not checked", withStale, nil},
		{"no more places", noneInGroup, nil},
		{"empty", nil, []eservice.PageError{
			{Page: 0, FieldError: eservice.FieldError{Field: "typ", Key: eservice.MsgChoose}},
			{Page: 0, FieldError: eservice.FieldError{Field: "fara", Key: eservice.MsgYesNo}},
			{Page: 3, FieldError: eservice.FieldError{Field: "plats_beskrivning", Key: eservice.MsgRequired}},
			{Page: 3, FieldError: eservice.FieldError{Field: "fler_platser.0.fler_plats", Key: eservice.MsgRequired}},
			{Page: 4, FieldError: eservice.FieldError{Field: "vill_ha_svar", Key: eservice.MsgYesNo}},
		}},
		{"a chain checked with cleaned answers", eservice.Answers{
			"typ": {"vag"}, "fara": {"no"}, "plats_beskrivning": {"Vid skolan"}, "fler_platser": {"0"},
			"vill_ha_svar": {"yes"}, "namn": {"A"}, "kontaktsatt": {" epost "}}, []eservice.PageError{
			{Page: 4, FieldError: eservice.FieldError{Field: "epost", Key: eservice.MsgEmailRequired}},
		}},
		{"a problem on a later page", func() eservice.Answers { a := complete(); a["antal_lampor"] = []string{"1000"}; return a }(), []eservice.PageError{
			{Page: 1, FieldError: eservice.FieldError{Field: "antal_lampor", Key: eservice.MsgNumberBetween, Args: []any{"1", "100"}}},
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			if diff := cmp.Diff(tt.want, form.Check(tt.a, now), cmpopts.EquateEmpty()); diff != "" {
				t.Errorf("Check (-want +got):\n%s", diff)
			}
		})
	}
}

func TestPrune(t *testing.T) {
	t.Parallel()
	form := felanmalan(t).Form
	a := complete()
	a["utrustning"] = []string{"gunga"}             // hidden page
	a["telefon"] = []string{"070-123 45 67"}        // hidden question
	a["okand"] = []string{"x"}                      // unknown field
	a["fara_info"] = []string{"x"}                  // information text
	a["fler_platser.1.fler_plats"] = []string{"x"}  // past the group's count
	a["adress.extra"] = []string{"x"}               // not an address field
	a["annat_beskrivning"] = []string{"stale text"} // hidden by the first page's answer
	got := form.Prune(a)
	if diff := cmp.Diff(complete(), got); diff != "" {
		t.Errorf("Prune (-want +got):\n%s", diff)
	}
	got["typ"][0] = "changed"
	if a.Get("typ") != "belysning" {
		t.Error("Prune shares values with its input")
	}
	bad := complete()
	bad["fler_platser"] = []string{"many"}
	if got := form.Prune(bad); got["fler_platser"] != nil || got["fler_platser.0.fler_plats"] != nil {
		t.Errorf("a group with a broken count was kept: %v", got)
	}
}

func TestAnonymize(t *testing.T) {
	t.Parallel()
	form := felanmalan(t).Form
	a := complete()
	a["okand"] = []string{"x"}
	want := eservice.Answers{
		"typ": {"belysning"}, "fara": {"no"}, "antal_lampor": {"3"}, "upptackt": {"2026-03-01"},
		"fler_platser": {"1"}, "fler_platser.0.fler_antal": {"2.5"},
		"vill_ha_svar": {"yes"}, "kontaktsatt": {"epost"},
	}
	if diff := cmp.Diff(want, form.Anonymize(a)); diff != "" {
		t.Errorf("Anonymize (-want +got):\n%s", diff)
	}
	// Personal removes even a choice; every type that can identify is removed.
	sink := kitchenSink()
	sink.Pages[0].Questions[10].Personal = true // val
	all := eservice.Answers{
		"text": {"x"}, "monster": {"ABC123"}, "lang": {"x"}, "tal": {"1"}, "datum": {"2026-01-01"}, "epost": {"a@b.se"},
		"telefon": {"0701234567"}, "pnr": {"198112189876"}, "orgnr": {"212000-2411"}, "postadress.street": {"x"},
		"postadress.postcode": {"89188"}, "postadress.city": {"x"}, "val": {"a"}, "flerval": {"a"}, "ja_nej": {"yes"}, "fil": {"3"},
		"om_ja": {"x"}, "grupp": {"1"}, "grupp.0.g_namn": {"x"}, "grupp.0.g_om_ja": {"no"},
	}
	want = eservice.Answers{"tal": {"1"}, "datum": {"2026-01-01"}, "flerval": {"a"}, "ja_nej": {"yes"}, "grupp": {"1"}, "grupp.0.g_om_ja": {"no"}}
	if diff := cmp.Diff(want, sink.Anonymize(all)); diff != "" {
		t.Errorf("Anonymize of every type (-want +got):\n%s", diff)
	}
}

func TestRows(t *testing.T) {
	t.Parallel()
	form := felanmalan(t).Form
	a := complete()
	a["telefon"] = []string{"070"} // hidden: no row
	type r struct {
		Page     int
		Field    string
		Value    string
		Instance int
	}
	tests := []struct {
		lang string
		want []r
	}{
		{"sv", []r{
			{0, "typ", "Gatubelysning", 0}, {0, "fara", "Nej", 0},
			{1, "antal_lampor", "3", 0}, {1, "stolpnummer", "10234", 0},
			{3, "adress.street", "Storgatan 1, 891 88 Örnsköldsvik", 0}, {3, "plats_beskrivning", "Gångvägen bakom skolan", 0},
			{3, "upptackt", "2026-03-01", 0}, {3, "bild", "17", 0},
			{3, "fler_platser.0.fler_plats", "Parkvägen", 1}, {3, "fler_platser.0.fler_antal", "2,5", 1},
			{4, "vill_ha_svar", "Ja", 0}, {4, "namn", "Anna Svensson", 0}, {4, "kontaktsatt", "E-post", 0}, {4, "epost", "anna@exempel.se", 0},
		}},
		{"en", []r{
			{0, "typ", "Street lighting", 0}, {0, "fara", "No", 0},
			{1, "antal_lampor", "3", 0}, {1, "stolpnummer", "10234", 0},
			{3, "adress.street", "Storgatan 1, 891 88 Örnsköldsvik", 0}, {3, "plats_beskrivning", "Gångvägen bakom skolan", 0},
			{3, "upptackt", "2026-03-01", 0}, {3, "bild", "17", 0},
			{3, "fler_platser.0.fler_plats", "Parkvägen", 1}, {3, "fler_platser.0.fler_antal", "2.5", 1},
			{4, "vill_ha_svar", "Yes", 0}, {4, "namn", "Anna Svensson", 0}, {4, "kontaktsatt", "Email", 0}, {4, "epost", "anna@exempel.se", 0},
		}},
	}
	for _, tt := range tests {
		t.Run(tt.lang, func(t *testing.T) {
			t.Parallel()
			rows := form.Rows(a, tt.lang)
			var got []r
			for _, row := range rows {
				got = append(got, r{row.Page, row.Field, row.Value, row.Instance})
			}
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("Rows (-want +got):\n%s", diff)
			}
			for _, row := range rows {
				switch {
				case row.Field == "bild" && row.FileID != 17:
					t.Errorf("file row has FileID %d", row.FileID)
				case row.Instance > 0 && row.Group.SV != "Fler platser med samma fel":
					t.Errorf("group row %s has group label %q", row.Field, row.Group.SV)
				case row.Field == "typ" && row.Label.SV != "Vad gäller felet?":
					t.Errorf("row label = %q", row.Label.SV)
				}
			}
		})
	}
}

func TestRowsOfEveryType(t *testing.T) {
	t.Parallel()
	form := kitchenSink()
	a := eservice.Answers{"pnr": {"198112189876"}, "flerval": {"a", "c"}, "val": {"zz"}, "ja_nej": {"maybe"}, "tal": {"-1.5"}}
	got := map[string]eservice.Row{}
	for _, row := range form.Rows(a, "sv") {
		got[row.Field] = row
	}
	if _, ok := got["info"]; ok {
		t.Error("an information text has a row")
	}
	if v := got["text"].Value; v != "" {
		t.Errorf("unanswered row value = %q", v)
	}
	if v := got["postadress.street"].Value; v != "" {
		t.Errorf("unanswered address = %q", v)
	}
	checks := map[string]string{"pnr": "19811218-9876", "flerval": "A, C", "val": "zz", "ja_nej": "maybe", "tal": "-1,5"}
	for field, want := range checks {
		if v := got[field].Value; v != want {
			t.Errorf("%s: Value = %q, want %q", field, v, want)
		}
	}
	if !cmp.Equal(got["flerval"].Values, []string{"A", "C"}) {
		t.Errorf("multichoice Values = %v", got["flerval"].Values)
	}
	if _, ok := got["om_ja"]; ok {
		t.Error("a hidden question has a row")
	}
	if _, ok := got["grupp.0.g_namn"]; !ok {
		t.Error("a group's first instance has no rows")
	}
}

func TestQuestion(t *testing.T) {
	t.Parallel()
	form := felanmalan(t).Form
	for id, want := range map[string]eservice.QuestionType{"typ": eservice.TypeChoice, "telefon": eservice.TypePhone, "fler_antal": eservice.TypeNumber, "fler_platser": eservice.TypeGroup} {
		if got, ok := form.Question(id); !ok || got.Type != want || got.ID != id {
			t.Errorf("Question(%s) = %v, %v", id, got.Type, ok)
		}
	}
	if _, ok := form.Question("vad"); ok {
		t.Error("Question found a page id")
	}
}
