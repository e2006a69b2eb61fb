#!/usr/bin/env node
// The `teamwatch` bin. The CLI is TypeScript, so this launcher runs main.ts in a child Node with
// the tsx loader. tsx is resolved from this file's own location (not the caller's working
// directory), so the command works from anywhere: `npx teamwatch`, `npm link`, or a direct path.
// Arguments, stdio and the exit code pass through unchanged; a child killed by a signal makes the
// launcher exit the same way.
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const loader = import.meta.resolve('tsx');
const main = fileURLToPath(new URL('./main.ts', import.meta.url));
const child = spawn(process.execPath, ['--import', loader, main, ...process.argv.slice(2)], { stdio: 'inherit' });

// Ctrl-C reaches the child directly (same process group); the launcher waits for it to finish
// rather than dying first and leaving the child's last output behind the shell prompt.
for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) {
  process.on(signal, () => {
    if (child.exitCode === null) child.kill(signal);
  });
}

child.on('error', (err) => {
  process.stderr.write(`teamwatch: could not start Node: ${err.message}\n`);
  process.exit(1);
});
child.on('exit', (code, signal) => {
  if (signal) {
    process.removeAllListeners(signal);
    process.kill(process.pid, signal);
  } else {
    process.exit(code ?? 1);
  }
});
