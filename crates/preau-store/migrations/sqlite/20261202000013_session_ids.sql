-- « Mes sessions » (issue 11): each session gets a random public id, the only handle that
-- pages and the API show and accept; the token hash, derived from the cookie's secret, never
-- leaves the server. Sessions open before this migration get one too.
ALTER TABLE sessions ADD COLUMN public_id BLOB;
UPDATE sessions SET public_id = randomblob(16) WHERE public_id IS NULL;
CREATE UNIQUE INDEX sessions_by_public_id ON sessions(public_id);
