-- Search by name across the spaces one may read (issue 12): the name folded (lower case,
-- accents and punctuation taken off, as `preau_domain::text::fold` does), written by the
-- application with the name; rows from before are filled at start-up.
ALTER TABLE documents ADD COLUMN search_name TEXT NOT NULL DEFAULT '';
