// Writes one benchmark's section into BENCHMARKS.md (or --out), replacing an
// earlier one and keeping everything else: the hand-written method section and
// the other benchmark's section (test/bench/run.ts writes the reading section,
// test/bench/handover-bench.ts the handover one).
import { existsSync, readFileSync, writeFileSync } from 'node:fs';

export const SECTION_TITLE = '## Bàn giao / Handover export';

/** Replaces the `## title` section (up to the next `## `) with `section`, or appends it. */
export function replaceSection(markdown: string, section: string, title = SECTION_TITLE): string {
  const body = section.trimEnd();
  const start = markdown.indexOf(`\n${title}\n`);
  if (start < 0) return `${markdown.trimEnd()}\n\n${body}\n`;
  const next = markdown.indexOf('\n## ', start + title.length + 1);
  const rest = next < 0 ? '' : `\n${markdown.slice(next + 1)}`;
  return `${markdown.slice(0, start).trimEnd()}\n\n${body}\n${rest}`;
}

export function writeSection(file: string, section: string, title = SECTION_TITLE): void {
  const before = existsSync(file) ? readFileSync(file, 'utf8') : '# Benchmarks\n';
  writeFileSync(file, replaceSection(before, section, title));
}

export interface Row {
  name: string;
  baseline: string;
  ours: string;
  result: string;
  target: string;
}

export function table(rows: Row[]): string {
  return [
    '| benchmark | baseline (same run) | unit-mailbox | result | target |',
    '|---|---|---|---|---|',
    ...rows.map((r) => `| ${r.name} | ${r.baseline} | ${r.ours} | ${r.result} | ${r.target} |`),
  ].join('\n');
}

export const mb = (bytes: number) => bytes / 1024 / 1024;
export const fmtBytes = (bytes: number) =>
  bytes >= 1024 ** 3 ? `${(bytes / 1024 ** 3).toFixed(2)} GB` : `${mb(bytes).toFixed(0)} MB`;
export const fmtS = (ms: number) => `${(ms / 1000).toFixed(1)} s`;
export const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length === 0 ? NaN : s.length % 2 ? (s[m] as number) : ((s[m - 1] as number) + (s[m] as number)) / 2;
};
