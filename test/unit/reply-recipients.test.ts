import { describe, expect, it } from 'vitest';
import type { Address } from '../../shared/mail.ts';
import {
  messageIds,
  REFERENCES_KEEP_LAST,
  referencesFor,
  replyRecipients,
  type ReplyOriginal,
} from '../../shared/reply-recipients.ts';

const a = (address: string, name = ''): Address => ({ name, address });
const UNIT = 'vanphong@binhphuoc.gov.vn';
const DELEGATE = 'nguyenvana@binhphuoc.gov.vn';
const own = [UNIT, DELEGATE];

function original(over: Partial<ReplyOriginal>): ReplyOriginal {
  return { from: [], to: [], cc: [], replyTo: [], ...over };
}

describe('replyRecipients', () => {
  const incoming = original({
    from: [a('snv@binhphuoc.gov.vn', 'Sở Nội vụ')],
    to: [a(UNIT, 'Văn phòng'), a('stc@binhphuoc.gov.vn', 'Sở Tài chính')],
    cc: [a('syt@binhphuoc.gov.vn'), a(DELEGATE), a('STC@binhphuoc.gov.vn')],
  });

  it('reply goes to From', () => {
    expect(replyRecipients(incoming, 'reply', own)).toEqual({ to: [a('snv@binhphuoc.gov.vn', 'Sở Nội vụ')], cc: [] });
  });

  it('reply goes to Reply-To when there is one', () => {
    const withReplyTo = { ...incoming, replyTo: [a('vanthu.snv@binhphuoc.gov.vn', 'Văn thư SNV')] };
    expect(replyRecipients(withReplyTo, 'reply', own).to).toEqual([a('vanthu.snv@binhphuoc.gov.vn', 'Văn thư SNV')]);
    expect(replyRecipients(withReplyTo, 'reply-all', own).to[0]).toEqual(
      a('vanthu.snv@binhphuoc.gov.vn', 'Văn thư SNV'),
    );
  });

  it('reply-all adds To and Cc without our own addresses and without duplicates', () => {
    expect(replyRecipients(incoming, 'reply-all', own)).toEqual({
      to: [a('snv@binhphuoc.gov.vn', 'Sở Nội vụ'), a('stc@binhphuoc.gov.vn', 'Sở Tài chính')],
      cc: [a('syt@binhphuoc.gov.vn')],
    });
  });

  it('compares our own addresses case-insensitively and across IDN forms', () => {
    const idn = original({
      from: [a('snv@binhphuoc.gov.vn')],
      to: [a('VanPhong@BinhPhuoc.Gov.Vn'), a('ubnd@xn--bnhphc-wva68md49k.vn')],
      cc: [a('SNV@binhphuoc.gov.vn')],
    });
    expect(replyRecipients(idn, 'reply-all', ['vanphong@binhphuoc.gov.vn', 'UBND@bìnhphước.vn'])).toEqual({
      to: [a('snv@binhphuoc.gov.vn')],
      cc: [],
    });
  });

  it('a message we sent goes back to its To (a follow-up), reply-all also to its Cc', () => {
    const sent = original({
      from: [a(UNIT, 'Văn phòng')],
      to: [a('snv@binhphuoc.gov.vn'), a('stc@binhphuoc.gov.vn')],
      cc: [a('syt@binhphuoc.gov.vn'), a(UNIT)],
    });
    expect(replyRecipients(sent, 'reply', own)).toEqual({
      to: [a('snv@binhphuoc.gov.vn'), a('stc@binhphuoc.gov.vn')],
      cc: [],
    });
    expect(replyRecipients(sent, 'reply-all', own)).toEqual({
      to: [a('snv@binhphuoc.gov.vn'), a('stc@binhphuoc.gov.vn')],
      cc: [a('syt@binhphuoc.gov.vn')],
    });
    expect(replyRecipients(sent, 'reply', ['VANPHONG@binhphuoc.gov.vn']).to).toHaveLength(2);
  });

  it('a note to self stays addressed to self', () => {
    const note = original({ from: [a(UNIT)], to: [a(UNIT)] });
    expect(replyRecipients(note, 'reply-all', own)).toEqual({ to: [a(UNIT)], cc: [] });
  });

  it('a Reply-To of ours is kept (the one to answer is us)', () => {
    const list = original({ from: [a('snv@binhphuoc.gov.vn')], replyTo: [a(UNIT)], to: [a(DELEGATE)] });
    expect(replyRecipients(list, 'reply-all', own)).toEqual({ to: [a(UNIT)], cc: [] });
  });

  it('trims, normalises names to NFC and drops empty or group entries', () => {
    const odd = original({
      from: [a(' snv@binhphuoc.gov.vn ', 'Sở Nội vụ'.normalize('NFD'))],
      to: [a('', 'Undisclosed recipients'), a('stc@binhphuoc.gov.vn')],
    });
    expect(replyRecipients(odd, 'reply-all', own)).toEqual({
      to: [a('snv@binhphuoc.gov.vn', 'Sở Nội vụ'), a('stc@binhphuoc.gov.vn')],
      cc: [],
    });
  });

  it('gives nothing to answer when the original has no sender', () => {
    expect(replyRecipients(original({}), 'reply', own)).toEqual({ to: [], cc: [] });
  });
});

describe('referencesFor', () => {
  it('uses the parent id for In-Reply-To and appends it to References', () => {
    expect(referencesFor({ messageId: '<p@x.gov.vn>', references: ['<r1@x>', '<r2@x>'] })).toEqual({
      inReplyTo: '<p@x.gov.vn>',
      references: ['<r1@x>', '<r2@x>', '<p@x.gov.vn>'],
    });
    expect(referencesFor({ messageId: '<p@x.gov.vn>' })).toEqual({
      inReplyTo: '<p@x.gov.vn>',
      references: ['<p@x.gov.vn>'],
    });
  });

  it('adds angle brackets and reads header text', () => {
    expect(referencesFor({ messageId: 'p@x', references: '<r1@x>\r\n <r2@x> r3@x' })).toEqual({
      inReplyTo: '<p@x>',
      references: ['<r1@x>', '<r2@x>', '<r3@x>', '<p@x>'],
    });
    expect(messageIds(['<a@x><b@x>', ' c@x , <d@x>'])).toEqual(['<a@x>', '<b@x>', '<c@x>', '<d@x>']);
    expect(messageIds(null)).toEqual([]);
  });

  it('removes duplicates and keeps the parent last', () => {
    expect(referencesFor({ messageId: '<p@x>', references: ['<r1@x>', '<p@x>', '<r1@x>', '<r2@x>'] })).toEqual({
      inReplyTo: '<p@x>',
      references: ['<r1@x>', '<r2@x>', '<p@x>'],
    });
  });

  it('trims a long chain to the root and the last ids', () => {
    const chain = Array.from({ length: 40 }, (_, i) => `<m${i}@x.gov.vn>`);
    const { references } = referencesFor({ messageId: '<p@x.gov.vn>', references: chain });
    expect(references).toHaveLength(REFERENCES_KEEP_LAST + 1);
    expect(references[0]).toBe('<m0@x.gov.vn>');
    expect(references.at(-1)).toBe('<p@x.gov.vn>');
    expect(references.slice(1, -1)).toEqual(chain.slice(-(REFERENCES_KEEP_LAST - 1)));
    const exact = chain.slice(0, REFERENCES_KEEP_LAST);
    expect(referencesFor({ messageId: '<p@x>', references: exact }).references).toEqual([...exact, '<p@x>']);
  });

  it('without a Message-ID keeps what threading there is', () => {
    expect(referencesFor({ messageId: null, references: ['<r1@x>'] })).toEqual({
      inReplyTo: null,
      references: ['<r1@x>'],
    });
    expect(referencesFor({ messageId: '', references: null })).toEqual({ inReplyTo: null, references: [] });
  });
});
