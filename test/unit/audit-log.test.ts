import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AuditAction, AuditProblemKind } from '../../shared/audit.ts';
import { compareSeen } from '../../electron/services/audit/audit-outside.ts';
import { loadAuditHead, saveAuditHead } from '../../electron/services/audit/audit-place.ts';
import {
  auditChainProblems,
  auditPosition,
  checkMessage,
  type AuditItem,
} from '../../electron/services/audit/audit-read.ts';
import { signAuditRecord, type AuditDraft } from '../../electron/services/audit/audit-record.ts';
import { AuditLog } from '../../electron/services/audit/audit-log.ts';
import { isUnreachable, Lanes } from '../../electron/services/audit/audit-lanes.ts';
import { AuditStore } from '../../electron/services/audit/audit-store.ts';
import { ManualClock, systemClock } from '../../electron/services/clock/clock.ts';
import type { SessionRunner } from '../../electron/services/delegation/mailbox-session.ts';
import { AppError } from '../../electron/services/errors/app-error.ts';
import { IdentityService } from '../../electron/services/identity/identity-service.ts';
import type { Signer } from '../../electron/services/identity/signer.ts';
import { sha256Hex } from '../../electron/services/ledger/ledger-read.ts';
import { SettingsRepository } from '../../electron/services/settings/settings-repository.ts';
import { MemorySecretStore } from '../support/memory-secret-store.ts';
import { tempDir } from '../support/temp-dir.ts';

// The audit log without a server: records built and signed exactly as they are appended, read
// back from their message bytes; the chain's verdicts; the local queue and the head.
const UNIT = 'vanphong@binhphuoc.gov.vn';
const cleanups: Array<() => void> = [];
let signer: Signer;
const memoryStore = () => {
  const m = new Map<string, unknown>();
  return { get: (k: string) => m.get(k), set: (k: string, v: unknown) => void m.set(k, v) };
};

beforeAll(async () => {
  const { dir, cleanup } = tempDir('um-audit-');
  cleanups.push(cleanup);
  const identity = new IdentityService({ profileDir: dir, secrets: new MemorySecretStore(), clock: systemClock });
  await identity.create({ name: 'Nguyễn Văn An', title: 'Chánh Văn phòng', unit: 'Văn phòng', email: UNIT });
  signer = await identity.signer();
}, 120_000);
afterAll(() => cleanups.splice(0).forEach((c) => c()));

const draft = (n: number, action: AuditAction = { kind: 'flag' }): AuditDraft => ({
  id: `id-${n}`,
  at: new Date(Date.now() - 60_000 + n).toISOString(),
  actor: UNIT,
  mailbox: UNIT,
  action,
});

/** Writes records one after the other as one writer would; `seen` picks what each writer read. */
async function folderOf(n: number, seen?: (items: AuditItem[], i: number) => AuditItem[]): Promise<AuditItem[]> {
  const items: AuditItem[] = [];
  for (let i = 1; i <= n; i++) {
    const read = seen ? seen(items, i) : items;
    const signed = await signAuditRecord(draft(i), auditPosition(read), signer);
    const checked = await checkMessage(i * 10, signed.message);
    expect(checked.problems).toEqual([]);
    items.push(checked.item!);
  }
  return items;
}
const kinds = (items: AuditItem[], known = []) => auditChainProblems(items, known).map((p) => [p.kind, p.seq, p.uid]);

describe('audit records and chain', { timeout: 60_000 }, () => {
  it('a record reads back signed, canonical, with who, when, what and which message', async () => {
    const action: AuditAction = {
      kind: 'move',
      message: { folder: 'INBOX', uid: 7, uidValidity: 3, messageId: '<a@b>' },
      details: { to: 'Đã xử lý' },
    };
    const signed = await signAuditRecord(draft(1, action), auditPosition([]), signer);
    const { item, problems } = await checkMessage(1, signed.message);
    expect(problems).toEqual([]);
    expect(item?.record).toMatchObject({
      seq: 1,
      prev: '',
      kind: 'move',
      by: { email: UNIT },
      details: { to: 'Đã xử lý' },
    });
    expect(item?.record.message).toEqual(action.message);
    expect(item?.sha256).toBe(sha256Hex(signed.json));
  });

  it('an edited record is named (bad signature) and a later one no longer links to it', async () => {
    const items = await folderOf(3);
    const edited = await signAuditRecord(draft(2, { kind: 'delete' }), auditPosition(items.slice(0, 1)), signer);
    const swapped = await checkMessage(40, Buffer.from(edited.message));
    const tampered = [items[0]!, swapped.item!, items[2]!];
    expect(kinds(tampered)[0]).toEqual(['missing', 2, 20]);
  });

  it('a deleted record, a reordered one and one a later writer skipped are each named', async () => {
    const items = await folderOf(4);
    expect(kinds(items)).toEqual([]);
    expect(kinds([items[0]!, items[2]!, items[3]!])).toEqual([['missing', 2, 20]]);
    const moved = { ...items[1]!, uid: 99 };
    expect(kinds([items[0]!, moved, items[2]!, items[3]!]).map((k) => k[0] as AuditProblemKind)).toContain('reordered');
    // Writer 3 ran at the same time as writer 2 (read only #1); writer 4 read #1 and #3 but not #2,
    // though #2 has a lower UID than #3 it links: #2 was skipped.
    const skipped = await folderOf(4, (items, i) =>
      i === 3 ? items.slice(0, 1) : i === 4 ? [items[0]!, items[2]!] : items,
    );
    expect(kinds(skipped)).toContainEqual(['unlinked', 2, 20]);
  });

  it('a deleted LAST record is caught only through the persisted head', async () => {
    const items = await folderOf(3);
    const last = { sha256: items[2]!.sha256, seq: 3, uid: 30 };
    expect(kinds(items.slice(0, 2))).toEqual([]);
    expect(kinds(items.slice(0, 2), [last] as never)).toEqual([['missing-last', 3, 30]]);
    const settings = new SettingsRepository(memoryStore());
    saveAuditHead(settings, 'acc', UNIT, last);
    saveAuditHead(settings, 'acc', UNIT, { sha256: 'older', seq: 2, uid: 20 });
    expect(loadAuditHead(settings, 'acc', UNIT.toUpperCase())).toEqual(last);
  });
});

describe('the local queue: durable before acknowledged', () => {
  it('keeps actions in order across a restart and acknowledges a queued record when offline', async () => {
    const { dir, cleanup } = tempDir('um-audit-q-');
    cleanups.push(cleanup);
    const file = `${dir}/audit.sqlite`;
    let store = new AuditStore(file);
    const offline: SessionRunner = async () => {
      throw new AppError('HOST_UNREACHABLE', 'IMAP 127.0.0.1:1: ECONNREFUSED');
    };
    const clock = new ManualClock('2026-03-02T01:00:00Z');
    let n = 0;
    const log = new AuditLog({
      sessions: offline,
      accounts: { get: () => ({ id: 'acc-1', email: UNIT }) as never },
      identity: { signer: async () => signer },
      clock,
      settings: new SettingsRepository(memoryStore()),
      store,
      newId: () => `e${++n}`,
    });
    const a = await log.record('acc-1', { kind: 'claim' });
    clock.advance(1000);
    const b = await log.record('acc-1', { kind: 'status', details: { status: 'da-xu-ly' } });
    expect([a.state, b.state, b.pending]).toEqual(['queued', 'queued', 2]);
    store.close();
    store = new AuditStore(file);
    const left = store.pending('acc-1', UNIT);
    expect(left.map((q) => [q.draft.id, q.draft.action.kind, q.draft.at])).toEqual([
      ['e1', 'claim', '2026-03-02T01:00:00.000Z'],
      ['e2', 'status', '2026-03-02T01:00:01.000Z'],
    ]);
    expect(left[0]?.lastError).toContain('ECONNREFUSED');
    store.close();
    await expect(log.record('acc-1', { kind: 'nope' } as never)).rejects.toMatchObject({ code: 'VALIDATION' });
  });

  it('runs one flush at a time per mailbox, even when one fails', async () => {
    const lanes = new Lanes();
    const log: string[] = [];
    const task =
      (name: string, ms: number, fail = false) =>
      async () => {
        log.push(`${name}+`);
        await new Promise((r) => setTimeout(r, ms));
        log.push(`${name}-`);
        if (fail) throw new Error(name);
      };
    await Promise.allSettled([
      lanes.run('a', task('1', 20, true)),
      lanes.run('a', task('2', 1)),
      lanes.run('b', task('3', 1)),
    ]);
    expect(log.indexOf('2+')).toBeGreaterThan(log.indexOf('1-'));
    expect(log.indexOf('3+')).toBeLessThan(log.indexOf('1-'));
  });

  it('tells an unreachable server from a refusal', () => {
    expect(isUnreachable(new AppError('HOST_UNREACHABLE', 'x'))).toBe(true);
    expect(isUnreachable(Object.assign(new Error('closed'), { code: 'NoConnection' }))).toBe(true);
    expect(isUnreachable(new AppError('PERMISSION_DENIED', 'x'))).toBe(false);
  });
});

describe('changes outside the app (CONDSTORE)', () => {
  it('reports a higher MODSEQ with other flags, a change of content and a removal; not what the app saw', () => {
    const known = [
      { uid: 1, modseq: 10n, flags: ['\\Seen'] },
      { uid: 2, modseq: 11n, flags: [] },
      { uid: 3, modseq: 12n, flags: [] },
      { uid: 4, modseq: 13n, flags: ['$DaVaoSo'] },
    ];
    const now = [
      { uid: 1, modseq: 20n, flags: ['\\Flagged', '\\Seen'] },
      { uid: 2, modseq: 21n, flags: [] },
      { uid: 4, modseq: 13n, flags: ['$DaVaoSo'] },
    ];
    const changes = compareSeen('INBOX', known, now);
    expect(changes.map((c) => [c.uid, c.kind, c.labelVi])).toEqual([
      [1, 'flags', 'ngoài ứng dụng'],
      [2, 'modified', 'ngoài ứng dụng'],
      [3, 'removed', 'ngoài ứng dụng'],
    ]);
    expect(changes[0]?.messageVi).toContain('\\Flagged');
  });
});
