-- « Supprimer mon compte » (issue 11): the account is closed at once and erased 30 days
-- later unless the person logs in again; what becomes of the groups they alone own is
-- their choice, and a cancelled closing gives back the state they were in (a paused
-- account stays paused).
ALTER TABLE users ADD COLUMN closing_since BIGINT;
ALTER TABLE users ADD COLUMN closing_groups TEXT;
ALTER TABLE users ADD COLUMN closing_previous_status TEXT;
