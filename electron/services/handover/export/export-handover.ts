// The outgoing head's export: a read-only snapshot of the unit mailbox written as a signed
// BagIt/Mailbag bag, resumable after a crash. See export-state.ts for the crash-safety rules
// and finalize.ts for what is written after the messages.
import { randomUUID } from 'node:crypto';
import { mkdir, readdir, rename, rm, stat } from 'node:fs/promises';
import { basename, dirname, join, resolve, sep } from 'node:path';
import type { ImapFlow } from 'imapflow';
import type { HandoverProgress } from '../../../../shared/handover.ts';
import { envelopeFor } from '../../cms/cms.ts';
import { AppError } from '../../errors/app-error.ts';
import type { Signer } from '../../identity/signer.ts';
import type { RecordParty, HandoverRecord } from '../record/record-types.ts';
import { STATE_DIR, stagedEmlPath } from '../bag/bag-layout.ts';
import { rfc3339 } from '../bag/time.ts';
import { ExportState, fileError } from './export-state.ts';
import { checkAbort } from './fetch-messages.ts';
import { runInThread, runInThreads, type PoolJob } from './fetch-pool.ts';
import { finalizeBag, type RegisterFile } from './finalize.ts';
import { planFolder, type ExportTask } from './plan.ts';
import { placeMessages, planPlacement, undoPlacement } from './placement.ts';
import { readRecordRegisters } from './record-registers.ts';
import type { ImapCredentials } from '../../imap/imap-connection.ts';
import { flushToDisk } from './flush.ts';
import { ProgressMeter } from './progress.ts';
import { currentStatus, snapshotChanges, takeSnapshot, withDirs, type FolderSnapshot } from './snapshot.ts';
import type { Clock } from '../../clock/clock.ts';

export interface ExportOptions {
  /** The export's "now": snapshot times, the record's date, signing times, certificate validity. */
  clock: Clock;
  /** Opens a new authenticated client (called once per connection, and again to replace a dropped one). */
  connect: () => Promise<ImapFlow>;
  /** The unit mailbox address. */
  mailbox: string;
  /** The bag directory: created, or resumed when an earlier run left its state there. */
  outDir: string;
  /** Also write `<outDir>.tar` (uncompressed, pax, one base directory). */
  tar?: boolean;
  signer: Signer;
  /** DER certificate of the incoming head: the credential is sealed to it. */
  recipientCertificate: Uint8Array;
  /** Bytes sealed into handover/credential.p7m; only ever passed to the CMS envelope. */
  credential: Uint8Array;
  parties: {
    unit: string;
    place: string;
    outgoing: RecordParty;
    incoming: RecordParty;
    witness: { name: string } | null;
  };
  registers: RegisterFile[];
  openDirectives: number | null;
  fontsDir: string;
  /** IMAP connections fetching in parallel (default 4, see DEFAULT_CONNECTIONS). */
  connections?: number;
  /**
   * Fetch in worker threads (fetch-worker.ts) that open their own connections with these
   * credentials; without it every connection is served by this thread. Either way the message
   * files are written and hashed by a writer thread (message-file-writer.ts).
   */
  fetchThreads?: { workerUrl: URL; imap: ImapCredentials; threads?: number };
  /**
   * fdatasync each message before journaling it (default false: the payload is flushed once when
   * all messages are in, and a resume re-hashes journaled files, so a torn file is fetched again).
   */
  fsync?: boolean;
  /** App version, written to bag-info.txt. */
  softwareVersion?: string;
  /** The IMAP login and server the mailbox is captured from (bag-info IMAP-User, IMAP-Host). */
  imapSource?: { user: string; host: string };
  signal?: AbortSignal;
  onProgress?: (p: HandoverProgress) => void;
}

export interface ExportResult {
  bagDir: string;
  tarPath?: string;
  messages: number;
  bytes: number;
  payloadOxum: string;
  tagmanifestSha256: string;
  /** UIDVALIDITY, UIDNEXT and HIGHESTMODSEQ of every folder unchanged from start to end. */
  consistent: boolean;
  changes: string[];
  record: HandoverRecord;
  /** Messages found complete from an earlier, interrupted run (not downloaded again). */
  resumed: number;
  durationMs: number;
}

/**
 * Enough connections to hide the round trips: past four the server and the hashing are the limit,
 * not the round trips (figures: BENCHMARKS.md, "Design measurements").
 */
export const DEFAULT_CONNECTIONS = 4;
const MAX_CONNECTIONS = 8;
/** Fetch threads when `fetchThreads` does not say: the connections are shared out among them. */
export const DEFAULT_FETCH_THREADS = 2;

export async function exportHandover(o: ExportOptions): Promise<ExportResult> {
  const started = performance.now();
  const bagDir = resolve(o.outDir);
  const connections = o.connections ?? DEFAULT_CONNECTIONS;
  if (!Number.isInteger(connections) || connections < 1 || connections > MAX_CONNECTIONS)
    throw new AppError('VALIDATION', `connections must be 1..${MAX_CONNECTIONS}`);
  if (!o.signer.certificateChain[0]) throw new AppError('IDENTITY_MISSING', 'the signer has no certificate');
  // Fail before hours of download if the recipient's certificate cannot receive the credential.
  await envelopeFor(new Uint8Array(0), o.recipientCertificate, { now: o.clock.now() });

  const state = new ExportState(bagDir);
  const resuming = await prepareDirectory(bagDir, state);
  const meter = new ProgressMeter(o.onProgress);
  meter.setPhase('snapshot');

  const clients = new Set<ImapFlow>();
  const connect = async () => {
    const c = await o.connect();
    clients.add(c);
    return c;
  };
  const closeAll = () => {
    for (const c of clients) c.close();
  };
  const onAbort = () => closeAll();
  o.signal?.addEventListener('abort', onAbort);
  const cancelled = () => checkAbort(o.signal);
  try {
    cancelled();
    const first = await connect();
    let snap = resuming ? await state.loadSnapshot() : null;
    if (snap && snap.mailbox.toLowerCase() !== o.mailbox.toLowerCase()) {
      throw new AppError('FILE_ERROR', `${bagDir} holds an unfinished export of ${snap.mailbox}`, {
        messageVi: `Thư mục ${bagDir} đang chứa bản xuất dở dang của hộp thư ${snap.mailbox}. Hãy chọn thư mục khác.`,
      });
    }
    if (!snap) {
      snap = {
        format: 'unit-mailbox-export-state/1',
        exportId: randomUUID(),
        mailbox: o.mailbox,
        startedAt: rfc3339(o.clock.now()),
        folders: await takeSnapshot(first),
      };
      await state.begin(snap);
    }
    // A snapshot written before folders had directories gets them now (the same for every run).
    const folders = snap.folders.some((f) => !f.dir) ? withDirs(snap.folders) : snap.folders;
    if (resuming) await undoPlacement(bagDir);
    const threaded = o.fetchThreads;
    const others = threaded
      ? Promise.resolve([])
      : Promise.allSettled(Array.from({ length: connections - 1 }, () => connect()));

    // Resume: what is already on disk and proven by the journal is not fetched again.
    const done = new Map<string, Set<number>>();
    let resumed = 0;
    for (const f of folders) {
      const set = resuming
        ? await state.verifiedDone(f.id, (uid) => join(bagDir, stagedEmlPath(f.id, uid)))
        : new Set<number>();
      done.set(f.id, set);
      resumed += set.size;
    }
    // Planning reads every folder's UIDs and sizes: the fetching connections share it out.
    const workers = [first];
    for (const r of await others) if (r.status === 'fulfilled') workers.push(r.value);
    const planned: ExportTask[][] = [];
    let nextFolder = 0;
    await Promise.all(
      workers.map(async (client) => {
        while (nextFolder < folders.length) {
          const k = nextFolder++;
          const f = folders[k] as FolderSnapshot;
          cancelled();
          meter.setPhase('snapshot', f.path);
          planned[k] = await planFolder(client, f, done.get(f.id) as Set<number>);
        }
      }),
    );
    const tasks = planned.flat();
    const sum = (pick: (t: ExportTask) => number) => tasks.reduce((n, t) => n + pick(t), 0);
    meter.setTotals(
      sum((t) => t.messages),
      sum((t) => t.bytes),
      { messages: sum((t) => t.done), bytes: sum((t) => t.doneBytes) },
    );

    meter.setPhase('messages');
    let vanished = 0;
    const job: PoolJob = {
      bagDir,
      tasks,
      done,
      adoptFiles: resuming,
      fsync: o.fsync === true,
      signal: o.signal,
      journal: async (task, entries, adopted) => {
        await state.append(task.folder.id, entries);
        const set = done.get(task.folder.id) as Set<number>;
        for (const e of entries) {
          set.add(e.uid);
          if (adopted) {
            resumed += 1;
            meter.reused(e.size, task.folder.path);
          } else meter.message(e.size, task.folder.path);
        }
      },
      vanished: (count) => {
        vanished += count;
        meter.vanished(count);
      },
    };
    if (threaded) {
      // The threads open their own connections; this one would only idle until the end.
      await first.logout().catch(() => first.close());
      clients.delete(first);
      await runInThreads(
        {
          workerUrl: threaded.workerUrl,
          imap: threaded.imap,
          connections,
          threads: Math.min(connections, threaded.threads ?? DEFAULT_FETCH_THREADS),
        },
        job,
      );
    } else {
      await runInThread(workers, connect, job);
    }
    await state.closeJournals();
    cancelled();
    // From here `done` holds exactly the journaled UIDs of each folder (nothing else adds to it).
    // The payload goes to disk while the indexes and the seal are made: that flush waits on the
    // disk, they on the CPU.
    // Their files are not fsync'd one by one (the first fsync would wait for all the payload);
    // a second flush covers them. The bag counts as complete only after both: a crash before
    // that resumes, re-hashes every journaled file and writes the indexes and the seal again.
    // The files get their Mailbag-Message-IDs as names now that all are in.
    const placement = planPlacement(folders, done);
    const placed = await placeMessages(bagDir, folders, done, placement);
    const deferFlush = o.fsync !== true;
    const payloadDurable = deferFlush ? flushToDisk(bagDir, async () => placed) : Promise.resolve();
    payloadDurable.catch(() => undefined); // awaited below; an export failing before that reports its own error

    // Prove the snapshot: the same LIST-STATUS again, compared with the start.
    const endClient = [...clients].find((c) => c.usable) ?? (await connect());
    const end = await currentStatus(endClient);
    const finishedAt = rfc3339(o.clock.now());
    // The ledger and the audit as they stand at the end of the snapshot, chains checked.
    const records = await readRecordRegisters(endClient, o.mailbox, o.clock.now());
    const exported = new Map<string, number>();
    for (const f of folders) exported.set(f.id, done.get(f.id)?.size ?? 0);
    const changes = snapshotChanges(folders, end, exported);
    if (vanished > 0) changes.push(`${vanished} messages were removed from the server while they were being exported`);
    for (const c of clients) await c.logout().catch(() => c.close());
    clients.clear();

    meter.setPhase('indexes');
    const fin = await finalizeBag({
      bagDir,
      state,
      exportId: snap.exportId,
      mailbox: o.mailbox,
      folders,
      journaled: done,
      placement,
      end,
      startedAt: snap.startedAt,
      finishedAt,
      changes,
      clock: o.clock,
      signer: o.signer,
      recipientCertificate: o.recipientCertificate,
      credential: o.credential,
      parties: o.parties,
      registers: o.registers,
      records,
      openDirectives: o.openDirectives,
      fontsDir: o.fontsDir,
      softwareVersion: o.softwareVersion,
      imapSource: o.imapSource,
      syncEachFile: !deferFlush,
      checkpoint: cancelled,
      onSeal: () => meter.setPhase('seal'),
    });

    let tarPath: string | undefined;
    if (o.tar) {
      meter.setPhase('tar');
      tarPath = await writeTar(bagDir);
    }
    if (deferFlush) {
      await payloadDurable;
      await flushToDisk(bagDir, () => filesOutsidePayload(bagDir));
    }
    // Last: the bag is complete only once its working state is gone.
    await state.remove();
    meter.setPhase('done');
    const result: ExportResult = {
      bagDir,
      messages: fin.messages,
      bytes: fin.bytes,
      payloadOxum: fin.payloadOxum,
      tagmanifestSha256: fin.tagmanifestSha256,
      consistent: changes.length === 0,
      changes,
      record: fin.record,
      resumed,
      durationMs: Math.round(performance.now() - started),
    };
    if (tarPath) result.tarPath = tarPath;
    return result;
  } catch (e) {
    if (o.signal?.aborted) throw new AppError('CANCELLED', 'export cancelled; run it again to resume', { cause: e });
    throw e;
  } finally {
    o.signal?.removeEventListener('abort', onAbort);
    await state.closeJournals().catch(() => undefined);
    closeAll();
  }
}

/** True when an unfinished export is there to resume; refuses a directory holding anything else. */
async function prepareDirectory(bagDir: string, state: ExportState): Promise<boolean> {
  let entries: string[];
  try {
    entries = await readdir(bagDir);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'ENOENT') throw fileError(`cannot read ${bagDir}`, e);
    try {
      await mkdir(bagDir, { recursive: true });
    } catch (err) {
      throw fileError(`cannot create ${bagDir}`, err);
    }
    return false;
  }
  if (entries.includes(STATE_DIR)) {
    if (await state.loadSnapshot().catch(() => null)) return true;
    // Killed before its snapshot was written: nothing was fetched yet, start afresh.
    if (entries.length === 1) {
      await state.remove();
      return false;
    }
  }
  if (entries.length === 0) return false;
  throw new AppError('FILE_ERROR', `${bagDir} is not empty and holds no unfinished export`, {
    messageVi: `Thư mục ${bagDir} đã có dữ liệu (không phải bản xuất dở dang). Hãy chọn một thư mục trống hoặc chưa tồn tại.`,
  });
}

/** The bag's files other than the messages (indexes, registers, record, seal), for flushToDisk. */
async function filesOutsidePayload(bagDir: string): Promise<string[]> {
  const eml = join(bagDir, 'data', 'eml');
  const entries = await readdir(bagDir, { recursive: true, withFileTypes: true });
  return entries
    .filter((e) => e.isFile() && !join(e.parentPath, e.name).startsWith(`${eml}${sep}`))
    .map((e) => join(e.parentPath, e.name));
}

/** `<bag>.tar`: uncompressed, one base directory, without the working state; written then renamed. */
async function writeTar(bagDir: string): Promise<string> {
  const tarPath = `${bagDir}.tar`;
  const part = `${tarPath}.part`;
  const base = basename(bagDir);
  try {
    const { create: createTar } = await import('tar');
    await createTar(
      {
        file: part,
        cwd: dirname(bagDir),
        portable: true,
        filter: (path) => !path.split('/').includes(STATE_DIR),
        // `portable` drops a directory's mtime (it reads 1970 in `tar -tv` and on extraction);
        // the directories keep their real dates like the files do.
        onWriteEntry: (entry) => {
          if (entry.type === 'Directory') entry.noMtime = false;
        },
      },
      [base],
    );
    await rename(part, tarPath);
  } catch (e) {
    await rm(part, { force: true });
    throw fileError(`cannot write ${tarPath}`, e);
  }
  await stat(tarPath);
  return tarPath;
}
