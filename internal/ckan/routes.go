package ckan

import (
	"errors"
	"mime"
	"mime/multipart"
	"net/http"
	"sort"

	"sprang/internal/identity"
)

// call is one run of an action: the request, its parameters, the texts of
// its language and, for a token, its user.
type call struct {
	a      *API
	w      http.ResponseWriter
	r      *http.Request
	action string
	p      params
	x      texts
	user   *identity.User
	units  *identity.Tree // read on first use (tree)
	// A multipart body: its first file part (not yet read) and the reader
	// to continue with after it.
	file *multipart.Part
	mr   *multipart.Reader
	// The keys of the first record of a JSON body's "records", in the
	// order sent (datastore_create's columns when it has no fields).
	firstKeys []string
}

// action is one action of the Action API. Read actions answer GET and
// POST; write actions only POST (as CKAN, whose side_effect_free actions
// alone accept GET) and need an API token. multipart actions take a file.
type action struct {
	run       func(c *call) (any, error)
	write     bool
	multipart bool
	largeBody bool // the body may be as large as an upload (datastore_create)
	help      string
}

// actions returns the action table, the one list of what the API offers
// (the OpenAPI description must name every one, see its test).
// datastore_search_sql is deliberately absent: SQL search is off, and
// CKAN with SQL search disabled does not know the action either.
func (a *API) actions() map[string]action {
	return map[string]action{
		"package_list":      {run: (*call).packageList, help: helpPackageList},
		"package_show":      {run: (*call).packageShow, help: helpPackageShow},
		"package_search":    {run: (*call).packageSearch, help: helpPackageSearch},
		"organization_list": {run: (*call).organizationList, help: helpOrganizationList},
		"organization_show": {run: (*call).organizationShow, help: helpOrganizationShow},
		"resource_show":     {run: (*call).resourceShow, help: helpResourceShow},
		"datastore_search":  {run: (*call).datastoreSearch, help: helpDatastoreSearch},
		"help_show":         {run: (*call).helpShow, help: helpHelpShow},
		"status_show":       {run: (*call).statusShow, help: helpStatusShow},
		"package_create":    {run: (*call).packageCreate, write: true, help: helpPackageCreate},
		"package_update":    {run: (*call).packageUpdate, write: true, help: helpPackageUpdate},
		"resource_create":   {run: (*call).resourceCreate, write: true, multipart: true, help: helpResourceCreate},
		"resource_update":   {run: (*call).resourceUpdate, write: true, multipart: true, help: helpResourceUpdate},
		"datastore_create":  {run: (*call).datastoreCreate, write: true, largeBody: true, help: helpDatastoreCreate},
	}
}

// ActionNames returns the names of every action, sorted.
func (a *API) ActionNames() []string {
	var out []string
	for name := range a.actions() {
		out = append(out, name)
	}
	sort.Strings(out)
	return out
}

// routes returns the API's route table.
func (a *API) routes() *http.ServeMux {
	acts := a.actions()
	mux := http.NewServeMux()
	mux.HandleFunc("GET /api/3/action/{action}", a.limit(a.handleAction(acts)))
	mux.HandleFunc("POST /api/3/action/{action}", a.limit(a.handleAction(acts)))
	mux.HandleFunc("GET /api/3/openapi.json", a.limit(a.handleOpenAPI))
	mux.HandleFunc("GET /api/3/{$}", a.limit(a.handleVersion))
	mux.HandleFunc("GET /datastore/dump/{rid}", a.limit(a.dump))
	mux.HandleFunc("/api/3/", a.limit(a.handleNoRoute))
	return mux
}

// handleAction runs the action the path names, as CKAN's action view
// does: an unknown action and a body that is no JSON object are a 400
// with a bare message; a write action by GET too.
func (a *API) handleAction(acts map[string]action) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		name := r.PathValue("action")
		act, ok := acts[name]
		if !ok {
			a.writeError(w, r, name, badRequest("Action name not known: "+name+a.unknownHint(r, name)))
			return
		}
		c := &call{a: a, w: w, r: r, action: name, x: a.textsOf(r), user: userOf(r.Context())}
		if err := c.readParams(act); err != nil {
			var eb *errBody
			if errors.As(err, &eb) {
				a.writeError(w, r, name, badRequest("JSON Error: "+eb.msg))
				return
			}
			a.fail(c, err)
			return
		}
		a.calls.add(name)
		result, err := act.run(c)
		if err != nil {
			a.fail(c, err)
			return
		}
		a.writeResult(w, r, name, result)
	}
}

// unknownHint adds to the 400 of datastore_search_sql, which CKAN does
// not know when SQL search is disabled, that it is not offered here and
// what to use instead.
func (a *API) unknownHint(r *http.Request, name string) string {
	if name == "datastore_search_sql" {
		return " (" + a.textsOf(r).t("api.sql_off") + ")"
	}
	return ""
}

// readParams reads the call's parameters: the query string of a GET, the
// body of a POST (limited to MaxJSONBytes; MaxUploadBytes for multipart
// uploads; MaxRecordsBytes for datastore_create, whose JSON is decoded as
// it is read, streamParams) or, for a POST with no body to a read action,
// its query string. A write action by GET is a 400, as in CKAN.
func (c *call) readParams(act action) error {
	r := c.r
	if r.Method == http.MethodGet {
		if act.write {
			return &errBody{"Invalid request. Please use POST method for your request"}
		}
		c.p = queryParams(r.URL.Query())
		return nil
	}
	limit := c.a.limits.MaxJSONBytes
	switch {
	case act.multipart:
		limit = c.a.limits.MaxUploadBytes + maxFieldBytes
	case act.largeBody:
		limit = c.a.limits.MaxRecordsBytes
	}
	r.Body = http.MaxBytesReader(c.w, r.Body, limit+maxFieldBytes)
	if ct, _, _ := mime.ParseMediaType(r.Header.Get("Content-Type")); act.largeBody && ct != "multipart/form-data" {
		p, keys, err := streamParams(r.Body, ct, limit)
		c.p, c.firstKeys = p, keys
		return err
	}
	p, part, mr, err := bodyParams(r, limit)
	if err != nil {
		return err
	}
	if part != nil && !act.multipart { // left unread: the connection is closed after the answer
		return &errBody{"this action takes no file; send its parameters as JSON"}
	}
	c.p, c.file, c.mr = p, part, mr
	if len(p) == 0 && part == nil && !act.write {
		c.p = queryParams(r.URL.Query())
	}
	return nil
}

// fail writes the answer of an action's error, logging internal ones.
func (a *API) fail(c *call, err error) {
	ae := c.x.apiErrorOf(err, renameFields)
	if ae.status >= 500 {
		a.log.ErrorContext(c.r.Context(), "api: action failed", "action", c.action, "error", err.Error())
	}
	a.writeError(c.w, c.r, c.action, ae)
}

// handleVersion answers GET /api/3/ as CKAN does: {"version": 3}.
func (a *API) handleVersion(w http.ResponseWriter, r *http.Request) {
	body := []byte(`{"version": 3}` + "\n")
	w.Header().Set("Content-Type", contentTypeJSON)
	_, _ = w.Write(body)
}

// handleNoRoute answers an API path that names nothing.
func (a *API) handleNoRoute(w http.ResponseWriter, r *http.Request) {
	a.writeError(w, r, "", a.textsOf(r).notFound("api.no_route"))
}
