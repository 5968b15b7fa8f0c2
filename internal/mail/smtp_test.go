package mail_test

import (
	"context"
	"strings"
	"testing"

	"sprang"
	"sprang/internal/mail"
	"sprang/internal/mail/mailtest"
)

func TestSMTPDeliversSwedishText(t *testing.T) {
	t.Parallel()
	srv := mailtest.Start(t)
	tests := []struct {
		name, url string
	}{
		{"plain", srv.SMTPURL()},
		{"with credentials", strings.Replace(srv.SMTPURL(), "smtp://", "smtp://anvandare:hemligt%C3%A5@", 1)},
	}
	for i, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s, err := mail.NewSMTP(tt.url, "Språnget <noreply@kommun.example.se>")
			if err != nil {
				t.Fatalf("NewSMTP: %v", err)
			}
			to := []string{"åsa@example.se", "örjan@example.se"}[i]
			m := mail.Message{To: to, Subject: "Din kod till Språnget – åäö ÅÄÖ", Text: "Hej!\n\nKoden är 123456. Hälsningar från kommunens växel på Storgatan.\n"}
			if err := s.Send(context.Background(), m); err != nil {
				t.Fatalf("Send: %v", err)
			}
			got := srv.WaitFor(t, to)
			if got.Subject != m.Subject {
				t.Errorf("subject = %q, want %q", got.Subject, m.Subject)
			}
			if !strings.Contains(got.Text, "Hälsningar från kommunens växel") || !strings.Contains(got.Text, "123456") {
				t.Errorf("body = %q, want the Swedish text", got.Text)
			}
			if got.From.Address != "noreply@kommun.example.se" || got.From.Name != "Språnget" {
				t.Errorf("from = %+v", got.From)
			}
		})
	}
}

func TestNewSMTPRejectsBadConfig(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name, url, from string
	}{
		{"no from", "smtp://mail.example.se", ""},
		{"bad scheme", "http://mail.example.se", "a@example.se"},
		{"no host", "smtp://", "a@example.se"},
		{"bad port", "smtp://mail.example.se:99999", "a@example.se"},
		{"bad starttls", "smtp://mail.example.se?starttls=maybe", "a@example.se"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			_, err := mail.NewSMTP(tt.url, tt.from)
			if sprang.ErrorKind(err) != sprang.Invalid {
				t.Fatalf("NewSMTP(%q) = %v, want Invalid", tt.url, err)
			}
		})
	}
}

func TestNewSMTPErrorHidesPassword(t *testing.T) {
	t.Parallel()
	_, err := mail.NewSMTP("ftp://user:topsecret@mail.example.se", "a@example.se")
	if err == nil || strings.Contains(err.Error(), "topsecret") {
		t.Fatalf("error %v must exist and hide the password", err)
	}
}

func TestSendFailsWhenServerIsDown(t *testing.T) {
	t.Parallel()
	s, err := mail.NewSMTP("smtp://127.0.0.1:1?starttls=none", "a@example.se")
	if err != nil {
		t.Fatal(err)
	}
	err = s.Send(context.Background(), mail.Message{To: "hemlig@example.se", Subject: "x", Text: "y"})
	if err == nil {
		t.Fatal("Send to a closed port succeeded")
	}
	if strings.Contains(err.Error(), "hemlig") {
		t.Errorf("error %q names the recipient", err)
	}
}

func TestMessageValidate(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name string
		m    mail.Message
		ok   bool
	}{
		{"ok", mail.Message{To: "a@b.se", Subject: "Hej", Text: "x"}, true},
		{"no to", mail.Message{Subject: "Hej", Text: "x"}, false},
		{"header injection", mail.Message{To: "a@b.se", Subject: "Hej\r\nBcc: x@y.se", Text: "x"}, false},
		{"no body", mail.Message{To: "a@b.se", Subject: "Hej"}, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			if err := tt.m.Validate(); (err == nil) != tt.ok {
				t.Errorf("Validate() = %v, want ok=%t", err, tt.ok)
			}
			if err := (mail.Dropped{}).Send(context.Background(), tt.m); (err == nil) != tt.ok {
				t.Errorf("Dropped.Send() = %v, want ok=%t", err, tt.ok)
			}
		})
	}
}
