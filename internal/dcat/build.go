package dcat

import (
	"regexp"
	"strconv"
	"strings"
	"time"

	"sprang/internal/identity"
	"sprang/internal/opendata"
)

// Catalog holds the catalogue's own facts. Base is the platform's public
// URL (e.g. "https://sundsvall.se"; a trailing slash is ignored); every
// IRI is made from it. Publisher is the group's root unit. Homepage defaults to
// Base+"/data"; Modified to the newest change of a listed dataset. The
// contact is the catalogue's and its API's contact point; without an
// e-mail address the API is described without one.
type Catalog struct {
	Base          string
	TitleSV       string
	TitleEN       string
	DescriptionSV string
	DescriptionEN string
	Publisher     opendata.Publisher
	Homepage      string
	Issued        time.Time
	Modified      time.Time
	ContactName   string
	ContactEmail  string
}

func (c Catalog) base() string { return strings.TrimRight(c.Base, "/") }

// CatalogIRI returns the catalogue's IRI.
func (c Catalog) CatalogIRI() string { return c.base() + "/data/catalog" }

// DatasetIRI returns the IRI of the dataset with slug (also its HTML page).
func (c Catalog) DatasetIRI(slug string) string { return c.base() + "/data/" + slug }

// DistributionIRI returns the IRI of a distribution (its resource page).
func (c Catalog) DistributionIRI(slug, id string) string {
	return c.DatasetIRI(slug) + "/resurser/" + id
}

// PublisherIRI returns the IRI of a publishing unit (its organisation page).
func (c Catalog) PublisherIRI(unitSlug string) string {
	return c.base() + "/data/organisationer/" + unitSlug
}

func (c Catalog) serviceIRI() string { return c.CatalogIRI() + "#api" }
func (c Catalog) contactIRI() string { return c.CatalogIRI() + "#kontakt" }

// builder turns entries into nodes, remembering what it has described so
// that shared resources (publishers, vocabulary terms) are written once.
type builder struct {
	c          Catalog
	terms      *terms
	publishers map[string]bool
}

func newBuilder(c Catalog) *builder {
	c.Base = strings.TrimRight(c.Base, "/")
	if c.Homepage == "" {
		c.Homepage = c.Base + "/data"
	}
	return &builder{c: c, terms: newTerms(), publishers: map[string]bool{}}
}

// dateTime returns t as an xsd:dateTime literal in UTC, or an empty term.
func dateTime(t time.Time) Term {
	if t.IsZero() {
		return Term{}
	}
	return typed(t.UTC().Format("2006-01-02T15:04:05Z"), nsXSD+"dateTime")
}

// date returns s as an xsd:date literal when it is a real YYYY-MM-DD date.
func date(s string) Term {
	if !validDate(s) {
		return Term{}
	}
	return typed(s, nsXSD+"date")
}

// The serializer and opendata.Check agree on what a date and a web address
// are: a value Check refuses is left out (or replaced by the portal's own
// page) rather than written broken.
var (
	validDate = opendata.ValidDate
	webURL    = opendata.WebURL
)

var hex64 = regexp.MustCompile(`^[0-9a-f]{64}$`)

// publisher returns the publisher's node the first time it is met.
func (b *builder) publisher(p opendata.Publisher) []Node {
	id := b.c.PublisherIRI(p.Slug)
	if b.publishers[id] {
		return nil
	}
	b.publishers[id] = true
	n := Node{Subject: id, Types: []string{nsFOAF + "Agent"}}
	n.add(nsFOAF+"name", lang(p.NameSV, "sv"))
	n.add(nsFOAF+"name", lang(p.NameEN, "en"))
	if p.Type != "" {
		n.add(nsDCT+"type", iri(p.Type))
		b.terms.publisherType(p.Type)
	}
	n.add(nsDCT+"identifier", str(p.OrgNumber))
	return []Node{n}
}

// contact returns the node of a contact point, or nil when there is
// nothing to say. hvd types the e-mail IRI as the HVD shapes ask.
func (b *builder) contact(id, name, email string, hvd bool) []Node {
	name, email = strings.TrimSpace(name), strings.TrimSpace(email)
	if name == "" && email == "" {
		return nil
	}
	n := Node{Subject: id, Types: []string{nsVCARD + "Organization"}}
	n.add(nsVCARD+"fn", str(name))
	out := []Node{n}
	if identity.ValidEmail(email) {
		mail := "mailto:" + email
		out[0].add(nsVCARD+"hasEmail", iri(mail))
		if hvd {
			out = append(out, Node{Subject: safeIRI(mail), Types: []string{nsRDFS + "Resource"}})
		}
	}
	// DCAT-AP's range is vcard:Kind; vCard makes Organization a subclass.
	b.terms.subClass(nsVCARD+"Organization", nsVCARD+"Kind")
	return out
}

// document returns the node typing a web page as a foaf:Document.
func document(page string) Node {
	return Node{Subject: safeIRI(page), Types: []string{nsFOAF + "Document"}}
}

// resource returns the node typing an IRI as an rdfs:Resource, which the
// HVD shapes ask of access and endpoint URLs.
func resource(u string) Node { return Node{Subject: safeIRI(u), Types: []string{nsRDFS + "Resource"}} }

// entry returns the nodes of one dataset: the dataset, its distributions
// and their checksums, its period, contact point, landing page and (the
// first time) its publisher.
func (b *builder) entry(e opendata.Entry) []Node {
	d := e.Dataset
	id := b.c.DatasetIRI(d.Slug)
	hvd := d.HighValue()
	ds := Node{Subject: id, Types: []string{nsDCAT + "Dataset"}, Props: make([]Prop, 0, 32)}
	ds.add(nsDCT+"identifier", str(d.ID))
	ds.add(nsDCT+"title", lang(strings.TrimSpace(d.TitleSV), "sv"))
	ds.add(nsDCT+"title", lang(strings.TrimSpace(d.TitleEN), "en"))
	ds.add(nsDCT+"description", lang(strings.TrimSpace(d.DescriptionSV), "sv"))
	ds.add(nsDCT+"description", lang(strings.TrimSpace(d.DescriptionEN), "en"))
	ds.add(nsDCT+"publisher", iri(b.c.PublisherIRI(e.Publisher.Slug)))
	ds.texts(nsDCAT+"keyword", "sv", d.Keywords)
	ds.texts(nsDCAT+"keyword", "en", d.KeywordsEN)
	for _, t := range d.Themes {
		ds.add(nsDCAT+"theme", iri(t))
		b.terms.theme(t)
	}
	ds.add(nsDCT+"accessRights", iri(d.AccessRights))
	b.terms.accessRights(d.AccessRights)
	ds.add(nsDCT+"accrualPeriodicity", iri(d.Frequency))
	b.terms.frequency(d.Frequency)
	ds.add(nsDCT+"issued", dateTime(d.PublishedAt))
	ds.add(nsDCT+"modified", dateTime(d.UpdatedAt))

	var more []Node
	if n, ok := period(id+"#period", d.TemporalStart, d.TemporalEnd); ok {
		ds.add(nsDCT+"temporal", iri(n.Subject))
		more = append(more, n)
	}
	if webURL(d.Spatial) {
		ds.add(nsDCT+"spatial", iri(d.Spatial))
		b.terms.describe(safeIRI(d.Spatial), nsDCT+"Location")
	}
	landing := id
	if webURL(d.LandingPage) {
		landing = d.LandingPage
	}
	ds.add(nsDCAT+"landingPage", iri(landing))
	if landing == id {
		ds.Types = append(ds.Types, nsFOAF+"Document")
	} else {
		more = append(more, document(landing))
	}
	if cp := b.contact(id+"#kontakt", d.ContactName, d.ContactEmail, hvd); cp != nil {
		ds.add(nsDCAT+"contactPoint", iri(cp[0].Subject))
		more = append(more, cp...)
	}
	if strings.TrimSpace(d.Method) != "" {
		prov := Node{Subject: id + "#metod", Types: []string{nsDCT + "ProvenanceStatement"}}
		prov.add(nsRDFS+"label", lang(strings.TrimSpace(d.Method), "sv"))
		ds.add(nsDCT+"provenance", iri(prov.Subject))
		more = append(more, prov)
	}
	if hvd {
		ds.add(nsDCATAP+"applicableLegislation", iri(opendata.LegislationHVD))
		b.terms.describe(opendata.LegislationHVD, nsELI+"LegalResource")
		for _, c := range d.HVDCategories {
			ds.add(nsDCATAP+"hvdCategory", iri(c))
			b.terms.hvdCategory(c)
		}
	}
	for _, dist := range e.Distributions {
		nodes := b.distribution(d, dist)
		ds.add(nsDCAT+"distribution", iri(nodes[0].Subject))
		more = append(more, nodes...)
	}
	out := append([]Node{ds}, more...)
	return append(out, b.publisher(e.Publisher)...)
}

// period returns the dct:PeriodOfTime node of a temporal coverage, when at
// least one end is a real date.
func period(id, start, end string) (Node, bool) {
	n := Node{Subject: id, Types: []string{nsDCT + "PeriodOfTime"}}
	n.add(nsDCAT+"startDate", date(start))
	n.add(nsDCAT+"endDate", date(end))
	return n, len(n.Props) > 0
}

// distribution returns a distribution's node followed by the nodes it
// refers to (checksum, typed URLs).
func (b *builder) distribution(d opendata.Dataset, dist opendata.Distribution) []Node {
	id := b.c.DistributionIRI(d.Slug, dist.ID)
	n := Node{Subject: id, Types: []string{nsDCAT + "Distribution"}, Props: make([]Prop, 0, 16)}
	var more []Node
	n.add(nsDCT+"title", lang(strings.TrimSpace(dist.TitleSV), "sv"))
	n.add(nsDCT+"title", lang(strings.TrimSpace(dist.TitleEN), "en"))
	n.add(nsDCT+"description", lang(strings.TrimSpace(dist.DescriptionSV), "sv"))
	n.add(nsDCT+"description", lang(strings.TrimSpace(dist.DescriptionEN), "en"))
	access := id
	if dist.Kind == opendata.KindLink && webURL(dist.URL) {
		access = dist.URL
	}
	n.add(nsDCAT+"accessURL", iri(access))
	urls := []string{access}
	if dist.Kind == opendata.KindFile {
		n.add(nsDCAT+"downloadURL", iri(id+"/fil"))
		urls = append(urls, id+"/fil")
	}
	n.add(nsDCT+"format", iri(b.terms.fileType(dist.Format)))
	n.add(nsDCAT+"mediaType", iri(b.terms.mediaType(dist.MediaType)))
	if dist.Kind == opendata.KindFile && dist.Version > 0 && dist.ByteSize >= 0 {
		n.add(nsDCAT+"byteSize", typed(strconv.FormatInt(dist.ByteSize, 10), nsXSD+"nonNegativeInteger"))
	}
	if dist.Kind == opendata.KindFile && hex64.MatchString(dist.Checksum) {
		sum := Node{Subject: id + "#checksum", Types: []string{nsSPDX + "Checksum"}}
		sum.add(nsSPDX+"algorithm", iri(ChecksumSHA256))
		sum.add(nsSPDX+"checksumValue", typed(dist.Checksum, nsXSD+"hexBinary"))
		if alg := b.terms.describe(ChecksumSHA256, nsSPDX+"ChecksumAlgorithm"); len(alg.Props) == 0 {
			alg.add(nsOWL+"sameAs", iri(ChecksumSHA256SPDX))
		}
		n.add(nsSPDX+"checksum", iri(sum.Subject))
		more = append(more, sum)
	}
	licence := dist.Licence
	if licence == "" {
		licence = d.Licence
	}
	n.add(nsDCT+"license", iri(licence))
	b.terms.licence(licence)
	n.add(nsDCT+"issued", dateTime(dist.CreatedAt))
	n.add(nsDCT+"modified", dateTime(dist.UpdatedAt))
	if d.HighValue() {
		n.add(nsDCATAP+"applicableLegislation", iri(opendata.LegislationHVD))
		for _, u := range urls {
			if u == id {
				n.Types = append(n.Types, nsRDFS+"Resource")
			} else {
				more = append(more, resource(u))
			}
		}
	}
	return append([]Node{n}, more...)
}

// catalog returns the catalogue's node, its publisher and homepage.
func (b *builder) catalog(entries []opendata.Entry) []Node {
	c := b.c
	n := Node{Subject: c.CatalogIRI(), Types: []string{nsDCAT + "Catalog"}}
	n.add(nsDCT+"title", lang(c.TitleSV, "sv"))
	n.add(nsDCT+"title", lang(c.TitleEN, "en"))
	n.add(nsDCT+"description", lang(c.DescriptionSV, "sv"))
	n.add(nsDCT+"description", lang(c.DescriptionEN, "en"))
	n.add(nsDCT+"publisher", iri(c.PublisherIRI(c.Publisher.Slug)))
	n.add(nsDCT+"license", iri(opendata.LicenceCC0))
	b.terms.licence(opendata.LicenceCC0)
	n.add(nsFOAF+"homepage", iri(c.Homepage))
	for _, l := range []string{"SWE", "ENG"} {
		n.add(nsDCT+"language", iri(languageBase+l))
		b.terms.describe(languageBase+l, nsDCT+"LinguisticSystem")
	}
	n.add(nsDCAT+"themeTaxonomy", iri(opendata.ThemeTaxonomy))
	if scheme := b.terms.describe(opendata.ThemeTaxonomy, nsSKOS+"ConceptScheme"); len(scheme.Props) == 0 {
		scheme.add(nsDCT+"title", lang("Datatema", "sv"))
		scheme.add(nsDCT+"title", lang("Data theme", "en"))
	}
	n.add(nsDCT+"issued", dateTime(c.Issued))
	n.add(nsDCT+"modified", dateTime(modified(c, entries)))
	for _, e := range entries {
		n.add(nsDCAT+"dataset", iri(c.DatasetIRI(e.Dataset.Slug)))
	}
	n.add(nsDCAT+"service", iri(c.serviceIRI()))
	out := []Node{n, document(c.Homepage)}
	return append(out, b.publisher(c.Publisher)...)
}

// modified returns the catalogue's modification time: c.Modified, or the
// newest change of its datasets.
func modified(c Catalog, entries []opendata.Entry) time.Time {
	if !c.Modified.IsZero() {
		return c.Modified
	}
	var m time.Time
	for _, e := range entries {
		for _, t := range []time.Time{e.Dataset.UpdatedAt, e.Dataset.PublishedAt} {
			if t.After(m) {
				m = t
			}
		}
	}
	return m
}

// The API's title and description, in the catalogue's two languages.
const (
	serviceTitleSV = "API för öppna data (CKAN-kompatibelt)"
	serviceTitleEN = "Open data API (CKAN compatible)"
	serviceDescSV  = "Sök bland datamängderna och hämta data ur tabellerna med CKAN:s Action API och DataStore-API. Beskrivningen av API:t finns i OpenAPI-format."
	serviceDescEN  = "Search the datasets and fetch data from their tables with CKAN's Action API and DataStore API. The API is described in OpenAPI format."
)

// service returns the node of the CKAN-compatible API as a
// dcat:DataService serving every listed dataset, with its contact point.
// When some datasets are high-value it carries the HVD legislation and
// their categories, as the HVD shapes ask of an API serving them.
func (b *builder) service(entries []opendata.Entry) []Node {
	c := b.c
	api := c.Base + "/api/3/action/"
	spec := c.Base + "/api/3/openapi.json"
	page := c.Base + "/data/om-api"
	n := Node{Subject: c.serviceIRI(), Types: []string{nsDCAT + "DataService"}}
	n.add(nsDCT+"title", lang(serviceTitleSV, "sv"))
	n.add(nsDCT+"title", lang(serviceTitleEN, "en"))
	n.add(nsDCT+"description", lang(serviceDescSV, "sv"))
	n.add(nsDCT+"description", lang(serviceDescEN, "en"))
	n.add(nsDCAT+"endpointURL", iri(api))
	n.add(nsDCAT+"endpointDescription", iri(spec))
	n.add(nsFOAF+"page", iri(page))
	n.add(nsDCT+"publisher", iri(c.PublisherIRI(c.Publisher.Slug)))
	n.add(nsDCT+"accessRights", iri(opendata.AccessPublic))
	b.terms.accessRights(opendata.AccessPublic)
	n.add(nsDCT+"license", iri(opendata.LicenceCC0))
	n.add(nsDCT+"format", iri(b.terms.fileType("JSON")))
	n.add(nsDCAT+"keyword", lang("API", "sv"))
	n.add(nsDCAT+"keyword", lang("API", "en"))
	cats := map[string]bool{}
	for _, e := range entries {
		n.add(nsDCAT+"servesDataset", iri(c.DatasetIRI(e.Dataset.Slug)))
		for _, cat := range e.Dataset.HVDCategories {
			if !cats[cat] {
				cats[cat] = true
				n.add(nsDCATAP+"hvdCategory", iri(cat))
			}
		}
	}
	hvd := len(cats) > 0
	if hvd {
		n.add(nsDCATAP+"applicableLegislation", iri(opendata.LegislationHVD))
	}
	more := []Node{document(page), resource(api), resource(spec)}
	if cp := b.contact(c.contactIRI(), c.ContactName, c.ContactEmail, hvd); cp != nil {
		n.add(nsDCAT+"contactPoint", iri(cp[0].Subject))
		more = append(more, cp...)
	}
	return append([]Node{n}, more...)
}
