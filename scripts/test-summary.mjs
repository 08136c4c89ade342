// Adds up vitest's per-project "Tests N passed | M failed" lines into one closing line, and
// names the tests that failed above it (vitest's " FAIL  file > suite > test" lines, each
// with the first line of its error), so the tail of a CI log says what broke, not only how much.
import { readFileSync } from 'node:fs';

const SHOWN = 20;

const text = readFileSync(process.argv[2] ?? '/dev/stdin', 'utf8').replace(
  new RegExp(`${String.fromCharCode(27)}\\[[0-9;]*m`, 'g'),
  '',
);
const lines = text.split('\n');
let passed = 0;
let failed = 0;
let skipped = 0;
const failures = [];
for (const [i, line] of lines.entries()) {
  const fail = /^\s*FAIL\s+(.+\s>\s.+)$/.exec(line);
  if (fail) {
    const reason = lines.slice(i + 1, i + 4).find((l) => l.trim() !== '') ?? '';
    failures.push(`  FAIL ${fail[1].trim()}\n       ${reason.trim().slice(0, 300)}`);
    continue;
  }
  const m = /^\s*Tests\s+(.*)\(\d+\)\s*$/.exec(line);
  if (!m) continue;
  for (const [, n, kind] of m[1].matchAll(/(\d+)\s+(passed|failed|skipped)/g)) {
    if (kind === 'passed') passed += Number(n);
    else if (kind === 'failed') failed += Number(n);
    else skipped += Number(n);
  }
}
if (failures.length > 0) {
  const head = failures.length > SHOWN ? ` (${SHOWN} of ${failures.length})` : '';
  console.log(`failed tests${head}:`);
  for (const f of failures.slice(0, SHOWN)) console.log(f);
}
console.log(`${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ''}`);
