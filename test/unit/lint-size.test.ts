// The renderer's size limits are enforced by the project's real ESLint config (the approach of
// lint-boundaries.test.ts: lint a planted snippet as if it were a file of the repo): a file of 301
// lines and a function of 81 fail, a file of 300 lines and a function of 80 pass.
import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

const eslint = new ESLint({ cwd: new URL('../..', import.meta.url).pathname });

async function ruleIds(filePath: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath });
  return (result?.messages ?? []).map((m) => m.ruleId ?? 'parse');
}

/** A module of exactly `lines` lines, each a small exported constant. */
function moduleOf(lines: number): string {
  return Array.from({ length: lines }, (_, i) => `export const v${i} = ${i};\n`).join('');
}

/** An exported function spanning exactly `lines` lines, from its signature to its closing brace. */
function functionOf(lines: number): string {
  const steps = Array.from({ length: lines - 4 }, (_, i) => `  total += ${i};`);
  return ['export function planted(): number {', '  let total = 0;', ...steps, '  return total;', '}', ''].join('\n');
}

/** A React component spanning exactly `lines` lines. */
function componentOf(lines: number): string {
  const items = Array.from({ length: lines - 6 }, (_, i) => `      <li>{${i}}</li>`);
  return ['export function Planted() {', '  return (', '    <ul>', ...items, '    </ul>', '  );', '}', ''].join('\n');
}

describe('renderer size limits', () => {
  it('a renderer file of 301 lines is an error; 300 lines is not', async () => {
    expect(await ruleIds('renderer/src/planted/long.ts', moduleOf(301))).toContain('max-lines');
    expect(await ruleIds('renderer/src/planted/long.ts', moduleOf(300))).toEqual([]);
  });

  it('a renderer function of 81 lines is an error; 80 lines is not', async () => {
    expect(await ruleIds('renderer/src/planted/fn.ts', functionOf(81))).toContain('max-lines-per-function');
    expect(await ruleIds('renderer/src/planted/fn.ts', functionOf(80))).toEqual([]);
  });

  it('a React component of 81 lines is an error; 80 lines is not', async () => {
    expect(await ruleIds('renderer/src/planted/Big.tsx', componentOf(81))).toContain('max-lines-per-function');
    expect(await ruleIds('renderer/src/planted/Big.tsx', componentOf(80))).toEqual([]);
  });
});
