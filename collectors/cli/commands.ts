/**
 * The subcommand registry: one line per command, each command one file. Adding `replay` or
 * `backup` is a new file exporting a `Command` plus one line here.
 */
import type { Command } from './command.ts';
import { importCommand } from './import.ts';
import { replayCommand } from './replay.ts';

export const COMMANDS: readonly Command[] = [importCommand, replayCommand];

export function findCommand(name: string): Command | undefined {
  return COMMANDS.find((c) => c.name === name);
}
