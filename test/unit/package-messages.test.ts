import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { PackageIndex, PackageMessage } from '../../electron/services/handover/accept/package-index.ts';
import { packageMessages } from '../../electron/services/handover/accept/package-messages.ts';
import { tempDir } from '../support/temp-dir.ts';

const bag = tempDir('um-package-messages-');
afterAll(() => bag.cleanup());

function eml(file: string, headers: Buffer | string): PackageMessage {
  mkdirSync(join(bag.dir, 'data', 'eml', 'f1'), { recursive: true });
  writeFileSync(join(bag.dir, file), Buffer.concat([Buffer.from(headers), Buffer.from('\r\n\r\nNội dung.\r\n')]));
  const uid = Number(/(\d+)\.eml$/.exec(file)?.[1]);
  return {
    uid,
    size: 100,
    flags: [],
    keywords: [],
    internalDate: '2026-12-01T02:00:00.000Z',
    messageId: `<m${uid}@binhphuoc.gov.vn>`,
    file,
  };
}

describe('the messages a comparison names, read from the package', () => {
  const b64 = (s: string) => Buffer.from(s).toString('base64');
  const messages = [
    eml(
      'data/eml/f1/3.eml',
      `From: =?UTF-8?B?${b64('Lãnh đạo UBND tỉnh')}?= <chutich@binhphuoc.gov.vn>\r\nSubject: =?UTF-8?B?${b64('Hỏa tốc: Ứng phó mưa lũ')}?=`,
    ),
    // A raw 8-bit windows-1258 subject (tone marks as combining characters): composed, NFC.
    eml(
      'data/eml/f1/5.eml',
      Buffer.concat([
        Buffer.from('From: vanthu@binhphuoc.gov.vn\r\nContent-Type: text/plain; charset=windows-1258\r\nSubject: Kh'),
        Buffer.from([0xe2, 0xd2]), // â + hook above: ẩ
        Buffer.from('n: Th'),
        Buffer.from([0xf4]), // ô
        Buffer.from('ng ba'),
        Buffer.from([0xec]), // acute: á
        Buffer.from('o'),
      ]),
    ),
    { ...eml('data/eml/f1/9.eml', 'Subject: x'), file: 'data/eml/f1/gone.eml' },
  ];
  const index: PackageIndex = {
    folders: [{ id: 'f1', path: 'Chỉ đạo', delimiter: '/', selectable: true, uidValidity: '1', messages: 3 }],
    messagesByFolder: new Map([['f1', messages]]),
    externalIdentifier: null,
  };

  it('decodes subject and sender with the app decoder, in the order asked, NFC', async () => {
    const rows = await packageMessages(bag.dir, index, 'Chỉ đạo', [5, 3]);
    expect(rows.map((r) => [r.uid, r.subject, r.from])).toEqual([
      [5, 'Khẩn: Thông báo', 'vanthu@binhphuoc.gov.vn'],
      [3, 'Hỏa tốc: Ứng phó mưa lũ', 'Lãnh đạo UBND tỉnh <chutich@binhphuoc.gov.vn>'],
    ]);
    expect(rows[0]?.subject).toBe('Khẩn: Thông báo'.normalize('NFC'));
    expect(rows[0]?.subject.length).toBe(15);
    expect(rows[1]).toMatchObject({ internalDate: '2026-12-01T02:00:00.000Z', messageId: '<m3@binhphuoc.gov.vn>' });
  });

  it('leaves out a UID the package does not hold; a file it cannot read keeps its row with the index facts', async () => {
    const rows = await packageMessages(bag.dir, index, 'Chỉ đạo', [404, 9]);
    expect(rows).toEqual([
      {
        uid: 9,
        subject: '',
        from: '',
        internalDate: '2026-12-01T02:00:00.000Z',
        size: 100,
        messageId: '<m9@binhphuoc.gov.vn>',
      },
    ]);
    expect(await packageMessages(bag.dir, index, 'Không có', [3])).toEqual([]);
  });
});
