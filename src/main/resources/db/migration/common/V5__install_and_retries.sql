-- When this install first started (one row). Start-up's catch-up posts no digest for runs from before it.
-- A fresh install gets its row from the bot's first start (its clock); an install that already has
-- subscriptions or deliveries was installed before this migration, so none of its runs is "from before".
CREATE TABLE install_marker (
  id INT NOT NULL PRIMARY KEY,
  installed_at TIMESTAMP WITH TIME ZONE NOT NULL,
  CONSTRAINT install_marker_one CHECK (id = 1)
);

INSERT INTO install_marker (id, installed_at)
  SELECT 1, TIMESTAMP WITH TIME ZONE '1970-01-01 00:00:00+00'
  FROM (SELECT COUNT(*) AS n FROM delivery) d, (SELECT COUNT(*) AS n FROM subscription) s
  WHERE d.n > 0 OR s.n > 0;

-- A scheduled delivery that failed for a passing reason (Desk or Slack unavailable) waits as 'retrying'
-- for its next attempt, every 10 minutes until retry_until (its fire time plus DIGEST_GRACE).
ALTER TABLE delivery ADD COLUMN next_attempt_at TIMESTAMP WITH TIME ZONE;
ALTER TABLE delivery ADD COLUMN retry_until TIMESTAMP WITH TIME ZONE;
ALTER TABLE delivery DROP CONSTRAINT delivery_status;
ALTER TABLE delivery ADD CONSTRAINT delivery_status
  CHECK (status IN ('claimed', 'sent', 'failed', 'skipped', 'retrying'));
CREATE INDEX delivery_retries ON delivery (status, next_attempt_at);
