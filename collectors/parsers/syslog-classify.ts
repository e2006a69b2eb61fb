/**
 * Finds the vendor mnemonic in a syslog message and classifies MAC flap / move lines
 * (domain.md §3.9, fault F7). Recognized, each by its text and, if the text is garbled, by its
 * mnemonic alone (fields then null):
 *
 * flap — `Host <mac> in vlan <n> is flapping between port <a> and port <b>`:
 *   Cisco IOS `%SW_MATM-4-MACFLAP_NOTIF`, Catalyst 4500 `%C4K_EBM-4-HOSTFLAPPING`, Nexus 5k/6k
 *   `%FWM-6-MAC_MOVE_NOTIFICATION`, Catalyst 6500 `%MAC_MOVE-SP-4-NOTIF` (`is moving between`),
 *   Arista `%ETH-4-HOST_FLAPPING: Host 00:1c:73:0c:55:d9 in VLAN 3908 is flapping between interface
 *   Port-Channel1 and interface Ethernet18 (message repeated 34 times in 21603.9 secs)` (seen in
 *   public EOS logs: agent tag `PortSec:`, colon-form MAC, optional repeat suffix).
 * move — NX-OS `%L2FM-4-L2FM_MAC_MOVE2` / `%L2FM-4-L2FM_MAC_MOVE`:
 *   `Mac <mac> in vlan <n> has moved from <a> to <b>` (also `between <a> and <b>`).
 * learn-disabled — NX-OS `%L2FM-2-L2FM_MAC_FLAP_DISABLE_LEARN`:
 *   `Disabling learning in vlan <n> for <s>s due to too many mac moves`.
 * move — Juniper `L2ALD_MAC_MOVE_NOTIFICATION` (and other `L2ALD_MAC_MOVE…` tags). Junos 10.3's
 *   reference documents only the text `MAC Moves detected in the system`; newer releases add
 *   details whose exact wording we could not verify, so the fields are picked out independently:
 *   the first MAC-shaped word, `from [interface|port] <a> to [interface|port] <b>`, and
 *   `vlan|VLAN|vlan-id|bridge-domain <v>` (a tag only when the name is one, see vlanFromName), e.g.
 *   `MAC 00:50:56:a1:b2:c3 moved from ge-0/0/1.0 to ge-0/0/2.0 in vlan v10`.
 *
 * Everything else is `unclassified`. Work is bounded: only the first 1,024 characters are examined.
 */
import type { SwitchLogKind } from '../../server/model/observation.ts';
import { normalizeMac, type Mac } from '../../server/model/mac.ts';
import { MAX_VLAN, vlanFromName } from './mac-common.ts';

export interface Classification {
  logKind: SwitchLogKind;
  mnemonic: string | null;
  /** Severity from the mnemonic's `-N-`, when it has one. */
  mnemonicSeverity: number | null;
  mac: Mac | null;
  vlan: number | null;
  fromPort: string | null;
  toPort: string | null;
}

const SCAN = 1024;

/** `%FAC[-SUB]-SEV-MNEMONIC:` anywhere in the first characters (Cisco, NX-OS, Arista). */
function ciscoMnemonic(text: string): { mnemonic: string; severity: number } | null {
  let from = 0;
  for (let tries = 0; tries < 8; tries++) {
    const pct = text.indexOf('%', from);
    if (pct < 0 || pct > 256) return null;
    let end = pct + 1;
    while (end < text.length && end - pct <= 96 && /[A-Z0-9_-]/.test(text[end])) end++;
    if (text[end] === ':') {
      const parts = text.slice(pct + 1, end).split('-');
      for (let i = parts.length - 2; i >= 1; i--) {
        if (/^[0-7]$/.test(parts[i]) && parts.slice(0, i).every((p) => /^[A-Z0-9_]+$/.test(p)) && /^[A-Z0-9_]+$/.test(parts[parts.length - 1])) {
          return { mnemonic: parts.join('-'), severity: Number(parts[i]) };
        }
      }
    }
    from = pct + 1;
  }
  return null;
}

/** Junos `[prog[pid]: ]TAG_NAME: …` at the start of the message, or the RFC 5424 MSGID. */
function junosMnemonic(text: string, msgid: string | null): string | null {
  const tag = /^[A-Za-z][\w.\/-]{0,47}(?:\[\d{1,10}\])?: +/.exec(text);
  const rest = tag ? text.slice(tag[0].length) : text;
  const m = /^([A-Z][A-Z0-9]{1,15}_[A-Z0-9_]{1,80})(?::|\s|$)/.exec(rest);
  if (m) return m[1];
  return msgid && /^[A-Z][A-Z0-9]{1,15}_[A-Z0-9_]{1,80}$/.test(msgid) ? msgid : null;
}

/** Trailing punctuation a port or VLAN word may carry in prose (`Gi0/15.`, `Et1,`). */
const clean = (word: string): string => word.replace(/[.,;:)]+$/, '');

function vlanNumber(text: string): number | null {
  const n = Number(text);
  return Number.isInteger(n) && n >= 0 && n <= MAX_VLAN ? n : null;
}

const FLAP = /\bHost\s+(\S{1,32})\s+in\s+vlan\s+(\d{1,4})\s+is\s+(?:flapping|moving)\s+between\s+(?:port|interface)\s+(\S{1,64})\s+and\s+(?:port|interface)\s+(\S{1,64})/i;
const MOVE = /\bMac\s+(\S{1,32})\s+in\s+vlan\s+(\d{1,4})\s+has\s+moved\s+(?:from|between)\s+(\S{1,64})\s+(?:to|and)\s+(\S{1,64})/i;
const LEARN_DISABLED = /\bDisabling\s+learning\s+in\s+vlan\s+(\d{1,4})/i;

const MNEMONIC_KINDS: [RegExp, SwitchLogKind][] = [
  [/^(?:SW_MATM-\d-MACFLAP_NOTIF|C4K_EBM-\d-HOSTFLAPPING|FWM-\d-MAC_MOVE_NOTIFICATION|MAC_MOVE-SP-\d-NOTIF|ETH-\d-HOST_FLAPPING)$/, 'flap'],
  [/^L2FM-\d-L2FM_MAC_MOVE2?$/, 'move'],
  [/DISABLE_LEARN/, 'learn-disabled'],
  [/^L2ALD_MAC_MOVE/, 'move'],
];

function juniperMove(text: string): Pick<Classification, 'mac' | 'vlan' | 'fromPort' | 'toPort'> {
  let mac: Mac | null = null;
  const words = text.split(/\s+/, 64);
  for (const w of words) {
    const candidate = normalizeMac(clean(w.replace(/^\(/, '')));
    if (candidate && /[.:-]/.test(w)) {
      mac = candidate;
      break;
    }
  }
  const ports = /\bfrom\s+(?:interface\s+|port\s+)?(\S{1,64})\s+to\s+(?:interface\s+|port\s+)?(\S{1,64})/i.exec(text);
  const vlan = /\b(?:vlan-id|vlan|bridge-domain)[\s:=]{1,4}(\S{1,64})/i.exec(text);
  return {
    mac,
    vlan: vlan ? vlanFromName(clean(vlan[1])) : null,
    fromPort: ports ? clean(ports[1]) : null,
    toPort: ports ? clean(ports[2]) : null,
  };
}

export function classify(message: string, msgid: string | null): Classification {
  const text = message.length > SCAN ? message.slice(0, SCAN) : message;
  const cisco = ciscoMnemonic(text);
  const mnemonic = cisco?.mnemonic ?? junosMnemonic(text, msgid);
  const base: Classification = {
    logKind: 'unclassified',
    mnemonic,
    mnemonicSeverity: cisco?.severity ?? null,
    mac: null,
    vlan: null,
    fromPort: null,
    toPort: null,
  };

  const flap = FLAP.exec(text);
  if (flap) return { ...base, logKind: 'flap', mac: normalizeMac(flap[1]), vlan: vlanNumber(flap[2]), fromPort: clean(flap[3]), toPort: clean(flap[4]) };
  const move = MOVE.exec(text);
  if (move) return { ...base, logKind: 'move', mac: normalizeMac(move[1]), vlan: vlanNumber(move[2]), fromPort: clean(move[3]), toPort: clean(move[4]) };
  const disabled = LEARN_DISABLED.exec(text);
  if (disabled) return { ...base, logKind: 'learn-disabled', vlan: vlanNumber(disabled[1]) };

  if (mnemonic) {
    const kind = MNEMONIC_KINDS.find(([re]) => re.test(mnemonic))?.[1];
    if (kind === 'move' && mnemonic.startsWith('L2ALD_')) return { ...base, logKind: 'move', ...juniperMove(text) };
    if (kind) return { ...base, logKind: kind };
  }
  return base;
}
