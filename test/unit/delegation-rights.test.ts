import { describe, expect, it } from 'vitest';
import {
  ROLE_RIGHTS,
  abilitiesOf,
  normalizeRights,
  rightsInWords,
  rightsMinus,
  type RegisterRecordDto,
} from '../../shared/delegation.ts';
import { isRecordFolder, recordFolderPath } from '../../shared/records.ts';
import { MailCache } from '../../electron/services/cache/mail-cache.ts';
import { resolveRights } from '../../electron/services/delegation/grant-request.ts';
import { findDrift } from '../../electron/services/delegation/drift.ts';
import { currentGrants } from '../../electron/services/delegation/grants.ts';
import { AppError } from '../../electron/services/errors/app-error.ts';
import { assertFlagsPermitted, classifyImapRefusal } from '../../electron/services/imap/imap-refusal.ts';

const UNIT = 'vanphong@binhphuoc.gov.vn';
const D = 'canbo1@binhphuoc.gov.vn';

function rec(seq: number, patch: Partial<RegisterRecordDto>): RegisterRecordDto {
  return {
    format: 'unit-mailbox-delegation/1',
    seq,
    prev: '',
    type: 'grant',
    at: '2026-01-01T00:00:00.000Z',
    by: { email: UNIT, certificateSha256: 'AA' },
    mailbox: UNIT,
    delegate: D,
    role: 'xem',
    rights: 'lrs',
    scope: 'all',
    validFrom: '2026-01-01T00:00:00.000Z',
    validUntil: null,
    ...patch,
  };
}

describe('rights in words and presets', () => {
  it('normalizes to RFC order, drops the obsolete c/d Dovecot reports, lists the rest as invalid', () => {
    expect(normalizeRights('eilrwtsd')).toEqual({ rights: 'lrswite', invalid: [] });
    expect(normalizeRights('akxeilprwtscd').rights).toBe('lrswipkxtea');
    expect(normalizeRights('lrsq9').invalid).toEqual(['q', '9']);
    expect(rightsMinus('lrswite', 'lrs')).toBe('wite');
  });

  it('says every letter in Vietnamese', () => {
    expect(rightsInWords('lrs')).toEqual(['thấy thư mục', 'đọc thư', 'giữ trạng thái đã đọc']);
    expect(rightsInWords('e', 'en')).toEqual(['remove deleted messages for good (expunge)']);
    expect(rightsInWords('lrswipkxtea')).toHaveLength(11);
  });

  it('maps the roles to rights; a only when confirmed, with a warning; p warns about SMTP', () => {
    expect(resolveRights({ role: 'xem' }).rights).toBe(ROLE_RIGHTS.xem);
    expect(resolveRights({ role: 'xu-ly' })).toEqual({ rights: 'lrswite', warnings: [] });
    expect(resolveRights({ role: 'soan-gui' })).toEqual({ rights: 'lrswipte', warnings: ['smtp-sender-needed'] });
    expect(resolveRights({ role: 'custom', rights: 'rl' }).rights).toBe('lr');
    expect(() => resolveRights({ role: 'custom', rights: 'lrq' })).toThrow(/not RFC 4314/);
    expect(() => resolveRights({ role: 'custom', rights: 'lra' })).toThrow(AppError);
    expect(resolveRights({ role: 'custom', rights: 'lra', allowAdmin: true }).warnings).toEqual(['admin-right']);
    expect(() => resolveRights({ role: 'xem', rights: 'w' })).toThrow(/only for the custom role/);
  });

  it('tells the UI what a folder allows', () => {
    expect(abilitiesOf('lrs')).toMatchObject({ read: true, flag: false, fileInto: false, moveOut: false });
    expect(abilitiesOf('lrswite')).toMatchObject({ flag: true, fileInto: true, moveOut: true, post: false });
  });
});

describe('record folders', () => {
  it('are recognised at the top level and under an INBOX. prefix, and nowhere else', () => {
    expect(recordFolderPath('delegation', '/')).toBe('UnitMailbox/Delegation');
    expect(recordFolderPath('ledger', '.', 'INBOX.')).toBe('INBOX.UnitMailbox.Ledger');
    expect(isRecordFolder('UnitMailbox', '/')).toBe(true);
    expect(isRecordFolder('UnitMailbox/Audit', '/')).toBe(true);
    expect(isRecordFolder('INBOX.UnitMailbox.Handover', '.')).toBe(true);
    expect(isRecordFolder('UnitMailboxes', '/')).toBe(false);
    expect(isRecordFolder('Đã xử lý/UnitMailbox', '/')).toBe(false);
  });
});

describe('the cache hides the record tree but keeps it', () => {
  it('lists every folder except UnitMailbox/… (sync still stores and syncs it)', () => {
    const cache = new MailCache(':memory:');
    const folder = (path: string) => ({
      path,
      name: path.split('/').pop() ?? path,
      parentPath: path.includes('/') ? path.slice(0, path.lastIndexOf('/')) : null,
      delimiter: '/',
      specialUse: null,
      subscribed: true,
      selectable: true,
      messages: 0,
      unseen: 0,
    });
    cache.saveFolders(['INBOX', 'Đã xử lý', 'UnitMailbox', 'UnitMailbox/Delegation'].map(folder));
    expect(cache.folders().map((f) => f.path)).toEqual(['INBOX', 'Đã xử lý']);
    cache.close();
  });
});

describe('grants from the register', () => {
  const now = new Date('2026-06-01T00:00:00Z');
  it('follows grant, change, revoke, expiry and scheduling', () => {
    const grants = currentGrants(
      [
        rec(1, {}),
        rec(2, { type: 'change', role: 'xu-ly', rights: 'lrswite' }),
        rec(3, { delegate: 'canbo2@binhphuoc.gov.vn', validUntil: '2026-05-01T00:00:00.000Z' }),
        rec(4, { delegate: 'canbo3@binhphuoc.gov.vn', validFrom: '2026-07-01T00:00:00.000Z' }),
        rec(5, { delegate: 'canbo4@binhphuoc.gov.vn' }),
        rec(6, { delegate: 'canbo4@binhphuoc.gov.vn', type: 'revoke', rights: '' }),
      ],
      now,
    );
    const by = Object.fromEntries(grants.map((g) => [g.delegate, g]));
    expect(by[D]).toMatchObject({ status: 'active', rights: 'lrswite', seq: 2 });
    expect(by['canbo2@binhphuoc.gov.vn']?.status).toBe('expired-revoking');
    expect(by['canbo3@binhphuoc.gov.vn']?.status).toBe('scheduled');
    expect(by['canbo4@binhphuoc.gov.vn']?.status).toBe('revoked');
  });

  it('a password reset revokes every sealed credential', () => {
    const grants = currentGrants(
      [
        rec(1, { type: 'credential-grant', role: 'credential', rights: '' }),
        rec(2, { type: 'password-reset', delegate: '' }),
      ],
      now,
    );
    expect(grants.find((g) => g.delegate === D)).toMatchObject({ mode: 'credential', status: 'revoked' });
  });
});

describe('drift', () => {
  const now = new Date('2026-06-01T00:00:00Z');
  const grants = currentGrants([rec(1, { rights: 'lrs', scope: ['INBOX', 'Chỉ đạo'] })], now);
  const owners = [UNIT];

  it('flags rights nobody recorded, rights gone missing, and anything on the record folders', () => {
    const findings = findDrift(
      [
        {
          path: 'INBOX',
          recordFolder: false,
          entries: [
            { identifier: UNIT, rights: 'lrwstipekxacd' },
            { identifier: D, rights: 'lrswd' },
          ],
        },
        { path: 'Chỉ đạo', recordFolder: false, entries: [{ identifier: UNIT, rights: 'lrwstipekxacd' }] },
        { path: 'Sent', recordFolder: false, entries: [{ identifier: 'canbo9@binhphuoc.gov.vn', rights: 'lr' }] },
        { path: 'UnitMailbox/Delegation', recordFolder: true, entries: [{ identifier: D, rights: 'lrs' }] },
      ],
      grants,
      owners,
    );
    expect(findings.map((f) => [f.kind, f.folder, f.identifier, f.rights])).toEqual([
      ['unexplained', 'INBOX', D, 'w'],
      ['missing', 'Chỉ đạo', D, 'lrs'],
      ['unexplained', 'Sent', 'canbo9@binhphuoc.gov.vn', 'lr'],
      ['unexplained', 'UnitMailbox/Delegation', D, 'lrs'],
    ]);
    expect(findings[0]?.messageVi).toContain('không ghi nhận');
  });

  it('finds nothing when the live rights are what the register says', () => {
    expect(
      findDrift(
        [
          { path: 'INBOX', recordFolder: false, entries: [{ identifier: D, rights: 'lrs' }] },
          { path: 'Chỉ đạo', recordFolder: false, entries: [{ identifier: D, rights: 'rls' }] },
        ],
        grants,
        owners,
      ),
    ).toEqual([]);
  });
});

describe('server refusals', () => {
  it('turns NO [NOPERM] into PERMISSION_DENIED with a Vietnamese message', () => {
    const e = Object.assign(new Error('Command failed'), {
      responseStatus: 'NO',
      serverResponseCode: 'NOPERM',
      responseText: 'Permission denied',
    });
    const c = classifyImapRefusal(e, { folder: 'shared/vanphong@binhphuoc.gov.vn/INBOX', action: 'append' });
    expect(c?.code).toBe('PERMISSION_DENIED');
    expect(c?.messageVi).toContain('không có quyền thêm thư vào thư mục');
  });

  it('reads a vanished shared folder as lost rights, a vanished own folder as not found, others as not a refusal', () => {
    const gone = { responseStatus: 'NO', responseText: "Mailbox doesn't exist: shared/x/INBOX" };
    expect(classifyImapRefusal(gone, { shared: true })?.code).toBe('PERMISSION_DENIED');
    expect(classifyImapRefusal(gone, { shared: false })?.code).toBe('FOLDER_NOT_FOUND');
    expect(classifyImapRefusal(new Error('socket hang up'))).toBeNull();
    expect(classifyImapRefusal({ responseStatus: 'NO', responseText: 'Over quota' })).toBeNull();
  });

  it('refuses a flag change the server would silently drop (PERMANENTFLAGS)', () => {
    const xem = { permanentFlags: new Set(['\\Seen']) } as never;
    expect(() => assertFlagsPermitted(xem, ['\\Seen'], 'INBOX')).not.toThrow();
    let caught: unknown;
    try {
      assertFlagsPermitted(xem, ['\\Flagged', '$DaXuLy'], 'INBOX');
    } catch (e) {
      caught = e;
    }
    expect(caught).toBeInstanceOf(AppError);
    expect((caught as AppError).code).toBe('PERMISSION_DENIED');
    expect((caught as AppError).data).toEqual({ missingRights: 'w' });
    const xuLy = { permanentFlags: new Set(['\\Seen', '\\Flagged', '\\Deleted', '\\*']) } as never;
    expect(() => assertFlagsPermitted(xuLy, ['\\Flagged', '$DaXuLy', '\\Deleted'], 'INBOX')).not.toThrow();
    expect(() => assertFlagsPermitted(undefined, ['\\Flagged'], 'INBOX')).not.toThrow();
  });
});
