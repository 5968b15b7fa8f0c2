package demo

import (
	"context"
	"crypto/rand"
	"fmt"
	"time"

	"sprang/internal/eservice"
	"sprang/internal/store"
)

// The demo resident's days: how many days ago each of their errands came
// in, and when the case officers last did something.
const (
	tolvanLightDays    = 240 // a street light, decided and closed
	tolvanAbsenceDays  = 60  // an absence from preschool, noted and closed
	tolvanWasteDays    = 20  // a change of waste collection, decided this week
	tolvanDecidedDays  = 5
	tolvanSchoolDays   = 12 // school transport, waiting for the resident's completion
	tolvanRequestDays  = 6
	tolvanOpinionDays  = 9 // a complaint, with the officer's message and the reply
	tolvanMessageDays  = 7 // the resident replies the next evening
	tolvanDraftDays    = 3 // a booking left half done
	tolvanChildAge     = 3
	tolvanSchoolchild  = 8
	tolvanSchoolGrade  = "2"
	tolvanChildNumbers = 7
)

// tolvanErrand returns a digital errand of the demo resident of service
// slug, sent at t.
func (s *seeding) tolvanErrand(slug string, t time.Time) (*errandPlan, error) {
	svc, ok := s.services[slug]
	if !ok {
		return nil, fmt.Errorf("demo resident: no service %s", slug)
	}
	v, ok := svc.versionAt(t)
	if !ok {
		return nil, fmt.Errorf("demo resident: service %s was not published %s", slug, t)
	}
	return &errandPlan{svc: svc, version: v, channel: eservice.ChannelDigital, resident: s.tolvan, at: t,
		email: s.tolvan.email()}, nil
}

// planTolvan plans what the demo resident finds on Mina sidor: a street
// light reported in the spring and fixed, a preschool absence noted, a
// change of waste collection decided this week, a school transport
// application waiting for their completion, a complaint the officer has
// answered with a message, and a library booking left as a draft.
func (s *seeding) planTolvan() error {
	for _, plan := range []func() error{s.tolvanLight, s.tolvanAbsence, s.tolvanWaste, s.tolvanSchool, s.tolvanOpinion} {
		if err := plan(); err != nil {
			return err
		}
	}
	return s.tolvanDraft()
}

// daysAgo returns a moment in office hours about days ago.
func (s *seeding) daysAgo(days int) time.Time {
	return s.office(s.day(s.now, days, 9, 15))
}

func (s *seeding) tolvanLight() error {
	p, err := s.tolvanErrand("felanmalan-gata-park", s.day(s.now, tolvanLightDays, 18, 21))
	if err != nil {
		return err
	}
	r := s.tolvan
	p.answers = eservice.Answers{"typ": {"belysning"}, "farligt": {"no"},
		"plats":        {"Gång- och cykelvägen mellan Björkvägen och Gullängets skola"},
		"beskrivning":  {"Två lampor är släckta sedan i helgen, så gångvägen är mörk på morgonen när barnen går till skolan."},
		"vill_ha_svar": {"yes"}, "namn": {r.name()}, "epost": {r.email()}}
	s.submit(p)
	by := s.staff["handlaggare"]
	t := s.work(p.at, 12*time.Hour, 16*time.Hour)
	s.change(p, t, store.ErrandChange{ByUserID: by, Assign: &by})
	s.change(p, t.Add(2*time.Minute), store.ErrandChange{ByUserID: by, Status: "handlaggs"})
	s.change(p, t.Add(5*time.Minute), store.ErrandChange{ByUserID: by, Note: "Arbetsorder skickad till driftentreprenören."})
	t = s.work(t, 8*24*time.Hour, 9*24*time.Hour)
	s.change(p, t, store.ErrandChange{ByUserID: by,
		Decision: "Tack för din anmälan. Båda lamporna är utbytta och gångvägen är upplyst igen."})
	s.change(p, s.work(t, 2*24*time.Hour, 3*24*time.Hour), store.ErrandChange{ByUserID: by, Status: "avslutat"})
	return nil
}

func (s *seeding) tolvanAbsence() error {
	p, err := s.tolvanErrand("anmalan-av-hinder-i-barnomsorgen", s.day(s.now, tolvanAbsenceDays, 7, 9))
	if err != nil {
		return err
	}
	kid := childOf(s.tolvan, "Elsa", p.at.In(stockholm).AddDate(-tolvanChildAge, -4, 0), tolvanChildNumbers)
	p.answers = eservice.Answers{"barn_personnummer": {string(kid.pnr)}, "verksamhet": {"forskola"},
		"fran": {day(p.at, 7)}, "till": {day(p.at, 21)}, "orsak": {"resa"},
		"ovrigt": {"Vi hälsar på släkten i Finland och kommer tillbaka söndagen innan."}}
	s.submit(p)
	by := s.staff["karin.berglund"]
	t := s.work(p.at, 3*time.Hour, 6*time.Hour)
	s.change(p, t, store.ErrandChange{ByUserID: by, Decision: hinderHandling().decide(s.rng, p)})
	s.change(p, s.work(t, 5*24*time.Hour, 6*24*time.Hour), store.ErrandChange{ByUserID: by, Status: "avslutat"})
	return nil
}

func (s *seeding) tolvanWaste() error {
	p, err := s.tolvanErrand("andrad-hamtning-av-avfall", s.day(s.now, tolvanWasteDays, 19, 22))
	if err != nil {
		return err
	}
	r := s.tolvan
	p.answers = eservice.Answers{"andring": {"intervall"}, "karl": {"rest"}, "intervall": {"2v"},
		"fran": {day(p.at, 28)}, "fastighetsbeteckning": {"Gullänget 7:118"}}
	setAddress(p.answers, addressQuestion, r.street, r.postcode, r.city)
	s.submit(p)
	by := s.staff["sara.lindqvist"]
	t := s.work(p.at, 12*time.Hour, 16*time.Hour)
	s.change(p, t, store.ErrandChange{ByUserID: by, Assign: &by})
	s.change(p, t.Add(3*time.Minute), store.ErrandChange{ByUserID: by, Status: "handlaggs"})
	s.change(p, s.daysAgo(tolvanDecidedDays), store.ErrandChange{ByUserID: by, Decision: decideAvfall(s.rng, p)})
	return nil
}

func (s *seeding) tolvanSchool() error {
	p, err := s.tolvanErrand("ansokan-om-skolskjuts", s.day(s.now, tolvanSchoolDays, 20, 22))
	if err != nil {
		return err
	}
	r := s.tolvan
	kid := childOf(r, "Nils", p.at.In(stockholm).AddDate(-tolvanSchoolchild, -2, 0), tolvanChildNumbers+1)
	p.answers = eservice.Answers{"barn_personnummer": {string(kid.pnr)}, "barn_namn": {kid.name()},
		"skola": {"Gullängets skola"}, "arskurs": {tolvanSchoolGrade}, "skal": {"trafik"},
		"motivering": {"Skolvägen går över Hörneåvägen, där det saknas övergångsställe och bilarna kör fort."},
		"vaxelvis":   {"no"}}
	setAddress(p.answers, addressQuestion, r.street, r.postcode, r.city)
	s.submit(p)
	by := s.staff["karin.berglund"]
	t := s.work(p.at, 12*time.Hour, 16*time.Hour)
	s.change(p, t, store.ErrandChange{ByUserID: by, Assign: &by})
	s.change(p, t.Add(4*time.Minute), store.ErrandChange{ByUserID: by, Status: "handlaggs"})
	s.change(p, s.daysAgo(tolvanRequestDays), store.ErrandChange{ByUserID: by,
		Request: "Hej! Vi behöver veta var på Hörneåvägen Nils korsar vägen och hur lång sträcka han går längs den. " +
			"Beskriv gärna vägen eller bifoga en karta, så kan vi bedöma om skolvägen är trafikfarlig."})
	return nil
}

func (s *seeding) tolvanOpinion() error {
	p, err := s.tolvanErrand("synpunkter-och-klagomal", s.day(s.now, tolvanOpinionDays, 17, 21))
	if err != nil {
		return err
	}
	r := s.tolvan
	text := "Gräset i lekparken vid Björkvägen har inte klippts på hela sommaren. Det går knappt att se gungorna."
	reply := "Hej Tolvan! Tack för att du hörde av dig. Parkenheten har lagt in lekparken vid Björkvägen i klippschemat och klipper den i nästa vecka."
	if winter(p.at) {
		text = "Gång- och cykelvägen vid Björkvägen plogas alldeles för sent. I morse fick barnen gå i en halvmeter snö till skolan."
		reply = "Hej Tolvan! Tack för att du hörde av dig. Vi har pratat med entreprenören, och gång- och cykelvägen vid Björkvägen plogas från och med nu före klockan sju."
	}
	p.answers = eservice.Answers{"typ": {"klagomal"}, "verksamhet": {"gata"}, "text": {text},
		"vill_ha_svar": {"yes"}, "namn": {r.name()}, "epost": {r.email()}}
	s.submit(p)
	by := s.staff["maria.sjoberg"]
	t := s.work(p.at, 12*time.Hour, 16*time.Hour)
	s.change(p, t, store.ErrandChange{ByUserID: by, Assign: &by})
	s.change(p, t.Add(2*time.Minute), store.ErrandChange{ByUserID: by, Status: "handlaggs"})
	s.change(p, t.Add(6*time.Minute), store.ErrandChange{ByUserID: by, Note: "Skickat vidare till gatuenheten."})
	t = s.daysAgo(tolvanMessageDays)
	s.change(p, t, store.ErrandChange{ByUserID: by, Message: reply})
	s.change(p, s.awake(t, 26*time.Hour, 30*time.Hour), store.ErrandChange{ByResident: r.id,
		Message: "Tack för snabbt svar! Jag hör av mig igen om det inte blir bättre."})
	return nil
}

// tolvanDraft plans the demo resident's draft: a library booking with the
// first page answered.
func (s *seeding) tolvanDraft() error {
	t := s.day(s.now, tolvanDraftDays, 20, 21)
	p, err := s.tolvanErrand("boka-digital-hjalp", t)
	if err != nil {
		return err
	}
	answers := eservice.Answers{"amnen": {"bankid", "etjanster"}, "bibliotek": {"stadsbiblioteket"},
		"datum": {weekday(day(s.now, 5))}, "tid": {"fm"}}
	s.add(t, func(ctx context.Context, db *store.DB) error {
		_, err := db.StartDraft(ctx, store.Draft{ServiceID: p.svc.ID, Version: p.version.number, Answers: answers,
			Page: 1, Furthest: 1}, store.DraftOwner{ResidentID: s.tolvan.id})
		return err
	})
	return nil
}

// planDrafts plans drafts that residents started during the year and
// never sent, stopping at different pages, so the drop-off statistics
// show where people give up.
func (s *seeding) planDrafts() {
	for _, sc := range scripts() {
		svc := s.services[sc.slug]
		for range 3 + s.rng.IntN(3) {
			p := &errandPlan{svc: svc, channel: eservice.ChannelDigital, at: s.submittedAt(eservice.ChannelDigital)}
			p.version, p.skip = versionOrSkip(svc, p.at)
			if chance(s.rng, sc.loggedIn) {
				p.resident = pick(s.rng, s.people)
			}
			sc.answer(s, p)
			page := s.rng.IntN(len(p.version.spec.Form.Pages))
			d := store.Draft{ServiceID: svc.ID, Version: p.version.number, Page: page, Furthest: page,
				Answers: pageAnswers(p.version.spec.Form, p.answers, page)}
			s.add(p.at, func(ctx context.Context, db *store.DB) error {
				if p.skip {
					return nil
				}
				owner := store.DraftOwner{Token: rand.Text()}
				if p.resident != nil {
					owner = store.DraftOwner{ResidentID: p.resident.id}
				}
				if _, err := db.StartDraft(ctx, d, owner); err != nil {
					return fmt.Errorf("draft of %s: %w", svc.Slug, err)
				}
				return nil
			})
		}
	}
}
