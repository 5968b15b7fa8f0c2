package web

import (
	"fmt"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"unicode/utf8"

	"sprang/internal/i18n"
	"sprang/internal/opendata"
)

// stewardResourceFields are the fields of a resource's form; a problem of
// the conformance check on "distribution.<id>.<field>" links to them.
var stewardResourceFields = []string{"title_sv", "title_en", "description_sv", "description_en", "url", "format", "licence", "file"}

// stewardResourcePage is a resource's page: its form, for a file the
// upload of a new version, the versions, the newest one's load with the
// column types to correct, and its data-quality report.
type stewardResourcePage struct {
	Entry     opendata.Entry
	Res       opendata.Distribution
	URL       string // this page
	Sections  []bSection
	File      bField
	Accept    string
	MaxUpload string
	Uploads   []opendata.Upload
	Newest    *opendata.Upload
	Columns   []bSection // one select per column, to override its type
	Busy      bool       // the newest upload waits for or is in a load
	Downloads string     // the public file's path, for a dataset that is or was published; "" otherwise
	Done      string
}

// stewardResState is the form state of a resource's page after a refused
// post: the values and errors (field → text) of its forms.
type stewardResState struct {
	vals url.Values
	errs map[string]string
}

func (s *Server) handleStewardResource(w http.ResponseWriter, r *http.Request) {
	c, err := s.stewardLoad(r)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	d, err := c.distribution(r)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	s.renderStewardResource(w, r, http.StatusOK, c, d, stewardResState{})
}

// stewardResourceValues returns the resource form's values for d.
func stewardResourceValues(d opendata.Distribution, up *opendata.Upload) url.Values {
	vals := url.Values{"title_sv": {d.TitleSV}, "title_en": {d.TitleEN}, "description_sv": {d.DescriptionSV},
		"description_en": {d.DescriptionEN}, "url": {d.URL}, "format": {d.Format}, "licence": {d.Licence}}
	if up != nil {
		for i, col := range up.Columns {
			vals.Set("type_"+strconv.Itoa(i), string(col.Type))
		}
	}
	return vals
}

// renderStewardResource draws resource d's page in state st.
func (s *Server) renderStewardResource(w http.ResponseWriter, r *http.Request, status int, c *stewardCtx, d opendata.Distribution, st stewardResState) {
	v := s.view(r)
	p := stewardResourcePage{Entry: c.entry, Res: d, URL: stewardResourceURL(c.ds().ID, d.ID), Done: stewardDoneOf(r),
		Accept: stewardUploadAccept(), MaxUpload: stewardSize(v, stewardMaxUpload)}
	if d.Kind == opendata.KindFile {
		ups, err := s.db.Uploads(r.Context(), d.ID)
		if err != nil {
			s.fail(w, r, err)
			return
		}
		p.Uploads = ups
		if len(ups) > 0 {
			p.Newest = &ups[0]
			p.Busy = ups[0].LoadState == opendata.LoadPending || ups[0].LoadState == opendata.LoadRunning
		}
		if c.ds().State != opendata.Draft {
			p.Downloads = "/data/" + url.PathEscape(c.ds().Slug) + "/resurser/" + url.PathEscape(d.ID) + "/fil"
		}
	}
	vals := st.vals
	if vals == nil {
		vals = stewardResourceValues(d, p.Newest)
	}
	f := newBForm(v, vals, st.errs)
	f.text("title_sv", "steward.f.resource_title_sv", "steward.h.resource_title")
	f.text("title_en", "steward.f.resource_title_en", "steward.h.english")
	f.area("description_sv", "steward.f.resource_description_sv", "steward.h.resource_description", 3)
	f.area("description_en", "steward.f.resource_description_en", "steward.h.english", 3)
	if d.Kind == opendata.KindLink {
		f.add(bField{Kind: "text", Name: "url", Label: v.T("steward.f.link_url"), Hint: v.T("steward.h.link_url"), Code: true})
		f.choice("select", "format", "steward.f.format", "steward.h.format", stewardFormatOptions(v))
	}
	lic := append([]bOption{{Value: "", Label: v.T("steward.licence.dataset")}}, stewardTermOptions(v, opendata.Licences)...)
	f.choice("select", "licence", "steward.f.resource_licence", "steward.h.resource_licence", lic)
	p.Sections = f.Sections
	p.File = bField{Name: "file", Label: v.T("steward.f.new_version"), Hint: v.T("steward.h.new_version", p.MaxUpload),
		Error: st.errs["file"], ErrorPrefix: v.T("form.error_prefix")}
	f.summary()
	if msg := st.errs["file"]; msg != "" {
		v.Errors = append(v.Errors, fieldError{Field: "file", Message: msg})
	}
	if p.Newest != nil && len(p.Newest.Columns) > 0 {
		cf := newBForm(v, vals, st.errs)
		for i, col := range p.Newest.Columns {
			cf.add(bField{Kind: "select", Name: "type_" + strconv.Itoa(i), Label: col.Name,
				Hint: v.T("steward.h.inferred", v.StewardType(col.Inferred)), Options: stewardTypeOptions(v)})
		}
		cf.summary()
		p.Columns = cf.Sections
	}
	v.Title = v.T("steward.resource.title", stewardResourceTitle(v, d))
	s.renderStatus(w, r, status, "steward_resource", v.impersonal().with(p))
}

// stewardTypeOptions returns the column types as choices.
func stewardTypeOptions(v *view) []bOption {
	opts := make([]bOption, 0, len(opendata.ColumnTypes))
	for _, t := range opendata.ColumnTypes {
		opts = append(opts, bOption{Value: string(t), Label: v.T("steward.type." + string(t))})
	}
	return opts
}

// stewardFormatOptions returns the formats a link may have, with an empty
// choice first.
func stewardFormatOptions(v *view) []bOption {
	opts := []bOption{{Value: "", Label: v.T("steward.format.choose")}}
	for _, ft := range opendata.FileTypes {
		opts = append(opts, bOption{Value: ft.Code, Label: ft.Code})
	}
	return opts
}

// handleStewardResourcePost changes a resource: its form (action
// "save"), the column types of its newest upload, which reloads it
// (action "types"), or, as a multipart form, a new version of its file.
func (s *Server) handleStewardResourcePost(w http.ResponseWriter, r *http.Request) {
	c, err := s.stewardLoad(r)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	d, err := c.distribution(r)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	if stewardIsMultipart(r) {
		s.stewardNewVersion(w, r, c, d)
		return
	}
	if _, err := postedForm(w, r); err != nil {
		s.fail(w, r, err)
		return
	}
	if r.PostForm.Get("action") == "types" {
		s.stewardRetype(w, r, c, d)
		return
	}
	v := s.view(r)
	changed, errs := stewardResourceFromForm(v, d, r.PostForm)
	if len(errs) > 0 {
		s.renderStewardResource(w, r, http.StatusUnprocessableEntity, c, d, stewardResState{vals: r.PostForm, errs: errs})
		return
	}
	if _, err := s.db.UpdateDistribution(r.Context(), changed); err != nil {
		s.fail(w, r, err)
		return
	}
	if err := s.stewardAudit(r.Context(), c.acc, auditResourceUpdated, stewardObjectResource, d.ID, "dataset="+c.ds().Slug); err != nil {
		s.fail(w, r, err)
		return
	}
	stewardRedirect(w, r, stewardResourceURL(c.ds().ID, d.ID), "sparat")
}

// stewardResourceFromForm returns d with the resource form's values, or
// the errors (field → text).
func stewardResourceFromForm(v *view, d opendata.Distribution, vals url.Values) (opendata.Distribution, map[string]string) {
	errs := map[string]string{}
	line := func(name string) string { return strings.Join(strings.Fields(vals.Get(name)), " ") }
	text := func(name string) string { return strings.TrimSpace(strings.ReplaceAll(vals.Get(name), "\r\n", "\n")) }
	d.TitleSV, d.TitleEN = line("title_sv"), line("title_en")
	if d.TitleSV == "" {
		errs["title_sv"] = v.T("steward.resource_title_required")
	}
	for _, name := range []string{"title_sv", "title_en"} {
		if utf8.RuneCountInString(line(name)) > stewardTitleMax {
			errs[name] = v.T("steward.title_too_long")
		}
	}
	d.DescriptionSV, d.DescriptionEN = text("description_sv"), text("description_en")
	for _, name := range []string{"description_sv", "description_en"} {
		if utf8.RuneCountInString(text(name)) > stewardDescriptionMax {
			errs[name] = v.T("steward.description_too_long")
		}
	}
	if d.Kind == opendata.KindLink {
		d.URL = strings.TrimSpace(vals.Get("url"))
		if !stewardHTTPURL(d.URL) {
			errs["url"] = v.T("steward.link_url_invalid")
		}
		if ft, ok := opendata.FindFileType(strings.TrimSpace(vals.Get("format"))); ok {
			d.Format, d.MediaType = ft.Code, ft.MediaType
		} else {
			errs["format"] = v.T("steward.format_required")
		}
	}
	keys := map[string]string{}
	d.Licence = stewardTerm(vals.Get("licence"), opendata.Licences, "licence", "steward.licence_invalid", keys)
	if keys["licence"] != "" {
		errs["licence"] = v.T(keys["licence"])
	}
	return d, errs
}

// stewardRetype reloads the newest upload of d with the column types of
// the form, where they differ from the inferred ones.
func (s *Server) stewardRetype(w http.ResponseWriter, r *http.Request, c *stewardCtx, d opendata.Distribution) {
	if d.Kind != opendata.KindFile {
		s.fail(w, r, errNoPage)
		return
	}
	up, err := s.db.Upload(r.Context(), d.ID, 0)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	v := s.view(r)
	overrides, errs := map[string]opendata.ColumnType{}, map[string]string{}
	for i, col := range up.Columns {
		name := "type_" + strconv.Itoa(i)
		t := opendata.ColumnType(r.PostForm.Get(name))
		switch {
		case !t.Valid():
			errs[name] = v.T("steward.type_invalid")
		case t != col.Inferred:
			overrides[col.Name] = t
		}
	}
	if len(errs) > 0 {
		s.renderStewardResource(w, r, http.StatusUnprocessableEntity, c, d, stewardResState{vals: r.PostForm, errs: errs})
		return
	}
	s.stewardEnqueue(r.Context(), up.ID, overrides)
	detail := fmt.Sprintf("dataset=%s version=%d overrides=%d", c.ds().Slug, up.Version, len(overrides))
	if err := s.stewardAudit(r.Context(), c.acc, auditResourceRetyped, stewardObjectResource, d.ID, detail); err != nil {
		s.fail(w, r, err)
		return
	}
	stewardRedirect(w, r, stewardResourceURL(c.ds().ID, d.ID), "omladdad")
}

// stewardNewVersion stores an uploaded file as the next version of file
// resource d; the old versions stay.
func (s *Server) stewardNewVersion(w http.ResponseWriter, r *http.Request, c *stewardCtx, d opendata.Distribution) {
	if d.Kind != opendata.KindFile {
		s.fail(w, r, errNoPage)
		return
	}
	vals, file, fileErr, err := s.stewardReadUpload(w, r)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	v := s.view(r)
	if file == nil {
		msg := v.T("steward.file_required")
		if fileErr != "" {
			msg = stewardFileError(v, fileErr)
		}
		for k, val := range stewardResourceValues(d, nil) {
			if !vals.Has(k) {
				vals[k] = val
			}
		}
		s.renderStewardResource(w, r, http.StatusUnprocessableEntity, c, d, stewardResState{vals: vals, errs: map[string]string{"file": msg}})
		return
	}
	up, err := s.stewardAddUpload(r.Context(), d, file)
	if err != nil {
		s.stewardDiscard(r.Context(), file)
		s.fail(w, r, err)
		return
	}
	detail := fmt.Sprintf("dataset=%s format=%s version=%d bytes=%d", c.ds().Slug, file.Type.Code, up.Version, up.ByteSize)
	if err := s.stewardAudit(r.Context(), c.acc, auditResourceUploaded, stewardObjectResource, d.ID, detail); err != nil {
		s.fail(w, r, err)
		return
	}
	stewardRedirect(w, r, stewardResourceURL(c.ds().ID, d.ID), "uppladdad")
}

// StewardLoad returns the name of an upload's load state.
func (v *view) StewardLoad(st opendata.LoadState) string {
	if st == "" {
		st = opendata.LoadNone
	}
	return v.T("steward.load." + string(st))
}

// StewardLoadMessage returns why a load failed, in the page's language
// when the loader gave a message key.
func (v *view) StewardLoadMessage(msg string) string { return messageText(v, msg) }

// StewardType returns the name of a column type.
func (v *view) StewardType(t opendata.ColumnType) string { return v.T("steward.type." + string(t)) }

// StewardShare returns a share from 0 to 1 as a percentage with one
// decimal, e.g. "12,5 %".
func (v *view) StewardShare(c opendata.ColumnQuality, rows int64) string {
	return v.T("steward.percent", i18n.Decimal(v.Lang, c.EmptyShare(rows)*100, 1))
}

// StewardProblem returns the text of a row problem of a quality report.
func (v *view) StewardProblem(p opendata.RowProblem) string { return stewardText(v, p.Key, p.Value) }

// StewardFileURL returns the download path of version n of the resource
// at the public path base ("" when there is none).
func (v *view) StewardFileURL(base string, n int) string {
	if base == "" {
		return ""
	}
	return base + "?version=" + strconv.Itoa(n)
}

// StewardRange returns a column's smallest and largest value as the
// quality report shows them, numbers with the decimal sign of the page's
// language, or "–" when the report has none.
func (v *view) StewardRange(c opendata.ColumnQuality) string {
	if c.Min == "" && c.Max == "" {
		return "–"
	}
	return qualityValue(v, c.Type, c.Min) + " – " + qualityValue(v, c.Type, c.Max)
}

// StewardNumber formats a count in the page's language.
func (v *view) StewardNumber(n int64) string { return i18n.Number(v.Lang, n) }

// StewardDelimiter names a CSV delimiter in plain words.
func (v *view) StewardDelimiter(d string) string {
	switch d {
	case ";":
		return v.T("steward.delimiter.semicolon")
	case ",":
		return v.T("steward.delimiter.comma")
	case "\t":
		return v.T("steward.delimiter.tab")
	}
	return d
}
