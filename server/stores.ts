/** Every store of one database, built once per open database. */
import type { Db } from '../db/open.ts';
import { eventStore } from '../db/events.ts';
import { snapshotStore } from '../db/snapshots.ts';
import { switchLogStore } from '../db/switch-logs.ts';
import { hostStore } from '../db/hosts.ts';
import { ingestLogStore } from '../db/ingest-log.ts';
import { settingsStore } from '../db/settings.ts';

export function createStores(db: Db) {
  return {
    events: eventStore(db),
    snapshots: snapshotStore(db),
    switchLogs: switchLogStore(db),
    hosts: hostStore(db),
    ingestLog: ingestLogStore(db),
    settings: settingsStore(db),
  };
}

export type Stores = ReturnType<typeof createStores>;
