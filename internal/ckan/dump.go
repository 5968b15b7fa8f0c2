package ckan

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"slices"
	"strconv"
	"strings"
	"time"

	"sprang"
	"sprang/internal/dataexport"
	"sprang/internal/opendata"
	"sprang/internal/tabular"
)

// dumpParams are the parameters of a download: CKAN's dump parameters
// (plain and language are accepted and have no effect) and version. Any
// other is a Validation Error, so that a mistyped "filter" does not
// silently download everything.
var dumpParams = []string{"format", "bom", "q", "filters", "sort", "fields", "limit", "offset",
	"distinct", "plain", "language", "version"}

// dumpHelpName is the name help_show knows the download by, and the one
// the "help" of its errors names: it is no action of the Action API.
const dumpHelpName = "datastore_dump"

// dumpWriteTimeout is how long one write of a download may take: each
// write moves the connection's deadline on, so a long download on a slow
// link is not cut by the server's overall write timeout, and a client that
// stops reading is.
const dumpWriteTimeout = 60 * time.Second

// dump is a parsed download request. Filter values are read as the CSV
// loader reads cells (tabular.ParseValue), so "12,5" and a naive
// timestamp in Stockholm time match what was loaded.
type dump struct {
	format  dataexport.Format
	opts    dataexport.Options
	res     resolved
	slug    string
	version int // as asked, 0 for the newest
	cols    []opendata.Column
	query   opendata.Query
	empty   bool // limit=0: the header only
}

// handleDump serves GET /datastore/dump/{rid}: the rows of a resource's
// datastore table (its newest loaded version, or ?version=N) as a file to
// download, in the format of ?format= (csv by default, tsv, json, geojson
// or parquet), filtered, searched, sorted, cut to fields and paged with
// CKAN's datastore parameters (q, filters, sort, fields, distinct, limit,
// offset; bom=true starts a text file with a byte order mark). Without
// fields every column is written in the table's order, without _id (name
// it in fields to get it); without sort rows come in the file's order.
// The rows are streamed from the store to the client, so a table of any
// length downloads in constant memory; there is no Content-Length.
// Everything that can go wrong before the first byte (an unknown
// resource, a draft the caller may not see, data not loaded yet, a bad
// parameter, a table without coordinates for GeoJSON) is answered as a
// CKAN error in JSON; an error after it ends the connection, so that a
// broken download is never mistaken for a whole one.
func (a *API) handleDump(w http.ResponseWriter, r *http.Request) {
	c := &call{a: a, w: w, r: r, action: dumpHelpName, p: queryParams(r.URL.Query()),
		x: a.textsOf(r), user: userOf(r.Context())}
	d, err := c.parseDump(r.PathValue("rid"))
	if err != nil {
		a.fail(c, err)
		return
	}
	a.calls.add("datastore_dump")
	body := &dumpBody{w: w, rc: http.NewResponseController(w), start: func() { d.headers(w) }}
	ew, err := dataexport.New(d.format.Name, body, d.opts)
	if err == nil {
		err = d.write(r.Context(), c, ew)
	}
	if err == nil {
		if !body.started { // nothing written: an empty body still needs its headers
			body.begin()
		}
		if s, ok := ew.(dataexport.Skipper); ok && s.Skipped() > 0 {
			a.log.InfoContext(r.Context(), "api: dump skipped rows without coordinates",
				"resource", d.res.dist.ID, "rows", s.Skipped())
		}
		return
	}
	if !body.started {
		a.fail(c, c.dumpError(err))
		return
	}
	if r.Context().Err() == nil {
		a.log.ErrorContext(r.Context(), "api: dump failed after the first byte", "resource", d.res.dist.ID,
			"error", err.Error())
	}
	panic(http.ErrAbortHandler) // cut the connection: the client sees an incomplete download
}

// write streams the rows of d into ew.
func (d *dump) write(ctx context.Context, c *call, ew dataexport.Writer) error {
	if err := ew.Begin(d.cols); err != nil {
		return err
	}
	if !d.empty {
		err := c.a.d.DB.DatastoreEach(ctx, d.res.upload, d.query, ew.Row)
		if err != nil {
			return err
		}
	}
	return ew.End()
}

// dumpError turns an error before the first byte into the API's answer:
// a table without coordinates names the columns looked for, an unknown
// format the formats; the rest as every action's errors.
func (c *call) dumpError(err error) error {
	switch sprang.ErrorMessage(err) {
	case dataexport.MsgNoCoordinates:
		lat, lon := dataexport.CoordinateNames()
		return c.x.invalid("format", dataexport.MsgNoCoordinates, lat, lon)
	case dataexport.MsgFormat:
		return c.x.invalid("format", dataexport.MsgFormat, dataexport.FormatNames())
	}
	return err
}

// parseDump reads the parameters of a download of resource rid and
// resolves the table it reads.
func (c *call) parseDump(rid string) (*dump, error) {
	for k := range c.p {
		if !slices.Contains(dumpParams, k) {
			return nil, c.x.invalid(k, "api.param.unexpected", k)
		}
	}
	d := &dump{}
	name, err := c.p.trimmed(c.x, "format")
	if err != nil {
		return nil, err
	}
	if name == "" {
		name = "csv"
	}
	var ok bool
	if d.format, ok = dataexport.Lookup(name); !ok {
		return nil, c.x.invalid("format", dataexport.MsgFormat, dataexport.FormatNames())
	}
	if d.opts.BOM, err = c.p.boolean(c.x, "bom", false); err != nil {
		return nil, err
	}
	if d.version, err = c.p.natural(c.x, "version", 0); err != nil {
		return nil, err
	}
	if d.res, err = c.resolveTable(rid, d.version); err != nil {
		return nil, err
	}
	if err := c.parseDumpQuery(d); err != nil {
		return nil, err
	}
	e, err := c.a.d.DB.Dataset(c.r.Context(), d.res.dist.DatasetID)
	if err != nil {
		return nil, fmt.Errorf("api: dump: read dataset: %w", err)
	}
	d.slug = e.Dataset.Slug
	return d, nil
}

// parseDumpQuery reads the query parameters against the table's columns
// and fixes the columns of the file.
func (c *call) parseDumpQuery(d *dump) error {
	cols := d.res.upload.Columns
	q := &d.query
	q.Version = d.res.upload.Version
	limit, err := c.p.natural(c.x, "limit", -1) // -1: not given
	if err != nil {
		return err
	}
	d.empty = limit == 0
	q.Limit = max(limit, 0) // 0: every row
	if q.Offset, err = c.p.natural(c.x, "offset", 0); err != nil {
		return err
	}
	if q.Distinct, err = c.p.boolean(c.x, "distinct", false); err != nil {
		return err
	}
	if q.Q, err = c.dsQ(); err != nil {
		return err
	}
	if q.Filters, err = opendata.ParseFilters(c.p.jsonText("filters"), cols, tabular.ParseValue); err != nil {
		return err
	}
	sortText, err := c.p.str(c.x, "sort")
	if err != nil {
		return err
	}
	if q.Sort, err = opendata.ParseSort(sortText, cols); err != nil {
		return err
	}
	if q.Fields, err = c.dsFields(cols); err != nil {
		return err
	}
	d.cols = dumpColumns(cols, q.Fields)
	if len(q.Fields) == 0 {
		for _, col := range cols {
			q.Fields = append(q.Fields, col.Name)
		}
	}
	return nil
}

// dumpColumns returns the columns of a download: those named, in the
// order named (_id as an int column), or every column.
func dumpColumns(cols []opendata.Column, fields []string) []opendata.Column {
	if len(fields) == 0 {
		return cols
	}
	out := make([]opendata.Column, 0, len(fields))
	for _, f := range fields {
		i := slices.IndexFunc(cols, func(c opendata.Column) bool { return c.Name == f })
		if i < 0 {
			out = append(out, opendata.Column{Name: opendata.IDField, Type: opendata.TypeInt})
			continue
		}
		out = append(out, cols[i])
	}
	return out
}

// headers sets the headers of the download: its media type and an
// attachment file name "<dataset>-<resource>[-v<version>].<ext>".
func (d *dump) headers(w http.ResponseWriter) {
	name := fileSlug(d.slug)
	if res := fileSlug(d.res.dist.TitleSV); res != "" {
		name += "-" + res
	} else {
		name += "-" + fileSlug(d.res.dist.ID)
	}
	if d.version > 0 {
		name += "-v" + strconv.Itoa(d.version)
	}
	h := w.Header()
	h.Set("Content-Type", d.format.ContentType)
	h.Set("Content-Disposition", `attachment; filename="`+strings.TrimPrefix(name, "-")+"."+d.format.Ext+`"`)
	h.Set("X-Content-Type-Options", "nosniff")
	h.Del("Content-Length")
}

// fileSlug returns s as a part of a file name: lower case, å ä ö and
// other accented Latin letters without their accents, every run of other
// characters a hyphen, at most 60 characters, no hyphen first or last.
func fileSlug(s string) string {
	var b strings.Builder
	hyphen := false
	for _, r := range strings.ToLower(s) {
		if f, ok := foldLetter(r); ok {
			r = f
		}
		if (r >= 'a' && r <= 'z') || (r >= '0' && r <= '9') {
			if hyphen && b.Len() > 0 {
				b.WriteByte('-')
			}
			hyphen = false
			b.WriteRune(r)
			if b.Len() >= 60 {
				break
			}
			continue
		}
		hyphen = true
	}
	return b.String()
}

// foldLetter returns the ASCII letter of a common accented Latin letter.
func foldLetter(r rune) (rune, bool) {
	switch r {
	case 'å', 'ä', 'á', 'à', 'â', 'ã':
		return 'a', true
	case 'ö', 'ó', 'ò', 'ô', 'õ', 'ø':
		return 'o', true
	case 'é', 'è', 'ê', 'ë':
		return 'e', true
	case 'ü', 'ú', 'ù', 'û':
		return 'u', true
	case 'í', 'ì', 'î', 'ï':
		return 'i', true
	case 'ç':
		return 'c', true
	case 'ñ':
		return 'n', true
	}
	return r, false
}

// dumpBody is the body of a download: it sends the headers and the status
// with the first write (so that an error before it can still be answered
// as JSON), and moves the write deadline on with every write.
type dumpBody struct {
	w       http.ResponseWriter
	rc      *http.ResponseController
	start   func()
	started bool
}

func (b *dumpBody) begin() {
	b.started = true
	b.start()
	b.w.WriteHeader(http.StatusOK)
}

func (b *dumpBody) Write(p []byte) (int, error) {
	if !b.started {
		b.begin()
	}
	if err := b.rc.SetWriteDeadline(time.Now().Add(dumpWriteTimeout)); err != nil && !errors.Is(err, http.ErrNotSupported) {
		return 0, fmt.Errorf("api: dump: set write deadline: %w", err)
	}
	n, err := b.w.Write(p)
	if err != nil {
		return n, fmt.Errorf("api: dump: write: %w", err)
	}
	return n, nil
}
