// Fetches the messages of one task on one connection: metadata first (flags, INTERNALDATE, size,
// MODSEQ, ENVELOPE, BODYSTRUCTURE), then the bytes with BODY.PEEK[] (never sets \Seen) in batches
// capped by size; a message too large for a batch is fetched in partial chunks. The files of a
// batch are written straight to their files (named by UID until export/placement.ts names them), and hashed, by the writer thread while the
// batch streams in (a large message here, chunk by chunk); then their journal lines are
// appended. A file is only trusted without its journal line when its size is RFC822.SIZE: a
// file being written (or cut short by a crash) is shorter than its message.
import { createHash } from 'node:crypto';
import { mkdir, open, stat } from 'node:fs/promises';
import { join } from 'node:path';
import type { FetchMessageObject, ImapFlow, MessageAddressObject } from 'imapflow';
import { AppError } from '../../errors/app-error.ts';
import { attachmentNames } from '../../sync/structure.ts';
import { stagedEmlPath } from '../bag/bag-layout.ts';
import { digestFile, type FileDigest } from '../bag/file-hash.ts';
import { rfc3339 } from '../bag/time.ts';
import type { MessageEntry } from './message-entry.ts';
import type { MessageFile, MessageFileWriter } from './message-file-writer.ts';
import type { ExportTask } from './plan.ts';

export interface FetchLimits {
  /** Messages of at most this size go into multi-message batches. */
  largeMessage: number;
  /** Bytes per multi-message FETCH. */
  batchBytes: number;
  /** Partial-fetch chunk for a large message. */
  chunk: number;
}

export const DEFAULT_FETCH_LIMITS: FetchLimits = {
  largeMessage: 4 * 1024 * 1024,
  batchBytes: 8 * 1024 * 1024,
  chunk: 4 * 1024 * 1024,
};

export interface TaskContext {
  bagDir: string;
  /** UIDs of the task's folder already journaled; those are not fetched again. `record`'s owner keeps it. */
  done: ReadonlySet<number>;
  signal?: AbortSignal | undefined;
  limits?: FetchLimits;
  /**
   * Writes and hashes the message files on its own thread (shared by the connections of this
   * thread). It fdatasyncs each file when made so; the exporter flushes them all at the end instead.
   */
  writer: MessageFileWriter;
  /**
   * Resuming: a message file already downloaded (by UID, in the working state) with its full size but not journaled (the run
   * was killed between writing it and its journal line) is complete; it is hashed locally and
   * journaled instead of being downloaded again. A shorter file is fetched again.
   */
  adoptFiles?: boolean;
  /**
   * Journals finished messages (their files are complete on disk), in order; `adopted` when they
   * were found on disk rather than downloaded. The next batch is fetched meanwhile.
   */
  record: (entries: MessageEntry[], adopted: boolean) => Promise<void>;
  /** Messages of the plan that are gone from the server (expunged during the export). */
  onVanished: (count: number) => void;
}

/** What is fetched about each message before its bytes (for the index and mailbag.csv). */
export const META_QUERY = {
  uid: true,
  flags: true,
  internalDate: true,
  size: true,
  envelope: true,
  bodyStructure: true,
} as const;

export async function fetchTask(client: ImapFlow, task: ExportTask, ctx: TaskContext): Promise<void> {
  const limits = ctx.limits ?? DEFAULT_FETCH_LIMITS;
  const { folder } = task;
  checkAbort(ctx.signal);
  if (client.mailbox === false || client.mailbox.path !== folder.path) {
    await client.mailboxOpen(folder.path, { readOnly: true });
  }
  const box = client.mailbox;
  if (box === false || String(box.uidValidity) !== folder.uidValidity) {
    throw new AppError('VALIDATION', `folder "${folder.path}": UIDVALIDITY changed during the export`, {
      messageVi: `Thư mục "${folder.path}" đã bị tạo lại trên máy chủ trong khi xuất. Hãy xuất lại vào một thư mục mới.`,
    });
  }
  const meta = await client.fetchAll(task.range, META_QUERY, { uid: true });
  if (meta.length < task.messages) ctx.onVanished(task.messages - meta.length);
  let todo = meta.filter((m) => !ctx.done.has(m.uid));
  await mkdir(join(ctx.bagDir, stagedEmlPath(folder.id, 1), '..'), { recursive: true });
  if (ctx.adoptFiles) todo = await adopt(task, todo, ctx);

  // While one batch is made durable and journaled, the connection already fetches the next.
  let committing: Promise<void> = Promise.resolve();
  const commitLater = (written: MessageEntry[]) => {
    const prev = committing;
    committing = prev.then(() => commit(written, ctx));
    committing.catch(() => undefined); // awaited below; this only marks it handled meanwhile
  };

  // Small messages go in size-capped batches; a large one alone, in chunks.
  let batch: FetchMessageObject[] = [];
  let batchBytes = 0;
  const flush = async () => {
    if (batch.length === 0) return;
    const b = batch;
    batch = [];
    batchBytes = 0;
    commitLater(await fetchBatch(client, task, b, ctx));
  };
  for (const m of todo) {
    const size = m.size ?? 0;
    if (size > limits.largeMessage) {
      await flush();
      const one = await fetchLarge(client, task, m, ctx, limits.chunk);
      if (one) commitLater([one]);
      continue;
    }
    if (batch.length > 0 && batchBytes + size > limits.batchBytes) await flush();
    batch.push(m);
    batchBytes += size;
  }
  await flush();
  await committing;
}

/** Journals the complete files a killed run left unjournaled; returns the messages still to fetch. */
async function adopt(task: ExportTask, todo: FetchMessageObject[], ctx: TaskContext): Promise<FetchMessageObject[]> {
  const left: FetchMessageObject[] = [];
  const adopted: MessageEntry[] = [];
  for (const m of todo) {
    const final = join(ctx.bagDir, stagedEmlPath(task.folder.id, m.uid));
    const size = await stat(final).then(
      (st) => st.size,
      () => -1,
    );
    // RFC822.SIZE is the size of BODY[]: a file of another size is not that message.
    if (size < 0 || size !== m.size) {
      left.push(m);
      continue;
    }
    adopted.push(entryFor(m, await digestFile(final)));
  }
  if (adopted.length > 0) await ctx.record(adopted, true);
  return left;
}

/** Bytes handed to the writer thread at a time while a batch streams in. */
const WRITER_HANDOFF_BYTES = 1024 * 1024;
/** Bytes waiting for the writer (all connections) before a connection holds off reading. */
const WRITER_QUEUE_BYTES = 4 * 1024 * 1024;

/** Downloads a batch; the writer thread writes and hashes its files meanwhile. */
async function fetchBatch(
  client: ImapFlow,
  task: ExportTask,
  metas: FetchMessageObject[],
  ctx: TaskContext,
): Promise<MessageEntry[]> {
  checkAbort(ctx.signal);
  const byUid = new Map(metas.map((m) => [m.uid, m]));
  const got: FetchMessageObject[] = [];
  const digests: Promise<FileDigest[]>[] = [];
  let files: MessageFile[] = [];
  let bytes = 0;
  const handOver = () => {
    const d = ctx.writer.write(files);
    d.catch(() => undefined); // awaited below, after the fetch
    digests.push(d);
    files = [];
    bytes = 0;
  };
  try {
    for await (const msg of client.fetch(
      metas.map((m) => m.uid).join(','),
      { uid: true, source: true },
      { uid: true },
    )) {
      const meta = byUid.get(msg.uid);
      if (!meta || !msg.source) continue;
      byUid.delete(msg.uid); // a UID the server repeats is written once
      got.push(meta);
      files.push({ path: join(ctx.bagDir, stagedEmlPath(task.folder.id, msg.uid)), bytes: msg.source });
      bytes += msg.source.length;
      if (bytes >= WRITER_HANDOFF_BYTES) {
        handOver();
        await ctx.writer.room(WRITER_QUEUE_BYTES);
      }
    }
  } finally {
    // Even when the fetch fails, what was handed over is waited for: no file is left half written.
    if (files.length > 0) handOver();
    await Promise.allSettled(digests);
  }
  const written = (await Promise.all(digests)).flat();
  if (got.length < metas.length) ctx.onVanished(metas.length - got.length);
  return got.map((meta, i) => entryFor(meta, written[i] as FileDigest));
}

/** Streams one large message into its file in partial chunks (bounded memory). */
async function fetchLarge(
  client: ImapFlow,
  task: ExportTask,
  meta: FetchMessageObject,
  ctx: TaskContext,
  chunk: number,
): Promise<MessageEntry | null> {
  const final = join(ctx.bagDir, stagedEmlPath(task.folder.id, meta.uid));
  const a = createHash('sha256');
  const b = createHash('sha512');
  let size = 0;
  const handle = await open(final, 'w');
  try {
    for (;;) {
      checkAbort(ctx.signal);
      const part = await client.fetchOne(
        String(meta.uid),
        { uid: true, source: { start: size, maxLength: chunk } },
        { uid: true },
      );
      const bytes = part ? part.source : undefined;
      if (!bytes) {
        if (size === 0) {
          ctx.onVanished(1);
          return null;
        }
        break;
      }
      await handle.write(bytes);
      a.update(bytes);
      b.update(bytes);
      size += bytes.length;
      // Short chunk: the end. A server that ignores the partial range sends all at once (longer).
      if (bytes.length !== chunk) break;
    }
    if (ctx.writer.fsync) await handle.datasync();
  } finally {
    await handle.close();
  }
  return entryFor(meta, { size, sha256: a.digest('hex'), sha512: b.digest('hex') });
}

/** Appends a batch's journal lines (fdatasync'd): a journal line always follows its complete file. */
async function commit(written: MessageEntry[], ctx: TaskContext): Promise<void> {
  if (written.length > 0) await ctx.record(written, false);
}

function entryFor(meta: FetchMessageObject, digest: { size: number; sha256: string; sha512: string }): MessageEntry {
  // \Recent belongs to the IMAP session, not to the message: it would differ between runs.
  const all = [...(meta.flags ?? new Set<string>())].filter((f) => f.toLowerCase() !== '\\recent');
  const env = meta.envelope;
  const internal = meta.internalDate instanceof Date ? meta.internalDate : null;
  return {
    uid: meta.uid,
    size: digest.size,
    sha256: digest.sha256,
    sha512: digest.sha512,
    flags: all.filter((f) => f.startsWith('\\')).sort(),
    keywords: all.filter((f) => !f.startsWith('\\')).sort(),
    internalDate: internal ? rfc3339(internal) : typeof meta.internalDate === 'string' ? meta.internalDate : '',
    modseq: meta.modseq !== undefined ? String(meta.modseq) : null,
    messageId: env?.messageId ?? '',
    date: env?.date instanceof Date && !Number.isNaN(env.date.getTime()) ? rfc3339(env.date) : '',
    from: formatAddresses(env?.from),
    to: formatAddresses(env?.to),
    cc: formatAddresses(env?.cc),
    bcc: formatAddresses(env?.bcc),
    subject: env?.subject ?? '',
    contentType: meta.bodyStructure?.type ?? '',
    attachments: meta.bodyStructure ? attachmentNames(meta.bodyStructure).length : 0,
  };
}

function formatAddresses(list: MessageAddressObject[] | undefined): string {
  return (list ?? [])
    .map((a) => (a.name ? `${a.name} <${a.address ?? ''}>` : (a.address ?? '')))
    .filter(Boolean)
    .join(', ');
}

export function checkAbort(signal: AbortSignal | undefined): void {
  if (signal?.aborted) throw new AppError('CANCELLED', 'export cancelled; run it again to resume');
}
