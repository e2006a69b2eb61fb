/**
 * A scenario: a fleet, a timeline of actions, how often collectors report, how long to run, and
 * the exact set of alerts the engine must raise (docs/scenarios.md).
 *
 * Timeline entries are the action's own fields plus `at` (offset from `start`), optional
 * `fault: true` (marks the fault action that `expect.alerts[].within` counts from) and `note`.
 */
import { z } from 'zod';
import type { PublicAction } from '../behaviour/actions.ts';
import { parseDuration } from './duration.ts';
import { ActionSchema } from './actions-schema.ts';
import { FleetSpecSchema, type FleetSpec } from './fleet-schema.ts';

/** The fault catalogue's stable ids (docs/faults.md — a public contract). */
export const PATTERN_IDS = [
  'mac-conflict-storm',
  'stale-team-mac',
  'mac-pinned-conflict',
  'duplicate-vm-mac',
  'mac-pool-overlap',
  'mac-flapping',
  'team-degraded',
  'team-down',
  'team-interface-disabled',
  'lacp-negotiation-failure',
  'guest-team-misconfigured',
  'guest-team-path-down',
  'post-migration-stale-mac',
  'long-migration-blackout',
  'live-migration-failed',
  'duplicate-ip',
  'sriov-on-team',
  'rdma-on-team-member',
  'mixed-speed-team',
  'unsupported-team-composition',
  'lbfo-vswitch-deprecated',
  'collector-silent',
] as const;
export type PatternId = (typeof PATTERN_IDS)[number];

const duration = z.union([z.string(), z.number()]).transform((v, ctx) => {
  try {
    return parseDuration(v);
  } catch (e) {
    ctx.addIssue({ code: 'custom', message: (e as Error).message });
    return z.NEVER;
  }
});

const TimelineEntrySchema = z
  .looseObject({ at: duration, fault: z.boolean().optional(), note: z.string().optional() })
  .transform((entry, ctx) => {
    const { at, fault, note, ...rest } = entry;
    const parsed = ActionSchema.safeParse(rest);
    if (!parsed.success) {
      for (const issue of parsed.error.issues) ctx.addIssue({ code: 'custom', message: issue.message, path: issue.path });
      return z.NEVER;
    }
    return { at, fault: fault ?? false, note: note ?? null, action: parsed.data as PublicAction };
  });

export const SubjectSchema = z.strictObject({
  host: z.string().optional(),
  team: z.string().optional(),
  vm: z.string().optional(),
  vmId: z.string().optional(),
  mac: z.string().regex(/^([0-9a-f]{2}:){5}[0-9a-f]{2}$/, 'lower-case colon form').optional(),
  ip: z.string().optional(),
  switch: z.string().optional(),
  vlan: z.number().int().optional(),
  hosts: z.array(z.string()).length(2).optional(),
});

export const ExpectedAlertSchema = z.strictObject({
  pattern: z.enum(PATTERN_IDS),
  subject: SubjectSchema,
  /** The alert must be firing no later than this after the fault action (or `after`). */
  within: duration,
  /** Offset from `start` to count `within` from; default: the first `fault: true` entry, else start. */
  after: duration.optional(),
});

export const ScenarioSchema = z.strictObject({
  name: z.string().min(1),
  description: z.string().min(1),
  seed: z.number().int(),
  start: z.iso.datetime({ offset: true }).transform((s) => Date.parse(s)),
  fleet: FleetSpecSchema,
  timeline: z.array(TimelineEntrySchema).default([]),
  collect: z
    .strictObject({
      bundleEvery: duration.default(60_000),
      macTableEvery: duration.default(60_000),
      arpEvery: duration.default(60_000),
      syslog: z.literal('immediate').default('immediate'),
    })
    .default({ bundleEvery: 60_000, macTableEvery: 60_000, arpEvery: 60_000, syslog: 'immediate' }),
  duration,
  expect: z.strictObject({
    alerts: z.array(ExpectedAlertSchema).default([]),
    noOtherAlerts: z.boolean().default(true),
  }),
});

export type Scenario = z.infer<typeof ScenarioSchema>;
export type TimelineEntry = Scenario['timeline'][number];
export type ExpectedAlert = Scenario['expect']['alerts'][number];
export type { FleetSpec };
