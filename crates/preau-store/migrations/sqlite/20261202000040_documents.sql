-- Documents (issue 12): the folders and files of each person's « Mes documents » and of each
-- group's space. A space has one root folder row (parent NULL), created on first use; names
-- are unique among the living children of a folder (case and accents folded in name_key).
-- Putting a folder in the trash hides what it holds; deleting a row deletes its subtree.
CREATE TABLE documents (
    id BLOB PRIMARY KEY NOT NULL,
    owner_id BLOB REFERENCES users(id) ON DELETE CASCADE,
    group_id BLOB REFERENCES groups(id) ON DELETE CASCADE,
    parent_id BLOB REFERENCES documents(id) ON DELETE CASCADE,
    kind TEXT NOT NULL CHECK (kind IN ('folder', 'file')),
    name TEXT NOT NULL,
    name_key TEXT NOT NULL,
    created_by BLOB REFERENCES users(id) ON DELETE SET NULL,
    created_at INTEGER NOT NULL,
    updated_at INTEGER NOT NULL,
    trashed_at INTEGER,
    size INTEGER NOT NULL DEFAULT 0,
    content_type TEXT NOT NULL DEFAULT '',
    CHECK ((owner_id IS NULL) <> (group_id IS NULL))
);
CREATE UNIQUE INDEX documents_person_root ON documents(owner_id) WHERE parent_id IS NULL AND owner_id IS NOT NULL;
CREATE UNIQUE INDEX documents_group_root ON documents(group_id) WHERE parent_id IS NULL AND group_id IS NOT NULL;
CREATE UNIQUE INDEX documents_names ON documents(parent_id, name_key) WHERE trashed_at IS NULL;
CREATE INDEX documents_trashed ON documents(trashed_at) WHERE trashed_at IS NOT NULL;
CREATE INDEX documents_by_author ON documents(created_by);

-- Each version of a file; the newest is the file's content.
CREATE TABLE document_versions (
    id BLOB PRIMARY KEY NOT NULL,
    document_id BLOB NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    blob_key TEXT NOT NULL,
    size INTEGER NOT NULL,
    sha256 TEXT NOT NULL,
    content_type TEXT NOT NULL,
    created_by BLOB REFERENCES users(id) ON DELETE SET NULL,
    created_at INTEGER NOT NULL
);
CREATE INDEX document_versions_by_document ON document_versions(document_id, created_at);
CREATE INDEX document_versions_by_blob ON document_versions(blob_key);

-- Blobs whose version row is gone, whatever deleted it (the trash emptied, a group deleted,
-- a person erased): a job deletes them from the file store, so erasure reaches the bytes.
CREATE TABLE blob_deletions (
    blob_key TEXT PRIMARY KEY NOT NULL
);
CREATE TRIGGER document_versions_blob_gone AFTER DELETE ON document_versions
BEGIN
    INSERT INTO blob_deletions (blob_key) VALUES (OLD.blob_key) ON CONFLICT (blob_key) DO NOTHING;
END;
