-- A longer idle limit chosen for one session (WCAG 2.2.1 Timing
-- Adjustable): a logged-in person may choose at /mer-tid to be logged
-- out only after ten times SPRANG_SESSION_IDLE without activity, never
-- beyond the session's absolute end (expires_at). NULL: the configured
-- limit applies. Seconds, so the value reads the same on every node.
ALTER TABLE sessions ADD COLUMN idle_seconds INTEGER;
