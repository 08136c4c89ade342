// Reads a folder's journal in a chosen order without holding its entries: one pass notes where
// each UID's last complete line is, the second reads those lines back one at a time. A folder
// of 100,000 messages costs its UIDs and line offsets, not 100,000 parsed entries (figures:
// BENCHMARKS.md, "Design measurements").
import { open } from 'node:fs/promises';
import type { MessageEntry } from './message-entry.ts';

/** Where each UID's entry is in a journal file. */
export interface JournalIndex {
  uids: number[];
  offset: Map<number, number>;
  length: Map<number, number>;
}

const NEWLINE = 0x0a;
/** Bytes read at a time when indexing. */
const SCAN = 256 * 1024;
/** Bytes read at a time when reading lines back (journal lines are about 1 KB). */
const BLOCK = 16 * 1024;

const isEntry = (e: unknown): e is MessageEntry =>
  typeof e === 'object' &&
  e !== null &&
  Number.isInteger((e as MessageEntry).uid) &&
  typeof (e as MessageEntry).sha256 === 'string';

function parseLine(bytes: Buffer): MessageEntry | null {
  try {
    const e: unknown = JSON.parse(bytes.toString('utf8'));
    return isEntry(e) ? e : null;
  } catch {
    return null; // a torn write (crash in the middle of an append)
  }
}

/** Indexes a journal: the last well-formed line per UID wins. A missing file is an empty journal. */
export async function indexJournal(file: string): Promise<JournalIndex> {
  const offset = new Map<number, number>();
  const length = new Map<number, number>();
  const note = (line: Buffer, at: number) => {
    if (line.length === 0) return;
    const e = parseLine(line);
    if (!e) return;
    offset.set(e.uid, at);
    length.set(e.uid, line.length);
  };
  const handle = await open(file, 'r').catch((e: NodeJS.ErrnoException) => {
    if (e.code === 'ENOENT') return null;
    throw e;
  });
  if (!handle) return { uids: [], offset, length };
  try {
    // One buffer, refilled: a fresh one per read would leave megabytes of garbage outside the heap.
    let buf = Buffer.allocUnsafe(SCAN);
    let at = 0; // file offset of buf[0]
    let kept = 0; // bytes of an unfinished line at the start of buf
    for (;;) {
      if (kept === buf.length) {
        const bigger = Buffer.allocUnsafe(buf.length * 2);
        buf.copy(bigger, 0, 0, kept);
        buf = bigger;
      }
      const { bytesRead } = await handle.read(buf, kept, buf.length - kept, at + kept);
      const end = kept + bytesRead;
      if (bytesRead === 0) {
        note(buf.subarray(0, end), at); // a last line without its newline, if whole
        break;
      }
      let start = 0;
      for (let nl = buf.indexOf(NEWLINE, kept); nl !== -1 && nl < end; nl = buf.indexOf(NEWLINE, start)) {
        note(buf.subarray(start, nl), at + start);
        start = nl + 1;
      }
      buf.copy(buf, 0, start, end);
      at += start;
      kept = end - start;
    }
  } finally {
    await handle.close();
  }
  return { uids: [...offset.keys()], offset, length };
}

/**
 * The entries of a journal, one at a time, in `order` of their UIDs (ascending UID by default).
 * Lines are read back through a small block cache: a journal is written batch by batch in UID
 * order, so neighbours in the order are mostly neighbours in the file.
 */
export async function* journalEntries(
  file: string,
  order: (a: number, b: number) => number = (a, b) => a - b,
): AsyncGenerator<MessageEntry> {
  const index = await indexJournal(file);
  if (index.uids.length === 0) return;
  const uids = index.uids.sort(order);
  const handle = await open(file, 'r');
  try {
    let buf = Buffer.allocUnsafe(BLOCK);
    let block = buf.subarray(0, 0);
    let blockAt = 0;
    for (const uid of uids) {
      const at = index.offset.get(uid) as number;
      const len = index.length.get(uid) as number;
      if (at < blockAt || at + len > blockAt + block.length) {
        if (len > buf.length) buf = Buffer.allocUnsafe(len);
        const { bytesRead } = await handle.read(buf, 0, buf.length, at);
        block = buf.subarray(0, bytesRead);
        blockAt = at;
      }
      const e = parseLine(block.subarray(at - blockAt, at - blockAt + len));
      // The file is only appended to while it is read: a line indexed as whole stays whole.
      if (e && e.uid === uid) yield e;
    }
  } finally {
    await handle.close();
  }
}
