// Reading a record folder incrementally: records are immutable, so each message is checked once
// and kept per folder and UIDVALIDITY; the UID list is read every time, so a removed record is
// noticed. Shared by the ledger and the audit readers (each brings its own check).
import type { ImapFlow } from 'imapflow';

export class CheckedFolder<C> {
  private readonly cache = new Map<string, Map<number, C>>();

  /** The folder's checked messages in UID order; null when the folder does not exist. */
  async read(
    client: ImapFlow,
    folder: string,
    check: (uid: number, source: Buffer) => Promise<C>,
  ): Promise<{ uidValidity: number; present: C[] } | null> {
    const opened = await client.mailboxOpen(folder, { readOnly: true }).catch((e: unknown) => {
      if ((e as { mailboxMissing?: boolean }).mailboxMissing) return null;
      throw e;
    });
    if (!opened) return null;
    const uidValidity = Number(opened.uidValidity);
    const key = `${folder}\u0000${uidValidity}`;
    const checked = this.cache.get(key) ?? new Map<number, C>();
    this.cache.set(key, checked);
    const found = opened.exists > 0 ? await client.search({ all: true }, { uid: true }) : [];
    const uids = (Array.isArray(found) ? found : []).sort((a, b) => a - b);
    const missing = uids.filter((u) => !checked.has(u));
    if (missing.length > 0) {
      for await (const msg of client.fetch(missing.join(','), { uid: true, source: true }, { uid: true })) {
        if (msg.source) checked.set(msg.uid, await check(msg.uid, msg.source));
      }
    }
    return { uidValidity, present: uids.map((u) => checked.get(u)).filter((c): c is C => c !== undefined) };
  }
}
