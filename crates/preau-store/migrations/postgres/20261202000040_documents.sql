-- Documents (issue 12): the folders and files of each person's « Mes documents » and of each
-- group's space. A space has one root folder row (parent NULL), created on first use; names
-- are unique among the living children of a folder (case and accents folded in name_key).
-- Putting a folder in the trash hides what it holds; deleting a row deletes its subtree.
CREATE TABLE documents (
    id UUID PRIMARY KEY NOT NULL,
    owner_id UUID REFERENCES users(id) ON DELETE CASCADE,
    group_id UUID REFERENCES groups(id) ON DELETE CASCADE,
    parent_id UUID REFERENCES documents(id) ON DELETE CASCADE,
    kind TEXT NOT NULL CHECK (kind IN ('folder', 'file')),
    name TEXT NOT NULL,
    name_key TEXT NOT NULL,
    created_by UUID REFERENCES users(id) ON DELETE SET NULL,
    created_at BIGINT NOT NULL,
    updated_at BIGINT NOT NULL,
    trashed_at BIGINT,
    size BIGINT NOT NULL DEFAULT 0,
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
    id UUID PRIMARY KEY NOT NULL,
    document_id UUID NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    blob_key TEXT NOT NULL,
    size BIGINT NOT NULL,
    sha256 TEXT NOT NULL,
    content_type TEXT NOT NULL,
    created_by UUID REFERENCES users(id) ON DELETE SET NULL,
    created_at BIGINT NOT NULL
);
CREATE INDEX document_versions_by_document ON document_versions(document_id, created_at);
CREATE INDEX document_versions_by_blob ON document_versions(blob_key);

-- Blobs whose version row is gone, whatever deleted it (the trash emptied, a group deleted,
-- a person erased): a job deletes them from the file store, so erasure reaches the bytes.
CREATE TABLE blob_deletions (
    blob_key TEXT PRIMARY KEY NOT NULL
);
CREATE FUNCTION queue_blob_deletion() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO blob_deletions (blob_key) VALUES (OLD.blob_key) ON CONFLICT (blob_key) DO NOTHING;
    RETURN OLD;
END
$$;
CREATE TRIGGER document_versions_blob_gone AFTER DELETE ON document_versions
    FOR EACH ROW EXECUTE FUNCTION queue_blob_deletion();
