-- Organisations (customer companies) and the people who sign in.
-- Mirrors migrations/sqlite/0001_accounts.sql: same tables, columns, constraints.
-- Booleans are INTEGER 0/1 and times are BIGINT unix seconds (UTC) on both backends,
-- so rows read the same whichever database is behind.

CREATE TABLE organisations (
    -- ALWAYS: an explicit id is refused, so code cannot rely on choosing ids.
    id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    slug TEXT NOT NULL UNIQUE,
    name TEXT NOT NULL,
    default_language TEXT NOT NULL DEFAULT 'en',
    created_at BIGINT NOT NULL
);

CREATE TABLE users (
    id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    -- NULL exactly for the operator's staff (agents and administrators).
    organisation_id BIGINT REFERENCES organisations (id),
    -- Stored lower-cased by the application, so UNIQUE is case-insensitive in effect.
    email TEXT NOT NULL UNIQUE,
    display_name TEXT NOT NULL,
    role TEXT NOT NULL CHECK (role IN ('customer', 'org_admin', 'agent', 'admin')),
    language TEXT NOT NULL DEFAULT 'en',
    time_zone TEXT NOT NULL DEFAULT 'UTC',
    password_hash TEXT,
    sees_organisation INTEGER NOT NULL DEFAULT 0 CHECK (sees_organisation IN (0, 1)),
    active INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1)),
    created_at BIGINT NOT NULL,
    CHECK ((role IN ('customer', 'org_admin') AND organisation_id IS NOT NULL)
        OR (role IN ('agent', 'admin') AND organisation_id IS NULL))
);

CREATE INDEX users_organisation_id_idx ON users (organisation_id);
