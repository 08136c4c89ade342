// A worker thread that dies mid-task fails the tasks it held with a typed error (AppError with a
// Vietnamese message) instead of leaving its caller waiting forever. Each thread is stopped
// while it is provably inside a task: blocked on a FIFO the test holds the other end of.
import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { closeSync, constants, openSync, readSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { digestBytes } from '../../electron/services/handover/bag/file-hash.ts';
import { HashPool } from '../../electron/services/handover/bag/hash-pool.ts';
import { runInThreads, type PoolJob } from '../../electron/services/handover/export/fetch-pool.ts';
import { MessageFileWriter } from '../../electron/services/handover/export/message-file-writer.ts';
import type { ExportTask } from '../../electron/services/handover/export/plan.ts';
import { tempDir } from '../support/temp-dir.ts';

const tmp = tempDir('um-crash-');
afterAll(() => tmp.cleanup());

// A thread that starts slowly on a loaded machine still gets there; the test waits for it.
const UNTIL = { timeout: 30_000, interval: 5 };
const TEST_TIMEOUT = 60_000;

function fifo(name: string): string {
  const path = join(tmp.dir, name);
  execFileSync('mkfifo', [path]);
  return path;
}

const crashed = (thread: string, messageVi: string) => ({
  code: 'INTERNAL',
  data: { thread, state: 'crashed' },
  messageVi: expect.stringContaining(messageVi) as unknown,
});

describe('a worker thread that dies mid-task', () => {
  it(
    'fails the hashing batches its thread held with a typed error, and the pool hashes on',
    async () => {
      const file = join(tmp.dir, 'a.eml');
      writeFileSync(file, 'Nội dung thư');
      const want = digestBytes(Buffer.from('Nội dung thư'));
      const pipe = fifo('hash.fifo');
      const pool = new HashPool(1);
      try {
        // The one thread holds two batches: the one it is in, and the next.
        const stuck = pool.digest([file, pipe]);
        const held = pool.digest([file]);
        const queued = pool.digest([file]);
        // Opening the FIFO's write end succeeds (without waiting) only once the thread is opening
        // its read end: it is then in the middle of the first batch.
        const writeEnd = await vi.waitFor(() => openSync(pipe, constants.O_WRONLY | constants.O_NONBLOCK), UNTIL);
        expect(pool.workers).toHaveLength(1);
        const stopped = pool.workers[0]?.terminate();
        closeSync(writeEnd); // its read returns (end of file), and the thread stops there
        await stopped;
        const error = crashed('hash', 'Luồng tính mã băm dừng đột ngột');
        await expect(stuck).rejects.toMatchObject(error);
        await expect(held).rejects.toMatchObject(error);
        // The batch still waiting in the pool, and the next one, run on the thread piscina starts instead.
        expect(await queued).toEqual([want]);
        expect(await pool.digest([file])).toEqual([want]);
      } finally {
        await pool.close();
      }
      await expect(pool.digest([file])).rejects.toMatchObject({ data: { thread: 'hash', state: 'closed' } });
    },
    TEST_TIMEOUT,
  );

  it(
    'fails every batch its writer thread held, wakes who waits for room, and refuses later ones',
    async () => {
      const pipe = fifo('writer.fifo');
      const writer = new MessageFileWriter();
      try {
        // 1 MiB does not fit in a pipe: the thread stays inside this write until the test reads.
        const stuck = writer.write([{ path: pipe, bytes: randomBytes(1 << 20) }]);
        const behind = writer.write([{ path: join(tmp.dir, 'b.eml'), bytes: Buffer.from('b') }]);
        const room = writer.room(0);
        const readEnd = openSync(pipe, constants.O_RDONLY | constants.O_NONBLOCK);
        const chunk = Buffer.alloc(4096);
        // Bytes in the pipe: the thread has the file open and is writing it.
        await vi.waitFor(() => {
          try {
            expect(readSync(readEnd, chunk)).toBeGreaterThan(0);
          } catch (e) {
            if ((e as NodeJS.ErrnoException).code === 'EAGAIN') throw new Error('nothing written yet', { cause: e });
            throw e;
          }
        }, UNTIL);
        const stopped = writer.thread.terminate();
        closeSync(readEnd); // its write fails (EPIPE) and the thread stops there
        await stopped;
        const error = crashed('writer', 'Luồng ghi thư vào gói bàn giao dừng đột ngột');
        await expect(stuck).rejects.toMatchObject(error);
        await expect(behind).rejects.toMatchObject(error);
        await room;
        await expect(writer.write([{ path: join(tmp.dir, 'c.eml'), bytes: Buffer.from('c') }])).rejects.toMatchObject(
          error,
        );
      } finally {
        await writer.close();
      }
    },
    TEST_TIMEOUT,
  );

  it(
    'fails the export tasks its fetch thread held with a typed error',
    async () => {
      const folder = {
        id: 'inbox-00000000',
        dir: 'INBOX',
        path: 'INBOX',
        rawPath: 'INBOX',
        delimiter: '/',
        specialUse: null,
        subscribed: true,
        selectable: true,
        attributes: [],
        uidValidity: '1',
        uidNext: 100,
        highestModseq: null,
        messages: 99,
      };
      const task = (range: string): ExportTask => ({ folder, range, messages: 33, bytes: 3300, done: 0, doneBytes: 0 });
      const journal = vi.fn(async () => undefined);
      const job: PoolJob = {
        bagDir: tmp.dir,
        tasks: [task('1:33'), task('34:66'), task('67:99')],
        done: new Map(),
        adoptFiles: false,
        fsync: false,
        journal,
        vanished: () => undefined,
      };
      const run = runInThreads(
        {
          // Takes a task on each of its two slots, then exits without answering either.
          workerUrl: new URL('../support/dying-fetch-worker.ts', import.meta.url),
          imap: {
            server: { host: 'mail.binhphuoc.gov.vn', port: 143, security: 'starttls' },
            username: 'vanphong@binhphuoc.gov.vn',
            password: 'unused',
            allowInsecure: false,
          },
          connections: 2,
          threads: 1,
        },
        job,
      );
      // Both tasks must fail for the run to end: one left waiting would hang it.
      await expect(run).rejects.toMatchObject(crashed('fetch', 'Luồng tải thư của việc xuất gói dừng đột ngột'));
      expect(journal).not.toHaveBeenCalled();
    },
    TEST_TIMEOUT,
  );
});
