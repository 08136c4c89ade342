// Builds the folder hierarchy from the flat IMAP list (parentPath links) and
// orders it the way people expect: Inbox, the other special folders, then
// the unit's own folders alphabetically in Vietnamese collation.
import type { FolderInfo, SpecialUse } from '../../../shared/mail.ts';

export interface FolderNode {
  folder: FolderInfo;
  children: FolderNode[];
  depth: number;
}

const SPECIAL_ORDER: SpecialUse[] = [
  '\\Inbox',
  '\\Drafts',
  '\\Sent',
  '\\Archive',
  '\\Junk',
  '\\Trash',
  '\\All',
  '\\Flagged',
];

/** INBOX is special by name even when the server doesn't flag it. */
export function specialUseOf(folder: FolderInfo): SpecialUse | null {
  if (folder.path.toUpperCase() === 'INBOX') return '\\Inbox';
  return folder.specialUse;
}

function rank(folder: FolderInfo): number {
  const use = specialUseOf(folder);
  const index = use ? SPECIAL_ORDER.indexOf(use) : -1;
  return index === -1 ? SPECIAL_ORDER.length : index;
}

const collator = new Intl.Collator('vi', { sensitivity: 'base', numeric: true });

function compare(a: FolderNode, b: FolderNode): number {
  return rank(a.folder) - rank(b.folder) || collator.compare(a.folder.name, b.folder.name);
}

export function buildFolderTree(folders: readonly FolderInfo[]): FolderNode[] {
  const nodes = new Map<string, FolderNode>();
  for (const folder of folders) nodes.set(folder.path, { folder, children: [], depth: 0 });
  const roots: FolderNode[] = [];
  for (const node of nodes.values()) {
    const parent = node.folder.parentPath ? nodes.get(node.folder.parentPath) : undefined;
    // A parent missing from the list (unsubscribed, hidden) makes the child a root.
    if (parent && parent !== node) parent.children.push(node);
    else roots.push(node);
  }
  const settle = (list: FolderNode[], depth: number, seen: Set<FolderNode>) => {
    list.sort(compare);
    for (const node of list) {
      if (seen.has(node)) continue; // defends against a cyclic parentPath
      seen.add(node);
      node.depth = depth;
      settle(node.children, depth + 1, seen);
    }
  };
  settle(roots, 0, new Set());
  return roots;
}

/** Depth-first, for rendering as one flat, indented list. */
export function flattenTree(roots: readonly FolderNode[]): FolderNode[] {
  const out: FolderNode[] = [];
  const visit = (node: FolderNode) => {
    out.push(node);
    node.children.forEach(visit);
  };
  roots.forEach(visit);
  return out;
}

/** The folder to open first: INBOX if it exists, else the first selectable one. */
export function defaultFolder(folders: readonly FolderInfo[]): string | null {
  const inbox = folders.find((f) => specialUseOf(f) === '\\Inbox' && f.selectable);
  return (inbox ?? folders.find((f) => f.selectable))?.path ?? null;
}
