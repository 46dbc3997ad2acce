-- Identity and access: sessions, throttling, one-time tokens, TOTP, audit
-- trail, the mail outbox and API keys. Mirrors migrations/postgres/0002_identity.sql.

ALTER TABLE organisations ADD COLUMN require_mfa INTEGER NOT NULL DEFAULT 0 CHECK (require_mfa IN (0, 1));
ALTER TABLE organisations ADD COLUMN active INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1));

-- 0 until the owner of the address follows the verification link (self sign-up, invitation).
ALTER TABLE users ADD COLUMN email_verified INTEGER NOT NULL DEFAULT 1 CHECK (email_verified IN (0, 1));
ALTER TABLE users ADD COLUMN phone TEXT NOT NULL DEFAULT '';
ALTER TABLE users ADD COLUMN postal_address TEXT NOT NULL DEFAULT '';
ALTER TABLE users ADD COLUMN billing_address TEXT NOT NULL DEFAULT '';
ALTER TABLE users ADD COLUMN notify_updates INTEGER NOT NULL DEFAULT 1 CHECK (notify_updates IN (0, 1));
ALTER TABLE users ADD COLUMN notify_news INTEGER NOT NULL DEFAULT 0 CHECK (notify_news IN (0, 1));
-- The TOTP seed sealed with the key from config (never the key itself); set
-- during enrolment, trusted once mfa_enabled_at is set.
ALTER TABLE users ADD COLUMN mfa_secret TEXT;
ALTER TABLE users ADD COLUMN mfa_enabled_at INTEGER;
-- The last TOTP time step accepted: a code at or before it is a replay.
ALTER TABLE users ADD COLUMN mfa_last_step INTEGER NOT NULL DEFAULT 0;

CREATE TABLE sessions (
    id INTEGER PRIMARY KEY,
    -- SHA-256 of the 256-bit token in the cookie: a database leak yields no usable cookie.
    token_hash TEXT NOT NULL UNIQUE,
    user_id INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    -- 'mfa': the password was right, the second factor is still due; 'full': signed in.
    stage TEXT NOT NULL CHECK (stage IN ('mfa', 'full')),
    csrf_token TEXT NOT NULL,
    user_agent TEXT NOT NULL DEFAULT '',
    client_addr TEXT NOT NULL DEFAULT '',
    created_at INTEGER NOT NULL,
    last_seen_at INTEGER NOT NULL,
    expires_at INTEGER NOT NULL
) STRICT;
CREATE INDEX sessions_user_id_idx ON sessions (user_id);

-- Failure counters that slow down guessing; shared by every node.
CREATE TABLE throttles (
    scope TEXT NOT NULL,    -- 'account', 'address', 'mfa', 'recovery', …
    subject TEXT NOT NULL,  -- a hash of the e-mail, the client address, a user id
    failures INTEGER NOT NULL,
    first_failure_at INTEGER NOT NULL,
    locked_until INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (scope, subject)
) STRICT;

-- Single-use links sent by e-mail; only the hash of the token is kept.
CREATE TABLE one_time_tokens (
    id INTEGER PRIMARY KEY,
    token_hash TEXT NOT NULL UNIQUE,
    purpose TEXT NOT NULL CHECK (purpose IN ('verify_email', 'reset_password', 'invitation', 'change_email')),
    user_id INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    new_email TEXT,  -- change_email: the address to confirm
    created_at INTEGER NOT NULL,
    expires_at INTEGER NOT NULL,
    used_at INTEGER
) STRICT;
CREATE INDEX one_time_tokens_user_idx ON one_time_tokens (user_id, purpose);

CREATE TABLE recovery_codes (
    id INTEGER PRIMARY KEY,
    user_id INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    code_hash TEXT NOT NULL,
    used_at INTEGER
) STRICT;
CREATE INDEX recovery_codes_user_idx ON recovery_codes (user_id);

-- Append-only: each entry's hash covers its fields and the previous entry's
-- hash, so editing or removing a row breaks the chain (`comptoir audit verify`).
CREATE TABLE audit_log (
    id INTEGER PRIMARY KEY,
    at INTEGER NOT NULL,
    actor_id INTEGER,            -- no foreign key: the trail outlives the accounts it names
    actor_email TEXT NOT NULL DEFAULT '',
    organisation_id INTEGER,
    action TEXT NOT NULL,        -- 'signin.success', 'session.revoke', 'member.role', …
    target TEXT NOT NULL DEFAULT '',   -- 'user:42', 'session:7', 'organisation:3'
    details TEXT NOT NULL DEFAULT '',  -- JSON object, never a secret
    client_addr TEXT NOT NULL DEFAULT '',
    request_id TEXT NOT NULL DEFAULT '',
    prev_hash TEXT NOT NULL,
    hash TEXT NOT NULL
) STRICT;
CREATE INDEX audit_log_org_idx ON audit_log (organisation_id, id);
CREATE INDEX audit_log_action_idx ON audit_log (action, id);
CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END;
CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END;

-- Messages written in the same transaction as the change they announce; a
-- worker renders and delivers them with retries.
CREATE TABLE outbox (
    id INTEGER PRIMARY KEY,
    kind TEXT NOT NULL CHECK (kind IN ('email')),
    recipient TEXT NOT NULL,
    language TEXT NOT NULL,
    template TEXT NOT NULL,            -- 'verify_email', 'reset_password', …
    params TEXT NOT NULL DEFAULT '{}', -- JSON object of strings
    created_at INTEGER NOT NULL,
    next_attempt_at INTEGER NOT NULL,
    attempts INTEGER NOT NULL DEFAULT 0,
    locked_until INTEGER NOT NULL DEFAULT 0,
    sent_at INTEGER,
    failed_at INTEGER,
    last_error TEXT NOT NULL DEFAULT ''
) STRICT;
CREATE INDEX outbox_due_idx ON outbox (sent_at, failed_at, next_attempt_at);

CREATE TABLE api_keys (
    id INTEGER PRIMARY KEY,
    -- The public part of the key ("ck_" + 12 hex): finds the row; the rest is only hashed.
    prefix TEXT NOT NULL UNIQUE,
    key_hash TEXT NOT NULL,
    name TEXT NOT NULL,
    scopes TEXT NOT NULL,  -- space-separated, from a fixed list
    created_by INTEGER REFERENCES users (id) ON DELETE SET NULL,
    created_at INTEGER NOT NULL,
    last_used_at INTEGER,
    revoked_at INTEGER
) STRICT;
