import type { ImapFlow } from 'imapflow';
import { describe, expect, it } from 'vitest';
import type { AuditAction } from '../../shared/audit.ts';
import type { DelegationGrant } from '../../shared/delegation.ts';
import { auditedLedger } from '../../electron/services/audit/audit-ledger.ts';
import { sentAuditAction } from '../../electron/services/audit/audit-send.ts';
import { auditPlaceOf, type AuditSink } from '../../electron/services/audit/audit-sink.ts';
import { outsideAction } from '../../electron/services/audit/audit-sweep.ts';
import { findDrift } from '../../electron/services/delegation/drift.ts';
import { AppError } from '../../electron/services/errors/app-error.ts';
import type { LedgerService } from '../../electron/services/ledger/ledger-service.ts';
import type { StoredOutboxEntry } from '../../electron/services/send/outbox-store.ts';

// The audit wiring without a server: where a session path belongs, what a sent message and a
// ledger action become as records, which ledger calls are recorded, and what `delegate check`
// expects on the ledger and audit folders.
const UNIT = 'vanphong@binhphuoc.gov.vn';
const D = 'canbo1@binhphuoc.gov.vn';

const client = { namespaces: { other: [{ prefix: 'shared/', delimiter: '/' }] } } as unknown as ImapFlow;

function recordingSink(): AuditSink & { calls: Array<[string, string | null, AuditAction[]]> } {
  const calls: Array<[string, string | null, AuditAction[]]> = [];
  return {
    calls,
    record: async (accountId, mailbox, actions) => {
      calls.push([accountId, mailbox, [...actions]]);
      return { state: 'appended', pending: 0 };
    },
  };
}

describe('auditPlaceOf', () => {
  it('names the own mailbox null and a shared folder by its owner, relative to the unit mailbox', () => {
    expect(auditPlaceOf(client, 'INBOX')).toEqual({ mailbox: null, folder: 'INBOX' });
    expect(auditPlaceOf(client, 'Lưu trữ/2026')).toEqual({ mailbox: null, folder: 'Lưu trữ/2026' });
    expect(auditPlaceOf(client, `shared/${UNIT}/INBOX`)).toEqual({ mailbox: UNIT, folder: 'INBOX' });
    expect(auditPlaceOf(client, `shared/VanPhong@binhphuoc.gov.vn/Chỉ đạo/Khẩn`)).toEqual({
      mailbox: UNIT,
      folder: 'Chỉ đạo/Khẩn',
    });
  });
});

describe('sentAuditAction', () => {
  const base = {
    accountId: 'a1',
    messageId: '<m1@binhphuoc.gov.vn>',
    from: UNIT,
    sender: null,
    to: ['snv@binhphuoc.gov.vn'],
    cc: [],
    bcc: ['x@binhphuoc.gov.vn'],
    subject: 'Báo cáo',
    original: null,
  } as unknown as StoredOutboxEntry;

  it('sent by the unit account: send-as-unit on its own mailbox', () => {
    const { mailbox, action } = sentAuditAction(base);
    expect(mailbox).toBeNull();
    expect(action).toMatchObject({
      kind: 'send-as-unit',
      message: null,
      details: { messageId: '<m1@binhphuoc.gov.vn>', to: 'snv@binhphuoc.gov.vn', bcc: 1, onBehalf: false },
    });
  });

  it('a delegate sending for the unit; a reply names the original relative to the unit mailbox', () => {
    const onBehalf = { ...base, sender: D } as StoredOutboxEntry;
    expect(sentAuditAction(onBehalf)).toMatchObject({ mailbox: UNIT, action: { kind: 'send-on-behalf' } });
    const reply = {
      ...onBehalf,
      original: { accountId: 'a1', folder: `shared/${UNIT}/INBOX`, uid: 7, flag: '\\Answered' },
    } as StoredOutboxEntry;
    expect(sentAuditAction(reply, { confirmed: true })).toMatchObject({
      mailbox: UNIT,
      action: { kind: 'reply', message: { folder: 'INBOX', uid: 7 }, details: { confirmedByUser: true } },
    });
    const forward = { ...base, original: { accountId: 'a1', folder: 'INBOX', uid: 3, flag: '$Forwarded' } };
    expect(sentAuditAction(forward as StoredOutboxEntry).action).toMatchObject({
      kind: 'forward',
      message: { folder: 'INBOX', uid: 3 },
    });
  });
});

describe('auditedLedger', () => {
  const entry = {
    number: 4,
    year: 2026,
    status: 'da-giao',
    handler: D,
    deadline: '2026-03-02',
    link: { folder: 'INBOX', uid: 12, uidValidity: 99, messageId: '<cv4@binhphuoc.gov.vn>' },
  };
  const fake = {
    marker: 'inner',
    async assign() {
      return { entry, recordUid: 31, keywords: 'set' };
    },
    async register() {
      return { entry, recordUid: null, keywords: 'set' };
    },
    async claim() {
      throw new AppError('LEDGER_CLAIM_LOST', 'taken');
    },
    async book(this: { marker: string }) {
      return this.marker;
    },
  };

  it('records a done action on its message, not a register that wrote nothing, nor a refused claim', async () => {
    const sink = recordingSink();
    const ledger = auditedLedger(fake as unknown as LedgerService, sink);
    await ledger.assign({ accountId: 'd1', mailbox: 'VanPhong@binhphuoc.gov.vn' }, 4, { to: D.toUpperCase() });
    await ledger.register('a1', { folder: 'INBOX', uid: 12 });
    await expect(ledger.claim('d1', 4)).rejects.toMatchObject({ code: 'LEDGER_CLAIM_LOST' });
    // Other methods are the service's own, called on it.
    expect(await (ledger as unknown as typeof fake).book.call(undefined as never)).toBe('inner');
    expect(sink.calls).toEqual([
      [
        'd1',
        UNIT,
        [
          {
            kind: 'assign',
            message: { folder: 'INBOX', uid: 12, uidValidity: 99, messageId: '<cv4@binhphuoc.gov.vn>' },
            details: {
              number: 4,
              year: 2026,
              status: 'da-giao',
              recordUid: 31,
              to: D,
              deadline: '2026-03-02',
              handler: D,
            },
          },
        ],
      ],
    ]);
  });
});

describe('outside changes and delegate check', () => {
  it('an outside flag change becomes a "ngoài ứng dụng" flag record on its message', () => {
    const action = outsideAction({
      folder: 'INBOX',
      uid: 5,
      kind: 'flags',
      knownModseq: '10',
      currentModseq: '12',
      knownFlags: ['\\Seen'],
      currentFlags: ['\\Flagged', '\\Seen'],
      labelVi: 'ngoài ứng dụng',
      messageVi: 'Cờ đã đổi ngoài ứng dụng.',
    });
    expect(action).toMatchObject({
      kind: 'flag',
      message: { folder: 'INBOX', uid: 5 },
      details: { outside: true, label: 'ngoài ứng dụng', flagsBefore: '\\Seen', flagsAfter: '\\Flagged \\Seen' },
    });
  });

  it("expects 'lri' for each delegate with a grant on the ledger and audit folders, nothing else there", () => {
    const grant: DelegationGrant = {
      ...{ delegate: D, role: 'xu-ly', rights: 'lrsw', rightsWords: [], scope: ['INBOX'], seq: 1, mode: 'acl' },
      ...{ validFrom: '2026-01-01T00:00:00Z', validUntil: null, status: 'active' },
    };
    const folder = (path: string, rights: string | null, shareRights?: string) => ({
      path,
      recordFolder: true,
      shareRights,
      entries: rights === null ? [] : [{ identifier: D, rights }],
    });
    const findings = findDrift(
      [
        { path: 'INBOX', recordFolder: false, entries: [{ identifier: D, rights: 'lrsw' }] },
        folder('UnitMailbox/Audit', 'lrite', 'lri'),
        folder('UnitMailbox/Ledger', null, 'lri'),
        folder('UnitMailbox/Delegation', null),
        { ...folder('UnitMailbox/Audit', 'lr', 'lri'), path: 'UnitMailbox/Audit' },
      ],
      [grant],
      [UNIT],
    );
    expect(findings.map((f) => [f.kind, f.folder, f.rights])).toEqual([
      ['unexplained', 'UnitMailbox/Audit', 'te'],
      ['missing', 'UnitMailbox/Ledger', 'lri'],
      ['missing', 'UnitMailbox/Audit', 'i'],
    ]);
    const revoked = { ...grant, status: 'revoked' as const };
    const after = findDrift([folder('UnitMailbox/Audit', 'lri', 'lri')], [revoked], [UNIT]);
    expect(after.map((f) => [f.kind, f.rights])).toEqual([['unexplained', 'lri']]);
  });
});
