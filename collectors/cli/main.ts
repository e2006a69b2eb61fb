/**
 * `teamwatch <command> [options]`: dispatches to a registered command. `run()` is the testable
 * entry (argv and Io in, exit code out); the bottom of the file wires it to the real process when
 * this file is the program (the launcher teamwatch.mjs runs it that way).
 */
import { realpathSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { COMMANDS, findCommand } from './commands.ts';
import { UsageError, commandHelp, parseArgs, type Io } from './command.ts';

function mainHelp(): string {
  const width = Math.max(...COMMANDS.map((c) => c.name.length));
  return [
    'Usage: teamwatch <command> [options]',
    '',
    'Commands:',
    ...COMMANDS.map((c) => `  ${c.name.padEnd(width)}  ${c.summary}`),
    '',
    "Run 'teamwatch <command> --help' for a command's options.",
    '',
  ].join('\n');
}

export async function run(argv: readonly string[], io: Io): Promise<number> {
  const [name, ...rest] = argv;
  if (name === '--help' || name === '-h' || name === 'help') {
    const cmd = rest[0] ? findCommand(rest[0]) : undefined;
    io.out(cmd ? commandHelp(cmd) : mainHelp());
    return 0;
  }
  if (name === undefined) {
    io.err(mainHelp());
    return 2;
  }
  const cmd = findCommand(name);
  if (!cmd) {
    io.err(`teamwatch: unknown command '${name}'.\n\n${mainHelp()}`);
    return 2;
  }
  try {
    const args = parseArgs(rest, cmd.options);
    if (args.options.help) {
      io.out(commandHelp(cmd));
      return 0;
    }
    return await cmd.run(args, io);
  } catch (err) {
    if (err instanceof UsageError) {
      io.err(`teamwatch ${cmd.name}: ${err.message}\n\n${commandHelp(cmd)}`);
      return 2;
    }
    throw err;
  }
}

function processIo(): Io {
  return {
    out: (t) => process.stdout.write(t),
    err: (t) => process.stderr.write(t),
    env: process.env,
    cwd: process.cwd(),
    fetch: globalThis.fetch,
  };
}

function isProgram(): boolean {
  try {
    return !!process.argv[1] && import.meta.url === pathToFileURL(realpathSync(process.argv[1])).href;
  } catch {
    return false;
  }
}

if (isProgram()) {
  run(process.argv.slice(2), processIo()).then(
    (code) => {
      process.exitCode = code;
    },
    (err: unknown) => {
      process.stderr.write(`teamwatch: ${err instanceof Error ? err.message : String(err)}\n`);
      process.exitCode = 1;
    },
  );
}
