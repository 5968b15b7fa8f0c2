package dcat_test

import (
	"time"

	"sprang/internal/dcat"
	"sprang/internal/identity"
	"sprang/internal/opendata"
)

var (
	t0 = time.Date(2026, 3, 14, 9, 30, 0, 0, time.UTC)
	t1 = time.Date(2026, 5, 2, 16, 5, 7, 0, time.UTC)
)

func testCatalog() dcat.Catalog {
	return dcat.Catalog{
		Base:          "https://sundsvall.example.se",
		TitleSV:       "Sundsvalls kommuns öppna data",
		TitleEN:       "Open data of Sundsvall municipality",
		DescriptionSV: "Datamängder som kommunen och dess bolag publicerar.",
		DescriptionEN: "Datasets published by the municipality and its companies.",
		Publisher:     groupPublisher(),
		Issued:        t0,
		ContactName:   "Öppna data-gruppen",
		ContactEmail:  "oppnadata@sundsvall.example.se",
	}
}

func groupPublisher() opendata.Publisher {
	return opendata.Publisher{UnitID: 1, Slug: "sundsvalls-kommun", NameSV: "Sundsvalls kommun", NameEN: "Sundsvall Municipality",
		OrgNumber: "212000-2411", Type: opendata.PublisherTypeBase + "LocalAuthority"}
}

// fullEntry is a dataset with every property filled in.
func fullEntry() opendata.Entry {
	d := opendata.Dataset{
		ID: "0b6a3c52-5a2f-4a51-9d51-0d7c2c1e9d11", Slug: "badplatser", UnitID: 2, State: opendata.Published,
		TitleSV: "Badplatser och vattenprover", TitleEN: "Bathing sites and water samples",
		DescriptionSV: "Kommunens badplatser med provtagning av vattnet varje sommar.\n\nProverna tas varannan vecka.",
		DescriptionEN: "The municipality's bathing sites with water samples every summer.",
		ContactName:   "Miljöenheten", ContactEmail: "miljo@sundsvall.example.se",
		Keywords: []string{"bad", "vattenkvalitet"}, KeywordsEN: []string{"bathing", "water quality"},
		Themes:        []string{opendata.ThemeBase + "ENVI", opendata.ThemeBase + "HEAL"},
		Licence:       opendata.LicenceCC0,
		AccessRights:  opendata.AccessPublic,
		Frequency:     opendata.FrequencyBase + "ANNUAL",
		TemporalStart: "2015-06-01", TemporalEnd: "2025-08-31",
		Spatial:   "http://publications.europa.eu/resource/authority/place/SWE_SDL",
		CreatedAt: t0, UpdatedAt: t1, PublishedAt: t0,
	}
	return opendata.Entry{
		Dataset: d,
		Publisher: opendata.Publisher{UnitID: 2, Slug: "miljoforvaltningen", NameSV: "Miljöförvaltningen", NameEN: "Environment Department",
			OrgNumber: "212000-2411", Type: opendata.PublisherTypeBase + "LocalAuthority"},
		Distributions: []opendata.Distribution{
			{ID: "6f1d1c1e-0000-4000-8000-000000000001", DatasetID: d.ID, Kind: opendata.KindFile,
				TitleSV: "Vattenprover (CSV)", TitleEN: "Water samples (CSV)", DescriptionSV: "Ett prov per rad.",
				Format: "CSV", MediaType: "text/csv", ByteSize: 123456,
				Checksum: "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08", Version: 3,
				CreatedAt: t0, UpdatedAt: t1},
			{ID: "6f1d1c1e-0000-4000-8000-000000000002", DatasetID: d.ID, Kind: opendata.KindLink,
				TitleSV: "Karta", URL: "https://kartor.sundsvall.example.se/bad?lager=prover&visa=1",
				Format: "HTML", MediaType: "text/html", Licence: opendata.LicenceCCBY40, CreatedAt: t0, UpdatedAt: t0},
		},
	}
}

// special is text with every character the serializers must escape, and
// Swedish letters.
const special = `Å ä ö <b>&amp;</b> "citat" 'apostrof' \ back\slash ; , . # @sv ]]> --> ${x} `

// edgeCases are entries that pass opendata.Check without violations, each
// stressing one corner of the serialization.
func edgeCases() map[string]opendata.Entry {
	cases := map[string]opendata.Entry{"full": fullEntry()}
	add := func(name string, change func(e *opendata.Entry)) {
		e := fullEntry()
		e.Dataset.Slug = name
		change(&e)
		cases[name] = e
	}
	add("no-english", func(e *opendata.Entry) {
		e.Dataset.TitleEN, e.Dataset.DescriptionEN, e.Dataset.KeywordsEN = "", "", nil
		e.Publisher.NameEN = ""
		for i := range e.Distributions {
			e.Distributions[i].TitleEN, e.Distributions[i].DescriptionEN = "", ""
		}
	})
	add("no-keywords", func(e *opendata.Entry) { e.Dataset.Keywords, e.Dataset.KeywordsEN = nil, []string{"", " "} })
	add("special-characters", func(e *opendata.Entry) {
		d := &e.Dataset
		d.TitleSV, d.TitleEN = "Titel "+special, "Title "+special
		d.DescriptionSV, d.DescriptionEN = "Rad ett\r\nRad två\ttabb "+special+"\n\n🦆 ǅ", "Line\n"+special
		d.ContactName = "Kontakt " + special
		d.Keywords, d.KeywordsEN = []string{special, "åäö", "bad", "bad"}, []string{special}
		d.Method = "Metod " + special
		d.LandingPage = "https://example.se/sök?q=å&x='1'&y=(2)#frag"
		e.Publisher.NameSV, e.Publisher.NameEN = "Förvaltning "+special, "Department "+special
		for i := range e.Distributions {
			e.Distributions[i].TitleSV += " " + special
			e.Distributions[i].DescriptionSV += " " + special
		}
		e.Distributions[1].URL = "https://kartor.example.se/å/ä?ö=1&x=2;y=3#%C3%A5"
	})
	add("link-only", func(e *opendata.Entry) { e.Distributions = e.Distributions[1:] })
	add("several-versions", func(e *opendata.Entry) {
		e.Distributions[0].Version, e.Distributions[0].ByteSize = 17, 0
		e.Distributions = append(e.Distributions, opendata.Distribution{ID: "6f1d1c1e-0000-4000-8000-000000000003",
			Kind: opendata.KindFile, TitleSV: "Äldre data", Format: "XLSX",
			MediaType: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", ByteSize: 1 << 40,
			Checksum: "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855", Version: 2, CreatedAt: t0, UpdatedAt: t1})
	})
	add("high-value", func(e *opendata.Entry) {
		e.Dataset.HVDCategories = []string{opendata.HVDCategories[0].IRI, opendata.HVDCategories[3].IRI}
		e.Dataset.Licence = opendata.LicenceCCBY40
	})
	add("temporal-start-only", func(e *opendata.Entry) { e.Dataset.TemporalEnd = "" })
	add("temporal-end-only", func(e *opendata.Entry) { e.Dataset.TemporalStart = "" })
	add("no-temporal-no-spatial", func(e *opendata.Entry) {
		e.Dataset.TemporalStart, e.Dataset.TemporalEnd, e.Dataset.Spatial = "", "", ""
	})
	add("unit-without-org-number", func(e *opendata.Entry) {
		e.Publisher = opendata.Publisher{UnitID: 9, Slug: "sundsvall-vatten", NameSV: "Sundsvall Vatten AB", Type: opendata.PublisherTypeOf(identity.KindBolag)}
	})
	add("no-contact", func(e *opendata.Entry) { e.Dataset.ContactName, e.Dataset.ContactEmail = "", "" })
	add("minimal", func(e *opendata.Entry) {
		e.Dataset = opendata.Dataset{ID: "m", Slug: "minimal", TitleSV: "Minimal", DescriptionSV: "Bara det som krävs.", Licence: opendata.LicenceCC0}
		e.Publisher.NameEN, e.Publisher.OrgNumber = "", ""
		e.Distributions = nil
	})
	add("generated", func(e *opendata.Entry) {
		e.Dataset.Generated, e.Dataset.Method = true, "Celler med färre än 5 ärenden visas inte."
		e.Dataset.Frequency = opendata.FrequencyBase + "DAILY"
	})
	add("every-theme", func(e *opendata.Entry) {
		e.Dataset.Themes = nil
		for _, t := range opendata.Themes {
			e.Dataset.Themes = append(e.Dataset.Themes, t.IRI)
		}
		e.Dataset.AccessRights = opendata.AccessRightBase + "RESTRICTED"
	})
	add("every-format", func(e *opendata.Entry) {
		e.Distributions = nil
		for i, f := range opendata.FileTypes {
			e.Distributions = append(e.Distributions, opendata.Distribution{ID: f.Code + "-id", Kind: opendata.KindFile,
				TitleSV: f.Code, Format: f.Code, MediaType: f.MediaType + "; charset=utf-8", ByteSize: int64(i), Version: 1,
				Checksum: "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08"})
		}
	})
	add("every-frequency", func(e *opendata.Entry) { e.Dataset.Frequency = opendata.FrequencyBase + "UPDATE_CONT" })
	return cases
}

// robustCases are entries with values the steward's form and
// opendata.Check should never let through, stored anyway: the serializer
// must still write well-formed RDF that validates, leaving out or
// replacing what it cannot write.
func robustCases() map[string]opendata.Entry {
	cases := map[string]opendata.Entry{}
	add := func(name string, change func(e *opendata.Entry)) {
		e := fullEntry()
		e.Dataset.Slug = "robust-" + name
		change(&e)
		cases[name] = e
	}
	add("control-characters", func(e *opendata.Entry) {
		e.Dataset.TitleSV = "Titel\x00\x01\x1b med styrtecken\uFFFE \xff\xfe ogiltig UTF-8"
		e.Dataset.DescriptionSV = "Besk\x7frivning\x0b\x0c"
		e.Dataset.Keywords = []string{"\x00"}
	})
	add("bad-dates", func(e *opendata.Entry) { e.Dataset.TemporalStart, e.Dataset.TemporalEnd = "2020-02-30", "i fjol" })
	add("bad-urls", func(e *opendata.Entry) {
		e.Dataset.LandingPage, e.Dataset.Spatial = "javascript:alert(1)", "Sundsvall"
		e.Distributions[1].URL = "/relativ"
	})
	add("unsafe-urls", func(e *opendata.Entry) {
		e.Dataset.LandingPage = "https://example.se/a b/<c>?d=\"e\"&f={g}|h^`i`\\j\x01"
		e.Distributions[1].URL = e.Dataset.LandingPage
		e.Dataset.Spatial = "https://example.se/\xff\xfe"
	})
	add("bad-email", func(e *opendata.Entry) { e.Dataset.ContactEmail = "ingen e-post <x@y>" })
	add("bad-file-facts", func(e *opendata.Entry) {
		e.Distributions[0].Checksum, e.Distributions[0].MediaType, e.Distributions[0].Format = "XYZ", "not a type", "text/csv"
	})
	return cases
}
