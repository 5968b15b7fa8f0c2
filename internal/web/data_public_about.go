package web

import (
	"net/http"
	"strings"
)

// dataAboutPage is the page about the API: what it is, examples to copy,
// tokens, limits, the OpenAPI description and the catalogue feeds.
type dataAboutPage struct {
	Base            string
	PackageSearch   string
	PackageShow     string
	DatastoreSearch string
	DatastoreFilter string
	Dump            string
	Create          string
	Actions         []apiAction
}

// apiAction is one action of the API in the page's list.
type apiAction struct {
	Name, Text string
	Write      bool
}

// apiActions are the actions the page lists, in order; each has its text
// under "data.about.action.<name>".
var apiActions = []struct {
	name  string
	write bool
}{
	{"package_list", false}, {"package_search", false}, {"package_show", false},
	{"organization_list", false}, {"organization_show", false}, {"resource_show", false},
	{"datastore_search", false}, {"help_show", false}, {"status_show", false},
	{"package_create", true}, {"package_update", true}, {"resource_create", true}, {"resource_update", true},
	{"datastore_create", true},
}

// handleDataAbout shows the page about the API. It is the same for every
// anonymous visitor, so it comes from the page cache.
func (s *Server) handleDataAbout(w http.ResponseWriter, r *http.Request) {
	s.renderData(w, r, "data_about", func(v *view) error {
		base := strings.TrimSuffix(s.cfg.BaseURL, "/")
		rid := v.T("data.about.placeholder.resource")
		p := dataAboutPage{Base: base,
			PackageSearch:   "curl '" + base + "/api/3/action/package_search?q=" + v.T("data.about.example.query") + "&rows=10'",
			PackageShow:     "curl '" + base + "/api/3/action/package_show?id=" + v.T("data.about.placeholder.dataset") + "'",
			DatastoreSearch: "curl '" + base + "/api/3/action/datastore_search?resource_id=" + rid + "&limit=5'",
			DatastoreFilter: "curl -G '" + base + "/api/3/action/datastore_search' \\\n" +
				"  --data-urlencode 'resource_id=" + rid + "' \\\n" +
				"  --data-urlencode 'filters={\"Område\": \"Domsjö\"}' \\\n" +
				"  --data-urlencode 'sort=Temperatur (°C) desc' \\\n" +
				"  --data-urlencode 'limit=10'",
			Dump: "curl -o data.csv '" + base + "/datastore/dump/" + rid + "?format=csv'",
			Create: "curl -H 'Authorization: " + v.T("data.about.placeholder.token") + "' \\\n" +
				"  -F 'package_id=" + v.T("data.about.placeholder.dataset") + "' \\\n" +
				"  -F 'name=" + v.T("data.about.example.resource_name") + "' \\\n" +
				"  -F 'upload=@" + v.T("data.about.example.file") + "' \\\n" +
				"  '" + base + "/api/3/action/resource_create'"}
		for _, a := range apiActions {
			p.Actions = append(p.Actions, apiAction{Name: a.name, Text: v.T("data.about.action." + a.name), Write: a.write})
		}
		v.Title = v.T("data.about.title")
		v.with(p)
		return nil
	})
}
