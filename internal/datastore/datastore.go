// Package datastore loads tabular uploads of the open data portal into
// typed, indexed tables: it reads the file from blob storage, sniffs its
// encoding and delimiter, infers column types (package tabular), lets the
// steward's overrides win, bulk-loads the rows through the store and saves
// the data-quality report, recording progress on the upload as it goes.
// Loads run as durable background jobs ("datastore_load") when a job
// runner is registered, and synchronously otherwise (tests, demo seeding).
package datastore

import (
	"context"
	"fmt"
	"log/slog"
	"sync"
	"time"

	"sprang"
	"sprang/internal/files"
	"sprang/internal/jobs"
	"sprang/internal/opendata"
	"sprang/internal/store"
	"sprang/internal/tabular"
)

// Messages recorded on an upload whose load failed (load_message), besides
// the Invalid keys of package tabular ("tabular.empty", …) for a file that
// is no table. Their texts are in internal/i18n/locales/datastore.*.json.
const (
	MsgFileMissing = "datastore.load.file_missing"
	MsgFailed      = "datastore.load.failed"
)

// progressEvery is how often a running load records its progress.
const progressEvery = time.Second

// Loader loads uploads into the datastore. It is safe for concurrent use;
// loads of one upload wait for each other. Use one Loader per process (the
// job runner's and the web server's): on SQLite that waiting is the
// Loader's alone, while on PostgreSQL the store also makes loads in other
// processes wait.
type Loader struct {
	db          *store.DB
	files       *files.Store
	log         *slog.Logger
	autoIndexes int            // see chooseIndexes
	onLoaded    func(id int64) // called when an upload is marked loaded, before its indexes (benchmarks)

	mu      sync.Mutex
	runner  *jobs.Runner
	running map[int64]chan struct{} // uploads being loaded, closed when done
}

// NewLoader returns a Loader reading files from fs and writing tables to db.
func NewLoader(db *store.DB, fs *files.Store, log *slog.Logger) *Loader {
	if log == nil {
		log = slog.New(slog.DiscardHandler)
	}
	return &Loader{db: db, files: fs, log: log, autoIndexes: maxAutoIndexes}
}

// Load loads the upload with the given id now: the whole pipeline, with
// the column types in overrides (field name → type) taking the place of
// the inferred ones. It returns the quality report it saved. A file that
// cannot be read as a table marks the upload LoadFailed with a message in
// plain words and returns an Invalid error.
//
// The pipeline: a first pass over the file infers the columns' types and
// writes the quality report (tabular.Profile); the overrides are applied
// (an unknown field or type is an Invalid error, and the upload is marked
// failed); the upload is marked LoadRunning and a second pass streams the
// typed rows into the upload's table (store.LoadTableThen), recording the
// rows loaded every second; then the report, completed by the second
// pass, is saved and the upload marked LoadDone with its rows — searchable
// from then on — and last the table's column indexes are built. Any
// failure marks it LoadFailed with a message key (a tabular key for a
// file that is no table, MsgFileMissing, or MsgFailed for a fault of ours)
// and is returned, also one while building the indexes: the job's retry
// then loads the file again. A load replaces the table of an earlier one,
// so running it again is safe. Columns marked Index on the upload stay
// indexed; see chooseIndexes for the indexes of a large table.
func (l *Loader) Load(ctx context.Context, uploadID int64, overrides map[string]opendata.ColumnType) (opendata.Quality, error) {
	release, err := l.lock(ctx, uploadID)
	if err != nil {
		return opendata.Quality{}, fmt.Errorf("load upload %d: %w", uploadID, err)
	}
	defer release()
	up, err := l.db.UploadByID(ctx, uploadID) // after the lock: as the load before left it
	if err != nil {
		return opendata.Quality{}, fmt.Errorf("load upload %d: %w", uploadID, err)
	}
	q, err := l.load(ctx, up, overrides)
	if err != nil {
		l.fail(ctx, up.ID, err)
		return opendata.Quality{}, fmt.Errorf("load upload %d: %w", uploadID, err)
	}
	return q, nil
}

// lock waits until no other load of upload id runs in this process and
// returns the function that lets the next one run. (On PostgreSQL the
// store also serializes loads of one upload across processes.)
func (l *Loader) lock(ctx context.Context, id int64) (func(), error) {
	for {
		l.mu.Lock()
		busy, ok := l.running[id]
		if !ok {
			if l.running == nil {
				l.running = map[int64]chan struct{}{}
			}
			done := make(chan struct{})
			l.running[id] = done
			l.mu.Unlock()
			return func() {
				l.mu.Lock()
				delete(l.running, id)
				l.mu.Unlock()
				close(done)
			}, nil
		}
		l.mu.Unlock()
		select {
		case <-busy:
		case <-ctx.Done():
			return nil, ctx.Err()
		}
	}
}

// load runs the pipeline of Load.
func (l *Loader) load(ctx context.Context, up opendata.Upload, overrides map[string]opendata.ColumnType) (opendata.Quality, error) {
	start := time.Now()
	t, err := l.profile(ctx, up.BlobKey)
	if err != nil {
		return opendata.Quality{}, err
	}
	if err := applyOverrides(t.Columns, overrides); err != nil {
		return opendata.Quality{}, err
	}
	keepIndexes(t.Columns, up.Columns)
	chooseIndexes(t.Columns, t.Quality, l.autoIndexes)
	if err := l.db.SetLoadState(ctx, up.ID, opendata.LoadRunning, 0, ""); err != nil {
		return opendata.Quality{}, err
	}
	r, err := l.files.ReadOpen(ctx, up.BlobKey)
	if err != nil {
		return opendata.Quality{}, err
	}
	defer func() { _ = r.Close() }()
	q := t.Quality
	var loadedAt time.Time
	loaded := func(ctx context.Context, n int64) error {
		if err := l.db.SaveQuality(ctx, up.ID, q); err != nil {
			return err
		}
		if err := l.db.SetLoadState(ctx, up.ID, opendata.LoadDone, n, ""); err != nil {
			return err
		}
		loadedAt = time.Now()
		l.log.Info("datastore: upload loaded", "upload", up.ID, "rows", q.Rows,
			"problem_rows", q.ProblemRows, "duration", loadedAt.Sub(start).Round(time.Millisecond))
		if l.onLoaded != nil {
			l.onLoaded(up.ID)
		}
		return nil
	}
	if _, err := l.db.LoadTableThen(ctx, up.ID, t.Columns, tabular.NewRowSource(r, t, &q), l.progress(ctx, up.ID), loaded); err != nil {
		return opendata.Quality{}, err
	}
	l.log.Info("datastore: upload indexed", "upload", up.ID, "rows", q.Rows, "duration", time.Since(loadedAt).Round(time.Millisecond))
	return q, nil
}

// profile runs the first pass over the file at key.
func (l *Loader) profile(ctx context.Context, key string) (tabular.Table, error) {
	r, err := l.files.ReadOpen(ctx, key)
	if err != nil {
		return tabular.Table{}, err
	}
	defer func() { _ = r.Close() }()
	return tabular.Profile(r)
}

// progress returns the progress function of a load of upload id: it
// records the rows loaded at most every progressEvery. A failure to record
// is logged, not fatal: progress is for the steward to watch.
func (l *Loader) progress(ctx context.Context, id int64) func(int64) {
	last := time.Now()
	return func(rows int64) {
		if time.Since(last) < progressEvery {
			return
		}
		last = time.Now()
		if err := l.db.SetLoadState(ctx, id, opendata.LoadRunning, rows, ""); err != nil {
			l.log.Warn("datastore: record progress", "upload", id, "err", err)
		}
	}
}

// fail marks upload id LoadFailed with the message key of err, even when
// ctx is done (a load that timed out is failed too).
func (l *Loader) fail(ctx context.Context, id int64, err error) {
	key := failureKey(err)
	l.log.Warn("datastore: load failed", "upload", id, "message", key, "err", err)
	ctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), 10*time.Second)
	defer cancel()
	if serr := l.db.SetLoadState(ctx, id, opendata.LoadFailed, 0, key); serr != nil {
		l.log.Error("datastore: record failed load", "upload", id, "err", serr)
	}
}

// failureKey returns the message key that tells a steward why a load
// failed.
func failureKey(err error) string {
	switch sprang.ErrorKind(err) {
	case sprang.Invalid:
		if m := sprang.ErrorMessage(err); m != "" {
			return m
		}
	case sprang.NotFound:
		return MsgFileMissing
	}
	return MsgFailed
}

// applyOverrides sets the type of each column named in overrides.
func applyOverrides(cols []opendata.Column, overrides map[string]opendata.ColumnType) error {
	for name, typ := range overrides {
		i := columnIndex(cols, name)
		if i < 0 {
			return invalid("datastore.unknown_field", name)
		}
		if !typ.Valid() {
			return invalid("datastore.bad_type", name)
		}
		cols[i].Type = typ
	}
	return nil
}

// checkOverrides checks overrides against the columns of an earlier load
// of the same file, when there was one.
func checkOverrides(cols []opendata.Column, overrides map[string]opendata.ColumnType) error {
	if len(cols) == 0 {
		return nil
	}
	return applyOverrides(append([]opendata.Column(nil), cols...), overrides)
}

// keepIndexes marks Index the columns that were indexed in the upload's
// earlier load (a steward's choice), by name.
func keepIndexes(cols, before []opendata.Column) {
	for _, b := range before {
		if i := columnIndex(cols, b.Name); i >= 0 && b.Index {
			cols[i].Index = true
		}
	}
}

func columnIndex(cols []opendata.Column, name string) int {
	for i, c := range cols {
		if c.Name == name {
			return i
		}
	}
	return -1
}

// invalid returns the Invalid error of an override of field.
func invalid(key, field string) error {
	return &sprang.Error{Kind: sprang.Invalid, Message: key, Fields: map[string]string{"overrides": key},
		Cause: &opendata.QueryError{Param: "overrides", Key: key, Args: []any{field}}}
}
