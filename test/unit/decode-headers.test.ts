import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { encodeTcvn3 } from '../../electron/services/mail/charset/tcvn3.ts';
import { encodeVni } from '../../electron/services/mail/charset/vni.ts';
import { decodeAddresses, decodeHeader, decodeHeaders } from '../../electron/services/mail/decode/decode-headers.ts';
import { headerFields } from '../../electron/services/mail/decode/header-fields.ts';
import { parseMessage } from '../../electron/services/mail/message-parse.ts';
import { DISPLAY_HEADER_FIELDS } from '../../electron/services/sync/structure.ts';

const DIR = new URL('../fixtures/decoding/', import.meta.url);
const EXPECTED = JSON.parse(readFileSync(new URL('expected.json', DIR), 'utf8')) as Record<
  string,
  { subject: string; fromName: string; body: string; dateSource: 'header' | 'internal' }
>;
const latin1 = (s: string) => Buffer.from(s, 'latin1');
/** Q encoding of Latin-1 characters (legacy font bytes), as a mailer writes it. */
const q = (s: string) =>
  [...latin1(s)]
    .map((b) =>
      b > 0x20 && b < 0x7f && b !== 0x3d && b !== 0x5f ? String.fromCharCode(b) : `=${b.toString(16).padStart(2, '0')}`,
    )
    .join('');

/** What FETCH BODY.PEEK[HEADER.FIELDS (...)] returns for a message: only those fields, then a blank line. */
function fetchedFields(source: Buffer): Buffer {
  const wanted = new Set<string>(DISPLAY_HEADER_FIELDS);
  const lines: Buffer[] = [];
  let keep = false;
  let at = 0;
  for (;;) {
    const end = source.indexOf('\r\n', at);
    const line = source.subarray(at, end);
    if (line.length === 0) break;
    if (line[0] !== 0x20 && line[0] !== 0x09) keep = wanted.has(line.toString('latin1').split(':')[0]!.toLowerCase());
    if (keep) lines.push(line, latin1('\r\n'));
    at = end + 2;
  }
  return Buffer.concat([...lines, latin1('\r\n')]);
}

describe('the decoding corpus', () => {
  it.each(Object.entries(EXPECTED))('%s: the same NFC text from the fetched fields and in show', async (file, e) => {
    const source = readFileSync(new URL(file, DIR));
    const cached = decodeHeaders(fetchedFields(source));
    expect(cached.subject).toBe(e.subject);
    expect(cached.from[0]?.name).toBe(e.fromName);
    expect(cached.subject).toBe(cached.subject.normalize('NFC'));
    const shown = await parseMessage(source, {
      uid: 1,
      folder: 'INBOX',
      flags: [],
      internalDate: '2026-12-07T02:00:00Z',
    });
    expect(shown.subject).toBe(cached.subject);
    expect(shown.from).toEqual(cached.from);
    expect(shown.text.trim()).toBe(e.body);
    expect(shown.text).toBe(shown.text.normalize('NFC'));
    expect(shown.dateSource).toBe(e.dateSource);
  });
});

describe('decodeHeader', () => {
  it('joins encoded words cut inside a UTF-8 character', () => {
    expect(decodeHeader('=?utf-8?B?Q2jhuw==?= =?utf-8?B?iSDEkeG6oW8=?=')).toBe('Chỉ đạo');
  });

  it('composes a windows-1258 tone mark that starts the next encoded word', () => {
    expect(decodeHeader('=?windows-1258?Q?Chi?=\r\n =?windows-1258?Q?=D2_thi=F2?=')).toBe('Chỉ thị');
  });

  it('reads raw 8-bit bytes as UTF-8 first, else as windows-1258 when that makes Vietnamese', () => {
    expect(decodeHeader(Buffer.from('Chỉ đạo khẩn', 'utf8'))).toBe('Chỉ đạo khẩn');
    // "Chỉ đạo khẩn" in windows-1258: i + 0xD2 (hook), 0xF0 (đ), a + 0xF2 (dot), 0xE2 (â) + 0xD2.
    expect(decodeHeader(latin1('Chi\xd2 \xf0a\xf2o kh\xe2\xd2n'))).toBe('Chỉ đạo khẩn');
  });

  it('uses the charset the message declares for raw bytes', () => {
    expect(decodeHeader(latin1('R\xe9union \xe0 Gen\xe8ve'), { charset: 'iso-8859-1' })).toBe('Réunion à Genève');
  });

  it('lets valid UTF-8 win over a single-byte label', () => {
    const word = Buffer.from('Giấy mời họp', 'utf8').toString('base64');
    expect(decodeHeader(`=?iso-8859-1?B?${word}?=`)).toBe('Giấy mời họp');
    expect(decodeHeader(`=?windows-1258?B?${word}?=`)).toBe('Giấy mời họp');
    // A genuine Latin-1 word is not valid UTF-8 and keeps its label.
    expect(decodeHeader('=?iso-8859-1?Q?Proc=E8s-verbal?=')).toBe('Procès-verbal');
  });

  it('repairs TCVN3 and VNI that show the encoding on their own, and leaves French alone', () => {
    const subject = 'Quyết định giao nhiệm vụ năm 2027';
    expect(decodeHeader(`=?iso-8859-1?Q?${q(encodeTcvn3(subject))}?=`)).toBe(subject);
    expect(decodeHeader(latin1(encodeVni(subject)), { charset: 'windows-1252' })).toBe(subject);
    expect(decodeHeader('=?windows-1252?Q?Proc=E8s-verbal_de_la_r=E9union_=E0_Gen=E8ve?=')).toBe(
      'Procès-verbal de la réunion à Genève',
    );
  });

  it('converts one legacy word only with a hint from the rest of the message', () => {
    const word = encodeTcvn3('Quyết');
    expect(decodeHeader(latin1(word), { charset: 'iso-8859-1' })).toBe(word);
    expect(decodeHeader(latin1(word), { charset: 'iso-8859-1', legacy: 'tcvn3' })).toBe('Quyết');
  });

  it('returns one NFC line without control characters', () => {
    const nfd = 'Báo cáo\ttuần\u0007'.normalize('NFD');
    const out = decodeHeader(Buffer.from(nfd, 'utf8'));
    expect(out).toBe('Báo cáo tuần');
    expect(out).toBe(out.normalize('NFC'));
  });
});

describe('decodeAddresses and decodeHeaders', () => {
  it('parses the list before decoding names, so an encoded comma cannot split an address', () => {
    expect(decodeAddresses('"Trần, Văn" <a@b.vn>, =?utf-8?Q?L=C3=AA_V=C4=83n_B?= <b@b.vn>, Nhóm: c@b.vn;')).toEqual([
      { name: 'Trần, Văn', address: 'a@b.vn' },
      { name: 'Lê Văn B', address: 'b@b.vn' },
      { name: '', address: 'c@b.vn' },
    ]);
  });

  it('decides TCVN3 on the subject and names together, converting only the parts that carry it', () => {
    const block = latin1(
      `From: =?iso-8859-1?Q?${q(encodeTcvn3('Văn phòng'))}?= <vp@b.vn>\r\n` +
        `Subject: =?iso-8859-1?Q?${q(encodeTcvn3('Báo cáo nhanh'))}?=\r\n\r\nbody`,
    );
    const h = decodeHeaders(block);
    expect(h.legacy).toBe('tcvn3');
    expect(h.subject).toBe('Báo cáo nhanh');
    expect(h.subjectConverted).toBe(true);
    expect(h.from).toEqual([{ name: 'Văn phòng', address: 'vp@b.vn' }]);
    // The UTF-8 name went in as text: "Sở Nội vụ" read from Latin-1 bytes would not be Unicode Vietnamese.
    expect(decodeHeaders(Buffer.from('To: "Sở Nội vụ" <nv@b.vn>\r\n\r\n', 'utf8')).to[0]!.name).toBe('Sở Nội vụ');
  });

  it('unfolds fields and stops at the blank line', () => {
    const fields = headerFields(latin1('Subject: one\r\n two\r\nX-A: 1\r\n\r\nSubject: body'));
    expect(fields.map((f) => [f.name, Buffer.from(f.value).toString('latin1')])).toEqual([
      ['subject', ' one two'],
      ['x-a', ' 1'],
    ]);
  });
});

describe('show', () => {
  it('never shows \\Recent, and marks an INTERNALDATE standing in for a missing Date', async () => {
    const m = await parseMessage(latin1('Subject: x\r\n\r\nbody\r\n'), {
      uid: 1,
      folder: 'INBOX',
      flags: ['\\Recent', '\\Seen'],
      internalDate: '2026-12-07T02:00:00.000Z',
    });
    expect(m.flags).toEqual(['\\Seen']);
    expect(m).toMatchObject({ date: '2026-12-07T02:00:00.000Z', dateSource: 'internal' });
    const dated = await parseMessage(latin1('Subject: x\r\nDate: Mon, 7 Dec 2026 08:00:00 +0700\r\n\r\nb\r\n'), {
      uid: 1,
      folder: 'INBOX',
      flags: [],
      internalDate: '2026-12-09T02:00:00.000Z',
    });
    expect(dated).toMatchObject({ date: '2026-12-07T01:00:00.000Z', dateSource: 'header' });
  });

  it('reads a UTF-8 body labelled iso-8859-1 as UTF-8', async () => {
    const source = Buffer.concat([
      latin1('Subject: x\r\nContent-Type: text/plain; charset=iso-8859-1\r\n\r\n'),
      Buffer.from('Kính gửi các đơn vị.\r\n', 'utf8'),
    ]);
    expect((await parseMessage(source, { uid: 1, folder: 'INBOX', flags: [] })).text).toBe('Kính gửi các đơn vị.\n');
  });
});
