/**
 * The learned-MAC model behind stale-team-mac (see that file for the rule): what MAC a vendor team
 * learned for a VM's vSwitch port — on the VM's arrival behind it, re-learned at each team reset —
 * and whether the vNIC's current MAC still matches it. Reads inventory histories and signals only.
 */
import type { EvidenceRef } from '../contract.ts';
import type { ExpectedTeam } from '../engine/predictor.ts';
import type { HostView } from '../engine/view.ts';
import type { Mac } from '../model/mac.ts';
import type { VmNetworkAdapter } from '../model/inventory.ts';
import { eventRef, sameDescription, signalsOf } from './kit.ts';
import { findNic, sameVm, vmSetOf, type NicSighting, type SightingIndex, type VmKey } from './vm-identity.ts';

export interface StaleNic {
  nic: VmNetworkAdapter;
  team: ExpectedTeam;
  learned: Mac;
  previous: Mac;
  current: Mac;
  changeAt: number;
  evidence: EvidenceRef[];
  ips: string[];
}

/** Times the vendor team was reset (or went down) after `from`: inventory status not Up, VmSwitch 22, link events on it. */
function teamResets(h: HostView, team: ExpectedTeam, from: number): { time: number; ref: EvidenceRef }[] {
  const nic = team.teamNic!;
  const out: { time: number; ref: EvidenceRef }[] = [];
  for (const e of h.inventoryHistory) {
    if (e.time < from) continue;
    const a = e.value.netAdapters?.find((x) => x.name.toLowerCase() === nic.name.toLowerCase());
    if (a && a.status.toLowerCase() !== 'up') out.push({ time: e.time, ref: e.ref });
  }
  for (const s of h.signals) {
    if (s.time < from) continue;
    const sig = s.signal;
    const names = (x: string | null) => !!x && (x.toLowerCase() === nic.name.toLowerCase() || sameDescription(x, nic.description));
    if ((sig.kind === 'vswitch-media-disconnected' && names(sig.friendlyName)) || ((sig.kind === 'nic-link-down' || sig.kind === 'nic-link-up') && names(sig.adapter))) out.push({ time: s.time, ref: eventRef(s) });
  }
  return out.sort((a, b) => a.time - b.time);
}

const startedOn = (h: HostView, vm: VmKey, after: number, until: number) =>
  signalsOf(h, 'vm-started', after + 1, until).filter((s) => sameVm(vm, { name: s.signal.vm, id: s.signal.vmId }));

interface Residency {
  here: NicSighting[];
  /** Time of the last inventory of the host that did not list the VM (its arrival came after), or null. */
  absentAt: number | null;
}

/*
 * Residencies are memoised per host history: the history only grows at the end and is pruned at
 * the front, and its entries are never mutated, so (first entry, last entry, length) identifies
 * its content. A fleet-scope evaluation then recomputes only the host whose history changed.
 */
const residencyCache = new WeakMap<object, { first: object; length: number; byVnic: Map<string, Residency> }>();

function cachedResidency(h: HostView, vm: VmKey, key: string): Residency {
  const hist = h.inventoryHistory;
  const last = hist[hist.length - 1];
  if (!last) return { here: [], absentAt: null };
  let c = residencyCache.get(last);
  if (!c || c.first !== hist[0] || c.length !== hist.length) {
    c = { first: hist[0], length: hist.length, byVnic: new Map() };
    residencyCache.set(last, c);
  }
  const k = `${vm.id?.toLowerCase() ?? ''}|${vm.name.toLowerCase()}|${key}`;
  let r = c.byVnic.get(k);
  if (!r) c.byVnic.set(k, (r = residency(h, vm, key)));
  return r;
}

/**
 * The vNIC's residency on `h`: its sightings in h's history since the last inventory of `h` that
 * did not list the VM, and whether such an inventory exists (the arrival was observed).
 */
function residency(h: HostView, vm: VmKey, key: string): Residency {
  let here: NicSighting[] = [];
  let absentAt: number | null = null;
  for (const e of h.inventoryHistory) {
    if (!vmSetOf(e.value).has(vm)) {
      here = [];
      absentAt = e.time;
      continue;
    }
    const nic = findNic(e.value, vm, key);
    if (nic) here.push({ time: e.time, host: h, nic, mac: nic.mac, ref: e.ref });
  }
  return { here, absentAt };
}

/** Until when a host kept listing the VM after this sighting: its next inventory change, else its latest report. */
function listedUntil(s: NicSighting): number {
  return s.host.inventoryHistory.find((e) => e.time > s.time)?.time ?? s.host.inventoryAt ?? s.time;
}

/** The stale-MAC verdict for one vNIC on a vendor-team vSwitch of `h`, or null when the team forwards its MAC. */
export function staleNic(sightings: () => SightingIndex, h: HostView, vm: VmKey, key: string, n: VmNetworkAdapter, team: ExpectedTeam): StaleNic | null {
  const current = n.mac!;
  const { here, absentAt } = cachedResidency(h, vm, key);
  const first = here.find((s) => s.mac);
  if (!first) return null;
  // Where it came from, only when h's own history shows it arriving: a VM already on h when h's
  // history begins is taken as learned with the first MAC seen (what came before is unknown). The
  // previous host counts only if it still listed the VM after h's last report without it — an
  // older sighting (another host's snapshot retained beyond the window) says nothing about the
  // MAC the VM brought along.
  let prior: NicSighting | null = null;
  if (absentAt !== null) {
    const elsewhere = sightings().get(vm, key).filter((s) => s.host !== h && s.time < here[0].time);
    const candidate = elsewhere[elsewhere.length - 1];
    const lastReportWithout = Math.max(absentAt, ...h.reports.filter((t) => t < here[0].time));
    if (candidate && listedUntil(candidate) >= lastReportWithout) prior = candidate;
  }

  // 1. What the team learned when the port appeared behind it.
  let learned = first.mac!;
  let learnedRef = first.ref;
  if (prior?.mac && prior.mac !== first.mac) {
    const changedThere = startedOn(prior.host, vm, prior.time, first.time).length > 0 && startedOn(h, vm, prior.time, first.time).length === 0;
    if (!changedThere) {
      learned = prior.mac;
      learnedRef = prior.ref;
    }
  }

  // Nothing but the current MAC ever seen here, and the team learned it: resets cannot change that.
  if (learned === current && here.every((s) => s.mac === current || s.mac === null)) return null;

  // 3 (first half). When did the current MAC appear: the start of its latest run.
  let j = here.length - 1;
  while (j >= 0 && (here[j].mac === current || here[j].mac === null)) j--;
  const firstNew = here.slice(j + 1).find((s) => s.mac === current);
  if (!firstNew) return null;
  const before = j >= 0 ? here[j] : prior;
  const starts = startedOn(h, vm, before?.time ?? -Infinity, firstNew.time);
  const start = starts[starts.length - 1];
  const changeAt = start?.time ?? firstNew.time;

  // 2. Resets re-learn the MAC the vNIC had then; one after the change clears the fault.
  for (const r of teamResets(h, team, prior ? prior.time : -Infinity)) {
    if (r.time >= changeAt) return null;
    const at = [...here].reverse().find((s) => s.mac && s.time <= r.time);
    if (at) {
      learned = at.mac!;
      learnedRef = r.ref;
    }
  }
  if (learned === current) return null;
  const ips = [...new Set(here.flatMap((s) => s.nic.ipAddresses))];
  const evidence = [learnedRef, ...(before && before.ref !== learnedRef ? [before.ref] : []), ...(start ? [eventRef(start)] : []), firstNew.ref];
  return { nic: n, team, learned, previous: before?.mac ?? learned, current, changeAt, evidence, ips };
}
