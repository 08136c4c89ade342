// Read receipts (MDN, RFC 8098) end to end on the real Postfix and Dovecot: A sends to B asking for
// a receipt; B's app answers it (only with consent: "never" refuses) through the outbox with the
// null envelope sender; the MDN reaches A's INBOX; A's app matches it to the sent log and shows
// B "displayed" at the MDN's own time, in the services and in the built CLI.
import type { ImapFlow } from 'imapflow';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { composeInputSchema } from '../../shared/compose.ts';
import type { PendingReceipt } from '../../shared/receipts.ts';
import { createAppServices, type AppServices } from '../../electron/services/app-services.ts';
import { systemClock } from '../../electron/services/clock/clock.ts';
import { AppError } from '../../electron/services/errors/app-error.ts';
import { OsKeychain } from '../../electron/services/keychain/os-keychain.ts';
import { secretKeys } from '../../electron/services/keychain/secret-store.ts';
import { nullLogger } from '../../electron/services/logging/logger.ts';
import { startMailStack, type MailStack, type StackUser } from '../stack/mail-stack.ts';
import { CLI_BUILT, runCli } from '../support/cli-runner.ts';
import { fakeDialogs } from '../support/fake-dialogs.ts';
import { connectOther, draftFor } from '../support/fixtures.ts';
import { arrived, fetchOne } from '../support/mailbox-poll.ts';
import { tempDir } from '../support/temp-dir.ts';

// Own addresses: other test files store and delete keychain entries of the default stack users.
const A: StackUser = { email: 'vptonghop@binhphuoc.gov.vn', password: 'VpTongHop#2026!' };
const B: StackUser = { email: 'cbnhan@binhphuoc.gov.vn', password: 'CbNhan#2026!' };
const SUBJECT = 'Công văn số 45/UBND-VP về lịch tiếp công dân tháng 12';

interface Side {
  services: AppServices;
  accountId: string;
  dir: string;
  cleanup: () => void;
}

let stack: MailStack;
let a: Side;
let b: Side;
let aImap: ImapFlow;
let bImap: ImapFlow;
const keychain = new OsKeychain();

async function side(user: StackUser, displayName: string): Promise<Side> {
  const { dir, cleanup } = tempDir('um-receipts-');
  const services = createAppServices({
    clock: systemClock,
    profileDir: dir,
    secrets: keychain,
    logger: nullLogger,
    dialogs: fakeDialogs(),
    openExternal: async () => {
      throw new AppError('VALIDATION', 'no links in tests');
    },
    appVersion: 'test',
    platform: process.platform,
  });
  const account = await services.accounts.add(draftFor(stack, user.email, { displayName }), user.password);
  return { services, accountId: account.id, dir, cleanup };
}

beforeAll(async () => {
  stack = await startMailStack({ users: [A, B] });
  a = await side(A, 'Văn phòng Tổng hợp');
  b = await side(B, 'Nguyễn Thị Nhàn');
  aImap = await connectOther(stack, A.email);
  bImap = await connectOther(stack, B.email);
});

afterAll(async () => {
  await aImap?.logout().catch(() => undefined);
  await bImap?.logout().catch(() => undefined);
  for (const s of [a, b]) {
    if (!s) continue;
    await s.services.dispose();
    s.cleanup();
  }
  for (const u of [A, B]) await keychain.delete(secretKeys.accountPassword(u.email)).catch(() => false);
  await stack?.stop();
});

async function refusal(p: Promise<unknown>): Promise<AppError> {
  const e = await p.then(
    () => null,
    (err: unknown) => err,
  );
  expect(e).toBeInstanceOf(AppError);
  return e as AppError;
}

describe('read receipts (MDN) between two mailboxes', { timeout: 120_000 }, () => {
  let sentId = '';
  let uid = 0;

  it('A asks for a receipt; B sees the request as pending', async () => {
    const input = { accountId: a.accountId, to: [B.email], subject: SUBJECT, text: 'Kính gửi đồng chí,\n' };
    const sent = await a.services.outbox.queue(
      composeInputSchema.parse({ ...input, requestReceipt: true, undoSeconds: 0 }),
    );
    const plain = await a.services.outbox.queue(
      composeInputSchema.parse({ ...input, subject: 'Không hỏi', undoSeconds: 0 }),
    );
    expect(await a.services.outbox.flush(a.accountId)).toMatchObject({ sent: 2, waiting: 0 });
    sentId = sent.messageId;
    uid = await arrived(bImap, 'INBOX', sentId);
    await arrived(bImap, 'INBOX', plain.messageId);

    const pending = await b.services.receipts.pending(b.accountId, 'INBOX');
    expect(pending).toEqual([
      expect.objectContaining<Partial<PendingReceipt>>({
        uid,
        messageId: sentId,
        subject: SUBJECT,
        from: A.email,
        receiptTo: [A.email],
        returnPathMismatch: false,
      }),
    ]);
    // Before any receipt: A's view says waiting, and lists only the message that asked.
    expect(await a.services.receipts.receipts(a.accountId)).toEqual([
      expect.objectContaining({ messageId: sentId, recipients: [{ recipient: B.email, state: 'waiting', at: null }] }),
    ]);
  });

  it('with receiptPolicy "never", answering is refused and nothing is queued or marked', async () => {
    b.services.settings.updatePreferences({ receiptPolicy: 'never' });
    const e = await refusal(b.services.receipts.answer(b.accountId, 'INBOX', uid));
    expect(e.code).toBe('PERMISSION_DENIED');
    expect(e.messageVi).toContain('Không bao giờ gửi');
    expect(b.services.outbox.list(b.accountId)).toEqual([]);
    expect((await fetchOne(bImap, 'INBOX', uid)).flags).not.toContain('$MDNSent');
    b.services.settings.updatePreferences({ receiptPolicy: 'ask' });
  });

  it('B answers with consent: the MDN goes to A with the null sender; $MDNSent is set once', async () => {
    const answer = await b.services.receipts.answer(b.accountId, 'INBOX', uid);
    expect(answer).toMatchObject({ status: 'queued', to: [A.email], entry: { status: 'queued', sentCopy: 'done' } });
    expect((await fetchOne(bImap, 'INBOX', uid)).flags).toContain('$MDNSent');
    expect(await b.services.receipts.pending(b.accountId, 'INBOX')).toEqual([]);
    expect(await b.services.receipts.answer(b.accountId, 'INBOX', uid)).toMatchObject({
      status: 'already-sent',
      entry: null,
    });
    expect(await b.services.outbox.flush(b.accountId)).toMatchObject({ sent: 1, waiting: 0, failed: 0, entries: [] });

    const mdnUid = await arrived(aImap, 'INBOX', answer.mdnMessageId!);
    const mdn = await fetchOne(aImap, 'INBOX', mdnUid);
    expect(mdn.source.toString('latin1')).toMatch(/^Return-Path: <>\r?$/m);
    expect(mdn.parsed.subject).toBe(`Đã đọc / Read: ${SUBJECT}`);
    const report = mdn.parsed.attachments.find((p) => p.contentType === 'message/disposition-notification');
    expect(report?.content.toString()).toContain(`Original-Message-ID: ${sentId}`);
    expect(report?.content.toString()).toContain('Disposition: manual-action/MDN-sent-manually; displayed');
    expect(report?.content.toString()).toContain(`Final-Recipient: rfc822;${B.email}`);

    // A's app: B displayed it at the MDN's own time.
    const receipts = await a.services.receipts.receipts(a.accountId);
    expect(receipts).toEqual([
      expect.objectContaining({
        messageId: sentId,
        subject: SUBJECT,
        recipients: [{ recipient: B.email, state: 'displayed', at: mdn.parsed.date?.toISOString() }],
      }),
    ]);
    // Looked at once: the next call reads the local table (the same answer).
    expect(await a.services.receipts.receipts(a.accountId)).toEqual(receipts);
  });

  it('the CLI shows "đã đọc lúc …" for B (exit 0)', async () => {
    if (!CLI_BUILT) throw new Error('out/main/cli.js missing: run `npm run build` first');
    const r = await runCli(a.dir, ['receipts', '--account', A.email]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain(SUBJECT);
    expect(r.stdout).toMatch(new RegExp(`${B.email.replace(/\./g, '\\.')}\\s+đã đọc lúc \\d\\d:\\d\\d:\\d\\d`));
    expect(r.stdout).toContain('1/1 đã đọc');
  });
});
