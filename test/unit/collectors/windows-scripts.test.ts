/**
 * No PowerShell runs on the build machines, so the Windows scripts are checked statically: no
 * PowerShell 7-only syntax (they must run on Windows PowerShell 5.1), balanced brackets, ASCII
 * only (5.1 reads a BOM-less script in the ANSI code page), and agreement with the bundle spec in
 * docs/collectors.md: every cmdlet property it names is collected, and the event sources match.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { BUNDLE_SCHEMA } from '../../../collectors/parsers/bundle.ts';
import { REPO_ROOT } from '../../helpers/fixtures.ts';

const read = (rel: string) => readFileSync(join(REPO_ROOT, rel), 'utf8');
const COLLECTOR = 'collectors/windows/teamwatch-collector.ps1';
const INSTALLER = 'collectors/windows/install-teamwatch-collector.ps1';
const collector = read(COLLECTOR);
const installer = read(INSTALLER);
const docs = read('docs/collectors.md');

/**
 * The script with comments removed and string literals emptied, so syntax checks see only code.
 * Handles `<# #>` blocks, `#` line comments, '…' (with '' escapes) and "…" (with backtick escapes).
 */
function codeOnly(src: string): string {
  let out = '';
  let i = 0;
  while (i < src.length) {
    const c = src[i];
    if (c === '<' && src[i + 1] === '#') {
      const end = src.indexOf('#>', i + 2);
      i = end < 0 ? src.length : end + 2;
    } else if (c === '#') {
      while (i < src.length && src[i] !== '\n') i++;
    } else if (c === "'") {
      i++;
      while (i < src.length && !(src[i] === "'" && src[i + 1] !== "'")) i += src[i] === "'" ? 2 : 1;
      i++;
      out += "''";
    } else if (c === '"') {
      i++;
      while (i < src.length && src[i] !== '"') i += src[i] === '`' ? 2 : 1;
      i++;
      out += '""';
    } else {
      out += c;
      i++;
    }
  }
  return out;
}

const PS7_ONLY: [string, RegExp][] = [
  ['the null-coalescing operator ??', /\?\?/],
  ['the null-conditional operator ?. or ?[', /\?\.|\?\[/],
  ['the ternary operator a ? b : c', /\s\?\s[^\n]*\s:\s/],
  ['the ? alias of Where-Object (reads like a ternary)', /\|\s*\?\s*\{/],
  ['pipeline chain &&', /&&/],
  ['pipeline chain ||', /\|\|/],
  ['ForEach-Object -Parallel', /-Parallel\b/i],
  ['ConvertFrom-Json -AsHashtable (6.0+)', /-AsHashtable\b/i],
  ['Get-Content -AsByteStream (6.0+)', /-AsByteStream\b/i],
  ['Invoke-RestMethod -SkipHttpErrorCheck / -StatusCodeVariable (7.0+)', /-SkipHttpErrorCheck\b|-StatusCodeVariable\b/i],
  ['ConvertTo-Json -EscapeHandling (6.2+)', /-EscapeHandling\b/i],
  ['$PSStyle (7.2+)', /\$PSStyle\b/i],
];

describe.each([
  [COLLECTOR, collector],
  [INSTALLER, installer],
])('%s runs on Windows PowerShell 5.1', (_name, src) => {
  const code = codeOnly(src);

  it.each(PS7_ONLY)('does not use %s', (_what, pattern) => {
    expect(code).not.toMatch(pattern);
  });

  it('declares #Requires -Version 5.1', () => {
    expect(src.startsWith('#Requires -Version 5.1')).toBe(true);
  });

  it('is ASCII only', () => {
    expect([...src].filter((ch) => ch.charCodeAt(0) > 0x7e && ch !== '\n').join('')).toBe('');
  });

  it('has balanced braces, parentheses and brackets outside strings and comments', () => {
    const pairs: Record<string, string> = { ')': '(', '}': '{', ']': '[' };
    const stack: string[] = [];
    for (const ch of code) {
      if (ch === '(' || ch === '{' || ch === '[') stack.push(ch);
      else if (ch in pairs) expect(stack.pop()).toBe(pairs[ch]);
    }
    expect(stack).toEqual([]);
  });
});

/** Backticked names in the third column of the "Inventory parts" table. */
function documentedProperties(): [string, string][] {
  const section = docs.slice(docs.indexOf('### Inventory parts'), docs.indexOf('How they are read'));
  const out: [string, string][] = [];
  for (const line of section.split('\n')) {
    const cells = line.split('|').map((c) => c.trim());
    if (cells.length < 5 || !cells[1].startsWith('`')) continue;
    for (const m of cells[3].matchAll(/`([A-Za-z]+)`/g)) out.push([cells[1].replace(/`/g, ''), m[1]]);
  }
  return out;
}

describe('the collector gathers what the bundle spec names', () => {
  const props = documentedProperties();

  it('finds the property table in docs/collectors.md', () => {
    expect(props.length).toBeGreaterThan(40);
  });

  it.each(props)('%s.%s is in the collector', (_part, prop) => {
    expect(collector).toMatch(new RegExp(`\\b${prop}\\b`));
  });

  it.each([
    'Get-NetAdapter ',
    'Get-NetLbfoTeam ',
    'Get-NetLbfoTeamMember ',
    'Get-VMSwitch ',
    'Get-VMNetworkAdapter -All',
    'Get-VM ',
    'Get-VMHost ',
    'Get-NetAdapterRdma ',
    'Get-NetNeighbor ',
    'Win32_OperatingSystem',
    'Get-Cluster ',
    'Get-WinEvent -FilterHashtable',
    '.ToXml()',
    'NoMatchingEventsFound',
    'ConvertTo-Json -Depth 6 -Compress',
    'Invoke-RestMethod',
    "'Authorization'] = \"Bearer $Token\"",
    '/api/v1/ingest?format=bundle',
  ])('uses %s', (text) => {
    expect(collector).toContain(text);
  });

  it(`writes schema ${BUNDLE_SCHEMA}`, () => {
    expect(collector).toContain(`$BundleSchema = '${BUNDLE_SCHEMA}'`);
  });

  it.each(['Server', 'Token', 'StateDir', 'MaxEvents', 'Once'])('takes -%s', (param) => {
    expect(collector.slice(collector.indexOf('param('), collector.indexOf('Set-StrictMode'))).toMatch(new RegExp(`\\$${param}\\b`));
  });
});

describe('the installer', () => {
  it.each([
    ['runs the task as SYSTEM', "New-ScheduledTaskPrincipal -UserId 'SYSTEM'"],
    ['repeats every -IntervalSeconds', '-RepetitionInterval $interval'],
    ['never overlaps runs', '-MultipleInstances IgnoreNew'],
    ['locks the token to SYSTEM and Administrators', "'S-1-5-32-544'"],
    ['removes inherited access', 'SetAccessRuleProtection($true, $false)'],
    ['uninstalls', 'Unregister-ScheduledTask'],
    ['runs the collector once per task run', '-Once -StateDir'],
  ])('%s', (_what, text) => {
    expect(installer).toContain(text);
  });

  it.each(['Server', 'Token', 'IntervalSeconds', 'Uninstall'])('takes -%s', (param) => {
    expect(installer).toMatch(new RegExp(`\\[(?:switch|string|int)\\]\\$${param}\\b|\\]\\[int\\]\\$${param}\\b`));
  });
});

type Source = { log: string; providers: string[]; ids: number[] };

function scriptSources(): Source[] {
  const block = collector.slice(collector.indexOf('# BEGIN EVENT SOURCES'), collector.indexOf('# END EVENT SOURCES'));
  const list = (s: string) => [...s.matchAll(/'([^']+)'|(\d+)/g)].map((m) => m[1] ?? m[2]);
  return [...block.matchAll(/Log = '([^']+)'; Providers = @\(([^)]*)\); Ids = @\(([^)]*)\)/g)].map((m) => ({
    log: m[1],
    providers: list(m[2]),
    ids: list(m[3]).map(Number),
  }));
}

function documentedSources(): Source[] {
  const section = docs.slice(docs.indexOf('### Event sources'), docs.indexOf('### Bookmarks and spooling'));
  const out: Source[] = [];
  for (const line of section.split('\n')) {
    const cells = line.split('|').map((c) => c.trim());
    if (cells.length < 5 || !cells[1].startsWith('`')) continue;
    out.push({
      log: cells[1].replace(/`/g, ''),
      providers: [...cells[2].matchAll(/`([^`]+)`/g)].map((m) => m[1]),
      ids: cells[3] === 'all' ? [] : cells[3].split(',').map((s) => Number(s.trim())),
    });
  }
  return out;
}

describe('event sources', () => {
  it('are the same in the collector and in docs/collectors.md', () => {
    expect(scriptSources().length).toBeGreaterThan(5);
    expect(scriptSources()).toEqual(documentedSources());
  });

  it.each([
    ['System', 'Microsoft-Windows-MsLbfoSysEvtProvider'],
    ['System', 'MsLbfoSys'],
    ['System', 'Microsoft-Windows-NdisImPlatformSysEvtProvider'],
    ['System', 'VMSMP'],
    ['System', 'Microsoft-Windows-Hyper-V-VmSwitch'],
    ['System', 'b57nd60a'],
    ['System', 'qevbda'],
    ['System', 'Tcpip'],
    ['System', 'Microsoft-Windows-FailoverClustering'],
    ['Microsoft-Windows-Hyper-V-Worker-Admin', 'Microsoft-Windows-Hyper-V-Worker'],
    ['Microsoft-Windows-Hyper-V-VMMS-Admin', 'Microsoft-Windows-Hyper-V-VMMS'],
    ['Microsoft-Windows-Hyper-V-High-Availability-Admin', 'Microsoft-Windows-Hyper-V-High-Availability'],
  ])('include %s / %s (docs/domain.md §1)', (log, provider) => {
    expect(scriptSources().some((s) => s.log === log && s.providers.includes(provider))).toBe(true);
  });

  it.each([
    ['Tcpip', [4198, 4199]],
    ['Microsoft-Windows-FailoverClustering', [1125, 1126, 1127, 1129, 1130, 1135, 1553, 1554]],
  ])('limit %s to IDs %j', (provider, ids) => {
    expect(scriptSources().find((s) => s.providers.includes(provider))!.ids).toEqual(ids);
  });
});
