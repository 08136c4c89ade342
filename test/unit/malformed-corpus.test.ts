import { readFileSync, readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { countControlChars } from '../../electron/services/mail/charset/headers.ts';
import { parseMessage } from '../../electron/services/mail/message-parse.ts';
import type { MessageDetail } from '../../shared/mail.ts';

const DIR = new URL('../fixtures/malformed/', import.meta.url);
const ctx = { uid: 1, folder: 'INBOX', flags: [] };

const nfc = (s: string) => expect(s).toBe(s.normalize('NFC'));
const sender = [{ name: 'Van phong UBND tinh', address: 'vanphong@binhphuoc.gov.vn' }];

/** What "something sensible" means for each file. Every file in the folder must have an entry. */
const EXPECT: Record<string, (m: MessageDetail) => void> = {
  'charset-utf9.eml': (m) => {
    expect(m.text).toBe('Kính gửi các đơn vị: báo cáo trước ngày 30/11.\n');
  },
  'charset-x-unknown.eml': (m) => {
    expect(m.text).toBe('Đề nghị các phòng chuyên môn báo cáo kết quả thực hiện.\n');
  },
  'no-date-no-message-id.eml': (m) => {
    expect(m.date).toBeNull();
    expect(m.messageId).toBeNull();
    expect(m.subject).toBe('Thông báo lịch họp');
    expect(m.text).toBe('Họp giao ban lúc 8 giờ sáng thứ Hai.\n');
    expect(m.parseWarning).toBeNull();
  },
  'raw-8bit-utf8-headers.eml': (m) => {
    expect(m.subject).toBe('Chỉ đạo khẩn về phòng chống bão số 3');
    expect(m.from).toEqual([{ name: 'Văn phòng UBND tỉnh', address: 'vanphong@binhphuoc.gov.vn' }]);
  },
  'raw-8bit-cp1258-headers.eml': (m) => {
    expect(m.subject).toBe('Chỉ đạo khẩn về công tác phòng chống lụt bão');
    expect(m.from).toEqual([{ name: 'Văn phòng UBND tỉnh', address: 'vanphong@binhphuoc.gov.vn' }]);
    expect(m.text).toBe('Yêu cầu các xã, phường báo cáo thiệt hại trước 17 giờ.\n');
  },
  'long-line-30k.eml': (m) => {
    expect(m.text.length).toBeGreaterThanOrEqual(30_000);
    expect(m.text.startsWith('Báo cáo tổng hợp số liệu chuyển đổi số; Báo cáo')).toBe(true);
    expect(m.text.trimEnd()).not.toContain('\n');
  },
  'nested-rfc822.eml': (m) => {
    expect(m.subject).toBe('Fwd: Fwd: Công văn gốc');
    expect(m.text).toBe('Kính chuyển lãnh đạo xem xét.');
    expect(m.attachments).toEqual([expect.objectContaining({ filename: 'fwd.eml', contentType: 'message/rfc822' })]);
  },
  'multipart-unterminated.eml': (m) => {
    expect(m.text).toBe('Phần đầu vẫn đọc được.');
    expect(m.attachments.map((a) => a.filename)).toEqual(['bao-cao.pdf']);
  },
  'multipart-no-boundary.eml': (m) => {
    expect(m.text).toBe('Nội dung không có boundary.');
  },
  'base64-invalid-chars.eml': (m) => {
    expect(m.text).toBe('Giấy mời họp trực tuyến ngày 25/11.\n');
  },
  'base64-truncated.eml': (m) => {
    // What arrived is shown; the cut-off last character is a single U+FFFD, not garbage.
    expect(m.text).toMatch(/^Kế hoạch triển khai năm 2027 gồm ba giai đo\ufffd?$/);
  },
  'qp-broken.eml': (m) => {
    expect(m.text).toBe('Phần một =ZZ hợp lệ = và — tiếp theo');
  },
  'encoded-word-garbage.eml': (m) => {
    expect(m.subject).toBe('=?utf-8?B?garbage?= Báo cáo tuần');
  },
  'encoded-word-unterminated.eml': (m) => {
    expect(m.subject).toBe('Thông báo khẩn');
    expect(m.from).toEqual([{ name: 'Văn phòng', address: 'vanphong@binhphuoc.gov.vn' }]);
  },
  'windows-1258-body.eml': (m) => {
    expect(m.subject).toBe('Chỉ đạo về việc chuyển đổi số');
    expect(m.text).toBe('Ủy ban nhân dân tỉnh chỉ đạo các sở, ngành thực hiện nghiêm túc.\n');
    expect(m.subject.includes('\u0309')).toBe(false);
    expect(m.legacyEncoding).toBeNull();
  },
  'tcvn3-latin1.eml': (m) => {
    expect(m.subject).toBe('Quyết định giao nhiệm vụ chuyển đổi số');
    expect(m.text).toBe(
      [
        'UBND TỈNH BÌNH PHƯỚC',
        'CỘNG HOÀ XÃ HỘI CHỦ NGHĨA VIỆT NAM',
        'Độc lập - Tự do - Hạnh phúc',
        'Số: 45/QĐ-UBND',
        'QUYẾT ĐỊNH',
        'Về việc giao nhiệm vụ chuyển đổi số năm 2027',
        'Kính gửi: Các sở, ban, ngành tỉnh.',
        'Người ký: Chủ tịch Uỷ ban nhân dân tỉnh',
      ].join('\n'),
    );
    expect(m.html).toContain('<p class="tieu-de">cộng hoà xã hội chủ nghĩa việt nam</p>');
    expect(m.html).toContain('<p class="noi-dung"><b>Độc lập</b> - Tự do - Hạnh phúc</p>');
    expect(m.html).toContain('Về việc giao nhiệm vụ chuyển đổi số năm 2027 &amp; các năm tiếp theo');
    // The .VnTimeH heading is stored in lowercase code points; the capital font becomes CSS.
    expect(m.html).toContain('font-family: "Times New Roman";text-transform:uppercase;');
    expect(m.html).toContain('<font face="Times New Roman" style="text-transform:uppercase">quyết định</font>');
    expect(m.html).not.toMatch(/\.VnTime/);
    expect(m.legacyEncoding).toEqual({ from: 'tcvn3', parts: ['subject', 'text', 'html'] });
  },
  'tcvn3-unlabelled.eml': (m) => {
    expect(m.text).toBe('Báo cáo kết quả thực hiện nhiệm vụ năm 2026.\n');
    expect(m.legacyEncoding).toEqual({ from: 'tcvn3', parts: ['text'] });
  },
  'vni-windows-1252.eml': (m) => {
    expect(m.subject).toBe('Chỉ đạo về việc chuyển đổi số');
    expect(m.html).toBe(
      `<html><body><div style="font-family:'Times New Roman'">Cộng hòa xã hội chủ nghĩa Việt Nam<br>\n` +
        'Độc lập - Tự do - Hạnh phúc</div>\n<p>Kính gửi: Các sở, ban, ngành tỉnh.</p>\n' +
        '<p>Quyết định giao nhiệm vụ chuyển đổi số năm 2027.</p></body></html>\n',
    );
    expect(m.text).toContain('Cộng hòa xã hội chủ nghĩa Việt Nam\nĐộc lập - Tự do - Hạnh phúc');
    expect(m.text).toContain('Quyết định giao nhiệm vụ chuyển đổi số năm 2027.');
    expect(m.legacyEncoding).toEqual({ from: 'vni', parts: ['subject', 'text', 'html'] });
  },
  'french-windows-1252.eml': (m) => {
    expect(m.subject).toBe('Procès-verbal de la réunion à Genève');
    expect(m.text).toBe(
      'Le comité a décidé de reporter la séance à la fin du mois, après l’été. Ça a été très difficile.\n',
    );
    expect(m.legacyEncoding).toBeNull();
  },
  'nul-byte.eml': (m) => {
    expect(m.subject).toBe('Bao cao');
    expect(m.text).toBe('Trân trọng.\n');
  },
  'cr-only.eml': (m) => {
    expect(m.subject).toBe('Dòng CR');
    expect(m.from).toEqual(sender);
    expect(m.date).toBe('2026-11-23T01:00:00.000Z');
    expect(m.text).toBe('Dòng một\nDòng hai\n');
  },
  'empty.eml': (m) => {
    expect(m.parseWarning).not.toBeNull();
    expect(m.rawSource).toBe('');
    expect(m.subject).toBe('');
  },
  'headers-only.eml': (m) => {
    expect(m.subject).toBe('Chỉ có tiêu đề');
    expect(m.from).toEqual(sender);
    expect(m.text).toBe('');
    expect(m.parseWarning).toBeNull();
  },
  'big-attachment-wrong-cte.eml': (m) => {
    expect(m.text).toBe('Gửi kèm báo cáo tổng hợp.');
    expect(m.attachments).toEqual([
      expect.objectContaining({ filename: 'bao-cao-2027.pdf', contentType: 'application/pdf', inline: false }),
    ]);
    expect(m.attachments[0]!.size).toBeGreaterThan(2 * 1024 * 1024);
  },
};

const files = readdirSync(DIR)
  .filter((f) => f.endsWith('.eml'))
  .sort();

describe('malformed-mail corpus', () => {
  it('has an expectation for every file and a note in every non-empty file', () => {
    expect(files).toEqual(Object.keys(EXPECT).sort());
    for (const f of files) {
      const source = readFileSync(new URL(f, DIR));
      if (source.length > 0) expect(source.toString('latin1'), f).toMatch(/^X-Corpus-Note: \S/m);
    }
  });

  // How long each file takes is measured by `npm run bench`, not asserted here.
  it.each(files)('%s: parses without throwing into something sensible', async (file) => {
    const source = readFileSync(new URL(file, DIR));
    const m = await parseMessage(source, ctx);

    // Invariants for every message.
    expect(m.uid).toBe(1);
    nfc(m.subject);
    nfc(m.text);
    if (m.html !== null) nfc(m.html);
    expect(countControlChars(m.subject)).toBe(0);
    expect(m.text).not.toContain('\u0000');
    if (m.parseWarning !== null) expect(m.rawSource).not.toBeNull();
    for (const a of [...m.from, ...m.to]) nfc(a.name);

    EXPECT[file]!(m);
  });
});
