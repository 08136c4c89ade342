// The payload is made durable once, when all messages are in, instead of one fdatasync per
// message, whose flushes were a sizeable share of an export (BENCHMARKS.md, "Design
// measurements"). Nothing is lost by it: a resumed export re-hashes every journaled file anyway,
// so a file torn by a power cut is fetched again rather than trusted. The journal itself stays
// fsync'd line by line.
import { spawn } from 'node:child_process';
import { open } from 'node:fs/promises';

/**
 * Flushes the files inside `dir` to stable storage. `listFiles` (absolute paths) is only called
 * where one flush of the whole file system is not available: at 20,000 messages listing them
 * means reading every journal again.
 */
export async function flushToDisk(dir: string, listFiles: () => Promise<readonly string[]>): Promise<void> {
  if (process.platform === 'linux' && (await syncFileSystem(dir))) return;
  // Elsewhere (or without coreutils' sync -f): one fdatasync per file, a few at a time.
  const files = await listFiles();
  let next = 0;
  const worker = async () => {
    while (next < files.length) {
      const h = await open(files[next++] as string, 'r+');
      try {
        await h.datasync();
      } finally {
        await h.close();
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(16, files.length) }, worker));
}

/** syncfs(2) through coreutils' `sync --file-system DIR`: one call for the whole bag. */
function syncFileSystem(dir: string): Promise<boolean> {
  return new Promise((resolve) => {
    const child = spawn('sync', ['--file-system', dir], { stdio: 'ignore' });
    child.on('error', () => resolve(false));
    child.on('close', (code) => resolve(code === 0));
  });
}
