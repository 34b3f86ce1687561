-- The notification centre (issue 10): news in the app, and by email as each person chooses.
-- A notification names the group and the person it is about by id; `subject` keeps the
-- group's name for when the group is deleted.
CREATE TABLE notifications (
    id BLOB PRIMARY KEY NOT NULL,
    user_id BLOB NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    kind TEXT NOT NULL,
    group_id BLOB REFERENCES groups(id) ON DELETE SET NULL,
    actor_id BLOB REFERENCES users(id) ON DELETE SET NULL,
    subject TEXT NOT NULL DEFAULT '',
    detail TEXT NOT NULL DEFAULT '',
    created_at INTEGER NOT NULL,
    read_at INTEGER,
    -- When it goes out by email; NULL once sent, or when the person chose « never ».
    mail_due_at INTEGER
);
CREATE INDEX notifications_by_user ON notifications(user_id, created_at);
CREATE INDEX notifications_unread ON notifications(user_id) WHERE read_at IS NULL;
CREATE INDEX notifications_mail_due ON notifications(mail_due_at) WHERE mail_due_at IS NOT NULL;
CREATE INDEX notifications_by_actor ON notifications(actor_id) WHERE actor_id IS NOT NULL;
CREATE INDEX notifications_by_group ON notifications(group_id) WHERE group_id IS NOT NULL;

-- Only the choices that differ from the calm defaults.
CREATE TABLE notification_preferences (
    user_id BLOB NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    kind TEXT NOT NULL,
    delivery TEXT NOT NULL CHECK (delivery IN ('immediate', 'daily', 'weekly', 'never')),
    PRIMARY KEY (user_id, kind)
);

-- Quiet hours, and the unguessable key of the person's unsubscribe links.
CREATE TABLE notification_settings (
    user_id BLOB PRIMARY KEY NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    quiet_from INTEGER NOT NULL,
    quiet_to INTEGER NOT NULL,
    quiet_weekends INTEGER NOT NULL,
    unsubscribe_key TEXT NOT NULL UNIQUE
);

-- RFC 8058 one-click unsubscribe header of notification emails.
ALTER TABLE outbox ADD COLUMN list_unsubscribe TEXT;
