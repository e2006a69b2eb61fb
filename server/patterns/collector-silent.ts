/**
 * collector-silent: a host whose collector has been reporting stops sending bundles. A report is
 * one inventory observation (a collector bundle; HostView.reports). The host's usual interval is
 * the median gap between its recent reports (DEFAULT_INTERVAL_MS when no gap is known); it is
 * silent once SILENCE_FACTOR intervals — never less than MIN_SILENCE_MS — have passed since the
 * last report. Needs at least 2 reports: a host never heard from regularly cannot be overdue.
 * Events do not count as reports: they can arrive through other shippers (Winlogbeat) while the
 * collector, and with it the inventory, is dead.
 *
 * Time-driven: while the host is not yet overdue, recheckAt = last report + threshold, so the
 * engine re-evaluates when the clock (advanced by other hosts' data or live ticks) passes it.
 * Resolves on the next report (wakeOn 'report'). While it fires, the engine holds the host's
 * other alerts instead of resolving them for lack of data (engine/lifecycle.ts).
 */
import type { HostView } from '../engine/view.ts';
import type { Pattern } from './types.ts';
import { minutes } from './kit.ts';
import { ps } from './team-conditions.ts';

export const SILENCE_FACTOR = 3;
export const DEFAULT_INTERVAL_MS = 5 * 60_000;
export const MIN_SILENCE_MS = 3 * 60_000;
/** How many of the newest gaps the usual interval is taken from. */
const RECENT_GAPS = 10;

/** Median of the host's recent report gaps (zero gaps — duplicate deliveries — ignored). */
export function usualInterval(reports: readonly number[]): number {
  const gaps: number[] = [];
  for (let i = Math.max(1, reports.length - RECENT_GAPS); i < reports.length; i++) {
    const g = reports[i] - reports[i - 1];
    if (g > 0) gaps.push(g);
  }
  if (!gaps.length) return DEFAULT_INTERVAL_MS;
  gaps.sort((a, b) => a - b);
  const mid = gaps.length >> 1;
  return gaps.length % 2 ? gaps[mid] : (gaps[mid - 1] + gaps[mid]) / 2;
}

export function silenceThreshold(h: HostView): number {
  return Math.max(MIN_SILENCE_MS, SILENCE_FACTOR * usualInterval(h.reports));
}

export const collectorSilent: Pattern = {
  id: 'collector-silent',
  severity: 'warning',
  scope: 'host',
  subjectKeys: ['host'],
  wakeOn: ['report', 'inventory'],
  forMs: 0,
  doc: {
    title: 'Collector silent',
    meaning:
      'A host that has been sending collector bundles regularly has sent nothing for three times its usual interval. teamwatch is blind to that host: its faults go unseen, and its open alerts are held (not auto-resolved) until data shows recovery.',
    signals: [
      'Times of the host\'s collector reports (bundles/inventories); the usual interval is the median of the last 10 gaps (5 min when unknown)',
      'Silent after 3 × the usual interval, never less than 3 min, without a report',
    ],
    benign: [
      'A host with fewer than 2 reports (never reported regularly)',
      'A host removed from the fleet or under planned maintenance: not modelled as inventory yet — put a silence or maintenance window with a matcher on the host (pattern collector-silent, host=<name>) until it is decommissioned',
    ],
    remediation:
      'Check that the host is up and reachable, that the teamwatch scheduled task runs (Get-ScheduledTask / Get-ScheduledTaskInfo, last result), and that the host can reach the teamwatch server (Test-NetConnection on the ingest port).',
    sources: ['anchors.md §4 (absence as a first-class rule: Wazuh #30822, Graylog #4475, Kibana #141936)'],
  },
  evaluate(ctx, key) {
    const h = ctx.fleet.hosts.get(key);
    if (!h || h.reports.length < 2) return { findings: [] };
    const last = h.reports[h.reports.length - 1];
    const interval = usualInterval(h.reports);
    const threshold = silenceThreshold(h);
    const overdueAt = last + threshold;
    if (ctx.clock < overdueAt) return { findings: [], recheckAt: overdueAt };
    const lastIso = new Date(last).toISOString();
    return {
      findings: [
        {
          subject: { host: h.name },
          since: overdueAt,
          summary: `No collector report from ${h.name} for ${minutes(ctx.clock - last)} (usually every ${minutes(interval)})`,
          expected: {
            summary: `A report from ${h.name} about every ${minutes(interval)}; silent only after ${minutes(threshold)}`,
            values: { intervalMs: interval, thresholdMs: threshold },
          },
          observed: {
            summary: `Last report at ${lastIso}, ${minutes(ctx.clock - last)} ago`,
            values: { lastReport: lastIso, silentForMs: ctx.clock - last, reportsSeen: h.reports.length },
          },
          evidence: h.inventoryRef ? [h.inventoryRef] : [],
          explanation: `teamwatch judges ${h.name} from what its collector sends. Without reports, team, MAC and migration faults on this host go unseen, and its open alerts stay open rather than resolving for lack of data. The host may be down or isolated (which is itself an outage), or only the collector task or its network path to teamwatch may have stopped.`,
          remediation: {
            text: `Check that ${h.name} is up and reachable, that the teamwatch collector task is running and succeeding, and that the host can reach the teamwatch server. If the host was retired or is in maintenance, silence this alert for it.`,
            commands: [
              `Test-Connection -ComputerName ${ps(h.name)} -Count 2`,
              `Invoke-Command -ComputerName ${ps(h.name)} { Get-ScheduledTask -TaskName 'teamwatch collector' | Get-ScheduledTaskInfo | Format-List TaskName,LastRunTime,LastTaskResult,NextRunTime }`,
            ],
          },
        },
      ],
    };
  },
};
