import { describe, expect, it } from 'vitest';
import { formatMessage, formatMessages, table } from '../../electron/cli/format.ts';
import { displayWidth, localDate } from '../../electron/cli/format-text.ts';
import type { MessageDetail, MessageSummary } from '../../shared/mail.ts';

const detail = (over: Partial<MessageDetail>): MessageDetail => ({
  uid: 7,
  folder: 'INBOX',
  messageId: null,
  date: '2026-12-31T17:30:00.000Z',
  dateSource: 'header',
  from: [{ name: 'Văn phòng', address: 'vp@binhphuoc.gov.vn' }],
  to: [],
  cc: [],
  replyTo: [],
  subject: 'Chỉ đạo',
  flags: ['\\Recent', '\\Seen'],
  text: 'Nội dung',
  html: null,
  inlineImages: {},
  attachments: [],
  parseWarning: null,
  rawSource: null,
  legacyEncoding: null,
  ...over,
});

describe('display width', () => {
  it('counts grapheme clusters: NFC and NFD Vietnamese take the same columns', () => {
    const nfc = 'Chỉ đạo khẩn';
    expect(displayWidth(nfc)).toBe(12);
    expect(displayWidth(nfc.normalize('NFD'))).toBe(12);
    expect(nfc.normalize('NFD').length).toBeGreaterThan(12);
  });

  it('gives wide characters and emoji two columns, and lone marks or controls none', () => {
    expect(displayWidth('📎')).toBe(2);
    expect(displayWidth('漢字')).toBe(4);
    expect(displayWidth('\u0301')).toBe(0);
    expect(displayWidth('a\u0007')).toBe(1);
  });

  it('keeps table columns aligned whatever the normalisation of a cell', () => {
    const out = table([
      ['A', 'B'],
      ['Chỉ đạo'.normalize('NFD'), 'x'],
      ['Báo cáo tuần', 'y'],
    ]).split('\n');
    const column = (line: string) => displayWidth(line.slice(0, line.lastIndexOf(' ') + 1));
    expect(new Set(out.map(column)).size).toBe(1);
  });
});

describe('dates', () => {
  it('shows dd/mm/yyyy HH:mm in Vietnam time, whatever the process time zone', () => {
    expect(localDate('2026-12-31T17:30:00.000Z')).toBe('01/01/2027 00:30');
    expect(localDate(null)).toBe('');
    expect(localDate('not a date')).toBe('');
  });

  it('show prints the local date, marks an INTERNALDATE and never prints \\Recent', () => {
    const text = formatMessage(detail({}));
    expect(text).toContain('Date:    01/01/2027 00:30\n');
    expect(text).toContain('Flags:   \\Seen\n');
    expect(text).not.toContain('Recent');
    expect(text).not.toContain('2026-12-31T');
    expect(formatMessage(detail({ dateSource: 'internal' }))).toContain(
      'Date:    01/01/2027 00:30 (ngày nhận / received)',
    );
  });

  it('message tables show local dates and no \\Recent', () => {
    const row: MessageSummary = {
      uid: 1,
      date: '2026-12-07T01:15:00.000Z',
      from: [{ name: '', address: 'a@b.vn' }],
      to: [],
      subject: 'Báo cáo',
      flags: ['\\Recent'],
      size: 10,
      hasAttachments: false,
    };
    const out = formatMessages([row]);
    expect(out).toContain('07/12/2026 08:15');
    expect(out).not.toContain('Recent');
  });
});
