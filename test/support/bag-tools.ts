import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

/** Every file under `root`, relative '/' paths, sorted. */
export function filesUnder(root: string, prefix = ''): string[] {
  const out: string[] = [];
  const walk = (dir: string, rel: string) => {
    for (const e of readdirSync(dir, { withFileTypes: true })) {
      const path = rel ? `${rel}/${e.name}` : e.name;
      if (e.isDirectory()) walk(join(dir, e.name), path);
      else out.push(path);
    }
  };
  walk(join(root, prefix), prefix);
  return out.sort();
}

/** path → SHA-256 of every file under root/prefix (for byte-identical comparisons of two trees). */
export function treeDigest(root: string, prefix: string): Map<string, string> {
  return new Map(
    filesUnder(root, prefix).map((p) => [
      p,
      createHash('sha256')
        .update(readFileSync(join(root, p)))
        .digest('hex'),
    ]),
  );
}

/**
 * The bash commands ("$ …" lines) of the given steps ("BƯỚC n.") of HUONG-DAN-KIEM-TRA.txt,
 * exactly as printed for a person to type.
 */
export function guideCommands(guide: string, steps: number[]): string[] {
  const commands: string[] = [];
  let step = -1;
  for (const line of guide.split('\n')) {
    const m = /^BƯỚC (\d+)\./.exec(line);
    if (m) step = Number(m[1]);
    const cmd = /^\s*\$ (.*)$/.exec(line);
    if (cmd && steps.includes(step)) commands.push(cmd[1] as string);
  }
  return commands;
}

/** Runs a command line with bash in `cwd`; returns exit code and output. */
export function bash(command: string, cwd: string): { code: number; out: string } {
  const r = spawnSync('bash', ['-c', command], { cwd, encoding: 'utf8', env: { ...process.env, LC_ALL: 'C.UTF-8' } });
  return { code: r.status ?? -1, out: `${r.stdout}${r.stderr}` };
}

export const sizeOf = (path: string): number => statSync(path).size;
