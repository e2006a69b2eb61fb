/**
 * Builds the web app before the browser tests when web/dist is missing or older than its sources
 * (the server serves web/dist), so the tests always exercise the current code.
 */
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));

function newest(path: string): number {
  if (!existsSync(path)) return 0;
  const st = statSync(path);
  if (!st.isDirectory()) return st.mtimeMs;
  let m = st.mtimeMs;
  for (const e of readdirSync(path)) m = Math.max(m, newest(join(path, e)));
  return m;
}

export default async function setup(): Promise<void> {
  const built = join(ROOT, 'web/dist/index.html');
  const sources = Math.max(
    newest(join(ROOT, 'web/src')),
    newest(join(ROOT, 'web/index.html')),
    newest(join(ROOT, 'web/vite.config.ts')),
    newest(join(ROOT, 'server/contract.ts')),
  );
  if (existsSync(built) && statSync(built).mtimeMs >= sources) return;
  const { build } = await import('vite');
  await build({ configFile: join(ROOT, 'web/vite.config.ts'), logLevel: 'warn' });
}
