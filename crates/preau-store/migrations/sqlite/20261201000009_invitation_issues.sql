-- Who imported each batch: its letters are printed by that administrator, or by another after
-- a confirmation that the codes already handed out will stop working.
CREATE TABLE roster_batches (
    id BLOB PRIMARY KEY NOT NULL,
    imported_by BLOB REFERENCES users(id) ON DELETE SET NULL,
    created_at INTEGER NOT NULL
);

-- Each letter printed or invitation email sent for a person: limited per month, idempotent
-- under double submission, and audited per person.
CREATE TABLE invitation_issues (
    id BLOB PRIMARY KEY NOT NULL,
    invitation_id BLOB NOT NULL REFERENCES invitations(id) ON DELETE CASCADE,
    kind TEXT NOT NULL,
    actor_id BLOB REFERENCES users(id) ON DELETE SET NULL,
    at INTEGER NOT NULL
);
CREATE INDEX invitation_issues_by_invitation ON invitation_issues(invitation_id, at);

-- The last invitation email, on the row itself: a conditional UPDATE on it is the claim that
-- concurrent sends wait on (PostgreSQL re-reads the row's own columns after the lock).
ALTER TABLE invitations ADD COLUMN last_email_at INTEGER;
