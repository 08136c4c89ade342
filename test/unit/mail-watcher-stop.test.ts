// Stopping a watcher while it is still connecting: the connection that arrives
// afterwards is logged out before stop() resolves, so shutdown (which awaits
// stop) leaves no socket behind.
import type { ImapFlow } from 'imapflow';
import { describe, expect, it, vi } from 'vitest';
import { FolderIdler } from '../../electron/services/sync/mail-watcher.ts';

function fakeClient() {
  return { logout: vi.fn(async () => undefined), close: vi.fn(), on: vi.fn(), mailboxOpen: vi.fn(), usable: true };
}

/** Lets every promise continuation that can run now run: one turn of the event loop, no time passes. */
const settle = () => new Promise<void>((resolve) => setImmediate(resolve));

describe('FolderIdler.stop', () => {
  it('waits for a connection attempt under way and logs that connection out', async () => {
    let connected!: (client: ImapFlow) => void;
    const idler = new FolderIdler({
      folder: 'INBOX',
      connect: () => new Promise<ImapFlow>((resolve) => (connected = resolve)),
      onChange: () => undefined,
    });
    idler.start();
    let stopped = false;
    const stopping = idler.stop().then(() => (stopped = true));
    await settle();
    expect(stopped).toBe(false);

    const client = fakeClient();
    connected(client as unknown as ImapFlow);
    await stopping;
    expect(client.logout).toHaveBeenCalledOnce();
    expect(client.mailboxOpen).not.toHaveBeenCalled();
  });

  it('a connection that failed leaves no reconnect timer after stop()', async () => {
    vi.useFakeTimers();
    try {
      const idler = new FolderIdler({
        folder: 'INBOX',
        connect: async () => {
          throw new Error('ECONNREFUSED');
        },
        onChange: () => undefined,
      });
      idler.start();
      await vi.advanceTimersByTimeAsync(0);
      expect(vi.getTimerCount()).toBe(1);
      await idler.stop();
      expect(vi.getTimerCount()).toBe(0);
    } finally {
      vi.useRealTimers();
    }
  });
});
