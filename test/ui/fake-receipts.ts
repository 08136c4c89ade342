// The read-receipt, contacts and directory part of the UI test fake (FakeMailbox.receipts), held
// to the contract like the rest (HandlersFor, the real dispatcher) and behaving like the real
// services as far as the page can tell:
// - receipts.list answers `sent` (messages sent with a receipt request, per recipient);
// - receipts.pending lists the folder's `requests` not answered yet (the real one: no $MDNSent);
// - receipts.answer refuses under "never" (PERMISSION_DENIED, as the real service), refuses a
//   message that asks for nothing (VALIDATION), answers once ('already-sent' after), and records
//   each answer in `answered`;
// - contacts.import answers `importNext` (null: the dialog was cancelled) and adds its contacts;
//   contacts.list searches name, address and unit without diacritics;
// - directory.status answers `directory`; directory.search and directory.expandGroup refuse with
//   DIRECTORY_NOT_CONFIGURED when it is not configured, else search `entries` and `groups`.
import type {
  Contact,
  ContactsImportReport,
  DirectoryEntry,
  DirectoryStatus,
  GroupExpansion,
} from '../../shared/directory.ts';
import type { PendingReceipt, SentReceipts } from '../../shared/receipts.ts';
import type { ReceiptPolicy } from '../../shared/settings.ts';
import { foldText } from '../../shared/text-fold.ts';
import type { HandlersFor } from '../../electron/services/api/handler-types.ts';
import { AppError } from '../../electron/services/errors/app-error.ts';

export type ReceiptsChannel =
  | 'receipts.list'
  | 'receipts.pending'
  | 'receipts.answer'
  | 'contacts.import'
  | 'contacts.list'
  | 'directory.status'
  | 'directory.search'
  | 'directory.expandGroup';

export const UNCONFIGURED_DIRECTORY: DirectoryStatus = {
  configured: false,
  source: '/home/canbo/.config/unit-mailbox/directory.json',
  error: null,
  config: null,
  reachable: null,
  problem: null,
};

export class FakeReceipts {
  /** What receipts.list answers. */
  sent: SentReceipts[] = [];
  /** Incoming messages asking for a receipt (answered ones are left out of receipts.pending). */
  requests: PendingReceipt[] = [];
  /** Every receipt the page had sent, in order. */
  readonly answered: Array<{ folder: string; uid: number }> = [];
  contacts: Contact[] = [];
  /** What the next contacts.import answers (the file's report and its contacts), or null: cancelled. */
  importNext: { report: ContactsImportReport; contacts: Contact[] } | null = null;
  directory: DirectoryStatus = UNCONFIGURED_DIRECTORY;
  /** The directory's people, units and groups (directory.search). */
  entries: DirectoryEntry[] = [];
  /** Group expansions by DN (directory.expandGroup). */
  readonly groups = new Map<string, GroupExpansion>();

  private readonly policy: () => ReceiptPolicy;

  constructor(policy: () => ReceiptPolicy) {
    this.policy = policy;
  }

  readonly handlers: HandlersFor<ReceiptsChannel> = {
    'receipts.list': async () => this.sent,
    'receipts.pending': async ({ folder }) =>
      this.requests.filter((r) => r.folder === folder && !this.isAnswered(r)).sort((a, b) => b.uid - a.uid),
    'receipts.answer': async ({ folder, uid }) => {
      if (this.policy() === 'never')
        throw new AppError('PERMISSION_DENIED', 'receiptPolicy is "never": no read receipt is sent');
      const request = this.requests.find((r) => r.folder === folder && r.uid === uid);
      if (!request) throw new AppError('VALIDATION', `message ${uid} in ${folder} asks for no read receipt`);
      if (this.isAnswered(request))
        return { status: 'already-sent', to: request.receiptTo, mdnMessageId: null, entry: null };
      this.answered.push({ folder, uid });
      const mdnMessageId = `<mdn-${this.answered.length}@binhphuoc.gov.vn>`;
      return { status: 'queued', to: request.receiptTo, mdnMessageId, entry: null };
    },
    'contacts.import': async () => {
      const next = this.importNext;
      this.importNext = null;
      if (!next) return null;
      const known = new Set(this.contacts.map((c) => c.address));
      this.contacts.push(...next.contacts.filter((c) => !known.has(c.address)));
      return next.report;
    },
    'contacts.list': async ({ query, limit }) => {
      const q = foldText(query.trim());
      return this.contacts
        .filter((c) => !q || foldText(`${c.name} ${c.address} ${c.organization} ${c.title}`).includes(q))
        .sort((a, b) => a.name.localeCompare(b.name, 'vi'))
        .slice(0, limit);
    },
    'directory.status': async ({ check }) =>
      check ? this.directory : { ...this.directory, reachable: null, problem: null },
    'directory.search': async ({ query, limit }) => {
      this.configured();
      const q = foldText(query.trim());
      const found = this.entries.filter((e) => foldText(`${e.name} ${e.address ?? ''} ${e.unit}`).includes(q));
      return { entries: found.slice(0, limit), truncated: found.length > limit };
    },
    'directory.expandGroup': async ({ dn, name }) => {
      this.configured();
      const group = dn !== undefined ? this.groups.get(dn) : [...this.groups.values()].find((g) => g.name === name);
      if (!group) throw new AppError('DIRECTORY_ENTRY_NOT_FOUND', `no group ${dn ?? name}`);
      return group;
    },
  };

  private isAnswered(r: { folder: string; uid: number }): boolean {
    return this.answered.some((a) => a.folder === r.folder && a.uid === r.uid);
  }

  private configured(): void {
    if (!this.directory.configured) throw new AppError('DIRECTORY_NOT_CONFIGURED', 'no directory.json');
  }
}
