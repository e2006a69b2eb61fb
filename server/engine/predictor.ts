/**
 * What the engine asks the simulator (server/simulator) about expected state. The engine holds a
 * Predictor rather than importing prediction functions everywhere, so a pattern test can pass a
 * fixed predictor and the engine depends on one narrow seam.
 */
import type { Inventory } from '../model/inventory.ts';
import type { Mac } from '../model/mac.ts';
import { classifyTeams, type ExpectedTeam } from '../simulator/predict/teams.ts';
import { legitimateMacsForIp } from '../simulator/predict/neighbors.ts';
import { expectedMacLocations, type ExpectedMacLocation } from '../simulator/predict/locations.ts';
import { defaultMacPool } from '../simulator/macpool.ts';

export type { ExpectedTeam, ExpectedMacLocation };

export interface Predictor {
  classifyTeams(inv: Inventory): ExpectedTeam[];
  legitimateMacsForIp(inv: Inventory, ip: string): Mac[];
  expectedMacLocations(inv: Inventory): ExpectedMacLocation[];
  defaultMacPool(ipv4: string): { min: Mac; max: Mac };
}

/** The simulator-backed predictor; classification is cached per inventory object (inventories are immutable once applied). */
export function simulatorPredictor(): Predictor {
  const teams = new WeakMap<Inventory, ExpectedTeam[]>();
  const locs = new WeakMap<Inventory, ExpectedMacLocation[]>();
  return {
    classifyTeams(inv) {
      let t = teams.get(inv);
      if (!t) teams.set(inv, (t = classifyTeams(inv)));
      return t;
    },
    legitimateMacsForIp: (inv, ip) => legitimateMacsForIp(inv, ip),
    expectedMacLocations(inv) {
      let l = locs.get(inv);
      if (!l) locs.set(inv, (l = expectedMacLocations(inv)));
      return l;
    },
    defaultMacPool,
  };
}
