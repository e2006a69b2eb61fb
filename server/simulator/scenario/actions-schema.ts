/**
 * zod schemas of the public actions (behaviour/actions.ts) as scenario timelines write them. Strict
 * objects: a misspelt field is an error, not a silently ignored line.
 */
import { z } from 'zod';
import type { PublicAction } from '../behaviour/actions.ts';

const s = z.string().min(1);
const mode = z.enum(['Static', 'SwitchIndependent', 'Lacp']);
const algorithm = z.enum(['TransportPorts', 'IPAddresses', 'MacAddresses', 'HyperVPort', 'Dynamic']);

export const VmNicSpecSchema = z.strictObject({
  name: s.optional(),
  switch: s.nullable().optional(),
  mac: s.optional(),
  ips: z.array(s).optional(),
  vlan: z.number().int().min(1).max(4094).optional(),
  allowTeaming: z.boolean().optional(),
  iovWeight: z.number().int().min(0).max(100).optional(),
});

const vm = (action: string, extra: Record<string, z.ZodType> = {}) => z.strictObject({ action: z.literal(action), vm: s, ...extra });
const host = (action: string, extra: Record<string, z.ZodType> = {}) => z.strictObject({ action: z.literal(action), host: s, ...extra });

export const ActionSchema = z.discriminatedUnion('action', [
  vm('vm-start'),
  vm('vm-stop'),
  vm('vm-shutdown'),
  vm('vm-reset'),
  vm('vm-guest-reboot'),
  vm('vm-restart', { offSec: z.number().min(0).optional() }),
  vm('vm-create', { host: s, nics: z.array(VmNicSpecSchema).optional(), start: z.boolean().optional() }),
  vm('vm-delete'),
  vm('vm-set-mac', { nic: s.optional(), mac: s }),
  vm('vm-set-ip', { nic: s.optional(), ips: z.array(s) }),
  vm('vm-set-iov', { nic: s.optional(), weight: z.number().int().min(0).max(100) }),
  vm('vm-set-teaming', { nic: s.optional(), allow: z.boolean() }),
  vm('vm-connect', { nic: s.optional(), switch: s.nullable() }),
  vm('live-migrate', {
    to: s,
    blackoutSec: z.number().min(0).optional(),
    durationSec: z.number().min(1).optional(),
    switchLearns: z.boolean().optional(),
    staleSec: z.number().min(0).optional(),
  }),
  vm('live-migrate-fail', { to: s, cause: z.enum(['switch-missing', 'switch-disconnected', 'config']) }),
  host('link-down', { adapter: s }),
  host('link-up', { adapter: s, speedBps: z.number().positive().optional() }),
  host('link-speed', { adapter: s, speedBps: z.number().positive() }),
  host('adapter-disable', { adapter: s }),
  host('adapter-enable', { adapter: s }),
  host('disable-all-adapters'),
  host('enable-all-adapters'),
  host('vswitch-create', {
    name: s,
    type: z.enum(['External', 'Internal', 'Private']).optional(),
    uplink: s.optional(),
    setMembers: z.array(s).min(1).max(8).optional(),
    setAlgorithm: z.enum(['HyperVPort', 'Dynamic']).optional(),
    allowManagementOS: z.boolean().optional(),
    iov: z.boolean().optional(),
    managementVnic: s.optional(),
  }),
  host('vswitch-remove', { name: s }),
  host('team-create', { name: s, members: z.array(s).min(1), mode: mode.optional(), algorithm: algorithm.optional(), standby: s.optional() }),
  host('team-reset', { team: s, downSec: z.number().min(1).optional() }),
  host('team-set-mode', { team: s, mode: mode.optional(), algorithm: algorithm.optional() }),
  host('team-remove', { team: s }),
  host('set-mac-pool', { min: s, max: s }),
  host('host-vnic-add', { name: s, switch: s }),
  host('host-vnic-remove', { name: s }),
  host('host-silence'),
  host('host-resume'),
  z.strictObject({ action: z.literal('switch-learn-delay'), ms: z.number().int().min(0) }),
  host('scvmm-mac-clone', { vSwitch: s.optional(), vnic: s.optional() }),
  host('scvmm-mac-fix', { vnic: s.optional() }),
  host('lacp-misconfig', { team: s, member: s }),
  host('lacp-fix', { team: s, member: s }),
  host('set-rdma', { adapter: s, enabled: z.boolean() }),
]);

// Compile-time check that every validated action is a PublicAction the behaviour understands.
type Parsed = z.infer<typeof ActionSchema>;
export const assertActionsMatch = (p: Parsed): PublicAction => p as PublicAction;
