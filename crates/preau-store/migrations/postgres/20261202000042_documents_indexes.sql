-- A space's usage (its quota), its trash and a person's archive read every row of the
-- space: by owner or by group, not by a scan of every document.
CREATE INDEX documents_by_owner ON documents(owner_id) WHERE owner_id IS NOT NULL;
CREATE INDEX documents_by_group ON documents(group_id) WHERE group_id IS NOT NULL;
