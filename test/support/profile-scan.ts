import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';

/** Counts occurrences of `needle` in every file under `dir` (bytes, so any encoding of UTF-8 text counts). */
export function countInTree(dir: string, needle: string): { count: number; files: string[] } {
  const pattern = Buffer.from(needle, 'utf8');
  let count = 0;
  const files: string[] = [];
  const walk = (d: string) => {
    for (const name of readdirSync(d)) {
      const p = join(d, name);
      const st = statSync(p);
      if (st.isDirectory()) walk(p);
      else if (st.isFile()) {
        const data = readFileSync(p);
        let from = 0;
        let found = 0;
        for (;;) {
          const i = data.indexOf(pattern, from);
          if (i === -1) break;
          found += 1;
          from = i + 1;
        }
        if (found) files.push(p);
        count += found;
      }
    }
  };
  walk(dir);
  return { count, files };
}
