package store_test

import (
	"bytes"
	"crypto/rand"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"sprang"
	"sprang/internal/audit"
	"sprang/internal/eservice"
	"sprang/internal/i18n"
	"sprang/internal/identity"
	"sprang/internal/store"
)

var referenceFormat = regexp.MustCompile(`^[A-HJKMNP-TV-Z2-9]{4}-[A-HJKMNP-TV-Z2-9]{4}$`)

func TestSubmitErrand(t *testing.T) {
	t.Parallel()
	eachErrand(t, func(t *testing.T, f errandFixture) {
		ctx := t.Context()
		first := f.submit(t, digital(f.service, f.resident.ID))
		if !referenceFormat.MatchString(first.Reference) {
			t.Errorf("reference %q is not like KX4M-7TQ9", first.Reference)
		}
		want := eservice.Errand{ID: first.ID, Reference: first.Reference, DiaryNumber: "SOC 2026/00001",
			ServiceID: f.service.ID, Version: 1, UnitID: f.unit, Channel: eservice.ChannelDigital,
			ResidentID: f.resident.ID, Status: "mottaget", Answers: eservice.Answers{"what": {"Altan på Storgatan 7"}},
			Email: "kvitto@example.se", SubmittedAt: errandStart, DueAt: errandStart.AddDate(0, 0, 14)}
		if diff := cmp.Diff(want, first); diff != "" {
			t.Errorf("submitted errand (-want +got):\n%s", diff)
		}
		read, err := f.db.ReadErrand(ctx, first.ID, f.staffReader())
		if err != nil {
			t.Fatal(err)
		}
		if diff := cmp.Diff(want, read); diff != "" {
			t.Errorf("errand as read (-want +got):\n%s", diff)
		}

		// Each unit numbers its errands per year; a paper errand is
		// registered by an officer and numbered like the others.
		second := f.submit(t, digital(f.service, 0))
		other := f.submit(t, digital(f.other, f.resident.ID))
		paper := f.submit(t, store.NewErrand{ServiceID: f.service.ID, Version: 1, Channel: eservice.ChannelPaper, ByUserID: f.officer.ID})
		f.clock.Add(time.Date(2026, 12, 31, 23, 30, 0, 0, time.UTC).Sub(f.clock.Now())) // 00:30 on New Year's Day in Sweden
		nextYear := f.submit(t, digital(f.service, 0))
		got := []string{second.DiaryNumber, other.DiaryNumber, paper.DiaryNumber, nextYear.DiaryNumber}
		if diff := cmp.Diff([]string{"SOC 2026/00002", "BOB 2026/00001", "SOC 2026/00003", "SOC 2027/00001"}, got); diff != "" {
			t.Errorf("diary numbers (-want +got):\n%s", diff)
		}
		// Due dates are calendar days in Swedish time: 14 days after 00:30
		// on 1 January is 00:30 on 15 January.
		if want := time.Date(2027, 1, 14, 23, 30, 0, 0, time.UTC); !nextYear.DueAt.Equal(want) {
			t.Errorf("due %v, want %v", nextYear.DueAt, want)
		}
		refs := map[string]bool{}
		for _, e := range []eservice.Errand{first, second, other, paper, nextYear} {
			if refs[e.Reference] {
				t.Errorf("reference %s handed out twice", e.Reference)
			}
			refs[e.Reference] = true
		}
		if code, err := f.db.DiaryCode(ctx, f.unit); err != nil || code != "SOC" {
			t.Errorf("DiaryCode = %q, %v; want the derived code fixed, SOC", code, err)
		}

		history, err := f.db.ErrandHistory(ctx, paper.ID, false)
		if err != nil {
			t.Fatal(err)
		}
		if len(history) != 1 || history[0].Kind != eservice.EventSubmitted || history[0].Data["channel"] != "paper" ||
			history[0].ByUserID != f.officer.ID || history[0].ByResident {
			t.Errorf("history of a paper errand = %+v, want one submitted event by the officer", history)
		}
		regs, err := f.db.FindAuditEntries(ctx, audit.Filter{Action: audit.ErrandRegistered})
		if err != nil {
			t.Fatal(err)
		}
		if len(regs.Entries) != 1 || regs.Entries[0].ActorID != f.officer.ID || regs.Entries[0].ActorName != "handlaggare" {
			t.Errorf("registrations audited: %+v, want the paper errand's", regs.Entries)
		}
	})
}

func TestSubmitErrandRefuses(t *testing.T) {
	t.Parallel()
	eachErrand(t, func(t *testing.T, f errandFixture) {
		ctx := t.Context()
		draftOnly, err := f.db.CreateService(ctx, errandSpec("utkast", "Utkast", f.unit), f.officer.ID)
		if err != nil {
			t.Fatal(err)
		}
		for _, c := range []struct {
			name string
			n    store.NewErrand
			want sprang.Kind
		}{
			{"unknown channel", store.NewErrand{ServiceID: f.service.ID, Version: 1, Channel: "fax"}, sprang.Invalid},
			{"paper without officer", store.NewErrand{ServiceID: f.service.ID, Version: 1, Channel: eservice.ChannelPaper}, sprang.Invalid},
			{"unknown version", store.NewErrand{ServiceID: f.service.ID, Version: 9, Channel: eservice.ChannelDigital}, sprang.NotFound},
			{"unknown service", store.NewErrand{ServiceID: 9999, Version: 1, Channel: eservice.ChannelDigital}, sprang.NotFound},
			{"draft version", store.NewErrand{ServiceID: draftOnly.ID, Version: 1, Channel: eservice.ChannelDigital}, sprang.Conflict},
			{"unknown resident", store.NewErrand{ServiceID: f.service.ID, Version: 1, Channel: eservice.ChannelDigital, ResidentID: 9999}, sprang.Invalid},
		} {
			_, err := f.db.SubmitErrand(ctx, c.n, rand.Reader)
			wantErrKind(t, c.name, err, c.want)
		}
		// Nothing refused used a number.
		if e := f.submit(t, digital(f.service, 0)); e.DiaryNumber != "SOC 2026/00001" {
			t.Errorf("first errand after refusals numbered %s, want SOC 2026/00001", e.DiaryNumber)
		}
	})
}

func TestSubmitErrandDrawsAnotherReference(t *testing.T) {
	t.Parallel()
	eachErrand(t, func(t *testing.T, f errandFixture) {
		same := bytes.Repeat([]byte{7}, 16)
		first, err := f.db.SubmitErrand(t.Context(), digital(f.service, 0), bytes.NewReader(same))
		if err != nil {
			t.Fatal(err)
		}
		other := bytes.Repeat([]byte{9}, 16)
		second, err := f.db.SubmitErrand(t.Context(), digital(f.service, 0), bytes.NewReader(append(same, other...)))
		if err != nil {
			t.Fatalf("second errand with a taken reference: %v", err)
		}
		if first.Reference == second.Reference || second.DiaryNumber != "SOC 2026/00002" {
			t.Errorf("errands %s %s and %s %s, want different references and consecutive numbers",
				first.Reference, first.DiaryNumber, second.Reference, second.DiaryNumber)
		}
		id, err := f.db.FindErrandByReference(t.Context(), strings.ToLower(strings.ReplaceAll(second.Reference, "-", " ")))
		if err != nil || id != second.ID {
			t.Errorf("FindErrandByReference = %d, %v; want %d", id, err, second.ID)
		}
		for _, ref := range []string{"", "AAAA-AAAA", "not a reference"} {
			_, err := f.db.FindErrandByReference(t.Context(), ref)
			wantErrKind(t, "reference "+ref, err, sprang.NotFound)
		}
	})
}

func TestSubmitErrandFromDraft(t *testing.T) {
	t.Parallel()
	eachErrand(t, func(t *testing.T, f errandFixture) {
		ctx := t.Context()
		for _, owner := range []store.DraftOwner{{ResidentID: f.resident.ID}, {Token: "anonymous-browser-token"}} {
			d, err := f.db.StartDraft(ctx, store.Draft{ServiceID: f.service.ID, Version: 1,
				Answers: eservice.Answers{"what": {"utkast"}}}, owner)
			if err != nil {
				t.Fatal(err)
			}
			fileID, err := f.db.SaveFile(ctx, eservice.File{Name: "ritning.pdf", MediaType: "application/pdf", Size: 1234,
				Key: "blob-" + owner.Token + "-draft"}, d.ID, "ritning")
			if err != nil {
				t.Fatal(err)
			}
			n := digital(f.service, owner.ResidentID)
			n.DraftID, n.Answers["ritning"] = d.ID, []string{"1"}
			n.Owner = store.DraftOwner{ResidentID: owner.ResidentID, Token: "someone-else"}
			if owner.ResidentID != 0 {
				n.Owner, n.ResidentID = store.DraftOwner{ResidentID: f.stranger.ID}, f.stranger.ID
			}
			_, err = f.db.SubmitErrand(ctx, n, rand.Reader)
			wantErrKind(t, "another owner's draft", err, sprang.NotFound)

			removed, err := f.db.SaveFile(ctx, eservice.File{Name: "fel-ritning.pdf", MediaType: "application/pdf", Size: 99,
				Key: "blob-" + owner.Token + "-removed"}, d.ID, "ritning")
			if err != nil {
				t.Fatal(err)
			}
			n = digital(f.service, owner.ResidentID)
			n.DraftID, n.Owner = d.ID, owner
			n.Answers["ritning"] = []string{strconv.FormatInt(fileID, 10)} // the other was replaced
			e := f.submit(t, n)
			file, errandID, err := f.db.FindFile(ctx, fileID)
			if err != nil {
				t.Fatal(err)
			}
			if errandID != e.ID || file.Name != "ritning.pdf" || file.Size != 1234 || file.MediaType != "application/pdf" {
				t.Errorf("draft file after submission: %+v on errand %d, want it on errand %d", file, errandID, e.ID)
			}
			if _, errandID, err := f.db.FindFile(ctx, removed); err != nil || errandID != 0 {
				t.Errorf("a file the resident replaced went to errand %d (%v); it must stay behind", errandID, err)
			}
			if _, err := f.db.FindDraft(ctx, d.ID, owner); sprang.ErrorKind(err) != sprang.NotFound {
				t.Errorf("FindDraft of a submitted draft: %v, want NotFound", err)
			}
			var answers []byte
			if err := rawDB(t, f.db).QueryRowContext(ctx, errandsRebind(f.db, `SELECT answers_enc FROM eservice_drafts WHERE id = ?`), d.ID).Scan(&answers); err != nil {
				t.Fatal(err)
			}
			if answers != nil {
				t.Error("a submitted draft kept its answers")
			}
			_, err = f.db.SubmitErrand(ctx, n, rand.Reader)
			wantErrKind(t, "the same draft again", err, sprang.Conflict)
		}
	})
}

func TestReadErrand(t *testing.T) {
	t.Parallel()
	eachErrand(t, func(t *testing.T, f errandFixture) {
		ctx := t.Context()
		mine := f.submit(t, digital(f.service, f.resident.ID))
		anonymous := f.submit(t, digital(f.service, 0))
		own := store.ErrandReader{ResidentID: f.resident.ID}
		if e, err := f.db.ReadErrand(ctx, mine.ID, own); err != nil || e.Answers.Get("what") != "Altan på Storgatan 7" {
			t.Errorf("the resident reading their errand: %+v, %v", e, err)
		}
		// Another resident guessing ids learns nothing, whether the errand
		// is someone's, anonymous or not there at all.
		stranger := store.ErrandReader{ResidentID: f.stranger.ID}
		for _, id := range []int64{mine.ID, anonymous.ID, anonymous.ID + 1, 0, -1} {
			_, err := f.db.ReadErrand(ctx, id, stranger)
			wantErrKind(t, "a stranger reading errand", err, sprang.NotFound)
		}
		for _, by := range []store.ErrandReader{{}, {UserID: f.officer.ID, ResidentID: f.resident.ID}} {
			_, err := f.db.ReadErrand(ctx, mine.ID, by)
			wantErrKind(t, "no reader or two", err, sprang.Invalid)
		}

		e, err := f.db.ReadErrand(ctx, mine.ID, f.staffReader())
		if err != nil || e.Email != "kvitto@example.se" {
			t.Fatalf("staff read: %+v, %v", e, err)
		}
		// The resident sees the officer's read, with the errand and its
		// unit, and not their own reads.
		reads, err := f.db.AuditPersonalDataReads(ctx, f.resident.ID)
		if err != nil {
			t.Fatal(err)
		}
		wantReason := "Handläggning av ärende SOC 2026/00001 (Enhet socialforvaltningen)"
		if len(reads) != 1 || reads[0].ActorName != "handlaggare" || reads[0].ObjectType != "errand" || reads[0].Reason != wantReason {
			t.Errorf("reads shown to the resident = %+v, want the officer's with reason %q", reads, wantReason)
		}
		own2, err := f.db.FindAuditEntries(ctx, audit.Filter{Action: audit.ErrandRead})
		if err != nil {
			t.Fatal(err)
		}
		if len(own2.Entries) != 1+5 { // the resident's own read and the stranger's five attempts
			t.Errorf("errand.read entries: %d, want 6", len(own2.Entries))
		}

		// The read is audited before the errand is returned: a read that
		// cannot be audited returns nothing.
		bad := f.staffReader()
		bad.Reason = "ärende för 19121212-1212" // the audit log refuses personal data
		if e, err := f.db.ReadErrand(ctx, mine.ID, bad); err == nil || e.Email != "" {
			t.Errorf("an unauditable read returned %+v, %v; want an error and nothing", e, err)
		}
		if unit, err := f.db.FindErrandUnit(ctx, mine.ID); err != nil || unit != f.unit {
			t.Errorf("FindErrandUnit = %d, %v; want %d", unit, err, f.unit)
		}
		_, err = f.db.FindErrandUnit(ctx, 9999)
		wantErrKind(t, "FindErrandUnit of nothing", err, sprang.NotFound)
		_, err = f.db.ReadErrand(ctx, 9999, f.staffReader())
		wantErrKind(t, "staff reading nothing", err, sprang.NotFound)

		list, err := f.db.ResidentErrands(ctx, f.resident.ID)
		if err != nil || len(list) != 1 || list[0].ID != mine.ID || list[0].ServiceName.SV != "Bygglov" || list[0].StatusLabel.SV != "Mottaget" {
			t.Errorf("ResidentErrands = %+v, %v; want the one errand, labelled", list, err)
		}
	})
}

func TestChangeErrand(t *testing.T) {
	t.Parallel()
	eachErrand(t, func(t *testing.T, f errandFixture) {
		ctx := t.Context()
		e := f.submit(t, digital(f.service, f.resident.ID))
		staff := func(c store.ErrandChange) store.ErrandChange { c.ErrandID, c.ByUserID = e.ID, f.officer.ID; return c }
		resident := func(c store.ErrandChange) store.ErrandChange {
			c.ErrandID, c.ByResident = e.ID, f.resident.ID
			return c
		}
		steps := []struct {
			name       string
			c          store.ErrandChange
			wantErr    sprang.Kind
			wantStatus string
		}{
			{"nothing", staff(store.ErrandChange{}), sprang.Invalid, "mottaget"},
			{"two things", staff(store.ErrandChange{Note: "a", Message: "b"}), sprang.Invalid, "mottaget"},
			{"nobody", store.ErrandChange{ErrandID: e.ID, Note: "a"}, sprang.Invalid, "mottaget"},
			{"unknown status", staff(store.ErrandChange{Status: "okand"}), sprang.Invalid, "mottaget"},
			{"same status", staff(store.ErrandChange{Status: "mottaget"}), sprang.Conflict, "mottaget"},
			{"unknown errand", store.ErrandChange{ErrandID: 9999, ByUserID: f.officer.ID, Note: "x"}, sprang.NotFound, "mottaget"},
			{"unknown assignee", staff(store.ErrandChange{Assign: errandsPtr(int64(9999))}), sprang.Invalid, "mottaget"},
			{"assign", staff(store.ErrandChange{Assign: &f.colleague.ID}), "", "mottaget"},
			{"to handling", staff(store.ErrandChange{Status: "handlaggs"}), "", "handlaggs"},
			{"back to received", staff(store.ErrandChange{Status: "mottaget"}), sprang.Conflict, "handlaggs"},
			{"resident note", resident(store.ErrandChange{Note: "x"}), sprang.Forbidden, "handlaggs"},
			{"resident decides", resident(store.ErrandChange{Decision: "x"}), sprang.Forbidden, "handlaggs"},
			{"stranger's message", store.ErrandChange{ErrandID: e.ID, ByResident: f.stranger.ID, Message: "hej"}, sprang.NotFound, "handlaggs"},
			{"completion unasked", resident(store.ErrandChange{Complete: "här"}), sprang.Conflict, "handlaggs"},
			{"note", staff(store.ErrandChange{Note: "ringde sökanden"}), "", "handlaggs"},
			{"request", staff(store.ErrandChange{Request: "Skicka ritningen"}), "", "komplettering"},
			{"request again", staff(store.ErrandChange{Request: "Påminnelse"}), "", "komplettering"},
			{"resident message", resident(store.ErrandChange{Message: "Kommer snart"}), "", "komplettering"},
			{"completion", resident(store.ErrandChange{Complete: "Här är ritningen"}), "", "handlaggs"},
			{"decision", staff(store.ErrandChange{Decision: "Bygglov beviljas"}), "", "beslutat"},
			{"decide again", staff(store.ErrandChange{Decision: "Igen"}), sprang.Conflict, "beslutat"},
			{"close", staff(store.ErrandChange{Status: "avslutat"}), "", "avslutat"},
			{"message when closed", staff(store.ErrandChange{Message: "hej"}), sprang.Conflict, "avslutat"},
			{"resident message when closed", resident(store.ErrandChange{Message: "hej"}), sprang.Conflict, "avslutat"},
			{"reopen", staff(store.ErrandChange{Status: "handlaggs"}), sprang.Conflict, "avslutat"},
			{"hold when closed", staff(store.ErrandChange{Hold: errandsPtr(true)}), "", "avslutat"},
		}
		for _, s := range steps {
			_, err := f.db.ChangeErrand(ctx, s.c)
			if s.wantErr == "" && err != nil {
				t.Fatalf("%s: %v", s.name, err)
			}
			if s.wantErr != "" {
				wantErrKind(t, s.name, err, s.wantErr)
			}
			got, err := f.db.ReadErrand(ctx, e.ID, f.staffReader())
			if err != nil {
				t.Fatal(err)
			}
			if got.Status != s.wantStatus {
				t.Fatalf("after %s: status %s, want %s", s.name, got.Status, s.wantStatus)
			}
		}
		_, err := f.db.ChangeErrand(ctx, staff(store.ErrandChange{Message: "hej"}))
		if sprang.ErrorMessage(err) != store.MsgErrandClosed {
			t.Errorf("message on a closed errand: %v, want %s", err, store.MsgErrandClosed)
		}
		got, err := f.db.ReadErrand(ctx, e.ID, f.staffReader())
		if err != nil {
			t.Fatal(err)
		}
		if got.AssigneeID != f.colleague.ID || !got.LegalHold || got.DecidedAt.IsZero() || got.ClosedAt.IsZero() {
			t.Errorf("errand at the end: %+v, want assigned, on hold, decided and closed", got)
		}
		changes, err := f.db.FindAuditEntries(ctx, audit.Filter{Action: audit.ErrandChanged, ObjectID: idText(e.ID)})
		if err != nil {
			t.Fatal(err)
		}
		if len(changes.Entries) != 8 { // assign, handling, note, request ×2, decision, close, hold
			t.Errorf("staff changes audited: %d, want 8", len(changes.Entries))
		}
	})
}

func TestErrandHistory(t *testing.T) {
	t.Parallel()
	eachErrand(t, func(t *testing.T, f errandFixture) {
		ctx := t.Context()
		e := f.submit(t, digital(f.service, f.resident.ID))
		step := func(c store.ErrandChange) {
			c.ErrandID = e.ID
			f.clock.Add(time.Minute)
			f.change(t, c)
		}
		loose, err := f.db.SaveFile(ctx, eservice.File{Name: "beslut.pdf", MediaType: "application/pdf", Size: 10, Key: "blob-beslut"}, 0, "")
		if err != nil {
			t.Fatal(err)
		}
		step(store.ErrandChange{ByUserID: f.officer.ID, Assign: &f.officer.ID})
		step(store.ErrandChange{ByUserID: f.officer.ID, Note: "Intern anteckning"})
		step(store.ErrandChange{ByUserID: f.officer.ID, Request: "Skicka ritningen"})
		step(store.ErrandChange{ByResident: f.resident.ID, Complete: "Ritningen bifogad"})
		step(store.ErrandChange{ByUserID: f.officer.ID, Decision: "Beviljas", Files: []int64{loose}})
		step(store.ErrandChange{ByUserID: f.officer.ID, Hold: errandsPtr(true)})

		all, err := f.db.ErrandHistory(ctx, e.ID, false)
		if err != nil {
			t.Fatal(err)
		}
		kinds := func(evs []eservice.Event) []eservice.EventKind {
			var out []eservice.EventKind
			for _, ev := range evs {
				out = append(out, ev.Kind)
			}
			return out
		}
		want := []eservice.EventKind{eservice.EventSubmitted, eservice.EventAssigned, eservice.EventNote,
			eservice.EventCompletionRequest, eservice.EventCompletion, eservice.EventDecision, eservice.EventLegalHold}
		if diff := cmp.Diff(want, kinds(all)); diff != "" {
			t.Errorf("history (-want +got):\n%s", diff)
		}
		forResident, err := f.db.ErrandHistory(ctx, e.ID, true)
		if err != nil {
			t.Fatal(err)
		}
		want = []eservice.EventKind{eservice.EventSubmitted, eservice.EventCompletionRequest, eservice.EventCompletion, eservice.EventDecision}
		if diff := cmp.Diff(want, kinds(forResident)); diff != "" {
			t.Errorf("history for the resident (-want +got):\n%s", diff)
		}
		for i := 1; i < len(all); i++ {
			if all[i].At.Before(all[i-1].At) {
				t.Errorf("event %d at %v before event %d at %v", i, all[i].At, i-1, all[i-1].At)
			}
		}
		request, completion, decision := all[3], all[4], all[5]
		if request.Body != "Skicka ritningen" || request.Data["from"] != "mottaget" || request.Data["to"] != "komplettering" {
			t.Errorf("completion request event: %+v", request)
		}
		if !completion.ByResident || completion.Data["to"] != "handlaggs" {
			t.Errorf("completion event: %+v", completion)
		}
		if decision.Body != "Beviljas" || len(decision.Files) != 1 || decision.Files[0].Name != "beslut.pdf" {
			t.Errorf("decision event: %+v, want its body and attachment", decision)
		}
		if _, errand, err := f.db.FindFile(ctx, loose); err != nil || errand != e.ID {
			t.Errorf("attached file on errand %d, %v; want %d", errand, err, e.ID)
		}
		// A file attached once cannot be attached again.
		_, err = f.db.ChangeErrand(ctx, store.ErrandChange{ErrandID: e.ID, ByUserID: f.officer.ID, Note: "igen", Files: []int64{loose}})
		wantErrKind(t, "attaching an attached file", err, sprang.Invalid)
		_, err = f.db.ErrandHistory(ctx, 9999, false)
		wantErrKind(t, "history of nothing", err, sprang.NotFound)
	})
}

func TestErrandLetters(t *testing.T) {
	t.Parallel()
	eachErrand(t, func(t *testing.T, f errandFixture) {
		ctx := t.Context()
		n := digital(f.service, f.resident.ID)
		n.ByLetter = true
		post := f.submit(t, n)
		mail := f.submit(t, digital(f.service, f.resident.ID))
		for _, id := range []int64{post.ID, mail.ID} {
			for _, c := range []store.ErrandChange{
				{ByUserID: f.officer.ID, Note: "intern"},
				{ByUserID: f.officer.ID, Message: "Hej"},
				{ByResident: f.resident.ID, Message: "Hej själv"},
				{ByUserID: f.officer.ID, Request: "Komplettera"},
				{ByResident: f.resident.ID, Complete: "Här"},
				{ByUserID: f.officer.ID, Decision: "Beviljas"},
			} {
				c.ErrandID = id
				f.change(t, c)
			}
		}
		queue, err := f.db.LetterQueue(ctx, []int64{f.unit})
		if err != nil {
			t.Fatal(err)
		}
		var got []eservice.EventKind
		for _, l := range queue {
			if l.ErrandID != post.ID || l.DiaryNumber != post.DiaryNumber || l.UnitID != f.unit {
				t.Errorf("letter %+v is not of the errand by post", l)
			}
			got = append(got, l.EventKind)
		}
		want := []eservice.EventKind{eservice.EventMessage, eservice.EventCompletionRequest, eservice.EventDecision}
		if diff := cmp.Diff(want, got); diff != "" {
			t.Fatalf("letters queued (-want +got):\n%s", diff)
		}
		if other, err := f.db.LetterQueue(ctx, []int64{f.otherUnit}); err != nil || len(other) != 0 {
			t.Errorf("another unit's queue: %+v, %v; want none", other, err)
		}
		if err := f.db.MarkLetterPrinted(ctx, queue[0].ID, f.officer.ID); err != nil {
			t.Fatal(err)
		}
		wantErrKind(t, "printing twice", f.db.MarkLetterPrinted(ctx, queue[0].ID, f.officer.ID), sprang.Conflict)
		wantErrKind(t, "printing nothing", f.db.MarkLetterPrinted(ctx, 9999, f.officer.ID), sprang.NotFound)
		if l, err := f.db.FindLetter(ctx, queue[0].ID); err != nil || l.PrintedBy != f.officer.ID || l.PrintedAt.IsZero() {
			t.Errorf("printed letter: %+v, %v", l, err)
		}
		if rest, err := f.db.LetterQueue(ctx, []int64{f.unit}); err != nil || len(rest) != 2 {
			t.Errorf("queue after printing one: %d letters, %v; want 2", len(rest), err)
		}
		history, err := f.db.ErrandHistory(ctx, post.ID, true)
		if err != nil {
			t.Fatal(err)
		}
		last := history[len(history)-1]
		if last.Kind != eservice.EventLetter || last.Data["event"] != idText(queue[0].EventID) {
			t.Errorf("last event the resident sees: %+v, want the letter sent", last)
		}
	})
}

// TestErrandsStoreNoPlainText reads the errand tables as a copy of the
// database would show them: answers, e-mail addresses, message bodies and
// file names are sealed.
func TestErrandsStoreNoPlainText(t *testing.T) {
	t.Parallel()
	eachErrand(t, func(t *testing.T, f errandFixture) {
		ctx := t.Context()
		secrets := []string{"Hemlig Gata 12", "hemlig@example.se", "Hemligt meddelande", "Hemlig anteckning", "hemlig-fil.pdf", "Hemligt beslut"}
		d, err := f.db.StartDraft(ctx, store.Draft{ServiceID: f.service.ID, Version: 1}, store.DraftOwner{ResidentID: f.resident.ID})
		if err != nil {
			t.Fatal(err)
		}
		if _, err := f.db.SaveFile(ctx, eservice.File{Name: secrets[4], MediaType: "application/pdf", Size: 1, Key: "k1"}, d.ID, "ritning"); err != nil {
			t.Fatal(err)
		}
		n := digital(f.service, f.resident.ID)
		n.Answers, n.Email, n.DraftID, n.Owner = eservice.Answers{"what": {secrets[0]}}, secrets[1], d.ID, store.DraftOwner{ResidentID: f.resident.ID}
		e := f.submit(t, n)
		f.change(t, store.ErrandChange{ErrandID: e.ID, ByResident: f.resident.ID, Message: secrets[2]})
		f.change(t, store.ErrandChange{ErrandID: e.ID, ByUserID: f.officer.ID, Note: secrets[3]})
		f.change(t, store.ErrandChange{ErrandID: e.ID, ByUserID: f.officer.ID, Decision: secrets[5]})

		raw := rawDB(t, f.db)
		for _, table := range []string{"errands", "errand_events", "errand_files", "letters", "eservice_drafts", "audit_log"} {
			rows, err := raw.QueryContext(ctx, "SELECT * FROM "+table)
			if err != nil {
				t.Fatal(err)
			}
			cols, _ := rows.Columns()
			for rows.Next() {
				vals := make([]any, len(cols))
				ptrs := make([]any, len(cols))
				for i := range vals {
					ptrs[i] = &vals[i]
				}
				if err := rows.Scan(ptrs...); err != nil {
					t.Fatal(err)
				}
				for i, v := range vals {
					var s string
					switch v := v.(type) {
					case string:
						s = v
					case []byte:
						s = string(v)
					}
					for _, secret := range secrets {
						if strings.Contains(s, secret) || strings.Contains(s, strings.ToLower(secret)) {
							t.Errorf("%s.%s holds %q in plain text", table, cols[i], secret)
						}
					}
				}
			}
			if err := rows.Err(); err != nil {
				t.Fatal(err)
			}
			_ = rows.Close()
		}
		// And they read back.
		got, err := f.db.ReadErrand(ctx, e.ID, f.staffReader())
		if err != nil || got.Answers.Get("what") != secrets[0] || got.Email != secrets[1] {
			t.Errorf("read back: %+v, %v", got, err)
		}
	})
}

func TestErrandsNeedBox(t *testing.T) {
	t.Parallel()
	eachErrand(t, func(t *testing.T, f errandFixture) {
		bare := f.db.WithBox(nil)
		_, err := bare.SubmitErrand(t.Context(), digital(f.service, 0), rand.Reader)
		wantErrKind(t, "submitting answers without a box", err, sprang.Internal)
	})
}

func TestDiaryNumbersConcurrent(t *testing.T) {
	t.Parallel()
	eachErrand(t, func(t *testing.T, f errandFixture) {
		const n = 20
		numbers := make(chan string, n)
		errs := make(chan error, n)
		for range n {
			go func() {
				e, err := f.db.SubmitErrand(t.Context(), digital(f.service, f.resident.ID), rand.Reader)
				numbers <- e.DiaryNumber
				errs <- err
			}()
		}
		var got []string
		for range n {
			if err := <-errs; err != nil {
				t.Error(err)
			}
			got = append(got, <-numbers)
		}
		slices.Sort(got)
		var want []string
		for i := 1; i <= n; i++ {
			want = append(want, eservice.DiaryNumber("SOC", 2026, i))
		}
		if diff := cmp.Diff(want, got); diff != "" {
			t.Errorf("diary numbers of %d concurrent submissions (-want +got):\n%s", n, diff)
		}
	})
}

func TestSetDiaryCode(t *testing.T) {
	t.Parallel()
	eachErrand(t, func(t *testing.T, f errandFixture) {
		ctx := t.Context()
		for _, code := range []string{"", "S", "sbf", "SBF1", "S F", "ABCDEFGHI", "ÆØ"} {
			wantErrKind(t, "code "+code, f.db.SetDiaryCode(ctx, f.unit, code), sprang.Invalid)
		}
		wantErrKind(t, "another unit's code", f.db.SetDiaryCode(ctx, f.unit, "BOB"), sprang.Conflict)
		wantErrKind(t, "unknown unit", f.db.SetDiaryCode(ctx, 9999, "XYZ"), sprang.NotFound)
		if err := f.db.SetDiaryCode(ctx, f.unit, "SÖF"); err != nil {
			t.Fatal(err)
		}
		if e := f.submit(t, digital(f.service, 0)); e.DiaryNumber != "SÖF 2026/00001" {
			t.Errorf("diary number %s, want SÖF 2026/00001", e.DiaryNumber)
		}
		// A unit's numbers keep their code: once SÖF has numbered an
		// errand, no other unit may take it.
		if err := f.db.SetDiaryCode(ctx, f.unit, "SOC"); err != nil {
			t.Fatal(err)
		}
		wantErrKind(t, "a code with numbers of another unit", f.db.SetDiaryCode(ctx, f.otherUnit, "SÖF"), sprang.Conflict)
	})
}

func TestDerivedDiaryCodes(t *testing.T) {
	t.Parallel()
	eachErrand(t, func(t *testing.T, f errandFixture) {
		ctx := t.Context()
		org, err := f.db.FindUnits(ctx)
		if err != nil {
			t.Fatal(err)
		}
		parent := org[0].ID
		mk := func(slug string) int64 {
			u, err := f.db.CreateUnit(ctx, identity.Unit{ParentID: parent, Kind: identity.KindForvaltning, Slug: slug, NameSV: slug, NameEN: slug})
			if err != nil {
				t.Fatal(err)
			}
			return u.ID
		}
		for _, c := range []struct{ slug, want string }{
			{"bygg-och-miljo", "BOM"},
			{"samhallsbyggnad", "SAM"},
			{"kultur-och-fritid-for-alla-barn", "KOFF"},
			{"x9", "ENH"},
		} {
			id := mk(c.slug)
			if got, err := f.db.DiaryCode(ctx, id); err != nil || got != c.want {
				t.Errorf("DiaryCode of %s = %q, %v; want %q", c.slug, got, err, c.want)
			}
		}
		// A derived code another unit has is made unique with the unit id.
		clash := mk("sociala-omsorgen-centralt")
		if err := f.db.SetDiaryCode(ctx, f.otherUnit, "SOC"); err != nil {
			t.Fatal(err)
		}
		s := f.publish(t, errandSpec("hemtjanst-x", "Hemtjänst", clash))
		e := f.submit(t, digital(s, 0))
		if want := "SOC" + idText(clash) + " 2026/00001"; e.DiaryNumber != want {
			t.Errorf("diary number of a unit whose derived code is taken: %s, want %s", e.DiaryNumber, want)
		}
	})
}

// TestErrandMessagesTranslated checks that every message key the errand
// store returns has a text in both languages.
func TestErrandMessagesTranslated(t *testing.T) {
	t.Parallel()
	c, err := i18n.Load()
	if err != nil {
		t.Fatal(err)
	}
	for _, key := range []string{
		store.MsgErrandChannel, store.MsgErrandRegisteredBy, store.MsgErrandUnpublished, store.MsgErrandNoReceived,
		store.MsgErrandDraftUsed, store.MsgErrandDraftMismatch, store.MsgErrandUnknownParty, store.MsgErrandReader,
		store.MsgErrandNumberTaken, store.MsgChangeOne, store.MsgChangeActor, store.MsgChangeResident,
		store.MsgErrandClosed, store.MsgStatusUnknown, store.MsgStatusRefused, store.MsgStatusNoneOfKind,
		store.MsgNotWaiting, store.MsgAssigneeUnknown, store.MsgFileUnavailable, store.MsgFilesNotAllowed,
		store.MsgFileInvalid, store.MsgFileQuestion, store.MsgLetterPrinted, store.MsgInboxCursor,
		store.MsgDiaryCodeFormat, store.MsgDiaryCodeTaken,
	} {
		for _, l := range i18n.Langs {
			if !c.Has(l, key) {
				t.Errorf("%s has no %s text", key, l)
			}
		}
	}
}

// TestRekeyErrands rotates the key: after RekeyErrands the errand tables
// read with the new key alone.
func TestRekeyErrands(t *testing.T) {
	t.Parallel()
	eachErrand(t, func(t *testing.T, f errandFixture) {
		ctx := t.Context()
		const oldKey, newKey = "store-test-key-0123456789abcdef-0123456789", "the new key, long enough for the box 0002"
		loose, err := f.db.SaveFile(ctx, eservice.File{Name: "bilaga.pdf", MediaType: "application/pdf", Size: 1, Key: "rekey"}, 0, "")
		if err != nil {
			t.Fatal(err)
		}
		e := f.submit(t, digital(f.service, f.resident.ID))
		f.change(t, store.ErrandChange{ErrandID: e.ID, ByUserID: f.officer.ID, Message: "Hej", Files: []int64{loose}})

		rotated := f.db.WithBox(mustBoxes(t, newKey, oldKey))
		n, err := rotated.RekeyErrands(ctx)
		if err != nil || n != 4 { // answers, e-mail, message body, file name
			t.Fatalf("RekeyErrands = %d, %v; want 4 values resealed", n, err)
		}
		if n, err := rotated.RekeyErrands(ctx); err != nil || n != 0 {
			t.Errorf("second RekeyErrands = %d, %v; want nothing to do", n, err)
		}
		after := f.db.WithBox(mustBox(t, newKey))
		got, err := after.ReadErrand(ctx, e.ID, f.staffReader())
		if err != nil || got.Email != "kvitto@example.se" || got.Answers.Get("what") == "" {
			t.Errorf("errand with the new key alone: %+v, %v", got, err)
		}
		history, err := after.ErrandHistory(ctx, e.ID, false)
		if err != nil || history[1].Body != "Hej" || history[1].Files[0].Name != "bilaga.pdf" {
			t.Errorf("history with the new key alone: %+v, %v", history, err)
		}
	})
}
