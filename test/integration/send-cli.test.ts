// `unit-mailbox send` and `outbox …` end to end: the built CLI (`npm run build` first) against the
// real Postfix and Dovecot of the test stack and the real keychain, including kill -9 mid-flush.
import { spawnSync } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import net from 'node:net';
import { join } from 'node:path';
import type { ImapFlow } from 'imapflow';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { OutboxEntry, OutboxFlushResult } from '../../shared/compose.ts';
import type { SendReport } from '../../electron/cli/commands/send.ts';
import type { SentReceipts } from '../../shared/receipts.ts';
import { systemClock } from '../../electron/services/clock/clock.ts';
import { IdentityService } from '../../electron/services/identity/identity-service.ts';
import { OsKeychain } from '../../electron/services/keychain/os-keychain.ts';
import { secretKeys } from '../../electron/services/keychain/secret-store.ts';
import { OutboxStore } from '../../electron/services/send/outbox-store.ts';
import { startMailStack, type MailStack, type StackUser } from '../stack/mail-stack.ts';
import { UNIT_FOLDERS, connectOther, directive, passwordOf } from '../support/fixtures.ts';
import { arrived, fetchOne, withId } from '../support/mailbox-poll.ts';
import { tempDir } from '../support/temp-dir.ts';
import { CLI_BUILT, accountAddArgs, runCli, spawnCli } from '../support/cli-runner.ts';

// Own addresses: other test files store and delete keychain entries of the default stack users
// under the same Secret Service name at the same time.
const UNIT: StackUser = { email: 'vpgui@binhphuoc.gov.vn', password: 'VpGui#2026!' };
const TO: StackUser = { email: 'canbo3@binhphuoc.gov.vn', password: 'CanBo3#2026!' };
const UNIT_EMAIL = UNIT.email;
const RECIPIENT = TO.email;
const SENT = 'Sent';
let stack: MailStack;
let profile: { dir: string; cleanup: () => void };
let recipientImap: ImapFlow;
let unitImap: ImapFlow;
let originalId = '';

const cli = (args: string[], stdin = '') => runCli(profile.dir, args, stdin);
const send = (args: string[], stdin = '') => cli(['send', '--account', UNIT_EMAIL, ...args], stdin);
const outbox = (sub: string, ...rest: string[]) => cli(['outbox', sub, ...rest, '--account', UNIT_EMAIL]);
const json = <T>(r: { stdout: string }) => JSON.parse(r.stdout) as T;
const listed = async () => json<OutboxEntry[]>(await outbox('list', '--json'));
const file = (name: string, content: string | Buffer) => {
  const path = join(profile.dir, name);
  writeFileSync(path, content);
  return path;
};

beforeAll(async () => {
  if (!CLI_BUILT) throw new Error('out/main/cli.js missing: run `npm run build` first (npm run test:integration does)');
  stack = await startMailStack({ users: [UNIT, TO], folders: { [UNIT_EMAIL]: UNIT_FOLDERS } });
  const original = directive('Công văn số 12/UBND-VP về báo cáo Đề án 06', 'Đề nghị báo cáo trước ngày 15/12.');
  originalId = /^Message-ID: (<[^>]+>)/m.exec(original)?.[1] ?? '';
  await stack.appendMessage(UNIT_EMAIL, 'INBOX', original);
  profile = tempDir('um-send-cli-');
  const add = await cli(accountAddArgs(stack, UNIT_EMAIL), `${passwordOf(stack, UNIT_EMAIL)}\n`);
  expect(add.stderr).toBe('');
  expect(add.code).toBe(0);
  recipientImap = await connectOther(stack, RECIPIENT);
  unitImap = await connectOther(stack, UNIT_EMAIL);
});

afterAll(async () => {
  if (profile)
    await new IdentityService({ profileDir: profile.dir, secrets: new OsKeychain(), clock: systemClock })
      .remove()
      .catch(() => undefined);
  await recipientImap?.logout().catch(() => undefined);
  await unitImap?.logout().catch(() => undefined);
  await new OsKeychain().delete(secretKeys.accountPassword(UNIT_EMAIL)).catch(() => false);
  await stack?.stop();
  profile?.cleanup();
});

// Each step spawns CLI processes; a loaded 2-core machine needs more than the default 60 s.
describe('unit-mailbox send (built CLI, real Postfix and Dovecot)', { timeout: 180_000 }, () => {
  it('sends at once: Vietnamese subject and body (NFC), HTML, an attachment, a receipt request; one copy in Sent', async () => {
    const attachment = randomBytes(300 * 1024);
    const subject = 'V/v báo cáo kết quả thực hiện Đề án 06 — đợt 1';
    const r = await send(
      [
        ...['--to', `Cán bộ Một <${RECIPIENT}>`, '--subject', subject, '--body-stdin', '--request-receipt', '--json'],
        ...['--html-file', file('than.html', '<p>Kính gửi đồng chí,</p><p>Đề nghị <b>rà soát</b>.</p>')],
        ...['--attach', file('Kế hoạch số 12-KH-UBND.pdf', attachment)],
      ],
      'Kính gửi đồng chí,\n\nĐề nghị rà soát.\n'.normalize('NFD'),
    );
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const out = json<SendReport>(r);
    expect(out).toMatchObject({ status: 'sent', recipients: [RECIPIENT], refused: [] });
    expect(out.messageId).toMatch(/^<[0-9a-f]{32}@binhphuoc\.gov\.vn>$/);
    expect(out.error).toBeUndefined();

    const got = await fetchOne(recipientImap, 'INBOX', await arrived(recipientImap, 'INBOX', out.messageId!));
    expect(got.parsed.subject).toBe(subject);
    expect(got.parsed.text).toContain('Đề nghị rà soát.'.normalize('NFC'));
    expect(got.parsed.html).toContain('<b>rà soát</b>');
    expect(got.parsed.headers.get('disposition-notification-to')).toMatchObject({
      value: [{ address: UNIT_EMAIL }],
    });
    const att = got.parsed.attachments[0];
    expect(att?.filename).toBe('Kế hoạch số 12-KH-UBND.pdf');
    const sha = (b: Buffer) => createHash('sha256').update(b).digest('hex');
    expect(sha(att?.content ?? Buffer.alloc(0))).toBe(sha(attachment));
    expect(await withId(unitImap, SENT, out.messageId!)).toHaveLength(1);
    expect(await listed()).toEqual([]); // delivered and filed: it left the outbox
  });

  it('replies to FOLDER:UID in plain text output: threading headers, the original flagged \\Answered', async () => {
    const uid = await arrived(unitImap, 'INBOX', originalId);
    const r = await send([
      ...['--to', RECIPIENT, '--subject', 'Re: Công văn số 12/UBND-VP về báo cáo Đề án 06'],
      ...['--body-file', file('tra-loi.txt', 'Văn phòng đã nhận và sẽ báo cáo đúng hạn.\n')],
      ...['--reply-to-uid', `INBOX:${uid}`],
    ]);
    expect(r.code).toBe(0);
    expect(r.stdout.trim().split('\n')).toHaveLength(1);
    const messageId = /^Đã gửi \/ sent: (<[^>]+>) → canbo3@binhphuoc\.gov\.vn$/m.exec(r.stdout)?.[1] ?? '';
    expect(messageId).not.toBe('');
    const got = await fetchOne(recipientImap, 'INBOX', await arrived(recipientImap, 'INBOX', messageId));
    expect(got.parsed.inReplyTo).toBe(originalId);
    expect((await fetchOne(unitImap, 'INBOX', uid)).flags).toContain('\\Answered');
  });

  it('usage errors exit 2 and queue nothing', async () => {
    const base = ['--to', RECIPIENT, '--subject', 'Thử'];
    expect((await send(base)).code).toBe(2); // no body
    expect((await send([...base, '--body-stdin', '--body-file', 'x.txt'])).code).toBe(2);
    expect((await send([...base, '--body-stdin', '--reply-to-uid', 'INBOX'])).code).toBe(2);
    expect((await send([...base, '--body-file', join(profile.dir, 'khong-co.txt')])).code).toBe(2);
    expect((await cli(['receipts', 'thua', '--account', UNIT_EMAIL])).code).toBe(2);
    expect((await outbox('frobnicate')).code).toBe(2);
    expect(await listed()).toEqual([]);
  });

  it('--sign: refused without a signing identity (exit 1, says how to make one); with one, openssl verifies it', async () => {
    const args = ['--to', RECIPIENT, '--subject', 'Kế hoạch số 12/KH-UBND (có ký số)', '--body-stdin', '--sign'];
    const none = await send(args, 'Nội dung cần ký.\n');
    expect(none.code).toBe(1);
    expect(none.stderr).toContain('Chưa có danh tính ký số');
    expect(none.stderr).toContain('unit-mailbox identity create');
    expect(none.stderr).toContain('IDENTITY_MISSING');
    expect(await listed()).toEqual([]);

    const identity = ['--name', 'Nguyễn Văn Gửi', '--title', 'Chánh Văn phòng', '--unit', 'Văn phòng UBND tỉnh'];
    expect((await cli(['identity', 'create', ...identity, '--email', UNIT_EMAIL])).code).toBe(0);
    const certFile = join(profile.dir, 'signer.pem');
    expect((await cli(['identity', 'export-cert', '--out', certFile])).code).toBe(0);
    const r = await send([...args, '--json'], 'Nội dung cần ký.\n');
    expect(r.code, r.stderr).toBe(0);
    const out = json<SendReport>(r);
    const got = await fetchOne(recipientImap, 'INBOX', await arrived(recipientImap, 'INBOX', out.messageId!));
    expect(got.source.toString('latin1')).toContain(
      'Content-Type: multipart/signed; protocol="application/pkcs7-signature"',
    );
    const eml = file('signed.eml', got.source);
    const verifyArgs = ['smime', '-verify', '-in', eml, '-CAfile', certFile, '-purpose', 'any', '-out', '/dev/null'];
    const ok = spawnSync('openssl', verifyArgs, { encoding: 'utf8' });
    expect(ok.status, ok.stderr).toBe(0);
    expect(ok.stderr).toContain('Verification successful');
  });

  it('receipts: exit 0, the message sent with --request-receipt listed, its recipient still waiting', async () => {
    const r = await cli(['receipts', '--account', UNIT_EMAIL, '--json']);
    expect(r.code, r.stderr).toBe(0);
    const list = json<SentReceipts[]>(r);
    expect(list).toEqual([
      expect.objectContaining({
        subject: 'V/v báo cáo kết quả thực hiện Đề án 06 — đợt 1',
        recipients: [{ recipient: RECIPIENT, state: 'waiting', at: null }],
      }),
    ]);
    expect((await cli(['receipts', '--account', UNIT_EMAIL])).stdout).toContain(`${RECIPIENT}  chưa có xác nhận`);
  });

  it('refuses a free-mail recipient (Art. 11) with exit 1, whatever the confirmation; nothing queued or sent', async () => {
    const args = ['--to', `${RECIPIENT}, ai.do@gmail.com`, '--subject', 'Thử', '--body-stdin'];
    const plain = await send([...args, '--confirm-outside-domain'], 'x');
    expect(plain.code).toBe(1);
    expect(plain.stderr).toContain('Điều 11');
    expect(plain.stderr).toContain('ai.do@gmail.com');
    const r = await send([...args, '--json'], 'x');
    expect(r.code).toBe(1);
    expect(json<SendReport>(r)).toMatchObject({
      status: 'refused',
      id: null,
      messageId: null,
      refused: [{ address: 'ai.do@gmail.com', code: null }],
      error: { code: 'FREEMAIL_FORBIDDEN' },
    });
    expect(await listed()).toEqual([]);
    expect(await stack.logs()).not.toContain('ai.do@gmail.com');
  });

  it('needs --confirm-outside-domain for a recipient outside the official domains', async () => {
    const args = ['--to', RECIPIENT, '--cc', 'lienhe@congty.com.vn', '--subject', 'Mời hợp tác', '--body-stdin'];
    const refused = await send(args, 'Nội dung.');
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain('lienhe@congty.com.vn');
    expect(refused.stderr).toContain('--confirm-outside-domain');
    expect(await listed()).toEqual([]);
    // Confirmed, it goes to Postfix; the stack relays nothing off the box, so Postfix refuses that one
    // recipient (550): sent to the others, exit 1, the entry kept with the refusal for the user to see.
    const confirmed = await send([...args, '--confirm-outside-domain', '--json'], 'Nội dung.');
    expect(confirmed.code, confirmed.stdout + confirmed.stderr).toBe(1);
    const out = json<SendReport>(confirmed);
    expect(out).toMatchObject({
      status: 'sent',
      recipients: [RECIPIENT, 'lienhe@congty.com.vn'],
      refused: [{ address: 'lienhe@congty.com.vn', code: 550 }],
    });
    await arrived(recipientImap, 'INBOX', out.messageId!);
    const list = await outbox('list');
    expect(list.stdout).toContain('Đã gửi, trừ lienhe@congty.com.vn (bị từ chối)');
    expect((await outbox('remove', out.id!)).code).toBe(0);
    expect(await listed()).toEqual([]);
  });
});

/** Accepts connections on the submission port and never greets: a delivery hangs there until killed. */
async function silentServer(port: number, host: string): Promise<() => Promise<void>> {
  const sockets = new Set<net.Socket>();
  const server = net.createServer((s) => {
    sockets.add(s);
    s.on('error', () => undefined);
    s.on('close', () => sockets.delete(s));
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, resolve);
  });
  return () => {
    for (const s of sockets) s.destroy();
    return new Promise<void>((resolve) => server.close(() => resolve()));
  };
}

describe('the outbox when Postfix is down, and kill -9 mid-flush', { timeout: 180_000 }, () => {
  it('send exits 75 and the message waits; a flush killed mid-delivery leaves it intact; it goes exactly once', async () => {
    const subject = 'Gửi khi máy chủ thư ngừng — Thông báo lịch họp';
    const store = new OutboxStore(join(profile.dir, 'outbox.sqlite'));
    let closeSilent: (() => Promise<void>) | null = null;
    let out: SendReport = { status: 'refused', messageId: null, id: null, recipients: [], refused: [] };
    let removedId: string | undefined;
    await stack.crashSmtp();
    try {
      const r = await send(['--to', RECIPIENT, '--subject', subject, '--body-stdin', '--json'], 'Họp lúc 8 giờ.');
      expect(r.code).toBe(75);
      out = json<SendReport>(r);
      expect(out).toMatchObject({ status: 'retry', error: { code: 'HOST_UNREACHABLE' } });
      const plain = await send(['--to', RECIPIENT, '--subject', 'Thư thứ hai', '--body-stdin'], 'Sẽ bị xóa.');
      expect(plain.code).toBe(75);
      expect(plain.stdout).toContain('được giữ trong hộp thư đi');
      const second = (await listed()).find((e) => e.subject === 'Thư thứ hai');
      removedId = second?.messageId;

      const list = await outbox('list');
      expect(list.code).toBe(0);
      expect(list.stdout).toContain(subject);
      expect(list.stdout).toContain('Chờ gửi lại (Không kết nối được tới máy chủ; lần thử tới');
      const down = await outbox('flush', '--json');
      expect(down.code, down.stdout + down.stderr).toBe(75);
      expect(json<OutboxFlushResult>(down)).toMatchObject({ sent: 0, waiting: 2, failed: 0 });
      expect((await outbox('remove', second?.id ?? '')).code).toBe(0);
      expect((await listed()).map((e) => e.id)).toEqual([out.id]);

      // A server that takes the connection and never answers: the flush hangs mid-delivery, then dies.
      closeSilent = await silentServer(stack.submissionPort, stack.host);
      const flush = spawnCli(profile.dir, ['outbox', 'flush', '--account', UNIT_EMAIL]);
      await expect.poll(() => store.get(out.id!)?.claimedBy, { timeout: 30_000, interval: 20 }).toBe(flush.child.pid);
      flush.child.kill('SIGKILL');
      expect((await flush.done).signal).toBe('SIGKILL');
      expect(store.get(out.id!)).toMatchObject({ status: 'sending', phase: 'connecting', messageId: out.messageId });
      expect(store.raw(out.id!)?.raw.toString('latin1')).toContain(`Message-ID: ${out.messageId}`);
      await closeSilent();
      closeSilent = null;

      // The next command sees the dead process's claim for what it is: to be sent again.
      expect(await listed()).toEqual([expect.objectContaining({ id: out.id, status: 'retry', subject })]);
    } finally {
      await closeSilent?.();
      await stack.restartSmtp();
      store.close();
    }
    const up = await outbox('flush', '--json');
    expect(up.code).toBe(0);
    expect(json<OutboxFlushResult>(up)).toMatchObject({ sent: 1, waiting: 0, failed: 0, maybeSent: 0, entries: [] });
    await arrived(recipientImap, 'INBOX', out.messageId!);
    const again = await outbox('flush');
    expect(again.code).toBe(0);
    expect(again.stdout).toContain('Đã gửi / sent: 0');
    expect(await withId(recipientImap, 'INBOX', out.messageId!)).toHaveLength(1);
    expect(await withId(unitImap, SENT, out.messageId!)).toHaveLength(1);
    expect(await withId(recipientImap, 'INBOX', removedId ?? '<none>')).toEqual([]); // the removed one never went
  });
});
