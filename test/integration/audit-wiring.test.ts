import type { ImapFlow } from 'imapflow';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AuditEntry } from '../../shared/audit.ts';
import { composeInputSchema } from '../../shared/compose.ts';
import { getAcl } from '../../electron/services/imap/imap-acl.ts';
import { startMailStack, type MailStack, type StackUser } from '../stack/mail-stack.ts';
import { rawCommand } from '../support/delegation-sides.ts';
import { connectOther } from '../support/fixtures.ts';
import { incoming, ledgerPc, stopPcs, type LedgerPc } from '../support/ledger-sides.ts';

// The audit log wired into the app's services, against the real Dovecot and Postfix: a flag, a
// move, a ledger registration and assignment, a delegation grant and a message sent as the unit
// each leave their record (who, what, on which message); a grant gives the delegate 'lri' on the
// audit and ledger folders, `delegate check` flags a changed ACL; the delegate's own action on the
// shared mailbox is recorded under the delegate's name; a flag another client changes is recorded
// after the next sync as "ngoài ứng dụng", the delegate's change (recorded) is not.
const UNIT: StackUser = { email: 'nhatky.app@binhphuoc.gov.vn', password: 'NhatKyApp#2026!' };
const DEL: StackUser = { email: 'nhatky.app.uq@binhphuoc.gov.vn', password: 'NhatKyAppUq#2026!' };
const AUDIT = 'UnitMailbox/Audit';
const LEDGER = 'UnitMailbox/Ledger';
const ARCHIVE = 'Lưu trữ';

let stack: MailStack;
let head: LedgerPc;
let dpc: LedgerPc;
let raw: ImapFlow;
const uids: Record<string, number> = {};

async function deliver(id: string, subject: string): Promise<number> {
  await stack.appendMessage(UNIT.email, 'INBOX', incoming(UNIT.email, subject, id));
  const lock = await raw.getMailboxLock('INBOX', { readOnly: true });
  try {
    await raw.noop();
    const found = await raw.search({ header: { 'message-id': id } }, { uid: true });
    return (Array.isArray(found) ? found[0] : undefined) ?? Promise.reject(new Error(`no ${id}`));
  } finally {
    lock.release();
  }
}

const log = () => head.services.audit.log;
const entries = () => log().list(head.accountId);
const last = async (): Promise<AuditEntry> => (await entries()).at(-1) as AuditEntry;

beforeAll(async () => {
  stack = await startMailStack({ users: [UNIT, DEL] });
  raw = await connectOther(stack, UNIT.email);
  for (const f of [ARCHIVE, 'Sent']) await raw.mailboxCreate(f).catch(() => undefined);
  head = await ledgerPc(stack, UNIT.email, { kind: 'unit', name: 'Trần Thị Chánh', tag: 'audit-app-head' });
  dpc = await ledgerPc(stack, DEL.email, { kind: 'personal', name: 'Lê Văn Ủy', tag: 'audit-app-del' });
  uids.a = await deliver('aw-1', 'Công văn số 21/UBND-VP V/v báo cáo tháng');
  uids.b = await deliver('aw-2', 'Thư mời họp giao ban');
}, 180_000);

afterAll(async () => {
  await raw?.logout().catch(() => undefined);
  await stopPcs([head, dpc]);
  await stack?.stop();
});

describe('audit wired into the app services (real Dovecot)', { timeout: 180_000 }, () => {
  it('a flag change and a move through MailActions are recorded on their messages', async () => {
    await head.services.actions.setFlags(head.accountId, 'INBOX', [uids.a!], ['\\Flagged'], []);
    const flag = await last();
    expect(flag).toMatchObject({
      kind: 'flag',
      by: { email: UNIT.email },
      mailbox: UNIT.email,
      message: { folder: 'INBOX', uid: uids.a, messageId: '<aw-1@binhphuoc.gov.vn>' },
      details: { add: '\\Flagged', remove: '' },
      trusted: true,
    });
    expect(flag.message?.uidValidity).toBeGreaterThan(0);

    const moved = await head.services.actions.move(head.accountId, 'INBOX', [uids.b!], ARCHIVE);
    expect(moved.moved).toBe(1);
    expect(await last()).toMatchObject({
      kind: 'move',
      message: { folder: 'INBOX', uid: uids.b, messageId: '<aw-2@binhphuoc.gov.vn>' },
      details: { to: ARCHIVE },
    });
    expect((await last()).details.newUid).toBeGreaterThan(0);
  });

  it('ledger register and assign through the services are recorded with the entry number', async () => {
    const reg = await head.services.ledger.register(head.accountId, { folder: 'INBOX', uid: uids.a! });
    const number = reg.entry.number;
    // The entry's own year (its ngày đến), not the clock's: the test must not depend on today's date.
    await head.services.ledger.assign(
      head.accountId,
      { year: reg.entry.year, number },
      { to: DEL.email, deadline: '2099-01-15' },
    );
    // A ledger action answers once its audit record is durable in the queue; the append follows.
    await log().settle();
    const [r, a] = (await entries()).slice(-2);
    expect(r).toMatchObject({ kind: 'register', message: { folder: 'INBOX', uid: uids.a }, details: { number } });
    expect(a).toMatchObject({
      kind: 'assign',
      message: { folder: 'INBOX', uid: uids.a, messageId: '<aw-1@binhphuoc.gov.vn>' },
      details: { number, to: DEL.email, deadline: '2099-01-15', status: 'da-giao' },
    });
  });

  it("a grant is recorded and gives the delegate 'lri' on the audit and ledger folders; check flags a changed ACL", async () => {
    await head.services.delegation.grant(head.accountId, { delegate: DEL.email, role: 'xu-ly', scope: 'all' });
    expect(await last()).toMatchObject({
      kind: 'delegation-grant',
      message: null,
      details: { delegate: DEL.email, role: 'xu-ly', type: 'grant' },
    });
    const rightsOf = async (folder: string) =>
      (await getAcl(raw, folder))
        .find((e) => e.identifier === DEL.email)
        ?.rights.split('')
        .sort()
        .join('');
    expect(await rightsOf(AUDIT)).toBe('ilr');
    expect(await rightsOf(LEDGER)).toBe('ilr');
    expect(await rightsOf('UnitMailbox/Delegation')).toBeUndefined();
    expect(await head.services.delegation.check(head.accountId)).toMatchObject({ ok: true, drift: [] });

    // Someone widens the delegate's rights on the audit folder, and removes them on the ledger.
    await rawCommand(raw, 'SETACL', [
      { type: 'STRING', value: AUDIT },
      { type: 'STRING', value: DEL.email },
      { type: 'STRING', value: 'lrite' },
    ]);
    await rawCommand(raw, 'DELETEACL', [
      { type: 'STRING', value: LEDGER },
      { type: 'STRING', value: DEL.email },
    ]);
    const report = await head.services.delegation.check(head.accountId);
    expect(report.ok).toBe(false);
    expect(report.drift.map((d) => [d.kind, d.folder, d.identifier, d.rights])).toEqual(
      expect.arrayContaining([
        ['unexplained', AUDIT, DEL.email, 'te'],
        ['missing', LEDGER, DEL.email, 'lri'],
      ]),
    );
    const fixed = await head.services.delegation.check(head.accountId, { fix: true });
    expect(fixed).toMatchObject({ ok: true, drift: [] });
    expect(await rightsOf(AUDIT)).toBe('ilr');
  });

  it("the delegate's flag change on the shared mailbox is recorded under the delegate's name", async () => {
    const path = `shared/${UNIT.email}/INBOX`;
    await dpc.services.actions.setFlags(dpc.accountId, path, [uids.a!], ['\\Seen'], []);
    const onUnit = { accountId: dpc.accountId, mailbox: UNIT.email };
    const mine = await dpc.services.audit.log.list(onUnit, { actor: DEL.email });
    expect(mine.map((e) => [e.kind, e.mailbox, e.message?.folder, e.message?.uid, e.trusted])).toEqual([
      ['flag', UNIT.email, 'INBOX', uids.a, true],
    ]);
  });

  it('a message sent as the unit is recorded with its Message-ID and recipients', async () => {
    const entry = await head.services.outbox.queue(
      composeInputSchema.parse({
        accountId: head.accountId,
        undoSeconds: 0,
        to: [DEL.email],
        subject: 'Báo cáo tháng',
        text: 'Kính gửi đồng chí.',
      }),
    );
    expect((await head.services.outbox.flush(head.accountId)).sent).toBe(1);
    expect(await last()).toMatchObject({
      kind: 'send-as-unit',
      details: { messageId: entry.messageId, to: DEL.email, subject: 'Báo cáo tháng', onBehalf: false },
    });
  });

  it('after a sync, a flag another client changed is recorded as "ngoài ứng dụng"; the log stays intact', async () => {
    // The delegate's change to the same message is in the log: the first sync does not call it outside.
    await head.services.sync.start(head.accountId);
    expect((await entries()).filter((e) => e.details.outside === true)).toEqual([]);
    const other = await connectOther(stack, UNIT.email);
    try {
      await other.mailboxOpen('INBOX');
      await other.messageFlagsAdd(String(uids.a), ['$Important'], { uid: true });
    } finally {
      await other.logout().catch(() => other.close());
    }
    await head.services.sync.start(head.accountId);
    const outside = (await entries()).filter((e) => e.details.outside === true);
    expect(outside.map((e) => [e.kind, e.message?.folder, e.message?.uid, e.details.label])).toEqual([
      ['flag', 'INBOX', uids.a, 'ngoài ứng dụng'],
    ]);
    expect(String(outside[0]?.details.flagsAfter)).toContain('$Important');
    // Seen once: the next sync does not record it again.
    await head.services.sync.start(head.accountId);
    expect((await entries()).filter((e) => e.details.outside === true)).toHaveLength(1);
    const v = await log().verify(head.accountId);
    expect(v).toMatchObject({ intact: true, folder: AUDIT });
    const kinds = (await entries()).map((e) => e.kind);
    expect(kinds).toEqual(
      expect.arrayContaining(['flag', 'move', 'register', 'assign', 'delegation-grant', 'send-as-unit']),
    );
    expect(log().pendingCount(head.accountId)).toBe(0);
  });
});
