package notify

import (
	"context"
	"strconv"
	"strings"

	"sprang/internal/eservice"
	"sprang/internal/i18n"
	"sprang/internal/jobs"
	"sprang/internal/mail"
)

// ReceiptArgs are the arguments of the receipt mail: the errand just
// submitted and the language of the page it was submitted from. Nothing
// personal: the address is read from the errand when the mail is sent.
type ReceiptArgs struct {
	ErrandID int64  `json:"errand_id"`
	Lang     string `json:"lang"` // "sv" or "en"
}

// Kind names the receipt mail job.
func (ReceiptArgs) Kind() string { return "errand_receipt" }

// workReceipt mails the receipt of an errand to the address given with
// it. An errand without an address needs no mail.
func (n *Notifier) workReceipt(ctx context.Context, job jobs.Job[ReceiptArgs]) error {
	e, spec, err := n.readErrand(ctx, job.Args.ErrandID, "Kvitto på e-post till den som lämnade in ärendet")
	if err != nil {
		return err
	}
	if e.Email == "" {
		return nil
	}
	return n.deliver(ctx, n.ReceiptMail(e, spec, i18n.ParseLang(job.Args.Lang), n.fileNames(ctx, e, spec)))
}

// ReceiptMail returns the receipt mail of errand e made with spec, in
// lang: the reference, when it arrived, what happens next and a link to
// the receipt page. It repeats the answers only when the service's
// classification allows that in a mail (see eservice.Rules); files are
// named by names (by file id).
func (n *Notifier) ReceiptMail(e eservice.Errand, spec eservice.Spec, lang i18n.Lang, names map[int64]string) mail.Message {
	title := spec.Title.In(string(lang))
	var b strings.Builder
	line := func(s string) { b.WriteString(s); b.WriteString("\n") }
	line(n.t(lang, "notify.greeting"))
	line("")
	line(n.t(lang, "notify.receipt.received", title, i18n.DateTime(e.SubmittedAt)))
	line("")
	line(n.t(lang, "notify.receipt.reference", e.Reference))
	if e.DiaryNumber != "" {
		line(n.t(lang, "notify.receipt.diary", e.DiaryNumber))
	}
	line("")
	if spec.TargetDays > 0 {
		line(n.t(lang, "notify.receipt.target", strconv.Itoa(spec.TargetDays), i18n.Date(lang, e.DueAt)))
	}
	line(n.t(lang, "notify.receipt.link"))
	line(n.base + "/e-tjanster/kvitto/" + e.Reference)
	if eservice.Rules(spec.Classification).EmailReceipt {
		writeAnswers(&b, n, spec.Form.Rows(e.Answers, string(lang)), lang, names)
	}
	line("")
	line(n.t(lang, "notify.no_reply"))
	return mail.Message{To: e.Email, Subject: n.t(lang, "notify.receipt.subject", e.Reference), Text: b.String()}
}

// writeAnswers writes the answers as "label: value" lines under a heading.
func writeAnswers(b *strings.Builder, n *Notifier, rows []eservice.Row, lang i18n.Lang, names map[int64]string) {
	if len(rows) == 0 {
		return
	}
	b.WriteString("\n" + n.t(lang, "notify.receipt.answers") + "\n")
	for _, r := range rows {
		label := r.Label.In(string(lang))
		if r.Instance > 0 {
			label = r.Group.In(string(lang)) + " " + strconv.Itoa(r.Instance) + ", " + label
		}
		value := r.Value
		if r.FileID != 0 {
			value = names[r.FileID]
		}
		if value == "" {
			value = n.t(lang, "notify.receipt.unanswered")
		}
		b.WriteString("- " + label + ": " + strings.ReplaceAll(value, "\n", "\n  ") + "\n")
	}
}

// fileNames returns the names of the files e's answers hold, by id.
func (n *Notifier) fileNames(ctx context.Context, e eservice.Errand, spec eservice.Spec) map[int64]string {
	out := map[int64]string{}
	for _, r := range spec.Form.Rows(e.Answers, "sv") {
		if r.FileID == 0 {
			continue
		}
		if f, errand, err := n.db.FindFile(ctx, r.FileID); err == nil && errand == e.ID {
			out[r.FileID] = f.Name
		}
	}
	return out
}
