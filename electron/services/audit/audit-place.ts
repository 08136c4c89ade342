// Where the audit log of a unit mailbox is, seen from one session (the
// ledger's place: the owner's own record folder, or the unit's folder under the
// shared namespace for a delegate), and the head this computer last wrote
// there, kept in the settings file so a removed LAST record is noticed
// (as the delegation register does, register-book.ts).
import type { ImapFlow } from 'imapflow';
import { z } from 'zod';
import type { RecordRef } from '../../../shared/ledger.ts';
import { RECORD_FOLDERS, RECORD_ROOT } from '../../../shared/records.ts';
import { placeFor, type LedgerPlace } from '../ledger/ledger-place.ts';
import { ensureRecordTree, recordTree } from '../records/record-folder.ts';
import type { SettingsRepository } from '../settings/settings-repository.ts';

export interface AuditPlace extends LedgerPlace {
  auditFolder: string;
}

export function auditPlaceFor(client: ImapFlow, actor: string, mailbox?: string): AuditPlace {
  const place = placeFor(client, actor, mailbox);
  const auditFolder = place.own
    ? recordTree(client).paths.audit
    : `${place.prefix}${RECORD_ROOT}${place.delimiter}${RECORD_FOLDERS.audit}`;
  return { ...place, auditFolder };
}

/** The owner creates the record folders on first write; a delegate finds them already there. */
export async function ensureAuditFolder(client: ImapFlow, place: AuditPlace): Promise<void> {
  if (place.own) await ensureRecordTree(client);
}

const headSchema = z.object({ sha256: z.string(), seq: z.number().int().min(1), uid: z.number().int().min(1) });
const stateSchema = z.record(z.string(), headSchema);
const NAME = 'audit';
const keyOf = (accountId: string, mailbox: string) => `${accountId} ${mailbox.toLowerCase()}`;

/** The last record this computer wrote (or saw written) in the mailbox's audit log. */
export function loadAuditHead(settings: SettingsRepository, accountId: string, mailbox: string): RecordRef | null {
  return settings.serviceState(NAME, stateSchema)?.[keyOf(accountId, mailbox)] ?? null;
}

/** Only moves forward: another computer may already have written later records. */
export function saveAuditHead(settings: SettingsRepository, accountId: string, mailbox: string, head: RecordRef): void {
  const all = settings.serviceState(NAME, stateSchema) ?? {};
  const old = all[keyOf(accountId, mailbox)];
  if (old && old.seq > head.seq) return;
  settings.saveServiceState(NAME, { ...all, [keyOf(accountId, mailbox)]: head });
}
