// A stand-in for fetch-worker.ts whose thread dies mid-task: it offers two slots, takes a task
// on each, and exits without answering either (as a thread that crashes or runs out of memory).
import { parentPort } from 'node:worker_threads';
import type {
  FetchWorkerCommand,
  FetchWorkerMessage,
} from '../../electron/services/handover/export/fetch-worker-protocol.ts';

if (!parentPort) throw new Error('dying-fetch-worker.ts runs only as a worker thread');
const port = parentPort;
let tasks = 0;
port.on('message', (c: FetchWorkerCommand) => {
  if (c.type === 'task' && ++tasks === 2) process.exit(70);
});
port.postMessage({ type: 'ready', slots: 2 } satisfies FetchWorkerMessage);
