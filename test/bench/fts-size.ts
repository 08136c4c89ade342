// The size of an FTS5 index as the search benchmarks report it: its segments (`_data`) and the
// sizes it keeps per row (`_docsize`), so search-bench.ts and index-layouts.ts measure alike.
import type { DatabaseSync } from 'node:sqlite';

export function ftsBytes(db: DatabaseSync, table: string): number {
  const sum = (sql: string) => (db.prepare(sql).get() as { n: number }).n;
  return (
    sum(`SELECT COALESCE(SUM(length(block)), 0) AS n FROM ${table}_data`) +
    sum(`SELECT COALESCE(SUM(length(sz)), 0) AS n FROM ${table}_docsize`)
  );
}
