// Where the ledger of a unit mailbox is, seen from one session: the owner's
// own record folder, or, for a delegate acting through the shared namespace
// (NAMESPACE "other users", e.g. shared/<unit>/), the same folder under the
// unit's prefix. Message links in records are kept relative to the unit
// mailbox, so the head and every delegate name a message the same way.
import type { ImapFlow } from 'imapflow';
import { RECORD_FOLDERS, RECORD_ROOT } from '../../../shared/records.ts';
import { AppError } from '../errors/app-error.ts';
import { ensureRecordTree, recordTree } from '../records/record-folder.ts';

export interface LedgerPlace {
  /** The unit mailbox address (records' `mailbox`). */
  mailbox: string;
  /** The account acting (records' `by.email`). */
  actor: string;
  own: boolean;
  /** '' for the owner, e.g. 'shared/unit@example.vn/' for a delegate. */
  prefix: string;
  delimiter: string;
  ledgerFolder: string;
}

export function placeFor(client: ImapFlow, actor: string, mailbox?: string): LedgerPlace {
  const unit = (mailbox ?? actor).toLowerCase();
  if (unit === actor.toLowerCase()) {
    const tree = recordTree(client);
    return { mailbox: unit, actor, own: true, prefix: '', delimiter: tree.delimiter, ledgerFolder: tree.paths.ledger };
  }
  const ns = [...(client.namespaces?.other || []), ...(client.namespaces?.shared || [])].find((n) => n.prefix !== '');
  if (!ns) {
    throw new AppError('ACL_UNSUPPORTED', 'the server shows no other users\u2019 namespace', {
      messageVi: `Máy chủ không cho thấy hộp thư dùng chung của ${unit}: chưa được ủy quyền hoặc máy chủ không hỗ trợ.`,
    });
  }
  const delimiter = ns.delimiter || '/';
  const prefix = `${ns.prefix}${unit}${delimiter}`;
  const ledgerFolder = `${prefix}${RECORD_ROOT}${delimiter}${RECORD_FOLDERS.ledger}`;
  return { mailbox: unit, actor, own: false, prefix, delimiter, ledgerFolder };
}

/** The owner creates the record folders on first write; a delegate finds them already there. */
export async function ensureLedgerFolder(client: ImapFlow, place: LedgerPlace): Promise<void> {
  if (place.own) await ensureRecordTree(client);
}

/** A folder path as this session names it, from the unit-relative link. */
export function sessionPath(place: LedgerPlace, folder: string): string {
  return `${place.prefix}${folder}`;
}

/** The unit-relative name of a folder path of this session. */
export function unitRelative(place: LedgerPlace, path: string): string {
  if (!place.prefix) return path;
  if (!path.startsWith(place.prefix)) {
    throw new AppError('FOLDER_NOT_FOUND', `${path} is not in ${place.mailbox}`, {
      messageVi: `Thư mục "${path}" không thuộc hộp thư ${place.mailbox}.`,
    });
  }
  return path.slice(place.prefix.length);
}
