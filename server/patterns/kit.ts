/**
 * Small helpers shared by pattern files: evidence references, signal windows, team lookups.
 * Nothing here decides anything; decisions live in the pattern files.
 */
import type { EvidenceRef } from '../contract.ts';
import type { Signal } from '../engine/classify.ts';
import type { ExpectedTeam } from '../engine/predictor.ts';
import type { HostView, SignalRecord } from '../engine/view.ts';
import type { PatternContext } from './types.ts';
import { iso } from '../model/time.ts';

export type SignalOf<K extends Signal['kind']> = SignalRecord & { signal: Extract<Signal, { kind: K }> };

/** Signals of one kind on a host within [from, to] (event time), oldest first. */
export function signalsOf<K extends Signal['kind']>(h: HostView, kind: K, from = -Infinity, to = Infinity): SignalOf<K>[] {
  const out: SignalOf<K>[] = [];
  for (const s of h.signals) {
    if (s.time < from) continue;
    if (s.time > to) break;
    if (s.signal.kind === kind) out.push(s as SignalOf<K>);
  }
  return out;
}

export function eventRef(s: SignalRecord, label?: string): EvidenceRef {
  return { kind: 'event', id: s.rowId, time: iso(s.time), label: label ?? `${s.provider} ${s.windowsEventId}` };
}

/** Evidence lists stay readable: the newest `max` references, oldest first. */
export function capEvidence(refs: EvidenceRef[], max = 25): EvidenceRef[] {
  return refs.length <= max ? refs : refs.slice(refs.length - max);
}

export function teamsOf(ctx: PatternContext, h: HostView): ExpectedTeam[] {
  return h.inventory ? ctx.fleet.predictor.classifyTeams(h.inventory) : [];
}

export function hostOf(ctx: PatternContext, key: string): HostView | undefined {
  return ctx.fleet.hosts.get(key);
}

/** Normalizes an adapter/team-NIC description for comparison (case, `#n` spacing, whitespace). */
export function sameDescription(a: string | null | undefined, b: string | null | undefined): boolean {
  if (!a || !b) return false;
  const n = (s: string) => s.trim().toLowerCase().replace(/\s+/g, ' ');
  return n(a) === n(b);
}

/** The team a member adapter (by name or description) belongs to on this host. */
export function teamOfMember(teams: ExpectedTeam[], h: HostView, adapter: string | null): ExpectedTeam | null {
  if (!adapter) return null;
  const byName = teams.find((t) => t.members.some((m) => m.toLowerCase() === adapter.toLowerCase()));
  if (byName) return byName;
  const a = h.inventory?.netAdapters?.find((x) => sameDescription(x.description, adapter) || x.name.toLowerCase() === adapter.toLowerCase());
  if (!a) return null;
  return teams.find((t) => t.members.some((m) => m.toLowerCase() === a.name.toLowerCase())) ?? null;
}

export function minutes(ms: number): string {
  const m = Math.round(ms / 60_000);
  return m < 1 ? `${Math.round(ms / 1000)} s` : `${m} min`;
}

/**
 * A value as a PowerShell single-quoted string: `'` doubled, control characters (a newline would
 * start a new command when pasted) replaced. Every name that came from a host or switch goes
 * through this before it is put into a copyable command.
 */
export function psq(value: string | null | undefined): string {
  return `'${inPsq(value)}'`;
}

/** The inside of a single-quoted PowerShell string (for names embedded in longer literals). */
export function inPsq(value: string | null | undefined): string {
  return String(value ?? '').replace(/[\u0000-\u001f\u007f]/g, '?').replace(/['\u2018\u2019\u201a\u201b]/g, "''");
}
