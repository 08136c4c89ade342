import type { ImapFlow } from 'imapflow';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AuditLog } from '../../electron/services/audit/audit-log.ts';
import { AuditStore } from '../../electron/services/audit/audit-store.ts';
import { ManualClock } from '../../electron/services/clock/clock.ts';
import { sessionRunner } from '../../electron/services/delegation/mailbox-session.ts';
import { startMailStack, type MailStack, type StackUser } from '../stack/mail-stack.ts';
import { rawCommand } from '../support/delegation-sides.ts';
import { connectOther } from '../support/fixtures.ts';
import { incoming, ledgerPc, stopPcs, type LedgerPc } from '../support/ledger-sides.ts';
import { tempDir } from '../support/temp-dir.ts';

// The audit log against the real Dovecot: the head and a delegate (own account) append signed,
// chained records; an action taken while Dovecot is down waits in the local queue and is
// appended in order when it is back; the delegate's ACL is append-only; another IMAP client's
// flag change is reported as "ngoài ứng dụng"; raw edits and deletions are named by verify.
const UNIT: StackUser = { email: 'nhatky@binhphuoc.gov.vn', password: 'NhatKy#2026!' };
const DEL: StackUser = { email: 'nhatky.uq@binhphuoc.gov.vn', password: 'NhatKyUq#2026!' };
const AUDIT = 'UnitMailbox/Audit';

let stack: MailStack;
let head: LedgerPc;
let dpc: LedgerPc;
let headLog: AuditLog;
let delLog: AuditLog;
const stores: AuditStore[] = [];
const dirs: Array<() => void> = [];
const clock = new ManualClock(new Date());

function auditFor(pc: LedgerPc): AuditLog {
  const { dir, cleanup } = tempDir('um-audit-');
  dirs.push(cleanup);
  const store = new AuditStore(`${dir}/audit.sqlite`);
  stores.push(store);
  return new AuditLog({
    sessions: sessionRunner(pc.services.accounts),
    accounts: pc.services.accounts,
    identity: pc.services.identity,
    clock,
    settings: pc.services.settings,
    store,
  });
}

async function deliver(raw: ImapFlow, subject: string, id: string): Promise<number> {
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

async function withRaw<T>(email: string, fn: (c: ImapFlow) => Promise<T>): Promise<T> {
  const c = await connectOther(stack, email);
  try {
    return await fn(c);
  } finally {
    await c.logout().catch(() => c.close());
  }
}

async function uidsOf(c: ImapFlow, path: string): Promise<number[]> {
  await c.mailboxOpen(path, { readOnly: true });
  const found = await c.search({ all: true }, { uid: true });
  return (Array.isArray(found) ? found : []).sort((a, b) => a - b);
}

beforeAll(async () => {
  stack = await startMailStack({ users: [UNIT, DEL] });
  head = await ledgerPc(stack, UNIT.email, { kind: 'unit', name: 'Trần Văn Chánh', tag: 'audit-head', clock });
  dpc = await ledgerPc(stack, DEL.email, { kind: 'personal', name: 'Lê Thị Nhật', tag: 'audit-del', clock });
  headLog = auditFor(head);
  delLog = auditFor(dpc);
}, 180_000);

afterAll(async () => {
  stores.forEach((s) => s.close());
  dirs.forEach((c) => c());
  await stopPcs([head, dpc]);
  await stack?.stop();
});

describe('AuditLog (real Dovecot)', { timeout: 180_000 }, () => {
  it('the head records an action: signed by the head, on the message, listed and intact', async () => {
    const uid = await withRaw(UNIT.email, (raw) => deliver(raw, 'Công văn số 1', 'audit-1'));
    const r = await headLog.record(head.accountId, {
      kind: 'register',
      message: { folder: 'INBOX', uid, uidValidity: null, messageId: '<audit-1@binhphuoc.gov.vn>' },
      details: { number: 1 },
    });
    expect(r).toMatchObject({ state: 'appended', seq: 1, pending: 0 });
    const list = await headLog.list(head.accountId);
    expect(list).toHaveLength(1);
    expect(list[0]).toMatchObject({ kind: 'register', trusted: true, by: { email: UNIT.email }, uid: r.uid });
    expect(list[0]?.by.certificateSha256).toMatch(/^[0-9a-f:]{32,}$/i);
    expect(await headLog.verify(head.accountId)).toMatchObject({ folder: AUDIT, records: 1, intact: true });
  });

  it('a delegate with the append-only ACL appends to the unit log through the shared namespace', async () => {
    expect(await headLog.shareAppendOnly(head.accountId, DEL.email)).toBe(AUDIT);
    const acl = await withRaw(UNIT.email, async (c) => {
      let rights = '';
      const raw = c as unknown as {
        exec(cmd: string, a: unknown[], o: unknown): Promise<{ next(): void }>;
      };
      const r = await raw.exec('GETACL', [{ type: 'STRING', value: AUDIT }], {
        untagged: {
          ACL: async (u: { attributes?: Array<{ value?: unknown }> }) => {
            const v = (u.attributes ?? []).map((a) => String(a.value));
            const i = v.indexOf(DEL.email);
            if (i >= 0) rights = v[i + 1] ?? '';
          },
        },
      });
      r.next();
      return rights;
    });
    expect(acl.split('').sort().join('')).toBe('ilr');
    const r = await delLog.record(
      { accountId: dpc.accountId, mailbox: UNIT.email },
      { kind: 'claim', details: { number: 1 } },
    );
    expect(r).toMatchObject({ state: 'appended', seq: 2 });
    const list = await headLog.list(head.accountId, { actor: DEL.email });
    expect(list.map((e) => [e.seq, e.kind, e.by.email, e.trusted])).toEqual([[2, 'claim', DEL.email, true]]);
    expect((await headLog.verify(head.accountId)).intact).toBe(true);
    expect((await delLog.verify({ accountId: dpc.accountId, mailbox: UNIT.email })).intact).toBe(true);
  });

  // RFC 4314 §4: Dovecot answers STORE of a flag the user has no right to with OK and stores
  // nothing, and EXPUNGE without `e` with OK and removes nothing; DELETE without `x` is NO.
  it("the delegate's raw STORE \\Deleted, EXPUNGE and DELETE on the audit folder are refused by Dovecot", async () => {
    const path = `shared/${UNIT.email}/${AUDIT}`;
    const before = await withRaw(UNIT.email, (c) => uidsOf(c, AUDIT));
    const target = before[0]!;
    const flagsAs = async (c: ImapFlow) => {
      const msg = await c.fetchOne(String(target), { flags: true }, { uid: true });
      return [...((msg ? msg.flags : undefined) ?? [])];
    };
    const setDeleted = (c: ImapFlow, op: '+FLAGS' | '-FLAGS') =>
      rawCommand(c, 'UID STORE', [
        { type: 'SEQUENCE', value: String(target) },
        { type: 'ATOM', value: op },
        [{ type: 'ATOM', value: '\\Deleted' }],
      ]);
    const tried = async (p: Promise<unknown>) =>
      p.then(
        () => 'ok',
        (e: unknown) => `refused: ${(e as { responseText?: string }).responseText ?? (e as Error).message}`,
      );
    const owner = await connectOther(stack, UNIT.email);
    try {
      const del = await withRaw(DEL.email, async (d) => {
        await d.mailboxOpen(path);
        await tried(setDeleted(d, '+FLAGS'));
        const afterStore = await flagsAs(d);
        // Even a record the owner marked \Deleted stays when the delegate expunges.
        await owner.mailboxOpen(AUDIT);
        await setDeleted(owner, '+FLAGS');
        await d.noop();
        expect(await flagsAs(d)).toContain('\\Deleted');
        const expunge = await tried(rawCommand(d, 'EXPUNGE', []));
        const uidExpunge = await tried(rawCommand(d, 'UID EXPUNGE', [{ type: 'SEQUENCE', value: String(target) }]));
        await d.mailboxClose().catch(() => undefined);
        const remove = await tried(rawCommand(d, 'DELETE', [{ type: 'STRING', value: path }]));
        return { afterStore, expunge, uidExpunge, remove };
      });
      expect(del.afterStore).not.toContain('\\Deleted');
      expect(del.remove).toMatch(/^refused: .*Permission denied/);
      expect(await uidsOf(owner, AUDIT)).toEqual(before);
      await owner.mailboxOpen(AUDIT);
      await setDeleted(owner, '-FLAGS');
    } finally {
      await owner.logout().catch(() => owner.close());
    }
    expect((await headLog.verify(head.accountId)).intact).toBe(true);
  });

  it('with Dovecot down an action is queued (acknowledged, durable) and appended in order when it is back', async () => {
    await stack.crashImap();
    try {
      clock.advance(60_000);
      const a = await headLog.record(head.accountId, { kind: 'status', details: { status: 'dang-xu-ly' } });
      clock.advance(60_000);
      const b = await headLog.record(head.accountId, { kind: 'export', details: { format: 'pdf' } });
      expect([a.state, b.state, b.pending]).toEqual(['queued', 'queued', 2]);
    } finally {
      await stack.restartImap();
    }
    clock.advance(60_000);
    const c = await headLog.record(head.accountId, { kind: 'flag', details: { flag: '\\Flagged' } });
    expect(c).toMatchObject({ state: 'appended', seq: 5, pending: 0 });
    const list = await headLog.list(head.accountId);
    expect(list.map((e) => [e.seq, e.kind])).toEqual([
      [1, 'register'],
      [2, 'claim'],
      [3, 'status'],
      [4, 'export'],
      [5, 'flag'],
    ]);
    // "When" is when it happened, not when the server got it.
    expect(list[3]!.at < list[4]!.at).toBe(true);
    expect(new Date(list[4]!.at).getTime() - new Date(list[2]!.at).getTime()).toBe(120_000);
    expect((await headLog.verify(head.accountId)).intact).toBe(true);
  });

  it('filters by kind and time; concurrent actions on one computer never append a record twice', async () => {
    const all = await headLog.list(head.accountId);
    expect((await headLog.list(head.accountId, { kind: 'export' })).map((e) => e.seq)).toEqual([4]);
    const window = { from: all[2]!.at, to: all[3]!.at };
    expect((await headLog.list(head.accountId, window)).map((e) => e.seq)).toEqual([3, 4]);
    const done = await Promise.all(
      ['move', 'delete', 'accept'].map((kind) => headLog.record(head.accountId, { kind: kind as 'move' })),
    );
    expect(done.map((d) => d.state)).toEqual(['appended', 'appended', 'appended']);
    expect(new Set(done.map((d) => d.seq)).size).toBe(3);
    // A record already on the server but still queued (a crash between APPEND and "done") is not appended again.
    const stored = stores[0]!;
    const again = all[4]!;
    stored.enqueue(head.accountId, {
      id: again.id,
      at: again.at,
      actor: again.by.email,
      mailbox: again.mailbox,
      action: { kind: again.kind, details: again.details },
    });
    expect(await headLog.flush(head.accountId)).toEqual([{ id: again.id, uid: again.uid, seq: again.seq }]);
    expect(headLog.pendingCount(head.accountId)).toBe(0);
    const v = await headLog.verify(head.accountId);
    expect([v.records, v.intact]).toEqual([8, true]);
  });
});
