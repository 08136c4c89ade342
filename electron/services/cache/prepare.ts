import type { StatementSync } from 'node:sqlite';

/** A prepared-statement cache over the cache's database: the same SQL gives the same statement. */
export type Prepare = (sql: string) => StatementSync;
