// Puts back what the server lost since the handover: every message the comparison found
// missing is APPENDed from its byte-exact .eml with its flags, keywords and INTERNALDATE.
// Folders the server no longer has are created first. Restored messages get new UIDs;
// the next comparison matches them by identity, so restoring twice adds nothing.
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { ImapFlow } from 'imapflow';
import type { PackageDiff, RestoreResult } from '../../../../shared/handover-accept.ts';
import { AppError } from '../../errors/app-error.ts';
import type { PackageIndex } from './package-index.ts';

export interface RestoreOptions {
  signal?: AbortSignal;
  onProgress?: (done: number, total: number) => void;
}

export async function restoreMissing(
  bagDir: string,
  index: PackageIndex,
  diff: PackageDiff,
  client: ImapFlow,
  opts: RestoreOptions = {},
): Promise<RestoreResult> {
  const total = diff.totals.missing;
  const result: RestoreResult = { restored: 0, bytes: 0, createdFolders: [], folders: [], skipped: [] };
  const liveDelimiter = (await client.list()).find((f) => f.delimiter)?.delimiter ?? '/';
  for (const folderDiff of diff.folders) {
    // A changed message is still on the server: its copy there is kept, not overwritten.
    if (folderDiff.changed > 0)
      result.skipped.push({ path: folderDiff.path, messages: folderDiff.changed, reason: 'changed' });
    if (folderDiff.missing === 0) continue;
    const folder = index.folders.find((f) => f.id === folderDiff.id);
    if (!folder) {
      result.skipped.push({ path: folderDiff.path, messages: folderDiff.missing, reason: 'not-in-package' });
      continue;
    }
    // The package names folders with its own delimiter; the server may use another.
    const path = folder.path.split(folder.delimiter || '/').join(liveDelimiter);
    if (!folderDiff.existsLive) {
      await client.mailboxCreate(path);
      result.createdFolders.push(path);
    }
    const done = { path: folderDiff.path, restored: 0, bytes: 0, created: !folderDiff.existsLive };
    const wanted = new Set(folderDiff.missingUids);
    for (const message of index.messagesByFolder.get(folder.id) ?? []) {
      if (!wanted.delete(message.uid)) continue;
      if (opts.signal?.aborted) throw new AppError('CANCELLED', 'restore cancelled');
      const content = await readFile(join(bagDir, message.file));
      const flags = [...message.flags.filter((f) => f !== '\\Recent'), ...message.keywords];
      const date = message.internalDate ? new Date(message.internalDate) : undefined;
      await client.append(path, content, flags, date);
      done.restored++;
      done.bytes += content.length;
      result.restored++;
      result.bytes += content.length;
      opts.onProgress?.(result.restored, total);
    }
    if (done.restored > 0) result.folders.push(done);
    if (wanted.size > 0)
      result.skipped.push({ path: folderDiff.path, messages: wanted.size, reason: 'not-in-package' });
  }
  return result;
}
