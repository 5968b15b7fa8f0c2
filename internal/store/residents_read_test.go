package store_test

import (
	"context"
	"testing"
	"time"

	"sprang"
	"sprang/internal/audit"
	"sprang/internal/identity"
	"sprang/internal/secret"
	"sprang/internal/store"
	"sprang/internal/store/storetest"
)

func TestReadResidentIsAudited(t *testing.T) {
	t.Parallel()
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		box, err := secret.NewBox("a test key that is long enough for the box")
		if err != nil {
			t.Fatal(err)
		}
		db = db.WithBox(box)
		pnr, err := identity.ParsePersonnummer("19121212-1212", time.Now())
		if err != nil {
			t.Fatal(err)
		}
		r, err := db.FindOrCreateResidentByEID(ctx, identity.EIDLogin{Personnummer: pnr, LoA: "loa3"})
		if err != nil {
			t.Fatal(err)
		}
		by := store.Reader{ActorKind: audit.Staff, ActorID: 7, ActorName: "handlaggare", Reason: "handläggning av ärende 2026-0042"}
		got, err := db.ReadResident(ctx, r.ID, by)
		if err != nil {
			t.Fatal(err)
		}
		if got.Personnummer != pnr {
			t.Errorf("read personnummer %v, want %v", got.Personnummer, pnr)
		}
		if _, err := db.ReadResident(ctx, r.ID, store.Reader{ActorKind: audit.Staff, ActorID: 7, ActorName: "handlaggare"}); sprang.ErrorKind(err) != sprang.Invalid {
			t.Errorf("read without a reason: %v, want Invalid", err)
		}
		reads, err := db.AuditPersonalDataReads(ctx, r.ID)
		if err != nil {
			t.Fatal(err)
		}
		if len(reads) != 1 || reads[0].ActorName != "handlaggare" || reads[0].Reason != by.Reason {
			t.Errorf("audited reads = %+v, want the one read with its reason", reads)
		}
	})
}
