package web

import (
	"errors"
	"net/http"
	"net/url"
	"strings"
	"time"

	"sprang/internal/dataexport"
	"sprang/internal/i18n"
	"sprang/internal/opendata"
)

// datasetPage is a dataset's page: its metadata, its distributions with
// their downloads and versions, and an example of the API.
type datasetPage struct {
	Slug          string
	Title         langText
	Description   []string
	DescLang      string // the description's language when not the page's
	Draft         bool
	Withdrawn     bool
	Publisher     langText
	PublisherHref string
	ContactName   string
	ContactEmail  string
	Themes        []string
	Keywords      []string
	KeywordsLang  string
	Licence       dataLink
	AccessRights  string
	Frequency     string
	Temporal      string
	Spatial       string
	LandingPage   string
	HVD           []string
	Legislation   string
	Created       time.Time
	Modified      time.Time
	Published     time.Time
	Method        []string
	Generated     bool
	Offline       bool // withdrawn, seen by the public: no resources, files or preview
	Distributions []distributionView
	Preview       *datasetPreview // the first loaded table's first rows and quality report
	API           apiExample
}

// datasetPreview is what a dataset's page shows of its first loaded
// table: its first rows, with column headers that sort on the resource's
// page, and its full data-quality report.
type datasetPreview struct {
	Title   langText // the distribution's
	Href    string   // the resource's page at its preview
	Table   *previewView
	Quality *qualityView
}

// datasetPreviewRows is how many rows a dataset's page shows of its
// table.
const datasetPreviewRows = 10

// dataLink is a link with its text.
type dataLink struct {
	Href, Text string
}

// distributionView is one distribution on a dataset's or resource's page.
type distributionView struct {
	ID          string
	Title       langText
	Description langText
	Link        bool   // a link to data elsewhere, not a file
	URL         string // the link's target
	Format      string
	MediaType   string
	Size        string
	Version     int
	Href        string // the resource's page
	File        string // the newest file
	Licence     dataLink
	Loaded      bool
	Downloads   []dataLink
	Quality     string // the loaded table in brief: rows, columns, problem rows
	Versions    []versionView
}

// versionView is one version of a file distribution.
type versionView struct {
	Version  int
	FileName string
	Href     string // the file
	Page     string // the resource's page at this version
	Size     string
	Created  time.Time
	Newest   bool
	Current  bool // the version the page shows
}

// apiExample is the curl commands a dataset's page shows.
type apiExample struct {
	PackageShow     string
	DatastoreSearch string
}

// handleDataset shows a dataset's page, or (by content negotiation) its
// RDF. Drafts are NotFound to all but the publishing unit's data stewards,
// who see them marked as drafts; withdrawn datasets carry a notice and,
// for the public, only their metadata: no resources, files or preview.
func (s *Server) handleDataset(w http.ResponseWriter, r *http.Request) {
	e, err := s.dataEntry(r)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	if r.PathValue("slug") != e.Dataset.Slug { // reached by its id: the slug is the address
		http.Redirect(w, r, datasetPath(e.Dataset.Slug), http.StatusMovedPermanently)
		return
	}
	if s.datasetRDF(w, r, e) {
		return
	}
	offline := e.Dataset.State == opendata.Withdrawn && !s.mayManageDataset(r, e.Dataset.UnitID)
	s.renderData(w, r, "data_dataset", func(v *view) error {
		p, err := s.datasetPageOf(r, v, e, offline)
		if err != nil {
			return err
		}
		v.Title = p.Title.Text
		v.with(p)
		return nil
	})
}

// datasetPageOf builds the page of entry e; offline leaves out its data
// (a withdrawn dataset seen by the public).
func (s *Server) datasetPageOf(r *http.Request, v *view, e opendata.Entry, offline bool) (datasetPage, error) {
	d := e.Dataset
	lang := string(v.Lang)
	desc := v.inLang(d.DescriptionSV, d.DescriptionEN)
	p := datasetPage{Slug: d.Slug, Title: v.inLang(d.TitleSV, d.TitleEN), Description: paragraphs(desc.Text), DescLang: desc.Lang,
		Draft: d.State == opendata.Draft, Withdrawn: d.State == opendata.Withdrawn,
		Publisher: v.publisherName(e.Publisher), PublisherHref: organizationPath(e.Publisher.Slug),
		ContactName: d.ContactName, ContactEmail: d.ContactEmail, Licence: licenceLink(v, d.Licence),
		AccessRights: v.termLabel(opendata.AccessRights, d.AccessRights), Spatial: d.Spatial, LandingPage: d.LandingPage,
		Created: d.CreatedAt, Modified: d.UpdatedAt, Published: d.PublishedAt, Method: paragraphs(d.Method), Generated: d.Generated}
	if d.Frequency != "" {
		p.Frequency = v.termLabel(opendata.Frequencies, d.Frequency)
	}
	for _, t := range d.Themes {
		p.Themes = append(p.Themes, v.termLabel(opendata.Themes, t))
	}
	p.Keywords = d.Keywords
	if lang == "en" {
		if len(d.KeywordsEN) > 0 {
			p.Keywords = d.KeywordsEN
		} else if len(d.Keywords) > 0 {
			p.KeywordsLang = "sv"
		}
	}
	p.Temporal = temporalText(v, d.TemporalStart, d.TemporalEnd)
	for _, c := range d.HVDCategories {
		p.HVD = append(p.HVD, v.termLabel(opendata.HVDCategories, c))
	}
	if d.HighValue() {
		p.Legislation = opendata.LegislationHVD
	}
	if offline {
		p.Offline = true
		return p, nil
	}
	for _, dist := range e.Distributions {
		dv, newest, err := s.distributionViewOf(r, v, e, dist)
		if err != nil {
			return datasetPage{}, err
		}
		p.Distributions = append(p.Distributions, dv)
		if p.Preview == nil && dv.Loaded {
			if p.Preview, err = s.datasetPreviewOf(r, v, dv, newest); err != nil {
				return datasetPage{}, err
			}
		}
	}
	p.API = s.apiExampleOf(d.Slug, p.Distributions)
	return p, nil
}

// datasetPreviewOf returns the dataset page's preview of distribution
// dv's table, the loaded upload up: its first rows, the headers linking
// to the resource's page sorted by them, and its quality report. When
// the rows take longer than the preview's time limit the page shows the
// report and the link without them.
func (s *Server) datasetPreviewOf(r *http.Request, v *view, dv distributionView, up opendata.Upload) (*datasetPreview, error) {
	p := &datasetPreview{Title: dv.Title, Href: dv.Href + "#preview", Quality: qualityViewOf(v, up.Quality, up.Columns)}
	pp := previewParams{page: 1, rows: datasetPreviewRows, base: dv.Href}
	t, err := s.previewOf(r, v, up, pp)
	switch {
	case errors.Is(err, errPreviewTimeout):
		s.log.WarnContext(r.Context(), "dataset page preview timed out", "upload", up.ID)
		return p, nil
	case err != nil:
		return nil, err
	}
	if t != nil {
		t.Caption = v.T("data.preview.caption_first")
		for i := range t.Columns {
			t.Columns[i].Href += "#preview"
		}
		t.Prev, t.Next = "", ""
	}
	p.Table = t
	return p, nil
}

// temporalText returns the temporal coverage in words: "1 januari 2020 –
// 31 december 2024", open at either end, or "" when there is none.
func temporalText(v *view, start, end string) string {
	switch {
	case start != "" && end != "":
		return v.isoDate(start) + " – " + v.isoDate(end)
	case start != "":
		return v.T("data.temporal.from", v.isoDate(start))
	case end != "":
		return v.T("data.temporal.until", v.isoDate(end))
	}
	return ""
}

// licenceLink returns a licence's name and address.
func licenceLink(v *view, iri string) dataLink {
	if iri == "" {
		return dataLink{}
	}
	return dataLink{Href: iri, Text: v.termLabel(opendata.Licences, iri)}
}

// distributionViewOf describes a distribution of e as the dataset's page
// shows it: with its versions (for a file) and the downloads of the
// newest, which it also returns (a zero Upload when there is none).
func (s *Server) distributionViewOf(r *http.Request, v *view, e opendata.Entry, d opendata.Distribution) (distributionView, opendata.Upload, error) {
	dv := baseDistributionView(v, e, d)
	if dv.Link {
		return dv, opendata.Upload{}, nil
	}
	ups, err := s.db.Uploads(r.Context(), d.ID)
	if err != nil {
		return distributionView{}, opendata.Upload{}, err
	}
	dv = withVersions(v, dv, e.Dataset.Slug, ups, 0)
	for i := range dv.Versions { // the dataset's page shows no version as its own
		dv.Versions[i].Current = false
	}
	if len(ups) == 0 {
		return dv, opendata.Upload{}, nil
	}
	return dv, ups[0], nil
}

// baseDistributionView describes distribution d of e without its versions.
func baseDistributionView(v *view, e opendata.Entry, d opendata.Distribution) distributionView {
	slug := e.Dataset.Slug
	dv := distributionView{ID: d.ID, Title: v.inLang(d.TitleSV, d.TitleEN), Description: v.inLang(d.DescriptionSV, d.DescriptionEN),
		Link: d.Kind == opendata.KindLink, URL: d.URL, Format: formatName(d.Format), MediaType: d.MediaType,
		Href: resourcePath(slug, d.ID)}
	if dv.Title.Text == "" {
		dv.Title = langText{Text: v.T("data.distribution.untitled", dv.Format)}
	}
	if d.Licence != "" && d.Licence != e.Dataset.Licence {
		dv.Licence = licenceLink(v, d.Licence)
	}
	if !dv.Link {
		dv.File, dv.Version = filePath(slug, d.ID, 0), d.Version
		if d.ByteSize > 0 {
			dv.Size = sizeText(v, d.ByteSize)
		}
	}
	return dv
}

// withVersions adds to dv, a file distribution of the dataset slug, its
// versions ups (newest first) and the downloads of the version shown
// (version; 0 for the newest).
func withVersions(v *view, dv distributionView, slug string, ups []opendata.Upload, version int) distributionView {
	d := dv.ID
	shown := version
	if shown == 0 && len(ups) > 0 {
		shown = ups[0].Version
	}
	for i, u := range ups {
		vv := versionView{Version: u.Version, FileName: downloadName(u, slug), Href: filePath(slug, d, u.Version),
			Page: resourcePath(slug, d), Size: sizeText(v, u.ByteSize), Created: u.CreatedAt, Newest: i == 0, Current: u.Version == shown}
		if i > 0 {
			vv.Page += "?version=" + itoa64(int64(u.Version))
		}
		dv.Versions = append(dv.Versions, vv)
		if u.Version == shown && u.LoadState == opendata.LoadDone {
			dv.Loaded = true
			dv.Downloads = dumpLinks(v, d, u, i > 0)
			dv.Quality = qualitySummary(v, u)
		}
	}
	return dv
}

// dumpFormats are the formats the datastore's download offers, as its
// format parameter names them, with their names.
var dumpFormats = []struct{ param, name string }{{"csv", "CSV"}, {"json", "JSON"}, {"geojson", "GeoJSON"}, {"parquet", "Parquet"}}

// dumpLinks returns the downloads of a loaded upload's table: CSV, JSON,
// Parquet and, when the table has coordinates, GeoJSON; for an older
// version, of that version.
func dumpLinks(v *view, rid string, u opendata.Upload, older bool) []dataLink {
	var out []dataLink
	for _, f := range dumpFormats {
		if f.param == "geojson" && !dataexport.HasCoordinates(u.Columns) {
			continue
		}
		q := url.Values{"format": {f.param}}
		if older {
			q.Set("version", itoa64(int64(u.Version)))
		}
		out = append(out, dataLink{Href: "/datastore/dump/" + rid + "?" + q.Encode(), Text: v.T("data.download.as", f.name)})
	}
	return out
}

// apiExampleOf returns the curl commands of a dataset's page: the
// dataset's metadata and, when it has a loaded table, its first rows.
func (s *Server) apiExampleOf(slug string, dists []distributionView) apiExample {
	base := strings.TrimSuffix(s.cfg.BaseURL, "/")
	a := apiExample{PackageShow: "curl '" + base + "/api/3/action/package_show?id=" + url.QueryEscape(slug) + "'"}
	for _, d := range dists {
		if d.Loaded {
			a.DatastoreSearch = "curl '" + base + "/api/3/action/datastore_search?resource_id=" + url.QueryEscape(d.ID) + "&limit=5'"
			break
		}
	}
	return a
}

// dataVersionsTable is what the "data-versions" component renders: the
// versions of a file distribution in a table, its texts translated.
type dataVersionsTable struct {
	ID                                             string // the caption's, unique on the page
	Caption                                        string
	ColVersion, ColFile, ColSize, ColDate, ColPage string
	Show, Shown                                    string
	Rows                                           []dataVersionRow
}

// dataVersionRow is one version in the table.
type dataVersionRow struct {
	Label, FileName, Href, Size, Date, Page string
	Current                                 bool
}

// DataVersions builds the table of dv's versions for its pages.
func (v *view) DataVersions(dv distributionView) dataVersionsTable {
	t := dataVersionsTable{ID: "versions-" + dv.ID, Caption: v.T("data.versions.caption", dv.Title.Text), ColVersion: v.T("data.versions.version"),
		ColFile: v.T("data.versions.file"), ColSize: v.T("data.versions.size"), ColDate: v.T("data.versions.date"),
		ColPage: v.T("data.versions.page"), Show: v.T("data.versions.show"), Shown: v.T("data.versions.shown")}
	for _, vv := range dv.Versions {
		r := dataVersionRow{Label: v.T("data.resource.version", vv.Version), FileName: vv.FileName, Href: vv.Href, Size: vv.Size,
			Page: vv.Page, Current: vv.Current}
		if r.FileName == "" {
			r.FileName = v.T("data.versions.unnamed")
		}
		if vv.Newest {
			r.Label = v.T("data.versions.newest", vv.Version)
		}
		if !vv.Created.IsZero() {
			r.Date = i18n.Date(v.Lang, vv.Created)
		}
		t.Rows = append(t.Rows, r)
	}
	return t
}
