/**
 * The compact fleet spec of a scenario. A host usually names a `preset` (build/presets.ts) and
 * overrides a few fields; arrays given in the spec replace the preset's arrays wholesale, scalars
 * override, and `team` merges into the preset's first team.
 */
import { z } from 'zod';
import { VmNicSpecSchema } from './actions-schema.ts';

const s = z.string().min(1);
const ipv4 = z.string().regex(/^\d{1,3}(\.\d{1,3}){3}$/, 'an IPv4 address');
const vlan = z.number().int().min(1).max(4094);

export const AdapterSpecSchema = z.strictObject({
  vendor: z.enum(['intel', 'broadcom', 'qlogic', 'mellanox']),
  count: z.number().int().min(1).max(32).default(1),
  speedBps: z.number().positive().optional(),
  rdma: z.boolean().optional(),
  link: z.boolean().optional(),
});

export const TeamSpecSchema = z.strictObject({
  name: s,
  kind: z.enum(['lbfo', 'basp', 'ans', 'hpe']).default('lbfo'),
  members: z.array(s).min(1),
  mode: z.enum(['Static', 'SwitchIndependent', 'Lacp']).optional(),
  algorithm: z.enum(['TransportPorts', 'IPAddresses', 'MacAddresses', 'HyperVPort', 'Dynamic']).optional(),
  standby: s.optional(),
  /** Switch-dependent team cabled across several switches without one port-channel (misconfiguration). */
  spanSwitches: z.boolean().optional(),
  /** Vendor teams: learn VM MACs only at initialisation (the BASP stale-MAC bug). Default true for basp. */
  learnsOnlyAtInit: z.boolean().optional(),
});

export const VSwitchSpecSchema = z.strictObject({
  name: s,
  type: z.enum(['External', 'Internal', 'Private']).default('External'),
  uplink: s.optional(),
  setMembers: z.array(s).min(1).max(8).optional(),
  setAlgorithm: z.enum(['HyperVPort', 'Dynamic']).optional(),
  allowManagementOS: z.boolean().optional(),
  iov: z.boolean().optional(),
  managementVnic: s.optional(),
});

export const HostSpecSchema = z.strictObject({
  name: s,
  preset: z.enum(['lbfo-host', 'lbfo-host-2022', 'basp-host', 'basp-host-2008r2', 'set-host', 'plain-host', 'bare-host']).default('lbfo-host'),
  cluster: s.nullable().optional(),
  ip: ipv4,
  installIp: ipv4.optional(),
  build: z.number().int().optional(),
  nicVendor: z.enum(['intel', 'broadcom', 'qlogic', 'mellanox']).optional(),
  adapters: z.array(AdapterSpecSchema).optional(),
  teams: z.array(TeamSpecSchema).optional(),
  team: TeamSpecSchema.partial().optional(),
  vSwitches: z.array(VSwitchSpecSchema).optional(),
  hostVnics: z.array(z.strictObject({ name: s, switch: s })).optional(),
  /** Management on a dedicated adapter (added as the last adapter, not teamed, not under a vSwitch). */
  dedicatedMgmt: z.boolean().optional(),
  mgmtVlan: vlan.optional(),
  vmVlan: vlan.optional(),
  switches: z.array(s).optional(),
  cabling: z.array(z.strictObject({ adapter: s, switch: s, port: s, portChannel: s.nullable().optional() })).optional(),
  macPool: z.strictObject({ min: s, max: s }).optional(),
  scvmmClone: z.boolean().optional(),
  collector: z
    .strictObject({ ps51: z.boolean().optional(), renderedXml: z.boolean().optional(), every: z.union([s, z.number()]).optional() })
    .optional(),
});

export const VmSpecSchema = z.strictObject({
  name: s.optional(),
  /** Generator form: `count` VMs named prefix01…, IPs counting up from `ipBase`. */
  count: z.number().int().min(1).max(500).optional(),
  prefix: s.optional(),
  ipBase: ipv4.optional(),
  host: s,
  state: z.enum(['Running', 'Off']).default('Running'),
  /** For an Off VM: whether it ever started (has its dynamic MAC already). */
  started: z.boolean().optional(),
  nics: z.array(VmNicSpecSchema).optional(),
});

export const SwitchSpecSchema = z.strictObject({
  name: s,
  vendor: z.enum(['cisco-ios', 'cisco-nxos']),
  /** Switches of one group are linked by ISLs (one L2 domain). */
  group: s.default('default'),
});

export const FleetSpecSchema = z.strictObject({
  domain: s.default('corp.contoso.com'),
  switches: z.array(SwitchSpecSchema).min(1),
  hosts: z.array(HostSpecSchema).min(1),
  vms: z.array(VmSpecSchema).default([]),
  monitor: z.union([z.literal(false), z.strictObject({ name: s.default('NOC-MON01') })]).default({ name: 'NOC-MON01' }),
  learnDelayMs: z.number().int().min(0).default(1_500),
  agingSec: z.number().int().min(10).default(300),
});

export type FleetSpec = z.infer<typeof FleetSpecSchema>;
export type HostSpec = z.infer<typeof HostSpecSchema>;
export type VmSpec = z.infer<typeof VmSpecSchema>;
