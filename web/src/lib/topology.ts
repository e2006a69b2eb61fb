/**
 * The host topology as positioned boxes and edges, computed from HostStateDto — no layout library.
 * Columns, left to right: upstream switch ports → physical NICs (team members and adapters bound
 * straight to a vSwitch) → teams → vSwitches → host and VM vNICs. Each column is ordered by the
 * column before it (members by team, vSwitches by team, vNICs by vSwitch), which keeps edges from
 * crossing in the common cases. `mode` picks which side colours the boxes: what the collectors
 * observed or what the simulator expected; a box whose two sides disagree is flagged `diverges`.
 */
import type { HostStateDto } from '../contract.ts';

export type Mode = 'observed' | 'expected';
export type NodeKind = 'upstream' | 'pnic' | 'team' | 'vswitch' | 'vnic';
export type NodeState = 'ok' | 'active' | 'standby' | 'failed' | 'degraded' | 'warning' | 'unknown';

export interface TopoNode {
  id: string;
  /** Longest line, in characters, that fits the box (longer lines are cut with an ellipsis). */
  maxChars: number;
  kind: NodeKind;
  name: string;
  x: number;
  y: number;
  w: number;
  h: number;
  lines: string[];
  state: NodeState;
  diverges: boolean;
}

export interface TopoEdge {
  id: string;
  from: string;
  to: string;
  d: string;
  state: NodeState;
}

export interface Topology {
  nodes: TopoNode[];
  edges: TopoEdge[];
  width: number;
  height: number;
}

const COL_X = [0, 210, 450, 740, 980];
const COL_W = [170, 200, 250, 200, 300];
const LINE_H = 16;
const PAD_Y = 10;
const GAP_Y = 14;
export const TOP = 28;

const norm = (s: string | null | undefined) => (s ?? '').trim().toLowerCase();

function memberState(s: string | null | undefined): NodeState {
  const v = norm(s);
  return v === 'active' || v === 'standby' || v === 'failed' ? v : 'unknown';
}

function teamState(s: string | null | undefined): NodeState {
  const v = norm(s);
  if (v === 'up') return 'ok';
  if (v === 'degraded') return 'degraded';
  if (v === 'down' || v === 'failed') return 'failed';
  return 'unknown';
}

function speed(bps: number | null): string | null {
  if (!bps) return null;
  return bps >= 1e9 ? `${+(bps / 1e9).toFixed(1)} Gb/s` : `${Math.round(bps / 1e6)} Mb/s`;
}

const locText = (o: { device: string; port: string; vlan: number | null }) => `${o.device} ${o.port}${o.vlan !== null ? ` vlan ${o.vlan}` : ''}`;

/**
 * Whether what was seen upstream agrees with the expected location. The expectation is free text
 * ("behind Ethernet 1") that names a member, not a switch port, and the contract does not say which
 * port each member is cabled to — so the one divergence that can be judged here is a MAC that is
 * expected somewhere and seen nowhere; a text that does name a seen port must match it.
 */
function locationAgrees(expected: string | null, observed: { device: string; port: string }[]): boolean {
  if (!expected) return true;
  if (observed.length === 0) return false;
  const e = norm(expected);
  const namesPorts = observed.some((o) => e.includes(norm(o.device)));
  return !namesPorts || observed.some((o) => e.includes(norm(o.port)) && e.includes(norm(o.device)));
}

export function layoutTopology(state: HostStateDto, mode: Mode): Topology {
  const cols: TopoNode[][] = [[], [], [], [], []];
  const edges: { from: string; to: string; state: NodeState }[] = [];
  const byId = new Map<string, TopoNode>();
  const add = (col: number, n: Omit<TopoNode, 'x' | 'y' | 'w' | 'h' | 'maxChars'>) => {
    if (byId.has(n.id)) return byId.get(n.id)!;
    const node: TopoNode = { ...n, x: COL_X[col], y: 0, w: COL_W[col], h: PAD_Y * 2 + n.lines.length * LINE_H, maxChars: Math.floor((COL_W[col] - 18) / 7.3) };
    cols[col].push(node);
    byId.set(n.id, node);
    return node;
  };
  const locations = new Map(state.macLocations.map((l) => [norm(l.mac), l]));
  const teamNames = new Set(state.teams.map((t) => t.name));
  const memberNames = new Set(state.teams.flatMap((t) => t.observed.members.map((m) => m.name)));

  // Teams and their members (and the switch ports the members' MACs are seen on).
  for (const t of state.teams) {
    const expActive = new Set(t.expected.activeMembers);
    const obsTeam = teamState(t.observed.status);
    const expTeam = teamState(t.expected.status);
    const teamDiverges = obsTeam !== expTeam || (t.expected.teamMac !== null && t.observed.teamMac !== null && norm(t.expected.teamMac) !== norm(t.observed.teamMac));
    const algo = [t.teamingMode, t.loadBalancingAlgorithm].filter(Boolean).join(' / ');
    const tMac = mode === 'observed' ? t.observed.teamMac : t.expected.teamMac;
    add(2, {
      id: `team:${t.name}`,
      kind: 'team',
      name: t.name,
      // Windows does not report the members of vendor (BASP/ANS) teams: say so instead of drawing none.
      lines: [t.name, `${t.kind.toUpperCase()}${algo ? ' · ' + algo : ''}`, ...(t.kind === 'vendor' && t.observed.members.length === 0 ? ['members not reported'] : []), `status ${(mode === 'observed' ? t.observed.status : t.expected.status) ?? 'unknown'}`, ...(tMac ? [`MAC ${tMac}`] : []), ...(mode === 'expected' && t.expected.primaryMember ? [`primary ${t.expected.primaryMember}`] : [])],
      state: mode === 'observed' ? obsTeam : expTeam,
      diverges: teamDiverges,
    });
    for (const m of t.observed.members) {
      const obs = memberState(m.state);
      const exp: NodeState = expActive.has(m.name) ? 'active' : obs === 'active' ? 'standby' : obs;
      const shown = mode === 'observed' ? obs : exp;
      const lines = [m.name, ...(m.mac ? [m.mac] : []), ...(speed(m.speedBps) ? [speed(m.speedBps)!] : []), mode === 'observed' ? shown : `${shown} (expected)`];
      if (mode === 'observed' && m.failureReason && m.failureReason !== 'NoFailure') lines.push(m.failureReason);
      const id = `pnic:${m.name}`;
      add(1, { id, kind: 'pnic', name: m.name, lines, state: shown, diverges: (obs === 'active') !== expActive.has(m.name) && t.expected.activeMembers.length + (t.expected.status ? 1 : 0) > 0 });
      edges.push({ from: id, to: `team:${t.name}`, state: shown });
      const loc = m.mac ? locations.get(norm(m.mac)) : undefined;
      if (loc) {
        const where = mode === 'observed' ? loc.observed.map(locText) : loc.expected ? [loc.expected] : [];
        for (const w of where) {
          const uid = `upstream:${w}`;
          add(0, { id: uid, kind: 'upstream', name: w, lines: w.split(' ').length > 1 ? [w.split(' ')[0], w.split(' ').slice(1).join(' ')] : [w], state: 'ok', diverges: !locationAgrees(loc.expected, loc.observed) });
          edges.push({ from: uid, to: id, state: shown });
        }
      }
    }
  }

  // vSwitches, ordered by the first team they are bound to.
  const switchNames = [...state.vSwitches.map((s) => s.name)];
  for (const t of state.teams) for (const s of t.vSwitches) if (!switchNames.includes(s)) switchNames.push(s);
  for (const n of state.vNics) if (n.switch && !switchNames.includes(n.switch)) switchNames.push(n.switch);
  const teamOrder = state.teams.map((t) => t.name);
  const rank = (name: string) => {
    const vs = state.vSwitches.find((s) => s.name === name);
    const bound = state.teams.findIndex((t) => t.vSwitches.includes(name) || (vs?.boundTo ?? []).includes(t.name));
    return bound === -1 ? teamOrder.length : bound;
  };
  switchNames.sort((a, b) => rank(a) - rank(b));
  for (const name of switchNames) {
    const vs = state.vSwitches.find((s) => s.name === name);
    const flags = vs ? [vs.type, vs.embeddedTeaming ? 'SET' : null, vs.allowManagementOS ? 'mgmt OS' : null].filter(Boolean).join(' · ') : 'not in inventory';
    const id = `vswitch:${name}`;
    add(3, { id, kind: 'vswitch', name, lines: [name, flags], state: vs ? 'ok' : 'unknown', diverges: false });
    for (const t of state.teams) {
      if (t.vSwitches.includes(name) || (vs?.boundTo ?? []).includes(t.name)) edges.push({ from: `team:${t.name}`, to: id, state: byId.get(`team:${t.name}`)!.state });
    }
    // A vSwitch on a team names the team NIC's description (e.g. "Microsoft Network Adapter
    // Multiplexor Driver") as its uplink; the team edge already stands for it.
    const onTeam = state.teams.some((t) => t.vSwitches.includes(name) || (vs?.boundTo ?? []).includes(t.name));
    for (const b of vs?.boundTo ?? []) {
      if (teamNames.has(b) || (onTeam && !memberNames.has(b))) continue;
      const pid = `pnic:${b}`;
      if (!memberNames.has(b)) add(1, { id: pid, kind: 'pnic', name: b, lines: [b, 'adapter'], state: 'unknown', diverges: false });
      edges.push({ from: pid, to: id, state: 'unknown' });
    }
  }

  // vNICs: per vSwitch, host vNICs first, then VMs by name.
  const vnics = [...state.vNics].sort(
    (a, b) =>
      switchNames.indexOf(a.switch ?? '') - switchNames.indexOf(b.switch ?? '') ||
      Number(b.isManagementOs) - Number(a.isManagementOs) ||
      (a.vm ?? '').localeCompare(b.vm ?? '') ||
      a.name.localeCompare(b.name),
  );
  vnics.forEach((n, i) => {
    const loc = n.mac ? locations.get(norm(n.mac)) : undefined;
    const where =
      mode === 'observed'
        ? loc && loc.observed.length > 0
          ? loc.observed.slice(0, 2).map((o) => `seen ${locText(o)}`)
          : ['not seen upstream']
        : loc?.expected
          ? [`expected ${loc.expected}`]
          : [];
    const bad = n.status.some((s) => norm(s) !== 'ok' && norm(s) !== '');
    const id = `vnic:${i}:${n.vm ?? ''}:${n.name}`;
    add(4, {
      id,
      kind: 'vnic',
      name: n.vm ? `${n.vm}/${n.name}` : n.name,
      lines: [
        n.vm ? `VM ${n.vm} · ${n.name}` : `host · ${n.name}`,
        `${n.mac ?? 'no MAC'}${n.dynamicMac === null ? '' : n.dynamicMac ? ' (dynamic)' : ' (static)'}`,
        ...where,
        ...(n.expectedMember ? [`via ${n.expectedMember}${mode === 'expected' ? ' (expected)' : ''}`] : []),
      ],
      state: bad ? 'warning' : n.switch ? 'ok' : 'unknown',
      diverges: loc ? !locationAgrees(loc.expected, loc.observed) : false,
    });
    if (n.switch) edges.push({ from: `vswitch:${n.switch}`, to: id, state: 'ok' });
  });

  // Stack each column, then centre the shorter columns against the tallest.
  const heights = cols.map((c) => c.reduce((h, n) => h + n.h + GAP_Y, 0) - (c.length ? GAP_Y : 0));
  const tallest = Math.max(80, ...heights);
  cols.forEach((c, i) => {
    let y = TOP + (tallest - heights[i]) / 2;
    for (const n of c) {
      n.y = y;
      y += n.h + GAP_Y;
    }
  });
  const laidEdges: TopoEdge[] = [];
  const seen = new Set<string>();
  for (const e of edges) {
    const a = byId.get(e.from);
    const b = byId.get(e.to);
    const key = `${e.from}→${e.to}`;
    if (!a || !b || seen.has(key)) continue;
    seen.add(key);
    const x1 = a.x + a.w;
    const y1 = a.y + a.h / 2;
    const x2 = b.x;
    const y2 = b.y + b.h / 2;
    const dx = Math.max(20, (x2 - x1) / 2);
    laidEdges.push({ id: key, from: e.from, to: e.to, state: e.state, d: `M${x1},${y1} C${x1 + dx},${y1} ${x2 - dx},${y2} ${x2},${y2}` });
  }
  const nodes = cols.flat();
  const used = cols.map((c, i) => (c.length ? COL_X[i] + COL_W[i] : 0));
  return { nodes, edges: laidEdges, width: Math.max(...used, 400) + 4, height: TOP + tallest + 8 };
}

export const COLUMN_TITLES: [number, string][] = [
  [COL_X[0], 'Seen at (switch port)'],
  [COL_X[1], 'Physical NICs'],
  [COL_X[2], 'Teams'],
  [COL_X[3], 'vSwitches'],
  [COL_X[4], 'vNICs (host and VMs)'],
];
