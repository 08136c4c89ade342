import { describe, expect, it } from 'vitest';
import { parseMessage } from '../../electron/services/mail/message-parse.ts';
import { hasAttachment } from '../../electron/services/mail/message-list.ts';
import { sortFolders } from '../../electron/services/mail/folder-list.ts';
import type { FolderInfo } from '../../shared/mail.ts';

const ctx = { uid: 7, folder: 'INBOX', flags: ['\\Seen'] };
const PNG_1PX = 'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8/5+hHgAHggJ/PchI7wAAAABJRU5ErkJggg==';

describe('parseMessage', () => {
  it('decodes Vietnamese headers, HTML with cid image, and attachments', async () => {
    const source = Buffer.from(
      [
        'From: =?UTF-8?B?TMOjbmggxJHhuqFv?= <lanhdao@binhphuoc.gov.vn>',
        'To: vanphong@binhphuoc.gov.vn',
        'Subject: =?UTF-8?Q?V/v_tri=E1=BB=83n_khai_k=E1=BA=BF_ho=E1=BA=A1ch?=',
        'Date: Mon, 23 Nov 2026 08:00:00 +0700',
        'Message-ID: <abc@binhphuoc.gov.vn>',
        'MIME-Version: 1.0',
        'Content-Type: multipart/mixed; boundary="m"',
        '',
        '--m',
        'Content-Type: multipart/related; boundary="r"',
        '',
        '--r',
        'Content-Type: text/html; charset=utf-8',
        '',
        '<p>Chỉ đạo <img src="cid:logo@x"></p>',
        '--r',
        'Content-Type: image/png',
        'Content-ID: <logo@x>',
        'Content-Transfer-Encoding: base64',
        '',
        PNG_1PX,
        '--r--',
        '--m',
        'Content-Type: application/pdf; name="ke-hoach.pdf"',
        'Content-Disposition: attachment; filename="ke-hoach.pdf"',
        'Content-Transfer-Encoding: base64',
        '',
        'JVBERi0xLjQK',
        '--m--',
        '',
      ].join('\r\n'),
    );
    const m = await parseMessage(source, ctx);
    expect(m.subject).toBe('V/v triển khai kế hoạch');
    expect(m.from).toEqual([{ name: 'Lãnh đạo', address: 'lanhdao@binhphuoc.gov.vn' }]);
    expect(m.html).toContain('cid:logo@x');
    expect(m.inlineImages['logo@x']).toMatch(/^data:image\/png;base64,/);
    expect(m.attachments.find((a) => a.filename === 'ke-hoach.pdf')).toMatchObject({
      contentType: 'application/pdf',
      inline: false,
    });
    expect(m.parseWarning).toBeNull();
    expect(m.flags).toEqual(['\\Seen']);
  });

  it('never throws on garbage: shows raw source with a warning', async () => {
    const garbage = Buffer.from('\u0000\u0001 not a message at all \r\n\r\n');
    const m = await parseMessage(garbage, ctx);
    expect(m.parseWarning).not.toBeNull();
    expect(m.rawSource).toContain('not a message');
  });

  it('keeps what it can of a truncated multipart message', async () => {
    const truncated = Buffer.from(
      'From: a@b.vn\r\nSubject: cut\r\nContent-Type: multipart/mixed; boundary="x"\r\n\r\n--x\r\nContent-Type: text/plain\r\n\r\nhello',
    );
    const m = await parseMessage(truncated, ctx);
    expect(m.subject).toBe('cut');
    expect(m.text).toContain('hello');
  });
});

describe('structure helpers', () => {
  it('detects attachments in a body structure', () => {
    expect(
      hasAttachment({
        type: 'multipart/mixed',
        childNodes: [
          { type: 'text/plain', part: '1' },
          {
            type: 'application/pdf',
            part: '2',
            disposition: 'attachment',
            dispositionParameters: { filename: 'a.pdf' },
          },
        ],
      } as never),
    ).toBe(true);
    expect(
      hasAttachment({
        type: 'multipart/alternative',
        childNodes: [{ type: 'text/plain' }, { type: 'text/html' }],
      } as never),
    ).toBe(false);
  });

  it('sorts INBOX and special folders first, then by Vietnamese collation', () => {
    const f = (path: string, specialUse: FolderInfo['specialUse'] = null): FolderInfo => ({
      path,
      name: path.split('/').pop()!,
      parentPath: path.includes('/') ? path.slice(0, path.lastIndexOf('/')) : null,
      delimiter: '/',
      specialUse,
      subscribed: true,
      selectable: true,
      messages: 0,
      unseen: 0,
    });
    const sorted = sortFolders([
      f('Đã xử lý'),
      f('Trash', '\\Trash'),
      f('Chỉ đạo'),
      f('INBOX/Con'),
      f('INBOX', '\\Inbox'),
      f('Sent', '\\Sent'),
      f('Báo cáo'),
    ]);
    expect(sorted.map((x) => x.path)).toEqual([
      'INBOX',
      'INBOX/Con',
      'Sent',
      'Trash',
      'Báo cáo',
      'Chỉ đạo',
      'Đã xử lý',
    ]);
  });
});
