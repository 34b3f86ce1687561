-- Rights requests that need a human (issue 11, RGT-08): corrections of roster fields asked
-- from « Mes données », letters entered by an administrator, and requests from people
-- without an account through the public form (entering the queue only once the link sent
-- to their address is followed). A request of an account goes with the account; the
-- others are purged 12 months after closing (unconfirmed ones after 48 hours).
CREATE TABLE rights_requests (
    id UUID PRIMARY KEY NOT NULL,
    user_id UUID REFERENCES users(id) ON DELETE CASCADE,
    requester_name TEXT NOT NULL,
    requester_email TEXT NOT NULL,
    kind TEXT NOT NULL,
    channel TEXT NOT NULL,
    fields TEXT NOT NULL DEFAULT '',
    body TEXT NOT NULL,
    received_at BIGINT NOT NULL,
    due_at BIGINT NOT NULL,
    status TEXT NOT NULL,
    extension_reason TEXT,
    extended_at BIGINT,
    answer TEXT,
    refusal_ground TEXT,
    closed_at BIGINT,
    reminded_20_at BIGINT,
    reminded_27_at BIGINT,
    confirm_hash BYTEA UNIQUE,
    created_at BIGINT NOT NULL
);
CREATE INDEX rights_requests_by_due ON rights_requests(status, due_at);
CREATE INDEX rights_requests_by_user ON rights_requests(user_id);
