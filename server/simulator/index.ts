/**
 * server/simulator — the pure model of a Hyper-V fleet's networking: the expected state (prediction)
 * and the generator of realistic input (scenarios, demo). No I/O, no clock reads, no Math.random:
 * time is passed in and randomness comes from a seeded PRNG carried in the fleet.
 *
 * PREDICTION (over an OBSERVED `Inventory`, server/model/inventory.ts — what the engine calls)
 *   classifyTeams(inv, { host?, vendorTeamMembers? }): ExpectedTeam[]
 *       LBFO from lbfoTeams/lbfoTeamMembers, vendor teams (BASP/ANS/HPE) from adapter descriptions,
 *       SET from vmSwitches. Expected status, active/failed/standby members, team MAC, primary
 *       member (the team-MAC donor while active, else the first active member), whether the team
 *       rewrites source MACs, per-vNIC-MAC member affinity (rendezvous hashing), bound vSwitches.
 *   teamForNicDescription(inv, description): ExpectedTeam | null      (16945's `%2` → team)
 *   affinityFor(mac, activeMembers): string | null
 *   expectedMacLocations(inv, { host?, cabling?, vendorTeamMembers? }): ExpectedMacLocation[]
 *       where each MAC must appear upstream now: owner, vSwitch, team, members, switch ports.
 *   legitimateMacsForIp(inv, ip, opts?): Mac[]       MACs that may answer for one IP on this host.
 *   factFromEvent(ev, inv?): LifecycleFact | null
 *   factsFromInventoryDiff(host, prev, next): LifecycleFact[]
 *   explains16945(facts, host, team, t, windowMs = 60_000): LifecycleFact | null   (KB 2920261)
 *   explainsMacMove(facts, { host, vm, team }, t, windowMs = 120_000): LifecycleFact | null
 *   driverLinkState(provider, eventId): boolean | null,  isMsLbfoSys(provider)
 *   defaultMacPool(ipv4), inPool, poolOverlap, allocateDynamicMac, nextDynamicMac, suggestFreePool
 *
 * MODEL AND BEHAVIOUR
 *   Fleet (fleet.ts) — hosts, adapters, teams, vSwitches, host vNICs, VMs, switches, cabling.
 *   apply(fleet, action, t) → { fleet, emitted: Emission[] }; boot(fleet, t) settles a new fleet.
 *   fleetToInventory(fleet, host, t): the host as a collector reports it (what prediction reads).
 *
 * SCENARIOS AND GENERATION
 *   parseScenario(yaml) → Scenario (zod-validated; docs/scenarios.md); expectationAnchor;
 *   checkAlerts(scenario, raised) → { ok, missing, late, unexpected } for scenario runners.
 *   generate(scenario) → Post[] ({ at, format, query, body }, time order, byte-identical per seed);
 *   generateTrace(scenario) also returns ground truth (events, facts, inventories, emissions);
 *   shiftScenario(scenario, deltaMs); Run (incremental generation, used by the demo driver).
 *   Renderers: renderEventXml, renderBundle, renderWindowsArp, renderCiscoIosMac,
 *   renderCiscoNxosMac, renderSyslog.
 *
 * DEMO
 *   demoFleetSpec(), Playlist, startDemo({ post, now, setTimer, clearTimer, log }) → { stop() }.
 */
export type { ExpectedTeam, TeamKind, ClassifyOptions } from './predict/teams.ts';
export { classifyTeams, teamForNicDescription, affinityFor, isAddressHash, isPerPortAlgorithm, isSwitchDependent } from './predict/teams.ts';
export type { ExpectedMacLocation, MacOwner, CablingEntry, LocationOptions } from './predict/locations.ts';
export { expectedMacLocations } from './predict/locations.ts';
export { legitimateMacsForIp } from './predict/neighbors.ts';
export type { LifecycleFact } from './predict/facts.ts';
export { factFromEvent, factsFromInventoryDiff, explains16945, explainsMacMove, driverLinkState, isMsLbfoSys, adapterDescriptionOf, teamsOfVm, MSLBFO_PROVIDERS } from './predict/facts.ts';
export { defaultMacPool, inPool, poolOverlap, allocateDynamicMac, nextDynamicMac, suggestFreePool } from './macpool.ts';
export * from './vendors.ts';

export type * from './fleet.ts';
export { findHost, findVm, hostVnicAdapterName } from './fleet.ts';
export type { Action, PublicAction, InternalAction, VmNicSpec } from './behaviour/actions.ts';
export { apply, boot, type Transition } from './behaviour/apply.ts';
export type { Emission, SyslogMessage } from './emission.ts';
export type { WinEvent, EventSpec } from './events.ts';
export { fleetToInventory, lbfoMemberView, lbfoTeamStatus } from './inventory-view.ts';
export { buildFleet, type BuildOptions } from './build/build.ts';

export { parseScenario, expectationAnchor, ScenarioError } from './scenario/parse.ts';
export { ScenarioSchema, PATTERN_IDS, type Scenario, type PatternId, type TimelineEntry, type ExpectedAlert } from './scenario/schema.ts';
export { FleetSpecSchema, type FleetSpec, type HostSpec, type VmSpec } from './scenario/fleet-schema.ts';
export { checkAlerts, subjectMatches, type RaisedAlert, type AlertCheck } from './scenario/check.ts';
export { parseDuration, formatDuration } from './scenario/duration.ts';
export { generate, generateTrace, shiftScenario, startRun } from './generate/generate.ts';
export { Run, type Post, type CollectPlan, type TraceSink, type RunOptions } from './generate/run.ts';

export { renderEventXml } from './render/event-xml.ts';
export { renderBundle, BUNDLE_SCHEMA, type BundleInput } from './render/bundle.ts';
export { renderWindowsArp } from './render/windows-arp.ts';
export { renderCiscoIosMac } from './render/cisco-ios-mac.ts';
export { renderCiscoNxosMac } from './render/cisco-nxos-mac.ts';
export { renderSyslog } from './render/syslog.ts';

export { demoFleetSpec, DEMO_SEED, DEMO_CLUSTERS, DESIGNATED } from './demo.ts';
export { Playlist, PLAYLIST, episodeSteps, type PlannedAction } from './demo-playlist.ts';
export { startDemo, type DemoDeps, type DemoHandle } from './demo-driver.ts';
