import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Notice } from '../../shared/contract-notices.ts';
import { EventBus } from '../../electron/services/api/event-bus.ts';
import { ManualClock } from '../../electron/services/clock/clock.ts';
import { createLedgerServices, type LedgerServices } from '../../electron/services/ledger/ledger-services.ts';
import { digestMessageId } from '../../electron/services/ledger/notify/digest-delivery.ts';
import { DisposableStore } from '../../electron/services/lifecycle/disposable.ts';
import { nullLogger } from '../../electron/services/logging/logger.ts';
import { startMailStack, type MailStack, type StackUser } from '../stack/mail-stack.ts';
import { connectOther } from '../support/fixtures.ts';
import { incoming, ledgerPc, stopPcs, type LedgerPc } from '../support/ledger-sides.ts';
import { tempDir } from '../support/temp-dir.ts';

// The head's daily digest on the real Dovecot: due at 07:30 on a working day (a ManualClock), put
// into the unit mailbox's own INBOX by APPEND (text and HTML), told as a notice; once a day,
// also after a restart and from the head's second computer.
const UNIT: StackUser = { email: 'sokhcn@binhphuoc.gov.vn', password: 'SoKhcn#2026!' };
const STAFF = 'chuyenvien.khcn@binhphuoc.gov.vn';
const RESOURCES = new URL('../../resources/', import.meta.url).pathname;

let stack: MailStack;
let head: LedgerPc;
const clock = new ManualClock('2026-03-09T01:00:00Z'); // Monday 08:00 in Vietnam
const dirs: Array<() => void> = [];
const lifetimes: DisposableStore[] = [];
const told: Notice[] = [];

function computer(profileDir?: string): { ls: LedgerServices; profileDir: string; lifetime: DisposableStore } {
  let dir = profileDir;
  if (!dir) {
    const t = tempDir('um-ledger-digest-');
    dirs.push(t.cleanup);
    dir = t.dir;
  }
  const events = new EventBus();
  events.on('notices.new', ({ notices }) => told.push(...notices));
  const lifetime = new DisposableStore();
  lifetimes.push(lifetime);
  const ls = createLedgerServices({
    accounts: head.services.accounts,
    identity: head.services.identity,
    events,
    clock,
    logger: nullLogger,
    resourcesDir: RESOURCES,
    profileDir: dir,
    lifetime,
  });
  return { ls, profileDir: dir, lifetime };
}

async function deliver(subject: string, id: string): Promise<number> {
  await stack.appendMessage(UNIT.email, 'INBOX', incoming(UNIT.email, subject, id));
  return (await inbox(id))[0] ?? Promise.reject(new Error(`no ${id}`));
}

/** UIDs of INBOX messages with this Message-ID (bare or bracketed). */
async function inbox(id: string): Promise<number[]> {
  const raw = await connectOther(stack, UNIT.email);
  try {
    await raw.mailboxOpen('INBOX', { readOnly: true });
    const found = await raw.search({ header: { 'message-id': id } }, { uid: true });
    return Array.isArray(found) ? found : [];
  } finally {
    await raw.logout().catch(() => raw.close());
  }
}

async function sourceOf(uid: number): Promise<string> {
  const raw = await connectOther(stack, UNIT.email);
  try {
    await raw.mailboxOpen('INBOX', { readOnly: true });
    const msg = await raw.fetchOne(String(uid), { source: true }, { uid: true });
    return msg && msg.source ? msg.source.toString('utf8') : '';
  } finally {
    await raw.logout().catch(() => raw.close());
  }
}

beforeAll(async () => {
  stack = await startMailStack({ users: [UNIT] });
  head = await ledgerPc(stack, UNIT.email, { kind: 'unit', name: 'Nguyễn Văn Giám Đốc', tag: 'digest-head', clock });
}, 180_000);

afterAll(async () => {
  for (const l of lifetimes) await l.dispose().catch(() => undefined);
  dirs.forEach((c) => c());
  await stopPcs([head]);
  await stack?.stop();
});

describe('the head’s daily digest (real Dovecot)', { timeout: 240_000 }, () => {
  it('lands in the head’s INBOX once at 07:30 on a working day, after a restart and from a second PC', async () => {
    const first = computer();
    const ledger = first.ls.ledger;
    const a = await ledger.register(head.accountId, {
      folder: 'INBOX',
      uid: await deliver('Công văn 5/UBND V/v A', 'dg-1'),
    });
    const b = await ledger.register(head.accountId, {
      folder: 'INBOX',
      uid: await deliver('Kế hoạch 9/SNV V/v B', 'dg-2'),
    });
    await ledger.assign(head.accountId, a.entry, { to: STAFF, deadline: '2026-03-10' });
    await ledger.assign(head.accountId, b.entry, { to: STAFF, deadline: '2026-03-06' });
    // Tuesday 10 March, 07:00 in Vietnam: not yet.
    clock.set('2026-03-10T00:00:00Z');
    expect(await first.ls.digest.tick()).toEqual([]);
    clock.set('2026-03-10T00:45:00Z');
    expect(await first.ls.digest.tick()).toEqual([head.accountId]);
    const id = digestMessageId(UNIT.email, '2026-03-10');
    const uids = await inbox(id);
    expect(uids).toHaveLength(1);
    const source = await sourceOf(uids[0]!);
    expect(source).toMatch(/^Content-Type: multipart\/alternative/im);
    expect(source).toMatch(/^Content-Type: text\/html/im);
    expect(source).toContain('X-Unit-Mailbox-Digest: 2026-03-10');
    expect(told.filter((n) => n.kind === 'digest')).toEqual([
      expect.objectContaining({
        accountId: head.accountId,
        params: expect.objectContaining({ day: '2026-03-10', newCount: 2, overdueCount: 1, dueTodayCount: 1 }),
      }),
    ]);
    expect(await first.ls.digest.tick()).toEqual([]);
    // Restart: the same profile remembers the day.
    await first.lifetime.dispose();
    const restarted = computer(first.profileDir);
    expect(await restarted.ls.digest.tick()).toEqual([]);
    // The head's second computer finds the digest already in INBOX and adds nothing.
    const second = computer();
    expect(await second.ls.deliverDigest(head.accountId)).toBe(false);
    expect(await second.ls.digest.tick()).toEqual([]);
    expect(await inbox(id)).toHaveLength(1);
    expect(told.filter((n) => n.kind === 'digest')).toHaveLength(2); // one per computer, never twice on one
  });
});
