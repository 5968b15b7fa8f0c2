package web

import (
	"cmp"
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"strings"

	"sprang/internal/i18n"
	"sprang/internal/identity"
	"sprang/internal/opendata"
)

// dataOrgsPage lists the units that publish open data.
type dataOrgsPage struct {
	Orgs []dataOrg
}

// dataOrg is one publisher in the list.
type dataOrg struct {
	Name     langText
	Href     string
	Type     string
	Datasets int
}

// dataOrgPage is one publisher's page: its facts and its datasets.
type dataOrgPage struct {
	Name      langText
	Type      string
	OrgNumber string
	OrgOf     langText // the unit the organisation number is of, when it is not this one
	Search    string   // the search narrowed to this publisher
	Results   []dataResult
	Total     int
	From, To  int
	Prev      string
	Next      string
}

// handleDataOrganizations lists the units that publish datasets, with how
// many each publishes.
func (s *Server) handleDataOrganizations(w http.ResponseWriter, r *http.Request) {
	s.renderData(w, r, "data_orgs", func(v *view) error {
		tree, err := s.auth.Tree(r.Context())
		if err != nil {
			return err
		}
		found, err := s.db.SearchDatasets(r.Context(), opendata.DatasetQuery{Lang: string(v.Lang), Limit: 1})
		if err != nil {
			return err
		}
		p := dataOrgsPage{}
		for _, c := range found.Publishers {
			id, err := strconv.ParseInt(c.Value, 10, 64)
			u, ok := tree.Unit(id)
			if err != nil || !ok || c.Count == 0 {
				continue
			}
			p.Orgs = append(p.Orgs, dataOrg{Name: v.UnitName(u), Href: organizationPath(u.Slug),
				Type: publisherType(v, u.Kind), Datasets: c.Count})
		}
		slices.SortFunc(p.Orgs, func(a, b dataOrg) int { return i18n.Compare(a.Name.Text, b.Name.Text) })
		v.Title = v.T("data.orgs.title")
		v.with(p)
		return nil
	})
}

// handleDataOrganization shows a publisher's page: the unit named by its
// slug, its organisation number and its published datasets, a page at a
// time (?sida=N).
func (s *Server) handleDataOrganization(w http.ResponseWriter, r *http.Request) {
	s.renderData(w, r, "data_org", func(v *view) error {
		tree, err := s.auth.Tree(r.Context())
		if err != nil {
			return err
		}
		u, ok := unitBySlug(tree, r.PathValue("unit"))
		if !ok {
			return errDataNotFound
		}
		page := 1
		if n, err := strconv.Atoi(r.URL.Query().Get(paramPage)); err == nil && n > 1 && n <= 10000 {
			page = n
		}
		q := opendata.DatasetQuery{Publishers: []int64{u.ID}, Sort: "title", Lang: string(v.Lang), Limit: dataPageSize,
			Offset: (page - 1) * dataPageSize}
		found, err := s.db.SearchDatasets(r.Context(), q)
		if err != nil {
			return err
		}
		p := dataOrgPage{Name: v.UnitName(u), Type: publisherType(v, u.Kind), Total: found.Total,
			Results: dataResults(v, found.Entries), Search: "/data?" + url.Values{paramPublisher: {u.Slug}}.Encode()}
		p.OrgNumber, p.OrgOf = orgNumberOf(v, tree, u)
		if len(p.Results) > 0 {
			p.From, p.To = q.Offset+1, q.Offset+len(p.Results)
		}
		base := organizationPath(u.Slug)
		if page == 2 {
			p.Prev = base
		} else if page > 2 {
			p.Prev = base + "?" + paramPage + "=" + strconv.Itoa(page-1)
		}
		if q.Offset+len(p.Results) < found.Total {
			p.Next = base + "?" + paramPage + "=" + strconv.Itoa(page+1)
		}
		v.Title = p.Name.Text
		v.with(p)
		return nil
	})
}

// unitBySlug returns the unit of tree with slug.
func unitBySlug(tree *identity.Tree, slug string) (identity.Unit, bool) {
	for _, n := range tree.Walk() {
		if n.Slug == slug {
			return n.Unit, true
		}
	}
	return identity.Unit{}, false
}

// orgNumberOf returns the organisation number of u, or of the nearest unit
// above it that has one (a förvaltning is part of the municipality, whose
// number it shares), with that unit's name when it is not u.
func orgNumberOf(v *view, tree *identity.Tree, u identity.Unit) (string, langText) {
	if u.OrgNumber != "" {
		return u.OrgNumber, langText{}
	}
	for _, a := range tree.Ancestors(u.ID) {
		if a.OrgNumber != "" {
			return a.OrgNumber, v.UnitName(a)
		}
	}
	return "", langText{}
}

// publisherType names the ADMS publisher type of a unit of kind k.
func publisherType(v *view, k identity.UnitKind) string {
	iri := opendata.PublisherTypeOf(k)
	return v.T("data.publisher_type." + cmp.Or(strings.TrimPrefix(iri, opendata.PublisherTypeBase), "LocalAuthority"))
}
