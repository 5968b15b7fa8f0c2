package opendata

import "time"

// State is where a dataset is in its life.
type State string

// The states. Drafts are visible only to data stewards of the publishing
// unit; published datasets are public, in the catalogue and the API;
// withdrawn ones stay reachable by link with a notice but leave the
// catalogue and the DCAT feed.
const (
	Draft     State = "draft"
	Published State = "published"
	Withdrawn State = "withdrawn"
)

// Dataset is one dataset (datamängd, CKAN "package") with its DCAT-AP-SE
// metadata. ID is a random UUID given by the store; Slug is the URL name
// (CKAN "name"), unique, 2–100 characters of a–z, 0–9 and hyphens.
// Vocabulary fields hold the full IRI (see vocab.go), so that what is
// stored is what is published.
type Dataset struct {
	ID            string
	Slug          string
	UnitID        int64 // the publisher: an organization unit
	State         State
	TitleSV       string
	TitleEN       string
	DescriptionSV string // plain text; blank lines separate paragraphs
	DescriptionEN string
	ContactName   string // a function, e.g. "Miljöenheten", rather than a person
	ContactEmail  string
	Keywords      []string // Swedish keywords (dcat:keyword @sv)
	KeywordsEN    []string
	Themes        []string // EU data-theme IRIs, e.g. ThemeIRI("ENVI")
	Licence       string   // licence IRI; LicenceCC0 by default
	AccessRights  string   // access-right IRI; AccessPublic by default
	Frequency     string   // EU frequency IRI, or "" when unknown
	TemporalStart string   // "YYYY-MM-DD" or ""
	TemporalEnd   string   // "YYYY-MM-DD" or ""
	Spatial       string   // an IRI of the place covered, or ""
	LandingPage   string   // an absolute http(s) URL, or "" for the dataset's own page
	HVDCategories []string // HVD category IRIs; non-empty makes it a high-value dataset
	Generated     bool     // published by the platform about itself (SelfPublished)
	Method        string   // how the data is made, e.g. the suppression rule; shown on the page
	CreatedAt     time.Time
	UpdatedAt     time.Time
	PublishedAt   time.Time // zero until first published
}

// HighValue reports whether d is a high-value dataset under Regulation
// (EU) 2023/138: it has at least one HVD category, and its applicable
// legislation is then LegislationHVD.
func (d Dataset) HighValue() bool { return len(d.HVDCategories) > 0 }

// Title returns the title in lang ("sv" or "en"), falling back to Swedish.
func (d Dataset) Title(lang string) string {
	if lang == "en" && d.TitleEN != "" {
		return d.TitleEN
	}
	return d.TitleSV
}

// Description returns the description in lang, falling back to Swedish.
func (d Dataset) Description(lang string) string {
	if lang == "en" && d.DescriptionEN != "" {
		return d.DescriptionEN
	}
	return d.DescriptionSV
}

// DistributionKind says whether a distribution is a file kept by the
// platform or a link to data elsewhere.
type DistributionKind string

// The kinds.
const (
	KindFile DistributionKind = "file"
	KindLink DistributionKind = "link"
)

// Distribution is one way to get a dataset's data (CKAN "resource"): an
// uploaded file with versions, or a link. ID is a random UUID. For a file,
// Format, MediaType, ByteSize, Checksum and Version describe the newest
// Upload; older uploads stay downloadable.
type Distribution struct {
	ID            string
	DatasetID     string
	Kind          DistributionKind
	TitleSV       string
	TitleEN       string
	DescriptionSV string
	DescriptionEN string
	URL           string // KindLink: the external access URL; KindFile: ""
	Format        string // EU file-type code, e.g. "CSV" (FileTypeIRI gives the IRI)
	MediaType     string // e.g. "text/csv"
	ByteSize      int64
	Checksum      string // SHA-256 of the newest upload, lower-case hex
	Licence       string // licence IRI; "" means the dataset's
	Version       int    // newest upload's version, 0 for links
	Position      int    // order on the dataset page
	CreatedAt     time.Time
	UpdatedAt     time.Time
}

// Title returns the title in lang, falling back to Swedish.
func (d Distribution) Title(lang string) string {
	if lang == "en" && d.TitleEN != "" {
		return d.TitleEN
	}
	return d.TitleSV
}

// LoadState is how far an upload's datastore table has come.
type LoadState string

// The states. NotTabular uploads (a PDF, a GeoJSON file) get no table.
const (
	LoadNone    LoadState = "none" // not tabular, or not loaded
	LoadPending LoadState = "pending"
	LoadRunning LoadState = "loading"
	LoadDone    LoadState = "loaded"
	LoadFailed  LoadState = "failed"
)

// Upload is one version of a file distribution. ID is the store's integer
// id (the datastore table is named after it); Version counts from 1 per
// distribution. BlobKey names the file in blob storage (open data is
// stored as uploaded, not encrypted: it is public).
type Upload struct {
	ID             int64
	DistributionID string
	Version        int
	FileName       string
	BlobKey        string
	MediaType      string
	ByteSize       int64
	Checksum       string // SHA-256, lower-case hex
	LoadState      LoadState
	LoadedRows     int64  // rows loaded so far (progress while loading)
	LoadMessage    string // why it failed, in plain words, or ""
	Columns        []Column
	Quality        *Quality // nil until loaded
	CreatedAt      time.Time
}

// Publisher is what the catalogue says about the unit that publishes a
// dataset (a foaf:Agent with an ADMS publisher type).
type Publisher struct {
	UnitID    int64
	Slug      string
	NameSV    string
	NameEN    string
	OrgNumber string // "NNNNNN-NNNN" or ""
	Type      string // ADMS publisher type IRI, see PublisherTypeOf
}

// Entry is a dataset with what is published about it: its publisher and
// its distributions in order, and for file distributions the newest upload.
type Entry struct {
	Dataset       Dataset
	Publisher     Publisher
	Distributions []Distribution
}
