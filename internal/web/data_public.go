package web

// The public pages of the open data portal (data_public*.go): the dataset
// search (/data), a dataset's page, a resource's page with its preview and
// quality report, the file download, the publishers and the page about the
// API. This file holds what they share: who may see a dataset, the cached
// rendering of anonymous pages, and texts in the page's language.

import (
	"errors"
	"net/http"
	"strconv"
	"time"

	"sprang"
	"sprang/internal/i18n"
	"sprang/internal/identity"
	"sprang/internal/opendata"
)

// dataEntry returns the catalogue entry the {slug} path value names, when
// the request may see it: published and withdrawn datasets for anyone,
// drafts only for staff who may manage the datasets of the publishing unit.
// Anything else is NotFound, so a draft's existence is not revealed.
func (s *Server) dataEntry(r *http.Request) (opendata.Entry, error) {
	e, err := s.db.Dataset(r.Context(), r.PathValue("slug"))
	if err != nil {
		return opendata.Entry{}, err
	}
	if e.Dataset.State == opendata.Draft && !s.mayManageDataset(r, e.Dataset.UnitID) {
		return opendata.Entry{}, errDataNotFound
	}
	return e, nil
}

// dataEntryWithFiles returns the catalogue entry the {slug} path value
// names, like dataEntry, for the pages of its data: a resource's page, its
// preview and its files. A withdrawn dataset has gone offline: for the
// public only its page with the notice and its metadata remain, and these
// are NotFound; the data stewards of its unit still see everything.
func (s *Server) dataEntryWithFiles(r *http.Request) (opendata.Entry, error) {
	e, err := s.dataEntry(r)
	if err != nil {
		return opendata.Entry{}, err
	}
	if e.Dataset.State == opendata.Withdrawn && !s.mayManageDataset(r, e.Dataset.UnitID) {
		return opendata.Entry{}, errDataNotFound
	}
	return e, nil
}

// errDataNotFound is the error of a dataset or resource that is not there
// (or is a draft the visitor may not see).
var errDataNotFound = sprang.Errorf(sprang.NotFound, "data.not_found")

// mayManageDataset reports whether the request's staff user may manage the
// datasets of the unit with id (and so see its drafts).
func (s *Server) mayManageDataset(r *http.Request, unitID int64) bool {
	if !sessionOf(r.Context()).Staff() {
		return false
	}
	acc, err := s.staffAccess(r)
	return err == nil && acc.Can(identity.ManageDatasets, unitID)
}

// distributionOf returns the distribution of e with the id rid, or
// NotFound: a resource is reached only through its own dataset.
func distributionOf(e opendata.Entry, rid string) (opendata.Distribution, error) {
	for _, d := range e.Distributions {
		if d.ID == rid {
			return d, nil
		}
	}
	return opendata.Distribution{}, errDataNotFound
}

// renderData renders an open data page through the page cache (see
// renderCached), its fill errors as dataFail shows them. Every open data
// page is marked impersonal: it shows catalogue data, never personal data.
func (s *Server) renderData(w http.ResponseWriter, r *http.Request, page string, fill func(v *view) error) {
	s.renderCached(w, r, page, s.view(r).impersonal(), fill, s.dataFail)
}

// dataFail renders the error page of an open data page: a preview that
// ran out of time is a 503 saying what to try instead; anything else as
// fail does.
func (s *Server) dataFail(w http.ResponseWriter, r *http.Request, err error) {
	if !errors.Is(err, errPreviewTimeout) {
		s.fail(w, r, err)
		return
	}
	s.log.WarnContext(r.Context(), "open data preview timed out", "path", r.URL.Path, "error", err.Error())
	v := s.view(r).impersonal()
	p := errorPage{Status: http.StatusServiceUnavailable, Heading: v.T("data.preview.timeout.heading"),
		Message: v.T("data.preview.timeout.text", int(previewTimeout/time.Second)), RequestID: requestID(r.Context())}
	v.Title = p.Heading
	w.Header().Set("Retry-After", "30")
	s.renderStatus(w, r, http.StatusServiceUnavailable, "error", v.with(p))
}

// langText is a text as a page shows it, with the language of the text
// when it is not the page's (an English page showing a Swedish title that
// has no translation), for a lang attribute (WCAG 3.1.2).
type langText = unitName

// inLang returns the text of sv and en for the view's language, falling
// back to Swedish and marking the fallback.
func (v *view) inLang(sv, en string) langText {
	if v.Lang == i18n.English && en != "" {
		return langText{Text: en}
	}
	t := langText{Text: sv}
	if v.Lang != i18n.Swedish && sv != "" {
		t.Lang = string(i18n.Swedish)
	}
	return t
}

// publisherName returns the name of a dataset's publisher in the view's
// language.
func (v *view) publisherName(p opendata.Publisher) langText { return v.inLang(p.NameSV, p.NameEN) }

// termLabel returns the label of the vocabulary term with the IRI (or
// code) iri in the view's language, or the IRI itself when the vocabulary
// does not know it.
func (v *view) termLabel(vocab []opendata.Term, iri string) string {
	if t, ok := opendata.FindTerm(vocab, iri); ok {
		return t.Label(string(v.Lang))
	}
	return iri
}

// isoDate returns a "YYYY-MM-DD" date as a long date in the view's
// language, or the text as it is when it is no such date.
func (v *view) isoDate(s string) string {
	t, err := time.Parse(time.DateOnly, s)
	if err != nil {
		return s
	}
	return i18n.Date(v.Lang, t)
}

// datasetPath returns the path of a dataset's page.
func datasetPath(slug string) string { return "/data/" + slug }

// resourcePath returns the path of a resource's page.
func resourcePath(slug, rid string) string { return "/data/" + slug + "/resurser/" + rid }

// filePath returns the path of a file distribution's file: the newest
// version for version 0.
func filePath(slug, rid string, version int) string {
	p := resourcePath(slug, rid) + "/fil"
	if version > 0 {
		p += "?version=" + strconv.Itoa(version)
	}
	return p
}

// organizationPath returns the path of a publisher's page.
func organizationPath(unitSlug string) string { return "/data/organisationer/" + unitSlug }
