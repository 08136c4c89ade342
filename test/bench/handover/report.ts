// Writes the handover section into BENCHMARKS.md, replacing an earlier one and
// keeping everything else (test/bench/run.ts rewrites the rest of the file).
import { existsSync, readFileSync, writeFileSync } from 'node:fs';

export const SECTION_TITLE = '## Bàn giao / Handover export';

export function replaceSection(markdown: string, section: string): string {
  const body = section.trimEnd();
  const start = markdown.indexOf(`\n${SECTION_TITLE}\n`);
  if (start < 0) return `${markdown.trimEnd()}\n\n${body}\n`;
  const next = markdown.indexOf('\n## ', start + SECTION_TITLE.length + 1);
  const rest = next < 0 ? '' : `\n${markdown.slice(next + 1)}`;
  return `${markdown.slice(0, start).trimEnd()}\n\n${body}\n${rest}`;
}

export function writeSection(file: string, section: string): void {
  const before = existsSync(file) ? readFileSync(file, 'utf8') : '# Benchmarks\n';
  writeFileSync(file, replaceSection(before, section));
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
