package web

import (
	"net/http"
	"net/url"
	"strconv"
	"time"

	"sprang"
	"sprang/internal/i18n"
	"sprang/internal/opendata"
)

// previewRows is how many rows a page of a resource's preview shows.
const previewRows = 25

// The resource page's URL parameters.
const (
	paramVersion = "version"
	paramSortBy  = "sortera"
	paramColumn  = "kolumn"
	paramValue   = "varde"
	paramQ       = "q"
)

// resourcePage is a resource's page: the distribution, the version shown,
// its load state, the preview of its table with the filter form, and its
// data-quality report.
type resourcePage struct {
	DatasetHref  string
	DatasetTitle langText
	Draft        bool
	Withdrawn    bool
	Dist         distributionView
	Upload       *uploadView // nil for a link, or a file without uploads
	Preview      *previewView
	Filter       *filterForm
	Quality      *qualityView
}

// uploadView is the version of a file a resource page shows, with its
// load state.
type uploadView struct {
	Version     int
	FileName    string
	Size        string
	Created     time.Time
	Newest      bool
	NewestHref  string // the page of the newest version, when an older one is shown
	FileHref    string // the file of this version
	State       string // an opendata.LoadState
	LoadedRows  string
	LoadMessage string
}

// handleDataResource shows a resource's page: ?version=N shows an older
// version of its file; sida, sortera, kolumn with varde, and q page, sort
// and filter the preview. A parameter that does not fit the table gives
// the page with a message saying how to fix it (422), not a failure. The
// resources of drafts and withdrawn datasets are NotFound to the public.
func (s *Server) handleDataResource(w http.ResponseWriter, r *http.Request) {
	e, err := s.dataEntryWithFiles(r)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	d, err := distributionOf(e, r.PathValue("rid"))
	if err != nil {
		s.fail(w, r, err)
		return
	}
	pp, err := parsePreviewParams(r.URL.Query())
	if err != nil {
		s.fail(w, r, err)
		return
	}
	s.renderData(w, r, "data_resource", func(v *view) error {
		p, err := s.resourcePageOf(r, v, e, d, pp)
		if err != nil {
			return err
		}
		v.Title = p.Dist.Title.Text + " – " + p.DatasetTitle.Text
		v.with(p)
		return nil
	})
}

// resourcePageOf builds the page of distribution d of e with the preview
// parameters pp. Parameters that do not fit the table become v.Errors.
func (s *Server) resourcePageOf(r *http.Request, v *view, e opendata.Entry, d opendata.Distribution, pp previewParams) (resourcePage, error) {
	slug := e.Dataset.Slug
	p := resourcePage{DatasetHref: datasetPath(slug), DatasetTitle: v.inLang(e.Dataset.TitleSV, e.Dataset.TitleEN),
		Draft: e.Dataset.State == opendata.Draft, Withdrawn: e.Dataset.State == opendata.Withdrawn}
	p.Dist = baseDistributionView(v, e, d)
	if p.Dist.Link {
		if pp.version != 0 {
			return resourcePage{}, errNoVersion
		}
		return p, nil
	}
	ups, err := s.db.Uploads(r.Context(), d.ID)
	if err != nil {
		return resourcePage{}, err
	}
	up, newest, ok := pickUpload(ups, pp.version)
	if !ok {
		if pp.version != 0 {
			return resourcePage{}, errNoVersion
		}
		return p, nil
	}
	p.Dist = withVersions(v, p.Dist, slug, ups, up.Version)
	p.Upload = uploadViewOf(v, up, newest, resourcePath(slug, d.ID), downloadName(up, slug))
	p.Upload.FileHref = filePath(slug, d.ID, pp.version)
	if up.LoadState != opendata.LoadDone {
		return p, nil
	}
	pp.base = resourcePath(slug, d.ID)
	if !newest {
		pp.shownVersion = up.Version
	}
	p.Filter = filterFormOf(up.Columns, pp)
	if p.Preview, err = s.previewOf(r, v, up, pp); err != nil {
		return resourcePage{}, err
	}
	p.Quality = qualityViewOf(v, up.Quality, up.Columns)
	return p, nil
}

// errNoVersion is the error of a version that a file does not have.
var errNoVersion = sprang.Errorf(sprang.NotFound, "data.version.not_found")

// pickUpload returns the upload of ups (newest first) with the version, or
// the newest for version 0, and whether it is the newest.
func pickUpload(ups []opendata.Upload, version int) (opendata.Upload, bool, bool) {
	for i, u := range ups {
		if version == 0 || u.Version == version {
			return u, i == 0, true
		}
	}
	return opendata.Upload{}, false, false
}

// uploadViewOf describes the upload u, downloaded as name; page is the
// resource's page.
func uploadViewOf(v *view, u opendata.Upload, newest bool, page, name string) *uploadView {
	uv := &uploadView{Version: u.Version, FileName: name, Size: sizeText(v, u.ByteSize), Created: u.CreatedAt,
		Newest: newest, State: string(u.LoadState), LoadedRows: i18n.Number(v.Lang, u.LoadedRows)}
	if !newest {
		uv.NewestHref = page
	}
	if u.LoadMessage != "" {
		uv.LoadMessage = u.LoadMessage
		if v.cat.Has(v.Lang, u.LoadMessage) {
			uv.LoadMessage = v.T(u.LoadMessage)
		}
	}
	return uv
}

// previewParams are a resource page's parameters.
type previewParams struct {
	version       int    // 0: the newest
	page          int    // from 1
	rows          int    // rows on a page; 0 for previewRows
	sort          string // a CKAN sort, e.g. "Område desc"
	column, value string // an equality filter
	q             string // full-text search
	base          string // the page's path
	shownVersion  int    // the version in links: 0 for the newest
}

// parsePreviewParams reads a resource page's parameters. A version that is
// not a positive number is NotFound (no such version); a page number that
// is not one is the first page.
func parsePreviewParams(q url.Values) (previewParams, error) {
	pp := previewParams{page: 1, sort: q.Get(paramSortBy), column: q.Get(paramColumn), value: q.Get(paramValue),
		q: searchText(q.Get(paramQ))}
	if s := q.Get(paramVersion); s != "" {
		n, err := strconv.Atoi(s)
		if err != nil || n < 1 {
			return previewParams{}, errNoVersion
		}
		pp.version = n
	}
	if n, err := strconv.Atoi(q.Get(paramPage)); err == nil && n > 1 && n <= 1_000_000 {
		pp.page = n
	}
	return pp, nil
}

// pageRows returns how many rows a page of the preview shows.
func (pp previewParams) pageRows() int {
	if pp.rows > 0 {
		return pp.rows
	}
	return previewRows
}

// url returns the page's URL with these parameters, page page and sort
// sort.
func (pp previewParams) url(page int, sort string) string {
	q := url.Values{}
	if pp.shownVersion > 0 {
		q.Set(paramVersion, strconv.Itoa(pp.shownVersion))
	}
	if sort != "" {
		q.Set(paramSortBy, sort)
	}
	if pp.value != "" {
		q.Set(paramColumn, pp.column)
		q.Set(paramValue, pp.value)
	}
	if pp.q != "" {
		q.Set(paramQ, pp.q)
	}
	if page > 1 {
		q.Set(paramPage, strconv.Itoa(page))
	}
	if len(q) == 0 {
		return pp.base
	}
	return pp.base + "?" + q.Encode()
}
