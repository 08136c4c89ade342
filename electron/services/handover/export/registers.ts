import type { RegisterFile } from './finalize.ts';

// The registers travel in data/registers/, present with their header line even while empty.
// A JSON Lines file has no comment syntax, so its first line is a JSON object that names the
// format; every later line is one record.
export const REGISTER_HEADERS = {
  delegation: { fileName: 'delegation.jsonl', header: '{"format":"unit-mailbox-register/1","kind":"delegation"}' },
  ledger: { fileName: 'ledger.csv', header: 'seq,time,folder,uid,message_id,action,actor,note' },
  audit: { fileName: 'audit.csv', header: 'seq,time,actor,action,target,detail' },
} as const;

/** The three registers with no records (until delegation and the ledger provide theirs). */
export function emptyRegisters(): RegisterFile[] {
  return Object.values(REGISTER_HEADERS).map((r) => ({ fileName: r.fileName, header: r.header, lines: [] }));
}
