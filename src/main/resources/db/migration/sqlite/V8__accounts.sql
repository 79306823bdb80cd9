-- People, their organisations and roles, and how they prove who they are (SQLite dialect; kept
-- in step with ../postgresql/V8__accounts.sql). No secret is stored as given: passwords as Argon2id
-- hashes, session, invitation, reset, API and feed tokens as their SHA-256, so a copy of the
-- database lets nobody sign in.
CREATE TABLE users (
    id             TEXT PRIMARY KEY,
    email          TEXT NOT NULL UNIQUE,
    name           TEXT NOT NULL,
    password_hash  TEXT NOT NULL,
    created_at     TEXT NOT NULL
);

CREATE TABLE memberships (
    organisation_id  TEXT NOT NULL REFERENCES organisations (id),
    user_id          TEXT NOT NULL REFERENCES users (id),
    role             TEXT NOT NULL CHECK (role IN ('OWNER', 'ADMIN', 'ANALYST', 'VIEWER')),
    created_at       TEXT NOT NULL,
    PRIMARY KEY (organisation_id, user_id)
);
CREATE INDEX memberships_by_user ON memberships (user_id);

CREATE TABLE invitations (
    token_sha256     TEXT PRIMARY KEY,
    organisation_id  TEXT NOT NULL REFERENCES organisations (id),
    email            TEXT NOT NULL,
    role             TEXT NOT NULL CHECK (role IN ('OWNER', 'ADMIN', 'ANALYST', 'VIEWER')),
    invited_by       TEXT NOT NULL,
    created_at       TEXT NOT NULL,
    expires_at       TEXT NOT NULL,
    accepted_at      TEXT
);

CREATE TABLE sessions (
    token_sha256  TEXT PRIMARY KEY,
    user_id       TEXT NOT NULL REFERENCES users (id),
    csrf          TEXT NOT NULL,
    created_at    TEXT NOT NULL,
    expires_at    TEXT NOT NULL
);
CREATE INDEX sessions_by_user ON sessions (user_id);

CREATE TABLE password_resets (
    token_sha256  TEXT PRIMARY KEY,
    user_id       TEXT NOT NULL REFERENCES users (id),
    created_at    TEXT NOT NULL,
    expires_at    TEXT NOT NULL,
    used_at       TEXT
);

CREATE TABLE api_tokens (
    id               TEXT PRIMARY KEY,
    organisation_id  TEXT NOT NULL REFERENCES organisations (id),
    name             TEXT NOT NULL,
    token_sha256     TEXT NOT NULL UNIQUE,
    scopes           TEXT NOT NULL,
    created_by       TEXT NOT NULL,
    created_at       TEXT NOT NULL,
    revoked_at       TEXT
);
CREATE INDEX api_tokens_by_organisation ON api_tokens (organisation_id);

-- "Relevant / not relevant" on an alert, once per person, with an optional reason.
CREATE TABLE alert_feedback (
    alert_id    TEXT NOT NULL REFERENCES alerts (id),
    user_id     TEXT NOT NULL REFERENCES users (id),
    relevant    BOOLEAN NOT NULL,
    reason      TEXT,
    created_at  TEXT NOT NULL,
    PRIMARY KEY (alert_id, user_id)
);

-- The secret address of an organisation's private Atom feed of its alerts; revoking it ends it.
CREATE TABLE alert_feeds (
    token_sha256     TEXT PRIMARY KEY,
    organisation_id  TEXT NOT NULL REFERENCES organisations (id),
    created_at       TEXT NOT NULL,
    revoked_at       TEXT
);
