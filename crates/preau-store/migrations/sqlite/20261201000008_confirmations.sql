-- Holding a letter is not enough to open an account (guarantee 1): an activation waits here,
-- with the password and choices made, until the link sent to the professional address is
-- followed. One per invitation; it goes with the invitation.
CREATE TABLE pending_activations (
    token_hash BLOB PRIMARY KEY NOT NULL,
    invitation_id BLOB NOT NULL UNIQUE REFERENCES invitations(id) ON DELETE CASCADE,
    password_hash TEXT NOT NULL,
    directory_scope TEXT NOT NULL,
    show_structure INTEGER NOT NULL,
    show_functions INTEGER NOT NULL,
    locale TEXT,
    notice_version TEXT NOT NULL,
    created_at INTEGER NOT NULL,
    expires_at INTEGER NOT NULL
);
CREATE INDEX pending_activations_by_expiry ON pending_activations(expires_at);

-- Single-use links mailed to a person about their own account: « ce n'était pas moi » under
-- each security notice, and the confirmation of a new recovery address (with that address).
CREATE TABLE mail_links (
    token_hash BLOB PRIMARY KEY NOT NULL,
    purpose TEXT NOT NULL,
    user_id BLOB NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    address TEXT,
    created_at INTEGER NOT NULL,
    expires_at INTEGER NOT NULL
);
CREATE INDEX mail_links_by_user ON mail_links(user_id);
CREATE INDEX mail_links_by_expiry ON mail_links(expires_at);
