package demo

import (
	"bytes"
	"context"
	"crypto/rand"
	"fmt"
	"io"
	"maps"
	"math"
	mrand "math/rand/v2"
	"strconv"
	"strings"
	"time"

	"sprang/internal/eservice"
	"sprang/internal/identity"
	"sprang/internal/store"
)

// The seeds of the example content: the same seeds give the same errands,
// texts and references every time.
var (
	planSeed      = [32]byte{'s', 'p', 'r', 'a', 'n', 'g', 'e', 't', ' ', 'd', 'e', 'm', 'o'}
	clockSeed     = [32]byte{'k', 'a', 'l', 'e', 'n', 'd', 'e', 'r'}
	referenceSeed = [32]byte{'r', 'e', 'f', 'e', 'r', 'e', 'n', 's', 'e', 'r'}
)

// seeding is the state of making the example errands. Two random sources
// keep the content apart from the calendar: rng draws what happens (the
// answers, the texts, how each errand fares) and clock draws when, so the
// same errands come out whatever the day the demo starts.
type seeding struct {
	timeline
	clock
	rng      *mrand.Rand
	db       *store.DB
	files    Files
	now      time.Time
	refs     io.Reader // draws the errands' references
	staff    map[string]int64
	services map[string]*demoService
	tolvan   *resident
	people   []*resident // everyone else
}

// errandPlan is one errand of the example content, planned before it is
// made; id is set once it is.
type errandPlan struct {
	svc      *demoService
	version  publishedVersion
	channel  eservice.Channel
	resident *resident // the resident it belongs to; nil when anonymous or unknown
	officer  string    // the case officer who registers it (other channels than digital)
	answers  eservice.Answers
	attach   []attachment
	email    string
	byLetter bool
	at       time.Time
	skip     bool // it needs a file and there is no Files, or its service was not published yet
	id       int64
}

// seedErrands makes the example errands, residents and drafts, unless the
// database has errands already.
func seedErrands(ctx context.Context, db *store.DB, files Files, units map[string]identity.Unit,
	staff map[string]int64, services map[string]*demoService) error {
	ids := make([]int64, 0, len(units))
	for _, u := range units {
		ids = append(ids, u.ID)
	}
	now := db.Now()
	n, err := db.CountInbox(ctx, store.InboxFilter{UnitIDs: ids, Now: now})
	if err != nil || n > 0 {
		return err
	}
	rs := residents()
	if err := storeResidents(ctx, db, rs); err != nil {
		return err
	}
	s := &seeding{db: db, files: files, now: now, staff: staff, services: services, tolvan: rs[0], people: rs[1:]}
	// Reproducible content, not secrets: a seeded math/rand source is the point.
	s.clock.rng = mrand.New(mrand.NewChaCha8(clockSeed)) //nolint:gosec // reproducible demo content
	s.rng = mrand.New(mrand.NewChaCha8(planSeed))        //nolint:gosec // reproducible demo content
	s.refs = mrand.NewChaCha8(referenceSeed)             //nolint:gosec // reproducible demo references
	if err := s.plan(); err != nil {
		return err
	}
	if err := s.play(ctx, db, now.Add(-10*time.Minute)); err != nil {
		return fmt.Errorf("demo errands: %w", err)
	}
	return s.printLetters(ctx, ids)
}

// plan plans every errand and draft of the example content.
func (s *seeding) plan() error {
	for _, sc := range scripts() {
		svc, ok := s.services[sc.slug]
		if !ok || len(svc.versions) == 0 {
			return fmt.Errorf("demo errands: no published service %s", sc.slug)
		}
		for _, ch := range sc.channels {
			for range ch.n {
				s.planErrand(sc, svc, ch.channel)
			}
		}
	}
	if err := s.planTolvan(); err != nil {
		return err
	}
	s.planDrafts()
	return nil
}

// planErrand plans one errand of service svc by channel ch: when, by
// whom, the answers and how it is handled.
func (s *seeding) planErrand(sc script, svc *demoService, ch eservice.Channel) {
	p := &errandPlan{svc: svc, channel: ch}
	p.at = s.submittedAt(ch)
	p.version, p.skip = versionOrSkip(svc, p.at)
	if ch != eservice.ChannelDigital {
		p.officer = sc.handling.officers[0]
	}
	if s.rng.Float64() < sc.withResident(ch) {
		p.resident = pick(s.rng, s.people)
	}
	sc.answer(s, p)
	s.submit(p)
	s.handle(p, sc.handling)
}

// versionOrSkip returns the version of svc in use at t and false, or, when
// none was published yet (a service seeded by an earlier demo only days
// ago), its first version and true: the errand is planned, to keep the
// draws in step, and skipped.
func versionOrSkip(svc *demoService, t time.Time) (publishedVersion, bool) {
	v, ok := svc.versionAt(t)
	if !ok {
		return svc.versions[0], true
	}
	return v, false
}

// submittedAt draws when an errand came in: during the last year, more
// often lately (half of them in the last four months); residents at any waking hour, other channels in office
// hours.
func (s *seeding) submittedAt(ch eservice.Channel) time.Time {
	for {
		ago := time.Duration(math.Pow(s.rng.Float64(), 1.5) * float64(365*24*time.Hour))
		t := s.awake(s.now.Add(-ago), 0, time.Hour)
		if ch != eservice.ChannelDigital {
			t = s.office(t)
		}
		if t.Before(s.now.Add(-time.Hour)) {
			return t
		}
	}
}

// submit plans the submission of p: a draft (where the files go) and the
// errand made from it. Without Files, an errand whose form needs a file
// is left out, and optional files are dropped.
func (s *seeding) submit(p *errandPlan) {
	if s.files == nil && len(p.attach) > 0 && !p.skip {
		p.attach = nil
		if _, err := cleanAnswers(p.version.spec.Form, p.answers, p.at); err != nil {
			p.skip = true
		}
	}
	fill := time.Duration(max(p.version.spec.MinutesToFill, 2)) * time.Minute
	started := s.between(p.at, -2*fill, -fill/2)
	s.add(p.at, func(ctx context.Context, db *store.DB) error {
		if p.skip {
			return nil
		}
		if err := s.make(ctx, db, p, started); err != nil {
			return fmt.Errorf("%s errand of %s: %w", p.channel, p.svc.Slug, err)
		}
		return nil
	})
}

// make makes errand p at db's clock: the draft, its files, the errand.
func (s *seeding) make(ctx context.Context, db *store.DB, p *errandPlan, started time.Time) error {
	owner := store.DraftOwner{}
	if p.channel == eservice.ChannelDigital && p.resident != nil {
		owner.ResidentID = p.resident.id
	} else {
		owner.Token = rand.Text()
	}
	last := len(p.version.spec.Form.Pages) - 1
	d, err := at(db, started).StartDraft(ctx, store.Draft{ServiceID: p.svc.ID, Version: p.version.number,
		Page: last, Furthest: last}, owner)
	if err != nil {
		return err
	}
	answers := p.answers.Clone()
	for _, a := range p.attach {
		id, err := s.saveFile(ctx, at(db, started), p.version.spec.Form, a, d.ID)
		if err != nil {
			return err
		}
		answers[a.question] = []string{strconv.FormatInt(id, 10)}
	}
	clean, err := cleanAnswers(p.version.spec.Form, answers, p.at)
	if err != nil {
		return err
	}
	n := store.NewErrand{ServiceID: p.svc.ID, Version: p.version.number, Channel: p.channel, Answers: clean,
		Email: p.email, ByLetter: p.byLetter, DraftID: d.ID, Owner: owner}
	if p.resident != nil {
		n.ResidentID = p.resident.id
	}
	if p.channel != eservice.ChannelDigital {
		n.ByUserID = s.staff[p.officer]
	}
	e, err := db.SubmitErrand(ctx, n, s.refs)
	if err != nil {
		return err
	}
	p.id = e.ID
	return nil
}

// cleanAnswers reads every page of raw as the form's pages do and returns
// the cleaned answers without those to hidden questions, or an error
// naming the first answer the form refuses.
func cleanAnswers(f eservice.Form, raw eservice.Answers, now time.Time) (eservice.Answers, error) {
	out := eservice.Answers{}
	for i := range f.Pages {
		got, errs := f.ReadPage(i, raw, out, now)
		if len(errs) > 0 {
			return nil, fmt.Errorf("answer %s refused: %s", errs[0].Field, errs[0].Key)
		}
		maps.Copy(out, got)
	}
	return f.Prune(out), nil
}

// saveFile stores attachment a: on draft draftID under its question, or
// loose when it has none (to go with a completion).
func (s *seeding) saveFile(ctx context.Context, db *store.DB, form eservice.Form, a attachment, draftID int64) (int64, error) {
	rule := eservice.FileRule{Types: []string{"application/pdf", "image/jpeg"}, MaxBytes: 10 << 20}
	if a.question != "" {
		q, ok := findQuestion(form, a.question)
		if !ok || q.File == nil {
			return 0, fmt.Errorf("no file question %s", a.question)
		}
		rule = *q.File
	} else {
		draftID = 0
	}
	b, err := a.content()
	if err != nil {
		return 0, err
	}
	f, err := s.files.Put(ctx, a.name, bytes.NewReader(b), rule)
	if err != nil {
		return 0, fmt.Errorf("store %s: %w", a.name, err)
	}
	return db.SaveFile(ctx, f, draftID, a.question)
}

// findQuestion returns the question with id in f, groups included.
func findQuestion(f eservice.Form, id string) (eservice.Question, bool) {
	for _, p := range f.Pages {
		for _, q := range p.Questions {
			if q.ID == id {
				return q, true
			}
			for _, c := range q.Questions {
				if c.ID == id {
					return c, true
				}
			}
		}
	}
	return eservice.Question{}, false
}

// change plans case-handling step c of errand p at t.
func (s *seeding) change(p *errandPlan, t time.Time, c store.ErrandChange) {
	s.add(t, func(ctx context.Context, db *store.DB) error {
		if p.skip {
			return nil
		}
		c.ErrandID = p.id
		if _, err := db.ChangeErrand(ctx, c); err != nil {
			return fmt.Errorf("%s errand %d of %s: %w", p.channel, p.id, p.svc.Slug, err)
		}
		return nil
	})
}

// completeWith plans the resident's completion of errand p at t, with a
// generated attachment when a is not nil and there is Files to store it.
func (s *seeding) completeWith(p *errandPlan, t time.Time, text string, a *attachment) {
	s.add(t, func(ctx context.Context, db *store.DB) error {
		if p.skip {
			return nil
		}
		c := store.ErrandChange{ErrandID: p.id, ByResident: p.resident.id, Complete: text}
		if a != nil && s.files != nil {
			id, err := s.saveFile(ctx, db, p.version.spec.Form, *a, 0)
			if err != nil {
				return err
			}
			c.Files = []int64{id}
		}
		if _, err := db.ChangeErrand(ctx, c); err != nil {
			return fmt.Errorf("completion of errand %d of %s: %w", p.id, p.svc.Slug, err)
		}
		return nil
	})
}

// handling is how a unit handles a service's errands, and what its case
// officers write.
type handling struct {
	officers  []string // usernames; the first handles most and registers errands from other channels
	open      bool     // the status list has the open status "handlaggs"
	notes     []string
	messages  []string // from the officer to the resident
	questions []string // from the resident, asking how it goes
	replies   []string // the officer's answers to those
	requests  []request
	closeNote []string // why an errand was closed without a decision (a duplicate)
	appeal    string   // the note when a refusal is appealed (and the errand put on legal hold)
	decide    func(rng *mrand.Rand, p *errandPlan) string
}

// request is a completion request and the resident's answer.
type request struct {
	ask, answer string
	attach      *attachment // sent with the answer
	byPost      string      // the note when the answer came by post
}

// refusal begins every decision that refuses an application.
const refusal = "Ansökan avslås."

// How errands fare, as shares of all errands.
const (
	shareAssigned  = 0.85 // assigned to a case officer
	shareNote      = 0.45 // with an internal note
	shareRequest   = 0.22 // with a completion request
	shareMessage   = 0.25 // with a message from the officer
	shareQuestion  = 0.15 // with a question from the resident
	shareStalled   = 0.10 // older than their target and still undecided
	shareDuplicate = 0.04 // closed without a decision
	shareClosed    = 0.82 // decided ones that are also closed
)

// handle plans how errand p is handled after it came in: assignment,
// status, notes, messages, a completion request, the decision after a
// lead time drawn around the service's target (some over it), closing.
// A share of the older errands stalls before the decision, so some are
// overdue.
func (s *seeding) handle(p *errandPlan, h handling) {
	// Its own source, so that what an errand's dates change in its story
	// leaves the other errands' stories alone.
	rng := mrand.New(mrand.NewPCG(s.rng.Uint64(), s.rng.Uint64())) //nolint:gosec // reproducible demo content
	target := time.Duration(p.version.spec.TargetDays) * 24 * time.Hour
	officer := h.officers[0]
	if len(h.officers) > 1 && chance(rng, 0.3) {
		officer = h.officers[1]
	}
	by := s.staff[officer]
	f := drawFate(rng)
	stalled := f.stalled && p.at.Before(s.now.Add(-target*13/10))
	t := s.work(p.at, 20*time.Minute, 30*time.Hour)
	if stalled && f.untouched {
		return // nobody has touched it
	}
	if f.assigned {
		s.change(p, t, store.ErrandChange{ByUserID: by, Assign: &by})
	}
	if len(h.closeNote) > 0 && f.duplicate {
		s.change(p, s.work(t, time.Minute, 2*time.Hour), store.ErrandChange{ByUserID: by, Note: pick(rng, h.closeNote)})
		s.change(p, s.work(t, 2*time.Hour, 3*time.Hour), store.ErrandChange{ByUserID: by, Status: "avslutat"})
		return
	}
	if h.open {
		t = s.work(t, time.Minute, 20*time.Hour)
		s.change(p, t, store.ErrandChange{ByUserID: by, Status: "handlaggs"})
	}
	if len(h.notes) > 0 && f.note {
		t = s.work(t, 2*time.Hour, 72*time.Hour)
		s.change(p, t, store.ErrandChange{ByUserID: by, Note: pick(rng, h.notes)})
	}
	if len(h.requests) > 0 && (f.request || stalled) {
		t = s.askForMore(p, h, rng, by, t, !stalled || f.answeredLate)
	}
	if len(h.messages) > 0 && (p.resident != nil || p.email != "") && f.message {
		t = s.work(t, time.Hour, 5*24*time.Hour)
		s.change(p, t, store.ErrandChange{ByUserID: by, Message: pick(rng, h.messages)})
	}
	if len(h.questions) > 0 && p.resident != nil && p.channel == eservice.ChannelDigital && f.question {
		i := rng.IntN(len(h.questions))
		t = s.awake(t, 2*24*time.Hour, 8*24*time.Hour)
		s.change(p, t, store.ErrandChange{ByResident: p.resident.id, Message: h.questions[i]})
		t = s.work(t, 30*time.Minute, 26*time.Hour)
		s.change(p, t, store.ErrandChange{ByUserID: by, Message: h.replies[i%len(h.replies)]})
	}
	if stalled {
		return
	}
	decided := s.work(maxTime(p.at.Add(target*time.Duration(f.lead)/1000), t.Add(time.Hour)), 0, 2*time.Hour)
	decision := h.decide(rng, p)
	s.change(p, decided, store.ErrandChange{ByUserID: by, Decision: decision})
	if h.appeal != "" && strings.HasPrefix(decision, refusal) && f.appealed {
		t = s.work(decided, 10*24*time.Hour, 20*24*time.Hour)
		s.change(p, t, store.ErrandChange{ByUserID: by, Note: h.appeal})
		hold := true
		s.change(p, t.Add(time.Minute), store.ErrandChange{ByUserID: by, Hold: &hold})
		return
	}
	if f.closed {
		s.change(p, s.work(decided, time.Hour, 12*24*time.Hour), store.ErrandChange{ByUserID: by, Status: "avslutat"})
	}
}

// fate is how an errand fares, drawn all at once so that every errand
// takes the same number of draws whatever its dates.
type fate struct {
	stalled, untouched, assigned, duplicate, note, request, answeredLate bool
	message, question, appealed, closed                                  bool
	lead                                                                 int // per mille of the target
}

// drawFate draws an errand's fate.
func drawFate(rng *mrand.Rand) fate {
	return fate{stalled: chance(rng, shareStalled), untouched: chance(rng, 0.4), assigned: chance(rng, shareAssigned),
		duplicate: chance(rng, shareDuplicate), note: chance(rng, shareNote), request: chance(rng, shareRequest),
		answeredLate: chance(rng, 0.3), message: chance(rng, shareMessage), question: chance(rng, shareQuestion),
		appealed: chance(rng, 0.5), closed: chance(rng, shareClosed), lead: leadTime(rng)}
}

// askForMore plans a completion request on errand p after t and, when
// answered, its answer: by the resident on Mina sidor when the errand is
// theirs, otherwise by post, which the officer notes and moves the errand
// on. It returns when the last of it happens.
func (s *seeding) askForMore(p *errandPlan, h handling, rng *mrand.Rand, by int64, t time.Time, answered bool) time.Time {
	r := pick(rng, h.requests)
	t = s.work(t, time.Hour, 4*24*time.Hour)
	s.change(p, t, store.ErrandChange{ByUserID: by, Request: r.ask})
	if !answered {
		return t
	}
	if p.resident != nil && p.channel == eservice.ChannelDigital {
		t = s.awake(t, 4*time.Hour, 5*24*time.Hour)
		s.completeWith(p, t, r.answer, r.attach)
		return t
	}
	t = s.work(t, 2*24*time.Hour, 8*24*time.Hour)
	note := r.byPost
	if note == "" {
		note = "Kompletteringen kom in per post och är inskannad."
	}
	s.change(p, t, store.ErrandChange{ByUserID: by, Note: note})
	if h.open {
		t = s.work(t, time.Minute, time.Hour)
		s.change(p, t, store.ErrandChange{ByUserID: by, Status: "handlaggs"})
	}
	return t
}

// leadTime draws the time from submission to decision in per mille of
// the target: mostly well within it, a fifth around it and a tenth well
// over it.
func leadTime(rng *mrand.Rand) int {
	r, u := rng.Float64(), rng.Float64()
	var f float64
	switch {
	case r < 0.7:
		f = 0.15 + 0.7*u
	case r < 0.9:
		f = 0.85 + 0.35*u
	default:
		f = 1.2 + 0.8*u
	}
	return int(f * 1000)
}

// maxTime returns the later of a and b.
func maxTime(a, b time.Time) time.Time {
	if a.After(b) {
		return a
	}
	return b
}

// printLetters marks the letters the example errands queued as printed,
// by the unit's first case officer a working day after they were written,
// except the last few days' letters, which wait in the queue for the demo.
func (s *seeding) printLetters(ctx context.Context, unitIDs []int64) error {
	letters, err := s.db.LetterQueue(ctx, unitIDs)
	if err != nil {
		return err
	}
	printer := map[int64]int64{}
	for _, sc := range scripts() {
		if svc, ok := s.services[sc.slug]; ok {
			printer[svc.UnitID] = s.staff[sc.handling.officers[0]]
		}
	}
	for _, l := range letters {
		printed := s.work(l.CreatedAt, 20*time.Hour, 30*time.Hour)
		if printed.After(s.now.Add(-3*24*time.Hour)) || printer[l.UnitID] == 0 {
			continue
		}
		if err := at(s.db, printed).MarkLetterPrinted(ctx, l.ID, printer[l.UnitID]); err != nil {
			return fmt.Errorf("demo letter %d: %w", l.ID, err)
		}
	}
	return nil
}

// pageAnswers returns the answers of raw to the questions on the first n
// pages of f, for a draft left at page n.
func pageAnswers(f eservice.Form, raw eservice.Answers, n int) eservice.Answers {
	ids := map[string]bool{}
	for _, p := range f.Pages[:min(n, len(f.Pages))] {
		for _, q := range p.Questions {
			ids[q.ID] = true
		}
	}
	out := eservice.Answers{}
	for field, v := range raw {
		base, _, _ := strings.Cut(field, ".")
		if ids[base] {
			out[field] = v
		}
	}
	return out
}
