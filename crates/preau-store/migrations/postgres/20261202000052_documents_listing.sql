-- A folder's page lists its living children folders first, then by name (documents::CHILDREN):
-- with this index the first page of a folder of 10,000 entries is read in order, not sorted
-- whole on every view (bench/run, documents scenario: 203 req/s before it).
CREATE INDEX documents_listing ON documents(parent_id, kind DESC, name_key, id) WHERE trashed_at IS NULL;
