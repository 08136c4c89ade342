// Which messages a comparison names (missing from the server, changed on it), as the incoming head
// reads them: subject, sender and date decoded from the package's own .eml files with the app's one
// header decoder (mail/decode), in the order of the UIDs asked for. A UID the package does not hold
// is left out; an .eml whose header cannot be read still gives its row, with what the index knows.
import { join } from 'node:path';
import type { PackageMessageRow } from '../../../../shared/handover-accept.ts';
import { decodeHeaders } from '../../mail/decode/decode-headers.ts';
import { readHeaderBlock } from '../../mail/decode/header-file.ts';
import type { PackageIndex } from './package-index.ts';

export async function packageMessages(
  bagDir: string,
  index: PackageIndex,
  folderPath: string,
  uids: readonly number[],
): Promise<PackageMessageRow[]> {
  const folder = index.folders.find((f) => f.path === folderPath);
  if (!folder) return [];
  const byUid = new Map((index.messagesByFolder.get(folder.id) ?? []).map((m) => [m.uid, m]));
  const rows: PackageMessageRow[] = [];
  for (const uid of uids) {
    const m = byUid.get(uid);
    if (!m) continue;
    const row: PackageMessageRow = {
      uid,
      subject: '',
      from: '',
      internalDate: m.internalDate,
      size: m.size,
      messageId: m.messageId,
    };
    try {
      const h = decodeHeaders(await readHeaderBlock(join(bagDir, m.file)));
      row.subject = h.subject;
      row.from = h.from.map((a) => (a.name ? `${a.name} <${a.address}>` : a.address)).join(', ');
    } catch {
      // The row stays, with the index's facts: the file itself is checked by verification.
    }
    rows.push(row);
  }
  return rows;
}
