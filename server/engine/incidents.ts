/**
 * Incidents: alerts that share a host (or a cluster) and overlap in time are one incident. An
 * alert joins when it first fires; the incident resolves when its last alert resolves.
 */
import type { AlertState, EngineState, IncidentState } from './state.ts';
import type { Changes } from './lifecycle.ts';
import { hostKey } from '../model/observation.ts';

export interface IncidentChanges {
  incidents: Map<number, IncidentState>;
}

function hostsOf(a: AlertState): string[] {
  const hs = a.subject.hosts ?? (a.subject.host ? [a.subject.host] : []);
  return hs.map(hostKey);
}

function clusterOf(state: EngineState, hosts: string[]): string | null {
  for (const h of hosts) {
    const c = state.fleet.hosts.get(h)?.cluster;
    if (c) return c;
  }
  return null;
}

export function updateIncidents(state: EngineState, ch: Changes, out: Map<number, IncidentState>): void {
  const clock = state.clock!;
  for (const a of ch.alerts.values()) {
    if (a.status === 'firing' && a.incidentId === null) {
      const hosts = hostsOf(a);
      const cluster = clusterOf(state, hosts);
      let inc: IncidentState | undefined;
      for (const i of state.incidents.values()) {
        if (i.status !== 'open') continue;
        if (hosts.some((h) => i.hosts.has(h)) || (cluster !== null && i.cluster === cluster)) {
          inc = i;
          break;
        }
      }
      if (!inc) {
        inc = {
          id: state.nextIncidentId++,
          hosts: new Set(),
          cluster,
          alertIds: new Set(),
          startsAt: a.startsAt,
          endsAt: null,
          status: 'open',
          title: a.finding.summary,
        };
        state.incidents.set(inc.id, inc);
      }
      for (const h of hosts) inc.hosts.add(h);
      inc.alertIds.add(a.id);
      inc.startsAt = Math.min(inc.startsAt, a.startsAt);
      if (inc.alertIds.size > 1) inc.title = `${inc.alertIds.size} related alerts${cluster ? ` in cluster ${cluster}` : hosts.length ? ` on ${[...inc.hosts].join(', ')}` : ''}`;
      a.incidentId = inc.id;
      out.set(inc.id, inc);
    }
  }
  for (const a of ch.alerts.values()) {
    if (a.status !== 'resolved' || a.incidentId === null) continue;
    const inc = state.incidents.get(a.incidentId);
    if (!inc || inc.status !== 'open') continue;
    const stillActive = [...inc.alertIds].some((id) => state.byId.get(id)?.status !== 'resolved');
    if (!stillActive) {
      inc.status = 'resolved';
      inc.endsAt = clock;
      out.set(inc.id, inc);
    }
  }
}
