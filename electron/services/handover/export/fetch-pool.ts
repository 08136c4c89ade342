// Runs the export's fetch tasks on a pool of IMAP connections: either in this thread, or in
// fetch threads (fetch-worker.ts) that each own some of the connections. Either way the tasks
// are handed out one at a time, a dropped connection is replaced and its task run again, and
// every finished message is journaled here, in this thread, after its file is complete.
import { Worker } from 'node:worker_threads';
import type { ImapFlow } from 'imapflow';
import { AppError, isAppError } from '../../errors/app-error.ts';
import type { ImapCredentials } from '../../imap/imap-connection.ts';
import { threadCrashed } from '../../workers/thread-error.ts';
import type { MessageEntry } from './message-entry.ts';
import { checkAbort, fetchTask } from './fetch-messages.ts';
import { MessageFileWriter } from './message-file-writer.ts';
import type { FetchWorkerCommand, FetchWorkerInput, FetchWorkerMessage } from './fetch-worker-protocol.ts';
import type { ExportTask } from './plan.ts';

/** Attempts per task when a connection drops (each on a fresh connection). */
const TASK_ATTEMPTS = 3;

export interface PoolJob {
  bagDir: string;
  tasks: ExportTask[];
  /** Journaled UIDs per folder id (updated as messages are journaled). */
  done: Map<string, Set<number>>;
  adoptFiles: boolean;
  fsync: boolean;
  signal?: AbortSignal | undefined;
  /** Journals finished messages of a task (durably) and counts them. */
  journal: (task: ExportTask, entries: MessageEntry[], adopted: boolean) => Promise<void>;
  vanished: (count: number) => void;
}

/** One place a task can run: a connection of this thread, or a slot of a fetch thread. */
type Lane = (task: ExportTask) => Promise<void>;

/** Hands the tasks out to the lanes; a lane whose connection failed gets its task again. */
async function drain(lanes: Lane[], job: PoolJob): Promise<void> {
  let next = 0;
  let failure: unknown = null;
  const work = async (lane: Lane) => {
    while (failure === null && next < job.tasks.length) {
      const task = job.tasks[next++] as ExportTask;
      for (let attempt = 1; ; attempt++) {
        try {
          await lane(task);
          break;
        } catch (e) {
          checkAbort(job.signal);
          if (isAppError(e) || attempt >= TASK_ATTEMPTS) throw e;
        }
      }
    }
  };
  await Promise.all(
    lanes.map((lane) =>
      work(lane).catch((e) => {
        failure ??= e;
      }),
    ),
  );
  if (failure !== null) throw failure;
}

const doneOf = (job: PoolJob, task: ExportTask) => job.done.get(task.folder.id) ?? new Set<number>();

/** The pool in this thread, on already open connections; `connect` replaces a dropped one. */
export async function runInThread(clients: ImapFlow[], connect: () => Promise<ImapFlow>, job: PoolJob): Promise<void> {
  const writer = new MessageFileWriter(job.fsync);
  const lanes = clients.map((initial): Lane => {
    let client = initial;
    let broken = false;
    return async (task) => {
      if (broken) {
        client.close();
        client = await connect();
        broken = false;
      }
      try {
        await fetchTask(client, task, {
          bagDir: job.bagDir,
          done: doneOf(job, task),
          signal: job.signal,
          writer,
          adoptFiles: job.adoptFiles,
          record: (entries, adopted) => job.journal(task, entries, adopted),
          onVanished: job.vanished,
        });
      } catch (e) {
        broken = !isAppError(e);
        throw e;
      }
    };
  });
  try {
    await drain(lanes, job);
  } finally {
    await writer.close();
  }
}

export interface FetchThreadsOptions {
  /** fetch-worker.ts, or its built .js. */
  workerUrl: URL;
  imap: ImapCredentials;
  /** IMAP connections in all, shared out among the threads. */
  connections: number;
  threads: number;
  /**
   * Young generation of each fetch thread. The transfer makes garbage at line speed; V8 would
   * grow a thread's young generation to 64 MB, never to give it back, where 16 MB costs no time.
   */
  youngGenerationMb?: number;
}

/** The pool in fetch threads. */
export async function runInThreads(o: FetchThreadsOptions, job: PoolJob): Promise<void> {
  const threads: FetchThread[] = [];
  const perThread = Array.from(
    { length: o.threads },
    (_, i) => Math.floor(o.connections / o.threads) + (i < o.connections % o.threads ? 1 : 0),
  ).filter((n) => n > 0);
  const onAbort = () => {
    for (const t of threads) t.cancel();
  };
  job.signal?.addEventListener('abort', onAbort);
  try {
    for (const connections of perThread) {
      const input: FetchWorkerInput = {
        imap: o.imap,
        bagDir: job.bagDir,
        connections,
        adoptFiles: job.adoptFiles,
        fsync: job.fsync,
      };
      threads.push(new FetchThread(o.workerUrl, input, o.youngGenerationMb ?? 16, job));
    }
    const ready = await Promise.allSettled(threads.map((t) => t.ready));
    const lanes: Lane[] = [];
    ready.forEach((r, i) => {
      const t = threads[i] as FetchThread;
      if (r.status === 'fulfilled') for (let slot = 0; slot < r.value; slot++) lanes.push((task) => t.run(slot, task));
    });
    checkAbort(job.signal);
    if (lanes.length === 0) throw (ready.find((r) => r.status === 'rejected') as PromiseRejectedResult).reason;
    await drain(lanes, job);
    await Promise.all(threads.map((t) => t.close()));
  } finally {
    job.signal?.removeEventListener('abort', onAbort);
    await Promise.all(threads.map((t) => t.terminate()));
  }
}

interface Running {
  task: ExportTask;
  /** Journal appends of this task, in order. */
  journaled: Promise<void>;
  resolve: () => void;
  reject: (e: unknown) => void;
}

class FetchThread {
  readonly ready: Promise<number>;
  private readonly worker: Worker;
  private readonly running = new Map<number, Running>();
  private readonly exited: Promise<void>;
  private nextId = 0;
  private dead: Error | null = null;
  private readonly job: PoolJob;

  constructor(url: URL, input: FetchWorkerInput, youngGenerationMb: number, job: PoolJob) {
    this.job = job;
    this.worker = new Worker(url, {
      workerData: input,
      resourceLimits: { maxYoungGenerationSizeMb: youngGenerationMb },
    });
    let started: (slots: number) => void = () => undefined;
    let failed: (e: unknown) => void = () => undefined;
    this.ready = new Promise<number>((resolve, reject) => {
      started = resolve;
      failed = reject;
    });
    this.ready.catch(() => undefined);
    this.worker.on('message', (m: FetchWorkerMessage) => {
      if (m.type === 'ready') started(m.slots);
      else if (m.type === 'failed') failed(AppError.fromPayload(m.error));
      else this.onTaskMessage(m);
    });
    const die = (e: Error) => {
      this.dead ??= e;
      failed(e);
      for (const r of this.running.values()) r.reject(e);
      this.running.clear();
    };
    // A thread that dies (an uncaught error, out of memory, terminated) fails the tasks it held.
    this.worker.on('error', (e) => die(threadCrashed('fetch', e)));
    this.exited = new Promise((resolve) =>
      this.worker.once('exit', (code) => {
        die(threadCrashed('fetch', new Error(`exited with code ${code}`)));
        resolve();
      }),
    );
  }

  run(slot: number, task: ExportTask): Promise<void> {
    if (this.dead) return Promise.reject(this.dead);
    const taskId = this.nextId++;
    const [first, last] = task.range.split(':').map(Number) as [number, number?];
    const done = [...doneOf(this.job, task)].filter((uid) => uid >= first && uid <= (last ?? first));
    return new Promise<void>((resolve, reject) => {
      this.running.set(taskId, { task, journaled: Promise.resolve(), resolve, reject });
      this.send({ type: 'task', taskId, slot, task, done });
    });
  }

  private onTaskMessage(m: Exclude<FetchWorkerMessage, { type: 'ready' | 'failed' }>): void {
    const r = this.running.get(m.taskId);
    if (!r) return;
    switch (m.type) {
      case 'entries': {
        const { task } = r;
        r.journaled = r.journaled.then(() => this.job.journal(task, m.entries, m.adopted));
        r.journaled.catch(() => undefined); // reported when the task ends
        break;
      }
      case 'vanished':
        this.job.vanished(m.count);
        break;
      case 'task-done':
        this.running.delete(m.taskId);
        r.journaled.then(r.resolve, r.reject);
        break;
      case 'task-failed': {
        this.running.delete(m.taskId);
        const error = AppError.fromPayload(m.error);
        // A connection failure stays a plain Error so that the pool runs the task again.
        r.journaled.then(() => r.reject(m.retryable ? new Error(error.detail) : error), r.reject);
        break;
      }
    }
  }

  cancel(): void {
    this.send({ type: 'cancel' });
  }

  /** Logs out and waits for the thread to end. */
  async close(): Promise<void> {
    this.send({ type: 'close' });
    await this.exited;
  }

  async terminate(): Promise<void> {
    await this.worker.terminate();
    await this.exited;
  }

  private send(c: FetchWorkerCommand): void {
    if (!this.dead) this.worker.postMessage(c);
  }
}
