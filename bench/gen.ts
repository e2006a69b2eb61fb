/**
 * Deterministic, time-advancing event batches for benchmarks: realistic Hyper-V/LBFO System-log
 * events over 100 hosts, unique record ids per host, rendered as compact wevtutil XML or as
 * Winlogbeat ECS NDJSON. Re-posting a fixed body would measure the cheap duplicate path instead.
 */
const PROVIDERS = [
  { p: 'Microsoft-Windows-MsLbfoSysEvtProvider', id: 16945, level: 3, data: ['{7D5B1C2E-3F4A-4B5C-8D6E-9F0A1B2C3D4E}', 'Microsoft Network Adapter Multiplexor Driver'] },
  { p: 'Microsoft-Windows-MsLbfoSysEvtProvider', id: 16950, level: 4, data: ['{0A1B2C3D-4E5F-4061-8273-94A5B6C7D8E9}', 'Intel(R) Ethernet 10G 2P X520 Adapter #2'] },
  { p: 'e1iexpress', id: 27, level: 3, q: 40964, data: ['', 'Intel(R) 82574L Gigabit Network Connection'] },
  { p: 'e1iexpress', id: 32, level: 4, q: 24580, data: ['', 'Intel(R) 82574L Gigabit Network Connection'] },
  { p: 'Service Control Manager', id: 7036, level: 4, q: 16384, data: ['Windows Update', 'running'] },
  { p: 'Microsoft-Windows-Kernel-General', id: 16, level: 4, data: ['1', '2', '\\??\\C:\\Windows\\System32\\config\\DRIVERS'] },
];

export interface GenState {
  record: number;
  time: number;
  /** Event time between consecutive events (ms). */
  stepMs: number;
}

/** `recordBase` keeps runs apart: record ids are the idempotency key (host|channel|record). */
export function newGen(start = Date.UTC(2026, 10, 1), recordBase = 0, stepMs = 37): GenState {
  return { record: recordBase, time: start, stepMs };
}

function pick(i: number) {
  return PROVIDERS[(i * 7919) % PROVIDERS.length];
}

export function xmlBatch(g: GenState, n: number, hosts = 100): string {
  let out = '';
  for (let i = 0; i < n; i++) {
    const r = ++g.record;
    g.time += g.stepMs;
    const e = pick(r);
    const host = `HV-${String(r % hosts).padStart(3, '0')}`;
    const t = new Date(g.time).toISOString().replace('Z', '1234Z');
    out += `<Event xmlns='http://schemas.microsoft.com/win/2004/08/events/event'><System><Provider Name='${e.p}'/><EventID${e.q ? ` Qualifiers='${e.q}'` : ''}>${e.id}</EventID><Version>0</Version><Level>${e.level}</Level><Task>0</Task><Opcode>0</Opcode><Keywords>0x80000000000000</Keywords><TimeCreated SystemTime='${t}'/><EventRecordID>${r}</EventRecordID><Correlation/><Execution ProcessID='4' ThreadID='112'/><Channel>System</Channel><Computer>${host}.corp.example</Computer><Security/></System><EventData>${e.data.map((d) => `<Data>${d}</Data>`).join('')}</EventData></Event>`;
  }
  return out;
}

export function ecsBatch(g: GenState, n: number, hosts = 100): string {
  const lines: string[] = [];
  for (let i = 0; i < n; i++) {
    const r = ++g.record;
    g.time += g.stepMs;
    const e = pick(r);
    const host = `HV-${String(r % hosts).padStart(3, '0')}`;
    lines.push(
      JSON.stringify({
        '@timestamp': new Date(g.time).toISOString(),
        event: { code: String(e.id), provider: e.p, kind: 'event' },
        host: { name: host },
        log: { level: e.level === 3 ? 'warning' : 'information' },
        message: `${e.p} event ${e.id} for ${e.data[1]}`,
        winlog: { channel: 'System', computer_name: `${host}.corp.example`, event_id: String(e.id), provider_name: e.p, record_id: String(r), event_data: Object.fromEntries(e.data.map((d, k) => [`param${k + 1}`, d])) },
      }),
    );
  }
  return `${lines.join('\n')}\n`;
}
