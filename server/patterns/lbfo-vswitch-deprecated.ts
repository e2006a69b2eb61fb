/**
 * lbfo-vswitch-deprecated: on Windows Server 2022 or later (OS build ≥ 20348) a Hyper-V vSwitch is
 * bound to an inbox LBFO team interface. Microsoft removed this binding from the product (Hyper-V
 * Manager no longer offers it; New-VMSwitch needs -AllowNetLbfoTeams $true) and points to SET and
 * the Convert-LBFO2SET module (docs/domain.md F21). Advisory, not an outage: one info alert per host
 * listing every such vSwitch.
 *
 * A vSwitch counts as LBFO-bound when its adapter description is an LBFO team interface
 * (`Microsoft Network Adapter Multiplexor Driver[ #n]`). Silent for SET vSwitches, vSwitches on a
 * single NIC or a vendor team, builds below 20348, and hosts that did not report their OS build.
 */
import type { Inventory } from '../model/inventory.ts';
import type { Predictor } from '../engine/predictor.ts';
import type { Finding, Pattern } from './types.ts';
import { isTeamNicDescription } from '../simulator/vendors.ts';
import { sameDescription } from './kit.ts';
import { inventoryConditionSince, ps } from './team-conditions.ts';

/** First build of Windows Server 2022. */
export const WS2022_BUILD = 20348;

interface Bound {
  vSwitch: string;
  team: string | null;
  description: string;
}

function lbfoBound(predictor: Predictor, inv: Inventory): Bound[] {
  if (inv.os?.build == null || inv.os.build < WS2022_BUILD) return [];
  const teams = predictor.classifyTeams(inv).filter((t) => t.kind === 'lbfo');
  const out: Bound[] = [];
  for (const s of inv.vmSwitches ?? []) {
    if (s.embeddedTeamingEnabled) continue;
    const d = s.netAdapterDescriptions.find((x) => isTeamNicDescription(x));
    if (!d) continue;
    const team = teams.find((t) => sameDescription(t.teamNic?.description, d))?.team ?? null;
    out.push({ vSwitch: s.name, team, description: d });
  }
  return out;
}

const signature = (bound: Bound[]) => bound.map((b) => b.vSwitch.toLowerCase()).sort().join('|');

export const lbfoVswitchDeprecated: Pattern = {
  id: 'lbfo-vswitch-deprecated',
  severity: 'info',
  scope: 'host',
  subjectKeys: ['host'],
  wakeOn: ['inventory'],
  forMs: 0,
  doc: {
    title: 'LBFO-bound vSwitch on Windows Server 2022 or later',
    meaning:
      'A Hyper-V virtual switch is bound to an inbox LBFO team on Windows Server 2022 or later. Binding a vSwitch to LBFO is deprecated there: Hyper-V Manager no longer offers it and new switches need -AllowNetLbfoTeams. It still works, but SET is the supported and developed teaming for Hyper-V. Advisory.',
    signals: ['Get-ComputerInfo / OS build ≥ 20348 in the inventory', 'Get-VMSwitch NetAdapterInterfaceDescription "Microsoft Network Adapter Multiplexor Driver[ #n]" with EmbeddedTeamingEnabled False'],
    benign: ['SET vSwitches (EmbeddedTeamingEnabled True)', 'Hosts before Windows Server 2022 (build < 20348) or with an unknown build', 'vSwitches bound to a single physical NIC or a vendor team'],
    remediation: 'Plan a migration to SET: Install-Module Convert-LBFO2SET, then Convert-LBFO2Set -LBFOTeam <team> -SETTeam <new name> (moves the vSwitch and its vNICs; brief outage with a single pNIC).',
    sources: ['LBFO-DEPREC', 'SET-PS', 'MS-SET'],
  },
  evaluate(ctx, key) {
    const h = ctx.fleet.hosts.get(key);
    const inv = h?.inventory;
    if (!h || !inv) return { findings: [] };
    const bound = lbfoBound(ctx.fleet.predictor, inv);
    if (!bound.length) return { findings: [] };
    const sig = signature(bound);
    const since = inventoryConditionSince(h, (i) => signature(lbfoBound(ctx.fleet.predictor, i)) === sig);
    const what = bound.map((b) => `${b.vSwitch} → ${b.team ? `LBFO team ${b.team}` : b.description}`).join(', ');
    const teams = [...new Set(bound.map((b) => b.team).filter((t): t is string => t !== null))];
    const finding: Finding = {
      subject: { host: h.name },
      since,
      summary: `${h.name} (build ${inv.os?.build}) has vSwitch(es) bound to LBFO: ${bound.map((b) => b.vSwitch).join(', ')}`,
      expected: {
        summary: `On Windows Server 2022+ (build ≥ ${WS2022_BUILD}) vSwitches use Switch Embedded Teaming (SET)`,
        values: { embeddedTeamingEnabled: true },
      },
      observed: {
        summary: `OS build ${inv.os?.build}${inv.os?.name ? ` (${inv.os.name})` : ''}; ${what}`,
        values: { build: inv.os?.build, osName: inv.os?.name ?? null, vSwitches: bound.map((b) => ({ name: b.vSwitch, team: b.team, adapterDescription: b.description })) },
      },
      evidence: h.inventoryRef ? [h.inventoryRef] : [],
      explanation:
        'Microsoft removed LBFO as a vSwitch uplink from Windows Server 2022 onward ("the Hyper-V vSwitch will no longer have the capability to be bound to an LBFO team"); existing switches keep working, but the configuration is deprecated, gets no new features (e.g. RDMA, accelerated networking) and may break with future releases. SET is the supported replacement.',
      remediation: {
        text: 'Migrate each LBFO team and its vSwitch to SET with Microsoft\'s Convert-LBFO2SET module, in a maintenance window (a team with a single pNIC needs -AllowOutage).',
        commands: [
          'Install-Module Convert-LBFO2SET',
          ...(teams.length ? teams.map((t) => `Convert-LBFO2Set -LBFOTeam ${ps(t)} -SETTeam ${ps(`${t}-SET`)} -EnableBestPractices`) : ["Convert-LBFO2Set -LBFOTeam '<LBFO team>' -SETTeam '<new SET switch>'"]),
          'Get-VMSwitch | Format-Table Name,EmbeddedTeamingEnabled,NetAdapterInterfaceDescription',
        ],
      },
    };
    return { findings: [finding] };
  },
};
