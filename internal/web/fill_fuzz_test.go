package web

import (
	"net/url"
	"slices"
	"strings"
	"testing"
	"time"

	"sprang/internal/eservice"
	"sprang/internal/i18n"
)

// fuzzForm is a form with every control the step pages render: choices,
// an address, a long text, yes/no with a question shown on the same page,
// a select, checkboxes, a file, a group and a number.
func fuzzForm() eservice.Form {
	t := func(s string) eservice.Text { return eservice.Text{SV: s} }
	one := 1.0
	return eservice.Form{Pages: []eservice.Page{
		{ID: "a", Title: t("A"), Questions: []eservice.Question{
			{ID: "typ", Type: eservice.TypeChoice, Label: t("Typ"), Required: true, Options: []eservice.Option{{Value: "x", Label: t("X")}, {Value: "y", Label: t("Y")}}},
			{ID: "val", Type: eservice.TypeChoice, Display: "select", Label: t("Val"), Options: []eservice.Option{{Value: "p", Label: t("P")}, {Value: "q", Label: t("Q")}}},
			{ID: "adr", Type: eservice.TypeAddress, Label: t("Adress"), Required: true}, //nolint:misspell // Swedish
			{ID: "info", Type: eservice.TypeInfo, Label: t("Läs detta.\n\nOch detta.")},
		}},
		{ID: "b", Title: t("B"), Questions: []eservice.Question{
			{ID: "text", Type: eservice.TypeLongText, Label: t("Text"), Required: true, MaxLength: 50},
			{ID: "ja", Type: eservice.TypeYesNo, Label: t("Ja?"), Required: true},
			{ID: "om", Type: eservice.TypeText, Label: t("Om"), Required: true, ShowIf: []eservice.Condition{{Question: "ja", Values: []string{"yes"}}}},
			{ID: "fler", Type: eservice.TypeMulti, Label: t("Fler"), Options: []eservice.Option{{Value: "m", Label: t("M")}, {Value: "n", Label: t("N")}}},
			{ID: "datum", Type: eservice.TypeDate, Label: t("Datum")},
			{ID: "pnr", Type: eservice.TypePersonnummer, Label: t("Pnr")},
		}},
		{ID: "c", Title: t("C"), ShowIf: []eservice.Condition{{Question: "typ", Values: []string{"y"}}}, Questions: []eservice.Question{
			{ID: "fil", Type: eservice.TypeFile, Label: t("Fil"), File: &eservice.FileRule{Types: []string{"application/pdf"}, MaxBytes: 1000}},
			{ID: "grp", Type: eservice.TypeGroup, Label: t("Grupp"), MaxRepeat: 3, Questions: []eservice.Question{
				{ID: "namn", Type: eservice.TypeText, Label: t("Namn"), Required: true},
				{ID: "adr2", Type: eservice.TypeAddress, Label: t("Adress")}, //nolint:misspell // Swedish
				{ID: "bil", Type: eservice.TypeFile, Label: t("Bilaga")},
			}},
			{ID: "antal", Type: eservice.TypeNumber, Label: t("Antal"), Min: &one},
		}},
	}}
}

// FuzzStepForm sends arbitrary posted forms (any field names and values)
// and arbitrary saved answers through what a step does with them — read
// the page's fields, validate, merge, apply the action button — and
// renders the step and check pages: nothing may panic or fail to render,
// only the page's own fields are taken, and every error links to an
// element of the page.
func FuzzStepForm(f *testing.F) {
	for _, s := range []struct {
		page                int
		body, sofar, action string
	}{
		{0, "typ=x&adr.street=Storgatan+1&adr.postcode=89188&adr.city=Ort", "", "continue"},
		{1, "text=R%C3%A4ksm%C3%B6rg%C3%A5s&ja=yes&fler=m&fler=n&fler=z", "typ=x", ""},
		{2, "grp.0.namn=Anna&grp.1.namn=&grp.9.namn=x&grp=99&fil=12", "typ=y&grp=2&fil=5&grp.1.bil=7", "remove:grp:0"},
		{2, "grp.0.adr2.street=a", "typ=y&grp=-3", "add:grp"},
		{2, "", "typ=y&grp=abc&grp.0.namn=%00", "remove-file:fil"},
		{1, "ja=maybe&om=" + strings.Repeat("x", 300), "", "remove:grp:1000000000000000000000"},
		{0, "%zz&&==&typ.x=1&.=.", "..=..", "add:"},
	} {
		f.Add(s.page, s.body, s.sofar, s.action)
	}
	a, err := loadAssets()
	if err != nil {
		f.Fatal(err)
	}
	views, err := parseViews(a)
	if err != nil {
		f.Fatal(err)
	}
	s := &Server{views: views}
	cat := i18n.MustLoad()
	form := fuzzForm()
	now := time.Date(2026, 3, 2, 8, 0, 0, 0, time.UTC)
	f.Fuzz(func(t *testing.T, pageNo int, body, sofarText, action string) {
		i := ((pageNo % len(form.Pages)) + len(form.Pages)) % len(form.Pages)
		page := form.Pages[i]
		posted, _ := url.ParseQuery(body)
		saved, _ := url.ParseQuery(sofarText)
		sofar := eservice.Answers(saved)
		in := postedPage(page, posted, sofar)
		for k := range in {
			if !pageOwns(page, k) {
				t.Fatalf("postedPage took %q, not a field of page %s", k, page.ID)
			}
		}
		cleaned, errs := form.ReadPage(i, in, sofar, now)
		merged := mergePage(page, sofar, in)
		_ = mergePage(page, sofar, cleaned)
		applyAction(page, merged, parseAction(action))
		for _, lang := range i18n.Langs {
			v := &view{Lang: lang, cat: cat, Path: "/e-tjanster/x/1/steg/" + page.ID}
			msgs := errorMessages(v, errs)
			b := &questionsBuilder{v: v, form: form, page: page, values: merged, seen: merged, errors: msgs,
				files: map[string]fileInfo{"fil": {Name: "<a>.pdf", Size: 3}}}
			qs := b.build()
			v.Errors = summary(qs, errs, msgs, b.labels)
			ids := inputIDs(qs, nil)
			for _, e := range v.Errors {
				if e.Field != "main" && !slices.Contains(ids, e.Field) {
					t.Fatalf("error links to %q, not among %v", e.Field, ids)
				}
			}
			v.Data = stepPage{Questions: qs, Action: "/x", Shortcut: hasButtons(qs)}
			if _, err := s.execute("fill_step", v); err != nil {
				t.Fatalf("render step: %v", err)
			}
			rows := form.Rows(form.Prune(merged), string(lang))
			v.Data = checkPage{Sections: []checkSection{{Title: "x", Answers: v.AnswerList(rows, nil, "/f/")}}}
			if _, err := s.execute("fill_check", v); err != nil {
				t.Fatalf("render check: %v", err)
			}
		}
	})
}
