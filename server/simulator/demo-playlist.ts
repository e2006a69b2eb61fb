/**
 * The demo's rolling playlist: every catalogue fault in turn, injected on the demo fleet
 * (demo.ts) and healed a few minutes later, one new fault every 2–3 minutes, the first 5 s after
 * start — plus a steady trickle of benign activity (live migrations, restarts, guest reboots,
 * resets) that produces the look-alike signals the engine must stay quiet about. Planned lazily:
 * `plan(fleet, horizon)` returns only what falls before `horizon`, chosen against the fleet as it
 * is at that moment, so the demo can run forever without pre-generating hours.
 */
import type { PublicAction } from './behaviour/actions.ts';
import { DESIGNATED } from './demo.ts';
import type { Fleet } from './fleet.ts';
import { macToHyperV } from '../model/mac.ts';
import { Rng, seedFrom } from './prng.ts';
import type { PatternId } from './scenario/schema.ts';

export interface PlannedAction {
  at: number;
  action: PublicAction;
  /** The fault this belongs to, or null for background activity. */
  pattern: PatternId | null;
  note: string;
}

type Step = [afterMs: number, action: PublicAction];

/** Order chosen so consecutive faults hit different hosts. */
export const PLAYLIST: PatternId[] = [
  'team-degraded',
  'mac-conflict-storm',
  'lacp-negotiation-failure',
  'duplicate-vm-mac',
  'team-down',
  'guest-team-misconfigured',
  'post-migration-stale-mac',
  'sriov-on-team',
  'stale-team-mac',
  'mac-pool-overlap',
  'long-migration-blackout',
  'mixed-speed-team',
  'team-interface-disabled',
  'mac-pinned-conflict',
  'guest-team-path-down',
  'rdma-on-team-member',
  'live-migration-failed',
  'unsupported-team-composition',
  'duplicate-ip',
  'lbfo-vswitch-deprecated',
  'mac-flapping',
  'collector-silent',
];

const M = 60_000;
const ROTATING = ['HV-A01', 'HV-A02', 'HV-A03', 'HV-A04', 'HV-A05', 'HV-B01', 'HV-B02', 'HV-B03', 'HV-B04', 'HV-C01', 'HV-C02', 'HV-C03'];

function hostOf(fleet: Fleet, vm: string): string {
  return fleet.vms.find((v) => v.name === vm)?.host ?? '';
}

function macOf(fleet: Fleet, vm: string): string {
  return fleet.vms.find((v) => v.name === vm)?.nics[0]?.mac ?? '00:1d:d8:b7:1c:ff';
}

/** The steps of one fault: inject first, heal after a few minutes. */
export function episodeSteps(pattern: PatternId, cycle: number, fleet: Fleet): Step[] {
  const rot = ROTATING[cycle % ROTATING.length];
  const d = DESIGNATED;
  switch (pattern) {
    case 'team-degraded':
      return [[0, { action: 'link-down', host: rot, adapter: 'Ethernet 2' }], [4 * M, { action: 'link-up', host: rot, adapter: 'Ethernet 2' }]];
    case 'mac-conflict-storm': {
      const h = ROTATING[(cycle + 5) % ROTATING.length];
      return [[0, { action: 'scvmm-mac-clone', host: h }], [5 * M, { action: 'scvmm-mac-fix', host: h }]];
    }
    case 'lacp-negotiation-failure':
      return [[0, { action: 'lacp-misconfig', host: d.lacpHost, team: 'TEAM-VM', member: 'Ethernet 2' }], [4 * M, { action: 'lacp-fix', host: d.lacpHost, team: 'TEAM-VM', member: 'Ethernet 2' }]];
    case 'duplicate-vm-mac': {
      const other = hostOf(fleet, 'SQL-B01') === 'HV-B03' ? 'HV-B04' : 'HV-B03';
      const nics = [{ switch: 'vSwitch', mac: macOf(fleet, 'SQL-B01'), ips: ['10.10.22.210'] }];
      return [[0, { action: 'vm-create', vm: 'SQL-B01-CLONE', host: other, nics, start: true }], [4 * M, { action: 'vm-delete', vm: 'SQL-B01-CLONE' }]];
    }
    case 'team-down':
      return [
        [0, { action: 'link-down', host: d.dedicatedMgmtHost, adapter: 'Ethernet 1' }],
        [5_000, { action: 'link-down', host: d.dedicatedMgmtHost, adapter: 'Ethernet 2' }],
        [3 * M, { action: 'link-up', host: d.dedicatedMgmtHost, adapter: 'Ethernet 1' }],
        [3 * M + 4_000, { action: 'link-up', host: d.dedicatedMgmtHost, adapter: 'Ethernet 2' }],
      ];
    case 'guest-team-misconfigured':
      return [
        [0, { action: 'vm-set-teaming', vm: 'NLB-A01', nic: 'LAN-1', allow: true }],
        [2_000, { action: 'vm-set-teaming', vm: 'NLB-A01', nic: 'LAN-2', allow: true }],
        [4 * M, { action: 'vm-set-teaming', vm: 'NLB-A01', nic: 'LAN-1', allow: false }],
        [4 * M + 2_000, { action: 'vm-set-teaming', vm: 'NLB-A01', nic: 'LAN-2', allow: false }],
      ];
    case 'post-migration-stale-mac': {
      const to = hostOf(fleet, 'DB-A01') === 'HV-A04' ? 'HV-A05' : 'HV-A04';
      return [[0, { action: 'live-migrate', vm: 'DB-A01', to, switchLearns: false, staleSec: 300 }]];
    }
    case 'sriov-on-team':
      return [[0, { action: 'vm-set-iov', vm: 'HPC-A01', weight: 100 }], [4 * M, { action: 'vm-set-iov', vm: 'HPC-A01', weight: 0 }]];
    case 'stale-team-mac':
      return [
        [0, { action: 'live-migrate', vm: 'MOVER-C01', to: d.baspHost }],
        [90_000, { action: 'vm-restart', vm: 'MOVER-C01', offSec: 20 }],
        [7 * M, { action: 'team-reset', host: d.baspHost, team: 'BASP-TEAM', downSec: 45 }],
        [9 * M, { action: 'live-migrate', vm: 'MOVER-C01', to: 'HV-C07' }],
        // A restart at home takes a MAC from HV-C07's pool again, so the next cycle changes it anew.
        [10 * M, { action: 'vm-restart', vm: 'MOVER-C01', offSec: 20 }],
      ];
    case 'mac-pool-overlap': {
      const src = fleet.hosts.find((h) => h.name === 'HV-C02')?.pool;
      const own = fleet.hosts.find((h) => h.name === 'HV-C03')?.pool;
      if (!src || !own) return [];
      return [
        [0, { action: 'set-mac-pool', host: 'HV-C03', min: macToHyperV(src.min), max: macToHyperV(src.max) }],
        [4 * M, { action: 'set-mac-pool', host: 'HV-C03', min: macToHyperV(own.min), max: macToHyperV(own.max) }],
      ];
    }
    case 'long-migration-blackout': {
      const to = hostOf(fleet, 'DB-B01') === 'HV-B01' ? 'HV-B02' : 'HV-B01';
      return [[0, { action: 'live-migrate', vm: 'DB-B01', to, durationSec: 75, blackoutSec: 48.7 }]];
    }
    case 'mixed-speed-team':
      return [[0, { action: 'link-speed', host: 'HV-B04', adapter: 'Ethernet 2', speedBps: 1e9 }], [4 * M, { action: 'link-speed', host: 'HV-B04', adapter: 'Ethernet 2', speedBps: 1e10 }]];
    case 'team-interface-disabled':
      return [[0, { action: 'adapter-disable', host: d.dedicatedMgmtHost, adapter: 'TEAM-VM' }], [4 * M, { action: 'adapter-enable', host: d.dedicatedMgmtHost, adapter: 'TEAM-VM' }]];
    case 'mac-pinned-conflict': {
      const nics = [{ switch: 'vSwitch', mac: macOf(fleet, 'SQL-A02'), ips: ['10.10.21.210'] }];
      return [[0, { action: 'vm-create', vm: 'SQL-A02-COPY', host: hostOf(fleet, 'SQL-A02'), nics, start: true }], [4 * M, { action: 'vm-delete', vm: 'SQL-A02-COPY' }]];
    }
    case 'guest-team-path-down':
      return [[0, { action: 'link-down', host: d.plainHost, adapter: 'Ethernet 2' }], [4 * M, { action: 'link-up', host: d.plainHost, adapter: 'Ethernet 2' }]];
    case 'rdma-on-team-member':
      return [[0, { action: 'set-rdma', host: 'HV-B01', adapter: 'Ethernet 1', enabled: true }], [4 * M, { action: 'set-rdma', host: 'HV-B01', adapter: 'Ethernet 1', enabled: false }]];
    case 'live-migration-failed':
      return [[0, { action: 'live-migrate-fail', vm: 'APP-B301', to: d.plainHost, cause: 'switch-missing' }]];
    case 'unsupported-team-composition':
      return [
        [0, { action: 'host-vnic-add', host: 'HV-A03', name: 'SMB1', switch: 'vSwitch' }],
        [1_000, { action: 'host-vnic-add', host: 'HV-A03', name: 'SMB2', switch: 'vSwitch' }],
        [20_000, { action: 'team-create', host: 'HV-A03', name: 'TEAM-SMB', members: ['vEthernet (SMB1)', 'vEthernet (SMB2)'] }],
        [4 * M, { action: 'team-remove', host: 'HV-A03', team: 'TEAM-SMB' }],
        [4 * M + 5_000, { action: 'host-vnic-remove', host: 'HV-A03', name: 'SMB1' }],
        [4 * M + 6_000, { action: 'host-vnic-remove', host: 'HV-A03', name: 'SMB2' }],
      ];
    case 'duplicate-ip': {
      const other = hostOf(fleet, 'WEB-C101') === 'HV-C05' ? 'HV-C06' : 'HV-C05';
      const ip = fleet.vms.find((v) => v.name === 'WEB-C101')?.nics[0]?.ips[0] ?? '10.10.23.10';
      return [[0, { action: 'vm-create', vm: 'RESTORE-TEST', host: other, nics: [{ switch: 'vSwitch', ips: [ip] }], start: true }], [4 * M, { action: 'vm-delete', vm: 'RESTORE-TEST' }]];
    }
    case 'lbfo-vswitch-deprecated': {
      const h = d.setHosts[cycle % d.setHosts.length];
      return [
        [0, { action: 'team-create', host: h, name: 'TEAM-LEGACY', members: ['Ethernet 3', 'Ethernet 4'] }],
        [90_000, { action: 'vswitch-create', host: h, name: 'vSwitch-Legacy', uplink: 'TEAM-LEGACY', allowManagementOS: false }],
        [5 * M, { action: 'vswitch-remove', host: h, name: 'vSwitch-Legacy' }],
        [5 * M + 10_000, { action: 'team-remove', host: h, team: 'TEAM-LEGACY' }],
      ];
    }
    case 'mac-flapping':
      return [
        [0, { action: 'team-set-mode', host: d.flapHost, team: 'TEAM-VM', mode: 'Static', algorithm: 'TransportPorts' }],
        [3 * M, { action: 'team-set-mode', host: d.flapHost, team: 'TEAM-VM', mode: 'SwitchIndependent', algorithm: 'Dynamic' }],
      ];
    case 'collector-silent':
      return [[0, { action: 'host-silence', host: 'HV-C04' }], [8 * M, { action: 'host-resume', host: 'HV-C04' }]];
  }
}

const BACKGROUND_EXCLUDED_HOSTS = new Set([DESIGNATED.baspHost, DESIGNATED.plainHost, DESIGNATED.flapHost, DESIGNATED.dedicatedMgmtHost]);

export class Playlist {
  private episodeIndex = 0;
  private nextEpisodeAt: number;
  private nextBackgroundAt: number;
  private readonly lastMoved = new Map<string, number>();
  private readonly rng: Rng;

  constructor(seed: number, start: number) {
    this.rng = new Rng(seedFrom('demo-playlist', seed));
    this.nextEpisodeAt = start + 5_000;
    this.nextBackgroundAt = start + 40_000;
  }

  /** Everything due before `horizon`, planned against `fleet` as it is now. */
  plan(fleet: Fleet, horizon: number): PlannedAction[] {
    const out: PlannedAction[] = [];
    while (this.nextEpisodeAt <= horizon) {
      const pattern = PLAYLIST[this.episodeIndex % PLAYLIST.length];
      const cycle = Math.floor(this.episodeIndex / PLAYLIST.length);
      for (const [after, action] of episodeSteps(pattern, cycle, fleet)) {
        out.push({ at: this.nextEpisodeAt + after, action, pattern, note: `${pattern} (cycle ${cycle + 1})` });
      }
      this.episodeIndex++;
      this.nextEpisodeAt += this.rng.int(120_000, 180_000);
    }
    while (this.nextBackgroundAt <= horizon) {
      const a = this.background(fleet, this.nextBackgroundAt);
      if (a) out.push({ at: this.nextBackgroundAt, action: a, pattern: null, note: 'background' });
      this.nextBackgroundAt += this.rng.int(40_000, 90_000);
    }
    return out.sort((x, y) => x.at - y.at);
  }

  private background(fleet: Fleet, at: number): PublicAction | null {
    const eligible = fleet.vms.filter(
      (v) => v.state === 'Running' && !DESIGNATED.vms.includes(v.name) && !BACKGROUND_EXCLUDED_HOSTS.has(v.host) && (this.lastMoved.get(v.name) ?? -Infinity) < at - 15 * M,
    );
    if (eligible.length === 0) return null;
    const vm = this.rng.pick(eligible);
    const roll = this.rng.float();
    if (roll < 0.55) {
      const from = fleet.hosts.find((h) => h.name === vm.host);
      const targets = fleet.hosts.filter(
        (h) => h.cluster === from?.cluster && h.name !== vm.host && !BACKGROUND_EXCLUDED_HOSTS.has(h.name) && h.vSwitches.some((s) => s.name === 'vSwitch'),
      );
      if (targets.length === 0) return null;
      this.lastMoved.set(vm.name, at);
      return { action: 'live-migrate', vm: vm.name, to: this.rng.pick(targets).name };
    }
    this.lastMoved.set(vm.name, at);
    if (roll < 0.75) return { action: 'vm-restart', vm: vm.name, offSec: this.rng.int(10, 40) };
    if (roll < 0.9) return { action: 'vm-guest-reboot', vm: vm.name };
    return { action: 'vm-reset', vm: vm.name };
  }
}
