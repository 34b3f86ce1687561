-- Background jobs shared by every instance: a job runs when it is due and nobody holds its
-- lease; an instance that dies mid-run leaves the lease to expire and another takes over.
CREATE TABLE job_leases (
    name TEXT PRIMARY KEY,
    holder TEXT NOT NULL DEFAULT '',
    leased_until BIGINT NOT NULL DEFAULT 0,
    next_run_at BIGINT NOT NULL DEFAULT 0,
    runs BIGINT NOT NULL DEFAULT 0,
    last_run_by TEXT NOT NULL DEFAULT '',
    last_run_at BIGINT NOT NULL DEFAULT 0
);
