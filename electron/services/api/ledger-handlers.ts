// Handlers of the ledger part of the contract (shared/contract-ledger.ts) over LedgerService.
// Every action announces 'ledger.changed' so open views reload. The dashboard is computed from the
// local copy (ledger-dashboard.ts); an entry comes with the default deadline an assignment would get.
import { writeFile } from 'node:fs/promises';
import type { LedgerEntryView, ledgerContract } from '../../../shared/contract-ledger.ts';
import type { AppServices } from '../app-services.ts';
import { ledgerDashboard } from '../ledger/ledger-dashboard.ts';
import type { BookEntry } from '../ledger/ledger-view.ts';
import { defaultResourcesDir } from '../profile/resources-dir.ts';
import type { ActionResult, LedgerTarget } from '../ledger/ledger-service.ts';
import { AppError } from '../errors/app-error.ts';
import {
  renderLedgerReport,
  reportEntryCount,
  reportFileName,
  type ReportRequest,
} from '../ledger/report/ledger-report-file.ts';
import type { HandlersFor } from './handler-types.ts';

/** `render` makes the report's bytes (the PDF and spreadsheet code); tests count its calls. */
export function createLedgerHandlers(
  s: AppServices,
  render: typeof renderLedgerReport = renderLedgerReport,
): HandlersFor<keyof typeof ledgerContract> {
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
  // The service's holiday calendar (read once) and the unit's rules, as an assignment now would have them.
  const withDefaultDeadline = async (e: BookEntry): Promise<LedgerEntryView> => {
    const deadlineOf = await s.ledger.defaultDeadlines();
    return { ...e, defaultDeadline: deadlineOf(e.fields.urgency) };
  };
  return {
    'ledger.book': async (i) => {
      const me = s.accounts.get(i.accountId).email.toLowerCase();
      const assignee = i.assignee === 'me' ? me : i.assignee?.toLowerCase();
      const { year, status, text, urgency, deadlineTo, sort, descending, offset, limit } = i;
      const query = { year, status, assignee, text, urgency, deadlineTo, sort, descending, offset, limit };
      return s.ledgerBooks.page(ref(i), query, { fresh: i.fresh === true });
    },
    'ledger.entry': async (i) => withDefaultDeadline(await s.ledger.entry(target(i), which(i))),
    'ledger.dashboard': async (i) =>
      ledgerDashboard(s.ledgerBooks, s.caps.clock, ref(i), { year: i.year, fresh: i.fresh === true }),
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
    // Where to save is asked first; the report is rendered only for a path chosen.
    'ledger.report': async (i) => {
      const request: ReportRequest = { period: { from: i.from, to: i.to }, format: i.format, kind: i.kind };
      const fileName = asValidation(() => reportFileName(request));
      const book = await s.ledger.book(target(i));
      const path = await s.caps.dialogs.saveFile(fileName, 'Lưu báo cáo');
      if (!path) return { path, entries: reportEntryCount(book.entries, request.period), intact: book.intact };
      const account = s.accounts.get(i.accountId);
      const unit = { name: account.displayName || book.mailbox, mailbox: book.mailbox };
      const opts = { resourcesDir: s.caps.resourcesDir ?? defaultResourcesDir(), clock: s.caps.clock };
      const file = await render(book.entries, unit, request, opts);
      await writeFile(path, file.bytes);
      return { path, entries: file.entries, intact: book.intact };
    },
  };
}

function stripUndefined<T extends Record<string, unknown>>(o: T): { [K in keyof T]?: Exclude<T[K], undefined> } {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as {
    [K in keyof T]?: Exclude<T[K], undefined>;
  };
}

/** A bad period is the user's input: one clear error, no dialog, nothing written. */
function asValidation<T>(check: () => T): T {
  try {
    return check();
  } catch (e) {
    if (e instanceof RangeError)
      throw new AppError('VALIDATION', `ledger report: ${e.message}`, { data: { field: 'period' } });
    throw e;
  }
}
export type { ReportRequest };
