-- Mail waits here until a worker hands it to the transport; a sent message is deleted (its
-- body may hold a code). Password-reset tokens, hashed.

CREATE TABLE outbox (
    id UUID PRIMARY KEY NOT NULL,
    to_address TEXT NOT NULL,
    subject TEXT NOT NULL,
    body TEXT NOT NULL,
    created_at BIGINT NOT NULL,
    attempts BIGINT NOT NULL DEFAULT 0,
    next_attempt_at BIGINT NOT NULL,
    last_error TEXT
);
CREATE INDEX outbox_due ON outbox(next_attempt_at);

CREATE TABLE password_resets (
    token_hash BYTEA PRIMARY KEY NOT NULL,
    user_id UUID NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    created_at BIGINT NOT NULL,
    expires_at BIGINT NOT NULL
);
CREATE INDEX password_resets_by_user ON password_resets(user_id);
