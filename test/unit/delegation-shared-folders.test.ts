// The delegate's side of the UI, pure parts: which cached folders belong to a
// shared unit mailbox, how they are labelled, what the rights let the UI
// offer, and how a revocation shows (renderer/src/delegation/sharedFolders.ts);
// the form's day-to-instant conversion (format.ts).
import { describe, expect, it } from 'vitest';
import { abilitiesOf, type SharedMailbox } from '../../shared/delegation.ts';
import type { FolderInfo } from '../../shared/mail.ts';
import { endOfDay, folderTitle, startOfDay } from '../../renderer/src/delegation/format.ts';
import {
  ALL_PERMITTED,
  mergeUnits,
  moveTargets,
  permitsFor,
  personalFolders,
  uncachedFolders,
  unitDisplayFolders,
  unitOf,
  type UnitMailbox,
} from '../../renderer/src/delegation/sharedFolders.ts';

const PREFIX = 'shared/vanphong@binhphuoc.gov.vn/';

function folder(path: string, extra: Partial<FolderInfo> = {}): FolderInfo {
  const parts = path.split('/');
  return {
    path,
    name: parts[parts.length - 1] ?? path,
    parentPath: parts.length > 1 ? parts.slice(0, -1).join('/') : null,
    delimiter: '/',
    specialUse: null,
    subscribed: true,
    selectable: true,
    messages: 0,
    unseen: 0,
    ...extra,
  };
}

const cached: FolderInfo[] = [
  folder('INBOX'),
  folder('Trash', { specialUse: '\\Trash' }),
  folder('Việc riêng'),
  folder('shared', { selectable: false }),
  folder('shared/vanphong@binhphuoc.gov.vn', { selectable: false }),
  folder(`${PREFIX}INBOX`),
  folder(`${PREFIX}Trash`),
  folder(`${PREFIX}Đã xử lý`),
  folder(`${PREFIX}Đã xử lý/2026`),
  folder(`${PREFIX}Chỉ đạo`),
];

function mailbox(rights: Record<string, string>): SharedMailbox {
  return {
    owner: 'vanphong@binhphuoc.gov.vn',
    prefix: PREFIX,
    folders: Object.entries(rights).map(([name, r]) => ({
      path: `${PREFIX}${name}`,
      name: name.split('/').pop() ?? name,
      rights: r,
      words: [],
      abilities: abilitiesOf(r),
    })),
  };
}

const XU_LY = 'lrswite';
const processing = mergeUnits(
  [],
  [mailbox({ INBOX: XU_LY, Trash: XU_LY, 'Đã xử lý': XU_LY, 'Đã xử lý/2026': XU_LY, 'Chỉ đạo': XU_LY })],
);
const reading = mergeUnits([], [mailbox({ INBOX: 'lrs' })]);

describe('a unit mailbox shared with this account', () => {
  it('is taken out of the account’s own tree, namespace containers included', () => {
    expect(personalFolders(cached, processing).map((f) => f.path)).toEqual(['INBOX', 'Trash', 'Việc riêng']);
    expect(personalFolders(cached, [])).toHaveLength(cached.length);
  });

  it('shows only what the server shares, with its standard folders under their usual names', () => {
    const shown = unitDisplayFolders(cached, reading[0] as UnitMailbox);
    expect(shown.map((f) => [f.path, f.specialUse])).toEqual([[`${PREFIX}INBOX`, '\\Inbox']]);
    const all = unitDisplayFolders(cached, processing[0] as UnitMailbox);
    expect(all.find((f) => f.path === `${PREFIX}Trash`)?.specialUse).toBe('\\Trash');
    // A subfolder named like a standard one is not one.
    expect(all.find((f) => f.path === `${PREFIX}Đã xử lý/2026`)?.specialUse).toBeNull();
  });

  it('Xem: no flags, no move, no delete; read status kept (s)', () => {
    expect(permitsFor(`${PREFIX}INBOX`, reading, cached)).toEqual({
      read: true,
      flag: false,
      move: false,
      trash: false,
    });
    const noSeen = mergeUnits([], [mailbox({ INBOX: 'lr' })]);
    expect(permitsFor(`${PREFIX}INBOX`, noSeen, cached).read).toBe(false);
  });

  it('Xử lý: everything, moves stay inside the unit mailbox, Thùng rác is the unit’s own', () => {
    expect(permitsFor(`${PREFIX}INBOX`, processing, cached)).toEqual(ALL_PERMITTED);
    const targets = moveTargets(cached, processing, `${PREFIX}INBOX`).map((f) => f.path);
    expect(targets).toContain(`${PREFIX}Đã xử lý`);
    expect(targets.every((p) => p.startsWith(PREFIX))).toBe(true);
    // Already in the unit's Thùng rác: no "Xóa" again.
    expect(permitsFor(`${PREFIX}Trash`, processing, cached).trash).toBe(false);
    // The account's own mail moves among its own folders only.
    expect(moveTargets(cached, processing, 'INBOX').map((f) => f.path)).toEqual(['INBOX', 'Trash', 'Việc riêng']);
    expect(permitsFor('INBOX', processing, cached)).toEqual(ALL_PERMITTED);
  });

  it('moving out needs t and e on the source and a folder that takes it (i)', () => {
    const noExpunge = mergeUnits([], [mailbox({ INBOX: 'lrswit', 'Đã xử lý': XU_LY })]);
    expect(permitsFor(`${PREFIX}INBOX`, noExpunge, cached).move).toBe(false);
    const nowhereToFile = mergeUnits([], [mailbox({ INBOX: XU_LY, 'Đã xử lý': 'lrs' })]);
    expect(permitsFor(`${PREFIX}INBOX`, nowhereToFile, cached)).toMatchObject({ move: false, trash: false });
  });

  it('a revocation turns the unit into a lost one, which allows nothing and lists no folder', () => {
    const after = mergeUnits(processing, []);
    expect(after).toEqual([expect.objectContaining({ prefix: PREFIX, lost: true, folders: [] })]);
    expect(unitOf(`${PREFIX}INBOX`, after)?.lost).toBe(true);
    expect(permitsFor(`${PREFIX}INBOX`, after, cached)).toEqual({
      read: false,
      flag: false,
      move: false,
      trash: false,
    });
    expect(unitDisplayFolders(cached, after[0] as UnitMailbox)).toEqual([]);
    // Still hidden from the account's own tree until a sync drops the folders.
    expect(personalFolders(cached, after).map((f) => f.path)).toEqual(['INBOX', 'Trash', 'Việc riêng']);
    // Shared again later: active again.
    expect(mergeUnits(after, [mailbox({ INBOX: 'lrs' })])[0]?.lost).toBe(false);
  });

  it('folders granted since the last sync are asked for', () => {
    const more = mergeUnits([], [mailbox({ INBOX: XU_LY, 'Hồ sơ mới': XU_LY })]);
    expect(uncachedFolders(cached, more)).toEqual([`${PREFIX}Hồ sơ mới`]);
    expect(uncachedFolders(cached, mergeUnits(more, []))).toEqual([]);
  });
});

describe('the grant form’s days and folder names', () => {
  it('"from today" starts now; a later day starts at local midnight; "until" ends at the end of that day', () => {
    const now = new Date(2026, 10, 28, 15, 30);
    expect(startOfDay('2026-11-28', now)).toBeUndefined();
    expect(startOfDay('2026-11-20', now)).toBeUndefined();
    expect(startOfDay('2026-12-01', now)).toBe(new Date(2026, 11, 1, 0, 0, 0, 0).toISOString());
    expect(endOfDay('2026-12-31')).toBe(new Date(2026, 11, 31, 23, 59, 59, 999).toISOString());
    expect(endOfDay('')).toBeNull();
  });

  it('names folders as the folder tree does', () => {
    const t = ((key: string) =>
      ({ 'folders.inbox': 'Hộp thư đến', 'folders.trash': 'Thùng rác' })[key] ?? key) as never;
    expect(folderTitle('INBOX', 'INBOX', t)).toBe('Hộp thư đến');
    expect(folderTitle('Trash', 'Trash', t)).toBe('Thùng rác');
    expect(folderTitle('Đã xử lý/2026', '2026', t)).toBe('Đã xử lý › 2026');
    expect(folderTitle('Đã xử lý/Trash', 'Trash', t)).toBe('Đã xử lý › Trash');
  });
});
