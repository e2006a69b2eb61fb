/**
 * The bundle's `events` and `neighbors` parts. Both are delegated to the parsers that own those
 * formats (event-xml.ts for `EventRecord.ToXml()` strings, get-netneighbor.ts for Get-NetNeighbor
 * rows), so a bundle event is read exactly like the same event posted on its own. Every event
 * belongs to the bundle's host, whatever its `<Computer>` says (a cluster name, a WEF forwarder).
 */
import type { EventObservation, NeighborsObservation } from '../../server/model/observation.ts';
import type { ParseContext, Reject } from './types.ts';
import { eventFromXml } from './event-xml.ts';
import { neighborsFromGetNetNeighbor } from './get-netneighbor.ts';
import { MAX_RECORDS, PartRejects } from './bundle-inventory.ts';
import { show, unwrapPsArray } from './bundle-values.ts';

/** Longest accepted event XML string; real records are a few KB. */
export const MAX_EVENT_CHARS = 256 * 1024;

export function readEvents(input: unknown, host: string, ctx: ParseContext, rejects: Reject[]): EventObservation[] {
  const part = 'events';
  const value = unwrapPsArray(input);
  if (value === undefined || value === null) return [];
  if (!Array.isArray(value)) {
    rejects.push({ part, reason: `events is ${show(value)}, expected a list of event XML strings` });
    return [];
  }
  const bad = new PartRejects(rejects, part);
  const out: EventObservation[] = [];
  const eventCtx: ParseContext = { ...ctx, host };
  const n = Math.min(value.length, MAX_RECORDS);
  for (let i = 0; i < n; i++) {
    const xml = value[i];
    if (typeof xml !== 'string') {
      bad.add(`event is ${show(xml)}, expected an XML string`, i);
      continue;
    }
    if (xml.length > MAX_EVENT_CHARS) {
      bad.add(`event is ${xml.length} characters, more than ${MAX_EVENT_CHARS}`, i);
      continue;
    }
    try {
      out.push({ ...eventFromXml(xml, eventCtx), host });
    } catch (err) {
      bad.add(err instanceof Error ? err.message : 'event could not be parsed', i);
    }
  }
  bad.finish();
  if (value.length > MAX_RECORDS) rejects.push({ part, reason: `events has ${value.length} records; only the first ${MAX_RECORDS} were read` });
  return out;
}

export function readNeighbors(input: unknown, host: string, time: number, rejects: Reject[]): NeighborsObservation | null {
  const part = 'neighbors';
  const value = unwrapPsArray(input);
  if (value === undefined || value === null) return null;
  // One neighbor row arrives as a bare object when the collector forgot to wrap it with @().
  const items = Array.isArray(value) ? value : typeof value === 'object' ? [value] : null;
  if (items === null) {
    rejects.push({ part, reason: `neighbors is ${show(value)}, expected a list of Get-NetNeighbor rows` });
    return null;
  }
  const { entries, rejects: bad } = neighborsFromGetNetNeighbor(items.slice(0, MAX_RECORDS), host, time);
  const partRejects = new PartRejects(rejects, part);
  for (const r of bad) partRejects.add(r.reason, r.index);
  partRejects.finish();
  if (items.length > MAX_RECORDS) rejects.push({ part, reason: `neighbors has ${items.length} rows; only the first ${MAX_RECORDS} were read` });
  return { kind: 'neighbors', observer: host, time, format: 'get-netneighbor', entries };
}
