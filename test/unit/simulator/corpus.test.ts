/**
 * The scenario corpus (test/scenarios): one fault and one benign twin per pattern id at least,
 * every file valid and generating, and the signals each story is about really in the output —
 * judged with the simulator's own prediction functions, the way the engine will judge them.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { generateTrace } from '../../../server/simulator/generate/generate.ts';
import { explains16945 } from '../../../server/simulator/predict/facts.ts';
import { parseScenario } from '../../../server/simulator/scenario/parse.ts';
import { PATTERN_IDS } from '../../../server/simulator/scenario/schema.ts';
import { REPO_ROOT } from '../../helpers/fixtures.ts';

const DIR = join(REPO_ROOT, 'test', 'scenarios');
const files = readdirSync(DIR).filter((f) => f.endsWith('.yaml')).sort();
const load = (f: string) => parseScenario(readFileSync(join(DIR, f), 'utf8'), f);
const traces = new Map<string, ReturnType<typeof generateTrace>>();
const trace = (f: string) => traces.get(f) ?? traces.set(f, generateTrace(load(f))).get(f)!;

describe('the corpus', () => {
  it('has a fault and a benign twin for every pattern id, named <pattern-id>.fault|benign[-variant].yaml', () => {
    for (const id of PATTERN_IDS) {
      expect(files, id).toContain(`${id}.fault.yaml`);
      expect(files, id).toContain(`${id}.benign.yaml`);
    }
    for (const f of files) expect(f).toMatch(new RegExp(`^(${PATTERN_IDS.join('|')})\\.(fault|benign)(-[a-z0-9-]+)?\\.yaml$`));
  });

  it.each(files)('%s is valid, named after its file, and generates', (f) => {
    const s = load(f);
    expect(s.name).toBe(f.replace(/\.yaml$/, ''));
    expect(trace(f).posts.length).toBeGreaterThan(0);
    const pattern = f.split('.')[0];
    if (f.includes('.fault')) expect(s.expect.alerts.map((a) => a.pattern)).toContain(pattern);
    else expect(s.expect.alerts.map((a) => a.pattern)).not.toContain(pattern);
    if (/\.benign\.yaml$/.test(f)) expect(s.expect.alerts).toEqual([]);
    if (f.includes('.fault')) expect(s.timeline.some((e) => e.fault) || s.expect.alerts.every((a) => a.after !== undefined) || s.timeline.length === 0).toBe(true);
  });
});

const unexplained16945 = (f: string) => {
  const t = trace(f);
  return t.events.filter((e) => e.eventId === 16945).filter((e) => !explains16945(t.facts, e.host, 'TEAM-VM', e.time));
};

const moves = (f: string) => {
  const out = new Map<string, number[]>();
  for (const e of trace(f).emissions) if (e.kind === 'macTable' && e.op === 'move') out.set(`${e.switch}|${e.vlan}|${e.mac}`, [...(out.get(`${e.switch}|${e.vlan}|${e.mac}`) ?? []), e.at]);
  const maxIn5 = (ts: number[]) => Math.max(...ts.map((t) => ts.filter((x) => x >= t && x < t + 300_000).length));
  return new Map([...out].map(([k, ts]) => [k, maxIn5(ts)]));
};

const invalidArp = (f: string, ip: string) =>
  trace(f).posts.filter((p) => p.format === 'windows-arp' && new RegExp(`^\\s+${ip.replace(/\./g, '\\.')}\\s+00-00-00-00-00-00\\s+invalid`, 'm').test(p.body)).length;

describe('the stories carry their signals', () => {
  it('SCVMM clone: a 16945 storm nothing explains; vSwitch creation: only explained 16945s', () => {
    expect(unexplained16945('mac-conflict-storm.fault.yaml').length).toBeGreaterThanOrEqual(3);
    expect(unexplained16945('mac-conflict-storm.benign.yaml')).toEqual([]);
    expect(trace('mac-conflict-storm.benign.yaml').events.filter((e) => e.eventId === 16945).length).toBeGreaterThanOrEqual(3);
  });

  it('no benign twin logs an unexplained 16945', () => {
    for (const f of files.filter((x) => x.includes('.benign'))) expect(unexplained16945(f), f).toEqual([]);
  });

  it('Broadcom stale MAC: the VM\'s IP turns incomplete after the restart; on inbox LBFO it stays resolved', () => {
    expect(invalidArp('stale-team-mac.fault.yaml', '10.30.2.50')).toBeGreaterThanOrEqual(5);
    expect(invalidArp('stale-team-mac.benign.yaml', '10.20.2.50')).toBe(0);
    expect(trace('stale-team-mac.fault-2008r2.yaml').events.filter((e) => e.provider === 'VMSMP' && e.eventId === 28).length).toBeGreaterThanOrEqual(2);
  });

  it('guest team: the path dies while Hyper-V still shows the vNIC OK', () => {
    const t = trace('guest-team-path-down.fault.yaml');
    expect(t.events.some((e) => e.provider === 'Microsoft-Windows-Hyper-V-VmSwitch' && e.eventId === 22)).toBe(true);
    const last = t.inventories.filter((i) => i.host === 'HV-E01').at(-1)!.inv;
    expect(last.vmNetworkAdapters!.find((n) => n.name === 'LAN-B')?.status).toEqual(['Ok']);
    expect(last.netAdapters!.find((a) => a.name === 'Ethernet 2')?.status).toBe('Disconnected');
  });

  it('post-migration: the switch keeps the MAC on the source for minutes, or learns it within seconds', () => {
    const learnDelay = (f: string) => {
      const t = trace(f);
      const done = t.facts.find((x) => x.kind === 'migration')!.t;
      const move = t.emissions.find((e) => e.kind === 'macTable' && e.op === 'move' && e.at >= done);
      return move?.kind === 'macTable' ? move.at - done : Infinity;
    };
    expect(learnDelay('post-migration-stale-mac.fault.yaml')).toBeGreaterThan(2 * 60_000);
    expect(learnDelay('post-migration-stale-mac.benign.yaml')).toBeLessThan(10_000);
  });

  it('flapping: ≥ 3 moves in 5 minutes on the fault; never more than 2 on the benign twins', () => {
    expect(Math.max(...moves('mac-flapping.fault.yaml').values())).toBeGreaterThanOrEqual(3);
    for (const f of ['mac-flapping.benign.yaml', 'mac-flapping.benign-failover.yaml', 'duplicate-vm-mac.benign.yaml']) {
      for (const [k, n] of moves(f)) expect(n, `${f} ${k}`).toBeLessThanOrEqual(2);
    }
  });

  it('duplicate IP: the monitor resolves one IP to two MACs; the benign teams show one IP behind member MACs', () => {
    const macsOf = (f: string, ip: string, monitorOnly = false) => {
      const out = new Set<string>();
      for (const p of trace(f).posts) {
        const re = new RegExp(`^\\s+${ip.replace(/\./g, '\\.')}\\s+([0-9a-f-]{17})\\s+dynamic`, 'm');
        const m = p.format === 'windows-arp' ? re.exec(p.body) : null;
        if (m) out.add(m[1]);
        if (p.format === 'bundle' && !monitorOnly) for (const n of JSON.parse(p.body).neighbors) if (n.IPAddress === ip) out.add(String(n.LinkLayerAddress).toLowerCase());
      }
      return out;
    };
    expect(macsOf('duplicate-ip.fault.yaml', '10.20.1.21', true).size).toBe(2);
    expect(macsOf('duplicate-ip.benign.yaml', '10.20.1.21').size).toBeGreaterThan(1);
    expect(trace('duplicate-ip.fault.yaml').events.some((e) => e.provider === 'Tcpip' && e.eventId === 4199)).toBe(true);
  });
});
