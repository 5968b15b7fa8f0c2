-- Retention (gallring) of closed errands, and the deletion of uploaded
-- files nobody owns any more.
--
-- The retention job finds closed errands that are not anonymized and not
-- under a legal hold; the partial index keeps that search to the errands
-- still waiting for it. The months are read from each service version's
-- spec at query time, not stored here.
CREATE INDEX errands_retention ON errands(service_id, version, closed_at)
    WHERE closed_at IS NOT NULL AND anonymized = FALSE AND legal_hold = FALSE;

-- File contents to delete from blob storage. A file's row is deleted in
-- the same transaction that queues its blob key here, and the key leaves
-- this table only after the blob is gone, so a blob is never left in
-- storage without a row that names it. Keys are random and name no one.
CREATE TABLE blob_deletions (
    blob_key   TEXT PRIMARY KEY,
    queued_at  TIMESTAMPTZ NOT NULL
);
CREATE INDEX blob_deletions_queued ON blob_deletions(queued_at, blob_key);
