package web

import (
	"net/http"
	"net/url"
	"slices"
	"strings"
	"unicode/utf8"

	"sprang"
	"sprang/internal/eservice"
	"sprang/internal/identity"
	"sprang/internal/store"
)

// maxSearchRunes bounds the catalogue's search text; longer text is cut.
const maxSearchRunes = 200

// mostUsedCount is how many services "most used" lists.
const mostUsedCount = 5

// cataloguePage is the resident's catalogue of e-services: the search
// box, the categories, the results and, before any search, the most used
// services.
type cataloguePage struct {
	Query      string
	Category   string // the chosen category's name, or ""
	Categories []categoryLink
	Results    []catalogueItem
	MostUsed   []catalogueItem
	Filtered   bool // a search text or a category is chosen
}

// categoryLink is one category in the catalogue's list.
type categoryLink struct {
	Name    string
	Href    string
	Current bool
}

// catalogueItem is one service in a list of the catalogue.
type catalogueItem struct {
	Href    string
	Title   string
	Summary string
	Unit    unitName
	EID     bool // e-legitimation is needed
}

// handleCatalogue lists the published e-services: all of them, or those
// matching the search text (q) and category (kategori). Search text is
// passed to the store as a parameter, which strips query syntax, so any
// text searches words.
func (s *Server) handleCatalogue(w http.ResponseWriter, r *http.Request) {
	v := s.view(r)
	query := r.URL.Query()
	p := cataloguePage{Query: searchText(query.Get("q"))}
	cat := eservice.Category(query.Get("kategori"))
	if !slices.Contains(eservice.Categories(), cat) {
		cat = ""
	}
	p.Filtered = p.Query != "" || cat != ""
	tree, err := s.auth.Tree(r.Context())
	if err != nil {
		s.fail(w, r, err)
		return
	}
	found, err := s.db.SearchCatalogue(r.Context(), store.CatalogueQuery{Text: p.Query, Category: cat})
	if err != nil {
		s.fail(w, r, err)
		return
	}
	p.Results = catalogueItems(v, tree, found)
	if !p.Filtered {
		used, err := s.db.SearchCatalogue(r.Context(), store.CatalogueQuery{MostUsed: true, Limit: mostUsedCount})
		if err != nil {
			s.fail(w, r, err)
			return
		}
		p.MostUsed = catalogueItems(v, tree, usedOnly(used))
	}
	p.Categories = categoryLinks(v, cat)
	if cat != "" {
		p.Category = categoryName(v, cat)
	}
	v.Title = v.T("catalogue.title")
	s.render(w, r, "catalogue", v.with(p))
}

// searchText returns the search text as typed, trimmed and cut to
// maxSearchRunes, or "" when it is not UTF-8.
func searchText(q string) string {
	if !utf8.ValidString(q) {
		return ""
	}
	q = strings.TrimSpace(q)
	if utf8.RuneCountInString(q) > maxSearchRunes {
		q = string([]rune(q)[:maxSearchRunes])
	}
	return q
}

// usedOnly returns the entries that were used at all.
func usedOnly(es []store.CatalogueEntry) []store.CatalogueEntry {
	return slices.DeleteFunc(es, func(e store.CatalogueEntry) bool { return e.Uses == 0 })
}

// catalogueItems builds the list items of entries.
func catalogueItems(v *view, tree *identity.Tree, entries []store.CatalogueEntry) []catalogueItem {
	lang := string(v.Lang)
	out := make([]catalogueItem, 0, len(entries))
	for _, e := range entries {
		it := catalogueItem{Href: "/e-tjanster/" + e.Slug, Title: e.Spec.Title.In(lang), Summary: e.Spec.Summary.In(lang),
			EID: loginRuleOf(e.Spec).EID}
		if u, ok := tree.Unit(e.UnitID); ok {
			it.Unit = v.UnitName(u)
		}
		out = append(out, it)
	}
	return out
}

// categoryLinks returns the catalogue's categories, the chosen one marked.
func categoryLinks(v *view, chosen eservice.Category) []categoryLink {
	var out []categoryLink
	for _, c := range eservice.Categories() {
		out = append(out, categoryLink{Name: categoryName(v, c), Href: "/e-tjanster?kategori=" + url.QueryEscape(string(c)),
			Current: c == chosen})
	}
	return out
}

// categoryName returns the name of category c in the view's language.
func categoryName(v *view, c eservice.Category) string { return v.T("eservice.category." + string(c)) }

// publishedService returns the service named by the {slug} path value
// and its published spec. A service that was never published is
// NotFound, as is any unknown slug.
func (s *Server) publishedService(r *http.Request) (store.Service, eservice.Spec, error) {
	svc, err := s.db.FindServiceBySlug(r.Context(), r.PathValue("slug"))
	if err != nil {
		return store.Service{}, eservice.Spec{}, err
	}
	if svc.Published == 0 {
		return store.Service{}, eservice.Spec{}, sprang.Errorf(sprang.NotFound, "error.404.text")
	}
	return svc, svc.Spec, nil
}
