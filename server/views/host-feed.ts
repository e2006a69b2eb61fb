/**
 * Pushes fresh host summaries to the bus for the hosts an ingest touched or an alert change
 * concerns, at most every 500 ms, so the wall's tiles follow health and team state live.
 */
import type { Bus } from '../bus.ts';
import type { HostSummaryDto } from '../contract.ts';
import { hostKey } from '../model/observation.ts';

export function startHostFeed(bus: Bus, summaries: (keys: string[]) => HostSummaryDto[]): () => void {
  const pending = new Set<string>();
  let timer: NodeJS.Timeout | null = null;
  const schedule = () => {
    timer ??= setTimeout(() => {
      timer = null;
      const keys = [...pending];
      pending.clear();
      const list = summaries(keys);
      if (list.length) bus.emit('hosts', list);
    }, 500);
  };
  const offs = [
    bus.on('ingested', (e) => {
      for (const k of e.hosts) pending.add(k);
      if (e.hosts.length) schedule();
    }),
    bus.on('alerts', (list) => {
      for (const a of list) for (const h of a.subject.hosts ?? (a.subject.host ? [a.subject.host] : [])) pending.add(hostKey(h));
      if (pending.size) schedule();
    }),
  ];
  return () => {
    for (const off of offs) off();
    if (timer) clearTimeout(timer);
  };
}
