import { describe, expect, it } from 'vitest';
import {
  FAILURE_REASON,
  LOAD_BALANCING_ALGORITHM,
  MEMBER_ADMIN_MODE,
  MEMBER_OPER_STATUS,
  SWITCH_TYPE,
  TEAM_STATUS,
  TEAMING_MODE,
  VM_STATE,
  enumName,
  onOff,
  type EnumTable,
} from '../../../collectors/parsers/bundle-enums.ts';
import { speedOf } from '../../../collectors/parsers/bundle-values.ts';

describe('bundle enums: numbers, numeric strings and names all map to the cmdlet name', () => {
  it.each<[string, EnumTable, unknown, string | null]>([
    ['TeamingMode', TEAMING_MODE, 0, 'Static'],
    ['TeamingMode', TEAMING_MODE, 1, 'SwitchIndependent'],
    ['TeamingMode', TEAMING_MODE, '2', 'Lacp'],
    ['TeamingMode', TEAMING_MODE, 'lacp', 'Lacp'],
    ['LoadBalancingAlgorithm', LOAD_BALANCING_ALGORITHM, 0, 'TransportPorts'],
    ['LoadBalancingAlgorithm', LOAD_BALANCING_ALGORITHM, 2, 'IPAddresses'],
    ['LoadBalancingAlgorithm', LOAD_BALANCING_ALGORITHM, 3, 'MacAddresses'],
    ['LoadBalancingAlgorithm', LOAD_BALANCING_ALGORITHM, 4, 'HyperVPort'],
    ['LoadBalancingAlgorithm', LOAD_BALANCING_ALGORITHM, 5, 'Dynamic'],
    ['LoadBalancingAlgorithm', LOAD_BALANCING_ALGORITHM, 1, '1'],
    ['Status', TEAM_STATUS, 0, 'Up'],
    ['Status', TEAM_STATUS, 1, 'Down'],
    ['Status', TEAM_STATUS, 2, 'Degraded'],
    ['AdministrativeMode', MEMBER_ADMIN_MODE, 1, 'Standby'],
    ['OperationalStatus', MEMBER_OPER_STATUS, 4096, 'Failed'],
    ['OperationalStatus', MEMBER_OPER_STATUS, 1, 'Standby'],
    ['FailureReason', FAILURE_REASON, 0, 'NoFailure'],
    ['FailureReason', FAILURE_REASON, 1, 'AdministrativeDecision'],
    ['FailureReason', FAILURE_REASON, 3, 'PhysicalMediaDisconnected'],
    ['FailureReason', FAILURE_REASON, 4, 'WaitingForStableConnectivity'],
    ['FailureReason', FAILURE_REASON, 5, 'LacpNegotiationIssue'],
    ['FailureReason', FAILURE_REASON, 6, 'NicNotPresent'],
    ['FailureReason', FAILURE_REASON, 7, 'UnknownFailure'],
    ['FailureReason', FAILURE_REASON, 9, 'VirtualSwitchLacksExternalConnectivity'],
    ['FailureReason', FAILURE_REASON, 8, '8'],
    ['SwitchType', SWITCH_TYPE, 0, 'Private'],
    ['SwitchType', SWITCH_TYPE, 1, 'Internal'],
    ['SwitchType', SWITCH_TYPE, 2, 'External'],
    ['State', VM_STATE, 2, 'Running'],
    ['State', VM_STATE, 3, 'Off'],
    ['State', VM_STATE, 6, 'Saved'],
    ['State', VM_STATE, 9, 'Paused'],
    ['State', VM_STATE, 32773, 'Saving'],
    ['State', VM_STATE, 32779, 'FastSaved'],
    ['State', VM_STATE, 'RunningCritical', 'RunningCritical'],
    ['State', VM_STATE, 2.5, null],
    ['State', VM_STATE, { value: 2 }, null],
    ['State', VM_STATE, '', null],
  ])('%s %j → %j', (_field, table, input, expected) => {
    expect(enumName(table, input)).toBe(expected);
  });
});

describe('OnOffState and booleans', () => {
  it.each<[unknown, boolean | null]>([
    [1, true],
    [2, false],
    ['On', true],
    ['off', false],
    [true, true],
    ['False', false],
    [3, null],
    [null, null],
  ])('%j → %j', (input, expected) => {
    expect(onOff(input)).toBe(expected);
  });
});

describe('link speeds become bits per second', () => {
  it.each<[unknown, number | null]>([
    ['10 Gbps', 10e9],
    ['1 Gbps', 1e9],
    ['2.5 Gbps', 2.5e9],
    ['100 Mbps', 100e6],
    ['0 bps', 0],
    ['40 Gbps', 40e9],
    [25000000000, 25e9],
    ['1000000000', 1e9],
    ['fast', null],
    [-1, null],
    ['9'.repeat(40), null],
  ])('%j → %j', (input, expected) => {
    expect(speedOf(input)).toBe(expected);
  });
});
