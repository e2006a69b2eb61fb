/**
 * Silences and maintenance windows: how long they last, how the request states it, and the order
 * the list shows them in. Pure.
 */
import type { Matcher, SilenceDto } from '../contract.ts';
import { fromLocalInput } from './format.ts';

export interface DurationChoice {
  id: string;
  label: string;
  minutes: number;
}

/** Presets offered by the silence forms; 'custom' means "until a chosen time". */
export const DURATIONS: readonly DurationChoice[] = [
  { id: '1h', label: '1 hour', minutes: 60 },
  { id: '4h', label: '4 hours', minutes: 240 },
  { id: '1d', label: '1 day', minutes: 1440 },
  { id: 'custom', label: 'until…', minutes: 0 },
];

export const MATCHER_NAMES: readonly Matcher['name'][] = ['host', 'pattern', 'severity', 'team', 'vm', 'mac', 'ip', 'switch', 'vlan'];

export interface SilenceEnd {
  /** What goes into the request: a duration from the start, or a fixed end. */
  body: { durationMinutes: number } | { endsAt: string };
  /** The end as the operator should expect it (epoch ms), for previews and validation. */
  endsAt: number;
}

/**
 * The end of a silence starting at `startMs` (now, when the server picks the start). A preset is
 * sent as `durationMinutes`, so the server measures it from the start it chooses; a custom end is
 * sent as `endsAt`. Null when the custom time is missing or not after the start.
 */
export function silenceEnd(duration: string, untilInput: string, startMs: number): SilenceEnd | null {
  const preset = DURATIONS.find((d) => d.id === duration && d.id !== 'custom');
  if (preset) return { body: { durationMinutes: preset.minutes }, endsAt: startMs + preset.minutes * 60e3 };
  const iso = fromLocalInput(untilInput);
  if (!iso || Date.parse(iso) <= startMs) return null;
  return { body: { endsAt: iso }, endsAt: Date.parse(iso) };
}

const STATUS_RANK: Record<SilenceDto['status'], number> = { active: 0, pending: 1, expired: 2 };

/** Active first (ending soonest first), then pending (starting soonest), then expired (newest). */
export function compareSilences(a: SilenceDto, b: SilenceDto): number {
  const r = STATUS_RANK[a.status] - STATUS_RANK[b.status];
  if (r !== 0) return r;
  if (a.status === 'active') return a.endsAt.localeCompare(b.endsAt) || a.id.localeCompare(b.id);
  if (a.status === 'pending') return a.startsAt.localeCompare(b.startsAt) || a.id.localeCompare(b.id);
  return b.endsAt.localeCompare(a.endsAt) || a.id.localeCompare(b.id);
}

/**
 * Checks a matcher before it is sent; null when it is fine. The server compiles a regex matcher
 * anchored and case-insensitive and silently never matches one that does not compile, so a typo
 * is caught here instead.
 */
export function matcherProblem(m: Matcher): string | null {
  if (!m.value.trim()) return `${m.name}: a value is needed`;
  if (!m.isRegex) return null;
  try {
    new RegExp(`^(?:${m.value})$`, 'i');
    return null;
  } catch {
    return `${m.name}: not a valid regular expression`;
  }
}
