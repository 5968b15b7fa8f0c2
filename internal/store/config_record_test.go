package store_test

import (
	"context"
	"slices"
	"testing"

	"sprang/internal/audit"
	"sprang/internal/config"
	"sprang/internal/store"
	"sprang/internal/store/storetest"
)

func TestRecordConfigAuditsChanges(t *testing.T) {
	t.Parallel()
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		starts := []struct {
			cfg  map[string]string
			want []string
		}{
			{map[string]string{"base_url": "https://a.example", "eid_issuer": ""}, nil}, // first start
			{map[string]string{"base_url": "https://a.example", "eid_issuer": ""}, nil}, // unchanged
			{map[string]string{"base_url": "https://b.example", "eid_issuer": "https://idp"}, []string{"base_url", "eid_issuer"}},
			{map[string]string{"base_url": "https://b.example"}, []string{"eid_issuer"}}, // removed
		}
		for i, s := range starts {
			got, err := db.RecordConfig(ctx, s.cfg)
			if err != nil {
				t.Fatal(err)
			}
			if !slices.Equal(got, s.want) {
				t.Errorf("start %d: changed %v, want %v", i, got, s.want)
			}
		}
		page, err := db.FindAuditEntries(ctx, audit.Filter{Action: audit.ConfigChanged})
		if err != nil {
			t.Fatal(err)
		}
		if len(page.Entries) != 2 || page.Entries[1].Detail != "base_url=https://b.example; eid_issuer=https://idp" {
			t.Errorf("config.changed entries: %+v", page.Entries)
		}
	})
}

// TestRecordConfigWithMail is a start with a mail server configured: what
// config.Audited gives must pass the audit log's personal-data check.
func TestRecordConfigWithMail(t *testing.T) {
	t.Parallel()
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		c := config.Config{BaseURL: "https://e.example.se", SMTPURL: "smtp://sprang:hemligt@mail.example.se:587", MailFrom: "Språnget <noreply@kommun.example.se>"}
		if _, err := db.RecordConfig(ctx, config.Config{BaseURL: "https://e.example.se"}.Audited()); err != nil {
			t.Fatal(err)
		}
		changed, err := db.RecordConfig(ctx, c.Audited())
		if err != nil {
			t.Fatalf("start with SMTP configured: %v", err)
		}
		if !slices.Contains(changed, "smtp") || !slices.Contains(changed, "mail_from_domain") {
			t.Errorf("changed = %v, want smtp and mail_from_domain", changed)
		}
	})
}
