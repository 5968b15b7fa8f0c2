package opendata

import "sprang/internal/identity"

// Term is one concept of a controlled vocabulary: its IRI, a short code and
// labels in Swedish and English (taken from the vocabularies DCAT-AP-SE
// offers).
type Term struct {
	IRI     string
	Code    string
	LabelSV string
	LabelEN string
}

// Label returns the label in lang, falling back to Swedish.
func (t Term) Label(lang string) string {
	if lang == "en" {
		return t.LabelEN
	}
	return t.LabelSV
}

// Vocabulary IRIs the catalogue uses.
const (
	ThemeBase         = "http://publications.europa.eu/resource/authority/data-theme/"
	FrequencyBase     = "http://publications.europa.eu/resource/authority/frequency/"
	AccessRightBase   = "http://publications.europa.eu/resource/authority/access-right/"
	FileTypeBase      = "http://publications.europa.eu/resource/authority/file-type/"
	PublisherTypeBase = "http://purl.org/adms/publishertype/"
	ThemeTaxonomy     = "http://publications.europa.eu/resource/authority/data-theme"

	LicenceCC0    = "http://creativecommons.org/publicdomain/zero/1.0/"
	LicenceCCBY40 = "http://creativecommons.org/licenses/by/4.0/"
	AccessPublic  = AccessRightBase + "PUBLIC"

	// LegislationHVD is the applicable legislation of every high-value
	// dataset: the implementing regulation (EU) 2023/138.
	LegislationHVD = "http://data.europa.eu/eli/reg_impl/2023/138/oj"
)

// Themes are the 13 EU data themes DCAT-AP-SE offers.
var Themes = []Term{
	{ThemeBase + "AGRI", "AGRI", "Jordbruk, fiske, skogsbruk och livsmedel", "Agriculture, fisheries, forestry and food"},
	{ThemeBase + "ECON", "ECON", "Ekonomi och finans", "Economy and finance"},
	{ThemeBase + "EDUC", "EDUC", "Utbildning, kultur och sport", "Education, culture and sport"},
	{ThemeBase + "ENER", "ENER", "Energi", "Energy"},
	{ThemeBase + "ENVI", "ENVI", "Miljö", "Environment"},
	{ThemeBase + "GOVE", "GOVE", "Regeringen och den offentliga sektorn", "Government and public sector"},
	{ThemeBase + "HEAL", "HEAL", "Hälsa", "Health"},
	{ThemeBase + "INTR", "INTR", "Internationella frågor", "International issues"},
	{ThemeBase + "JUST", "JUST", "Rättvisa, rättsliga system och allmän säkerhet", "Justice, legal system and public safety"},
	{ThemeBase + "SOCI", "SOCI", "Befolkning och samhälle", "Population and society"},
	{ThemeBase + "REGI", "REGI", "Regioner och städer", "Regions and cities"},
	{ThemeBase + "TECH", "TECH", "Vetenskap och teknik", "Science and technology"},
	{ThemeBase + "TRAN", "TRAN", "Transport", "Transport"},
}

// Frequencies are the EU update frequencies DCAT-AP-SE offers.
var Frequencies = []Term{
	{FrequencyBase + "CONT", "CONT", "Kontinuerlig", "Continuous"},
	{FrequencyBase + "UPDATE_CONT", "UPDATE_CONT", "Uppdateras kontinuerligt", "Continuously updated"},
	{FrequencyBase + "DAILY", "DAILY", "Dagligen", "Daily"},
	{FrequencyBase + "WEEKLY", "WEEKLY", "Veckovis", "Weekly"},
	{FrequencyBase + "MONTHLY", "MONTHLY", "Månatligen", "Monthly"},
	{FrequencyBase + "QUARTERLY", "QUARTERLY", "Kvartalsvis", "Quarterly"},
	{FrequencyBase + "ANNUAL_2", "ANNUAL_2", "Halvårsvis", "Semiannual"},
	{FrequencyBase + "ANNUAL", "ANNUAL", "Årligen", "Annual"},
	{FrequencyBase + "BIENNIAL", "BIENNIAL", "Vartannat år", "Biennial"},
	{FrequencyBase + "IRREG", "IRREG", "Oregelbundet", "Irregular"},
	{FrequencyBase + "NEVER", "NEVER", "Uppdateras inte", "Never"},
	{FrequencyBase + "OTHER", "OTHER", "Annan", "Other"},
}

// Licences are the licences a dataset may have: CC0 1.0 (the default) and
// CC BY 4.0, with the IRIs exactly as dataportal.se lists them.
var Licences = []Term{
	{LicenceCC0, "CC0-1.0", "CC0 1.0 (allmän egendom, ingen upphovsrätt)", "CC0 1.0 (Public Domain Dedication)"},
	{LicenceCCBY40, "CC-BY-4.0", "CC BY 4.0 (erkännande)", "CC BY 4.0 (Attribution)"},
}

// AccessRights are the access rights DCAT-AP-SE offers.
var AccessRights = []Term{
	{AccessRightBase + "PUBLIC", "PUBLIC", "Publik", "Public"},
	{AccessRightBase + "RESTRICTED", "RESTRICTED", "Begränsad", "Restricted"},
	{AccessRightBase + "NON_PUBLIC", "NON_PUBLIC", "Ej offentlig", "Non-public"},
}

// HVDCategories are the six top-level high-value dataset categories.
var HVDCategories = []Term{
	{"http://data.europa.eu/bna/c_ac64a52d", "geospatial", "Geospatiala data", "Geospatial"},
	{"http://data.europa.eu/bna/c_dd313021", "earth-observation", "Jordobservation och miljö", "Earth observation and environment"},
	{"http://data.europa.eu/bna/c_164e0bf5", "meteorological", "Meteorologiska data", "Meteorological"},
	{"http://data.europa.eu/bna/c_e1da4e07", "statistics", "Statistik", "Statistics"},
	{"http://data.europa.eu/bna/c_a9135398", "companies", "Företag och företagsägande", "Companies and company ownership"},
	{"http://data.europa.eu/bna/c_b79e35eb", "mobility", "Rörlighet", "Mobility"},
}

// FileType is a distribution format: its EU file-type code, the media type
// it is served with, whether the datastore can load it as a table, and the
// file name extensions that suggest it.
type FileType struct {
	Code       string
	MediaType  string
	Tabular    bool
	Extensions []string
}

// IRI returns the format's EU file-type IRI.
func (f FileType) IRI() string { return FileTypeBase + f.Code }

// FileTypes are the formats the portal knows.
var FileTypes = []FileType{
	{"CSV", "text/csv", true, []string{".csv", ".txt"}},
	{"TSV", "text/tab-separated-values", true, []string{".tsv", ".tab"}},
	{"JSON", "application/json", false, []string{".json"}},
	{"GEOJSON", "application/geo+json", false, []string{".geojson"}},
	{"XLSX", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", false, []string{".xlsx"}},
	{"ODS", "application/vnd.oasis.opendocument.spreadsheet", false, []string{".ods"}},
	{"PDF", "application/pdf", false, []string{".pdf"}},
	{"XML", "application/xml", false, []string{".xml"}},
	{"HTML", "text/html", false, []string{".html", ".htm"}},
	{"ZIP", "application/zip", false, []string{".zip"}},
	{"PARQUET", "application/vnd.apache.parquet", false, []string{".parquet"}},
	{"RDF_XML", "application/rdf+xml", false, []string{".rdf"}},
	{"RDF_TURTLE", "text/turtle", false, []string{".ttl"}},
	{"TXT", "text/plain", false, nil},
}

// PublisherTypeOf returns the ADMS publisher type IRI of a unit of kind k:
// the group and its förvaltningar are a local authority, a bolag is a
// company.
func PublisherTypeOf(k identity.UnitKind) string {
	if k == identity.KindBolag {
		return PublisherTypeBase + "Company"
	}
	return PublisherTypeBase + "LocalAuthority"
}

// FindTerm returns the term of vocabulary v with the given IRI or code.
func FindTerm(v []Term, iriOrCode string) (Term, bool) {
	for _, t := range v {
		if t.IRI == iriOrCode || t.Code == iriOrCode {
			return t, true
		}
	}
	return Term{}, false
}

// FindFileType returns the file type with the given code, media type or
// extension (with its dot, lower case).
func FindFileType(codeMediaOrExt string) (FileType, bool) {
	for _, f := range FileTypes {
		if f.Code == codeMediaOrExt || f.MediaType == codeMediaOrExt {
			return f, true
		}
		for _, e := range f.Extensions {
			if e == codeMediaOrExt {
				return f, true
			}
		}
	}
	return FileType{}, false
}
