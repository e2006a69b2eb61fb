/**
 * Helpers for the neighbor-table specifications: run one parser and get its single observation;
 * read a golden MAC in any notation.
 */
import { expect } from 'vitest';
import type { NeighborsObservation } from '../../../../server/model/observation.ts';
import type { ParseContext, Reject } from '../../../../collectors/parsers/types.ts';
import { findParser } from '../../../../collectors/parsers/index.ts';
import { normalizeMac, ZERO_MAC } from '../../../../server/model/mac.ts';

export const RECEIVED_AT = Date.UTC(2024, 4, 1, 12, 0, 0);

export function ctxFor(observer: { host?: string; device?: string } = { device: 'sw1' }): ParseContext {
  return { ...observer, receivedAt: RECEIVED_AT };
}

export function run(format: string, text: string, ctx: ParseContext = ctxFor()): { obs: NeighborsObservation; rejects: Reject[] } {
  const parser = findParser(format);
  if (!parser) throw new Error(`no parser ${format}`);
  const result = parser.parse(text, ctx);
  expect(result.observations).toHaveLength(1);
  const obs = result.observations[0];
  if (obs.kind !== 'neighbors') throw new Error(`expected a neighbors observation, got ${obs.kind}`);
  expect(obs.format).toBe(format);
  return { obs, rejects: result.rejects };
}

/** A golden MAC in any notation, normalised; unresolved markers and the zero MAC become null. */
export function goldenMac(value: unknown): string | null {
  if (value === null || value === undefined) return null;
  const mac = normalizeMac(String(value));
  return mac === ZERO_MAC ? null : mac;
}
