package store

import (
	"bytes"
	"crypto/rand"
	"database/sql"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"strings"

	"golang.org/x/text/collate"
	"golang.org/x/text/language"
	"golang.org/x/text/unicode/norm"

	"sprang/internal/identity"
	"sprang/internal/opendata"
)

// entryColumns and entryFrom select a dataset with its publisher, in the
// order scanEntry reads them. A unit without an organisation number of its
// own (a förvaltning, an avdelning) publishes under the nearest ancestor's:
// it is part of that legal entity.
const (
	entryColumns = `d.id, d.slug, d.unit_id, d.state, d.title_sv, d.title_en, d.description_sv, d.description_en,
		d.contact_name, d.contact_email, d.keywords, d.keywords_en, d.themes, d.licence, d.access_rights,
		d.frequency, d.temporal_start, d.temporal_end, d.spatial, d.landing_page, d.hvd_categories,
		d.generated, d.method, d.created_at, d.updated_at, d.published_at,
		u.slug, u.name_sv, u.name_en,
		COALESCE(NULLIF(u.org_number, ''), NULLIF(u1.org_number, ''), NULLIF(u2.org_number, ''), NULLIF(u3.org_number, ''), ''),
		u.kind`
	entryFrom = ` FROM datasets d JOIN org_units u ON u.id = d.unit_id
		LEFT JOIN org_units u1 ON u1.id = u.parent_id
		LEFT JOIN org_units u2 ON u2.id = u1.parent_id
		LEFT JOIN org_units u3 ON u3.id = u2.parent_id`
)

// scanEntry reads a row of entryColumns into an Entry without its
// distributions.
func scanEntry(s scanner) (opendata.Entry, error) {
	var (
		d                     opendata.Dataset
		p                     opendata.Publisher
		kw, kwEN, themes, hvd string
		published             sql.NullTime
		kind                  identity.UnitKind
		state                 string
	)
	err := s.Scan(&d.ID, &d.Slug, &d.UnitID, &state, &d.TitleSV, &d.TitleEN, &d.DescriptionSV, &d.DescriptionEN,
		&d.ContactName, &d.ContactEmail, &kw, &kwEN, &themes, &d.Licence, &d.AccessRights,
		&d.Frequency, &d.TemporalStart, &d.TemporalEnd, &d.Spatial, &d.LandingPage, &hvd,
		&d.Generated, &d.Method, &d.CreatedAt, &d.UpdatedAt, &published,
		&p.Slug, &p.NameSV, &p.NameEN, &p.OrgNumber, &kind)
	if err != nil {
		return opendata.Entry{}, err
	}
	d.State = opendata.State(state)
	d.CreatedAt, d.UpdatedAt = d.CreatedAt.UTC(), d.UpdatedAt.UTC()
	if published.Valid {
		d.PublishedAt = published.Time.UTC()
	}
	for _, l := range []struct {
		text string
		to   *[]string
	}{{kw, &d.Keywords}, {kwEN, &d.KeywordsEN}, {themes, &d.Themes}, {hvd, &d.HVDCategories}} {
		if err := decodeList(l.text, l.to); err != nil {
			return opendata.Entry{}, fmt.Errorf("decode list of dataset %s: %w", d.ID, err)
		}
	}
	p.UnitID, p.Type = d.UnitID, opendata.PublisherTypeOf(kind)
	return opendata.Entry{Dataset: d, Publisher: p}, nil
}

// distributionColumns are the columns scanDistribution reads, in order.
const distributionColumns = `id, dataset_id, kind, title_sv, title_en, description_sv, description_en, url,
	format, media_type, byte_size, checksum, licence, version, position, created_at, updated_at`

// scanDistribution reads a row of distributionColumns.
func scanDistribution(s scanner) (opendata.Distribution, error) {
	var d opendata.Distribution
	var kind string
	err := s.Scan(&d.ID, &d.DatasetID, &kind, &d.TitleSV, &d.TitleEN, &d.DescriptionSV, &d.DescriptionEN, &d.URL,
		&d.Format, &d.MediaType, &d.ByteSize, &d.Checksum, &d.Licence, &d.Version, &d.Position, &d.CreatedAt, &d.UpdatedAt)
	d.Kind, d.CreatedAt, d.UpdatedAt = opendata.DistributionKind(kind), d.CreatedAt.UTC(), d.UpdatedAt.UTC()
	return d, err
}

// uploadColumns are the columns scanUpload reads, in order.
const uploadColumns = `id, distribution_id, version, file_name, blob_key, media_type, byte_size, checksum,
	load_state, loaded_rows, load_message, columns_json, quality_json, created_at`

// scanUpload reads a row of uploadColumns, decoding its columns and
// quality report (opendata.Column and opendata.Quality as encoding/json
// writes them).
func scanUpload(s scanner) (opendata.Upload, error) {
	var u opendata.Upload
	var state, columns string
	var quality sql.NullString
	err := s.Scan(&u.ID, &u.DistributionID, &u.Version, &u.FileName, &u.BlobKey, &u.MediaType, &u.ByteSize, &u.Checksum,
		&state, &u.LoadedRows, &u.LoadMessage, &columns, &quality, &u.CreatedAt)
	if err != nil {
		return u, err
	}
	u.LoadState, u.CreatedAt = opendata.LoadState(state), u.CreatedAt.UTC()
	if err := decodeList(columns, &u.Columns); err != nil {
		return u, fmt.Errorf("decode columns of upload %d: %w", u.ID, err)
	}
	if quality.Valid && quality.String != "" {
		u.Quality = new(opendata.Quality)
		if err := json.Unmarshal([]byte(quality.String), u.Quality); err != nil {
			return u, fmt.Errorf("decode quality of upload %d: %w", u.ID, err)
		}
	}
	return u, nil
}

// jsonList returns l as a JSON array, never null.
func jsonList[T any](l []T) string {
	if len(l) == 0 {
		return "[]"
	}
	b, err := json.Marshal(l)
	if err != nil { // strings and plain structs always encode
		panic(fmt.Sprintf("encode list: %v", err))
	}
	return string(b)
}

// decodeList decodes the JSON array text into l, leaving l nil when the
// array is empty.
func decodeList[T any](text string, l *[]T) error {
	if err := json.Unmarshal([]byte(text), l); err != nil {
		return err
	}
	if len(*l) == 0 {
		*l = nil
	}
	return nil
}

// searchFold returns s as the search compares it: NFC, lower case.
func searchFold(parts ...string) string {
	return strings.ToLower(norm.NFC.String(strings.ToValidUTF8(strings.Join(parts, "\n"), " ")))
}

// datasetSearch is what the store derives from a dataset's metadata for
// the search: the folded text of its titles, keywords and descriptions,
// and the collation keys of its title in Swedish and English.
type datasetSearch struct {
	title, keywords, body string
	keySV, keyEN          []byte
}

// searchOf derives d's search columns.
func searchOf(d opendata.Dataset) datasetSearch {
	return datasetSearch{
		title:    searchFold(d.TitleSV, d.TitleEN),
		keywords: searchFold(append(append([]string{}, d.Keywords...), d.KeywordsEN...)...),
		body:     searchFold(d.DescriptionSV, d.DescriptionEN),
		keySV:    collationKey(language.Swedish, d.Title("sv")),
		keyEN:    collationKey(language.English, d.Title("en")),
	}
}

// collationKey returns the bytes that sort s as language tag sorts text.
func collationKey(tag language.Tag, s string) []byte {
	var buf collate.Buffer
	return bytes.Clone(collate.New(tag).KeyFromString(&buf, s))
}

// newUUID returns a random (version 4) UUID in its canonical text form.
func newUUID() string {
	var b [16]byte
	_, _ = rand.Read(b[:]) // crypto/rand.Read never fails (Go 1.24+)
	b[6] = b[6]&0x0f | 0x40
	b[8] = b[8]&0x3f | 0x80
	h := hex.EncodeToString(b[:])
	return h[:8] + "-" + h[8:12] + "-" + h[12:16] + "-" + h[16:20] + "-" + h[20:]
}
