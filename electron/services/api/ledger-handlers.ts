// Handlers of the ledger part of the contract (shared/contract-ledger.ts) over LedgerService.
// Every action announces 'ledger.changed' so open views reload.
import type { ledgerContract } from '../../../shared/contract-ledger.ts';
import type { AppServices } from '../app-services.ts';
import type { ActionResult, LedgerTarget } from '../ledger/ledger-service.ts';
import type { HandlersFor } from './handler-types.ts';

export function createLedgerHandlers(s: AppServices): HandlersFor<keyof typeof ledgerContract> {
  const target = (i: { accountId: string; mailbox?: string | undefined }): LedgerTarget => ({
    accountId: s.accounts.get(i.accountId).id,
    ...(i.mailbox ? { mailbox: i.mailbox } : {}),
  });
  const ref = (i: { accountId: string; mailbox?: string | undefined }) => ({
    accountId: s.accounts.get(i.accountId).id,
    mailbox: i.mailbox,
  });
  // The action is recorded on the server; the local copy follows and announces the change.
  const changed = (i: { accountId: string; mailbox?: string | undefined }, r: ActionResult) => {
    if (r.recordUid !== null) s.ledgerBooks.refreshSoon(ref(i));
    return r;
  };
  const which = (i: { year: number; number: number }) => ({ year: i.year, number: i.number });
  return {
    'ledger.book': async (i) => {
      const me = s.accounts.get(i.accountId).email.toLowerCase();
      const assignee = i.assignee === 'me' ? me : i.assignee?.toLowerCase();
      const query = { year: i.year, status: i.status, assignee, text: i.text, offset: i.offset, limit: i.limit };
      return s.ledgerBooks.page(ref(i), query, { fresh: i.fresh === true });
    },
    'ledger.entry': async (i) => s.ledger.entry(target(i), which(i)),
    'ledger.register': async (i) =>
      changed(i, await s.ledger.register(target(i), { folder: i.folder, uid: i.uid }, stripUndefined(i.fields ?? {}))),
    'ledger.assign': async (i) =>
      changed(
        i,
        await s.ledger.assign(target(i), which(i), {
          to: i.to,
          ...(i.coHandlers ? { coHandlers: i.coHandlers } : {}),
          ...(i.instruction !== undefined ? { instruction: i.instruction } : {}),
          ...(i.deadline ? { deadline: i.deadline } : {}),
        }),
      ),
    'ledger.claim': async (i) => changed(i, await s.ledger.claim(target(i), which(i))),
    'ledger.setStatus': async (i) => {
      const result = stripUndefined({ messageId: i.resultMessageId, note: i.note });
      return changed(i, await s.ledger.setStatus(target(i), which(i), i.status, result));
    },
    'ledger.reopen': async (i) =>
      changed(i, await s.ledger.reopen(target(i), which(i), stripUndefined({ note: i.note, release: i.release }))),
    'ledger.verify': async (i) => s.ledger.verify(target(i)),
  };
}

function stripUndefined<T extends Record<string, unknown>>(o: T): { [K in keyof T]?: Exclude<T[K], undefined> } {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as {
    [K in keyof T]?: Exclude<T[K], undefined>;
  };
}
