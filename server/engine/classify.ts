/**
 * Turns a stored Windows event into a typed signal the patterns understand, keyed by
 * (provider, event id) — never by id alone (drivers reuse small ids). Provider aliases from
 * domain.md §5.2 are accepted. Unknown events classify as null and are only stored.
 */
import type { EventObservation } from '../model/observation.ts';
import { normalizeMac, type Mac } from '../model/mac.ts';

export type Signal =
  | { kind: 'lbfo-mac-conflict'; teamNic: string | null }
  | { kind: 'lbfo-vlan-nondefault'; teamNic: string | null }
  | { kind: 'lbfo-lacp-churn'; member: string | null }
  | { kind: 'lbfo-connect-timer'; member: string | null }
  | { kind: 'lbfo-member-disconnected'; member: string | null }
  | { kind: 'lbfo-member-connected'; member: string | null }
  | { kind: 'team-create-failed'; detail: string }
  | { kind: 'nic-link-down'; adapter: string | null }
  | { kind: 'nic-link-up'; adapter: string | null }
  | { kind: 'vswitch-media-disconnected'; friendlyName: string | null }
  | { kind: 'vm-started'; vm: string | null; vmId: string | null }
  | { kind: 'vm-stopped'; vm: string | null; vmId: string | null; how: 'off' | 'shutdown' | 'guest-shutdown' }
  | { kind: 'vm-reset'; vm: string | null; vmId: string | null; by: 'manager' | 'guest' }
  | { kind: 'vm-created'; vm: string | null; vmId: string | null }
  | { kind: 'lm-initiated'; vm: string | null; destination: string | null }
  | { kind: 'lm-completed'; vm: string | null; vmId: string | null; blackoutSec: number | null; long: boolean }
  | { kind: 'lm-failed'; vm: string | null; cause: LmFailureCause; vSwitch: string | null; destination: string | null; eventId: number }
  | { kind: 'mac-pinned'; mac: Mac | null; port: string | null; pinnedTo: string | null }
  | { kind: 'ip-conflict'; ip: string | null; mac: Mac | null; disabled: boolean }
  | { kind: 'mac-pool-exhausted'; vm: string | null }
  | { kind: 'cluster-net'; state: 'unreachable' | 'failed' | 'partitioned' | 'down' | 'up' | 'node-down'; detail: string | null };

export type LmFailureCause = 'failed' | 'vswitch-disconnected-on-destination' | 'vswitch-missing-on-destination' | 'config-failed-on-destination' | 'vswitch-hard-dependency' | 'migration-limit';

const LBFO = /^(microsoft-windows-)?mslbfo(sysevtprovider|sys|provider)$/i;
const INTEL = /^(e1[a-z]?express|e1[dirck]\d*express|e1i\d+x64|e1g\d+[a-z]*|e2f[a-z]*express|ixgbe|i40ea|i40eb|icea|ixn|ixs)/i;
const BCM_B57 = /^(b57nd60a|b57nd60x|bxnd60a|bnxtnd)$/i;
const QLOGIC = /^(evbda|qevbda|ebdrv|qebdrv)$/i;
const MLX = /^(mlx4_bus|mlx4eth63|mlx5)$/i;
const VMSWITCH = /^(microsoft-windows-)?hyper-v-vmswitch$/i;
const WORKER = /^(microsoft-windows-)?hyper-v-worker$/i;
const VMMS = /^(microsoft-windows-)?hyper-v-vmms$/i;
const HA = /^(microsoft-windows-)?hyper-v-high-availability$/i;
const FC = /^(microsoft-windows-)?failoverclustering$/i;
const NDISIM = /^(microsoft-windows-)?ndisimplatformsysevtprovider$/i;

const INTEL_UP = new Set([31, 32, 33, 34, 35, 36, 57, 62]);

/** The last insertion string is the adapter/team description in LBFO and NIC-driver messages. */
function lastParam(e: EventObservation): string | null {
  for (let i = e.params.length - 1; i >= 0; i--) {
    const v = e.params[i]?.trim();
    if (v) return v;
  }
  return null;
}

function fromMessage(e: EventObservation, re: RegExp): string | null {
  const m = e.message ? re.exec(e.message) : null;
  return m ? m[1].trim() : null;
}

function vmFields(e: EventObservation): { vm: string | null; vmId: string | null } {
  const d = e.data;
  return {
    vm: d.VmName ?? d.Parameter0 ?? fromMessage(e, /^'?(.+?)'? (?:started|was)/) ?? null,
    vmId: (d.VmId ?? d.Parameter1 ?? null)?.toLowerCase() ?? null,
  };
}

/** Adapter description of a NIC driver event: Intel puts it in %2 / first message line; Broadcom prefixes `%2:`. */
function adapterOf(e: EventObservation): string | null {
  const p = lastParam(e);
  if (p && !/^\d+$/.test(p)) return p;
  if (e.message) {
    const first = e.message.split(/\r?\n/)[0].trim();
    const colon = /^(.+?):\s+The network link/i.exec(first);
    if (colon) return colon[1];
    if (first && !/network link/i.test(first)) return first;
  }
  return null;
}

export function classify(e: EventObservation): Signal | null {
  const p = e.provider;
  const id = e.eventId;
  if (LBFO.test(p)) {
    switch (id) {
      case 16945:
        return { kind: 'lbfo-mac-conflict', teamNic: fromMessage(e, /on Team Nic (.+?)\s*$/i) ?? lastParam(e) };
      case 16946:
        return { kind: 'lbfo-vlan-nondefault', teamNic: fromMessage(e, /on non-default Team Nic (.+?)\s*$/i) ?? lastParam(e) };
      case 16947:
        return { kind: 'lbfo-lacp-churn', member: fromMessage(e, /on Member Nic (.+?)\.?\s*$/i) ?? lastParam(e) };
      case 16948:
        return { kind: 'lbfo-connect-timer', member: fromMessage(e, /for Member Nic (.+?)\. It will/i) ?? lastParam(e) };
      case 16949:
        return { kind: 'lbfo-member-disconnected', member: fromMessage(e, /Member Nic (.+?) Disconnected/i) ?? lastParam(e) };
      case 16950:
        return { kind: 'lbfo-member-connected', member: fromMessage(e, /Member Nic (.+?) Connected/i) ?? lastParam(e) };
    }
    return null;
  }
  if (NDISIM.test(p) && id >= 16993 && id <= 16999) return { kind: 'team-create-failed', detail: e.message ?? e.params.join(' ') };
  if (INTEL.test(p)) {
    if (id === 27) return { kind: 'nic-link-down', adapter: adapterOf(e) };
    if (INTEL_UP.has(id)) return { kind: 'nic-link-up', adapter: adapterOf(e) };
    return null;
  }
  if (BCM_B57.test(p)) {
    if (id === 4) return { kind: 'nic-link-down', adapter: adapterOf(e) };
    if (id === 5) return { kind: 'nic-link-up', adapter: adapterOf(e) };
    return null;
  }
  if (QLOGIC.test(p)) {
    if (id === 2) return { kind: 'nic-link-down', adapter: adapterOf(e) };
    if (id === 3) return { kind: 'nic-link-up', adapter: adapterOf(e) };
    return null;
  }
  if (MLX.test(p) && (id === 81 || id === 82)) return { kind: 'nic-link-down', adapter: adapterOf(e) };
  if (VMSWITCH.test(p) && id === 22) {
    return { kind: 'vswitch-media-disconnected', friendlyName: fromMessage(e, /Friendly Name: (.+?)\)\.?\s*$/i) ?? e.data.NicFName ?? null };
  }
  if ((/^vmsmp$/i.test(p) || VMSWITCH.test(p)) && (id === 28 || /prevented from using MAC address/i.test(e.message ?? ''))) {
    const text = e.message ?? e.params.join(' ');
    const m = /Port '([^']+)' was prevented from using MAC address '([^']+)' because it is pinned to port '([^']+)'/i.exec(text);
    const mac = m ? normalizeMac(m[2]) : (e.params.map(normalizeMac).find((x) => x !== null) ?? null);
    return { kind: 'mac-pinned', mac, port: m?.[1] ?? null, pinnedTo: m?.[3] ?? null };
  }
  if (WORKER.test(p)) {
    const f = vmFields(e);
    switch (id) {
      case 18500:
        return { kind: 'vm-started', ...f };
      case 18502:
        return { kind: 'vm-stopped', ...f, how: 'off' };
      case 18504:
        return { kind: 'vm-stopped', ...f, how: 'shutdown' };
      case 18508:
        return { kind: 'vm-stopped', ...f, how: 'guest-shutdown' };
      case 18512:
        return { kind: 'vm-reset', ...f, by: 'manager' };
      case 18514:
        return { kind: 'vm-reset', ...f, by: 'guest' };
      case 12565:
        return { kind: 'mac-pool-exhausted', vm: f.vm };
    }
    return null;
  }
  if (VMMS.test(p)) {
    const f = vmFields(e);
    if (id === 13002 || id === 18304) return { kind: 'vm-created', ...f };
    if (id === 20413) return { kind: 'lm-initiated', vm: f.vm ?? fromMessage(e, /virtual machine "(.+?)"/), destination: fromMessage(e, /destination host "(.+?)\.?"/) };
    if (id === 20415 || id === 20417) {
      const vm = e.data.Parameter0 ?? fromMessage(e, /virtual machine\s+['"](.+?)['"]/);
      const bl = e.data.Parameter2 ?? fromMessage(e, /blackout time of ([\d.]+) seconds/);
      const blackoutSec = bl !== null && bl !== undefined && Number.isFinite(Number(bl)) ? Number(bl) : null;
      return { kind: 'lm-completed', vm: vm ?? null, vmId: (e.data.Parameter1 ?? null)?.toLowerCase() ?? null, blackoutSec, long: id === 20417 };
    }
    return null;
  }
  if (HA.test(p)) {
    const vm = e.data.Parameter0 ?? e.params[0] ?? fromMessage(e, /^'(.+?)'/) ?? fromMessage(e, /Live migration of '(.+?)' failed/);
    const dest = fromMessage(e, /destination node '(.+?)'/) ?? null;
    const cause: Record<number, LmFailureCause> = {
      21111: 'failed',
      21145: 'vswitch-disconnected-on-destination',
      21159: 'vswitch-missing-on-destination',
      21502: 'vswitch-missing-on-destination',
      21125: 'config-failed-on-destination',
      21158: 'vswitch-hard-dependency',
      21501: 'migration-limit',
    };
    if (cause[id]) return { kind: 'lm-failed', vm: vm ?? null, cause: cause[id], vSwitch: null, destination: dest, eventId: id };
    return null;
  }
  if (/^tcpip$/i.test(p) && (id === 4198 || id === 4199)) {
    const ip = e.params[1] ?? fromMessage(e, /address conflict for IP address (\S+?) with/i);
    const mac = normalizeMac(e.params[2] ?? fromMessage(e, /hardware address (\S+?)\.?\s/i) ?? '');
    return { kind: 'ip-conflict', ip: ip ?? null, mac, disabled: id === 4198 };
  }
  if (FC.test(p)) {
    const states: Record<number, 'unreachable' | 'failed' | 'partitioned' | 'down' | 'up' | 'node-down'> = {
      1125: 'unreachable',
      1126: 'unreachable',
      1127: 'failed',
      1128: 'up',
      1129: 'partitioned',
      1130: 'down',
      1135: 'node-down',
    };
    if (states[id]) return { kind: 'cluster-net', state: states[id], detail: e.params[0] ?? null };
  }
  return null;
}
