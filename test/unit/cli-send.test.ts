import { PassThrough } from 'node:stream';
import { afterEach, describe, expect, it } from 'vitest';
import type { OutboxEntry, OutboxFlushResult } from '../../shared/compose.ts';
import { parse } from '../../electron/cli/args.ts';
import { runCli } from '../../electron/cli/main.ts';
import { flushExitCode, sendExitCode, statusWords } from '../../electron/cli/commands/outbox.ts';
import { decodeText, outcomeText, parseReplyTo, report, sendRequest } from '../../electron/cli/commands/send.ts';
import { formatReceipts, receiptWords } from '../../electron/cli/commands/receipts.ts';
import { tempDir } from '../support/temp-dir.ts';

const cleanups: Array<() => void> = [];
afterEach(() => cleanups.splice(0).forEach((c) => c()));

async function run(args: string[]) {
  const { dir, cleanup } = tempDir();
  cleanups.push(cleanup);
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  let out = '';
  let err = '';
  stdout.on('data', (d) => (out += d));
  stderr.on('data', (d) => (err += d));
  const code = await runCli(['--profile', dir, ...args], {
    stdin: new PassThrough() as unknown as NodeJS.ReadStream,
    stdout,
    stderr: stderr as unknown as NodeJS.WriteStream,
    env: {},
  });
  return { code, out, err };
}

const BASE = ['--account', 'vanphong@binhphuoc.gov.vn', '--to', 'canbo1@binhphuoc.gov.vn', '--subject', 'Thử'];
const request = (args: string[]) => sendRequest(parse(args).values);

const entry = (over: Partial<OutboxEntry>): OutboxEntry => ({
  id: '0b6c8f2e-0000-4000-8000-000000000001',
  accountId: 'a1',
  messageId: '<abc@binhphuoc.gov.vn>',
  from: 'vanphong@binhphuoc.gov.vn',
  sender: null,
  to: ['canbo1@binhphuoc.gov.vn'],
  cc: [],
  bcc: ['luu@binhphuoc.gov.vn'],
  subject: 'Thử',
  size: 2048,
  status: 'queued',
  attempts: 0,
  queuedAt: '2026-12-01T01:00:00.000Z',
  sendAfter: '2026-12-01T01:00:00.000Z',
  nextAttemptAt: null,
  lastError: null,
  refused: [],
  sentAt: null,
  sentCopy: 'pending',
  ...over,
});

const unreachable = {
  code: 'HOST_UNREACHABLE' as const,
  messageVi: 'Không kết nối được tới máy chủ. Kiểm tra địa chỉ, cổng và mạng.',
  detail: 'ECONNREFUSED',
};

describe('send: options', () => {
  it('builds the request: lists split, --as, reply target, flags', () => {
    const r = request([
      ...BASE,
      '--to',
      '"Nguyễn, Văn A" <a@binhphuoc.gov.vn>; b@binhphuoc.gov.vn',
      '--cc',
      'c@binhphuoc.gov.vn',
      '--body-stdin',
      '--as',
      'vanphong@binhphuoc.gov.vn',
      '--reply-to-uid',
      'Đã xử lý:2026:42',
      '--attach',
      '/tmp/a.pdf',
      '--attach',
      '/tmp/b.pdf',
      '--request-receipt',
      '--confirm-outside-domain',
    ]);
    expect(r.to).toEqual(['canbo1@binhphuoc.gov.vn', '"Nguyễn, Văn A" <a@binhphuoc.gov.vn>', 'b@binhphuoc.gov.vn']);
    expect(r.cc).toEqual(['c@binhphuoc.gov.vn']);
    expect(r.body).toEqual({ stdin: true });
    expect(r.original).toEqual({ folder: 'Đã xử lý:2026', uid: 42, mode: 'reply' });
    expect(r.attach).toEqual(['/tmp/a.pdf', '/tmp/b.pdf']);
    expect(r).toMatchObject({
      onBehalfOf: 'vanphong@binhphuoc.gov.vn',
      requestReceipt: true,
      confirmOutsideDomain: true,
    });
  });

  it('keeps an invalid address for the service to refuse by name', () => {
    expect(request([...BASE, '--to', 'khong-hop-le', '--body-file', 'f']).to).toContain('khong-hop-le');
  });

  it('refuses what is missing or contradictory (usage errors)', () => {
    expect(() => request(['--account', 'x', '--subject', 's', '--body-stdin'])).toThrow(/--to is required/);
    expect(() => request([...BASE])).toThrow(/--body-file F or --body-stdin/);
    expect(() => request([...BASE, '--body-stdin', '--body-file', 'f'])).toThrow(/not both/);
    expect(() => request(['--to', 'a@binhphuoc.gov.vn', '--subject', 's', '--body-stdin'])).toThrow(/--account/);
    expect(() => request([...BASE, '--body-stdin', '--reply-to-uid', 'INBOX'])).toThrow(/FOLDER:UID/);
    expect(() => request([...BASE, '--body-stdin', '--reply-to-uid', 'INBOX:0'])).toThrow(/UID/);
    expect(() => request([...BASE, '--body-stdin', '--as', 'van phong'])).toThrow(/--as/);
    expect(request([...BASE, '--body-stdin', '--sign']).sign).toBe(true);
    expect(request([...BASE, '--body-stdin']).sign).toBe(false);
    expect(parseReplyTo('INBOX:7')).toEqual({ folder: 'INBOX', uid: 7, mode: 'reply' });
  });

  it('reads UTF-8 only, drops a BOM and returns NFC', () => {
    const nfd = 'Kính gửi'.normalize('NFD');
    expect(decodeText(Buffer.from(`\uFEFF${nfd}`, 'utf8'), 'f')).toBe('Kính gửi'.normalize('NFC'));
    expect(() => decodeText(Buffer.from([0x4b, 0xed, 0x6e, 0x68]), 'f')).toThrow(/not UTF-8/);
  });
});

describe('send and outbox: exit codes and words', () => {
  it('maps the outcome to 0 / 75 / 1', () => {
    expect(sendExitCode(entry({ status: 'sent' }))).toBe(0);
    expect(sendExitCode(entry({ status: 'retry' }))).toBe(75);
    expect(sendExitCode(entry({ status: 'maybe-sent' }))).toBe(75);
    expect(sendExitCode(entry({ status: 'sending' }))).toBe(75);
    expect(sendExitCode(entry({ status: 'failed' }))).toBe(1);
    expect(sendExitCode(entry({ status: 'sent', refused: [{ address: 'x@a.vn', code: 550, reason: 'no' }] }))).toBe(1);
    const flush = (over: Partial<OutboxFlushResult>): OutboxFlushResult => ({
      sent: 0,
      waiting: 0,
      failed: 0,
      maybeSent: 0,
      entries: [],
      ...over,
    });
    expect(flushExitCode(flush({ sent: 2 }))).toBe(0);
    expect(flushExitCode(flush({ waiting: 1 }))).toBe(75);
    expect(flushExitCode(flush({ maybeSent: 1 }))).toBe(75);
    expect(flushExitCode(flush({ waiting: 1, failed: 1 }))).toBe(1);
  });

  it('says each status in Vietnamese, with the reason and the next attempt', () => {
    expect(statusWords(entry({}))).toBe('Chờ gửi');
    expect(statusWords(entry({ status: 'sending' }))).toBe('Đang gửi');
    const retry = statusWords(
      entry({ status: 'retry', lastError: unreachable, nextAttemptAt: '2026-12-01T01:00:30.000Z' }),
    );
    expect(retry).toMatch(
      /^Chờ gửi lại \(Không kết nối được tới máy chủ; lần thử tới \d\d:\d\d:\d\d \d\d\/12\/2026\)$/,
    );
    expect(statusWords(entry({ status: 'failed', lastError: { ...unreachable, messageVi: 'Bị từ chối.' } }))).toBe(
      'Không gửi được (Bị từ chối)',
    );
    expect(statusWords(entry({ status: 'maybe-sent' }))).toMatch(/^Có thể đã gửi/);
    expect(statusWords(entry({ status: 'sent', sentCopy: 'done' }))).toBe('Đã gửi');
  });

  it('reports the JSON shape and one or two lines of text', () => {
    const kept = entry({ status: 'retry', lastError: unreachable, attempts: 1 });
    expect(report(kept)).toEqual({
      status: 'retry',
      messageId: '<abc@binhphuoc.gov.vn>',
      id: kept.id,
      recipients: ['canbo1@binhphuoc.gov.vn', 'luu@binhphuoc.gov.vn'],
      refused: [],
      error: unreachable,
    });
    const text = outcomeText(kept, 'vanphong@binhphuoc.gov.vn');
    expect(text.split('\n')).toHaveLength(2);
    expect(text).toContain('được giữ trong hộp thư đi');
    expect(text).toContain('outbox flush --account vanphong@binhphuoc.gov.vn');
    expect(outcomeText(entry({ status: 'sent', sentCopy: 'done' }), 'x')).toMatch(/^Đã gửi \/ sent: <abc@/);
    expect(outcomeText(entry({ status: 'maybe-sent' }), 'x')).toContain('để bạn quyết định');
  });
});

describe('send, outbox and receipts through runCli (usage: exit 2)', () => {
  it('takes --sign and receipts: the account is looked for (exit 1 when unknown), no "not supported"', async () => {
    const sign = await run(['send', ...BASE, '--body-stdin', '--sign']);
    expect(sign.code).toBe(1);
    expect(sign.err).toContain('ACCOUNT_NOT_FOUND');
    const receipts = await run(['receipts', '--account', 'vanphong@binhphuoc.gov.vn']);
    expect(receipts.code).toBe(1);
    expect(receipts.err).toContain('ACCOUNT_NOT_FOUND');
    expect((await run(['receipts', 'extra', '--account', 'vanphong@binhphuoc.gov.vn'])).code).toBe(2);
    expect((await run(['receipts'])).code).toBe(2);
  });

  it('rejects bad send and outbox calls with exit 2', async () => {
    expect((await run(['send', '--account', 'x@binhphuoc.gov.vn', '--subject', 's', '--body-stdin'])).code).toBe(2);
    expect((await run(['send', ...BASE, '--body-file', 'f', 'extra'])).code).toBe(2);
    expect((await run(['outbox', '--account', 'x@binhphuoc.gov.vn'])).code).toBe(2);
    expect((await run(['outbox', 'purge', '--account', 'x@binhphuoc.gov.vn'])).code).toBe(2);
    expect((await run(['outbox', 'remove', '--account', 'x@binhphuoc.gov.vn'])).code).toBe(2);
    expect((await run(['outbox', 'list', 'x', '--account', 'x@binhphuoc.gov.vn'])).code).toBe(2);
    expect((await run(['delegate', 'revoke', '--account', 'x', '--to', 'a', '--to', 'b'])).code).toBe(2);
  });

  it('exits 1 for an unknown account, with the account named', async () => {
    const r = await run(['outbox', 'list', '--account', 'nobody@binhphuoc.gov.vn']);
    expect(r.code).toBe(1);
    expect(r.err).toContain('ACCOUNT_NOT_FOUND');
  });
});

describe('receipts: words', () => {
  it('says per recipient "đã đọc lúc …" or "chưa có xác nhận"', () => {
    const at = '2026-12-01T02:15:07.000Z';
    expect(receiptWords({ recipient: 'a', state: 'displayed', at })).toMatch(
      /^đã đọc lúc \d\d:\d\d:\d\d 01\/12\/2026$/,
    );
    expect(receiptWords({ recipient: 'a', state: 'deleted', at })).toContain('có thể chưa đọc');
    expect(receiptWords({ recipient: 'a', state: 'waiting', at: null })).toBe('chưa có xác nhận');
    const text = formatReceipts([
      {
        messageId: '<abc@binhphuoc.gov.vn>',
        subject: 'Thử',
        sentAt: at,
        from: 'vanphong@binhphuoc.gov.vn',
        recipients: [
          { recipient: 'canbo1@binhphuoc.gov.vn', state: 'displayed', at },
          { recipient: 'b@binhphuoc.gov.vn', state: 'waiting', at: null },
        ],
      },
    ]);
    expect(text.split('\n')).toHaveLength(4);
    expect(text).toContain('1/2 đã đọc');
    expect(text).toMatch(/ {2}b@binhphuoc\.gov\.vn {7}chưa có xác nhận$/m);
    expect(formatReceipts([])).toContain('Chưa có thư nào');
  });
});
