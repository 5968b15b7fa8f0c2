-- Per-key quotas (issue 4): an administrator may give one API token its
-- own rate limit (calls a minute) and daily quota (calls a UTC day).
-- NULL: the API's defaults for tokens apply (ckan.Limits). Both at least
-- 1 when set; the store refuses anything else.
ALTER TABLE api_tokens ADD COLUMN per_minute INTEGER CHECK (per_minute IS NULL OR per_minute >= 1);
ALTER TABLE api_tokens ADD COLUMN per_day INTEGER CHECK (per_day IS NULL OR per_day >= 1);
