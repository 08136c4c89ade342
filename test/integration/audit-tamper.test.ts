import type { ImapFlow } from 'imapflow';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AuditLog } from '../../electron/services/audit/audit-log.ts';
import { AuditStore } from '../../electron/services/audit/audit-store.ts';
import { ManualClock } from '../../electron/services/clock/clock.ts';
import { sessionRunner } from '../../electron/services/delegation/mailbox-session.ts';
import { AppError } from '../../electron/services/errors/app-error.ts';
import { buildRecordMessage, parseRecordMessage } from '../../electron/services/records/record-message.ts';
import { startMailStack, type MailStack, type StackUser } from '../stack/mail-stack.ts';
import { rawCommand } from '../support/delegation-sides.ts';
import { connectOther } from '../support/fixtures.ts';
import { incoming, ledgerPc, stopPcs, type LedgerPc } from '../support/ledger-sides.ts';
import { tempDir } from '../support/temp-dir.ts';

// Another IMAP client's flag change is "ngoài ứng dụng", the app's own is not; the owner's raw
// edit (APPEND + EXPUNGE) or deletion of an audit record is named by verify.
const UNIT: StackUser = { email: 'nhatky.kt@binhphuoc.gov.vn', password: 'NhatKyKt#2026!' };
const AUDIT = 'UnitMailbox/Audit';

let stack: MailStack;
let head: LedgerPc;
let log: AuditLog;
let store: AuditStore;
let cleanupDir: () => void;
let raw: ImapFlow;
const clock = new ManualClock(new Date());

async function deliver(id: string): Promise<number> {
  await stack.appendMessage(UNIT.email, 'INBOX', incoming(UNIT.email, `Công văn ${id}`, id));
  const lock = await raw.getMailboxLock('INBOX', { readOnly: true });
  try {
    await raw.noop();
    const found = await raw.search({ header: { 'message-id': id } }, { uid: true });
    return (Array.isArray(found) ? found[0] : undefined) ?? Promise.reject(new Error(`no ${id}`));
  } finally {
    lock.release();
  }
}

const flag = (c: ImapFlow, uid: number, op: '+FLAGS' | '-FLAGS', f: string) =>
  rawCommand(c, 'UID STORE', [
    { type: 'SEQUENCE', value: String(uid) },
    { type: 'ATOM', value: op },
    [{ type: 'ATOM', value: f }],
  ]);

async function expungeUid(uid: number): Promise<void> {
  await raw.mailboxOpen(AUDIT);
  await flag(raw, uid, '+FLAGS', '\\Deleted');
  await rawCommand(raw, 'UID EXPUNGE', [{ type: 'SEQUENCE', value: String(uid) }]);
}

const appFlag = async (uid: number, f: string) => {
  // The app changes the flag on its connection, then records what it did.
  await raw.mailboxOpen('INBOX');
  await flag(raw, uid, '+FLAGS', f);
  return log.record(head.accountId, {
    kind: 'flag',
    message: { folder: 'INBOX', uid, uidValidity: null, messageId: null },
    details: { add: f },
  });
};

beforeAll(async () => {
  stack = await startMailStack({ users: [UNIT] });
  raw = await connectOther(stack, UNIT.email);
  head = await ledgerPc(stack, UNIT.email, { kind: 'unit', name: 'Võ Văn Kiểm', tag: 'audit-kt', clock });
  const dir = tempDir('um-audit-kt-');
  cleanupDir = dir.cleanup;
  store = new AuditStore(`${dir.dir}/audit.sqlite`);
  log = new AuditLog({
    sessions: sessionRunner(head.services.accounts),
    accounts: head.services.accounts,
    identity: head.services.identity,
    clock,
    settings: head.services.settings,
    store,
  });
}, 180_000);

afterAll(async () => {
  await raw?.logout().catch(() => undefined);
  store?.close();
  cleanupDir?.();
  await stopPcs([head]);
  await stack?.stop();
});

describe('audit: outside changes and tampering (real Dovecot)', { timeout: 180_000 }, () => {
  it('a flag changed by another IMAP client is "ngoài ứng dụng"; one changed through the app is not', async () => {
    const m1 = await deliver('kt-1');
    const m2 = await deliver('kt-2');
    expect((await appFlag(m1, '$DaVaoSo')).state).toBe('appended');
    expect(await log.observe(head.accountId, 'INBOX', [m2])).toBe(1);
    expect(await log.outsideChanges(head.accountId, 'INBOX')).toEqual([]);

    const other = await connectOther(stack, UNIT.email);
    try {
      await other.mailboxOpen('INBOX');
      await flag(other, m2, '+FLAGS', '\\Flagged');
    } finally {
      await other.logout().catch(() => other.close());
    }
    clock.advance(1000);
    await appFlag(m1, '\\Seen');
    const changes = await log.outsideChanges(head.accountId, 'INBOX');
    expect(changes.map((c) => [c.uid, c.kind, c.labelVi, c.currentFlags])).toEqual([
      [m2, 'flags', 'ngoài ứng dụng', ['\\Flagged']],
    ]);
    expect(changes[0]?.messageVi).toContain('ngoài ứng dụng');
    expect(BigInt(changes[0]!.currentModseq!) > BigInt(changes[0]!.knownModseq)).toBe(true);
    // Once acknowledged, the same change is not reported again.
    expect(await log.outsideChanges(head.accountId, 'INBOX', { acknowledge: true })).toHaveLength(1);
    expect(await log.outsideChanges(head.accountId, 'INBOX')).toEqual([]);
  });

  it("the owner's raw edit of a record (APPEND + EXPUNGE) is named by verify", async () => {
    for (const kind of ['move', 'delete', 'export'] as const) {
      clock.advance(1000);
      await log.record(head.accountId, { kind });
    }
    expect((await log.verify(head.accountId)).intact).toBe(true);
    const entries = await log.list(head.accountId);
    expect(entries.map((e) => e.seq)).toEqual([1, 2, 3, 4, 5]);
    const victim = entries[1]!;
    await raw.mailboxOpen(AUDIT);
    const msg = await raw.fetchOne(String(victim.uid), { source: true }, { uid: true });
    const parsed = await parseRecordMessage(msg ? msg.source! : Buffer.alloc(0));
    const edited = new TextDecoder().decode(parsed.json).replace('"details":{"add":"\\\\Seen"}', '"details":{}');
    expect(edited).not.toBe(new TextDecoder().decode(parsed.json));
    const forged = buildRecordMessage({
      from: UNIT.email,
      subject: parsed.subject,
      date: new Date(victim.at),
      note: 'edited',
      json: new TextEncoder().encode(edited),
      signature: parsed.signature!,
    });
    await raw.append(AUDIT, forged, ['\\Seen']);
    await expungeUid(victim.uid);

    const v = await log.verify(head.accountId);
    expect(v.intact).toBe(false);
    expect(v.first).toMatchObject({ kind: 'missing', seq: 2, uid: victim.uid });
    expect(v.problems.map((p) => p.kind)).toContain('bad-signature');
    const err = await log.assertIntact(head.accountId).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(AppError);
    expect(err).toMatchObject({ code: 'AUDIT_TAMPERED', data: { kind: 'missing', seq: 2, uid: victim.uid } });
    expect((err as AppError).messageVi).toContain(`Bản ghi nhật ký số 2 (thư UID ${victim.uid})`);
  });

  it('a deleted record, and a deleted LAST record (through the persisted head), are named', async () => {
    const entries = await log.list(head.accountId);
    const fourth = entries.find((e) => e.seq === 4)!;
    const last = entries.find((e) => e.seq === 5)!;
    await expungeUid(fourth.uid);
    const v1 = await log.verify(head.accountId);
    expect(v1.problems).toContainEqual(expect.objectContaining({ kind: 'missing', seq: 4, uid: fourth.uid }));
    await expungeUid(last.uid);
    const v2 = await log.verify(head.accountId);
    expect(v2.problems).toContainEqual(expect.objectContaining({ kind: 'missing-last', seq: 5, uid: last.uid }));
  });
});
