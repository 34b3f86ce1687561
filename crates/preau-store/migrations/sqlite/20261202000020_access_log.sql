-- The person's access log (issue 11): every act of an administrator or of the system on a
-- person's data, shown to that person only — never to administrators, whose own journal
-- (audit_log) says what was done, never to whom. Erased with the account.
CREATE TABLE access_log (
    id BLOB PRIMARY KEY NOT NULL,
    user_id BLOB NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    at INTEGER NOT NULL,
    by_role TEXT NOT NULL,
    action TEXT NOT NULL,
    detail TEXT NOT NULL DEFAULT ''
);
CREATE INDEX access_log_by_user ON access_log(user_id, at);
