// Compares a handover package with the live mailbox, folder by folder: what the package
// has that the server lost (missing), what changed (flags, or content size under the same
// UID), and what arrived since the handover (new). Matching is by UID while UIDVALIDITY is
// unchanged, then by (Message-ID, size, INTERNALDATE), so restored messages (new UIDs) and
// rebuilt folders (new UIDVALIDITY) still match.
import type { ImapFlow } from 'imapflow';
import type { FolderDiff, PackageDiff } from '../../../../shared/handover-accept.ts';
import { isRecordFolder } from '../../../../shared/records.ts';
import { takeSnapshot } from '../export/snapshot.ts';
import type { PackageFolder, PackageIndex, PackageMessage } from './package-index.ts';

export interface LiveMessage {
  uid: number;
  size: number;
  flags: string[];
  internalDate: string;
  messageId: string;
}

/** Reads what the diff needs of every message in a folder, without touching \Seen. */
export async function liveMessages(
  client: ImapFlow,
  path: string,
): Promise<{ uidValidity: string; messages: LiveMessage[] }> {
  const box = await client.mailboxOpen(path, { readOnly: true });
  const messages: LiveMessage[] = [];
  if (box.exists > 0) {
    for await (const m of client.fetch(
      '1:*',
      { uid: true, flags: true, size: true, internalDate: true, headers: ['message-id'] },
      { uid: false },
    )) {
      const header = m.headers ? m.headers.toString('latin1') : '';
      const id = /^message-id:\s*(.*(?:\r?\n[ \t].*)*)/im.exec(header)?.[1]?.replace(/\s+/g, '').trim() ?? '';
      messages.push({
        uid: m.uid,
        size: m.size ?? 0,
        flags: [...(m.flags ?? new Set<string>())].sort(),
        internalDate: m.internalDate instanceof Date ? m.internalDate.toISOString() : String(m.internalDate ?? ''),
        messageId: id,
      });
    }
  }
  return { uidValidity: String(box.uidValidity), messages };
}

const sameInstant = (a: string, b: string): boolean => {
  const ta = Date.parse(a);
  const tb = Date.parse(b);
  return Number.isFinite(ta) && Number.isFinite(tb) ? Math.abs(ta - tb) < 1000 : a === b;
};
const identity = (m: { messageId: string; size: number }): string => `${m.messageId}\u0000${m.size}`;
const normalizeFlags = (flags: readonly string[]): string =>
  flags
    .filter((f) => f !== '\\Recent')
    .map((f) => (f.startsWith('\\') ? f.toLowerCase() : f))
    .sort()
    .join(' ');

/** Pure comparison of one folder; exported for unit tests. */
export function compareFolder(
  folder: PackageFolder,
  packaged: readonly PackageMessage[],
  live: { exists: boolean; uidValidity: string | null; messages: readonly LiveMessage[] },
): FolderDiff {
  const missing: PackageMessage[] = [];
  const changed: Array<{ uid: number; liveUid: number; what: 'flags' | 'size' }> = [];
  const liveLeft = new Map(live.messages.map((m) => [m.uid, m]));
  const sameValidity = live.exists && live.uidValidity === folder.uidValidity;
  const unmatched: PackageMessage[] = [];
  for (const p of packaged) {
    const l = sameValidity ? liveLeft.get(p.uid) : undefined;
    if (l && l.size === p.size && (p.messageId === '' || l.messageId === '' || l.messageId === p.messageId)) {
      liveLeft.delete(l.uid);
      if (normalizeFlags(l.flags) !== normalizeFlags([...p.flags, ...p.keywords]))
        changed.push({ uid: p.uid, liveUid: l.uid, what: 'flags' });
    } else if (l) {
      liveLeft.delete(l.uid);
      changed.push({ uid: p.uid, liveUid: l.uid, what: 'size' });
    } else {
      unmatched.push(p);
    }
  }
  // Second pass: by identity, for restored messages and rebuilt folders.
  const byIdentity = new Map<string, LiveMessage[]>();
  for (const l of liveLeft.values()) {
    const key = identity(l);
    byIdentity.set(key, [...(byIdentity.get(key) ?? []), l]);
  }
  for (const p of unmatched) {
    const candidates = byIdentity.get(identity(p)) ?? [];
    const index = candidates.findIndex((l) => p.internalDate === '' || sameInstant(l.internalDate, p.internalDate));
    const l = index >= 0 ? candidates.splice(index, 1)[0] : undefined;
    if (!l) {
      missing.push(p);
      continue;
    }
    liveLeft.delete(l.uid);
    if (normalizeFlags(l.flags) !== normalizeFlags([...p.flags, ...p.keywords]))
      changed.push({ uid: p.uid, liveUid: l.uid, what: 'flags' });
  }
  return {
    path: folder.path,
    id: folder.id,
    existsLive: live.exists,
    uidValidityChanged: live.exists && !sameValidity,
    inPackage: packaged.length,
    live: live.messages.length,
    missing: missing.length,
    changed: changed.length,
    added: liveLeft.size,
    missingUids: missing.map((m) => m.uid),
    changedUids: changed.map((c) => c.uid),
    addedUids: [...liveLeft.keys()].sort((a, b) => a - b),
  };
}

/** Compares every folder of the package (and lists live folders the package lacks). */
export async function diffPackage(index: PackageIndex, client: ImapFlow): Promise<PackageDiff> {
  const liveFolders = new Map((await takeSnapshot(client)).map((f) => [f.path, f]));
  const folders: FolderDiff[] = [];
  for (const folder of index.folders) {
    const packaged = index.messagesByFolder.get(folder.id) ?? [];
    const liveFolder = liveFolders.get(folder.path);
    const live =
      liveFolder?.selectable && folder.selectable
        ? { exists: true, ...(await liveMessages(client, folder.path)) }
        : { exists: liveFolder !== undefined, uidValidity: null, messages: [] };
    const diff = compareFolder(folder, packaged, live);
    const records = isRecordFolder(folder.path, folder.delimiter) ? { appRecords: true } : {};
    folders.push({ ...diff, ...records, ...(folder.selectable ? {} : { uidValidityChanged: false }) });
  }
  const known = new Set(index.folders.map((f) => f.path));
  // The app's own record folders created since (e.g. the first audit record) are not new mail.
  const newFolders = [...liveFolders.values()]
    .filter((f) => !known.has(f.path) && !isRecordFolder(f.path, f.delimiter))
    .map((f) => f.path);
  const mail = folders.filter((f) => !f.appRecords);
  const sum = (k: 'missing' | 'changed' | 'added' | 'inPackage' | 'live') => mail.reduce((n, f) => n + f[k], 0);
  return {
    folders,
    newFolders,
    totals: {
      inPackage: sum('inPackage'),
      live: sum('live'),
      missing: sum('missing'),
      changed: sum('changed'),
      added: sum('added'),
    },
  };
}
