package store

// ExtractTables and ExtractExempt expose the lists of tables the register
// extract reads and leaves out, for TestExtractCoversSchema.
var ExtractTables, ExtractExempt = extractTables, extractExempt
