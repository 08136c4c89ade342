// Worker-thread entry: fetches export tasks on its own IMAP connections, its message files
// written and hashed by a writer thread of its own, so that the parsing, hashing and file writes
// of several connections run beside the main thread (which journals what this thread reports).
import { parentPort, workerData } from 'node:worker_threads';
import type { ImapFlow } from 'imapflow';
import { isAppError, toAppError } from '../../errors/app-error.ts';
import { connectImap } from '../../imap/imap-connection.ts';
import { fetchTask } from './fetch-messages.ts';
import { MessageFileWriter } from './message-file-writer.ts';
import type { FetchWorkerCommand, FetchWorkerInput, FetchWorkerMessage } from './fetch-worker-protocol.ts';

const input = workerData as FetchWorkerInput;
if (!parentPort) throw new Error('fetch-worker.ts runs only as a worker thread');
const port = parentPort;
const post = (m: FetchWorkerMessage) => port.postMessage(m);
const controller = new AbortController();
const slots: (ImapFlow | null)[] = [];
// One writer thread for the connections of this thread.
const writer = new MessageFileWriter(input.fsync);

async function start(): Promise<void> {
  const opened = await Promise.allSettled(Array.from({ length: input.connections }, () => connectImap(input.imap)));
  for (const r of opened) if (r.status === 'fulfilled') slots.push(r.value);
  const failure = opened.find((r) => r.status === 'rejected');
  if (slots.length === 0) {
    post({ type: 'failed', error: toAppError(failure?.reason).toPayload() });
    port.close();
    return;
  }
  post({ type: 'ready', slots: slots.length });
}

async function runTask(c: Extract<FetchWorkerCommand, { type: 'task' }>): Promise<void> {
  let client = slots[c.slot] ?? null;
  try {
    if (!client || !client.usable) {
      client?.close();
      client = await connectImap(input.imap);
      slots[c.slot] = client;
    }
    await fetchTask(client, c.task, {
      bagDir: input.bagDir,
      done: new Set(c.done),
      signal: controller.signal,
      writer,
      adoptFiles: input.adoptFiles,
      ...(input.limits ? { limits: input.limits } : {}),
      record: async (entries, adopted) => post({ type: 'entries', taskId: c.taskId, entries, adopted }),
      onVanished: (count) => post({ type: 'vanished', taskId: c.taskId, count }),
    });
    post({ type: 'task-done', taskId: c.taskId });
  } catch (e) {
    // An AppError is about the data or the account (or a cancel): running it again would not help.
    const retryable = !isAppError(e) && !controller.signal.aborted;
    if (retryable) {
      client?.close();
      slots[c.slot] = null;
    }
    post({ type: 'task-failed', taskId: c.taskId, error: toAppError(e).toPayload(), retryable });
  }
}

async function close(): Promise<void> {
  await Promise.all(slots.map((c) => c?.logout().catch(() => c.close())));
  await writer.close();
  port.close();
}

port.on('message', (c: FetchWorkerCommand) => {
  switch (c.type) {
    case 'task':
      void runTask(c);
      break;
    case 'cancel':
      controller.abort();
      for (const s of slots) s?.close();
      break;
    case 'close':
      void close();
      break;
  }
});
await start();
