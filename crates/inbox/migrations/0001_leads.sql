-- Leads and the notifications owed for them. Plain SQL that SQLite and
-- PostgreSQL both read, so one set of migrations serves either database.
-- Times are milliseconds since the Unix epoch.

CREATE TABLE leads (
    id TEXT PRIMARY KEY,
    email TEXT NOT NULL,
    name TEXT,
    company TEXT,
    calculator TEXT NOT NULL,
    inputs TEXT NOT NULL,
    results TEXT NOT NULL,
    page_url TEXT NOT NULL,
    created_at TEXT NOT NULL,
    received_at BIGINT NOT NULL,
    origin TEXT,
    handled_at BIGINT
);

CREATE INDEX leads_newest ON leads (received_at DESC, id DESC);
CREATE INDEX leads_calculator ON leads (calculator, received_at DESC);
CREATE INDEX leads_email ON leads (email);

CREATE TABLE notifications (
    lead_id TEXT NOT NULL,
    webhook TEXT NOT NULL,
    attempts BIGINT NOT NULL DEFAULT 0,
    next_attempt_at BIGINT NOT NULL,
    lease_until BIGINT NOT NULL DEFAULT 0,
    last_error TEXT,
    delivered_at BIGINT,
    gave_up_at BIGINT,
    PRIMARY KEY (lead_id, webhook)
);

CREATE INDEX notifications_due ON notifications (next_attempt_at)
    WHERE delivered_at IS NULL AND gave_up_at IS NULL;
