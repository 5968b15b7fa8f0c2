package demo

import (
	"bytes"
	"context"
	"embed"
	"fmt"
	"io/fs"
	"path"
	"slices"
	"strconv"
	"time"

	"sprang"
	"sprang/internal/audit"
	"sprang/internal/eservice"
	"sprang/internal/identity"
	"sprang/internal/store"
)

// specFiles holds the demo's e-services in the export format
// (docs/eservice.schema.json), one file per service.
//
//go:embed eservices/*.json
var specFiles embed.FS

// specDir is the directory of specFiles.
const specDir = "eservices"

// draftSlug names the service the demo leaves as an unpublished draft, so
// the builder shows one.
const draftSlug = "ansokan-om-schakttillstand"

// twoVersionsSlug names the service that has a second published version:
// version 2 adds an option, so the builder's version list and errands of
// both versions show.
const twoVersionsSlug = "felanmalan-gata-park"

// When the services were made, counted back from the start of seeding:
// the first version of each a little over a year ago (a few days apart),
// the second version of the two-version service some months ago, and the
// draft last week.
const (
	firstPublished  = 400 * 24 * time.Hour
	publishedApart  = 3 * 24 * time.Hour
	createdBefore   = 2 * 24 * time.Hour
	secondPublished = 120 * 24 * time.Hour
	draftCreated    = 9 * 24 * time.Hour
)

// Specs returns the demo's e-services as Import reads them from the
// embedded files, in file name order, UnitID unset. It returns the first
// file that does not import, named.
func Specs() ([]eservice.Spec, error) {
	names, err := fs.Glob(specFiles, specDir+"/*.json")
	if err != nil {
		return nil, fmt.Errorf("demo e-services: %w", err)
	}
	slices.Sort(names)
	out := make([]eservice.Spec, 0, len(names))
	for _, name := range names {
		b, err := specFiles.ReadFile(name)
		if err != nil {
			return nil, fmt.Errorf("demo e-service %s: %w", path.Base(name), err)
		}
		spec, err := eservice.Import(bytes.NewReader(b))
		if err != nil {
			return nil, fmt.Errorf("demo e-service %s: %w", path.Base(name), err)
		}
		out = append(out, spec)
	}
	return out, nil
}

// demoService is a seeded service with its published versions, oldest
// first, which the errands are made with.
type demoService struct {
	store.Service
	versions []publishedVersion
}

// publishedVersion is one published (or since superseded) version.
type publishedVersion struct {
	number int
	at     time.Time // when it was published
	spec   eservice.Spec
}

// versionAt returns the version a resident used at t: the last one
// published before t, and false when none was.
func (s *demoService) versionAt(t time.Time) (publishedVersion, bool) {
	var out publishedVersion
	ok := false
	for _, v := range s.versions {
		if v.at.Before(t) {
			out, ok = v, true
		}
	}
	return out, ok
}

// seedServices creates the demo services that are missing, by user by
// (the e-service builder), at their moments in the past, and returns every
// demo service by slug.
func seedServices(ctx context.Context, db *store.DB, by int64, units map[string]identity.Unit) (map[string]*demoService, error) {
	specs, err := Specs()
	if err != nil {
		return nil, err
	}
	now := db.Now()
	out := map[string]*demoService{}
	for i, spec := range specs {
		unit, ok := units[spec.UnitSlug]
		if !ok {
			return nil, fmt.Errorf("demo e-service %s: no demo unit %q", spec.Slug, spec.UnitSlug)
		}
		spec.UnitID = unit.ID
		published := now.Add(-firstPublished + time.Duration(i)*publishedApart)
		if err := ensureService(ctx, db, spec, by, published); err != nil {
			return nil, fmt.Errorf("demo e-service %s: %w", spec.Slug, err)
		}
		s, err := loadService(ctx, db, spec.Slug)
		if err != nil {
			return nil, fmt.Errorf("demo e-service %s: %w", spec.Slug, err)
		}
		out[spec.Slug] = s
	}
	return out, nil
}

// ensureService creates spec's service unless its slug exists: the draft
// service as a draft, the others published at published (the two-version
// service also in its second version).
func ensureService(ctx context.Context, db *store.DB, spec eservice.Spec, by int64, published time.Time) error {
	if _, err := db.FindServiceBySlug(ctx, spec.Slug); sprang.ErrorKind(err) != sprang.NotFound {
		return err
	}
	created := published.Add(-createdBefore)
	if spec.Slug == draftSlug {
		created = db.Now().Add(-draftCreated)
	}
	sv, err := at(db, created).CreateService(ctx, spec, by)
	if err != nil {
		return err
	}
	if err := auditService(ctx, at(db, created), sv.ID, by, "eservice.imported", "demo content"); err != nil {
		return err
	}
	if spec.Slug == draftSlug {
		return nil
	}
	if err := publish(ctx, db, sv.ID, by, published); err != nil {
		return err
	}
	if spec.Slug != twoVersionsSlug {
		return nil
	}
	second := db.Now().Add(-secondPublished)
	if _, err := at(db, second.Add(-createdBefore)).SaveServiceDraft(ctx, sv.ID, secondVersion(spec), by); err != nil {
		return err
	}
	return publish(ctx, db, sv.ID, by, second)
}

// publish publishes the draft of service id at t and audits it.
func publish(ctx context.Context, db *store.DB, id, by int64, t time.Time) error {
	v, err := at(db, t).PublishService(ctx, id, by)
	if err != nil {
		return err
	}
	return auditService(ctx, at(db, t), id, by, "eservice.published", "version "+strconv.Itoa(v)+" (demo content)")
}

// auditService records what the e-service builder did to service id, as
// the builder does.
func auditService(ctx context.Context, db *store.DB, id, by int64, action, detail string) error {
	_, err := db.AppendAudit(ctx, audit.Entry{ActorKind: audit.Staff, ActorID: by, ActorName: "etjanst",
		Action: audit.Action(action), ObjectType: "eservice", ObjectID: strconv.FormatInt(id, 10), Detail: detail})
	return err
}

// secondVersion returns version 2 of the two-version service: a new
// option, traffic signs, before "something else".
func secondVersion(spec eservice.Spec) eservice.Spec {
	spec.Keywords = append(slices.Clone(spec.Keywords), "skylt")
	spec.Form.Pages = slices.Clone(spec.Form.Pages)
	page := spec.Form.Pages[0]
	page.Questions = slices.Clone(page.Questions)
	q := page.Questions[0]
	sign := eservice.Option{Value: "skylt", Label: eservice.Text{SV: "Trafikskylt eller vägmärke", EN: "Traffic sign or road marking"}}
	last := len(q.Options) - 1
	q.Options = slices.Concat(q.Options[:last:last], []eservice.Option{sign}, q.Options[last:])
	page.Questions[0] = q
	spec.Form.Pages[0] = page
	return spec
}

// loadService reads a demo service with its published versions.
func loadService(ctx context.Context, db *store.DB, slug string) (*demoService, error) {
	sv, err := db.FindServiceBySlug(ctx, slug)
	if err != nil {
		return nil, err
	}
	infos, err := db.ServiceVersions(ctx, sv.ID)
	if err != nil {
		return nil, err
	}
	s := &demoService{Service: sv}
	for _, vi := range slices.Backward(infos) {
		if vi.State == store.VersionDraft {
			continue
		}
		spec, err := db.FindServiceVersion(ctx, sv.ID, vi.Version)
		if err != nil {
			return nil, err
		}
		s.versions = append(s.versions, publishedVersion{number: vi.Version, at: vi.PublishedAt, spec: spec})
	}
	return s, nil
}

// at returns db with its clock standing at t.
func at(db *store.DB, t time.Time) *store.DB {
	return db.WithClockForDemo(func() time.Time { return t })
}
