package ckan

import (
	"net/url"

	"sprang/internal/opendata"
)

// resourceDict is a distribution as CKAN's resource_show returns it: url
// is where the data is (the download URL of an uploaded file, or the
// link), hash the file's SHA-256 as "sha256:…", position counted from 0,
// datastore_active whether its newest version is loaded into the
// datastore. Beside CKAN's fields: the DCAT fields ckanext-dcat names
// (license, access_url, download_url), the English texts as
// ckanext-fluent does, the version of the newest upload, how its load
// into the datastore went and, once it is loaded, its data-quality report
// (datastore_quality, see qualityDict).
type resourceDict struct {
	ID                    string            `json:"id"`
	PackageID             string            `json:"package_id"`
	Name                  string            `json:"name"`
	Description           string            `json:"description"`
	Format                string            `json:"format"`
	Mimetype              string            `json:"mimetype"`
	MimetypeInner         any               `json:"mimetype_inner"`
	Size                  any               `json:"size"`
	Hash                  string            `json:"hash"`
	URL                   string            `json:"url"`
	URLType               string            `json:"url_type"`
	ResourceType          any               `json:"resource_type"`
	Created               any               `json:"created"`
	LastModified          any               `json:"last_modified"`
	MetadataModified      any               `json:"metadata_modified"`
	Position              int               `json:"position"`
	State                 string            `json:"state"`
	CacheURL              any               `json:"cache_url"`
	DatastoreActive       bool              `json:"datastore_active"`
	NameTranslated        map[string]string `json:"name_translated"`
	DescriptionTranslated map[string]string `json:"description_translated"`
	License               string            `json:"license"`
	AccessURL             string            `json:"access_url"`
	DownloadURL           string            `json:"download_url,omitempty"`
	Version               int               `json:"version"`
	DatastoreLoadState    string            `json:"datastore_load_state,omitempty"`
	DatastoreLoadMessage  string            `json:"datastore_load_message,omitempty"`
	DatastoreRows         *int64            `json:"datastore_rows,omitempty"`
	DatastoreQuality      *qualityDict      `json:"datastore_quality,omitempty"`
}

// downloadURL returns the URL of the newest version of a file
// distribution of dataset d.
func downloadURL(base string, d opendata.Dataset, rid string) string {
	return base + "/data/" + url.PathEscape(d.Slug) + "/resurser/" + url.PathEscape(rid) + "/fil"
}

// resourceOf returns the CKAN dict of distribution dist of dataset d; up
// is its newest upload when hasUpload.
func (c *call) resourceOf(d opendata.Dataset, dist opendata.Distribution, up opendata.Upload, hasUpload bool) resourceDict {
	base := c.a.baseURL(c.r)
	r := resourceDict{ID: dist.ID, PackageID: dist.DatasetID, Name: dist.TitleSV, Description: dist.DescriptionSV,
		Format: dist.Format, Mimetype: dist.MediaType, Created: timeText(dist.CreatedAt),
		LastModified: timeText(dist.UpdatedAt), MetadataModified: timeText(dist.UpdatedAt),
		Position: max(dist.Position-1, 0), State: "active", Version: dist.Version,
		NameTranslated:        map[string]string{"sv": dist.TitleSV, "en": dist.TitleEN},
		DescriptionTranslated: map[string]string{"sv": dist.DescriptionSV, "en": dist.DescriptionEN},
		License:               dist.Licence}
	if r.License == "" {
		r.License = d.Licence
	}
	if dist.Kind == opendata.KindLink {
		r.URL, r.AccessURL = dist.URL, dist.URL
		return r
	}
	r.URL = downloadURL(base, d, dist.ID)
	r.URLType, r.AccessURL, r.DownloadURL = "upload", r.URL, r.URL
	if dist.Version > 0 {
		r.Size = dist.ByteSize
		if dist.Checksum != "" {
			r.Hash = "sha256:" + dist.Checksum
		}
	}
	if hasUpload {
		r.DatastoreActive = up.LoadState == opendata.LoadDone
		if up.LoadState != opendata.LoadNone {
			r.DatastoreLoadState = string(up.LoadState)
			rows := up.LoadedRows
			r.DatastoreRows = &rows
		}
		r.DatastoreQuality = c.x.qualityOf(up)
		if up.LoadState == opendata.LoadFailed {
			r.DatastoreLoadMessage = c.x.message(nil, up.LoadMessage)
			if r.DatastoreLoadMessage == "" {
				r.DatastoreLoadMessage = up.LoadMessage
			}
		}
	}
	return r
}
