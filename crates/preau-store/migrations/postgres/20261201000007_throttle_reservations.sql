-- Throttles reserve an attempt before the slow check (hash, code lookup) and release it on
-- success, so a burst cannot have more attempts verified than the policy allows. The
-- reservation returns the time of the attempt before it, which the growing delay is
-- measured from.
ALTER TABLE throttles ADD COLUMN previous_at BIGINT;
