-- « Supprimer mon compte »: what becomes of the files the person put in groups' spaces
-- (issue 11): kept for the group without their name (`keep`), or deleted (`delete`).
ALTER TABLE users ADD COLUMN closing_documents TEXT;
