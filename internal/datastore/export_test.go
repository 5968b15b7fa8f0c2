package datastore

// SetAutoIndexes sets how many columns of a large table l indexes on its
// own, for the benchmarks that measure a load without them.
func SetAutoIndexes(l *Loader, n int) { l.autoIndexes = n }
