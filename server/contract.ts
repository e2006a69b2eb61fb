/**
 * The wire, typed once: REST DTOs and the socket.io event maps shared by the server and the web
 * app. Type-only (no runtime code), so the web bundle imports it without pulling server code.
 * JSON fields are camelCase; times are ISO-8601 UTC strings; MACs lower-case colon form.
 */

// ---------------------------------------------------------------------------------------------
// Errors and ingest

export interface ApiError {
  error: { code: string; message: string; details?: unknown };
}

export interface IngestReject {
  index?: number;
  line?: number;
  part?: string;
  reason: string;
}

export interface IngestResult {
  format: string;
  accepted: number;
  duplicates: number;
  /** Records older than the engine's lateness window: stored and flagged, judged by replay only. */
  late: number;
  rejected: IngestReject[];
}

// ---------------------------------------------------------------------------------------------
// Collection read API

export interface HealthDto {
  status: 'ok';
  version: string;
  schemaVersion: number;
  uptimeSec: number;
  demo: boolean;
  engineTime: string | null;
  counts: { hosts: number; events: number; snapshots: number; switchLogs: number; alertsFiring: number };
}

export interface HostSummaryDto {
  name: string;
  key: string;
  cluster: string | null;
  firstSeen: string;
  lastSeen: string;
  lastReport: string | null;
  collectorVersion: string | null;
  osName: string | null;
  osBuild: number | null;
  demo: boolean;
  health: 'ok' | 'warning' | 'critical' | 'unknown';
  firingAlerts: number;
  teams: TeamTileDto[];
}

export interface TeamTileDto {
  name: string;
  kind: 'lbfo' | 'vendor' | 'set';
  status: string;
  members: { name: string; state: 'active' | 'standby' | 'failed' | 'unknown' }[];
}

export interface HostsDto {
  hosts: HostSummaryDto[];
}

export interface HostDetailDto {
  host: HostSummaryDto;
  /** Latest inventory (or as of `?at=`). Shapes are the normalized inventory (server/model/inventory.ts). */
  at: string | null;
  inventory: Record<string, unknown> | null;
}

export interface EventDto {
  id: number;
  host: string;
  channel: string;
  provider: string;
  eventId: number;
  level: number;
  recordId: number | null;
  time: string;
  computer: string;
  qualifiers: number | null;
  message: string | null;
  data: Record<string, string>;
  late?: boolean;
}

export interface EventsDto {
  events: EventDto[];
  next?: string;
}

export interface NeighborEntryDto {
  ip: string;
  mac: string | null;
  state: string;
  iface: string | null;
  vlan: number | null;
  ageSec: number | null;
}

export interface NeighborsDto {
  observer: string;
  at: string | null;
  entries: NeighborEntryDto[];
}

export interface MacTableEntryDto {
  mac: string;
  vlan: number | null;
  port: string;
  type: string;
}

export interface MacTableDto {
  device: string;
  at: string | null;
  entries: MacTableEntryDto[];
}

export interface SwitchLogDto {
  id: number;
  device: string;
  time: string;
  kind: string;
  mnemonic: string | null;
  mac: string | null;
  vlan: number | null;
  fromPort: string | null;
  toPort: string | null;
  message: string;
}

// ---------------------------------------------------------------------------------------------
// Alerts, incidents, silences, patterns

export type Severity = 'critical' | 'warning' | 'info';
export type AlertStatus = 'pending' | 'firing' | 'resolved';

export interface AlertSubject {
  host?: string;
  team?: string;
  vm?: string;
  vmId?: string;
  mac?: string;
  ip?: string;
  switch?: string;
  vlan?: number;
  hosts?: string[];
}

/** One side of the expected-vs-observed comparison: a sentence plus the values behind it. */
export interface StateSide {
  summary: string;
  values: Record<string, unknown>;
}

export interface EvidenceRef {
  kind: 'event' | 'snapshot' | 'switchLog' | 'alert';
  id: number;
  time: string;
  label: string;
}

export interface Remediation {
  text: string;
  /** Copyable PowerShell (or switch CLI) where one exists. */
  commands?: string[];
}

export interface SuppressedBy {
  kind: 'inhibition' | 'silence';
  id: string;
}

export interface AlertDto {
  id: number;
  fingerprint: string;
  pattern: string;
  severity: Severity;
  status: AlertStatus;
  subject: AlertSubject;
  startsAt: string;
  endsAt: string | null;
  updatedAt: string;
  summary: string;
  expected: StateSide;
  observed: StateSide;
  evidence: EvidenceRef[];
  explanation: string;
  remediation: Remediation;
  acknowledged?: { by: string; comment: string; at: string };
  suppressedBy?: SuppressedBy;
  /** Alias of suppressedBy when the suppression is a silence (kept for Alertmanager-minded clients). */
  silencedBy?: string;
  incidentId: number | null;
  demo?: boolean;
}

export interface AlertTransitionDto {
  alertId: number;
  time: string;
  from: AlertStatus | null;
  to: AlertStatus | 'acknowledged' | 'unacknowledged' | 'suppressed' | 'unsuppressed';
  note: string | null;
}

export interface AlertsDto {
  alerts: AlertDto[];
  next?: string;
}

export interface AlertDetailDto {
  alert: AlertDto;
  transitions: AlertTransitionDto[];
  evidence: EvidenceRecordDto[];
  related: AlertDto[];
}

export interface EvidenceRecordDto {
  ref: EvidenceRef;
  /** The stored record: an EventDto, a snapshot row with its values, or a SwitchLogDto. */
  record: Record<string, unknown>;
}

export interface Matcher {
  name: 'pattern' | 'severity' | 'host' | 'team' | 'vm' | 'mac' | 'ip' | 'switch' | 'vlan';
  value: string;
  /** Regular expression match instead of equality. */
  isRegex?: boolean;
  /** Negated match. */
  isNegative?: boolean;
}

export interface SilenceDto {
  id: string;
  matchers: Matcher[];
  startsAt: string;
  endsAt: string;
  createdBy: string;
  comment: string;
  /** 'silence' mutes notifications; 'maintenance' also keeps matching alerts from firing. */
  kind: 'silence' | 'maintenance';
  status: 'pending' | 'active' | 'expired';
}

export interface SilencesDto {
  silences: SilenceDto[];
}

export interface IncidentDto {
  id: number;
  title: string;
  scope: { hosts: string[]; cluster: string | null };
  status: 'open' | 'resolved';
  severity: Severity;
  startsAt: string;
  endsAt: string | null;
  alertIds: number[];
}

export interface IncidentsDto {
  incidents: IncidentDto[];
}

export interface IncidentDetailDto {
  incident: IncidentDto;
  alerts: AlertDto[];
  timeline: TimelineItemDto[];
}

export interface TimelineItemDto {
  time: string;
  kind: 'event' | 'snapshot' | 'switchLog' | 'transition';
  label: string;
  ref?: EvidenceRef;
  alertId?: number;
}

export interface PatternDto {
  id: string;
  title: string;
  severity: Severity;
  subject: string[];
  meaning: string;
  signals: string[];
  benign: string[];
  remediation: string;
  sources: string[];
}

export interface PatternsDto {
  patterns: PatternDto[];
}

/** Observed and expected state of one host, side by side (`GET /api/v1/hosts/:host/state`). */
export interface HostStateDto {
  host: string;
  at: string | null;
  teams: {
    name: string;
    kind: 'lbfo' | 'vendor' | 'set';
    observed: { status: string | null; members: { name: string; state: string; failureReason: string | null; mac: string | null; speedBps: number | null }[]; teamMac: string | null };
    expected: { status: string; activeMembers: string[]; teamMac: string | null; primaryMember: string | null };
    teamingMode: string | null;
    loadBalancingAlgorithm: string | null;
    vSwitches: string[];
  }[];
  vSwitches: { name: string; type: string; boundTo: string[]; allowManagementOS: boolean; embeddedTeaming: boolean }[];
  vNics: {
    name: string;
    vm: string | null;
    isManagementOs: boolean;
    switch: string | null;
    mac: string | null;
    dynamicMac: boolean | null;
    ips: string[];
    allowTeaming: boolean | null;
    status: string[];
    expectedMember: string | null;
  }[];
  macLocations: { mac: string; owner: string; expected: string | null; observed: { device: string; port: string; vlan: number | null }[] }[];
}

// ---------------------------------------------------------------------------------------------
// socket.io

export interface IngestCounters {
  /** Totals since server start. */
  accepted: number;
  rejected: number;
  duplicates: number;
  /** Events accepted per minute over the last 60 minutes, oldest first (for sparklines). */
  eventsPerMinute: number[];
}

export interface Snapshot {
  serverTime: string;
  demo: boolean;
  hosts: HostSummaryDto[];
  alerts: AlertDto[];
  counters: IngestCounters;
}

export interface ServerToClientEvents {
  /** Sent on every (re)connection: the full picture. Deltas follow. */
  snapshot: (s: Snapshot) => void;
  /** One or more alerts changed (created, status, ack, suppression). The first change is sent at once; later ones within 25 ms are coalesced. */
  alerts: (changes: AlertDto[]) => void;
  /** Host summaries that changed (health, teams, last report). */
  hosts: (changes: HostSummaryDto[]) => void;
  /** Ingest counters, at most once per second. */
  counters: (c: IngestCounters) => void;
}

export interface ClientToServerEvents {
  /** Ask for a fresh snapshot (e.g. after a long background tab). */
  resync: () => void;
}

// ---------------------------------------------------------------------------------------------
// Aggregates for charts (GET /api/v1/stats/...)

/** One series per key (pattern, host or device), counts aligned with `buckets` (bucket start times). */
export interface StatsSeriesDto {
  buckets: string[];
  bucketMs: number;
  series: { key: string; counts: number[] }[];
}

export interface SwitchLogsDto {
  switchLogs: SwitchLogDto[];
}

export interface AckResultDto {
  alert: AlertDto;
}

export interface SilenceResultDto {
  silence: SilenceDto;
}
