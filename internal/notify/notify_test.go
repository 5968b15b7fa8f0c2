package notify_test

import (
	"context"
	"crypto/rand"
	"fmt"
	"io"
	"net"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"sprang/internal/eservice"
	"sprang/internal/i18n"
	"sprang/internal/identity"
	"sprang/internal/jobs"
	"sprang/internal/mail"
	"sprang/internal/mail/mailtest"
	"sprang/internal/notify"
	"sprang/internal/secret"
	"sprang/internal/store"
	"sprang/internal/store/storetest"
)

// env is a database with one published service, a job runner with the
// mail workers started on it, and a real SMTP server (Mailpit) behind a
// gate that can refuse connections, as a mail server that is down does.
type env struct {
	db     *store.DB
	runner *jobs.Runner
	smtp   *mailtest.Server
	gate   *gate
	spec   eservice.Spec
	svc    store.Service
}

func newEnv(t *testing.T, db *store.DB) *env {
	t.Helper()
	box, err := secret.NewBox("notify test key notify test key notify 01")
	if err != nil {
		t.Fatal(err)
	}
	e := &env{db: db.WithBox(box), smtp: mailtest.Start(t)}
	e.gate = openGate(t, e.smtp.SMTPAddr)
	unit, err := e.db.CreateUnit(t.Context(), identity.Unit{Kind: identity.KindGroup, Slug: "kommunen", NameSV: "Kommunen"})
	if err != nil {
		t.Fatal(err)
	}
	e.spec = testSpec(unit.ID)
	s, err := e.db.CreateService(t.Context(), e.spec, 0)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := e.db.PublishService(t.Context(), s.ID, 0); err != nil {
		t.Fatal(err)
	}
	e.svc = s
	send, err := mail.NewSMTP("smtp://"+e.gate.addr()+"?starttls=none", "Kommunen <noreply@kommun.example.se>")
	if err != nil {
		t.Fatal(err)
	}
	e.runner = jobs.New(e.db, nil, jobs.Config{FetchPollInterval: 20 * time.Millisecond,
		Backoff: jobs.ExponentialBackoff(50*time.Millisecond, 200*time.Millisecond)})
	if err := notify.Register(e.runner, notify.New(e.db, send, i18n.MustLoad(), "https://e.kommun.example.se/")); err != nil {
		t.Fatal(err)
	}
	if err := e.runner.Start(t.Context()); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
		defer cancel()
		_ = e.runner.Stop(ctx)
	})
	return e
}

// testSpec is a public service with one text question.
func testSpec(unitID int64) eservice.Spec {
	t := func(sv, en string) eservice.Text { return eservice.Text{SV: sv, EN: en} }
	return eservice.Spec{Format: eservice.FormatVersion, Slug: "felanmalan", Title: t("Felanmälan", "Fault report"),
		Summary: t("Anmäl fel.", "Report faults."), Category: "gata-trafik", UnitID: unitID, Classification: eservice.ClassLow,
		Login:     eservice.LoginRule{Anonymous: true},
		Privacy:   eservice.Privacy{Purpose: t("Åtgärda fel.", ""), LegalBasis: t("Allmänt intresse.", ""), Retention: t("Två år.", ""), Controller: "Kommunen"},
		Retention: eservice.Retention{Months: 24, Action: eservice.RetainDelete}, TargetDays: 14, ConfirmByEmail: true,
		Statuses: eservice.DefaultStatuses(),
		Form: eservice.Form{Pages: []eservice.Page{{ID: "fel", Title: t("Felet", "The fault"), Questions: []eservice.Question{
			{ID: "text", Type: eservice.TypeLongText, Label: t("Vad är fel?", "What is wrong?"), Required: true}}}}}}
}

// submit makes an errand with a receipt to addr, its receipt job
// enqueued in the same transaction as the web layer does, and returns it.
func (e *env) submit(t *testing.T, addr, lang string) eservice.Errand {
	t.Helper()
	er, err := e.db.SubmitErrand(t.Context(), store.NewErrand{ServiceID: e.svc.ID, Version: 1, Channel: eservice.ChannelDigital,
		Answers: eservice.Answers{"text": {"Räksmörgås på gatan"}}, Email: addr}, rand.Reader, notify.ReceiptJob(e.runner, lang))
	if err != nil {
		t.Fatal(err)
	}
	js, err := e.runner.List(t.Context(), jobs.JobFilter{Kind: "errand_receipt", Limit: 1})
	if err != nil || len(js) == 0 || !strings.Contains(js[0].Args, fmt.Sprintf(`"errand_id":%d`, er.ID)) {
		t.Fatalf("newest receipt job %+v (%v) does not name errand %d", js, err, er.ID)
	}
	return er
}

// gate forwards TCP connections to a target while open and closes them at
// once while shut, like a mail server that is down.
type gate struct {
	ln     net.Listener
	target string
	open   atomic.Bool
}

func openGate(t *testing.T, target string) *gate {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	g := &gate{ln: ln, target: target}
	g.open.Store(true)
	t.Cleanup(func() { _ = ln.Close() })
	go g.serve()
	return g
}

func (g *gate) addr() string { return g.ln.Addr().String() }

func (g *gate) serve() {
	for {
		c, err := g.ln.Accept()
		if err != nil {
			return
		}
		if !g.open.Load() {
			_ = c.Close()
			continue
		}
		go g.forward(c)
	}
}

func (g *gate) forward(c net.Conn) {
	defer func() { _ = c.Close() }()
	up, err := net.Dial("tcp", g.target)
	if err != nil {
		return
	}
	defer func() { _ = up.Close() }()
	done := make(chan struct{}, 2)
	go func() { _, _ = io.Copy(up, c); done <- struct{}{} }()
	go func() { _, _ = io.Copy(c, up); done <- struct{}{} }()
	<-done
}

// TestReceiptMail checks that the receipt job mails the reference, the
// service, the link to the receipt and (for a public service) the
// answers, in the language of the page it was submitted from.
func TestReceiptMail(t *testing.T) {
	t.Parallel()
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		e := newEnv(t, db)
		for _, c := range []struct {
			lang, addr string
			want       []string
		}{
			{"sv", "anna@example.se", []string{"Vi har tagit emot ditt ärende", "Felanmälan", "Räksmörgås på gatan", "Diarienummer", "inom 14 dagar"}},
			{"en", "bob@example.se", []string{"We have received your errand", "Fault report", "Räksmörgås på gatan", "within 14 days"}},
		} {
			er := e.submit(t, c.addr, c.lang)
			m := e.smtp.WaitFor(t, c.addr)
			if !strings.Contains(m.Subject, er.Reference) {
				t.Errorf("%s: subject %q lacks %s", c.lang, m.Subject, er.Reference)
			}
			for _, w := range append(c.want, er.Reference, "https://e.kommun.example.se/e-tjanster/kvitto/"+er.Reference) {
				if !strings.Contains(m.Text, w) {
					t.Errorf("%s: mail lacks %q:\n%s", c.lang, w, m.Text)
				}
			}
		}
	})
}

// TestReceiptMailWaitsForTheServer checks that a receipt survives a mail
// server that is down: the job fails, is tried again, and the mail
// arrives once the server is back — exactly once.
func TestReceiptMailWaitsForTheServer(t *testing.T) {
	t.Parallel()
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		e := newEnv(t, db)
		e.gate.open.Store(false)
		er := e.submit(t, "cecilia@example.se", "sv")
		deadline := time.Now().Add(20 * time.Second)
		for {
			js, err := e.runner.List(t.Context(), jobs.JobFilter{Kind: "errand_receipt"})
			if err != nil {
				t.Fatal(err)
			}
			if len(js) == 1 && js[0].Errors >= 2 {
				if strings.Contains(js[0].LastError, "cecilia") || strings.Contains(js[0].Args, "cecilia") {
					t.Fatalf("the job shows the address: %+v", js[0])
				}
				break
			}
			if time.Now().After(deadline) {
				t.Fatalf("jobs %+v: no failed attempts while the server was down", js)
			}
			time.Sleep(20 * time.Millisecond)
		}
		e.gate.open.Store(true)
		m := e.smtp.WaitFor(t, "cecilia@example.se")
		if !strings.Contains(m.Text, er.Reference) {
			t.Fatalf("mail lacks the reference:\n%s", m.Text)
		}
		time.Sleep(300 * time.Millisecond)
		n := 0
		for _, m := range e.smtp.Messages(t) {
			if len(m.To) == 1 && m.To[0].Address == "cecilia@example.se" {
				n++
			}
		}
		if n != 1 {
			t.Fatalf("%d receipts arrived, want 1", n)
		}
	})
}

// TestReceiptWithoutAddress checks that an errand without an address and
// a reference that names no errand finish without a mail and without
// being retried.
func TestReceiptWithoutAddress(t *testing.T) {
	t.Parallel()
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		e := newEnv(t, db)
		e.submit(t, "", "sv")
		if _, err := e.runner.Enqueue(t.Context(), notify.ReceiptArgs{ErrandID: 999999, Lang: "sv"}, jobs.EnqueueOpts{}); err != nil {
			t.Fatal(err)
		}
		deadline := time.Now().Add(20 * time.Second)
		for {
			c, err := e.runner.Counts(t.Context())
			if err != nil {
				t.Fatal(err)
			}
			if c["completed"] == 1 && c["cancelled"] == 1 {
				break
			}
			if time.Now().After(deadline) {
				t.Fatalf("job counts %v, want one completed and one cancelled", c)
			}
			time.Sleep(20 * time.Millisecond)
		}
		if ms := e.smtp.Messages(t); len(ms) != 0 {
			t.Fatalf("%d mails sent", len(ms))
		}
	})
}
