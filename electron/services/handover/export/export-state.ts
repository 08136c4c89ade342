// Crash-safe working state of an export, kept in <bag>/.export-state/ (outside the payload):
//  - snapshot.json: the folder snapshot taken when the export started, so a resumed run
//    exports the same snapshot and writes the same payload as an uninterrupted one;
//  - journal/<folder-id>.jsonl: one line per finished message, appended and fsync'd after
//    the message file is complete (a line is the proof that its file is complete).
//  - eml/<folder-id>/<uid>.eml: the message files as they are downloaded (see fetch-messages.ts
//    for how a resume tells a complete unjournaled file from a short one); placement.ts moves
//    them to data/eml/ under their Mailbag-Message-IDs once all are in.
import { mkdir, open, readdir, rename, rm, stat, type FileHandle } from 'node:fs/promises';
import { join } from 'node:path';
import { AppError } from '../../errors/app-error.ts';
import { STATE_DIR } from '../bag/bag-layout.ts';
import { digestFile } from '../bag/file-hash.ts';
import { indexJournal, journalEntries } from './journal-reader.ts';
import type { MessageEntry } from './message-entry.ts';
import type { FolderSnapshot } from './snapshot.ts';

const STATE_FORMAT = 'unit-mailbox-export-state/1';

export interface ExportSnapshotState {
  format: typeof STATE_FORMAT;
  exportId: string;
  mailbox: string;
  startedAt: string;
  folders: FolderSnapshot[];
}

export class ExportState {
  readonly dir: string;
  readonly journalDir: string;
  private readonly journals = new Map<string, { handle: Promise<FileHandle>; queue: Promise<void> }>();

  constructor(bagDir: string) {
    this.dir = join(bagDir, STATE_DIR);
    this.journalDir = join(this.dir, 'journal');
  }

  private get snapshotFile(): string {
    return join(this.dir, 'snapshot.json');
  }

  async loadSnapshot(): Promise<ExportSnapshotState | null> {
    let text: string;
    try {
      const handle = await open(this.snapshotFile, 'r');
      try {
        text = await handle.readFile('utf8');
      } finally {
        await handle.close();
      }
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'ENOENT') return null;
      throw fileError(`cannot read ${this.snapshotFile}`, e);
    }
    const state = JSON.parse(text) as ExportSnapshotState;
    if (state.format !== STATE_FORMAT) throw new AppError('FILE_ERROR', `unknown export state ${state.format}`);
    return state;
  }

  /** Creates the state directories and writes the snapshot (atomically: temp, fsync, rename). */
  async begin(state: ExportSnapshotState): Promise<void> {
    await mkdir(this.journalDir, { recursive: true });
    const tmp = `${this.snapshotFile}.tmp`;
    await writeDurable(tmp, JSON.stringify(state));
    await rename(tmp, this.snapshotFile);
  }

  private journalFile(folderId: string): string {
    return join(this.journalDir, `${folderId}.jsonl`);
  }

  /** Appends finished messages of one folder; resolves once the lines are on disk (fdatasync). */
  append(folderId: string, entries: MessageEntry[]): Promise<void> {
    if (entries.length === 0) return Promise.resolve();
    let journal = this.journals.get(folderId);
    if (!journal) {
      journal = { handle: open(this.journalFile(folderId), 'a'), queue: Promise.resolve() };
      this.journals.set(folderId, journal);
    }
    const { handle } = journal;
    const text = entries.map((e) => `${JSON.stringify(e)}\n`).join('');
    const next = journal.queue.then(async () => {
      const h = await handle;
      await h.appendFile(text, 'utf8');
      await h.datasync();
    });
    // Later appends wait for this one but are not failed by it: the caller of this one sees the error.
    journal.queue = next.catch(() => undefined);
    return next;
  }

  async closeJournals(): Promise<void> {
    const all = [...this.journals.values()];
    this.journals.clear();
    for (const j of all) {
      await j.queue;
      await (await j.handle.catch(() => null))?.close().catch(() => undefined);
    }
  }

  /**
   * Entries of one folder, last line per UID winning, one at a time in `order` of their UIDs
   * (ascending by default). A torn last line (crash in the middle of a write) is ignored: its
   * message is fetched again.
   */
  async *entries(folderId: string, order?: (a: number, b: number) => number): AsyncGenerator<MessageEntry> {
    try {
      yield* journalEntries(this.journalFile(folderId), order);
    } catch (e) {
      throw fileError(`cannot read the journal of ${folderId}`, e);
    }
  }

  /** The UIDs journaled in one folder (in no particular order). */
  async journaledUids(folderId: string): Promise<number[]> {
    try {
      return (await indexJournal(this.journalFile(folderId))).uids;
    } catch (e) {
      throw fileError(`cannot read the journal of ${folderId}`, e);
    }
  }

  /**
   * On resume: keeps the journal entries whose file is there with the recorded size and SHA-256,
   * rewrites the journal with exactly those, and returns their UIDs. The rest is fetched again.
   */
  async verifiedDone(folderId: string, fileOf: (uid: number) => string): Promise<Set<number>> {
    const good = new Set<number>();
    const tmp = `${this.journalFile(folderId)}.tmp`;
    let out: FileHandle | null = null;
    try {
      for await (const e of this.entries(folderId)) {
        const path = fileOf(e.uid);
        try {
          const st = await stat(path);
          if (st.size !== e.size) continue;
          const d = await digestFile(path);
          if (d.sha256 !== e.sha256 || d.sha512 !== e.sha512) continue;
        } catch {
          continue; // missing: fetched again
        }
        out ??= await open(tmp, 'w');
        await out.appendFile(`${JSON.stringify(e)}\n`, 'utf8');
        good.add(e.uid);
      }
      if (!out) {
        await rm(this.journalFile(folderId), { force: true });
        return good;
      }
      await out.sync();
    } finally {
      await out?.close();
    }
    await rename(tmp, this.journalFile(folderId));
    return good;
  }

  async journalFolders(): Promise<string[]> {
    try {
      return (await readdir(this.journalDir)).filter((n) => n.endsWith('.jsonl')).map((n) => n.slice(0, -6));
    } catch {
      return [];
    }
  }

  async remove(): Promise<void> {
    await this.closeJournals();
    await rm(this.dir, { recursive: true, force: true });
  }
}

export async function writeDurable(path: string, data: string | Uint8Array): Promise<void> {
  const handle = await open(path, 'w');
  try {
    await handle.writeFile(data);
    await handle.sync();
  } finally {
    await handle.close();
  }
}

export function fileError(detail: string, cause: unknown): AppError {
  const code = (cause as NodeJS.ErrnoException)?.code;
  return new AppError('FILE_ERROR', `${detail}${code ? ` (${code})` : ''}`, { cause });
}
