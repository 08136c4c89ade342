// Small pieces of the audit log's write path: telling "the server cannot be
// reached" (the record waits in the queue) from a refusal, and running one
// flush at a time per account and mailbox.
import { isAppError } from '../errors/app-error.ts';

const UNREACHABLE = new Set(['HOST_UNREACHABLE', 'TIMEOUT', 'NoConnection', 'EConnectionClosed', 'ETIMEOUT']);

/** The server could not be reached or went away mid-way: the record waits in the queue. */
export function isUnreachable(e: unknown): boolean {
  if (isAppError(e)) return UNREACHABLE.has(e.code);
  const code = (e as { code?: string } | null)?.code ?? '';
  return UNREACHABLE.has(code) || /^E(CONNREFUSED|CONNRESET|PIPE|HOSTUNREACH|NETUNREACH)$/.test(code);
}

/** Runs tasks of one key one after the other; different keys run side by side. */
export class Lanes {
  private readonly tails = new Map<string, Promise<unknown>>();

  async run<T>(key: string, fn: () => Promise<T>): Promise<T> {
    const before = this.tails.get(key) ?? Promise.resolve();
    const run = before.then(fn, fn);
    const tail = run.catch(() => undefined);
    this.tails.set(key, tail);
    try {
      return await run;
    } finally {
      if (this.tails.get(key) === tail) this.tails.delete(key);
    }
  }
}
