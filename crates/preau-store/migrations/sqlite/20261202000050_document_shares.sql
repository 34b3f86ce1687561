-- Sharing a file or folder (issue 12) with one person or with one group — one row for a
-- group, never one per member. A folder's shares reach everything it holds. Deleting the
-- document, the person or the group deletes the share; who shared it is unlinked when they go.
CREATE TABLE document_shares (
    id BLOB PRIMARY KEY NOT NULL,
    document_id BLOB NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    person_id BLOB REFERENCES users(id) ON DELETE CASCADE,
    group_id BLOB REFERENCES groups(id) ON DELETE CASCADE,
    access TEXT NOT NULL CHECK (access IN ('read', 'contribute', 'manage')),
    shared_by BLOB REFERENCES users(id) ON DELETE SET NULL,
    created_at INTEGER NOT NULL,
    CHECK ((person_id IS NULL) <> (group_id IS NULL)),
    UNIQUE (document_id, person_id),
    UNIQUE (document_id, group_id)
);
CREATE INDEX document_shares_by_person ON document_shares(person_id) WHERE person_id IS NOT NULL;
CREATE INDEX document_shares_by_group ON document_shares(group_id) WHERE group_id IS NOT NULL;
CREATE INDEX document_shares_by_sharer ON document_shares(shared_by);
