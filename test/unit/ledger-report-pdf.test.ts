// The register and the processing report as PDF, read back with poppler's pdftotext
// (a real tool, as the handover record's tests use): the decree's columns, Vietnamese
// text intact and NFC, long trích yếu wrapped, the header row on every page, "Trang x/y".
import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ManualClock } from '../../electron/services/clock/clock.ts';
import { isAppError } from '../../electron/services/errors/app-error.ts';
import {
  REGISTER_COLUMNS,
  processingReport,
  renderProcessingPdf,
  renderRegisterPdf,
} from '../../electron/services/ledger/report/index.ts';
import { AS_OF, LONG_SUBJECT, MARCH, MARCH_APRIL, NGUYEN, UNIT, marchBook } from '../support/ledger-report-book.ts';
import { tempDir } from '../support/temp-dir.ts';

const FONTS = fileURLToPath(new URL('../../resources/fonts', import.meta.url));
const UNIT_INFO = { name: 'Sở Nội vụ tỉnh Bình Phước', parent: 'UBND tỉnh Bình Phước', mailbox: UNIT };
const clock = new ManualClock(AS_OF);

const run = (cmd: string, args: string[]): string => execFileSync(cmd, args, { encoding: 'utf8' });
/** pdftotext as it comes (not normalised, so NFC is checked, not made). */
const pdftotext = (file: string, ...args: string[]): string => run('pdftotext', [...args, file, '-']);
/** Blanks collapsed; a line broken after a hyphen ("28/2018/QĐ-" / "TTg") joined again. */
const squeeze = (text: string): string => text.replace(/\s+/g, ' ').replace(/- /g, '-');

describe('register PDF (Sổ đăng ký văn bản đến)', () => {
  const tmp = tempDir('um-ledger-report-');
  const file = join(tmp.dir, 'so-den.pdf');
  let layout: string;
  let raw: string;
  let pages: number;

  beforeAll(async () => {
    const book = marchBook(40);
    // One subject arrives decomposed (NFD), as some mail clients send it.
    const nfd = book.entries.find((e) => e.number === 4);
    if (nfd) nfd.fields = { ...nfd.fields, trichYeu: 'Về việc tuyển dụng công chức năm 2026'.normalize('NFD') };
    writeFileSync(file, await renderRegisterPdf(book.entries, MARCH_APRIL, UNIT_INFO, { fontsDir: FONTS, clock }));
    layout = pdftotext(file, '-layout');
    raw = pdftotext(file, '-raw');
    pages = Number(/^Pages:\s+(\d+)/m.exec(run('pdfinfo', [file]))?.[1]);
  });
  afterAll(() => tmp.cleanup());

  it('is A4 landscape with the Vietnamese fonts embedded', () => {
    expect(run('pdfinfo', [file])).toMatch(/Page size:\s+841\.89 x 595\.28 pts \(A4\)/);
    const fonts = run('pdffonts', [file]);
    for (const face of ['NotoSerif-Regular', 'NotoSerif-Bold'])
      expect(fonts).toMatch(new RegExp(`${face}.*yes yes yes`));
  });

  it('has the heading: unit, title, year, period and the numbers it spans', () => {
    const head = squeeze(layout.split('\f')[0] ?? '');
    for (const text of [
      'UBND TỈNH BÌNH PHƯỚC',
      'SỞ NỘI VỤ TỈNH BÌNH PHƯỚC',
      'SỔ ĐĂNG KÝ VĂN BẢN ĐẾN',
      'Năm 2026',
      'Từ ngày 01/03/2026 đến ngày 30/04/2026',
      'Từ số 2 đến số 48',
    ]) {
      expect(head).toContain(text);
    }
  });

  it('keeps the Vietnamese text intact and NFC, long trích yếu wrapped whole', () => {
    expect(raw).toBe(raw.normalize('NFC'));
    const text = squeeze(raw);
    expect(text).toContain(`Công văn: ${LONG_SUBJECT}`);
    expect(text).toContain('Kế hoạch: Về việc tuyển dụng công chức năm 2026');
    for (const s of ['Văn phòng Chính phủ', '1234/VPCP-KGVX', '45/QĐ-UBND', 'Ủy ban nhân dân huyện Đồng Phú']) {
      expect(text).toContain(s);
    }
    expect(text).toContain('Phòng Tổ chức – Biên chế');
    // Urgency opens Ghi chú; Thường says nothing.
    expect(text).toContain('Hỏa tốc. Bản điện tử');
    expect(text).toContain('Thượng khẩn');
    // The handler stands in for an empty Đơn vị hoặc người nhận (the address may wrap in its cell).
    expect(text.replace(/ /g, '')).toContain(NGUYEN);
    expect(text).toContain('Tổng số: 47 văn bản đến.');
  });

  it('runs over several pages, each with the header row and "Trang x/y"', () => {
    expect(pages).toBeGreaterThan(3);
    const perPage = layout.split('\f').filter((p) => p.trim() !== '');
    expect(perPage).toHaveLength(pages);
    perPage.forEach((page, i) => {
      const text = squeeze(page);
      for (const header of ['Ngày đến', 'Số đến', 'Tác giả', 'Số, ký hiệu', 'Ký nhận', 'Ghi chú']) {
        expect(text, `page ${i + 1}`).toContain(header);
      }
      expect(text, `page ${i + 1}`).toContain(`Trang ${i + 1}/${pages}`);
    });
    // Multi-line headers, in content order: every one of the decree's columns, whole.
    for (let p = 1; p <= pages; p++) {
      const text = squeeze(pdftotext(file, '-raw', '-f', String(p), '-l', String(p)));
      for (const header of REGISTER_COLUMNS) expect(text, `page ${p}`).toContain(header);
    }
    // Every number of the period appears once, none outside it (1 is February's).
    const numbers = [...layout.matchAll(/^\s*\d{2}\/\d{2}\/2026\s+(\d+)\s/gm)].map((m) => Number(m[1]));
    expect(numbers).toEqual(Array.from({ length: 47 }, (_, i) => i + 2));
  });

  it('names a missing font in Vietnamese', async () => {
    const error = await renderRegisterPdf([], MARCH, UNIT_INFO, { fontsDir: join(tmp.dir, 'none'), clock }).catch(
      (e: unknown) => e,
    );
    expect(isAppError(error) && error.code).toBe('FILE_ERROR');
    expect(isAppError(error) && error.messageVi).toContain('NotoSerif-Regular.ttf');
  });

  it('prints an empty period as such', async () => {
    const empty = join(tmp.dir, 'empty.pdf');
    writeFileSync(empty, await renderRegisterPdf([], MARCH, UNIT_INFO, { fontsDir: FONTS, clock }));
    const text = squeeze(pdftotext(empty, '-raw'));
    expect(text).toContain('Không có văn bản đến nào trong kỳ này.');
    expect(text).toContain('Tổng số: 0 văn bản đến.');
  });
});

describe('processing report PDF', () => {
  const tmp = tempDir('um-ledger-report-');
  afterAll(() => tmp.cleanup());

  it('holds the totals, the per-person table and the items with their outcome', async () => {
    const file = join(tmp.dir, 'xu-ly.pdf');
    const report = processingReport(marchBook().entries, MARCH, clock);
    writeFileSync(file, await renderProcessingPdf(report, UNIT_INFO, { fontsDir: FONTS, clock }));
    const raw = pdftotext(file, '-raw');
    expect(raw).toBe(raw.normalize('NFC'));
    const text = squeeze(raw);
    for (const s of [
      'BÁO CÁO TÌNH HÌNH XỬ LÝ VĂN BẢN ĐẾN',
      'Số liệu tính đến ngày 20/03/2026.',
      'Tổng số văn bản đến trong kỳ 7 100%',
      'Đã xử lý đúng hạn 1 14,3%',
      'Đã xử lý trễ hạn 1 14,3%',
      'trong đó: quá hạn 1 14,3%',
      'Tỷ lệ đúng hạn (trên số văn bản đã đến hạn) 33,3%',
      'Trễ hạn (3 ngày)',
      'Quá hạn (10 ngày)',
      'Lập lúc 10:00:00 ngày 20/03/2026',
    ]) {
      expect(text).toContain(s);
    }
    const flat = text.replace(/ /g, '');
    expect(flat).toContain(`${NGUYEN}211000050%`);
  });
});
