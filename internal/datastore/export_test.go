package datastore

// SetAutoIndexes sets how many columns of a large table l indexes on its
// own, for the benchmarks that measure a load without them.
func SetAutoIndexes(l *Loader, n int) { l.autoIndexes = n }

// OnLoaded sets the function l calls when it has marked an upload loaded,
// before it builds the table's indexes, for the benchmarks that time both.
func OnLoaded(l *Loader, fn func(uploadID int64)) { l.onLoaded = fn }
