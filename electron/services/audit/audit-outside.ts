// Changes made outside the app: the server raises a message's MODSEQ on every
// change (CONDSTORE, RFC 7162). The app keeps what it last saw of each message
// it acted on (audit-store.ts `seen`); a higher MODSEQ now, flags that differ,
// or the message gone, was done by someone else: "ngoài ứng dụng".
import type { ImapFlow } from 'imapflow';
import { OUTSIDE_LABEL_VI, type OutsideChange } from '../../../shared/audit.ts';
import { AppError } from '../errors/app-error.ts';
import { uidSet } from '../sync/folder-sync.ts';
import type { AuditStore, SeenState } from './audit-store.ts';

export interface FolderSnapshot {
  uidValidity: string;
  highestModseq: bigint | null;
  states: SeenState[];
}

/** Flags and MODSEQ of `uids` (or every message) of `path`, read with EXAMINE so nothing changes. */
export async function snapshotFolder(
  client: ImapFlow,
  path: string,
  uids?: readonly number[],
): Promise<FolderSnapshot> {
  const box = await client.mailboxOpen(path, { readOnly: true });
  const uidValidity = String(box.uidValidity);
  const highestModseq = box.highestModseq ?? null;
  if (box.noModseq || (highestModseq === null && box.exists > 0)) {
    throw new AppError('CAPABILITY_MISSING', `${path}: the server keeps no MODSEQ (CONDSTORE)`, {
      messageVi: `Máy chủ không hỗ trợ CONDSTORE cho thư mục "${path}", nên không phát hiện được thay đổi ngoài ứng dụng.`,
    });
  }
  if (box.exists === 0 || (uids && uids.length === 0)) return { uidValidity, highestModseq, states: [] };
  // Ranges (1:500) keep the command short for folders the app knows thousands of messages of.
  const range = uids ? uidSet([...uids]) : '1:*';
  const states: SeenState[] = [];
  for await (const msg of client.fetch(range, { uid: true, flags: true }, { uid: true })) {
    states.push({ uid: msg.uid, modseq: msg.modseq ?? 0n, flags: [...(msg.flags ?? [])].sort() });
  }
  return { uidValidity, highestModseq, states: states.sort((a, b) => a.uid - b.uid) };
}

/** What differs between what the app last saw (`known`) and the folder now (`current`). */
export function compareSeen(
  folder: string,
  known: readonly SeenState[],
  current: readonly SeenState[],
): OutsideChange[] {
  const now = new Map(current.map((s) => [s.uid, s]));
  const out: OutsideChange[] = [];
  for (const k of known) {
    const c = now.get(k.uid);
    if (!c) {
      out.push(change(folder, k, null, 'removed', `Thư UID ${k.uid} trong "${folder}" đã bị xóa hoặc chuyển đi`));
      continue;
    }
    if (c.modseq <= k.modseq) continue;
    const flagsChanged = c.flags.join(' ') !== [...k.flags].sort().join(' ');
    const what = flagsChanged
      ? `Cờ của thư UID ${k.uid} trong "${folder}" đã đổi từ [${k.flags.join(' ')}] thành [${c.flags.join(' ')}]`
      : `Thư UID ${k.uid} trong "${folder}" đã bị thay đổi (MODSEQ ${k.modseq} → ${c.modseq})`;
    out.push(change(folder, k, c, flagsChanged ? 'flags' : 'modified', what));
  }
  return out;
}

function change(
  folder: string,
  k: SeenState,
  c: SeenState | null,
  kind: OutsideChange['kind'],
  what: string,
): OutsideChange {
  return {
    folder,
    uid: k.uid,
    kind,
    knownModseq: k.modseq.toString(),
    currentModseq: c ? c.modseq.toString() : null,
    knownFlags: [...k.flags],
    currentFlags: c ? [...c.flags] : null,
    labelVi: OUTSIDE_LABEL_VI,
    messageVi: `${what} ${OUTSIDE_LABEL_VI} (không qua ứng dụng Hộp thư đơn vị).`,
  };
}

/** Where the app's view of one mailbox is kept, on an open session. */
export interface SeenScope {
  store: AuditStore;
  client: ImapFlow;
  accountId: string;
  mailbox: string;
  /** The session's path of a unit-relative folder. */
  pathOf(folder: string): string;
}

/** The changes to messages of `folder` the app did not make; `acknowledge` takes them as seen. */
export async function outsideChangesIn(
  scope: SeenScope,
  folder: string,
  acknowledge: boolean,
): Promise<OutsideChange[]> {
  const path = scope.pathOf(folder);
  const probe = await snapshotFolder(scope.client, path, []);
  const known = scope.store.seen(scope.accountId, scope.mailbox, folder, probe.uidValidity);
  const uids = known.map((k) => k.uid);
  const now = await snapshotFolder(scope.client, path, uids);
  if (acknowledge) keepSeen(scope, folder, now, uids);
  return compareSeen(folder, known, now.states);
}

/** Takes the current state of `uids` (or every message) as what the app saw. */
export async function observeFolder(scope: SeenScope, folder: string, uids?: number[]): Promise<number> {
  const now = await snapshotFolder(scope.client, scope.pathOf(folder), uids);
  keepSeen(scope, folder, now, uids ?? []);
  return now.states.length;
}

/** After the app acted on a message (and recorded it): its state now is the app's own doing. */
export async function noteActed(scope: SeenScope, folder: string, uid: number): Promise<void> {
  const now = await snapshotFolder(scope.client, scope.pathOf(folder), [uid]).catch((e: unknown) => {
    // The message's folder is gone (moved or deleted by this very action): nothing to keep.
    if ((e as { mailboxMissing?: boolean }).mailboxMissing) return null;
    throw e;
  });
  if (now) keepSeen(scope, folder, now, [uid]);
}

function keepSeen(scope: SeenScope, folder: string, now: FolderSnapshot, asked: number[]): void {
  const found = new Set(now.states.map((s) => s.uid));
  const gone = asked.filter((u) => !found.has(u));
  scope.store.forgetSeen(scope.accountId, scope.mailbox, folder, now.uidValidity, gone);
  scope.store.saveSeen(scope.accountId, scope.mailbox, folder, now.uidValidity, now.states);
}
