/**
 * `npm run bench`: every benchmark, each printed as a ratio against the raw limit measured in the
 * same run on this machine. Nothing here asserts; it reports. `--quick` shortens each phase.
 */
import { benchIngest } from './ingest.ts';

const quick = process.argv.includes('--quick');
const fmt = (n: number) => Math.round(n).toLocaleString('en-US');
const pct = (a: number, b: number) => `${((a / b) * 100).toFixed(0)}%`;

async function main() {
  console.log(`teamwatch benchmarks — node ${process.version}, ${new Date().toISOString()}${quick ? ' (quick)' : ''}\n`);

  const ing = await benchIngest({ seconds: quick ? 3 : 10 });
  console.log('Ingest (events/s)');
  console.log(`  raw better-sqlite3 batched insert of the same rows   ${fmt(ing.rawEventsPerSec)}   (the limit)`);
  console.log(`  POST /api/v1/ingest, 1,000-event XML batches          ${fmt(ing.xmlEventsPerSec)}   ${pct(ing.xmlEventsPerSec, ing.rawEventsPerSec)} of raw (target ≥ 50%)`);
  console.log(`  POST /api/v1/ingest, 1,000-event ECS JSON batches     ${fmt(ing.jsonEventsPerSec)}   ${pct(ing.jsonEventsPerSec, ing.rawEventsPerSec)} of raw (target ≥ 50%)`);
  console.log(`  parse only, event XML (one core)                      ${fmt(ing.parseXmlEventsPerSec)}`);
  console.log(`  parse only, ECS JSON (one core)                       ${fmt(ing.parseJsonEventsPerSec)}`);
  console.log('');
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
