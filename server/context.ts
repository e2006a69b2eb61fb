/**
 * A data context is one database with everything built on it: stores, pipeline, engine. The
 * server has a real context and, while the demo fleet runs, a demo context on its own database
 * file. `Runtime.current()` is what reads see; ingest chooses the context by token.
 */
import { openDb, type Db } from '../db/open.ts';
import { createStores, type Stores } from './stores.ts';
import { createPipeline, type EngineSink, type Pipeline } from './pipeline.ts';
import type { Bus } from './bus.ts';

export interface DataContext {
  name: 'real' | 'demo';
  db: Db;
  stores: Stores;
  pipeline: Pipeline;
  engine: EngineHandle | null;
  close(): void;
}

/**
 * What the rest of the server needs from the engine of a context. Kept as an interface so the
 * collection layer stands on its own; server/engine provides the implementation.
 */
export interface EngineHandle extends EngineSink {
  /** Advance the clock by the wall time elapsed since the last accepted observation. */
  tick(wallNow: number): void;
  stop(): void;
}

export type EngineFactory = (ctx: { name: 'real' | 'demo'; db: Db; stores: Stores; bus: Bus }) => EngineHandle | null;

export function openContext(name: 'real' | 'demo', dbPath: string, bus: Bus, engineFactory: EngineFactory | null): DataContext {
  const db = openDb(dbPath);
  const stores = createStores(db);
  const engine = engineFactory ? engineFactory({ name, db, stores, bus }) : null;
  const pipeline = createPipeline({ db, stores, bus, engine });
  return {
    name,
    db,
    stores,
    pipeline,
    engine,
    close() {
      engine?.stop();
      db.close();
    },
  };
}

export interface Runtime {
  /** The context reads and the live stream show: the demo while it runs, else the real one. */
  current(): DataContext;
  real(): DataContext;
  demo(): DataContext | null;
  isDemoActive(): boolean;
  /** Called on the first real ingest: stops the demo and switches every reader to real data. */
  endDemo(): void;
  startedAt: number;
}
