import { describe, expect, it } from 'vitest';
import { EngineHarness, T0, event, inventory, min, neighbors, sec } from '../../helpers/engine.ts';
import type { Observation } from '../../../server/model/observation.ts';
import { hyperVHost, migrationCompleted, pmac, shuffleWithin, live, vmac } from './mac-fleet.ts';

const ID = 'duplicate-ip';
const IP = '10.0.0.50';
const WEB1 = vmac(1, 1);
const APP7 = vmac(2, 7);

const tcpip = (host: string, time: number, eventId: 4198 | 4199, ip: string, mac: string) =>
  event(host, time, {
    provider: 'Tcpip',
    eventId,
    level: 2,
    message: `The system detected an address conflict for IP address ${ip} with the system having network hardware address ${mac.replace(/:/g, '-').toUpperCase()}. Network operations on this system may be disrupted as a result.`,
    params: ['', ip, mac.replace(/:/g, '-').toUpperCase()],
  });
/** One resolved row in `observer`'s neighbor table. */
const arp = (observer: string, time: number, mac: string, ip = IP, state: 'reachable' | 'stale' | 'incomplete' = 'reachable') => neighbors(observer, time, [{ ip, mac, state, iface: 'Ethernet', vlan: null, ageSec: null }]);

const fleet = (hv1Vms: Parameters<typeof hyperVHost>[0]['vms'], hv2Vms: Parameters<typeof hyperVHost>[0]['vms'], at = T0) => [
  inventory('HV1', at, hyperVHost({ n: 1, vms: hv1Vms })),
  inventory('HV2', at, hyperVHost({ n: 2, vms: hv2Vms })),
];

/** Posts in order with live ticks every 30 s (mac-fleet.ts `live`). */
const run = (obs: Observation[], until: number) => live(obs, until);

describe('duplicate-ip', () => {
  it('fires on Tcpip 4199 naming the host and the VM that took its address', () => {
    const e = run([...fleet([], [{ name: 'web9', mac: APP7 }]), tcpip('HV1', T0 + min(1), 4199, '10.0.0.1', APP7)], T0 + min(2));
    const [a] = e.firing(ID);
    expect(e.firing(ID).map((x) => x.subject)).toEqual([{ ip: '10.0.0.1' }]);
    expect(a.finding.summary).toContain('HV1 and VM web9 (Network Adapter) on HV2');
  });

  it('stays silent on a conflict report about a member MAC of the host\'s own address-hash/Dynamic team', () => {
    const e = run([...fleet([], []), tcpip('HV1', T0 + min(1), 4199, '10.0.0.1', pmac(1, 2))], T0 + min(2));
    expect(e.everFired(ID)).toEqual([]);
  });

  it('fires when neighbor tables resolve one IP to VMs on two hosts', () => {
    const obs = [...fleet([{ name: 'web1', mac: WEB1, ips: [IP] }], [{ name: 'app7', mac: APP7, ips: [IP] }]), arp('gw', T0 + min(1), WEB1), arp('HV3', T0 + min(2), APP7)];
    const [a] = run(obs, T0 + min(3)).firing(ID);
    expect(a.subject).toEqual({ ip: IP });
    expect(a.finding.observed.values.claimants).toEqual([
      { mac: WEB1, who: 'VM web1 (Network Adapter) on HV1', hosts: ['HV1'] },
      { mac: APP7, who: 'VM app7 (Network Adapter) on HV2', hosts: ['HV2'] },
    ]);
    expect(a.finding.since).toBe(T0 + min(2));
  });

  it('fires when one observer\'s entry flip-flops between VMs on two hosts', () => {
    const vms = fleet([{ name: 'web1', mac: WEB1, ips: [IP] }], [{ name: 'test', mac: APP7 }]);
    const e = run([...vms, arp('mon', T0 + min(1), WEB1), arp('mon', T0 + min(2), APP7), arp('mon', T0 + min(3), APP7), arp('mon', T0 + min(4), WEB1)], T0 + min(5));
    expect(e.firing(ID).map((a) => a.subject)).toEqual([{ ip: IP }]);
    expect(e.firing(ID)[0].finding.since).toBe(T0 + min(4));
  });

  it('stays silent when an address moves once from one VM to another', () => {
    const vms = fleet([{ name: 'old', mac: WEB1 }], [{ name: 'new', mac: APP7 }]);
    const e = run([...vms, arp('mon', T0 + min(1), WEB1), arp('mon', T0 + min(2), APP7), arp('mon', T0 + min(3), APP7), arp('mon', T0 + min(4), APP7)], T0 + min(20));
    expect(e.everFired(ID)).toEqual([]);
  });

  it('counts a VM without reported IPs as answering for what it resolves to', () => {
    const obs = [...fleet([], [{ name: 'clone', mac: APP7 }]), arp('gw', T0 + min(1), pmac(1, 1), '10.0.0.1'), arp('HV3', T0 + min(1), APP7, '10.0.0.1')];
    expect(run(obs, T0 + min(2)).firing(ID).map((a) => a.subject)).toEqual([{ ip: '10.0.0.1' }]);
  });

  it('stays silent for a team whose member MACs answer for the host IP', () => {
    const obs = [...fleet([], []), arp('gw', T0 + min(1), pmac(1, 1), '10.0.0.1'), arp('HV2', T0 + min(1), pmac(1, 2), '10.0.0.1')];
    expect(run(obs, T0 + min(20)).everFired(ID)).toEqual([]);
  });

  it('stays silent for a VM that live-migrated: its MAC now behind another host is still one MAC', () => {
    const web1 = { name: 'web1', mac: WEB1, ips: [IP] };
    const obs: Observation[] = [
      ...fleet([web1], []),
      arp('gw', T0 + min(1), pmac(1, 2)),
      arp('HV3', T0 + min(1), WEB1),
      migrationCompleted('HV1', T0 + min(2), 'web1'),
      ...fleet([], [web1], T0 + min(2) + sec(5)),
      arp('gw', T0 + min(3), pmac(1, 2)),
      arp('HV3', T0 + min(3), WEB1),
    ];
    expect(run(obs, T0 + min(20)).everFired(ID)).toEqual([]);
  });

  it('ignores stale entries: a VM that reports other addresses no longer answers for the IP', () => {
    const obs = [...fleet([{ name: 'web1', mac: WEB1, ips: ['10.0.0.99'] }], [{ name: 'app7', mac: APP7, ips: [IP] }]), arp('gw', T0 + min(1), WEB1, IP, 'stale'), arp('HV3', T0 + min(1), APP7)];
    expect(run(obs, T0 + min(20)).everFired(ID)).toEqual([]);
  });

  it('does not compare tables more than 5 minutes apart, nor unresolved entries', () => {
    const vms = () => [[{ name: 'web1', mac: WEB1, ips: [IP] }], [{ name: 'app7', mac: APP7, ips: [IP] }]];
    expect(run([...fleet(vms()[0], vms()[1]), arp('gw', T0 + min(1), WEB1), arp('HV3', T0 + min(7), APP7)], T0 + min(20)).everFired(ID)).toEqual([]);
    expect(run([...fleet(vms()[0], vms()[1]), arp('gw', T0 + min(1), WEB1), arp('HV3', T0 + min(1), APP7, IP, 'incomplete')], T0 + min(20)).everFired(ID)).toEqual([]);
  });

  it('resolves after 10 minutes without conflicting evidence', () => {
    const obs = [...fleet([{ name: 'web1', mac: WEB1, ips: [IP] }], [{ name: 'app7', mac: APP7, ips: [IP] }]), arp('gw', T0 + min(1), WEB1), arp('HV3', T0 + min(1), APP7)];
    const e = run(obs, T0 + min(2));
    expect(e.firing(ID)).toHaveLength(1);
    e.post(arp('HV3', T0 + min(3), WEB1));
    e.tick(T0 + min(11) - 1);
    expect(e.firing(ID)).toHaveLength(1);
    e.tick(T0 + min(11));
    expect(e.active(ID)).toEqual([]);
    expect(e.everFired(ID)[0].status).toBe('resolved');
  });

  it('judges a conflict event from a host without inventory after 2 minutes', () => {
    const e = new EngineHarness();
    e.post(tcpip('HV5', T0, 4198, '10.0.0.5', APP7));
    expect(e.active(ID)).toEqual([]);
    e.tick(T0 + min(2));
    expect(e.firing(ID).map((a) => a.subject)).toEqual([{ ip: '10.0.0.5' }]);
  });

  it('keeps firing while Tcpip conflict events repeat', () => {
    const obs: Observation[] = [...fleet([], [{ name: 'web9', mac: APP7 }])];
    for (let i = 0; i < 4; i++) obs.push(tcpip('HV1', T0 + min(1 + 8 * i), 4199, '10.0.0.1', APP7));
    const e = run(obs, T0 + min(30));
    expect(e.everFired(ID)).toHaveLength(1);
    expect(e.firing(ID)).toHaveLength(1);
  });

  it('gives the same alerts when the same observations arrive out of order', () => {
    const obs: Observation[] = [...fleet([], [{ name: 'web9', mac: APP7 }, { name: 'web8', mac: vmac(2, 8) }])];
    obs.push(tcpip('HV1', T0 + sec(30), 4199, '10.0.0.1', APP7), tcpip('HV1', T0 + sec(40), 4198, '10.0.0.1', APP7), tcpip('HV2', T0 + sec(50), 4199, '10.0.0.2', pmac(2, 2)));
    obs.push(arp('gw', T0 + sec(20), pmac(1, 1), '10.0.0.1'), arp('HV3', T0 + sec(45), vmac(2, 8), '10.0.0.1'));
    for (let seed = 1; seed <= 5; seed++) {
      const e = run(shuffleWithin(obs, min(1), seed), T0 + min(3));
      expect(e.everFired(ID).map((a) => a.subject)).toEqual([{ ip: '10.0.0.1' }]);
    }
  });
});
