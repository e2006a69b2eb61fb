/**
 * The fault catalogue: one file per pattern id (docs/faults.md; ids are a public contract), one
 * line each here. Order is the order patterns are evaluated and documented.
 */
import type { Pattern } from './types.ts';
import { macConflictStorm } from './mac-conflict-storm.ts';
import { staleTeamMac } from './stale-team-mac.ts';
import { macPinnedConflict } from './mac-pinned-conflict.ts';
import { duplicateVmMac } from './duplicate-vm-mac.ts';
import { macPoolOverlap } from './mac-pool-overlap.ts';
import { macFlapping } from './mac-flapping.ts';
import { teamDegraded } from './team-degraded.ts';
import { teamDown } from './team-down.ts';
import { teamInterfaceDisabled } from './team-interface-disabled.ts';
import { lacpNegotiationFailure } from './lacp-negotiation-failure.ts';
import { guestTeamMisconfigured } from './guest-team-misconfigured.ts';
import { guestTeamPathDown } from './guest-team-path-down.ts';
import { postMigrationStaleMac } from './post-migration-stale-mac.ts';
import { longMigrationBlackout } from './long-migration-blackout.ts';
import { liveMigrationFailed } from './live-migration-failed.ts';
import { duplicateIp } from './duplicate-ip.ts';
import { sriovOnTeam } from './sriov-on-team.ts';
import { rdmaOnTeamMember } from './rdma-on-team-member.ts';
import { mixedSpeedTeam } from './mixed-speed-team.ts';
import { unsupportedTeamComposition } from './unsupported-team-composition.ts';
import { lbfoVswitchDeprecated } from './lbfo-vswitch-deprecated.ts';
import { collectorSilent } from './collector-silent.ts';

export const PATTERNS: readonly Pattern[] = [
  macConflictStorm,
  staleTeamMac,
  macPinnedConflict,
  duplicateVmMac,
  macPoolOverlap,
  macFlapping,
  teamDegraded,
  teamDown,
  teamInterfaceDisabled,
  lacpNegotiationFailure,
  guestTeamMisconfigured,
  guestTeamPathDown,
  postMigrationStaleMac,
  longMigrationBlackout,
  liveMigrationFailed,
  duplicateIp,
  sriovOnTeam,
  rdmaOnTeamMember,
  mixedSpeedTeam,
  unsupportedTeamComposition,
  lbfoVswitchDeprecated,
  collectorSilent,
];

export function findPattern(id: string): Pattern | undefined {
  return PATTERNS.find((p) => p.id === id);
}
