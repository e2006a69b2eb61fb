/**
 * Expands the paths given on the command line into the files to import: a file is itself; a
 * folder is every file under it, recursively, in name order, skipping hidden entries (names that
 * start with a dot, such as `.git` or `.DS_Store`). A path that does not exist is a usage error,
 * reported before anything is posted.
 */
import { readdirSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { UsageError } from './command.ts';

export function expandPaths(paths: readonly string[], cwd: string): string[] {
  const out: string[] = [];
  const walk = (dir: string) => {
    const names = readdirSync(dir).filter((n) => !n.startsWith('.')).sort();
    for (const name of names) {
      const p = join(dir, name);
      const st = statSync(p);
      if (st.isDirectory()) walk(p);
      else if (st.isFile()) out.push(p);
    }
  };
  for (const given of paths) {
    const p = resolve(cwd, given);
    let st;
    try {
      st = statSync(p);
    } catch {
      throw new UsageError(`No such file or folder: ${given}`);
    }
    if (st.isDirectory()) walk(p);
    else out.push(p);
  }
  return out;
}
