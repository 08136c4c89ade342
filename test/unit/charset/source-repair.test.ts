import { Buffer } from 'node:buffer';
import { describe, expect, it } from 'vitest';
import {
  decodeBytes,
  guessSingleByteCharset,
  isMostlyNotUtf8,
  utf8Stats,
} from '../../../electron/services/mail/charset/bytes.ts';
import {
  fallsBackToUtf8,
  normaliseLineEndings,
  relabelUndecodableText,
  repairMissingBoundary,
  transcodeRawHeaders,
} from '../../../electron/services/mail/charset/source-repair.ts';

// "Chỉ đạo các đơn vị" in windows-1258: tones as combining bytes after the letter.
const CP1258 = Buffer.from('Chi\xd2 \xf0a\xf2o ca\xecc \xf0\xf5n vi\xf2', 'latin1');

describe('bytes', () => {
  it('counts UTF-8 sequences and stray bytes', () => {
    expect(utf8Stats(Buffer.from('Chỉ đạo'))).toEqual({ valid: 3, invalid: 0 });
    expect(utf8Stats(CP1258).valid).toBe(0);
    expect(isMostlyNotUtf8(CP1258)).toBe(true);
    expect(isMostlyNotUtf8(Buffer.from('Chỉ đạo khẩn, hỏa tốc \xff', 'utf8'))).toBe(false);
    expect(isMostlyNotUtf8(Buffer.from([0xed, 0xa0, 0x80]))).toBe(true); // a UTF-16 surrogate is not UTF-8
  });

  it('decodes windows-1258 to NFC and windows-1252 without ICU', () => {
    expect(decodeBytes(CP1258, 'windows-1258')).toBe('Chỉ đạo các đơn vị');
    expect(decodeBytes(Buffer.from([0x80, 0xe9, 0x93]), 'iso-8859-1')).toBe('€é“');
    expect(decodeBytes(Buffer.from('x'), 'x-unknown')).toBeNull();
  });

  it('guesses windows-1258 only when that reading is Vietnamese', () => {
    expect(guessSingleByteCharset(CP1258)).toBe('windows-1258');
    expect(guessSingleByteCharset(Buffer.from('Procès-verbal de la réunion à Genève', 'latin1'))).toBe('windows-1252');
    expect(guessSingleByteCharset(Buffer.from('Céng hoµ x· héi chñ nghÜa ViÖt Nam', 'latin1'))).toBe('windows-1252');
  });
});

describe('source repairs', () => {
  it('turns CR-only line ends into CRLF and leaves other sources as they are', () => {
    expect(normaliseLineEndings(Buffer.from('A: 1\rB: 2\r\rbody\r')).toString()).toBe('A: 1\r\nB: 2\r\n\r\nbody\r\n');
    const crlf = Buffer.from('A: 1\r\n\r\nbody\r\n');
    expect(normaliseLineEndings(crlf)).toBe(crlf);
  });

  it('transcodes raw windows-1258 header bytes to UTF-8, using the declared body charset', () => {
    const source = Buffer.concat([
      Buffer.from('Subject: '),
      CP1258,
      Buffer.from('\r\nContent-Type: text/plain; charset=windows-1258\r\n\r\n'),
      CP1258,
    ]);
    const out = transcodeRawHeaders(source);
    expect(out.toString('utf8')).toContain('Subject: Chỉ đạo các đơn vị\r\n');
    expect(out.subarray(out.length - CP1258.length).equals(CP1258)).toBe(true);
    const utf8 = Buffer.from('Subject: Chỉ đạo\r\n\r\nx');
    expect(transcodeRawHeaders(utf8)).toBe(utf8);
  });

  it('knows which labels the parser would read as UTF-8', () => {
    for (const label of [undefined, '', 'us-ascii', 'UTF-8', 'utf-9', 'x-unknown']) {
      expect(fallsBackToUtf8(label), String(label)).toBe(true);
    }
    for (const label of ['windows-1258', 'iso-8859-1', 'tcvn', 'viscii', 'koi8-r', 'cp850']) {
      expect(fallsBackToUtf8(label), label).toBe(false);
    }
  });

  it('relabels non-UTF-8 text parts that the parser would read as UTF-8, in nested multiparts too', () => {
    const source = Buffer.concat([
      Buffer.from(
        'Content-Type: multipart/mixed; boundary="a"\r\n\r\n--a\r\nContent-Type: text/plain\r\n\r\nhello\r\n' +
          '--a\r\nContent-Type: multipart/alternative;\r\n boundary=b\r\n\r\n--b\r\nContent-Type: text/plain; charset=x-unknown\r\n' +
          'Content-Transfer-Encoding: quoted-printable\r\n\r\n',
      ),
      Buffer.from('Chi=D2 =F0a=F2o ca=ECc =F0=F5n vi=F2\r\n--b\r\n\r\n'),
      Buffer.from('Proc\xe8s-verbal de la r\xe9union\r\n--b--\r\n--a--\r\n', 'latin1'),
    ]);
    const out = relabelUndecodableText(source)!.toString('latin1');
    expect(out).toContain('Content-Type: text/plain\r\n\r\nhello'); // ASCII: left alone
    expect(out).toContain('Content-Type: text/plain; charset=windows-1258\r\nContent-Transfer-Encoding');
    expect(out).toContain('--b\r\nContent-Type: text/plain; charset=windows-1252\r\n\r\nProc');
    expect(relabelUndecodableText(Buffer.from('Content-Type: text/plain\r\n\r\nChỉ đạo\r\n'))).toBeNull();
  });

  it('finds a missing multipart boundary in the body, or reads the body as text', () => {
    const withDelimiter = Buffer.from('Content-Type: multipart/mixed\r\n\r\n--xyz\r\n\r\nhi\r\n--xyz--\r\n');
    expect(repairMissingBoundary(withDelimiter).toString()).toContain('Content-Type: multipart/mixed; boundary="xyz"');
    const without = Buffer.from('Content-Type: multipart/mixed\r\n\r\njust text\r\n');
    expect(repairMissingBoundary(without).toString()).toContain('Content-Type: text/plain\r\n');
  });
});

describe('raw header fields in mixed charsets', () => {
  it('transcodes only the fields that are not UTF-8', () => {
    const source = Buffer.concat([
      Buffer.from('From: Văn phòng <a@b.vn>\r\nSubject: '),
      CP1258,
      Buffer.from('\r\n\r\nbody'),
    ]);
    expect(transcodeRawHeaders(source).toString('utf8')).toBe(
      'From: Văn phòng <a@b.vn>\r\nSubject: Chỉ đạo các đơn vị\r\n\r\nbody',
    );
  });
});
