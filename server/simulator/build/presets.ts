/**
 * Host presets: the common shapes of a Hyper-V host's networking, so a scenario names one and
 * overrides only what its story needs.
 * - `lbfo-host`: Server 2019, two Intel X710 in inbox LBFO `TEAM-VM` (Switch Independent, Dynamic),
 *   External vSwitch `vSwitch` on the team, management vNIC `Management` (inherits the team MAC).
 * - `lbfo-host-2022`: the same on Server 2022 (build 20348), where an LBFO-bound vSwitch is deprecated.
 * - `basp-host`: Server 2012 R2, two Broadcom NetXtreme in a BASP vendor team with the stale-MAC bug.
 * - `basp-host-2008r2`: the same on a 2008 R2-style host (VMSMP vSwitch driver, build 7601).
 * - `set-host`: Server 2022, two Mellanox ConnectX-4 Lx with RDMA in a SET vSwitch `SETswitch`.
 * - `plain-host`: two Intel adapters, each under its own External vSwitch (`vSwitch-A`, `vSwitch-B`).
 * - `bare-host`: two Intel adapters, no team, no vSwitch.
 */
import type { HostSpec } from '../scenario/fleet-schema.ts';

export interface HostShape {
  build: number;
  adapters: NonNullable<HostSpec['adapters']>;
  teams: NonNullable<HostSpec['teams']>;
  vSwitches: NonNullable<HostSpec['vSwitches']>;
}

const two = ['Ethernet 1', 'Ethernet 2'];
const lbfo = (build: number): HostShape => ({
  build,
  adapters: [{ vendor: 'intel', count: 2 }],
  teams: [{ name: 'TEAM-VM', kind: 'lbfo', members: two, mode: 'SwitchIndependent', algorithm: 'Dynamic' }],
  vSwitches: [{ name: 'vSwitch', type: 'External', uplink: 'TEAM-VM', managementVnic: 'Management' }],
});
const basp = (build: number): HostShape => ({
  build,
  adapters: [{ vendor: 'broadcom', count: 2 }],
  teams: [{ name: 'BASP-TEAM', kind: 'basp', members: two }],
  vSwitches: [{ name: 'vSwitch', type: 'External', uplink: 'BASP-TEAM', managementVnic: 'Management' }],
});

export const PRESETS: Record<HostSpec['preset'], () => HostShape> = {
  'lbfo-host': () => lbfo(17763),
  'lbfo-host-2022': () => lbfo(20348),
  'basp-host': () => basp(9600),
  'basp-host-2008r2': () => basp(7601),
  'set-host': () => ({
    build: 20348,
    adapters: [{ vendor: 'mellanox', count: 2, rdma: true }],
    teams: [],
    vSwitches: [{ name: 'SETswitch', type: 'External', setMembers: two, setAlgorithm: 'HyperVPort', managementVnic: 'Management' }],
  }),
  'plain-host': () => ({
    build: 17763,
    adapters: [{ vendor: 'intel', count: 2 }],
    teams: [],
    vSwitches: [
      { name: 'vSwitch-A', type: 'External', uplink: 'Ethernet 1', managementVnic: 'Management' },
      { name: 'vSwitch-B', type: 'External', uplink: 'Ethernet 2', allowManagementOS: false },
    ],
  }),
  'bare-host': () => ({ build: 17763, adapters: [{ vendor: 'intel', count: 2 }], teams: [], vSwitches: [] }),
};

export const OS_NAMES: [number, string][] = [
  [26100, 'Windows Server 2025 Datacenter'],
  [20348, 'Windows Server 2022 Datacenter'],
  [17763, 'Windows Server 2019 Datacenter'],
  [14393, 'Windows Server 2016 Datacenter'],
  [9600, 'Windows Server 2012 R2 Datacenter'],
  [9200, 'Windows Server 2012 Datacenter'],
  [0, 'Windows Server 2008 R2 Datacenter'],
];

export function osNameFor(build: number): string {
  return OS_NAMES.find(([b]) => build >= b)![1];
}

/** The host's shape: the preset with the spec's overrides applied. */
export function resolveShape(spec: HostSpec): HostShape {
  const shape = PRESETS[spec.preset]();
  if (spec.build !== undefined) shape.build = spec.build;
  if (spec.nicVendor) shape.adapters = shape.adapters.map((a) => ({ ...a, vendor: spec.nicVendor!, rdma: spec.nicVendor === 'mellanox' ? a.rdma : false }));
  if (spec.adapters) shape.adapters = spec.adapters;
  if (spec.teams) shape.teams = spec.teams;
  if (spec.team && shape.teams.length) {
    const old = shape.teams[0].name;
    shape.teams[0] = { ...shape.teams[0], ...spec.team };
    shape.vSwitches = shape.vSwitches.map((v) => (v.uplink === old ? { ...v, uplink: shape.teams[0].name } : v));
  }
  if (spec.vSwitches) shape.vSwitches = spec.vSwitches;
  else if (spec.dedicatedMgmt) shape.vSwitches = shape.vSwitches.map((v) => ({ ...v, allowManagementOS: false }));
  return shape;
}
