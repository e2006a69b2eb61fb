import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseInput } from '../../../collectors/parsers/index.ts';
import { generate, generateTrace, shiftScenario } from '../../../server/simulator/generate/generate.ts';
import { parseScenario } from '../../../server/simulator/scenario/parse.ts';
import { REPO_ROOT } from '../../helpers/fixtures.ts';

const load = (name: string) => parseScenario(readFileSync(join(REPO_ROOT, 'test', 'scenarios', name), 'utf8'), name);

describe('generation', () => {
  const s = load('mac-flapping.fault.yaml');

  it('is byte-identical for the same seed and differs for another', () => {
    const a = generate(s);
    const b = generate(s);
    expect(JSON.stringify(b)).toBe(JSON.stringify(a));
    const c = generate({ ...s, seed: s.seed + 1 });
    expect(JSON.stringify(c)).not.toBe(JSON.stringify(a));
  });

  it('returns posts in time order, each sniffed as its own format and parsed with no rejects', () => {
    const posts = generate(s);
    for (let i = 1; i < posts.length; i++) expect(posts[i].at).toBeGreaterThanOrEqual(posts[i - 1].at);
    expect(new Set(posts.map((p) => p.format))).toEqual(new Set(['bundle', 'cisco-ios-mac', 'cisco-nxos-mac', 'windows-arp', 'syslog']));
    for (const p of posts) {
      const sniffed = parseInput(p.body, { ...p.query, receivedAt: p.at });
      expect(sniffed.format).toBe(p.format);
      expect(sniffed.rejects).toEqual([]);
    }
  });

  it('shifted by a year, produces the same posts at times shifted by exactly that much', () => {
    const year = 365 * 86_400_000;
    const a = generate(s);
    const b = generate(shiftScenario(s, year));
    expect(b.map((p) => [p.format, p.at - year])).toEqual(a.map((p) => [p.format, p.at]));
    const obsA = a.map((p) => parseInput(p.body, { ...p.query, receivedAt: p.at }, p.format).observations);
    const obsB = b.map((p) => parseInput(p.body, { ...p.query, receivedAt: p.at }, p.format).observations);
    const times = (o: { time: number }[][], d: number) => o.flat().map((x) => x.time - d);
    expect(times(obsB, year)).toEqual(times(obsA, 0));
  });

  it('delivers a silent host\'s events later, with their own times', () => {
    const t = generateTrace(load('collector-silent.fault.yaml'));
    const bundles = t.posts.filter((p) => p.query.host === 'HV-A02');
    const gaps = bundles.slice(1).map((p, i) => p.at - bundles[i].at);
    expect(Math.max(...gaps)).toBeGreaterThan(10 * 60_000);
  });
});
