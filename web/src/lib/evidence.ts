/** Turns stored evidence, alert transitions and incident timelines into timeline entries. Pure. */
import type { AlertDetailDto, EvidenceRecordDto, TimelineItemDto } from '../contract.ts';
import type { TimelineEntry } from '../components/Timeline.svelte';
import { displayValue } from './format.ts';

function recordDetail(e: EvidenceRecordDto): string | undefined {
  const r = e.record ?? {};
  const get = (k: string) => (r as Record<string, unknown>)[k];
  switch (e.ref.kind) {
    case 'event': {
      const head = [get('provider'), get('eventId')].filter((x) => x !== undefined && x !== null).join(' ');
      const msg = get('message');
      return [head, typeof msg === 'string' ? msg.trim() : ''].filter(Boolean).join(': ') || undefined;
    }
    case 'switchLog':
      return typeof get('message') === 'string' ? (get('message') as string) : undefined;
    case 'snapshot': {
      // A stored snapshot change: counts, then which rows changed (their keys), not the raw rows.
      const n = (k: string) => (typeof get(k) === 'number' ? (get(k) as number) : null);
      if (n('added') !== null || n('changed') !== null || n('removed') !== null) {
        const counts = `added ${n('added') ?? 0} · changed ${n('changed') ?? 0} · removed ${n('removed') ?? 0}${n('rows') !== null ? ` (of ${n('rows')} rows)` : ''}`;
        const changed = get('changedRows');
        const keys = Array.isArray(changed) ? changed.map((c) => displayValue((c as Record<string, unknown>)?.key ?? c)).slice(0, 4) : [];
        const more = Array.isArray(changed) && changed.length > keys.length ? ` … +${changed.length - keys.length}` : '';
        return keys.length ? `${counts}\n${keys.join('\n')}${more}` : counts;
      }
      return generic(r);
    }
    default:
      return generic(r);
  }
}

function generic(r: Record<string, unknown>): string | undefined {
  const text = Object.entries(r)
    .map(([k, v]) => `${k}=${displayValue(v)}`)
    .join('  ');
  return text.length > 400 ? text.slice(0, 399) + '…' : text || undefined;
}

export function alertTimeline(d: AlertDetailDto): TimelineEntry[] {
  const out: TimelineEntry[] = [];
  const seen = new Set<string>();
  for (const e of d.evidence) {
    const key = `${e.ref.kind}:${e.ref.id}`;
    seen.add(key);
    out.push({ key, time: e.ref.time, kind: e.ref.kind, label: e.ref.label, detail: recordDetail(e), href: e.ref.kind === 'alert' ? `/alerts/${e.ref.id}` : undefined });
  }
  for (const ref of d.alert.evidence) {
    const key = `${ref.kind}:${ref.id}`;
    if (seen.has(key)) continue;
    seen.add(key);
    out.push({ key, time: ref.time, kind: ref.kind, label: ref.label, href: ref.kind === 'alert' ? `/alerts/${ref.id}` : undefined });
  }
  d.transitions.forEach((t, i) =>
    out.push({ key: `transition:${i}:${t.time}`, time: t.time, kind: 'transition', label: `${t.from ?? 'new'} → ${t.to}`, detail: t.note ?? undefined }),
  );
  return out;
}

export function incidentTimeline(items: TimelineItemDto[]): TimelineEntry[] {
  return items.map((t, i) => ({
    key: `${i}:${t.kind}:${t.ref?.id ?? ''}`,
    time: t.time,
    kind: t.kind,
    label: t.alertId !== undefined ? `#${t.alertId} · ${t.label}` : t.label,
    href: t.alertId !== undefined ? `/alerts/${t.alertId}` : undefined,
  }));
}
