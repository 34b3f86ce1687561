-- Working groups (issue 10). Membership only by the person's own act: accepting an
-- invitation, joining an open group, or a join request a manager approved.
CREATE TABLE groups (
    id UUID PRIMARY KEY NOT NULL,
    name TEXT NOT NULL,
    search_name TEXT NOT NULL,
    description TEXT NOT NULL DEFAULT '',
    kind TEXT NOT NULL CHECK (kind IN ('open', 'closed', 'private')),
    sensitive BOOLEAN NOT NULL,
    created_at BIGINT NOT NULL,
    archived_at BIGINT
);
CREATE INDEX groups_by_search_name ON groups(search_name, id);

CREATE TABLE group_members (
    group_id UUID NOT NULL REFERENCES groups(id) ON DELETE CASCADE,
    user_id UUID NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    role TEXT NOT NULL CHECK (role IN ('owner', 'manager', 'member')),
    joined_at BIGINT NOT NULL,
    PRIMARY KEY (group_id, user_id)
);
CREATE INDEX group_members_by_user ON group_members(user_id, group_id);

CREATE TABLE group_invitations (
    id UUID PRIMARY KEY NOT NULL,
    group_id UUID NOT NULL REFERENCES groups(id) ON DELETE CASCADE,
    invitee_id UUID NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    inviter_id UUID REFERENCES users(id) ON DELETE SET NULL,
    message TEXT NOT NULL DEFAULT '',
    created_at BIGINT NOT NULL,
    expires_at BIGINT NOT NULL,
    UNIQUE (group_id, invitee_id)
);
CREATE INDEX group_invitations_by_invitee ON group_invitations(invitee_id, expires_at);
CREATE INDEX group_invitations_by_inviter ON group_invitations(inviter_id, created_at);

CREATE TABLE group_join_requests (
    group_id UUID NOT NULL REFERENCES groups(id) ON DELETE CASCADE,
    user_id UUID NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    created_at BIGINT NOT NULL,
    PRIMARY KEY (group_id, user_id)
);

-- After a decline, no new invitation to that group for 90 days; "decline and block" for good.
CREATE TABLE group_invite_blocks (
    group_id UUID NOT NULL REFERENCES groups(id) ON DELETE CASCADE,
    user_id UUID NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    until_at BIGINT NOT NULL,
    PRIMARY KEY (group_id, user_id)
);
