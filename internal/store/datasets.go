package store

import (
	"context"
	"errors"
	"time"

	"sprang/internal/opendata"
)

var errNotBuilt = errors.New("not built yet")

// CreateDataset stores a new dataset as a draft, giving it a random UUID.
// A slug already taken is a Conflict error on field "slug".
func (db *DB) CreateDataset(ctx context.Context, d opendata.Dataset) (opendata.Dataset, error) {
	return d, errNotBuilt
}

// UpdateDataset stores d's metadata over the dataset with d.ID (not its
// state or times, which have their own methods). NotFound when it is gone.
func (db *DB) UpdateDataset(ctx context.Context, d opendata.Dataset) (opendata.Dataset, error) {
	return d, errNotBuilt
}

// SetDatasetState moves a dataset to state at time at (PublishedAt is set
// the first time it is published).
func (db *DB) SetDatasetState(ctx context.Context, id string, state opendata.State, at time.Time) error {
	return errNotBuilt
}

// Dataset returns the catalogue entry of the dataset with the given UUID or
// slug, drafts included (callers decide who may see a draft). NotFound
// when there is none.
func (db *DB) Dataset(ctx context.Context, idOrSlug string) (opendata.Entry, error) {
	return opendata.Entry{}, errNotBuilt
}

// SearchDatasets searches the catalogue; see opendata.DatasetQuery.
func (db *DB) SearchDatasets(ctx context.Context, q opendata.DatasetQuery) (opendata.DatasetPage, error) {
	return opendata.DatasetPage{}, errNotBuilt
}

// PublishedEntries returns every published dataset's entry, ordered by
// slug: the DCAT catalogue and CKAN's package_list.
func (db *DB) PublishedEntries(ctx context.Context) ([]opendata.Entry, error) {
	return nil, errNotBuilt
}

// CreateDistribution stores a new distribution of a dataset, giving it a
// random UUID and the next position.
func (db *DB) CreateDistribution(ctx context.Context, d opendata.Distribution) (opendata.Distribution, error) {
	return d, errNotBuilt
}

// UpdateDistribution stores d's descriptive fields (titles, descriptions,
// URL, format, media type, licence, position) over the distribution d.ID.
func (db *DB) UpdateDistribution(ctx context.Context, d opendata.Distribution) (opendata.Distribution, error) {
	return d, errNotBuilt
}

// Distribution returns the distribution with the given UUID. NotFound when
// there is none.
func (db *DB) Distribution(ctx context.Context, id string) (opendata.Distribution, error) {
	return opendata.Distribution{}, errNotBuilt
}

// AddUpload records a new version of a file distribution (version = the
// previous + 1), updates the distribution's format, media type, size,
// checksum and version to it, and returns it with its ID and Version.
func (db *DB) AddUpload(ctx context.Context, u opendata.Upload) (opendata.Upload, error) {
	return u, errNotBuilt
}

// Uploads returns every version of a distribution, newest first.
func (db *DB) Uploads(ctx context.Context, distributionID string) ([]opendata.Upload, error) {
	return nil, errNotBuilt
}

// Upload returns one version of a distribution; version 0 means the
// newest. NotFound when there is none.
func (db *DB) Upload(ctx context.Context, distributionID string, version int) (opendata.Upload, error) {
	return opendata.Upload{}, errNotBuilt
}

// UploadByID returns the upload with the store's id.
func (db *DB) UploadByID(ctx context.Context, id int64) (opendata.Upload, error) {
	return opendata.Upload{}, errNotBuilt
}

// CountAPICalls adds n calls to the API call counter of day (UTC,
// "YYYY-MM-DD") and action (e.g. "datastore_search"); the follow-up reads
// the totals with APICalls.
func (db *DB) CountAPICalls(ctx context.Context, day, action string, n int64) error {
	return errNotBuilt
}

// APICalls returns the API calls counted per day from..to (inclusive),
// summed over actions.
func (db *DB) APICalls(ctx context.Context, from, to string) (map[string]int64, error) {
	return nil, errNotBuilt
}
