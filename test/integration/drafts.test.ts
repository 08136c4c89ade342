// Drafts against the real Dovecot: saved here and in the server's \Drafts (one version there),
// reopened after the app is gone (local store) and from another PC (server copy), removed once sent.
import type { ImapFlow } from 'imapflow';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { composeInputSchema, type ComposeInput } from '../../shared/compose.ts';
import { createAppServices, type AppServices } from '../../electron/services/app-services.ts';
import { systemClock } from '../../electron/services/clock/clock.ts';
import { AppError } from '../../electron/services/errors/app-error.ts';
import { nullLogger } from '../../electron/services/logging/logger.ts';
import { startMailStack, type MailStack } from '../stack/mail-stack.ts';
import { fakeDialogs } from '../support/fake-dialogs.ts';
import { UNIT_EMAIL, connectOther, draftFor, passwordOf } from '../support/fixtures.ts';
import { MemorySecretStore } from '../support/memory-secret-store.ts';
import { tempDir } from '../support/temp-dir.ts';

let stack: MailStack;
let imap: ImapFlow;
const cleanups: Array<() => void> = [];
const running: AppServices[] = [];

const keychains = new Map<string, MemorySecretStore>();

/** One "PC": a profile with the unit account. `dir` reuses a profile (the app started again). */
async function pc(dir?: string): Promise<{ services: AppServices; accountId: string; dir: string }> {
  let profile = dir;
  if (!profile) {
    const made = tempDir('um-drafts-');
    cleanups.push(made.cleanup);
    profile = made.dir;
  }
  const secrets = keychains.get(profile) ?? new MemorySecretStore();
  keychains.set(profile, secrets);
  const services = createAppServices({
    clock: systemClock,
    profileDir: profile,
    secrets,
    logger: nullLogger,
    dialogs: fakeDialogs(),
    openExternal: async () => {
      throw new AppError('VALIDATION', 'no links in tests');
    },
    appVersion: 'test',
    platform: process.platform,
  });
  running.push(services);
  const existing = services.accounts.list()[0];
  const accountId = existing?.id ?? (await services.accounts.add(draftFor(stack), passwordOf(stack, UNIT_EMAIL))).id;
  return { services, accountId, dir: profile };
}

async function draftsOnServer(): Promise<Array<{ uid: number; subject: string }>> {
  const lock = await imap.getMailboxLock('Drafts', { readOnly: true });
  try {
    // NOOP first: a server defers EXPUNGE news during a plain FETCH (RFC 3501 §7.4.1).
    await imap.noop();
    if (!imap.mailbox || imap.mailbox.exists === 0) return [];
    const out = [];
    for await (const m of imap.fetch('1:*', { uid: true, envelope: true, flags: true }, { uid: true })) {
      expect([...(m.flags ?? [])]).toContain('\\Draft');
      out.push({ uid: m.uid, subject: m.envelope?.subject ?? '' });
    }
    return out;
  } finally {
    lock.release();
  }
}

const input = (accountId: string, extra: Partial<ComposeInput> = {}) =>
  composeInputSchema.parse({
    accountId,
    to: ['canbo1@binhphuoc.gov.vn', 'chưa-đúng@'],
    subject: 'Dự thảo công văn về lịch trực Tết',
    text: 'Kính gửi các phòng,\n\nVăn phòng dự kiến lịch trực như sau…',
    html: '<p>Kính gửi các phòng,</p><p>Văn phòng dự kiến <b>lịch trực</b> như sau…</p>',
    attachments: [{ kind: 'data', name: 'Lịch trực.xlsx', base64: Buffer.from('bang tinh').toString('base64') }],
    undoSeconds: 0,
    ...extra,
  });

beforeAll(async () => {
  stack = await startMailStack();
  imap = await connectOther(stack, UNIT_EMAIL);
});

afterAll(async () => {
  for (const s of running) await s.dispose().catch(() => undefined);
  await imap?.logout().catch(() => undefined);
  await stack?.stop();
  for (const c of cleanups) c();
});

describe('drafts (real Dovecot)', () => {
  let draftId = '';
  let firstDir = '';

  it('saves here and on the server, keeping one version there as it is saved again', async () => {
    const a = await pc();
    firstDir = a.dir;
    const first = await a.services.drafts.save(undefined, input(a.accountId));
    expect(first).toMatchObject({ onServer: true, serverError: null });
    draftId = first.id;
    expect(await draftsOnServer()).toEqual([expect.objectContaining({ subject: 'Dự thảo công văn về lịch trực Tết' })]);
    await a.services.drafts.save(draftId, input(a.accountId, { subject: 'Dự thảo công văn về lịch trực Tết (sửa)' }));
    const versions = await draftsOnServer();
    expect(versions).toHaveLength(1);
    expect(versions[0]?.subject).toBe('Dự thảo công văn về lịch trực Tết (sửa)');
    expect((await a.services.drafts.list(a.accountId)).map((d) => [d.id, d.where])).toEqual([[draftId, 'both']]);
  });

  it('reopens after the app is gone, from the local store, with what was typed (even an unfinished address)', async () => {
    const again = await pc(firstDir);
    const opened = await again.services.drafts.open(again.accountId, draftId);
    expect(opened.input).toMatchObject({
      subject: 'Dự thảo công văn về lịch trực Tết (sửa)',
      to: ['canbo1@binhphuoc.gov.vn', 'chưa-đúng@'],
      draftId,
    });
  });

  it('reopens on another PC from the server copy, attachments included; sending it removes the draft', async () => {
    const other = await pc();
    const list = await other.services.drafts.list(other.accountId);
    expect(list).toEqual([expect.objectContaining({ id: draftId, where: 'server' })]);
    const opened = await other.services.drafts.open(other.accountId, draftId);
    expect(opened.input).toMatchObject({
      subject: 'Dự thảo công văn về lịch trực Tết (sửa)',
      to: ['canbo1@binhphuoc.gov.vn', 'chưa-đúng@'],
    });
    expect(opened.input.text).toContain('Văn phòng dự kiến lịch trực');
    expect(opened.input.html).toContain('<b>lịch trực</b>');
    const att = opened.input.attachments?.[0];
    expect(att).toMatchObject({ kind: 'data', name: 'Lịch trực.xlsx' });
    expect(Buffer.from(att && att.kind === 'data' ? att.base64 : '', 'base64').toString()).toBe('bang tinh');

    const ready = composeInputSchema.parse({ ...opened.input, to: ['canbo1@binhphuoc.gov.vn'], undoSeconds: 0 });
    await other.services.outbox.queue(ready);
    await expect.poll(async () => (await draftsOnServer()).length, { timeout: 15_000 }).toBe(0);
    await expect.poll(async () => other.services.drafts.list(other.accountId)).toEqual([]);
    await other.services.outbox.flush(other.accountId);
  });
});
