/**
 * Projects a simulated host onto the normalized `Inventory` (server/model/inventory.ts) exactly as a
 * collector would report it at time `t`. The bundle renderer serialises this view, and the
 * simulator feeds the same view to its own prediction functions, so what the simulator generates
 * and what it predicts from observed inventory can never drift apart.
 */
import type {
  Inventory,
  LbfoTeamMember,
  NetAdapter,
  VmNetworkAdapter,
} from '../model/inventory.ts';
import type { AdapterState, Fleet, HostState, LbfoTeamState, VendorTeamState } from './fleet.ts';
import { hostVnicAdapterName } from './fleet.ts';

const VNIC_SPEED = 10_000_000_000;

/** Member state of an LBFO team at `t`, the way Get-NetLbfoTeamMember reports it. */
export function lbfoMemberView(host: HostState, team: LbfoTeamState, t: number): LbfoTeamMember[] {
  const raw = team.members.map((name) => {
    const a = host.adapters.find((x) => x.name === name);
    const vnic = host.hostVnics.find((v) => hostVnicAdapterName(v.name) === name);
    const enabled = a ? a.enabled : (vnic?.enabled ?? false);
    const link = a ? a.link : true;
    const st = team.memberState[name] ?? { connectUntil: null, lacpIssue: false };
    let reason = 'NoFailure';
    if (!enabled) reason = 'AdministrativeDecision';
    else if (!link) reason = 'PhysicalMediaDisconnected';
    else if (st.lacpIssue && team.mode === 'Lacp') reason = 'LacpNegotiationIssue';
    else if (st.connectUntil !== null && st.connectUntil > t) reason = 'WaitingForStableConnectivity';
    const speed = a ? a.speedBps : VNIC_SPEED;
    const description = a ? a.description : (vnic?.description ?? name);
    return { name, description, ok: reason === 'NoFailure', reason, speed };
  });
  // Standby is only honoured in Switch Independent mode; it takes over when no active member is left.
  const standby = team.mode === 'SwitchIndependent' ? team.standby : null;
  const othersOk = raw.some((m) => m.ok && m.name !== standby);
  return raw.map((m) => {
    const isStandby = m.name === standby;
    const oper = !m.ok ? 'Failed' : isStandby && othersOk ? 'Standby' : 'Active';
    return {
      name: m.name,
      description: m.description,
      team: team.name,
      administrativeMode: isStandby ? 'Standby' : 'Active',
      operationalStatus: oper,
      transmitLinkSpeedBps: m.ok ? m.speed : 0,
      receiveLinkSpeedBps: m.ok ? m.speed : 0,
      failureReason: m.reason,
    };
  });
}

export function lbfoTeamStatus(members: LbfoTeamMember[]): 'Up' | 'Degraded' | 'Down' {
  const active = members.filter((m) => m.operationalStatus === 'Active').length;
  if (active === 0) return 'Down';
  return members.some((m) => m.operationalStatus === 'Failed') ? 'Degraded' : 'Up';
}

function vendorTeamUp(host: HostState, team: VendorTeamState): boolean {
  return team.enabled && team.members.some((n) => {
    const a = host.adapters.find((x) => x.name === n);
    return !!a && a.link && a.enabled;
  });
}

function adapterRow(a: AdapterState): NetAdapter {
  const up = a.enabled && a.link;
  return {
    name: a.name,
    description: a.description,
    ifIndex: a.ifIndex,
    status: !a.enabled ? 'Disabled' : a.link ? 'Up' : 'Disconnected',
    mac: a.mac,
    linkSpeedBps: up ? a.speedBps : 0,
  };
}

export function fleetToInventory(fleet: Fleet, host: HostState, t: number): Inventory {
  const netAdapters: NetAdapter[] = host.adapters.map(adapterRow);
  const lbfoTeams: NonNullable<Inventory['lbfoTeams']> = [];
  const lbfoTeamMembers: LbfoTeamMember[] = [];
  for (const team of host.teams) {
    if (team.kind === 'lbfo') {
      const members = lbfoMemberView(host, team, t);
      lbfoTeamMembers.push(...members);
      const status = lbfoTeamStatus(members);
      lbfoTeams.push({
        name: team.name,
        members: [...team.members],
        teamNics: team.nicState === 'absent' ? [] : [team.name],
        teamingMode: team.mode,
        loadBalancingAlgorithm: team.algorithm,
        status,
      });
      if (team.nicState !== 'absent') {
        const activeSpeed = members.filter((m) => m.operationalStatus === 'Active').reduce((s, m) => s + (m.transmitLinkSpeedBps ?? 0), 0);
        netAdapters.push({
          name: team.name,
          description: team.nicDescription,
          ifIndex: team.nicIfIndex,
          status: team.nicState === 'disabled' ? 'Disabled' : status === 'Down' ? 'Disconnected' : 'Up',
          mac: team.mac,
          linkSpeedBps: team.nicState === 'disabled' ? 0 : activeSpeed,
        });
      }
    } else {
      const up = vendorTeamUp(host, team);
      const speed = team.members
        .map((n) => host.adapters.find((x) => x.name === n))
        .filter((a): a is AdapterState => !!a && a.link && a.enabled)
        .reduce((s, a) => s + a.speedBps, 0);
      netAdapters.push({
        name: team.name,
        description: team.description,
        ifIndex: team.ifIndex,
        status: !team.enabled ? 'Disabled' : up ? 'Up' : 'Disconnected',
        mac: team.mac,
        linkSpeedBps: team.enabled ? speed : 0,
      });
    }
  }
  for (const v of host.hostVnics) {
    netAdapters.push({
      name: hostVnicAdapterName(v.name),
      description: v.description,
      ifIndex: v.ifIndex,
      status: v.enabled ? 'Up' : 'Disabled',
      mac: v.mac,
      linkSpeedBps: v.enabled ? VNIC_SPEED : 0,
    });
  }
  netAdapters.sort((a, b) => (a.ifIndex ?? 0) - (b.ifIndex ?? 0));

  const vmSwitches = host.vSwitches.map((s) => {
    let descriptions: string[] = [];
    const u = s.uplink;
    if (u?.kind === 'adapter') {
      const a = host.adapters.find((x) => x.name === u.name);
      descriptions = a ? [a.description] : [];
    } else if (u?.kind === 'team') {
      const team = host.teams.find((x) => x.name === u.name);
      descriptions = team ? [team.kind === 'lbfo' ? team.nicDescription : team.description] : [];
    } else if (u?.kind === 'set') {
      descriptions = u.members.map((n) => host.adapters.find((x) => x.name === n)?.description ?? n);
    }
    return {
      name: s.name,
      id: s.id,
      switchType: s.type,
      netAdapterDescriptions: descriptions,
      embeddedTeamingEnabled: s.uplink?.kind === 'set',
      allowManagementOS: s.allowManagementOS,
      iovEnabled: s.iovEnabled,
    };
  });

  const vmNetworkAdapters: VmNetworkAdapter[] = host.hostVnics.map((v) => ({
    name: v.name,
    isManagementOs: true,
    vmName: null,
    vmId: null,
    switchName: v.switch,
    mac: v.mac,
    dynamicMacAddressEnabled: !v.scvmmClone,
    connected: true,
    status: ['Ok'],
    ipAddresses: [],
    allowTeaming: false,
    macAddressSpoofing: false,
    iovWeight: 0,
  }));
  const vms = fleet.vms.filter((vm) => vm.host === host.name);
  for (const vm of vms) {
    for (const n of vm.nics) {
      vmNetworkAdapters.push({
        name: n.name,
        isManagementOs: false,
        vmName: vm.name,
        vmId: vm.id,
        switchName: n.switch,
        mac: n.mac,
        dynamicMacAddressEnabled: n.dynamic,
        connected: n.switch !== null,
        // Hyper-V Manager shows a running VM's vNIC as Ok whatever happens to the physical path.
        status: vm.state === 'Running' ? ['Ok'] : [],
        ipAddresses: vm.state === 'Running' ? [...n.ips] : [],
        allowTeaming: n.allowTeaming,
        macAddressSpoofing: false,
        iovWeight: n.iovWeight,
      });
    }
  }

  return {
    netAdapters,
    lbfoTeams,
    lbfoTeamMembers,
    vmSwitches,
    vmNetworkAdapters,
    vms: vms.map((vm) => ({ name: vm.name, id: vm.id, state: vm.state })),
    macPool: { ...host.pool },
    netAdapterRdma: host.adapters.filter((a) => a.vendor === 'mellanox' || a.rdma).map((a) => ({ name: a.name, enabled: a.rdma })),
    os: { name: host.osName, build: host.build },
    hostIps: [host.ip],
    cluster: host.cluster,
  };
}
