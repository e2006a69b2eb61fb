/**
 * Everything that can happen to the fleet. Public actions are what scenarios and the demo playlist
 * write (validated by scenario/schema.ts); internal actions (`_…`) are follow-ups the behaviour
 * schedules for itself: a switch learning a MAC after a delay, an aging timer, the connect timer of
 * a team member, the next tick of a periodic process.
 */
import type { Mac } from '../../model/mac.ts';
import type { LbfoAlgorithm, LbfoMode } from '../fleet.ts';

export interface VmNicSpec {
  name?: string;
  switch?: string | null;
  /** `dynamic` (default) or a fixed MAC in any notation. */
  mac?: string;
  ips?: string[];
  vlan?: number;
  allowTeaming?: boolean;
  iovWeight?: number;
}

export type PublicAction =
  | { action: 'vm-start'; vm: string }
  | { action: 'vm-stop'; vm: string }
  | { action: 'vm-shutdown'; vm: string }
  | { action: 'vm-reset'; vm: string }
  | { action: 'vm-guest-reboot'; vm: string }
  | { action: 'vm-restart'; vm: string; offSec?: number }
  | { action: 'vm-create'; vm: string; host: string; nics?: VmNicSpec[]; start?: boolean }
  | { action: 'vm-delete'; vm: string }
  | { action: 'vm-set-mac'; vm: string; nic?: string; mac: string }
  | { action: 'vm-set-ip'; vm: string; nic?: string; ips: string[] }
  | { action: 'vm-set-iov'; vm: string; nic?: string; weight: number }
  | { action: 'vm-set-teaming'; vm: string; nic?: string; allow: boolean }
  | { action: 'vm-connect'; vm: string; nic?: string; switch: string | null }
  | { action: 'live-migrate'; vm: string; to: string; blackoutSec?: number; durationSec?: number; switchLearns?: boolean; staleSec?: number }
  | { action: 'live-migrate-fail'; vm: string; to: string; cause: 'switch-missing' | 'switch-disconnected' | 'config' }
  | { action: 'link-down'; host: string; adapter: string }
  | { action: 'link-up'; host: string; adapter: string; speedBps?: number }
  | { action: 'adapter-disable'; host: string; adapter: string }
  | { action: 'adapter-enable'; host: string; adapter: string }
  | { action: 'disable-all-adapters'; host: string }
  | { action: 'enable-all-adapters'; host: string }
  | {
      action: 'vswitch-create';
      host: string;
      name: string;
      type?: 'External' | 'Internal' | 'Private';
      uplink?: string;
      setMembers?: string[];
      setAlgorithm?: 'HyperVPort' | 'Dynamic';
      allowManagementOS?: boolean;
      iov?: boolean;
      managementVnic?: string;
    }
  | { action: 'vswitch-remove'; host: string; name: string }
  | { action: 'team-create'; host: string; name: string; members: string[]; mode?: LbfoMode; algorithm?: LbfoAlgorithm; standby?: string }
  | { action: 'team-reset'; host: string; team: string; downSec?: number }
  | { action: 'team-set-mode'; host: string; team: string; mode?: LbfoMode; algorithm?: LbfoAlgorithm }
  | { action: 'team-remove'; host: string; team: string }
  | { action: 'set-mac-pool'; host: string; min: string; max: string }
  | { action: 'host-vnic-add'; host: string; name: string; switch: string }
  | { action: 'host-vnic-remove'; host: string; name: string }
  | { action: 'host-silence'; host: string }
  | { action: 'host-resume'; host: string }
  | { action: 'switch-learn-delay'; ms: number }
  | { action: 'scvmm-mac-clone'; host: string; vSwitch?: string; vnic?: string }
  | { action: 'scvmm-mac-fix'; host: string; vnic?: string }
  | { action: 'lacp-misconfig'; host: string; team: string; member: string }
  | { action: 'lacp-fix'; host: string; team: string; member: string }
  | { action: 'set-rdma'; host: string; adapter: string; enabled: boolean }
  | { action: 'link-speed'; host: string; adapter: string; speedBps: number };

export type InternalAction =
  | { action: '_learn'; switch: string; vlan: number; mac: Mac }
  | { action: '_age'; switch: string; vlan: number; mac: Mac }
  | { action: '_tick'; key: string; token: number }
  | { action: '_connected'; host: string; team: string; member: string }
  | { action: '_migrated'; vm: string; from: string; to: string; blackoutSec: number; switchLearns: boolean; staleSec: number; startedAt: number }
  | { action: '_team-enable'; host: string; team: string }
  | { action: '_vm-power-on'; vm: string };

export type Action = PublicAction | InternalAction;
export type ActionName = Action['action'];
