// Names the message files of the bag. Messages are downloaded by UID into the working state
// (.export-state/eml/<folder-id>/<uid>.eml), because their Mailbag-Message-IDs (1…N in folder
// order, then UID, as mailbag.csv lists them) are known only once every message is in. Then they
// are moved, one rename each, to data/eml/<folder dir>/<Mailbag-Message-ID>.eml (Mailbag
// §4.4.1.2). The moves are logged first, so a run killed halfway moves them back on resume and
// the resumed export names every file as an uninterrupted one would.
import { createReadStream } from 'node:fs';
import { mkdir, open, rename, rm, stat } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { createInterface } from 'node:readline';
import { EML_DIR, STATE_DIR, compareEmlUids, emlPath, stagedEmlPath } from '../bag/bag-layout.ts';
import { compareBagPaths } from '../bag/manifest.ts';
import { fileError, type ExportState } from './export-state.ts';
import type { MessageEntry } from './message-entry.ts';
import type { FolderSnapshot } from './snapshot.ts';

/** Where the messages of one folder go: ids first … first + count - 1, in UID order. */
export interface FolderPlacement {
  dir: string;
  first: number;
  count: number;
}

/** By folder id. */
export type Placement = ReadonlyMap<string, FolderPlacement>;

const LOG = 'placement.jsonl';

/** Mailbag-Message-IDs of the journaled messages: folder after folder, UID order within one. */
export function planPlacement(
  folders: readonly FolderSnapshot[],
  journaled: ReadonlyMap<string, ReadonlySet<number>>,
): Map<string, FolderPlacement> {
  const out = new Map<string, FolderPlacement>();
  let next = 1;
  for (const f of folders) {
    const count = journaled.get(f.id)?.size ?? 0;
    out.set(f.id, { dir: f.dir, first: next, count });
    next += count;
  }
  return out;
}

/** Bag path of the k-th message (0-based, UID order) of a folder. */
export const placedPath = (p: FolderPlacement, k: number): string => emlPath(p.dir, p.first + k);

/**
 * The journaled messages with their bag paths, in the order the manifests list them: folder
 * directories in byte order, then "<id>.eml" in byte order within each.
 */
export async function* placedEntries(
  state: ExportState,
  folders: readonly FolderSnapshot[],
  placement: Placement,
): AsyncGenerator<{ path: string; entry: MessageEntry }> {
  const byDir = folders
    .flatMap((f) => {
      const p = placement.get(f.id);
      return p && p.count > 0 ? [{ f, p }] : [];
    })
    .sort((a, b) => compareBagPaths(`${a.p.dir}/`, `${b.p.dir}/`));
  for (const { f, p } of byDir) {
    const rank = new Map((await state.journaledUids(f.id)).sort((a, b) => a - b).map((uid, k) => [uid, k]));
    const idOf = (uid: number) => p.first + (rank.get(uid) ?? 0);
    for await (const entry of state.entries(f.id, (a, b) => compareEmlUids(idOf(a), idOf(b)))) {
      yield { path: placedPath(p, rank.get(entry.uid) ?? 0), entry };
    }
  }
}

/** Moves the downloaded files to data/eml/ under their Mailbag-Message-IDs; returns their absolute paths. */
export async function placeMessages(
  bagDir: string,
  folders: readonly FolderSnapshot[],
  journaled: ReadonlyMap<string, ReadonlySet<number>>,
  placement: Placement,
): Promise<string[]> {
  const moves: [from: string, to: string][] = [];
  for (const f of folders) {
    const p = placement.get(f.id);
    if (!p) continue;
    const uids = [...(journaled.get(f.id) ?? [])].sort((a, b) => a - b);
    uids.forEach((uid, k) => moves.push([stagedEmlPath(f.id, uid), placedPath(p, k)]));
  }
  try {
    await rm(join(bagDir, EML_DIR), { recursive: true, force: true });
    const log = await open(join(bagDir, STATE_DIR, LOG), 'w');
    try {
      for (let i = 0; i < moves.length; i += 1000) {
        await log.write(
          moves
            .slice(i, i + 1000)
            .map((m) => `${JSON.stringify(m)}\n`)
            .join(''),
        );
      }
      await log.datasync();
    } finally {
      await log.close();
    }
    await mkdir(join(bagDir, EML_DIR), { recursive: true });
    const made = new Set<string>();
    for (const [from, to] of moves) {
      const dir = dirname(to);
      if (!made.has(dir)) {
        await mkdir(join(bagDir, dir), { recursive: true });
        made.add(dir);
      }
      await rename(join(bagDir, from), join(bagDir, to));
    }
  } catch (e) {
    throw fileError(`cannot name the message files in ${join(bagDir, EML_DIR)}`, e);
  }
  return moves.map(([, to]) => join(bagDir, to));
}

/**
 * Before a resume: moves back what an earlier run had already placed, so that every journaled
 * message is where the journal expects it, and empties data/eml/.
 */
export async function undoPlacement(bagDir: string): Promise<void> {
  const log = join(bagDir, STATE_DIR, LOG);
  const exists = (p: string) =>
    stat(p).then(
      () => true,
      () => false,
    );
  try {
    if (await exists(log)) {
      const lines = createInterface({ input: createReadStream(log), crlfDelay: Infinity });
      for await (const line of lines) {
        const move = parseMove(line);
        if (!move) continue; // the last line of a log cut short
        const [from, to] = move.map((p) => join(bagDir, p)) as [string, string];
        if ((await exists(to)) && !(await exists(from))) {
          await mkdir(dirname(from), { recursive: true });
          await rename(to, from);
        }
      }
      await rm(log, { force: true });
    }
    await rm(join(bagDir, EML_DIR), { recursive: true, force: true });
  } catch (e) {
    throw fileError(`cannot resume the export in ${bagDir}`, e);
  }
}

function parseMove(line: string): [string, string] | null {
  try {
    const m = JSON.parse(line) as unknown;
    const ok = Array.isArray(m) && m.length === 2 && m.every((p) => typeof p === 'string' && !p.includes('..'));
    return ok ? (m as [string, string]) : null;
  } catch {
    return null;
  }
}
