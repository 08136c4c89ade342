// Mirrors an entry's state as IMAP keywords on the original message, so other
// clients see it and folder views can filter on it. Keywords are a mirror:
// the ledger stays the truth, and a server that cannot keep new keywords
// (PERMANENTFLAGS without \*) just gets none.
import type { ImapFlow } from 'imapflow';
import { ALL_LEDGER_KEYWORDS, keywordsFor, type EntryStatus } from '../../../shared/ledger.ts';

export type KeywordOutcome = 'set' | 'unsupported';

export async function mirrorKeywords(
  client: ImapFlow,
  path: string,
  uid: number,
  status: EntryStatus,
): Promise<KeywordOutcome> {
  const box = await client.mailboxOpen(path);
  if (!box.permanentFlags?.has('\\*')) return 'unsupported';
  const want = keywordsFor(status);
  const drop = ALL_LEDGER_KEYWORDS.filter((k) => !want.includes(k));
  await client.messageFlagsAdd(String(uid), want, { uid: true });
  await client.messageFlagsRemove(String(uid), drop, { uid: true });
  return 'set';
}
