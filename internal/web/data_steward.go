package web

import (
	"context"
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"strings"

	"sprang"
	"sprang/internal/audit"
	"sprang/internal/identity"
	"sprang/internal/opendata"
)

// The data stewards' pages: staff who may manage datasets
// (identity.ManageDatasets) in a unit create and describe that unit's
// datasets, add their resources (uploaded files with versions, or links),
// watch tabular files load into the datastore, correct the column types,
// and publish, withdraw and republish them. Publishing runs the
// conformance check (opendata.Check) and is refused while it finds a
// violation. A dataset of a unit the user may not manage is a 404, as if
// it did not exist: drafts are private. Every change is audited. No page
// needs JavaScript: the progress of a load is seen by reloading the page.
//
// The files: data_steward.go (this: loading, URLs, banners, audit),
// data_steward_list.go (the list and the create form),
// data_steward_form.go (the metadata form), data_steward_dataset.go (the
// dataset page and publishing), data_steward_upload.go (streamed uploads
// and new resources) and data_steward_resource.go (a resource's page).

// stewardBase is the path of the stewards' pages.
const stewardBase = "/personal/data"

// stewardURL returns the path of dataset id's page, with the further path
// elements escaped and joined.
func stewardURL(id string, elems ...string) string {
	var b strings.Builder
	b.WriteString(stewardBase + "/" + url.PathEscape(id))
	for _, e := range elems {
		b.WriteString("/" + url.PathEscape(e))
	}
	return b.String()
}

// stewardResourceURL returns the path of resource rid of dataset id.
func stewardResourceURL(id, rid string) string { return stewardURL(id, "resurser", rid) }

// stewardDone are the banners a steward's page may show after a change,
// by the value of the "klart" query parameter: the value names the
// message "steward.done.<value>". Anything else shows no banner.
var stewardDone = []string{"skapad", "sparat", "publicerad", "aterkallad", "tillagd", "uppladdad", "omladdad"}

// stewardDoneOf returns the banner value of r's query, or "" when it names none.
func stewardDoneOf(r *http.Request) string {
	if d := r.URL.Query().Get("klart"); slices.Contains(stewardDone, d) {
		return d
	}
	return ""
}

// StewardDone returns the text of the banner done (see stewardDone), or
// "" for none.
func (v *view) StewardDone(done string) string {
	if done == "" {
		return ""
	}
	return v.T("steward.done." + done)
}

// stewardRedirect sends the browser to path with the banner done.
func stewardRedirect(w http.ResponseWriter, r *http.Request, path, done string) {
	http.Redirect(w, r, path+"?klart="+done, http.StatusSeeOther)
}

// stewardCtx is what every page of one dataset works with: the user's
// access and the dataset's catalogue entry.
type stewardCtx struct {
	acc   *access
	entry opendata.Entry
}

// ds returns the dataset.
func (c *stewardCtx) ds() opendata.Dataset { return c.entry.Dataset }

// stewardLoad loads the dataset named by the {id} of r's path for a user
// who may manage datasets in its unit. Staff who may manage datasets
// nowhere get Forbidden; a dataset of a unit the user may not manage is
// errNoPage, like one that does not exist.
func (s *Server) stewardLoad(r *http.Request) (*stewardCtx, error) {
	acc, err := s.requireAnywhere(r, identity.ManageDatasets)
	if err != nil {
		return nil, err
	}
	id := r.PathValue("id")
	if id == "" || len(id) > 100 {
		return nil, errNoPage
	}
	e, err := s.db.Dataset(r.Context(), id)
	if sprang.ErrorKind(err) == sprang.NotFound || (err == nil && !acc.Can(identity.ManageDatasets, e.Dataset.UnitID)) {
		return nil, errNoPage
	}
	if err != nil {
		return nil, err
	}
	return &stewardCtx{acc: acc, entry: e}, nil
}

// distribution returns the distribution named by the {rid} of r's path
// when it belongs to c's dataset, and errNoPage otherwise.
func (c *stewardCtx) distribution(r *http.Request) (opendata.Distribution, error) {
	rid := r.PathValue("rid")
	for _, d := range c.entry.Distributions {
		if d.ID == rid {
			return d, nil
		}
	}
	return opendata.Distribution{}, errNoPage
}

// stewardUnits returns the units where acc may manage datasets, in tree
// order.
func stewardUnits(acc *access) []identity.Node {
	var out []identity.Node
	for _, n := range acc.Tree.Walk() {
		if acc.Can(identity.ManageDatasets, n.ID) {
			out = append(out, n)
		}
	}
	return out
}

// stewardUnitOptions returns the unit choices of a form: the units where
// acc may manage datasets, indented by depth, with an empty choice first
// when empty is not "".
func stewardUnitOptions(v *view, acc *access, empty string) []bOption {
	var opts []bOption
	if empty != "" {
		opts = append(opts, bOption{Value: "", Label: v.T(empty)})
	}
	for _, n := range stewardUnits(acc) {
		name := v.UnitName(n.Unit)
		opts = append(opts, bOption{Value: strconv.FormatInt(n.ID, 10), Label: v.Indent(n.Depth) + name.Text, Lang: name.Lang})
	}
	return opts
}

// stewardUnit returns the unit with the decimal id when acc may manage
// datasets there.
func stewardUnit(acc *access, id string) (identity.Unit, bool) {
	n, err := strconv.ParseInt(strings.TrimSpace(id), 10, 64)
	if err != nil {
		return identity.Unit{}, false
	}
	u, ok := acc.Tree.Unit(n)
	if !ok || !acc.Can(identity.ManageDatasets, n) {
		return identity.Unit{}, false
	}
	return u, true
}

// The audit actions of the stewards' pages (package audit). Details name
// slugs, versions and formats, never contact addresses.
const (
	auditDatasetCreated   = audit.DatasetCreated
	auditDatasetUpdated   = audit.DatasetUpdated
	auditDatasetPublished = audit.DatasetPublished
	auditDatasetWithdrawn = audit.DatasetWithdrawn
	auditResourceCreated  = audit.DistributionCreated
	auditResourceUpdated  = audit.DistributionUpdated
	auditResourceUploaded = audit.DistributionUploaded
	auditResourceRetyped  = audit.DistributionRetyped
)

// The object types of the stewards' audit entries.
const (
	stewardObjectDataset  = "dataset"
	stewardObjectResource = "distribution"
)

// stewardAudit appends an audit entry of acc's action on the object of
// type objectType with id. Every change on the stewards' pages is audited
// right after it is stored, so this is also where the public pages' cache
// is cleared: a dataset that was withdrawn or changed leaves the cached
// search and publisher pages at once.
func (s *Server) stewardAudit(ctx context.Context, acc *access, action audit.Action, objectType, id, detail string) error {
	s.pages.reset()
	_, err := s.db.AppendAudit(ctx, audit.Entry{ActorKind: audit.Staff, ActorID: acc.User.ID, ActorName: acc.User.Username,
		Action: action, ObjectType: objectType, ObjectID: id, Detail: detail})
	return err
}

// stewardText returns a message of the steward's pages, the conformance
// check or the loader in the view's language with arg filled in when the
// message has a place for it; a key the catalog lacks is shown through
// messageText.
func stewardText(v *view, key, arg string) string {
	if !v.cat.Has(v.Lang, key) {
		if arg != "" {
			return messageText(v, key) + " (" + arg + ")"
		}
		return messageText(v, key)
	}
	if strings.Contains(v.T(key), "%") {
		return v.T(key, arg)
	}
	return v.T(key)
}

// StewardLinks returns the staff start page's links to the data stewards'
// pages when the user may manage datasets in some unit, and to the API
// tokens page, which every staff user has.
func (p staffPage) StewardLinks() []staffLink {
	links := []staffLink{{apiTokensPath, "apitokens.staff_link", ""}}
	var units []identity.Unit
	seen := map[int64]bool{}
	for _, g := range p.Grants {
		if !seen[g.Unit.ID] {
			seen[g.Unit.ID] = true
			u := g.Unit
			u.ParentID = 0
			units = append(units, u)
		}
	}
	t, err := identity.BuildTree(units)
	if err != nil || !identity.CanAnywhere(p.User.Principal(), identity.ManageDatasets, t) {
		return links
	}
	return append([]staffLink{{stewardBase, "steward.staff_link", identity.ManageDatasets}}, links...)
}
