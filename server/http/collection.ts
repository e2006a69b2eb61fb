/**
 * Read API over collected data: hosts, events, neighbor tables, MAC tables, switch logs, health.
 * Lists answer `{<items>: [...], next?}`; `next` is an opaque cursor for the following page.
 */
import { Router } from 'express';
import type { Runtime } from '../context.ts';
import type { EventDto, EventsDto, HostDetailDto, HostsDto, HostSummaryDto, MacTableDto, NeighborsDto, SwitchLogDto } from '../contract.ts';
import type { StoredEvent } from '../../db/events.ts';
import type { HostRow } from '../../db/hosts.ts';
import { query, encodeCursor, decodeCursor } from './query.ts';
import { AppError } from '../errors.ts';
import { formatInstant, iso } from '../model/time.ts';
import { hostKey } from '../model/observation.ts';
import { inventoryFromRows } from '../model/snapshot-rows.ts';
import { teamTiles } from '../views/team-tiles.ts';
import type { DataContext } from '../context.ts';
import type { Inventory } from '../model/inventory.ts';

export function eventDto(e: StoredEvent): EventDto {
  const dto: EventDto = {
    id: e.id,
    host: e.host,
    channel: e.channel,
    provider: e.provider,
    eventId: e.eventId,
    level: e.level,
    recordId: e.recordId,
    time: formatInstant(e.time, e.ticks),
    computer: e.computer,
    qualifiers: e.qualifiers,
    message: e.message,
    data: e.data,
  };
  if (e.late) dto.late = true;
  return dto;
}

export function latestInventory(ctx: DataContext, host: string, at?: number): { at: number | null; inventory: Inventory | null } {
  const r = ctx.stores.snapshots.rowsAsOf('inventory', hostKey(host), at);
  return { at: r.at, inventory: r.at === null ? null : inventoryFromRows(r.rows) };
}

/** Health and alert counts come from the engine when one runs (see server/engine). */
export type HostHealthFn = (ctx: DataContext, hostKey: string) => { health: HostSummaryDto['health']; firing: number };

export function hostSummary(ctx: DataContext, h: HostRow, demo: boolean, health: HostHealthFn): HostSummaryDto {
  const { inventory } = latestInventory(ctx, h.key);
  const hh = health(ctx, h.key);
  return {
    name: h.name,
    key: h.key,
    cluster: h.cluster,
    firstSeen: iso(h.firstSeen),
    lastSeen: iso(h.lastSeen),
    lastReport: h.lastReport === null ? null : iso(h.lastReport),
    collectorVersion: h.collectorVersion,
    osName: h.osName,
    osBuild: h.osBuild,
    demo,
    health: hh.health,
    firingAlerts: hh.firing,
    teams: teamTiles(inventory),
  };
}

const isEventCursor = (v: unknown): v is { time: number; id: number } =>
  typeof v === 'object' && v !== null && Number.isSafeInteger((v as { time: unknown }).time) && Number.isSafeInteger((v as { id: unknown }).id);

export function collectionRouter(deps: { runtime: Runtime; health: HostHealthFn }): Router {
  const r = Router();
  const ctx = () => deps.runtime.current();
  const demo = () => deps.runtime.isDemoActive();

  r.get('/hosts', (_req, res) => {
    const c = ctx();
    const body: HostsDto = { hosts: c.stores.hosts.all().map((h) => hostSummary(c, h, demo(), deps.health)) };
    res.json(body);
  });

  r.get('/hosts/:host', (req, res) => {
    const c = ctx();
    const h = c.stores.hosts.get(String(req.params.host));
    if (!h) throw new AppError('not_found', `No host named '${String(req.params.host).slice(0, 100)}' has reported.`);
    const { at, inventory } = latestInventory(c, h.key, query.time(req, 'at'));
    const body: HostDetailDto = {
      host: hostSummary(c, h, demo(), deps.health),
      at: at === null ? null : iso(at),
      inventory: (inventory as Record<string, unknown> | null) ?? null,
    };
    res.json(body);
  });

  r.get('/events', (req, res) => {
    const limit = query.int(req, 'limit', { min: 1, max: 5000, def: 200 })!;
    const order = query.oneOf(req, 'order', ['asc', 'desc'] as const, 'desc');
    const events = ctx().stores.events.query({
      host: query.str(req, 'host'),
      provider: query.str(req, 'provider'),
      eventId: query.int(req, 'eventId', { min: 0, max: 65535 }),
      since: query.time(req, 'since'),
      until: query.time(req, 'until'),
      after: decodeCursor(req, isEventCursor),
      limit: limit + 1,
      order,
    });
    const page = events.slice(0, limit);
    const body: EventsDto = { events: page.map(eventDto) };
    if (events.length > limit) {
      const last = page[page.length - 1];
      body.next = encodeCursor({ time: last.time, id: last.id });
    }
    res.json(body);
  });

  r.get('/neighbors', (req, res) => {
    const observer = query.str(req, 'observer', 255);
    const c = ctx();
    if (!observer) {
      res.json({ observers: c.stores.snapshots.sources('neighbors').map((s) => ({ observer: s.name, at: iso(s.time) })) });
      return;
    }
    const snap = c.stores.snapshots.rowsAsOf('neighbors', hostKey(observer), query.time(req, 'at'));
    const body: NeighborsDto = {
      observer,
      at: snap.at === null ? null : iso(snap.at),
      entries: snap.rows.map((row) => ({ ageSec: null, ...(row.value as Omit<NeighborsDto['entries'][number], 'ageSec'>) })),
    };
    res.json(body);
  });

  r.get('/mac-table', (req, res) => {
    const device = query.str(req, 'device', 255);
    const c = ctx();
    if (!device) {
      res.json({ devices: c.stores.snapshots.sources('macTable').map((s) => ({ device: s.name, at: iso(s.time) })) });
      return;
    }
    const snap = c.stores.snapshots.rowsAsOf('macTable', hostKey(device), query.time(req, 'at'));
    const body: MacTableDto = {
      device,
      at: snap.at === null ? null : iso(snap.at),
      entries: snap.rows.map((row) => row.value as MacTableDto['entries'][number]),
    };
    res.json(body);
  });

  r.get('/switch-logs', (req, res) => {
    const logs = ctx().stores.switchLogs.query({
      device: query.str(req, 'device'),
      mac: query.str(req, 'mac', 64)?.toLowerCase(),
      kind: query.str(req, 'kind', 32),
      since: query.time(req, 'since'),
      until: query.time(req, 'until'),
      limit: query.int(req, 'limit', { min: 1, max: 5000, def: 200 })!,
    });
    const items: SwitchLogDto[] = logs.map((l) => ({
      id: l.id,
      device: l.device,
      time: iso(l.time),
      kind: l.logKind,
      mnemonic: l.mnemonic,
      mac: l.mac,
      vlan: l.vlan,
      fromPort: l.fromPort,
      toPort: l.toPort,
      message: l.message,
    }));
    res.json({ switchLogs: items });
  });

  return r;
}
