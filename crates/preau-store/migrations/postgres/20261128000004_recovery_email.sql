-- An optional personal address for password-reset links only, kept with the person's consent
-- (GDPR Art. 7) and the time it was given; never shown to anyone else.
ALTER TABLE users ADD COLUMN recovery_email TEXT;
ALTER TABLE users ADD COLUMN recovery_email_consent_at BIGINT;
