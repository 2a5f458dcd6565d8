-- A review campaign's state. Portable SQL (SQLite and PostgreSQL): text keys, timestamps as
-- RFC 3339 UTC text (`YYYY-MM-DDTHH:MM:SSZ`, which sorts as time does), JSON as text. Tokens
-- are stored as their SHA-256: a copy of the database opens no session.

CREATE TABLE campaign (
    id TEXT PRIMARY KEY,
    definition TEXT NOT NULL,
    created_at TEXT NOT NULL
);

CREATE TABLE reviewer (
    id TEXT PRIMARY KEY,
    role TEXT NOT NULL CHECK (role IN ('owner', 'reviewer')),
    created_at TEXT NOT NULL
);

CREATE TABLE invitation (
    token_hash TEXT PRIMARY KEY,
    reviewer TEXT NOT NULL REFERENCES reviewer (id),
    created_at TEXT NOT NULL,
    expires_at TEXT NOT NULL,
    used_at TEXT
);

CREATE TABLE session (
    token_hash TEXT PRIMARY KEY,
    reviewer TEXT NOT NULL REFERENCES reviewer (id),
    csrf TEXT NOT NULL,
    created_at TEXT NOT NULL,
    expires_at TEXT NOT NULL
);

-- Where each reviewer is with each ad: handed out (`pending`, until `lease_until`), answered or
-- skipped.
CREATE TABLE review (
    item TEXT NOT NULL,
    reviewer TEXT NOT NULL REFERENCES reviewer (id),
    state TEXT NOT NULL CHECK (state IN ('pending', 'answered', 'skipped')),
    lease_until TEXT,
    updated_at TEXT NOT NULL,
    PRIMARY KEY (item, reviewer)
);

CREATE TABLE answer (
    item TEXT NOT NULL,
    reviewer TEXT NOT NULL REFERENCES reviewer (id),
    question TEXT NOT NULL,
    value TEXT NOT NULL,
    answered_at TEXT NOT NULL,
    PRIMARY KEY (item, reviewer, question)
);

CREATE INDEX answer_by_reviewer ON answer (reviewer);
