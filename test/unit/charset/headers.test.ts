import { describe, expect, it } from 'vitest';
import {
  decodeEncodedWords,
  encodedWordCount,
  headerValue,
  looksBroken,
} from '../../../electron/services/mail/charset/headers.ts';

describe('decodeEncodedWords', () => {
  it('decodes B and Q words, joining adjacent ones without the space between', () => {
    expect(decodeEncodedWords('=?utf-8?B?Q2jhu4kgxJHhuqFv?= =?utf-8?Q?_kh=E1=BA=A9n?=')).toBe('Chỉ đạo khẩn');
  });

  it('joins the bytes of adjacent words, so a character split across them survives', () => {
    // "ạ" is E1 BA A1; the encoder cut it after two bytes.
    expect(decodeEncodedWords('=?utf-8?Q?=C4=91=E1=BA?= =?utf-8?Q?=A1o?=')).toBe('đạo');
  });

  it('returns windows-1258 words in NFC', () => {
    const decoded = decodeEncodedWords('=?windows-1258?Q?Chi=D2_=F0a=F2o?=');
    expect(decoded).toBe('Chỉ đạo');
    expect(decoded).toBe(decoded.normalize('NFC'));
  });

  it('keeps a word as typed when it decodes to binary, and its good neighbours decoded', () => {
    expect(decodeEncodedWords('=?utf-8?B?garbage?= =?utf-8?Q?B=C3=A1o_c=C3=A1o?=')).toBe('=?utf-8?B?garbage?= Báo cáo');
    expect(decodeEncodedWords('=?utf-8?B?***?=')).toBe('=?utf-8?B?***?=');
  });

  it('keeps a broken Q escape literally', () => {
    expect(decodeEncodedWords('=?utf-8?Q?Ch=E1=BB=89_=ZZ?=')).toBe('Chỉ =ZZ');
  });

  it('decodes a last word whose ?= was lost', () => {
    expect(decodeEncodedWords('=?utf-8?Q?Th=C3=B4ng_b=C3=A1o')).toBe('Thông báo');
    expect(decodeEncodedWords('Re: =?utf-8?B?VGjDtG5nIGLDoW8')).toBe('Re: Thông báo');
  });

  it('falls back for an unknown charset: UTF-8 if the bytes are UTF-8, else a single-byte guess', () => {
    expect(decodeEncodedWords('=?x-unknown?Q?=C4=91=E1=BA=A1o?=')).toBe('đạo');
    expect(decodeEncodedWords('=?x-unknown?Q?Ch=E8re?=')).toBe('Chère');
  });

  it('leaves plain text alone', () => {
    expect(decodeEncodedWords('Báo cáo =? tuần')).toBe('Báo cáo =? tuần');
  });
});

describe('header helpers', () => {
  it('unfolds a header value', () => {
    expect(headerValue('From: a@b.vn\r\nSubject: one\r\n two\r\nTo: c@d.vn\r\n', 'subject')).toBe('one two');
    expect(headerValue('From: a@b.vn\r\n', 'subject')).toBeNull();
  });

  it('spots decoding failures and leftover encoded words', () => {
    expect(looksBroken('Chi\ufffd')).toBe(true);
    expect(looksBroken('a\u0007b')).toBe(true);
    expect(looksBroken('Chỉ đạo\tkhẩn')).toBe(false);
    expect(encodedWordCount('=?utf-8?Q?a?= and =?utf-8?B?Yg')).toBe(2);
  });
});
