-- Account lifecycle: structures (schools and units), invitations from the roster, markers of
-- declined invitations, the directory fields of accounts, an audit trail without names, and
-- uploaded rosters waiting for confirmation.

CREATE TABLE structures (
    id BLOB PRIMARY KEY NOT NULL,
    kind TEXT NOT NULL CHECK (kind IN ('school', 'unit')),
    uai TEXT UNIQUE,
    name TEXT NOT NULL,
    commune TEXT NOT NULL DEFAULT '',
    created_at INTEGER NOT NULL
);

-- A roster line not yet turned into an account: reachable only through its own token.
CREATE TABLE invitations (
    id BLOB PRIMARY KEY NOT NULL,
    email TEXT NOT NULL UNIQUE,
    given_name TEXT NOT NULL,
    family_name TEXT NOT NULL,
    structure_id BLOB NOT NULL REFERENCES structures(id),
    corps TEXT NOT NULL DEFAULT '',
    functions TEXT NOT NULL DEFAULT '',
    token_hash BLOB UNIQUE,
    token_issued_at INTEGER,
    batch_id BLOB,
    created_at INTEGER NOT NULL,
    expires_at INTEGER NOT NULL
);
CREATE INDEX invitations_by_expiry ON invitations(expires_at);

-- A declined invitation leaves only this: a salted hash of the address, until the next
-- school year.
CREATE TABLE reinvite_blocks (
    marker BLOB PRIMARY KEY NOT NULL,
    until_at INTEGER NOT NULL
);

CREATE TABLE instance_secrets (
    name TEXT PRIMARY KEY NOT NULL,
    value BLOB NOT NULL
);

ALTER TABLE users ADD COLUMN structure_id BLOB REFERENCES structures(id);
ALTER TABLE users ADD COLUMN corps TEXT NOT NULL DEFAULT '';
ALTER TABLE users ADD COLUMN functions TEXT NOT NULL DEFAULT '';
ALTER TABLE users ADD COLUMN status TEXT NOT NULL DEFAULT 'active';
ALTER TABLE users ADD COLUMN departing_since INTEGER;
ALTER TABLE users ADD COLUMN from_roster INTEGER NOT NULL DEFAULT 0;
ALTER TABLE users ADD COLUMN directory_scope TEXT NOT NULL DEFAULT 'my_places';
ALTER TABLE users ADD COLUMN show_structure INTEGER NOT NULL DEFAULT 1;
ALTER TABLE users ADD COLUMN show_functions INTEGER NOT NULL DEFAULT 0;
ALTER TABLE users ADD COLUMN search_name TEXT NOT NULL DEFAULT '';
ALTER TABLE users ADD COLUMN notice_version TEXT;
ALTER TABLE users ADD COLUMN notice_accepted_at INTEGER;
ALTER TABLE users ADD COLUMN verified_at INTEGER;
CREATE INDEX users_by_structure ON users(structure_id);

-- What administrators and jobs did, in counts: never a name or an address.
CREATE TABLE audit_log (
    id BLOB PRIMARY KEY NOT NULL,
    at INTEGER NOT NULL,
    actor_id BLOB REFERENCES users(id) ON DELETE SET NULL,
    action TEXT NOT NULL,
    detail TEXT NOT NULL DEFAULT ''
);

-- A roster between its preview and its confirmation (deleted after, or after a day).
CREATE TABLE roster_uploads (
    id BLOB PRIMARY KEY NOT NULL,
    uploaded_by BLOB NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    created_at INTEGER NOT NULL,
    content BLOB NOT NULL
);
