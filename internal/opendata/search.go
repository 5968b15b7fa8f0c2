package opendata

// DatasetQuery is a search of the catalogue (the public search page and
// CKAN's package_search). Text searches title, description and keywords in
// both languages; the facet filters narrow to datasets having every given
// theme and format, and any of the given publishers and licences (a
// dataset has one of each). Values are as stored: theme IRIs, file type
// codes, licence IRIs, unit ids. Sort is "relevance" (the default
// with Text), "title", "modified" (newest first, the default without Text)
// or "created". Drafts are included only when IncludeDraftsOf lists the
// caller's units (a steward sees the drafts of units they may manage).
type DatasetQuery struct {
	Text            string
	Themes          []string
	Publishers      []int64
	Formats         []string
	Licences        []string
	HighValue       bool
	Sort            string
	Lang            string // "sv" or "en": the language titles sort in
	Limit           int
	Offset          int
	IncludeDraftsOf []int64
}

// FacetCount is one value of a facet and how many matching datasets have it.
type FacetCount struct {
	Value string
	Count int
}

// DatasetPage is one page of catalogue search results with the facet
// counts over every match (not just the page).
type DatasetPage struct {
	Entries    []Entry
	Total      int
	Themes     []FacetCount
	Publishers []FacetCount // Value is the unit id as decimal text
	Formats    []FacetCount
	Licences   []FacetCount
	HighValue  int // matching high-value datasets
}
