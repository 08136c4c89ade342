// Read receipts (MDN, RFC 8098): parsing the shapes real clients send back (Outlook/Exchange,
// Thunderbird, an old RFC 2298 one, one without Original-Message-ID), refusing what is not an MDN
// (a bounce), and the receipt we build read back by the same parser and by mailparser.
import { simpleParser } from 'mailparser';
import { describe, expect, it } from 'vitest';
import { buildMdn, mdnFields, type MdnInput } from '../../electron/services/receipts/mdn-build.ts';
import { parseDisposition, parseMdn, parseMdnFields } from '../../electron/services/receipts/mdn-parse.ts';
import { addressesOf, returnPathMismatch } from '../../electron/services/receipts/receipt-requests.ts';

const crlf = (lines: string[]) => Buffer.from(lines.join('\r\n'), 'utf8');
const b64 = (s: string) => Buffer.from(s, 'utf8').toString('base64');
const ORIGINAL = '<3f2a9c@binhphuoc.gov.vn>';

// Exchange/Outlook: the human part is multipart/alternative, Final-Recipient in upper case "RFC822;",
// X-MS fields in the report, sent automatically.
const OUTLOOK = crlf([
  'From: =?utf-8?B?' + b64('Nguyễn Văn Bình') + '?= <binh.nv@soyte.binhphuoc.gov.vn>',
  'To: <vanphong@binhphuoc.gov.vn>',
  'Subject: Read: =?utf-8?B?' + b64('Công văn số 12/UBND-VP') + '?=',
  'Thread-Topic: =?utf-8?B?' + b64('Công văn số 12/UBND-VP') + '?=',
  'Date: Tue, 1 Dec 2026 02:15:07 +0000',
  'Message-ID: <9b3c41d2e@EXCH01.soyte.binhphuoc.gov.vn>',
  'X-MS-Exchange-Organization-AuthAs: Internal',
  'MIME-Version: 1.0',
  'Content-Type: multipart/report;',
  '\tboundary="_000_9b3c_";',
  '\treport-type=disposition-notification',
  '',
  '--_000_9b3c_',
  'Content-Type: multipart/alternative;',
  '\tboundary="_001_9b3c_"',
  '',
  '--_001_9b3c_',
  'Content-Type: text/plain; charset="utf-8"',
  'Content-Transfer-Encoding: base64',
  '',
  b64('Your message was read on Tuesday, December 1, 2026 9:15:07 AM (UTC+07:00) Bangkok, Hanoi, Jakarta.'),
  '--_001_9b3c_',
  'Content-Type: text/html; charset="utf-8"',
  'Content-Transfer-Encoding: base64',
  '',
  b64('<html><body><p>Your message was read.</p></body></html>'),
  '--_001_9b3c_--',
  '',
  '--_000_9b3c_',
  'Content-Type: message/disposition-notification',
  '',
  'Final-Recipient: RFC822; Binh.NV@soyte.binhphuoc.gov.vn',
  'Disposition: automatic-action/MDN-sent-automatically; displayed',
  'X-MSExch-Correlation-Key: Zm9vYmFyYmF6',
  `Original-Message-ID: ${ORIGINAL}`,
  'X-Display-Name: =?utf-8?B?' + b64('Nguyễn Văn Bình') + '?=',
  '',
  '--_000_9b3c_--',
  '',
]);

// Thunderbird: Original-Recipient, the report part named MDNPart2.txt, the original's headers as
// text/rfc822-headers, sent manually after the user said yes.
const THUNDERBIRD = crlf([
  'Message-ID: <b0e1f6aa-1c2d@soyte.binhphuoc.gov.vn>',
  'Date: Tue, 1 Dec 2026 09:20:00 +0700',
  'MIME-Version: 1.0',
  'User-Agent: Mozilla Thunderbird',
  'From: Tran Thi Hoa <hoa.tt@soyte.binhphuoc.gov.vn>',
  'To: vanphong@binhphuoc.gov.vn',
  'Subject: Return Receipt (displayed) - =?UTF-8?B?' + b64('Công văn số 12/UBND-VP') + '?=',
  `References: ${ORIGINAL}`,
  'Content-Type: multipart/report; report-type=disposition-notification;',
  ' boundary="------------A4D3B2C1"',
  '',
  'This is a multi-part message in MIME format.',
  '--------------A4D3B2C1',
  'Content-Type: text/plain; charset=UTF-8',
  'Content-Transfer-Encoding: 7bit',
  '',
  'This is a Return Receipt for the mail that you sent to hoa.tt@soyte.binhphuoc.gov.vn.',
  '',
  '--------------A4D3B2C1',
  'Content-Type: message/disposition-notification; name="MDNPart2.txt"',
  'Content-Disposition: inline',
  'Content-Transfer-Encoding: 7bit',
  '',
  'Reporting-UA: soyte.binhphuoc.gov.vn; Mozilla Thunderbird',
  'Original-Recipient: rfc822;hoa.tt@soyte.binhphuoc.gov.vn',
  'Final-Recipient: rfc822;hoa.tt@soyte.binhphuoc.gov.vn',
  `Original-Message-ID: ${ORIGINAL}`,
  'Disposition: manual-action/MDN-sent-manually; displayed',
  '',
  '--------------A4D3B2C1',
  'Content-Type: text/rfc822-headers; name="MDNPart3.txt"',
  'Content-Transfer-Encoding: 7bit',
  'Content-Disposition: inline',
  '',
  'From: vanphong@binhphuoc.gov.vn',
  `Message-ID: ${ORIGINAL}`,
  '',
  '--------------A4D3B2C1--',
  '',
]);

/** A report of another kind, and a minimal MDN without Original-Message-ID (In-Reply-To names the original). */
const report = (type: string, part: string, fields: string[], extra: string[] = []) =>
  crlf([
    'From: postmaster@soyte.binhphuoc.gov.vn',
    'To: vanphong@binhphuoc.gov.vn',
    'Date: Wed, 2 Dec 2026 08:00:00 +0700',
    ...extra,
    `Content-Type: multipart/report; report-type=${type}; boundary="r"`,
    '',
    '--r',
    'Content-Type: text/plain',
    '',
    'Report.',
    '--r',
    `Content-Type: ${part}`,
    '',
    ...fields,
    '',
    '--r--',
    '',
  ]);

describe('parsing returned MDNs', () => {
  it("reads Outlook/Exchange's receipt", async () => {
    expect(await parseMdn(OUTLOOK)).toMatchObject({
      originalMessageId: ORIGINAL,
      recipient: 'binh.nv@soyte.binhphuoc.gov.vn',
      originalRecipient: null,
      state: 'displayed',
      disposition: { actionMode: 'automatic-action', sendingMode: 'mdn-sent-automatically', type: 'displayed' },
      date: '2026-12-01T02:15:07.000Z',
      messageId: '<9b3c41d2e@EXCH01.soyte.binhphuoc.gov.vn>',
    });
  });

  it("reads Thunderbird's receipt, with Original-Recipient and the original's headers", async () => {
    expect(await parseMdn(THUNDERBIRD)).toMatchObject({
      originalMessageId: ORIGINAL,
      recipient: 'hoa.tt@soyte.binhphuoc.gov.vn',
      originalRecipient: 'hoa.tt@soyte.binhphuoc.gov.vn',
      reportingUa: 'soyte.binhphuoc.gov.vn; Mozilla Thunderbird',
      state: 'displayed',
      date: '2026-12-01T02:20:00.000Z',
    });
  });

  it('takes the original from In-Reply-To when Original-Message-ID is missing; old and unknown types', async () => {
    const deleted = report(
      'disposition-notification',
      'message/disposition-notification',
      ['Final-Recipient: rfc822; an.nv@binhphuoc.gov.vn', 'Disposition: manual-action/MDN-sent-manually; deleted'],
      [`In-Reply-To: ${ORIGINAL}`],
    );
    expect(await parseMdn(deleted)).toMatchObject({ originalMessageId: ORIGINAL, state: 'deleted' });
    const denied = report('disposition-notification', 'message/disposition-notification', [
      'Final-Recipient: rfc822;an.nv@binhphuoc.gov.vn',
      `Original-Message-ID: ${ORIGINAL}`,
      'Disposition: manual-action/MDN-sent-manually; denied',
    ]);
    expect(await parseMdn(denied)).toMatchObject({ state: null, disposition: { type: 'denied' } });
    expect(parseDisposition('manual-action/MDN-sent-manually; displayed/warning')).toEqual({
      actionMode: 'manual-action',
      sendingMode: 'mdn-sent-manually',
      type: 'displayed',
      modifiers: ['warning'],
    });
    expect(parseDisposition('(comment) automatic-action / MDN-sent-automatically ; processed')).toMatchObject({
      type: 'processed',
    });
    expect(parseDisposition('displayed')).toBeNull();
  });

  it('is not fooled by a bounce or an ordinary message', async () => {
    const bounce = report('delivery-status', 'message/delivery-status', [
      'Reporting-MTA: dns; mail.binhphuoc.gov.vn',
      '',
      'Final-Recipient: rfc822; khong.co@binhphuoc.gov.vn',
      'Action: failed',
      'Status: 5.1.1',
    ]);
    expect(await parseMdn(bounce)).toBeNull();
    expect(await parseMdn(crlf(['Subject: x', '', 'Disposition: manual-action/x; displayed', '']))).toBeNull();
  });

  it('unfolds fields and keeps the first of a repeated one', () => {
    const f = parseMdnFields('Reporting-UA: a;\r\n  b\r\nDisposition: x/y; displayed\r\nDisposition: x/y; deleted\r\n');
    expect(f.get('reporting-ua')).toBe('a; b');
    expect(f.get('disposition')).toBe('x/y; displayed');
  });
});

const input = (over: Partial<MdnInput> = {}): MdnInput => ({
  from: { name: 'Sở Y tế', address: 'soyte@binhphuoc.gov.vn' },
  to: ['vanphong@binhphuoc.gov.vn'],
  original: {
    messageId: ORIGINAL,
    subject: 'Công văn số 12/UBND-VP về báo cáo Đề án 06',
    date: new Date('2026-12-01T01:00:00Z'),
    originalRecipient: null,
  },
  userAgent: 'unit-mailbox/0.1.0',
  sendingMode: 'manual',
  messageId: '<mdn1@binhphuoc.gov.vn>',
  now: new Date('2026-12-01T02:30:00Z'),
  boundary: '----=_mdn_test',
  ...over,
});

describe('building our MDN', () => {
  it('is a 7-bit multipart/report our parser and mailparser read back', async () => {
    const raw = buildMdn(input());
    expect(raw.toString('latin1')).toMatch(/^[\t\r\n -~]*$/);
    expect(await parseMdn(raw)).toMatchObject({
      originalMessageId: ORIGINAL,
      recipient: 'soyte@binhphuoc.gov.vn',
      state: 'displayed',
      disposition: { actionMode: 'manual-action', sendingMode: 'mdn-sent-manually' },
      date: '2026-12-01T02:30:00.000Z',
      messageId: '<mdn1@binhphuoc.gov.vn>',
    });
    const parsed = await simpleParser(raw);
    expect(parsed.subject).toBe('Đã đọc / Read: Công văn số 12/UBND-VP về báo cáo Đề án 06');
    expect(parsed.inReplyTo).toBe(ORIGINAL);
    expect(parsed.headers.get('content-type')).toMatchObject({
      value: 'multipart/report',
      params: { 'report-type': 'disposition-notification' },
    });
    expect(parsed.text).toContain('đã được hiển thị trên máy người nhận lúc 09:30');
    expect(parsed.text).toContain('was displayed on the recipient');
  });

  it('says how it was sent, and passes Original-Recipient on', () => {
    const fields = mdnFields(
      input({
        sendingMode: 'automatic',
        original: { ...input().original, originalRecipient: 'rfc822;soyte@binhphuoc.gov.vn' },
      }),
    );
    expect(fields.split('\r\n')).toEqual([
      'Reporting-UA: binhphuoc.gov.vn; unit-mailbox/0.1.0',
      'Original-Recipient: rfc822;soyte@binhphuoc.gov.vn',
      'Final-Recipient: rfc822;soyte@binhphuoc.gov.vn',
      `Original-Message-ID: ${ORIGINAL}`,
      'Disposition: manual-action/MDN-sent-automatically; displayed',
      '',
    ]);
    expect(mdnFields(input({ original: { ...input().original, messageId: null } }))).not.toContain(
      'Original-Message-ID',
    );
  });
});

describe('reading requests', () => {
  it('lists receipt addresses and notices a Return-Path that differs', () => {
    expect(addressesOf('"Văn phòng" <VanPhong@binhphuoc.gov.vn>, a@b.vn')).toEqual([
      'vanphong@binhphuoc.gov.vn',
      'a@b.vn',
    ]);
    expect(addressesOf(undefined)).toEqual([]);
    expect(returnPathMismatch(['vanphong@binhphuoc.gov.vn'], '<vanphong@binhphuoc.gov.vn>')).toBe(false);
    expect(returnPathMismatch(['thu.thap@evil.example'], '<vanphong@binhphuoc.gov.vn>')).toBe(true);
    expect(returnPathMismatch(['vanphong@binhphuoc.gov.vn'], undefined)).toBe(false);
  });
});
