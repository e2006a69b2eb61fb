-- 002: alerts (current state per alert), their append-only transitions, incidents, silences,
-- and the engine ticks needed to replay live processing exactly.

CREATE TABLE alerts (
  id INTEGER PRIMARY KEY,
  fingerprint TEXT NOT NULL,
  pattern TEXT NOT NULL,
  severity TEXT NOT NULL,
  scope TEXT NOT NULL,
  status TEXT NOT NULL,          -- 'pending' | 'firing' | 'resolved'
  fired INTEGER NOT NULL DEFAULT 0,
  subject TEXT NOT NULL,         -- JSON AlertSubject
  host_keys TEXT NOT NULL,       -- ' key1 key2 ' for host filtering
  starts_at INTEGER NOT NULL,
  ends_at INTEGER,
  updated_at INTEGER NOT NULL,
  summary TEXT NOT NULL,
  finding TEXT NOT NULL,         -- JSON: expected, observed, evidence, explanation, remediation
  ack TEXT,                      -- JSON {by, comment, at}
  suppressed_by TEXT,            -- JSON {kind, id}
  incident_id INTEGER
);
CREATE INDEX alerts_status ON alerts(status, severity);
CREATE INDEX alerts_pattern ON alerts(pattern, starts_at);
CREATE INDEX alerts_starts ON alerts(starts_at);
CREATE INDEX alerts_fingerprint ON alerts(fingerprint);

CREATE TABLE alert_transitions (
  id INTEGER PRIMARY KEY,
  alert_id INTEGER NOT NULL,
  time INTEGER NOT NULL,
  from_status TEXT,
  to_status TEXT NOT NULL,
  note TEXT
);
CREATE INDEX alert_transitions_alert ON alert_transitions(alert_id, id);

CREATE TABLE incidents (
  id INTEGER PRIMARY KEY,
  title TEXT NOT NULL,
  hosts TEXT NOT NULL,           -- JSON array of host keys
  cluster TEXT,
  status TEXT NOT NULL,
  severity TEXT NOT NULL,
  starts_at INTEGER NOT NULL,
  ends_at INTEGER,
  alert_ids TEXT NOT NULL        -- JSON array
);

CREATE TABLE silences (
  id TEXT PRIMARY KEY,
  kind TEXT NOT NULL,            -- 'silence' | 'maintenance'
  matchers TEXT NOT NULL,        -- JSON Matcher[]
  starts_at INTEGER NOT NULL,
  ends_at INTEGER NOT NULL,
  created_by TEXT NOT NULL,
  comment TEXT NOT NULL,
  created_at INTEGER NOT NULL,
  deleted_at INTEGER
);

-- Live ticks that moved the engine clock between ingests (or changed alerts): replay re-applies
-- them after the ingest they followed, so replayed alerts equal live ones exactly.
CREATE TABLE engine_ticks (
  id INTEGER PRIMARY KEY,
  after_ingest_id INTEGER NOT NULL,
  time INTEGER NOT NULL
);
CREATE INDEX engine_ticks_after ON engine_ticks(after_ingest_id);
