// The app keeps its own records (delegation register, handover receipts,
// processing ledger, audit log) as small messages inside the unit mailbox, in
// one folder tree, so they travel with the mailbox and with a handover. The
// app hides this tree from its folder lists; sync and export keep it.

export const RECORD_ROOT = 'UnitMailbox';

export const RECORD_FOLDERS = {
  delegation: 'Delegation',
  handover: 'Handover',
  ledger: 'Ledger',
  audit: 'Audit',
} as const;
export type RecordKind = keyof typeof RECORD_FOLDERS;

/** Path of a record folder under the personal namespace `prefix` (often '', sometimes 'INBOX.'). */
export function recordFolderPath(kind: RecordKind, delimiter: string, prefix = ''): string {
  return `${prefix}${RECORD_ROOT}${delimiter}${RECORD_FOLDERS[kind]}`;
}

/**
 * True for the record tree's root and everything under it, at the top level or
 * under an 'INBOX<delimiter>' personal namespace prefix.
 */
export function isRecordFolder(path: string, delimiter: string): boolean {
  const inboxPrefix = `INBOX${delimiter}`;
  const rest = path.toUpperCase().startsWith(inboxPrefix.toUpperCase()) ? path.slice(inboxPrefix.length) : path;
  return rest === RECORD_ROOT || (delimiter !== '' && rest.startsWith(`${RECORD_ROOT}${delimiter}`));
}
