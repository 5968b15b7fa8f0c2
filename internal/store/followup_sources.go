package store

import (
	"context"
	"encoding/json"
	"fmt"
	"time"

	"sprang/internal/eservice"
	"sprang/internal/followup"
)

// FollowUpSources returns the sources the follow-up's computed indicators
// read, implemented over this database: errands and e-services, open
// data, the platform's page views, stored values, the initiative
// portfolio and the self-assessments; the idea portal is nil until it
// exists. Factors are the configured sustainability factors.
func (db *DB) FollowUpSources(f followup.Factors) followup.Sources {
	return followup.Sources{
		Errands:    errandSource{db},
		OpenData:   openDataSource{db},
		Platform:   db,
		Values:     db,
		Portfolio:  db.portfolioSource(),
		Maturity:   db.maturitySource(),
		Competence: db.competenceSource(),
		Factors:    f,
	}
}

// errandSource implements followup.ErrandSource over the e-service
// statistics (eservice.StatsSource) and the e-services.
type errandSource struct{ db *DB }

// groupings maps the follow-up's groupings to the statistics' ones.
var groupings = map[followup.Grouping]eservice.StatsGroup{
	followup.PerService: eservice.ByService, followup.PerUnit: eservice.ByUnit, followup.InTotal: eservice.InTotal,
}

// ErrandFigures reads the statistics of q, overdue judged at q.To.
func (s errandSource) ErrandFigures(ctx context.Context, q followup.ErrandQuery) ([]followup.ErrandFigures, error) {
	if len(q.UnitIDs) == 0 {
		return nil, nil
	}
	stats, err := s.db.ServiceStats(ctx, eservice.StatsQuery{UnitIDs: q.UnitIDs, From: q.From, To: q.To, Group: groupings[q.Group], Now: q.To})
	if err != nil {
		return nil, err
	}
	out := make([]followup.ErrandFigures, len(stats))
	for i, st := range stats {
		f := followup.ErrandFigures{ServiceID: st.ServiceID, UnitID: st.UnitID, Service: followup.Text{SV: st.Title.SV, EN: st.Title.EN},
			Errands: st.Errands, ByChannel: make(map[string]int, len(st.ByChannel)), Decided: st.Decided,
			LeadMedian: st.LeadMedian, LeadP90: st.LeadP90, Overdue: st.Overdue}
		for c, n := range st.ByChannel {
			f.ByChannel[string(c)] = n // the follow-up's channel names are the e-services' own
		}
		out[i] = f
	}
	return out, nil
}

// Services returns every e-service with when it was first published.
func (s errandSource) Services(ctx context.Context) ([]followup.Service, error) {
	rows, err := s.db.query(ctx, `SELECT s.id, s.unit_id, s.title_sv, s.title_en, MIN(v.published_at)
		FROM eservices s LEFT JOIN eservice_versions v ON v.service_id = s.id AND v.published_at IS NOT NULL
		GROUP BY s.id, s.unit_id, s.title_sv, s.title_en ORDER BY s.id`)
	if err != nil {
		return nil, fmt.Errorf("services: %w", err)
	}
	defer func() { _ = rows.Close() }()
	var out []followup.Service
	for rows.Next() {
		var svc followup.Service
		var published nullTime
		if err := rows.Scan(&svc.ID, &svc.UnitID, &svc.Title.SV, &svc.Title.EN, &published); err != nil {
			return nil, fmt.Errorf("services: %w", err)
		}
		svc.PublishedAt = published.t
		out = append(out, svc)
	}
	return out, rows.Err()
}

// openDataSource implements followup.OpenDataSource over the catalogue
// and the API call counts.
type openDataSource struct{ db *DB }

// Datasets returns every dataset's unit, first publication, state and
// high-value categories.
func (s openDataSource) Datasets(ctx context.Context) ([]followup.Dataset, error) {
	rows, err := s.db.query(ctx, `SELECT unit_id, published_at, state, hvd_categories FROM datasets ORDER BY id`)
	if err != nil {
		return nil, fmt.Errorf("datasets: %w", err)
	}
	defer func() { _ = rows.Close() }()
	var out []followup.Dataset
	for rows.Next() {
		var d followup.Dataset
		var published nullTime
		var state, hvd string
		if err := rows.Scan(&d.UnitID, &published, &state, &hvd); err != nil {
			return nil, fmt.Errorf("datasets: %w", err)
		}
		d.PublishedAt, d.Withdrawn = published.t, state == "withdrawn"
		if err := json.Unmarshal([]byte(hvd), &d.HVDCategories); err != nil {
			d.HVDCategories = nil // a malformed list counts as none
		}
		out = append(out, d)
	}
	return out, rows.Err()
}

// APICalls sums the calls counted on the UTC days of [from, to).
func (s openDataSource) APICalls(ctx context.Context, from, to time.Time) (int64, error) {
	if !to.After(from) {
		return 0, nil
	}
	days, err := s.db.APICalls(ctx, from.UTC().Format(time.DateOnly), to.Add(-time.Nanosecond).UTC().Format(time.DateOnly))
	if err != nil {
		return 0, err
	}
	var n int64
	for _, c := range days {
		n += c
	}
	return n, nil
}

// nullTime scans a timestamp that may be NULL; the zero time for NULL.
type nullTime struct{ t time.Time }

// Scan implements sql.Scanner.
func (n *nullTime) Scan(src any) error {
	switch v := src.(type) {
	case nil:
		n.t = time.Time{}
	case time.Time:
		n.t = v.UTC()
	case string:
		return n.parse(v)
	case []byte:
		return n.parse(string(v))
	default:
		return fmt.Errorf("scan time: unexpected %T", src)
	}
	return nil
}

// parse reads a timestamp as SQLite returns an aggregate of one.
func (n *nullTime) parse(s string) error {
	for _, layout := range []string{time.RFC3339Nano, "2006-01-02 15:04:05.999999999-07:00", "2006-01-02 15:04:05.999999999Z07:00", "2006-01-02 15:04:05.999999999"} {
		if t, err := time.Parse(layout, s); err == nil {
			n.t = t.UTC()
			return nil
		}
	}
	return fmt.Errorf("scan time: cannot read %q", s)
}
