// Registration on arrival, the unit's default rule: after a sync of a unit account, every
// message the directive rules recognised that arrived with it (new to the cache; a folder's first
// sync brings history, not arrivals) is registered, oldest first. Two computers doing this at once
// write duplicate register records at worst; the book keeps the first per Message-ID, so numbers
// stay gapless and single.
import type { CachedSummary } from '../../../shared/mail.ts';
import type { AccountService } from '../accounts/account-service.ts';
import type { Logger } from '../logging/logger.ts';
import type { LedgerService } from './ledger-service.ts';

export interface AutoRegisterDeps {
  accounts: Pick<AccountService, 'get'>;
  ledger: Pick<LedgerService, 'book' | 'register'>;
  /** Whether this computer can sign records (a signing identity exists). */
  canSign: () => Promise<boolean>;
  logger: Logger;
}

export interface AutoRegisterResult {
  /** Directives that arrived with the sync. */
  candidates: number;
  /** Register records this computer wrote (a concurrent one may have been first). */
  written: number;
  failed: number;
  skipped: 'not-unit' | 'no-identity' | null;
}

export async function autoRegister(
  deps: AutoRegisterDeps,
  accountId: string,
  arrived: readonly CachedSummary[],
): Promise<AutoRegisterResult> {
  const account = deps.accounts.get(accountId);
  const result: AutoRegisterResult = { candidates: arrived.length, written: 0, failed: 0, skipped: null };
  if (account.kind !== 'unit') return { ...result, skipped: 'not-unit' };
  if (arrived.length === 0) return result;
  if (!(await deps.canSign())) return { ...result, skipped: 'no-identity' };
  const book = await deps.ledger.book(account.id);
  // Known by where they are; a message moved since it was registered is recognised by its
  // Message-ID inside register(), which then writes nothing.
  const at = (folder: string, uid: number) => `${folder}\u0000${uid}`;
  const known = new Set(book.entries.map((e) => at(e.link.folder, e.link.uid)));
  for (const d of [...arrived].sort(arrivalOrder)) {
    if (known.has(at(d.folder, d.uid))) continue;
    try {
      const { recordUid } = await deps.ledger.register(account.id, { folder: d.folder, uid: d.uid });
      if (recordUid !== null) result.written += 1;
    } catch (e) {
      result.failed += 1;
      deps.logger.log('warn', 'automatic registration failed', {
        folder: d.folder,
        uid: d.uid,
        detail: (e as Error).message,
      });
    }
  }
  return result;
}

function arrivalOrder(a: CachedSummary, b: CachedSummary): number {
  return a.folder.localeCompare(b.folder) || a.uid - b.uid;
}
