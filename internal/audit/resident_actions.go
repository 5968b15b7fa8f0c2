package audit

// The actions of the residents' own pages (Mina sidor).
const (
	ResidentExtract Action = "resident.extract" // a resident downloaded their register extract (GDPR art. 15)
)
