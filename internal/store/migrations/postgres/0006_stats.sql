-- E-service statistics (stats.go). Each index holds every column its
-- query reads, so that the statistics of a unit's year (tens of thousands
-- of errands) are read from one index range without touching the table.

-- Errands submitted in a period, counted by service and channel, and
-- those overdue at its end.
CREATE INDEX errands_unit_stats ON errands(unit_id, submitted_at, service_id, channel, due_at, decided_at, closed_at);

-- Errands decided in a period and their lead times; only decided errands
-- are in it. (SQLite's is a full index: without statistics its planner
-- passes a partial one over.)
CREATE INDEX errands_unit_decided ON errands(unit_id, decided_at, service_id, submitted_at, due_at)
    WHERE decided_at IS NOT NULL;

-- Drafts started in a period, counted by service and the furthest page
-- reached, and how many were submitted; it also serves the lookups by
-- service and start time.
CREATE INDEX eservice_drafts_funnel ON eservice_drafts(service_id, started_at, furthest, submitted_at);

-- Drafts by the errand they became, with what the funnel counts of them:
-- the funnel takes case officers' registrations out through their errands.
-- Only submitted drafts are in it.
CREATE INDEX eservice_drafts_registrations ON eservice_drafts(errand_id, started_at, service_id, furthest)
    WHERE errand_id IS NOT NULL;
