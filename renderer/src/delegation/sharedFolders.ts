// The delegate's side, pure: which cached folders belong to a unit mailbox
// shared with this account (shared namespace, e.g. "shared/vanphong@…/INBOX"),
// how they are shown (as their own mailbox, INBOX called "Hộp thư đến"), and
// what the UI may offer there given the rights MYRIGHTS reported. The server
// enforces the rights anyway; this only avoids offering what it would refuse.
import { abilitiesOf, type SharedFolder, type SharedMailbox } from '../../../shared/delegation.ts';
import type { FolderInfo, SpecialUse } from '../../../shared/mail.ts';

/** A unit mailbox known in this session: still shared, or gone since (revoked or expired). */
export interface UnitMailbox {
  owner: string;
  prefix: string;
  lost: boolean;
  folders: SharedFolder[];
}

/** What the toolbar, the reader and the shortcuts may offer in a folder. */
export interface Permits {
  /** Mark read/unread kept by the server (s). */
  read: boolean;
  /** Flags and keywords (w). */
  flag: boolean;
  /** Move out (r, t, e) to a folder that takes it (i). */
  move: boolean;
  /** Move to the unit's own Thùng rác (same rights as a move). */
  trash: boolean;
}

export const ALL_PERMITTED: Permits = { read: true, flag: true, move: true, trash: true };
const NOTHING: Permits = { read: false, flag: false, move: false, trash: false };

/** Standard folder names of a mailbox, for shared folders the server does not flag with SPECIAL-USE. */
const SPECIAL_BY_NAME: Record<string, SpecialUse> = {
  inbox: '\\Inbox',
  sent: '\\Sent',
  'sent items': '\\Sent',
  'sent messages': '\\Sent',
  drafts: '\\Drafts',
  trash: '\\Trash',
  'deleted items': '\\Trash',
  'deleted messages': '\\Trash',
  // i18n-exempt: the name some servers give Trash, matched against theirs, never shown
  'thùng rác': '\\Trash',
  junk: '\\Junk',
  spam: '\\Junk',
  archive: '\\Archive',
};

export function unitOf(path: string | null, units: readonly UnitMailbox[]): UnitMailbox | null {
  if (path === null) return null;
  return units.find((u) => path.startsWith(u.prefix)) ?? null;
}

/** The path inside the unit mailbox ("shared/vanphong@…/Đã xử lý" → "Đã xử lý"). */
export function relativePath(path: string, unit: UnitMailbox): string {
  return path.slice(unit.prefix.length);
}

/** A folder of the shared namespace above a unit mailbox ("shared", "shared/vanphong@…"). */
function isAncestorOf(path: string, delimiter: string, unit: UnitMailbox): boolean {
  return unit.prefix.startsWith(path + delimiter);
}

/** The account's own folders: everything outside the unit mailboxes and their namespace containers. */
export function personalFolders(folders: readonly FolderInfo[], units: readonly UnitMailbox[]): FolderInfo[] {
  if (units.length === 0) return [...folders];
  return folders.filter((f) => !units.some((u) => f.path.startsWith(u.prefix) || isAncestorOf(f.path, f.delimiter, u)));
}

/** A unit mailbox's cached folders as its own mailbox shows them: standard folders by their usual names. */
export function unitDisplayFolders(folders: readonly FolderInfo[], unit: UnitMailbox): FolderInfo[] {
  if (unit.lost) return [];
  const offered = new Set(unit.folders.map((f) => f.path));
  return folders.filter((f) => f.path.startsWith(unit.prefix) && offered.has(f.path)).map((f) => labelled(f, unit));
}

/** Every folder, with those of unit mailboxes labelled like the unit's own (for titles, toasts, the move menu). */
export function labelFolders(folders: readonly FolderInfo[], units: readonly UnitMailbox[]): FolderInfo[] {
  if (units.length === 0) return [...folders];
  return folders.map((f) => {
    const unit = unitOf(f.path, units);
    return unit ? labelled(f, unit) : f;
  });
}

/** The special use a top-level folder's usual name stands for ("Trash" → \\Trash). */
export function specialUseByName(name: string): SpecialUse | null {
  return SPECIAL_BY_NAME[name.toLowerCase()] ?? null;
}

function labelled(folder: FolderInfo, unit: UnitMailbox): FolderInfo {
  const relative = relativePath(folder.path, unit);
  const topLevel = !relative.includes(folder.delimiter);
  const special = folder.specialUse ?? (topLevel ? specialUseByName(relative) : null);
  return { ...folder, specialUse: special };
}

function sharedFolder(path: string, unit: UnitMailbox): SharedFolder | null {
  return unit.folders.find((f) => f.path === path) ?? null;
}

/** The unit's Thùng rác (where main's mail.trash puts its mail), when this account may file into it. */
export function unitTrash(unit: UnitMailbox): SharedFolder | null {
  return (
    unit.folders.find((f) => {
      const relative = relativePath(f.path, unit);
      return SPECIAL_BY_NAME[relative.toLowerCase()] === '\\Trash' && f.abilities.fileInto;
    }) ?? null
  );
}

/**
 * Where messages of `source` may be moved. Mail of a unit mailbox stays in
 * that mailbox (it is the unit's record, not the delegate's), in folders that
 * take it (i); the account's own mail stays among its own folders.
 */
export function moveTargets(
  folders: readonly FolderInfo[],
  units: readonly UnitMailbox[],
  source: string | null,
): FolderInfo[] {
  const unit = unitOf(source, units);
  if (!unit) return personalFolders(folders, units);
  if (unit.lost) return [];
  return unitDisplayFolders(folders, unit).filter((f) => sharedFolder(f.path, unit)?.abilities.fileInto === true);
}

/** What may be offered on messages of `path`; the account's own folders allow everything. */
export function permitsFor(
  path: string | null,
  units: readonly UnitMailbox[],
  folders: readonly FolderInfo[],
): Permits {
  const unit = unitOf(path, units);
  if (!unit || path === null) return ALL_PERMITTED;
  if (unit.lost) return NOTHING;
  const abilities = sharedFolder(path, unit)?.abilities ?? abilitiesOf('');
  const trash = unitTrash(unit);
  const targets = moveTargets(folders, units, path).filter((f) => f.path !== path);
  return {
    read: abilities.keepSeen,
    flag: abilities.flag,
    move: abilities.moveOut && targets.length > 0,
    trash: abilities.moveOut && trash !== null && trash.path !== path,
  };
}

/** Merges a fresh answer of delegation.shared with what this session saw before (gone ones become lost). */
export function mergeUnits(previous: readonly UnitMailbox[], current: readonly SharedMailbox[]): UnitMailbox[] {
  const now = new Map(current.map((m) => [m.prefix, m]));
  const out: UnitMailbox[] = current.map((m) => ({
    owner: m.owner,
    prefix: m.prefix,
    lost: false,
    folders: m.folders,
  }));
  for (const p of previous) {
    if (!now.has(p.prefix)) out.push({ ...p, lost: true, folders: [] });
  }
  return out;
}

/** Folders a unit mailbox offers that the local cache does not have yet (a grant made since the last sync). */
export function uncachedFolders(folders: readonly FolderInfo[], units: readonly UnitMailbox[]): string[] {
  const cached = new Set(folders.map((f) => f.path));
  return units.flatMap((u) => (u.lost ? [] : u.folders.filter((f) => !cached.has(f.path)).map((f) => f.path)));
}
