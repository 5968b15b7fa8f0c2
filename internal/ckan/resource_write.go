package ckan

import (
	"context"
	"errors"
	"mime"
	"net/http"
	"path"
	"strconv"
	"strings"

	"sprang"
	"sprang/internal/files"
	"sprang/internal/identity"
	"sprang/internal/opendata"
)

// storedFile is an upload streamed to blob storage.
type storedFile struct {
	obj  files.OpenObject
	name string
}

// resourceCreate is CKAN's resource_create: a new resource of the dataset
// package_id names, either a file sent as multipart/form-data in the
// field upload (as CKAN takes it; streamed to storage, at most
// MaxUploadBytes) or a link (url). A tabular file (CSV, TSV) is loaded
// into the datastore: at once when no job runner runs (then the answer
// says how the load went), else in the background. The token's user must
// be a data steward of the dataset's unit, which is checked before the
// file is stored: package_id comes before the file in the body, or in the
// query string (resourceTarget).
func (c *call) resourceCreate() (any, error) {
	u, err := c.writer()
	if err != nil {
		c.discardFile()
		return nil, err
	}
	e, stored, err := c.resourceTarget("package_id", func() (opendata.Entry, error) {
		id, err := c.requiredID("package_id")
		if err != nil {
			return opendata.Entry{}, err
		}
		return c.writableEntry(u, id)
	})
	if err != nil {
		return nil, err
	}
	out, err := c.createResource(u, e, stored)
	if err != nil && stored != nil {
		c.deleteBlob(stored.obj.Key)
	}
	return out, err
}

// resourceTarget finds the dataset (or, for resource_update, the
// resource's dataset) through find, which also checks that the token may
// manage it, and only then streams the file to storage and reads the
// fields after it — so that nobody can make the server store a file for a
// dataset that does not exist or is not theirs. The field key naming the
// target must therefore come before the file in a multipart body (as
// curl -F, ckanapi and browsers send the fields in the order given), or
// be in the query string; a file before it is refused with a Validation
// Error on key saying so, before a byte of the file is read.
func (c *call) resourceTarget(key string, find func() (opendata.Entry, error)) (opendata.Entry, *storedFile, error) {
	if c.file != nil && !c.p.has(key) {
		v := strings.TrimSpace(c.r.URL.Query().Get(key))
		if v == "" {
			c.discardFile()
			return opendata.Entry{}, nil, c.x.invalid(key, "api.upload.id_first", key, key)
		}
		c.p[key] = v
	}
	e, err := find()
	if err != nil {
		c.discardFile()
		return e, nil, err
	}
	stored, err := c.storeFile()
	if err != nil {
		return e, nil, err
	}
	return e, stored, nil
}

// writableEntry returns the dataset id names when u may manage it: Not
// Found for one u may not see, Authorization Error for one of another
// unit.
func (c *call) writableEntry(u identity.User, id string) (opendata.Entry, error) {
	e, err := c.a.d.DB.Dataset(c.r.Context(), id)
	if sprang.ErrorKind(err) == sprang.NotFound {
		return e, c.x.notFound("api.package_not_found", id)
	}
	if err != nil {
		return e, err
	}
	return e, c.mustManage(u, e.Dataset.UnitID, e.Dataset.Slug)
}

// discardFile forgets an unread file part without reading it (a Part's
// Close would read it to its end): the refused file is neither stored nor
// received, and the server closes the connection after the answer rather
// than read the rest of the body.
func (c *call) discardFile() { c.file = nil }

// storeFile streams the file part to blob storage, then reads the fields
// after it; nil when the call has no file. A second file is an error.
func (c *call) storeFile() (*storedFile, error) {
	if c.file == nil {
		return nil, nil
	}
	part := c.file
	c.file = nil
	if c.a.d.Files == nil {
		return nil, c.x.invalid("upload", "api.upload.off")
	}
	if part.FormName() != "upload" {
		return nil, c.x.invalid(part.FormName(), "api.upload.field")
	}
	name := files.CleanName(part.FileName(), "")
	obj, err := c.a.d.Files.PutOpen(c.r.Context(), part, c.a.limits.MaxUploadBytes)
	if err != nil {
		if sprang.ErrorMessage(err) == "files.too_large" {
			return nil, c.x.invalid("upload", "api.upload.too_large", strconv.FormatInt(c.a.limits.MaxUploadBytes>>20, 10))
		}
		var mb *http.MaxBytesError
		if errors.As(err, &mb) {
			return nil, c.x.invalid("upload", "api.upload.too_large", strconv.FormatInt(c.a.limits.MaxUploadBytes>>20, 10))
		}
		return nil, err
	}
	_ = part.Close() // read to its end by PutOpen
	stored := &storedFile{obj: obj, name: name}
	next, err := readFields(c.mr, c.p)
	if err == nil && next != nil {
		_ = next.Close()
		err = c.x.invalid(next.FormName(), "api.upload.one_file")
	}
	if err != nil {
		c.deleteBlob(obj.Key)
		var eb *errBody
		if errors.As(err, &eb) {
			return nil, c.x.invalid("upload", "api.upload.body", eb.msg)
		}
		return nil, err
	}
	if obj.Size == 0 {
		c.deleteBlob(obj.Key)
		return nil, c.x.invalid("upload", "api.upload.empty")
	}
	return stored, nil
}

// deleteBlob removes a stored file that no resource will hold.
func (c *call) deleteBlob(key string) {
	if err := c.a.d.Files.Delete(context.WithoutCancel(c.r.Context()), key); err != nil {
		c.a.log.WarnContext(c.r.Context(), "api: delete unused upload", "key", key, "error", err.Error())
	}
}

// createResource creates the distribution of e: a file when stored, else
// a link.
func (c *call) createResource(u identity.User, e opendata.Entry, stored *storedFile) (any, error) {
	dist, err := c.distributionFromParams(opendata.Distribution{DatasetID: e.Dataset.ID}, stored != nil)
	if err != nil {
		return nil, err
	}
	if stored == nil {
		if dist.URL == "" {
			return nil, c.x.invalid("url", "api.upload.missing")
		}
		dist.Kind = opendata.KindLink
	} else {
		dist.Kind, dist.URL = opendata.KindFile, ""
		if dist.TitleSV == "" {
			dist.TitleSV = stored.name
		}
	}
	ctx := c.r.Context()
	created, err := c.a.d.DB.CreateDistribution(ctx, dist)
	if err != nil {
		return nil, err
	}
	if err := c.audit(ctx, u, auditResourceCreated, "distribution", created.ID, e.Dataset.Slug); err != nil {
		return nil, err
	}
	if stored != nil {
		if err := c.addVersion(u, created, stored, dist.Format); err != nil {
			return nil, err
		}
	}
	return c.resourceFresh(created.ID)
}

// distributionFromParams returns base with the descriptive fields the
// call sends: name and description (and their *_translated), format, url
// (for a link) and license.
func (c *call) distributionFromParams(base opendata.Distribution, isFile bool) (opendata.Distribution, error) {
	in := &packageInput{c: c, errs: map[string][]string{}}
	d := base
	d.TitleSV = in.line("name")
	d.DescriptionSV = strings.TrimSpace(in.text("description"))
	if s, ok := in.translated("name_translated", "sv"); ok && d.TitleSV == "" {
		d.TitleSV = strings.Join(strings.Fields(s), " ")
	}
	d.TitleEN, _ = in.translated("name_translated", "en")
	d.DescriptionEN, _ = in.translated("description_translated", "en")
	if format := strings.TrimSpace(in.text("format")); format != "" {
		d.Format = formatCode(format)
		if f, ok := opendata.FindFileType(d.Format); ok {
			d.MediaType = f.MediaType
		}
	}
	if !isFile && base.Kind != opendata.KindFile {
		d.URL = in.iri("url")
		if in.c.p.has("url") && d.URL == "" && len(in.errs["url"]) == 0 {
			in.fail("url", "api.missing")
		}
	}
	d.Licence = ""
	if lic := strings.TrimSpace(in.text("license")); lic != "" {
		iri, ok := licenceIRI(lic)
		if !ok {
			in.fail("license", "api.license_unknown", shortText(lic))
		}
		d.Licence = iri
	}
	if len([]rune(d.TitleSV)) > maxTitle {
		in.fail("name", "api.too_long", strconv.Itoa(maxTitle))
	}
	return d, fieldErrors(in.errs)
}

// mediaTypeOf chooses the media type of an upload: that of the format
// the client named, else of the file name's extension when the content
// does not say more than "text" or "bytes" (a CSV in Windows-1252 is
// detected as plain text), else the detected one.
func mediaTypeOf(format, name, detected string) string {
	if f, ok := opendata.FindFileType(format); ok && format != "" {
		return f.MediaType
	}
	base, _, _ := mime.ParseMediaType(detected)
	if f, ok := opendata.FindFileType(strings.ToLower(path.Ext(name))); ok && path.Ext(name) != "" {
		if base == "" || base == "text/plain" || base == "application/octet-stream" || base == f.MediaType {
			return f.MediaType
		}
	}
	if base == "" {
		return "application/octet-stream"
	}
	return base
}

// addVersion records stored as the new version of the file distribution
// dist and loads it into the datastore when it is tabular.
func (c *call) addVersion(u identity.User, dist opendata.Distribution, stored *storedFile, format string) error {
	ctx := c.r.Context()
	mt := mediaTypeOf(format, stored.name, stored.obj.MediaType)
	ft, _ := opendata.FindFileType(mt)
	up := opendata.Upload{DistributionID: dist.ID, FileName: stored.name, BlobKey: stored.obj.Key,
		MediaType: mt, ByteSize: stored.obj.Size, Checksum: stored.obj.SHA256}
	if ft.Tabular && c.a.d.Loader != nil {
		up.LoadState = opendata.LoadPending
	}
	up, err := c.a.d.DB.AddUpload(ctx, up)
	if err != nil {
		return err
	}
	c.a.res.forgetResource(dist.ID)
	if err := c.audit(ctx, u, auditResourceUploaded, "distribution", dist.ID, "version "+strconv.Itoa(up.Version)); err != nil {
		return err
	}
	if up.LoadState != opendata.LoadPending {
		return nil
	}
	if err := c.a.d.Loader.Enqueue(ctx, up.ID, nil); err != nil && sprang.ErrorKind(err) != sprang.Invalid {
		// The file is stored and its version recorded; the load's state
		// on the upload tells the steward, and a new load can be started.
		c.a.log.ErrorContext(ctx, "api: load upload", "upload", up.ID, "error", err.Error())
	}
	return nil
}

// resourceFresh returns the resource dict of distribution id as stored
// now.
func (c *call) resourceFresh(id string) (any, error) {
	ctx := c.r.Context()
	dist, err := c.a.d.DB.Distribution(ctx, id)
	if err != nil {
		return nil, err
	}
	e, err := c.a.d.DB.Dataset(ctx, dist.DatasetID)
	if err != nil {
		return nil, err
	}
	return c.resourceWithUpload(e.Dataset, dist)
}

// resourceUpdate is CKAN's resource_update: the resource id names gets
// the descriptive fields sent (they replace the old ones, as in CKAN),
// and a file in the multipart field upload becomes its new version (the
// old ones stay downloadable), loaded into the datastore when tabular. A
// link keeps being a link (its url may change); a file resource's url is
// the portal's and is not changed. The token's user must be a data
// steward of the dataset's unit, checked before the file is stored: id
// comes before the file in the body, or in the query string.
func (c *call) resourceUpdate() (any, error) {
	u, err := c.writer()
	if err != nil {
		c.discardFile()
		return nil, err
	}
	var dist opendata.Distribution
	e, stored, err := c.resourceTarget("id", func() (opendata.Entry, error) {
		id, err := c.requiredID("id")
		if err != nil {
			return opendata.Entry{}, err
		}
		if dist, err = c.a.d.DB.Distribution(c.r.Context(), id); sprang.ErrorKind(err) == sprang.NotFound {
			return opendata.Entry{}, c.x.notFound("api.resource_not_found")
		} else if err != nil {
			return opendata.Entry{}, err
		}
		return c.writableEntry(u, dist.DatasetID)
	})
	if err != nil {
		return nil, err
	}
	out, err := c.updateResource(u, e, dist, stored)
	if err != nil && stored != nil {
		c.deleteBlob(stored.obj.Key)
	}
	return out, err
}

// updateResource stores the changes of resource_update.
func (c *call) updateResource(u identity.User, e opendata.Entry, dist opendata.Distribution, stored *storedFile) (any, error) {
	if stored != nil && dist.Kind != opendata.KindFile {
		return nil, c.x.invalid("upload", "api.upload.link")
	}
	if !c.p.has("name") && !c.p.has("name_translated") {
		c.p["name"] = dist.TitleSV
	}
	d, err := c.distributionFromParams(dist, dist.Kind == opendata.KindFile)
	if err != nil {
		return nil, err
	}
	if d.Format == "" {
		d.Format = dist.Format
	}
	if dist.Kind == opendata.KindLink && d.URL == "" {
		d.URL = dist.URL
	}
	ctx := c.r.Context()
	if _, err := c.a.d.DB.UpdateDistribution(ctx, d); err != nil {
		return nil, err
	}
	c.a.res.forgetResource(dist.ID)
	if err := c.audit(ctx, u, auditResourceUpdated, "distribution", dist.ID, e.Dataset.Slug); err != nil {
		return nil, err
	}
	if stored != nil {
		format := ""
		if f := strings.TrimSpace(c.p.jsonText("format")); f != "" {
			format = formatCode(f)
		}
		if err := c.addVersion(u, dist, stored, format); err != nil {
			return nil, err
		}
	}
	return c.resourceFresh(dist.ID)
}
