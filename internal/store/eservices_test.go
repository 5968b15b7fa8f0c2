package store_test

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"
	"sync"
	"testing"

	"github.com/google/go-cmp/cmp"

	"sprang"
	"sprang/internal/eservice"
	"sprang/internal/identity"
	"sprang/internal/store"
	"sprang/internal/store/storetest"
)

// testSpec returns a minimal spec of a service owned by unitID: one page
// with one text question.
func testSpec(slug, title string, unitID int64) eservice.Spec {
	return eservice.Spec{
		Format:   eservice.FormatVersion,
		Slug:     slug,
		Title:    eservice.Text{SV: title, EN: title + " (en)"},
		Summary:  eservice.Text{SV: "Om " + title, EN: "About " + title},
		Category: "gata-trafik",
		Keywords: []string{"nyckelord"},
		UnitID:   unitID,
		Privacy: eservice.Privacy{Purpose: eservice.Text{SV: "Handlägga ärendet"},
			LegalBasis: eservice.Text{SV: "Allmänt intresse"}, Retention: eservice.Text{SV: "Två år"}, Controller: "Kommunen"},
		Retention:  eservice.Retention{Months: 24, Action: eservice.RetainAnonymize},
		TargetDays: 14,
		Statuses:   eservice.DefaultStatuses(),
		Form: eservice.Form{Pages: []eservice.Page{{
			ID:    "start",
			Title: eservice.Text{SV: "Vad gäller det?"},
			Questions: []eservice.Question{{ID: "what", Type: eservice.TypeText,
				Label: eservice.Text{SV: "Beskriv", EN: "Describe"}, Required: true}},
		}}},
	}
}

// serviceFixture is a database with a unit and a staff user to own and
// edit services.
type serviceFixture struct {
	db   *store.DB
	unit int64
	user int64
}

func newServiceFixture(t *testing.T, db *store.DB) serviceFixture {
	t.Helper()
	org := testOrg(t, db)
	u := mustUser(t, db, identity.NewUser{Username: "etjanst", DisplayName: "E-tjänstutvecklare"})
	return serviceFixture{db: db, unit: org["socialforvaltningen"].ID, user: u.ID}
}

// create stores a service, failing the test on error.
func (f serviceFixture) create(t *testing.T, slug, title string) store.Service {
	t.Helper()
	s, err := f.db.CreateService(t.Context(), testSpec(slug, title, f.unit), f.user)
	if err != nil {
		t.Fatalf("CreateService %s: %v", slug, err)
	}
	return s
}

// publish publishes service id's draft, failing the test on error.
func (f serviceFixture) publish(t *testing.T, id int64) int {
	t.Helper()
	v, err := f.db.PublishService(t.Context(), id, f.user)
	if err != nil {
		t.Fatalf("PublishService %d: %v", id, err)
	}
	return v
}

// createPublished stores and publishes a service.
func (f serviceFixture) createPublished(t *testing.T, slug, title string) store.Service {
	t.Helper()
	s := f.create(t, slug, title)
	f.publish(t, s.ID)
	return s
}

func wantKind(t *testing.T, what string, err error, kind sprang.Kind) {
	t.Helper()
	if got := sprang.ErrorKind(err); got != kind {
		t.Fatalf("%s: error %v (kind %q), want kind %q", what, err, got, kind)
	}
}

func TestServiceVersionLifecycle(t *testing.T) {
	t.Parallel()
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		ctx := t.Context()
		f := newServiceFixture(t, db)
		v1 := testSpec("felanmalan", "Felanmälan", f.unit)
		s, err := db.CreateService(ctx, v1, f.user)
		if err != nil {
			t.Fatal(err)
		}
		if s.ID == 0 || s.Slug != "felanmalan" || s.UnitID != f.unit || s.Published != 0 || s.Draft != 1 || s.UpdatedAt.IsZero() {
			t.Fatalf("created %+v", s)
		}
		if diff := cmp.Diff(v1, s.Spec); diff != "" {
			t.Errorf("created spec (-want +got):\n%s", diff)
		}

		// Editing a draft that was never published changes it in place.
		v1.Summary.SV = "Anmäl fel på gator och i parker"
		if v, err := db.SaveServiceDraft(ctx, s.ID, v1, f.user); err != nil || v != 1 {
			t.Fatalf("SaveServiceDraft = %d, %v; want 1", v, err)
		}
		if v := f.publish(t, s.ID); v != 1 {
			t.Fatalf("published version %d, want 1", v)
		}
		s, err = db.FindService(ctx, s.ID)
		if err != nil || s.Published != 1 || s.Draft != 0 {
			t.Fatalf("after publishing: %+v, %v", s, err)
		}

		// A new draft is version 2; the service still shows version 1.
		v2 := testSpec("felanmalan", "Felanmälan gata och park", f.unit)
		if v, err := db.SaveServiceDraft(ctx, s.ID, v2, f.user); err != nil || v != 2 {
			t.Fatalf("SaveServiceDraft = %d, %v; want 2", v, err)
		}
		s, err = db.FindServiceBySlug(ctx, "felanmalan")
		if err != nil || s.Published != 1 || s.Draft != 2 || s.Spec.Title.SV != "Felanmälan" {
			t.Fatalf("with a draft: %+v, %v", s, err)
		}
		if v := f.publish(t, s.ID); v != 2 {
			t.Fatalf("published version %d, want 2", v)
		}
		s, err = db.FindService(ctx, s.ID)
		if err != nil || s.Published != 2 || s.Draft != 0 || s.Spec.Title.SV != "Felanmälan gata och park" {
			t.Fatalf("after the second publication: %+v, %v", s, err)
		}

		// The old version is still there, unchanged.
		old, err := db.FindServiceVersion(ctx, s.ID, 1)
		if err != nil {
			t.Fatal(err)
		}
		if diff := cmp.Diff(v1, old); diff != "" {
			t.Errorf("version 1 (-want +got):\n%s", diff)
		}
		if _, err := db.FindServiceVersion(ctx, s.ID, 3); sprang.ErrorKind(err) != sprang.NotFound {
			t.Errorf("FindServiceVersion 3: %v, want NotFound", err)
		}

		versions, err := db.ServiceVersions(ctx, s.ID)
		if err != nil || len(versions) != 2 {
			t.Fatalf("ServiceVersions = %+v, %v", versions, err)
		}
		for i, want := range []struct {
			v     int
			state string
		}{{2, store.VersionPublished}, {1, store.VersionSuperseded}} {
			got := versions[i]
			if got.Version != want.v || got.State != want.state || got.CreatedBy != f.user ||
				got.PublishedBy != f.user || got.CreatedAt.IsZero() || got.PublishedAt.IsZero() {
				t.Errorf("version %d = %+v, want version %d %s", i, got, want.v, want.state)
			}
		}
	})
}

func TestServiceNotFound(t *testing.T) {
	t.Parallel()
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		ctx := t.Context()
		f := newServiceFixture(t, db)
		_, err := db.FindService(ctx, 999)
		wantKind(t, "FindService", err, sprang.NotFound)
		_, err = db.FindServiceBySlug(ctx, "finns-inte")
		wantKind(t, "FindServiceBySlug", err, sprang.NotFound)
		_, err = db.SaveServiceDraft(ctx, 999, testSpec("x", "X", f.unit), f.user)
		wantKind(t, "SaveServiceDraft", err, sprang.NotFound)
		_, err = db.PublishService(ctx, 999, f.user)
		wantKind(t, "PublishService", err, sprang.NotFound)
		wantKind(t, "DiscardServiceDraft", db.DiscardServiceDraft(ctx, 999), sprang.NotFound)
		if vs, err := db.ServiceVersions(ctx, 999); err != nil || len(vs) != 0 {
			t.Errorf("ServiceVersions of no service = %v, %v", vs, err)
		}
	})
}

func TestServiceSlugAndUnit(t *testing.T) {
	t.Parallel()
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		ctx := t.Context()
		f := newServiceFixture(t, db)
		a := f.createPublished(t, "bygglov", "Bygglov")
		b := f.create(t, "altan", "Altan")

		tests := []struct {
			name  string
			err   error
			kind  sprang.Kind
			field string
		}{
			{"create with a taken slug", errOf(db.CreateService(ctx, testSpec("bygglov", "Annat", f.unit), f.user)), sprang.Conflict, "slug"},
			{"save with a taken slug", errOf(db.SaveServiceDraft(ctx, b.ID, testSpec("bygglov", "Altan", f.unit), f.user)), sprang.Conflict, "slug"},
			{"new draft with a taken slug", errOf(db.SaveServiceDraft(ctx, a.ID, testSpec("altan", "Bygglov", f.unit), f.user)), sprang.Conflict, "slug"},
			{"no slug", errOf(db.CreateService(ctx, testSpec("", "Utan", f.unit), f.user)), sprang.Invalid, "slug"},
			{"no unit", errOf(db.CreateService(ctx, testSpec("utan-enhet", "Utan", 0), f.user)), sprang.Invalid, "unit"},
			{"unknown unit", errOf(db.SaveServiceDraft(ctx, b.ID, testSpec("altan", "Altan", 999), f.user)), sprang.Invalid, "unit"},
		}
		for _, tc := range tests {
			if sprang.ErrorKind(tc.err) != tc.kind || sprang.ErrorFields(tc.err)[tc.field] == "" {
				t.Errorf("%s: %v, want %s with Fields[%q]", tc.name, tc.err, tc.kind, tc.field)
			}
		}

		// A draft of a published service may rename it; the new slug
		// applies once published, and the old one is free again.
		if _, err := db.SaveServiceDraft(ctx, a.ID, testSpec("bygglov-ny", "Bygglov", f.unit), f.user); err != nil {
			t.Fatal(err)
		}
		if s, err := db.FindServiceBySlug(ctx, "bygglov"); err != nil || s.ID != a.ID {
			t.Fatalf("before publishing the rename: %+v, %v", s, err)
		}
		f.publish(t, a.ID)
		if s, err := db.FindServiceBySlug(ctx, "bygglov-ny"); err != nil || s.ID != a.ID {
			t.Fatalf("after publishing the rename: %+v, %v", s, err)
		}
		if _, err := db.FindServiceBySlug(ctx, "bygglov"); sprang.ErrorKind(err) != sprang.NotFound {
			t.Errorf("old slug: %v, want NotFound", err)
		}
		// A draft never published renames the service at once.
		if _, err := db.SaveServiceDraft(ctx, b.ID, testSpec("bygglov", "Altan", f.unit), f.user); err != nil {
			t.Fatalf("take the freed slug: %v", err)
		}
		if s, err := db.FindServiceBySlug(ctx, "bygglov"); err != nil || s.ID != b.ID {
			t.Fatalf("renamed draft: %+v, %v", s, err)
		}
	})
}

// errOf returns the error of a two-valued call.
func errOf[T any](_ T, err error) error { return err }

func TestDiscardServiceDraft(t *testing.T) {
	t.Parallel()
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		ctx := t.Context()
		f := newServiceFixture(t, db)

		// Never published: the service goes with its draft.
		never := f.create(t, "aldrig", "Aldrig publicerad")
		if err := db.DiscardServiceDraft(ctx, never.ID); err != nil {
			t.Fatal(err)
		}
		_, err := db.FindService(ctx, never.ID)
		wantKind(t, "discarded service", err, sprang.NotFound)

		// Published: only the draft goes.
		pub := f.createPublished(t, "publicerad", "Publicerad")
		wantKind(t, "discard without a draft", db.DiscardServiceDraft(ctx, pub.ID), sprang.NotFound)
		_, err = db.PublishService(ctx, pub.ID, f.user)
		wantKind(t, "publish without a draft", err, sprang.Conflict)
		if _, err := db.SaveServiceDraft(ctx, pub.ID, testSpec("publicerad", "Ändrad", f.unit), f.user); err != nil {
			t.Fatal(err)
		}
		if err := db.DiscardServiceDraft(ctx, pub.ID); err != nil {
			t.Fatal(err)
		}
		s, err := db.FindService(ctx, pub.ID)
		if err != nil || s.Published != 1 || s.Draft != 0 || s.Spec.Title.SV != "Publicerad" {
			t.Fatalf("after discarding: %+v, %v", s, err)
		}
		if vs, err := db.ServiceVersions(ctx, pub.ID); err != nil || len(vs) != 1 || vs[0].State != store.VersionPublished {
			t.Errorf("versions after discarding = %+v, %v", vs, err)
		}
		// The next draft takes the discarded number again.
		if v, err := db.SaveServiceDraft(ctx, pub.ID, testSpec("publicerad", "Igen", f.unit), f.user); err != nil || v != 2 {
			t.Errorf("next draft = %d, %v; want 2", v, err)
		}
	})
}

// TestPublishedVersionFrozen checks the trigger behind the store's rules:
// a published or superseded version cannot be changed by direct SQL.
func TestPublishedVersionFrozen(t *testing.T) {
	t.Parallel()
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		ctx := t.Context()
		f := newServiceFixture(t, db)
		s := f.createPublished(t, "fryst", "Fryst")
		if _, err := db.SaveServiceDraft(ctx, s.ID, testSpec("fryst", "Fryst 2", f.unit), f.user); err != nil {
			t.Fatal(err)
		}
		id := fmt.Sprint(s.ID)
		refused := []string{
			`UPDATE eservice_versions SET spec = '{}' WHERE service_id = ` + id + ` AND version = 1`,
			`UPDATE eservice_versions SET state = 'draft' WHERE service_id = ` + id + ` AND version = 1`,
			`UPDATE eservice_versions SET published_by = NULL WHERE service_id = ` + id + ` AND version = 1`,
		}
		for _, q := range refused {
			if err := db.ExecForTest(ctx, q); err == nil {
				t.Errorf("%s: no error, want the trigger to refuse", q)
			}
		}
		// The draft may change; the published one may become superseded.
		for _, q := range []string{
			`UPDATE eservice_versions SET spec = spec WHERE service_id = ` + id + ` AND version = 2`,
			`UPDATE eservice_versions SET spec = '{"title":{"sv":"x"}}' WHERE service_id = ` + id + ` AND version = 2`,
			`UPDATE eservice_versions SET state = 'superseded' WHERE service_id = ` + id + ` AND version = 1`,
		} {
			if err := db.ExecForTest(ctx, q); err != nil {
				t.Errorf("%s: %v", q, err)
			}
		}
		if err := db.ExecForTest(ctx, `UPDATE eservice_versions SET state = 'published' WHERE service_id = `+id+` AND version = 1`); err == nil {
			t.Error("superseded → published: no error, want the trigger to refuse")
		}
	})
}

// TestSaveServiceDraftConcurrent saves drafts of one published service
// from several goroutines: they all land on the one new draft version.
func TestSaveServiceDraftConcurrent(t *testing.T) {
	t.Parallel()
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		f := newServiceFixture(t, db)
		s := f.createPublished(t, "samtidigt", "Samtidigt")
		var wg sync.WaitGroup
		versions := make([]int, 6)
		errs := make([]error, len(versions))
		for i := range versions {
			wg.Go(func() {
				versions[i], errs[i] = db.SaveServiceDraft(t.Context(), s.ID, testSpec("samtidigt", fmt.Sprint("Utkast ", i), f.unit), f.user)
			})
		}
		wg.Wait()
		for i := range versions {
			if errs[i] != nil || versions[i] != 2 {
				t.Errorf("save %d = %d, %v; want version 2", i, versions[i], errs[i])
			}
		}
		if vs, err := db.ServiceVersions(t.Context(), s.ID); err != nil || len(vs) != 2 {
			t.Errorf("versions = %+v, %v; want 2", vs, err)
		}
	})
}

func TestPublishServiceTxFuncs(t *testing.T) {
	t.Parallel()
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		ctx := t.Context()
		f := newServiceFixture(t, db)
		s := f.create(t, "utskick", "Utskick")
		boom := errors.New("job queue down")
		_, err := db.PublishService(ctx, s.ID, f.user, func(context.Context, *sql.Tx) error { return boom })
		if !errors.Is(err, boom) {
			t.Fatalf("PublishService with a failing TxFunc = %v, want %v", err, boom)
		}
		if s, err := db.FindService(ctx, s.ID); err != nil || s.Published != 0 || s.Draft != 1 {
			t.Fatalf("after the rollback: %+v, %v", s, err)
		}
		called := false
		if _, err := db.PublishService(ctx, s.ID, f.user, func(context.Context, *sql.Tx) error { called = true; return nil }); err != nil || !called {
			t.Fatalf("PublishService = %v, TxFunc called %v", err, called)
		}
	})
}

func TestListServices(t *testing.T) {
	t.Parallel()
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		ctx := t.Context()
		f := newServiceFixture(t, db)
		org, err := db.FindUnitBySlug(ctx, "hemtjanst")
		if err != nil {
			t.Fatal(err)
		}
		for _, title := range []string{"Örtagård", "Ärende", "Zebra", "Ås", "avfall"} {
			f.createPublished(t, slugOf(title), title)
		}
		other, err := db.CreateService(ctx, testSpec("hemtjanst", "Hemtjänst", org.ID), f.user)
		if err != nil {
			t.Fatal(err)
		}
		titles := func(ss []store.Service) []string {
			var out []string
			for _, s := range ss {
				out = append(out, s.Spec.Title.SV)
			}
			return out
		}
		all, err := db.ListServices(ctx, nil)
		if err != nil {
			t.Fatal(err)
		}
		if diff := cmp.Diff([]string{"avfall", "Hemtjänst", "Zebra", "Ås", "Ärende", "Örtagård"}, titles(all)); diff != "" {
			t.Errorf("ListServices(nil) (-want +got):\n%s", diff)
		}
		mine, err := db.ListServices(ctx, []int64{org.ID})
		if err != nil || len(mine) != 1 || mine[0].ID != other.ID || mine[0].Published != 0 {
			t.Errorf("ListServices(hemtjanst) = %+v, %v", mine, err)
		}
		if none, err := db.ListServices(ctx, []int64{}); err != nil || len(none) != 0 {
			t.Errorf("ListServices(none) = %+v, %v", none, err)
		}
	})
}

// slugOf makes a slug of a test title.
func slugOf(title string) string {
	r := strings.NewReplacer("å", "a", "ä", "a", "ö", "o", "Å", "a", "Ä", "a", "Ö", "o", " ", "-")
	return strings.ToLower(r.Replace(title))
}
