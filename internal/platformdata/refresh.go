package platformdata

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"slices"
	"time"

	"sprang"
	"sprang/internal/identity"
	"sprang/internal/opendata"
)

// maxFile bounds one generated file; the tables are small aggregates.
const maxFile = 256 << 20

// refresh brings dataset s up to date: made and published the first time,
// its metadata current, and a new version of its file when the data
// changed.
func (p *Publisher) refresh(ctx context.Context, s set, root identity.Unit, months []time.Time, to time.Time) error {
	want := s.meta(p.opts.Threshold)
	want.UnitID = root.ID
	want.ContactName, want.ContactEmail = p.opts.ContactName, p.opts.ContactEmail
	switch {
	case s.coverage != nil:
		want.TemporalStart, want.TemporalEnd = s.coverage(p)
	case len(months) > 0:
		want.TemporalStart = months[0].Format(time.DateOnly)
		want.TemporalEnd = to.AddDate(0, 0, -1).Format(time.DateOnly)
	}
	e, err := p.dataset(ctx, want)
	if err != nil || e.Dataset.State == opendata.Withdrawn {
		return err
	}
	dist, err := p.distribution(ctx, e, s.dist)
	if err != nil {
		return err
	}
	rows, err := s.table(ctx, p, months, to)
	if err != nil {
		return err
	}
	content, err := writeCSV(rows)
	if err != nil {
		return err
	}
	if err := p.upload(ctx, dist, s, content); err != nil {
		return err
	}
	if e.Dataset.State == opendata.Draft {
		return p.publish(ctx, e.Dataset.ID)
	}
	return nil
}

// dataset returns the entry of the dataset want describes, made as a draft
// when missing and its metadata updated when it differs. A dataset of the
// slug that the platform did not generate is a Conflict: a steward took
// the name.
func (p *Publisher) dataset(ctx context.Context, want opendata.Dataset) (opendata.Entry, error) {
	e, err := p.db.Dataset(ctx, want.Slug)
	if sprang.ErrorKind(err) == sprang.NotFound {
		if _, err := p.db.CreateDataset(ctx, want); err != nil {
			return opendata.Entry{}, err
		}
		p.log.Info("platform datasets: dataset created", "dataset", want.Slug)
		return p.db.Dataset(ctx, want.Slug)
	}
	if err != nil {
		return opendata.Entry{}, err
	}
	if !e.Dataset.Generated {
		return opendata.Entry{}, sprang.Errorf(sprang.Conflict, "the slug %s belongs to a dataset the platform did not generate", want.Slug)
	}
	if e.Dataset.State == opendata.Withdrawn || sameMeta(e.Dataset, want) {
		return e, nil
	}
	want.ID = e.Dataset.ID
	d, err := p.db.UpdateDataset(ctx, want)
	if err != nil {
		return opendata.Entry{}, err
	}
	e.Dataset = d
	return e, nil
}

// sameMeta reports whether the stored dataset a has the metadata b sets.
func sameMeta(a, b opendata.Dataset) bool {
	return a.Slug == b.Slug && a.UnitID == b.UnitID && a.TitleSV == b.TitleSV && a.TitleEN == b.TitleEN &&
		a.DescriptionSV == b.DescriptionSV && a.DescriptionEN == b.DescriptionEN &&
		a.ContactName == b.ContactName && a.ContactEmail == b.ContactEmail &&
		slices.Equal(a.Keywords, b.Keywords) && slices.Equal(a.KeywordsEN, b.KeywordsEN) &&
		slices.Equal(a.Themes, b.Themes) && a.Licence == b.Licence && a.AccessRights == b.AccessRights &&
		a.Frequency == b.Frequency && a.TemporalStart == b.TemporalStart && a.TemporalEnd == b.TemporalEnd &&
		a.Spatial == b.Spatial && a.LandingPage == b.LandingPage && slices.Equal(a.HVDCategories, b.HVDCategories) &&
		a.Generated == b.Generated && a.Method == b.Method
}

// distribution returns the dataset's CSV file distribution, made when it
// has none.
func (p *Publisher) distribution(ctx context.Context, e opendata.Entry, want opendata.Distribution) (opendata.Distribution, error) {
	for _, d := range e.Distributions {
		if d.Kind == opendata.KindFile {
			return d, nil
		}
	}
	want.DatasetID, want.Kind, want.Format, want.MediaType = e.Dataset.ID, opendata.KindFile, "CSV", "text/csv"
	return p.db.CreateDistribution(ctx, want)
}

// upload adds content as a new version of dist and loads it, unless the
// newest version has the same content; that one is loaded again only when
// its load did not finish.
func (p *Publisher) upload(ctx context.Context, dist opendata.Distribution, s set, content []byte) error {
	sum := sha256.Sum256(content)
	if dist.Version > 0 && dist.Checksum == hex.EncodeToString(sum[:]) {
		up, err := p.db.Upload(ctx, dist.ID, 0)
		if err != nil || up.LoadState == opendata.LoadDone {
			return err
		}
		_, err = p.loader.Load(ctx, up.ID, s.overrides)
		return err
	}
	obj, err := p.files.PutOpen(ctx, bytes.NewReader(content), maxFile)
	if err != nil {
		return err
	}
	up, err := p.db.AddUpload(ctx, opendata.Upload{DistributionID: dist.ID, FileName: s.fileName, BlobKey: obj.Key,
		MediaType: "text/csv", ByteSize: obj.Size, Checksum: obj.SHA256, LoadState: opendata.LoadPending})
	if err != nil {
		return err
	}
	p.log.Info("platform datasets: new version", "dataset", s.slug, "version", up.Version, "bytes", up.ByteSize)
	if _, err := p.loader.Load(ctx, up.ID, s.overrides); err != nil {
		return err
	}
	return nil
}

// publish publishes the draft dataset id after the conformance check; a
// problem that stops publishing is an Internal error (the metadata is the
// package's own).
func (p *Publisher) publish(ctx context.Context, id string) error {
	e, err := p.db.Dataset(ctx, id)
	if err != nil {
		return err
	}
	for _, pr := range opendata.Check(e) {
		if pr.Violation {
			return fmt.Errorf("publish: conformance problem %s on %s (%s)", pr.Key, pr.Field, pr.Arg)
		}
	}
	if err := p.db.SetDatasetState(ctx, id, opendata.Published, p.opts.Now()); err != nil {
		return err
	}
	p.log.Info("platform datasets: published", "dataset", e.Dataset.Slug)
	return nil
}
