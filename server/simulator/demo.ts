/**
 * The demo fleet: three clusters of eight Hyper-V hosts with two upstream switches each, a few
 * hundred VMs, mostly inbox LBFO, one Broadcom BASP host, a few SET hosts, and a handful of hosts
 * shaped for particular faults (a LACP team, a host with a dedicated management NIC, a host with
 * two plain vSwitches and a guest-teamed VM). The rolling fault playlist is demo-playlist.ts; the
 * real-time driver is demo-driver.ts.
 *
 * Addressing: cluster n (1–3) uses management 10.10.n.0/24 on VLAN n10 and VMs 10.10.2n.0/24 on
 * VLAN n20; default MAC pools therefore never overlap (00-15-5D-0n-xx-…).
 */
import { FleetSpecSchema, type FleetSpec } from './scenario/fleet-schema.ts';

type HostIn = FleetSpec['hosts'][number];
type VmIn = FleetSpec['vms'][number];

export const DEMO_SEED = 20_250_101;

export interface DemoCluster {
  name: string;
  n: number;
  switches: [string, string];
}

export const DEMO_CLUSTERS: DemoCluster[] = [
  { name: 'CL-PROD-A', n: 1, switches: ['sw-a1', 'sw-a2'] },
  { name: 'CL-PROD-B', n: 2, switches: ['sw-b1', 'sw-b2'] },
  { name: 'CL-LEGACY', n: 3, switches: ['sw-c1', 'sw-c2'] },
];

/** Hosts and VMs the playlist uses for its faults; background activity leaves them alone. */
export const DESIGNATED = {
  lacpHost: 'HV-A06',
  dedicatedMgmtHost: 'HV-A07',
  flapHost: 'HV-A08',
  setHosts: ['HV-B05', 'HV-B06', 'HV-B07'],
  plainHost: 'HV-B08',
  baspHost: 'HV-C08',
  vms: ['SQL-A02', 'SQL-B01', 'NLB-A01', 'NLB-B01', 'DB-A01', 'DB-B01', 'HPC-A01', 'MOVER-C01', 'APP-B301', 'WEB-C101'],
};

const ip = (c: DemoCluster, host: number) => `10.10.${c.n}.${10 + host}`;
const vmIp = (c: DemoCluster, n: number) => `10.10.${20 + c.n}.${n}`;

function host(c: DemoCluster, i: number, extra: Partial<HostIn> = {}): HostIn {
  const letter = c.name === 'CL-LEGACY' ? 'C' : c.name.slice(-1);
  return {
    name: `HV-${letter}${String(i).padStart(2, '0')}`,
    preset: 'lbfo-host',
    cluster: c.name,
    ip: ip(c, i),
    mgmtVlan: c.n * 100 + 10,
    vmVlan: c.n * 100 + 20,
    switches: [...c.switches],
    ...(c.n === 3 ? { build: 9600 } : {}),
    ...extra,
  } as HostIn;
}

function vms(c: DemoCluster, hostName: string, count: number, first: number, prefix: string): VmIn {
  return { count, prefix, host: hostName, ipBase: vmIp(c, first), state: 'Running' } as VmIn;
}

export function demoFleetSpec(): FleetSpec {
  const [a, b, c] = DEMO_CLUSTERS;
  const hosts: HostIn[] = [];
  const vmList: VmIn[] = [];
  for (let i = 1; i <= 8; i++) {
    const extra: Partial<HostIn> =
      i === 6 ? { team: { mode: 'Lacp', algorithm: 'Dynamic' } } : i === 7 ? { dedicatedMgmt: true } : {};
    hosts.push(host(a, i, extra));
    vmList.push(vms(a, `HV-A0${i}`, i === 8 ? 2 : i === 7 ? 8 : 11, 10 + (i - 1) * 12, `WEB-A${i}`));
  }
  for (let i = 1; i <= 8; i++) {
    let extra: Partial<HostIn> = {};
    if (i >= 5 && i <= 7) {
      extra = {
        preset: 'set-host',
        adapters: [{ vendor: 'mellanox', count: 2, rdma: true }, { vendor: 'intel', count: 2 }],
        vSwitches: [{ name: 'vSwitch', type: 'External', setMembers: ['Ethernet 1', 'Ethernet 2'], setAlgorithm: 'HyperVPort', managementVnic: 'Management' }],
      };
    } else if (i === 8) extra = { preset: 'plain-host' };
    hosts.push(host(b, i, extra));
    if (i !== 8) vmList.push(vms(b, `HV-B0${i}`, i >= 5 ? 10 : 11, 10 + (i - 1) * 12, `APP-B${i}`));
  }
  for (let i = 1; i <= 8; i++) {
    hosts.push(host(c, i, i === 8 ? { preset: 'basp-host' } : {}));
    vmList.push(vms(c, `HV-C0${i}`, i === 8 ? 8 : 11, 10 + (i - 1) * 12, `WEB-C${i}`));
  }
  // Named VMs the fault playlist uses.
  vmList.push(
    { name: 'SQL-A02', host: 'HV-A02', state: 'Running', nics: [{ mac: '00:1d:d8:b7:1c:a2', ips: [vmIp(a, 200)] }] } as VmIn,
    { name: 'SQL-B01', host: 'HV-B02', state: 'Running', nics: [{ mac: '00:1d:d8:b7:1c:b1', ips: [vmIp(b, 200)] }] } as VmIn,
    { name: 'NLB-A01', host: 'HV-A03', state: 'Running', nics: [{ name: 'LAN-1', ips: [vmIp(a, 201)] }, { name: 'LAN-2' }] } as VmIn,
    {
      name: 'NLB-B01',
      host: 'HV-B08',
      state: 'Running',
      nics: [
        { name: 'LAN-A', switch: 'vSwitch-A', ips: [vmIp(b, 201)], allowTeaming: true },
        { name: 'LAN-B', switch: 'vSwitch-B', allowTeaming: true },
      ],
    } as VmIn,
    vms(b, 'HV-B08', 4, 230, 'UTIL-B'),
    { name: 'DB-A01', host: 'HV-A04', state: 'Running', nics: [{ ips: [vmIp(a, 202)] }] } as VmIn,
    { name: 'DB-B01', host: 'HV-B01', state: 'Running', nics: [{ ips: [vmIp(b, 202)] }] } as VmIn,
    { name: 'HPC-A01', host: 'HV-A01', state: 'Running', nics: [{ ips: [vmIp(a, 203)] }] } as VmIn,
    { name: 'MOVER-C01', host: 'HV-C07', state: 'Running', nics: [{ ips: [vmIp(c, 200)] }] } as VmIn,
  );
  return FleetSpecSchema.parse({
    domain: 'corp.contoso.com',
    switches: DEMO_CLUSTERS.flatMap((cl, k) => [
      { name: cl.switches[0], vendor: k === 1 ? 'cisco-nxos' : 'cisco-ios', group: cl.name },
      { name: cl.switches[1], vendor: k === 2 ? 'cisco-ios' : 'cisco-nxos', group: cl.name },
    ]),
    hosts,
    vms: vmList,
    monitor: { name: 'NOC-MON01' },
  });
}
