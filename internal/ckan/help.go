package ckan

// The texts help_show returns: what each action does and takes, in
// English as CKAN's docstrings. The OpenAPI description at
// /api/3/openapi.json has the same in full, with examples.
const (
	helpPackageList = "Return the names of the published datasets (packages), in name order.\n\n" +
		":param limit: the most names to return (optional)\n:param offset: names to skip (optional)\n" +
		":rtype: list of strings"
	helpPackageShow = "Return the metadata of a dataset (package) and its resources.\n\n" +
		":param id: the id or name of the dataset\n:rtype: dictionary"
	helpPackageSearch = "Search the datasets (packages).\n\n" +
		":param q: words to find in titles, descriptions and keywords; also field:value terms (optional)\n" +
		":param fq: filter query of field:value terms, all of which must hold: organization, owner_org, tags, " +
		"res_format, license_id, theme, hvd_category, high_value (optional)\n" +
		":param fq_list: several filter queries (optional)\n" +
		":param facet.field: JSON list of the fields to count: organization, tags, res_format, license_id, " +
		"theme, hvd_category (optional)\n:param facet.limit: values per facet, default 50, -1 for all (optional)\n" +
		":param facet.mincount: the smallest count listed, default 1 (optional)\n" +
		":param rows: results per page, default 10, at most 1000 (optional)\n:param start: results to skip (optional)\n" +
		":param sort: e.g. \"score desc, metadata_modified desc\" (the default), \"metadata_modified desc\", " +
		"\"metadata_created desc\", \"title_string asc\", \"name asc\" (optional)\n" +
		":param include_drafts: with an API token, also the drafts of your units (optional)\n" +
		":rtype: dictionary with count, results, facets, search_facets and sort"
	helpOrganizationList = "Return the organizations (the units that publish datasets).\n\n" +
		":param all_fields: return dictionaries with package_count instead of names (optional)\n" +
		":param sort: name, title (default) or package_count, asc or desc (optional)\n" +
		":param limit: (optional)\n:param offset: (optional)\n:rtype: list"
	helpOrganizationShow = "Return an organization.\n\n:param id: its id or name\n" +
		":param include_datasets: also its published datasets (optional, default false)\n:rtype: dictionary"
	helpResourceShow = "Return a resource (distribution): url is where its data is, hash its SHA-256, " +
		"datastore_active whether it can be queried with datastore_search, datastore_quality (once loaded) " +
		"the data-quality report of its table: rows, encoding, delimiter, columns with type, empty, distinct, " +
		"min, max and examples, and the problem rows with line, column and message.\n\n" +
		":param id: the resource's id\n:rtype: dictionary"
	helpDatastoreSearch = "Search a resource's table in the DataStore.\n\n" +
		":param resource_id: the resource's id\n" +
		":param filters: JSON object of field to value or list of values, e.g. {\"Område\": \"Domsjö\"} (optional)\n" +
		":param q: words that must all occur in some text field (optional)\n" +
		":param fields: fields to return, comma-separated or a JSON list (optional, default all with _id)\n" +
		":param sort: e.g. \"Temperatur (°C) desc, Område\" (optional, default _id)\n" +
		":param limit: rows, default 100, at most 32000 (optional)\n:param offset: rows to skip (optional)\n" +
		":param distinct: distinct rows only (optional)\n:param include_total: count the matches, default true (optional)\n" +
		":param records_format: objects (default), lists, csv or tsv; csv and tsv text cells that a spreadsheet " +
		"would run as formulas start with an apostrophe (optional)\n" +
		":param include_quality: also the table's data-quality report, datastore_quality (optional, default false)\n" +
		":param version: the version of the resource's file to search, default the newest loaded (optional)\n" +
		":rtype: dictionary with resource_id, fields, records, total, limit, offset and _links\n\n" +
		"A search is stopped after 10 seconds (Validation Error on query: narrow it with filters or a smaller limit)."
	helpDatastoreDump = "Download a resource's table, or a filtered query of it, as a file: " +
		"GET /datastore/dump/{resource_id} (not an action; streamed, without an overall time limit).\n\n" +
		":param format: csv (default), tsv, json, geojson (when the table has coordinates) or parquet (optional)\n" +
		":param bom: true starts a text file with a byte order mark (optional)\n" +
		":param q, filters, sort, fields, distinct, limit, offset: as in datastore_search (optional; " +
		"without limit every row)\n" +
		":param version: the version of the resource's file, default the newest loaded (optional)\n" +
		":rtype: the file; an error before the first byte is CKAN's JSON error"
	helpHelpShow      = "Return the help text of an action.\n\n:param name: the action's name\n:rtype: string"
	helpStatusShow    = "Return what this site is and the CKAN version whose Action API it follows.\n\n:rtype: dictionary"
	helpPackageCreate = "Create a dataset (needs an API token of a data steward of the unit).\n\n" +
		":param name: the dataset's name in URLs: 2–100 characters a–z, 0–9 and hyphens\n" +
		":param title: the title in Swedish\n:param notes: the description in Swedish (optional)\n" +
		":param owner_org: the id or name of the publishing unit\n" +
		":param tags: keywords, [{\"name\": …}] (optional)\n:param license_id: CC0-1.0 (default) or CC-BY-4.0 (optional)\n" +
		":param theme, hvd_category: lists of codes or IRIs (optional)\n" +
		":param contact_name, contact_email, frequency, access_rights, temporal_start, temporal_end, spatial_uri, url: (optional)\n" +
		":param title_translated, notes_translated: {\"sv\": …, \"en\": …} (optional)\n" +
		":param state: active (default: publish, after the conformance check) or draft (optional)\n:rtype: dictionary"
	helpPackageUpdate = "Replace a dataset's metadata (needs an API token of a data steward of the unit). " +
		"Takes what package_create takes, and id; fields left out are emptied. Resources are changed with " +
		"resource_create and resource_update. state active publishes, draft unpublishes, deleted withdraws (takes it offline: " +
		"like a draft it is then Not Found, its tables and downloads too, to all but the stewards of its unit).\n\n:rtype: dictionary"
	helpResourceCreate = "Add a resource to a dataset (needs an API token): a file sent as multipart/form-data in the field " +
		"upload (a CSV or TSV file is loaded into the DataStore), or a link in url.\n\n" +
		":param package_id: the dataset's id or name, before the file in the body (or in the query string)\n:param name: (optional)\n:param description: (optional)\n" +
		":param format: e.g. CSV (optional; else from the file)\n:param upload: the file (multipart)\n:param url: a link\n:rtype: dictionary"
	helpResourceUpdate = "Change a resource (needs an API token): its name, description and format, and with a file in upload " +
		"a new version (earlier versions stay downloadable).\n\n" +
		":param id: the resource's id, before the file in the body (or in the query string)\n:rtype: dictionary"
	helpDatastoreCreate = "Create a resource's DataStore table from JSON (needs an API token); each call makes a new version.\n\n" +
		":param resource_id: a file resource's id, or\n:param resource: a new resource's dictionary with package_id\n" +
		":param fields: [{\"id\": name, \"type\": text|int|int4|int8|numeric|float8|bool|date|timestamp}]\n" +
		":param records: [{field: value, …}]\n:param indexes: fields to index (optional)\n:rtype: dictionary"
)
