// Sending for the unit against the real Postfix (submission, SASL through Dovecot) and Dovecot
// (delivery by LMTP, the Sent copy by APPEND, ACL for on-behalf): issue 14's first parts.
import { spawnSync } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { copyFileSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ImapFlow } from 'imapflow';
import { simpleParser } from 'mailparser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { replySubject } from '../../shared/compose-subject.ts';
import type { ComposeInput } from '../../shared/compose.ts';
import { composeInputSchema } from '../../shared/compose.ts';
import { AppError } from '../../electron/services/errors/app-error.ts';
import { startMailStack, type MailStack } from '../stack/mail-stack.ts';
import { DELEGATE, startSides, stopSides, type Side } from '../support/delegation-sides.ts';
import { UNIT_EMAIL, UNIT_FOLDERS, connectOther } from '../support/fixtures.ts';

const SENT = 'Sent';
let stack: MailStack;
let head: Side;
let delegate: Side;
let unitImap: ImapFlow;
let delegateImap: ImapFlow;

const send = (side: Side, input: Partial<ComposeInput>) =>
  side.services.outbox.queue(
    composeInputSchema.parse({ accountId: side.accountId, undoSeconds: 0, subject: '', text: '', ...input }),
  );

async function refusal(p: Promise<unknown>): Promise<AppError> {
  const e = await p.then(
    () => null,
    (err: unknown) => err,
  );
  expect(e).toBeInstanceOf(AppError);
  return e as AppError;
}

/** UIDs of the messages with this Message-ID in a folder. */
async function withId(client: ImapFlow, folder: string, messageId: string): Promise<number[]> {
  const lock = await client.getMailboxLock(folder, { readOnly: true });
  try {
    await client.noop(); // new mail delivered meanwhile joins this session's view

    const found = await client.search({ header: { 'message-id': messageId } }, { uid: true });
    return Array.isArray(found) ? found : [];
  } finally {
    lock.release();
  }
}

/** Waits (no fixed sleep: polls the server) until Postfix has delivered it over LMTP. */
async function arrived(client: ImapFlow, folder: string, messageId: string): Promise<number> {
  let uids: number[] = [];
  await expect
    .poll(async () => (uids = await withId(client, folder, messageId)).length, { timeout: 30_000, interval: 100 })
    .toBeGreaterThan(0);
  return uids[0] ?? 0;
}

async function fetchOne(client: ImapFlow, folder: string, uid: number) {
  const lock = await client.getMailboxLock(folder, { readOnly: true });
  try {
    const msg = await client.fetchOne(String(uid), { source: true, flags: true }, { uid: true });
    if (!msg || !msg.source) throw new Error(`no message ${uid} in ${folder}`);
    return { source: msg.source, flags: [...(msg.flags ?? [])], parsed: await simpleParser(msg.source) };
  } finally {
    lock.release();
  }
}

beforeAll(async () => {
  stack = await startMailStack({ folders: { [UNIT_EMAIL]: UNIT_FOLDERS } });
  ({ head, delegate } = await startSides(stack));
  unitImap = await connectOther(stack, UNIT_EMAIL);
  delegateImap = await connectOther(stack, DELEGATE);
});

afterAll(async () => {
  await unitImap?.logout().catch(() => undefined);
  await delegateImap?.logout().catch(() => undefined);
  await stopSides({ head, delegate });
  await stack?.stop();
});

describe('sending as the unit (real Postfix and Dovecot)', () => {
  const attachment = randomBytes(2 * 1024 * 1024);
  let firstId = '';

  it('delivers Vietnamese subject, body and a 2 MB attachment byte for byte, with a Sent copy of the same Message-ID', async () => {
    const subject = 'V/v triển khai Đề án 06 — khẩn trương báo cáo trước ngày 15/12';
    const entry = await send(head, {
      to: [`Cán bộ Một <${DELEGATE}>`],
      bcc: ['vanphong@binhphuoc.gov.vn'],
      subject,
      text: 'Kính gửi đồng chí,\n\nĐề nghị đồng chí rà soát và báo cáo.\n\nTrân trọng.',
      html: '<p>Kính gửi đồng chí,</p><p>Đề nghị đồng chí <b>rà soát</b> và báo cáo.</p><p>Trân trọng.</p>',
      attachments: [
        {
          kind: 'data',
          name: 'Kế hoạch số 12-KH-UBND (dự thảo).pdf',
          contentType: 'application/pdf',
          base64: attachment.toString('base64'),
        },
      ],
    });
    expect(entry).toMatchObject({ status: 'queued', from: UNIT_EMAIL, sender: null, subject });
    expect(entry.messageId).toMatch(/^<[0-9a-f]{32}@binhphuoc\.gov\.vn>$/);
    // Committed before anything else: a second service on the same profile sees it.
    expect(head.services.outbox.list(head.accountId).map((e) => e.id)).toContain(entry.id);

    const result = await head.services.outbox.flush(head.accountId);
    expect(result).toMatchObject({ sent: 1, waiting: 0, failed: 0, maybeSent: 0 });
    expect(result.entries).toEqual([]); // delivered and filed: it left the outbox
    firstId = entry.messageId;

    const uid = await arrived(delegateImap, 'INBOX', entry.messageId);
    const got = await fetchOne(delegateImap, 'INBOX', uid);
    expect(got.parsed.subject).toBe(subject);
    expect(got.parsed.text).toContain('Đề nghị đồng chí rà soát và báo cáo.');
    expect(got.parsed.html).toContain('<b>rà soát</b>');
    expect(got.parsed.headers.get('bcc')).toBeUndefined();
    const att = got.parsed.attachments[0];
    expect(att?.filename).toBe('Kế hoạch số 12-KH-UBND (dự thảo).pdf');
    const sha = (b: Buffer) => createHash('sha256').update(b).digest('hex');
    expect(sha(att?.content ?? Buffer.alloc(0))).toBe(sha(attachment));
    // RFC 2047 subject and RFC 2231 file name in the raw header (what Outlook and Thunderbird read).
    const header = got.source.toString('latin1');
    expect(header).toMatch(/^Subject: =\?UTF-8\?[QB]\?/im);
    expect(header).toMatch(/filename\*0?\*?=utf-8''|filename\*=UTF-8''/i);

    const sentUid = await arrived(unitImap, SENT, entry.messageId);
    const copy = await fetchOne(unitImap, SENT, sentUid);
    expect(copy.flags).toContain('\\Seen');
    expect(copy.parsed.headers.get('bcc')).toBeTruthy(); // the sender's copy keeps whom it went to
    expect(await withId(unitImap, SENT, entry.messageId)).toHaveLength(1);
  });

  it('a reply carries In-Reply-To and References, one prefix, and flags the original \\Answered only after the send', async () => {
    const uid = await arrived(delegateImap, 'INBOX', firstId);
    const subject = replySubject('RE: TL: V/v triển khai Đề án 06 — khẩn trương báo cáo trước ngày 15/12');
    expect(subject).toBe('Re: V/v triển khai Đề án 06 — khẩn trương báo cáo trước ngày 15/12');
    const entry = await send(delegate, {
      to: [UNIT_EMAIL],
      subject,
      text: 'Đã nhận, sẽ báo cáo đúng hạn.',
      original: { folder: 'INBOX', uid, mode: 'reply' },
    });
    expect((await fetchOne(delegateImap, 'INBOX', uid)).flags).not.toContain('\\Answered');
    await delegate.services.outbox.flush(delegate.accountId);
    const got = await fetchOne(unitImap, 'INBOX', await arrived(unitImap, 'INBOX', entry.messageId));
    expect(got.parsed.inReplyTo).toBe(firstId);
    expect(got.parsed.references).toEqual(firstId);
    expect(got.parsed.subject).toBe(subject);
    expect((await fetchOne(delegateImap, 'INBOX', uid)).flags).toContain('\\Answered');

    // Forward as attachment: $Forwarded on the original, the original inside as message/rfc822.
    const fwd = await send(delegate, {
      to: [UNIT_EMAIL],
      subject: 'Fwd: V/v triển khai Đề án 06',
      text: 'Chuyển tiếp để biết.',
      original: { folder: 'INBOX', uid, mode: 'forward' },
      attachments: [{ kind: 'message', folder: 'INBOX', uid }],
    });
    await delegate.services.outbox.flush(delegate.accountId);
    const fwdGot = await fetchOne(unitImap, 'INBOX', await arrived(unitImap, 'INBOX', fwd.messageId));
    expect(fwdGot.source.toString('latin1')).toMatch(/Content-Type: message\/rfc822/i);
    expect(fwdGot.parsed.references).toContain(firstId);
    expect((await fetchOne(delegateImap, 'INBOX', uid)).flags).toContain('$Forwarded');
  });
});

describe('"Hoàn tác" (undo)', () => {
  it('takes a queued message back during the delay with everything the composer had, pasted files included', async () => {
    const file = randomBytes(50_000);
    const entry = await send(head, {
      to: [`Cán bộ Một <${DELEGATE}>`],
      bcc: [UNIT_EMAIL],
      subject: 'Gửi nhầm',
      text: 'Nội dung gửi nhầm.',
      attachments: [
        {
          kind: 'data',
          name: 'Bảng kê.xlsx',
          contentType: 'application/vnd.ms-excel',
          base64: file.toString('base64'),
        },
      ],
      undoSeconds: 60,
    });
    // Not due yet: a flush of due mail (the background round) leaves it alone.
    await head.services.outbox.deliverDue();
    expect(head.services.outbox.list(head.accountId)).toEqual([
      expect.objectContaining({ id: entry.id, status: 'queued' }),
    ]);
    const { input } = await head.services.outbox.undo(head.accountId, entry.id);
    expect(input).toMatchObject({ subject: 'Gửi nhầm', text: 'Nội dung gửi nhầm.', bcc: [UNIT_EMAIL] });
    const att = input.attachments[0];
    expect(att?.kind === 'data' && Buffer.from(att.base64, 'base64').equals(file)).toBe(true);
    expect(head.services.outbox.list(head.accountId)).toEqual([]);
    await expect(head.services.outbox.undo(head.accountId, entry.id)).rejects.toMatchObject({
      code: 'OUTBOX_ENTRY_NOT_FOUND',
    });
  });
});

describe('sending on behalf of the unit', () => {
  it('is refused without "Soạn gửi thay", and nothing is queued', async () => {
    const e = await refusal(send(delegate, { onBehalfOf: UNIT_EMAIL, to: [UNIT_EMAIL], subject: 'Thử', text: 'x' }));
    expect(e.code).toBe('ON_BEHALF_NOT_ALLOWED');
    expect(delegate.services.outbox.list(delegate.accountId)).toEqual([]);
  });

  it('with the right: From is the unit, Sender the delegate, and the copy lands in the unit’s Sent', async () => {
    await head.delegation().grant(head.accountId, { delegate: DELEGATE, role: 'soan-gui', scope: 'all' });
    const entry = await send(delegate, {
      onBehalfOf: UNIT_EMAIL,
      to: [UNIT_EMAIL],
      subject: 'Thông báo thay mặt Văn phòng',
      text: 'Văn phòng thông báo lịch họp.',
    });
    expect(entry).toMatchObject({ from: UNIT_EMAIL, sender: DELEGATE });
    await delegate.services.outbox.flush(delegate.accountId);
    const got = await fetchOne(unitImap, 'INBOX', await arrived(unitImap, 'INBOX', entry.messageId));
    expect(got.parsed.from?.value[0]?.address).toBe(UNIT_EMAIL);
    expect(got.source.toString('latin1')).toMatch(new RegExp(`^Sender: .*${DELEGATE.replace('.', '\\.')}`, 'im'));
    expect(await withId(unitImap, SENT, entry.messageId)).toHaveLength(1);
    expect(await withId(delegateImap, SENT, entry.messageId)).toHaveLength(0);
  });
});

describe('Article 11 and size, checked before queueing', () => {
  it('refuses a free-mail recipient (Postfix never sees it) and asks to confirm an outside-domain one', async () => {
    const free = await refusal(send(head, { to: ['ai.do@gmail.com', DELEGATE], subject: 'Thử', text: 'x' }));
    expect(free.code).toBe('FREEMAIL_FORBIDDEN');
    expect(free.messageVi).toContain('Điều 11');
    expect(free.data?.addresses).toBe('ai.do@gmail.com');
    const outside = await refusal(send(head, { to: ['lienhe@congty.com.vn'], subject: 'Thử', text: 'x' }));
    expect(outside.code).toBe('OUTSIDE_DOMAIN_UNCONFIRMED');
    expect(head.services.outbox.list(head.accountId)).toEqual([]);
    expect(await stack.logs()).not.toContain('ai.do@gmail.com');
    const confirmed = await send(head, {
      to: ['lienhe@congty.com.vn'],
      subject: 'Thử',
      text: 'x',
      confirmOutsideDomain: true,
    });
    expect(confirmed.status).toBe('queued');
    head.services.outbox.remove(head.accountId, confirmed.id);
  });

  it('refuses a message above the server’s SIZE (from EHLO) and above the policy’s own limit', async () => {
    const big = randomBytes(11 * 1024 * 1024).toString('base64'); // > Postfix's default 10,240,000 once encoded
    const e = await refusal(
      send(head, {
        to: [DELEGATE],
        subject: 'Tệp lớn',
        text: 'x',
        attachments: [{ kind: 'data', name: 'lon.bin', base64: big }],
      }),
    );
    expect(e.code).toBe('MESSAGE_TOO_LARGE');
    expect(e.messageVi).toContain('MB');
    writeFileSync(join(head.profileDir, 'send-policy.json'), JSON.stringify({ version: 1, maxMessageBytes: 1000 }));
    try {
      const p = await refusal(send(head, { to: [DELEGATE], subject: 'Thử', text: 'x'.repeat(2000) }));
      expect(p.code).toBe('MESSAGE_TOO_LARGE');
      expect(p.messageVi).toContain('quy định của đơn vị');
    } finally {
      writeFileSync(join(head.profileDir, 'send-policy.json'), JSON.stringify({ version: 1 }));
    }
    expect(head.services.outbox.list(head.accountId)).toEqual([]);
  });
});

describe('the outbox when the server is down, and after a crash', () => {
  it('keeps the message while Postfix is down, then delivers it exactly once', async () => {
    await stack.crashSmtp();
    let entry;
    try {
      entry = await send(head, { to: [DELEGATE], subject: 'Gửi khi máy chủ ngừng', text: 'Nội dung.' });
      const down = await head.services.outbox.flush(head.accountId);
      expect(down).toMatchObject({ sent: 0, waiting: 1 });
      const waiting = down.entries[0];
      expect(waiting).toMatchObject({ status: 'retry', attempts: 1 });
      expect(waiting?.lastError?.code).toBe('HOST_UNREACHABLE');
      expect(Date.parse(waiting?.nextAttemptAt ?? '')).toBeGreaterThan(Date.parse(waiting?.queuedAt ?? ''));
    } finally {
      await stack.restartSmtp();
    }
    const up = await head.services.outbox.flush(head.accountId);
    expect(up).toMatchObject({ sent: 1, waiting: 0 });
    await arrived(delegateImap, 'INBOX', entry.messageId);
    await head.services.outbox.flush(head.accountId);
    expect(await withId(delegateImap, 'INBOX', entry.messageId)).toHaveLength(1);
  });

  it('after a crash: a delivery cut before the data is retried; one cut after it is "maybe sent", never resent alone', async () => {
    const { store } = head.services.outbox;
    const deadPid = 2 ** 22 + 1; // above pid_max's default: no such process
    const before = await send(head, { to: [DELEGATE], subject: 'Cắt trước dữ liệu', text: 'a' });
    const after = await send(head, { to: [DELEGATE], subject: 'Cắt sau dữ liệu', text: 'b' });
    const now = new Date().toISOString();
    expect(store.claim(before.id, deadPid, now)).toBe(true);
    expect(store.claim(after.id, deadPid, now)).toBe(true);
    store.markData(after.id);

    const result = await head.services.outbox.flush(head.accountId);
    expect(result.sent).toBe(1);
    expect(result.entries).toEqual([expect.objectContaining({ id: after.id, status: 'maybe-sent' })]);
    await arrived(delegateImap, 'INBOX', before.messageId);
    expect(await withId(delegateImap, 'INBOX', after.messageId)).toHaveLength(0);

    // The user's decision: it did not arrive, send again.
    await head.services.outbox.retry(head.accountId, after.id);
    await arrived(delegateImap, 'INBOX', after.messageId);
    expect(head.services.outbox.list(head.accountId)).toEqual([]);
  });
});

describe('S/MIME signatures (openssl as the outside judge)', () => {
  it('a signed message verifies with openssl smime; one altered byte fails there and shows as invalid in the app', async () => {
    const entry = await send(head, {
      to: [DELEGATE],
      subject: 'Chỉ đạo có ký số',
      text: 'Đề nghị các đơn vị triển khai ngay.\n',
      html: '<p>Đề nghị các đơn vị <b>triển khai ngay</b>.</p>',
      attachments: [{ kind: 'data', name: 'Quyết định 45-QĐ-UBND.pdf', base64: randomBytes(4096).toString('base64') }],
      sign: true,
    });
    await head.services.outbox.flush(head.accountId);
    const uid = await arrived(delegateImap, 'INBOX', entry.messageId);
    const got = await fetchOne(delegateImap, 'INBOX', uid);
    expect(got.source.toString('latin1')).toMatch(
      /Content-Type: multipart\/signed; protocol="application\/pkcs7-signature"; micalg=sha-256/,
    );

    const dir = mkdtempSync(join(tmpdir(), 'um-smime-'));
    try {
      const eml = join(dir, 'msg.eml');
      const ca = join(dir, 'signer.pem');
      writeFileSync(eml, got.source);
      writeFileSync(ca, await head.identity.certificatePem());
      const ok = spawnSync('openssl', [
        'smime',
        '-verify',
        '-in',
        eml,
        '-CAfile',
        ca,
        '-purpose',
        'any',
        '-out',
        '/dev/null',
      ]);
      expect(ok.stderr.toString()).toBe('Verification successful\n');
      expect(ok.status).toBe(0);

      // One byte of the signed text changed ("triển" → "triểN" in the quoted-printable body).
      const text = got.source.toString('latin1');
      const at = text.indexOf('tri=E1=BB=83n');
      expect(at).toBeGreaterThan(0);
      const altered = Buffer.from(text.slice(0, at + 12) + 'N' + text.slice(at + 13), 'latin1');
      writeFileSync(eml, altered);
      const bad = spawnSync('openssl', [
        'smime',
        '-verify',
        '-in',
        eml,
        '-CAfile',
        ca,
        '-purpose',
        'any',
        '-out',
        '/dev/null',
      ]);
      expect(bad.status).not.toBe(0);

      const detail = await delegate.services.mail.message(delegate.accountId, 'INBOX', uid);
      expect(detail.attachments.map((a) => a.filename)).toEqual(['Quyết định 45-QĐ-UBND.pdf']); // no smime.p7s
      expect(detail.signature).toMatchObject({
        state: 'untrusted',
        signerEmail: 'an.nv@binhphuoc.gov.vn',
        problems: expect.any(Array),
      });
      await stack.appendMessage(DELEGATE, 'INBOX', altered);
      let copies: number[] = [];
      await expect
        .poll(async () => (copies = await withId(delegateImap, 'INBOX', entry.messageId)).length, { timeout: 15_000 })
        .toBe(2);
      const alteredUid = Math.max(...copies);
      const shown = await delegate.services.mail.message(delegate.accountId, 'INBOX', alteredUid);
      expect(shown.signature?.state).toBe('invalid');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('reads an opaque signed message (application/pkcs7-mime) made by openssl; a configured CA makes it "valid"', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'um-smime-'));
    try {
      const run = (args: string[], input?: Buffer) => {
        const r = spawnSync('openssl', args, { cwd: dir, ...(input ? { input } : {}) });
        if (r.status !== 0) throw new Error(`openssl ${args[0]}: ${r.stderr.toString()}`);
        return r.stdout;
      };
      run([
        'req',
        '-x509',
        '-newkey',
        'rsa:2048',
        '-nodes',
        '-keyout',
        'key.pem',
        '-out',
        'cert.pem',
        '-days',
        '3650',
        '-subj',
        '/CN=So Noi vu/emailAddress=snv@binhphuoc.gov.vn',
        '-addext',
        'extendedKeyUsage=emailProtection',
        '-addext',
        'subjectAltName=email:snv@binhphuoc.gov.vn',
      ]);
      const entity = Buffer.from(
        'Content-Type: text/plain; charset=utf-8\r\nContent-Transfer-Encoding: 8bit\r\n\r\nSở Nội vụ thông báo lịch họp.\r\n',
      );
      const signed = run(
        [
          'smime',
          '-sign',
          '-nodetach',
          '-binary',
          '-md',
          'sha256',
          '-signer',
          'cert.pem',
          '-inkey',
          'key.pem',
          '-outform',
          'SMIME',
        ],
        entity,
      );
      const msg = Buffer.concat([
        Buffer.from(
          `From: snv@binhphuoc.gov.vn\r\nTo: ${DELEGATE}\r\nSubject: Opaque\r\nMessage-ID: <opaque-1@binhphuoc.gov.vn>\r\n`,
        ),
        Buffer.from(signed.toString('latin1').replace(/\r?\n/g, '\r\n')),
      ]);
      await stack.appendMessage(DELEGATE, 'INBOX', msg);
      let uids: number[] = [];
      await expect
        .poll(async () => (uids = await withId(delegateImap, 'INBOX', '<opaque-1@binhphuoc.gov.vn>')).length)
        .toBe(1);
      const uid = uids[0] ?? 0;
      const untrusted = await delegate.services.mail.message(delegate.accountId, 'INBOX', uid);
      expect(untrusted.text).toContain('Sở Nội vụ thông báo lịch họp.');
      expect(untrusted.signature).toMatchObject({ state: 'untrusted', signerEmail: 'snv@binhphuoc.gov.vn' });
      mkdirSync(join(delegate.profileDir, 'trust-anchors'), { recursive: true });
      copyFileSync(join(dir, 'cert.pem'), join(delegate.profileDir, 'trust-anchors', 'so-noi-vu.pem'));
      const trusted = await delegate.services.mail.message(delegate.accountId, 'INBOX', uid);
      expect(trusted.signature).toMatchObject({ state: 'valid', signerName: 'So Noi vu' });
    } finally {
      rmSync(dir, { recursive: true, force: true });
      rmSync(join(delegate.profileDir, 'trust-anchors'), { recursive: true, force: true });
    }
  });
});
