-- 001: collection storage. Times are epoch milliseconds UTC; event times also keep `ticks`
-- (100-ns units inside the millisecond). Host identity is `host_key` (first DNS label, lower case).

CREATE TABLE hosts (
  key TEXT PRIMARY KEY,
  name TEXT NOT NULL,
  first_seen INTEGER NOT NULL,
  last_seen INTEGER NOT NULL,
  -- epoch ms of the newest bundle/inventory the host's collector sent (NULL: events only so far)
  last_report INTEGER,
  collector_version TEXT,
  os_name TEXT,
  os_build INTEGER,
  cluster TEXT
);

CREATE TABLE ingest_log (
  id INTEGER PRIMARY KEY,
  received_at INTEGER NOT NULL,
  source TEXT NOT NULL,          -- 'http' | 'syslog-udp' | 'syslog-tcp' | 'es-bulk' | 'demo' | 'cli'
  client TEXT,                   -- token label or remote address
  format TEXT,
  bytes INTEGER NOT NULL,
  accepted INTEGER NOT NULL,
  duplicates INTEGER NOT NULL,
  rejected INTEGER NOT NULL,
  late INTEGER NOT NULL DEFAULT 0,
  error TEXT
);
CREATE INDEX ingest_log_time ON ingest_log(received_at);

CREATE TABLE events (
  id INTEGER PRIMARY KEY,
  host_key TEXT NOT NULL,
  host TEXT NOT NULL,
  channel TEXT NOT NULL,
  provider TEXT NOT NULL,
  provider_guid TEXT,
  event_id INTEGER NOT NULL,
  qualifiers INTEGER,
  version INTEGER,
  level INTEGER NOT NULL,
  task INTEGER,
  opcode INTEGER,
  keywords TEXT,
  record_id INTEGER,
  time INTEGER NOT NULL,
  ticks INTEGER NOT NULL DEFAULT 0,
  computer TEXT NOT NULL,
  message TEXT,
  data TEXT NOT NULL,            -- JSON object of named values
  params TEXT NOT NULL,          -- JSON array of positional values
  user_data_name TEXT,
  binary TEXT,
  raw TEXT NOT NULL,
  -- idempotency: host|channel|record id, or a content hash when the source has no record id
  dedup_key TEXT NOT NULL,
  ingest_id INTEGER NOT NULL,
  late INTEGER NOT NULL DEFAULT 0
);
CREATE UNIQUE INDEX events_dedup ON events(dedup_key);
CREATE INDEX events_host_time ON events(host_key, time);
CREATE INDEX events_id_time ON events(event_id, time);
CREATE INDEX events_time ON events(time);

-- Snapshots (inventory, neighbor tables, MAC tables) are stored as changes: each received
-- snapshot adds one `snapshots` row (the "seen at" mark); only rows that appeared, changed or
-- vanished touch `snapshot_rows`, whose [valid_from, valid_to) interval says when each row held.
-- "As of T" = rows with valid_from <= T < coalesce(valid_to, +inf).
CREATE TABLE snapshots (
  id INTEGER PRIMARY KEY,
  kind TEXT NOT NULL,            -- 'inventory' | 'neighbors' | 'macTable'
  source TEXT NOT NULL,          -- host key, observer key or device key
  source_name TEXT NOT NULL,
  time INTEGER NOT NULL,
  format TEXT,
  added INTEGER NOT NULL,
  changed INTEGER NOT NULL,
  removed INTEGER NOT NULL,
  row_count INTEGER NOT NULL,
  ingest_id INTEGER NOT NULL,
  late INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX snapshots_source_time ON snapshots(kind, source, time);
CREATE INDEX snapshots_time ON snapshots(time);

CREATE TABLE snapshot_rows (
  id INTEGER PRIMARY KEY,
  kind TEXT NOT NULL,
  source TEXT NOT NULL,
  row_key TEXT NOT NULL,         -- e.g. 'netAdapters|Ethernet 1', '10.0.0.1|0x7', '00:15:5d:..|10|Gi0/1'
  value TEXT NOT NULL,           -- JSON of the row
  valid_from INTEGER NOT NULL,
  valid_to INTEGER,
  snapshot_id INTEGER NOT NULL
);
CREATE INDEX snapshot_rows_open ON snapshot_rows(kind, source, valid_to);
CREATE INDEX snapshot_rows_from ON snapshot_rows(kind, source, valid_from);

-- Snapshots that arrive older than the newest stored one for their source cannot be woven into
-- the change history; they are kept whole here and flagged, never dropped.
CREATE TABLE late_snapshots (
  id INTEGER PRIMARY KEY,
  kind TEXT NOT NULL,
  source TEXT NOT NULL,
  time INTEGER NOT NULL,
  body TEXT NOT NULL,
  ingest_id INTEGER NOT NULL
);

CREATE TABLE switch_logs (
  id INTEGER PRIMARY KEY,
  device_key TEXT NOT NULL,
  device TEXT NOT NULL,
  time INTEGER NOT NULL,
  log_kind TEXT NOT NULL,        -- 'flap' | 'move' | 'learn-disabled' | 'unclassified'
  mnemonic TEXT,
  severity INTEGER,
  mac TEXT,
  vlan INTEGER,
  from_port TEXT,
  to_port TEXT,
  message TEXT NOT NULL,
  raw TEXT NOT NULL,
  dedup_key TEXT NOT NULL,
  ingest_id INTEGER NOT NULL,
  late INTEGER NOT NULL DEFAULT 0
);
CREATE UNIQUE INDEX switch_logs_dedup ON switch_logs(dedup_key);
CREATE INDEX switch_logs_device_time ON switch_logs(device_key, time);
CREATE INDEX switch_logs_mac_time ON switch_logs(mac, time);

CREATE TABLE settings (
  key TEXT PRIMARY KEY,
  value TEXT NOT NULL
);
