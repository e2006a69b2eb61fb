/**
 * What a CLI subcommand is, and the small argument parser they share. A command is one file that
 * exports a `Command`; `commands.ts` lists them. Commands never touch `process` directly: they get
 * an `Io` (output streams, environment, working directory, fetch), so tests run them in-process.
 */

export interface Io {
  out(text: string): void;
  err(text: string): void;
  env: Readonly<Record<string, string | undefined>>;
  cwd: string;
  fetch: typeof fetch;
}

export interface OptionSpec {
  /** Long name without dashes (`server` for `--server`). */
  name: string;
  /** Placeholder shown in help for options that take a value (`URL`); absent for switches. */
  value?: string;
  help: string;
}

export interface Command {
  name: string;
  /** One line for `teamwatch --help`. */
  summary: string;
  /** The usage line after `teamwatch <name>`, e.g. `<files or folders...> [options]`. */
  usage: string;
  options: OptionSpec[];
  /** Extra help text printed after the options (examples, environment variables). */
  details?: string;
  /** Returns the process exit code: 0 success, 1 failure, 2 usage error. */
  run(args: ParsedArgs, io: Io): Promise<number>;
}

export interface ParsedArgs {
  positional: string[];
  /** Options by name; switches are `true`, valued options their last given value. */
  options: Record<string, string | true>;
}

/** A mistake in how the command was called; printed with the usage and exits 2. */
export class UsageError extends Error {}

/**
 * Parses `--name value`, `--name=value`, switches, `-h`, and `--` (everything after it is
 * positional). Unknown options and missing values are UsageErrors.
 */
export function parseArgs(argv: readonly string[], specs: readonly OptionSpec[]): ParsedArgs {
  const byName = new Map(specs.map((s) => [s.name, s]));
  const out: ParsedArgs = { positional: [], options: {} };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--') {
      out.positional.push(...argv.slice(i + 1));
      break;
    }
    if (arg === '-h') {
      out.options.help = true;
      continue;
    }
    if (!arg.startsWith('--') || arg === '-') {
      if (arg.startsWith('-') && arg !== '-') throw new UsageError(`Unknown option '${arg}'.`);
      out.positional.push(arg);
      continue;
    }
    const eq = arg.indexOf('=');
    const name = arg.slice(2, eq < 0 ? undefined : eq);
    const spec = byName.get(name);
    if (!spec) throw new UsageError(`Unknown option '--${name}'.`);
    if (!spec.value) {
      if (eq >= 0) throw new UsageError(`Option '--${name}' takes no value.`);
      out.options[name] = true;
      continue;
    }
    const value = eq >= 0 ? arg.slice(eq + 1) : argv[++i];
    if (value === undefined) throw new UsageError(`Option '--${name}' needs a value (${spec.value}).`);
    out.options[name] = value;
  }
  return out;
}

export function commandHelp(cmd: Command): string {
  const width = Math.max(...cmd.options.map((o) => `--${o.name}${o.value ? ` ${o.value}` : ''}`.length), 0);
  const lines = [`Usage: teamwatch ${cmd.name} ${cmd.usage}`, '', cmd.summary, '', 'Options:'];
  for (const o of cmd.options) lines.push(`  ${`--${o.name}${o.value ? ` ${o.value}` : ''}`.padEnd(width)}  ${o.help}`);
  if (cmd.details) lines.push('', cmd.details);
  return `${lines.join('\n')}\n`;
}
