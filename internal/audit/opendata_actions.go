package audit

// The actions of the open data portal (issue 4), the same whether a data
// steward acts on the pages or through the API (an API write says "api" in
// Detail). ObjectType is "dataset" or "distribution".
const (
	DatasetCreated       Action = "dataset.created"
	DatasetUpdated       Action = "dataset.updated"
	DatasetPublished     Action = "dataset.published"
	DatasetWithdrawn     Action = "dataset.withdrawn"
	DistributionCreated  Action = "distribution.created"
	DistributionUpdated  Action = "distribution.updated"       // its description or link changed
	DistributionUploaded Action = "distribution.uploaded"      // a new version of its file
	DistributionRetyped  Action = "distribution.retyped"       // column types overridden, reloaded
	DatastoreCreated     Action = "distribution.datastore_set" // a table written through datastore_create
)
