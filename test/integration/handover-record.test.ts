// The handover record (biên bản) and its verification guide: renders real PDFs and checks them with
// poppler (pdftotext, pdffonts, pdfinfo…), then runs the guide's bash and openssl commands on a real
// bag. It needs those tools and takes minutes, so it runs in the integration project.
import { execFileSync, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { cpSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AppError } from '../../electron/services/errors/app-error.ts';
import { recordJson } from '../../electron/services/handover/record/record-json.ts';
import {
  GUIDE_FILE_NAME,
  guideBashCommands,
  verificationGuide,
} from '../../electron/services/handover/record/record-guide.ts';
import { renderRecordPdf } from '../../electron/services/handover/record/record-pdf.ts';
import {
  formatBytesExact,
  formatInteger,
  formatMiB,
  formatVnDateTime,
  formatVnLongDate,
  formatVnShortDate,
  splitFingerprint,
} from '../../electron/services/handover/record/record-text.ts';
import {
  RECORD_TITLE,
  type HandoverRecord,
  type RecordFolder,
  type RecordSeal,
} from '../../electron/services/handover/record/record-types.ts';
import type { HandoverChainHead, HandoverLedgerSummary, HandoverOpenItem } from '../../shared/handover-ledger.ts';
import { tempDir } from '../support/temp-dir.ts';

const FONTS = fileURLToPath(new URL('../../resources/fonts', import.meta.url));

// ---------- fixtures ----------

/** A deterministic, distinct fingerprint per seed, formatted like `openssl x509 -fingerprint`. */
function fakeFingerprint(seed: string): string {
  const hex = createHash('sha256').update(seed).digest('hex').toUpperCase();
  return hex.match(/../g)!.join(':');
}

const sha256 = (data: string | Uint8Array): string => createHash('sha256').update(data).digest('hex');

function folder(i: number, name: string, extra: Partial<RecordFolder> = {}): RecordFolder {
  return {
    id: `f${String(i).padStart(4, '0')}`,
    name,
    selectable: true,
    specialUse: null,
    messages: i * 7,
    bytes: i * 104_857,
    oldest: '2019-03-04T08:00:00+07:00',
    newest: '2026-11-27T17:45:00Z',
    uidValidity: String(1_732_000_000 + i),
    uidNext: i * 7 + 1,
    highestModseq: String(i * 31),
    ...extra,
  };
}

function chain(folder: string, records: number, seed: string): HandoverChainHead {
  return {
    folder,
    uidValidity: 1_732_000_999,
    records,
    head: sha256(seed),
    headSeq: records,
    headUid: records + 3,
    tips: [],
    intact: true,
    problems: 0,
    firstProblem: null,
  };
}

const OPEN_ITEMS: HandoverOpenItem[] = [
  {
    year: 2026,
    number: 17,
    ngayDen: '2026-11-02',
    soKyHieu: '45/QĐ-UBND',
    tacGia: 'UBND tỉnh Bình Phước',
    trichYeu: 'Quyết định: Về việc kiện toàn Ban chỉ đạo chuyển đổi số',
    urgency: 'Khẩn',
    status: 'da-giao',
    statusLabel: 'Đã giao',
    assignee: 'chuyenvien.a@binhphuoc.gov.vn',
    coHandlers: [],
    deadline: '2026-11-20',
    overdue: true,
    messageId: '<17@binhphuoc.gov.vn>',
  },
  {
    year: 2026,
    number: 21,
    ngayDen: '2026-11-25',
    soKyHieu: '',
    tacGia: 'Sở Nội vụ',
    trichYeu: 'Giấy mời: Dự họp giao ban quý IV',
    urgency: 'Thường',
    status: 'da-vao-so',
    statusLabel: 'Đã vào sổ',
    assignee: null,
    coHandlers: [],
    deadline: null,
    overdue: false,
    messageId: '<21@binhphuoc.gov.vn>',
  },
];

const SAMPLE_LEDGER: HandoverLedgerSummary = {
  entries: 412,
  open: 2,
  overdue: 1,
  openItems: OPEN_ITEMS,
  chains: {
    ledger: chain('UnitMailbox/Ledger', 1_250, 'ledger-head'),
    audit: chain('UnitMailbox/Audit', 18_432, 'audit-head'),
  },
};

const EMPTY_LEDGER: HandoverLedgerSummary = {
  entries: 0,
  open: 0,
  overdue: 0,
  openItems: [],
  chains: {
    ledger: { ...chain('', 0, ''), folder: null, head: null, headSeq: null, headUid: null, records: 0 },
    audit: { ...chain('', 0, ''), folder: null, head: null, headSeq: null, headUid: null, records: 0 },
  },
};

function sampleRecord(folders: RecordFolder[], overrides: Partial<HandoverRecord> = {}): HandoverRecord {
  const messages = folders.reduce((sum, f) => sum + f.messages, 0);
  const bytes = folders.reduce((sum, f) => sum + f.bytes, 0);
  return {
    version: 1,
    title: RECORD_TITLE,
    unit: 'Văn phòng UBND tỉnh Bình Phước',
    place: 'Bình Phước',
    createdAt: '2026-11-28T09:30:00+07:00',
    mailbox: 'vanphong@binhphuoc.gov.vn',
    outgoing: {
      name: 'Nguyễn Văn Hùng',
      title: 'Chánh Văn phòng',
      unit: 'Văn phòng UBND tỉnh Bình Phước',
      email: 'nvhung@binhphuoc.gov.vn',
      certificateSha256: fakeFingerprint('outgoing'),
    },
    incoming: {
      name: 'Trần Thị Ánh Tuyết',
      title: 'Chánh Văn phòng',
      unit: 'Văn phòng UBND tỉnh Bình Phước',
      email: 'ttatuyet@binhphuoc.gov.vn',
      certificateSha256: fakeFingerprint('incoming'),
    },
    witness: { name: 'Lê Minh Chứng' },
    snapshot: {
      startedAt: '2026-11-28T01:00:00Z',
      finishedAt: '2026-11-28T01:24:10Z',
      consistent: true,
      changes: [],
    },
    folders,
    totals: {
      folders: folders.length,
      messages,
      bytes,
      oldest: '2019-03-04T08:00:00+07:00',
      newest: '2026-11-27T17:45:00Z',
    },
    registers: { delegation: 4, ledger: 1_250, audit: 18_432 },
    ledger: SAMPLE_LEDGER,
    openDirectives: 7,
    credential: {
      sha256: sha256('credential'),
      recipientCertificateSha256: fakeFingerprint('incoming'),
      passwordResetRequired: true,
    },
    ...overrides,
  };
}

const SMALL_FOLDERS = [
  folder(1, 'INBOX'),
  folder(2, 'Chỉ đạo'),
  folder(3, 'Chỉ đạo/Đã xử lý'),
  folder(4, 'Hồ sơ & Lưu trữ'),
  folder(5, 'Sent', { specialUse: '\\Sent' }),
  folder(6, 'Lưu trữ', { selectable: false, messages: 0, bytes: 0, oldest: null, newest: null }),
  folder(7, 'Trash', { specialUse: '\\Trash', messages: 0, bytes: 0, oldest: null, newest: null }),
];

const SEAL: RecordSeal = {
  payloadOxum: '1234567890.4321',
  tagmanifestSha256: sha256('tagmanifest'),
  signerCertificateSha256: fakeFingerprint('outgoing'),
  bagName: 'ban-giao-vanphong-20261128T093000',
};

// ---------- poppler helpers ----------

const run = (cmd: string, args: string[]): string => execFileSync(cmd, args, { encoding: 'utf8' });

/** pdftotext output, NFC, with runs of blanks collapsed (layout mode pads columns with spaces). */
function pdfText(file: string, mode: 'layout' | 'raw', pages?: { first: number; last: number }): string {
  const args = mode === 'layout' ? ['-layout'] : [];
  if (pages) args.push('-f', String(pages.first), '-l', String(pages.last));
  return run('pdftotext', [...args, file, '-'])
    .normalize('NFC')
    .replace(/[ \t]+/g, ' ');
}

function pageCount(file: string): number {
  const match = /^Pages:\s+(\d+)/m.exec(run('pdfinfo', [file]));
  return Number(match?.[1]);
}

const fingerprintHalves = (fp: string): string[] => {
  const bytes = fp.split(':');
  return [bytes.slice(0, 16).join(':'), bytes.slice(16).join(':')];
};

const STANDARD_14 = /Helvetica|Times|Courier|Symbol|ZapfDingbats|Arial/i;

// ---------- text helpers ----------

describe('record text', () => {
  it('writes dates the NĐ 30/2020 way, in Vietnam time whatever the machine zone', () => {
    expect(formatVnLongDate('2026-11-28T09:30:00+07:00')).toBe('ngày 28 tháng 11 năm 2026');
    // Leading zero for days below 10 and for January and February only.
    expect(formatVnLongDate('2026-02-05T10:00:00+07:00')).toBe('ngày 05 tháng 02 năm 2026');
    expect(formatVnLongDate('2020-03-05T10:00:00+07:00')).toBe('ngày 05 tháng 3 năm 2020');
    // 20:00 UTC on the 27th is already the 28th in Vietnam.
    expect(formatVnLongDate('2026-11-27T20:00:00Z')).toBe('ngày 28 tháng 11 năm 2026');
    expect(formatVnShortDate('2026-01-02T18:00:00Z')).toBe('03/01/2026');
    expect(formatVnShortDate(null)).toBe('—');
    expect(formatVnDateTime('2026-11-28T01:24:10Z')).toBe('08:24:10 ngày 28/11/2026');
    expect(formatVnLongDate('not a date')).toBe('không rõ');
  });

  it('writes numbers with Vietnamese separators', () => {
    expect(formatInteger(0)).toBe('0');
    expect(formatInteger(999)).toBe('999');
    expect(formatInteger(1_234_567)).toBe('1.234.567');
  });

  it('writes every size in MiB with two decimals and a decimal comma, never a false zero', () => {
    expect(formatMiB(0)).toBe('0,00 MiB');
    expect(formatMiB(512)).toBe('< 0,01 MiB');
    expect(formatMiB(1024)).toBe('< 0,01 MiB');
    expect(formatMiB(10_486)).toBe('0,01 MiB');
    expect(formatMiB(1_258_291)).toBe('1,20 MiB');
    expect(formatMiB(1_048_575)).toBe('1,00 MiB');
    expect(formatMiB(12_950_000)).toBe('12,35 MiB');
    expect(formatMiB(5 * 1024 ** 3 + 300 * 1024 ** 2)).toBe('5.420,00 MiB');
    expect(formatBytesExact(1_258_291)).toBe('1,20 MiB (1.258.291 byte)');
    expect(formatBytesExact(512)).toBe('< 0,01 MiB (512 byte)');
  });

  it('breaks a fingerprint only at colons, 16 bytes a line', () => {
    const fp = fakeFingerprint('x');
    const lines = splitFingerprint(fp);
    expect(lines).toHaveLength(2);
    expect(lines.join(':')).toBe(fp);
    expect(lines.every((l) => /^([0-9A-F]{2}:){15}[0-9A-F]{2}$/.test(l))).toBe(true);
  });
});

// ---------- the PDF ----------

describe('handover record PDF', { timeout: 120_000 }, () => {
  const tmp = tempDir('um-record-');
  const file = join(tmp.dir, 'bien-ban.pdf');
  const record = sampleRecord(SMALL_FOLDERS);
  let pdf: Uint8Array;

  beforeAll(async () => {
    pdf = await renderRecordPdf(record, SEAL, { fontsDir: FONTS, now: new Date('2026-11-28T03:00:00Z') });
    writeFileSync(file, pdf);
  }, 120_000);
  afterAll(() => tmp.cleanup());

  it.each(['layout', 'raw'] as const)('has the Vietnamese text, extracted in %s mode', (mode) => {
    // Phrases may wrap: compare with line breaks folded into spaces.
    const text = pdfText(file, mode).replace(/\s+/g, ' ');
    for (const expected of [
      'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM',
      'Độc lập - Tự do - Hạnh phúc',
      'BIÊN BẢN',
      'Bàn giao hộp thư điện tử công vụ',
      'VĂN PHÒNG UBND',
      'Bình Phước, ngày 28 tháng 11 năm 2026',
      'Nghị định số 30/2020/NĐ-CP',
      'Điều 10',
      'Chỉ đạo/Đã xử lý',
      'Hồ sơ & Lưu trữ',
      'Sent (thư đã gửi)',
      'Lưu trữ (*)',
      'Nguyễn Văn Hùng',
      'Trần Thị Ánh Tuyết',
      'Lê Minh Chứng',
      'vanphong@binhphuoc.gov.vn',
      'từ 08:00:00 ngày 28/11/2026 đến 08:24:10 ngày 28/11/2026',
      'nhất quán',
      'Payload-Oxum',
      SEAL.payloadOxum,
      '1.234.567.890 byte trong 4.321 tệp',
      SEAL.tagmanifestSha256,
      SEAL.bagName,
      record.credential.sha256,
      'Trung tâm Công nghệ thông tin đặt lại mật khẩu',
      '18.432 bản ghi',
      '1.250 bản ghi về 412 văn bản đến',
      'chuỗi băm nguyên vẹn',
      'Việc đang dở dang theo sổ (văn bản chưa xử lý xong): 2, trong đó 1 quá hạn',
      'Danh sách việc đang dở dang',
      // Table cells wrap, and layout mode interleaves their lines: short tokens here, the rest below.
      '17/2026',
      '45/QĐ-UBND',
      '21/2026',
      'Chưa giao',
      sha256('ledger-head'),
      sha256('audit-head'),
      'Văn bản chỉ đạo chưa xử lý xong: 7',
      'HUONG-DAN-KIEM-TRA.txt',
      'Biên bản được lập thành 02 bản',
      'BÊN GIAO',
      'NGƯỜI CHỨNG KIẾN',
      'BÊN NHẬN',
      '(Ký, ghi rõ họ tên)',
      'Trang 1/',
    ]) {
      expect(text.includes(expected), expected).toBe(true);
    }
    for (const fp of [record.outgoing.certificateSha256, record.incoming.certificateSha256]) {
      for (const half of fingerprintHalves(fp)) expect(text.includes(half), half).toBe(true);
    }
    // Every folder is a table row with its UIDVALIDITY.
    for (const f of record.folders) expect(text.includes(f.uidValidity), f.uidValidity).toBe(true);
    expect(text).toBe(text.normalize('NFC'));
  });

  it('gives every size in one unit (MiB) with the same precision, and says which', () => {
    const text = pdfText(file, 'raw').replace(/\s+/g, ' ');
    // Header cells wrap and pdftotext interleaves their lines: the tagged table keeps each cell whole.
    const cells = execFileSync('pdfinfo', ['-struct-text', file], { encoding: 'utf8' }).normalize('NFC');
    expect(cells.replace(/\s+/g, ' ')).toContain('Dung lượng (MiB)');
    expect(text).toContain('dung lượng tính bằng MiB (1 MiB = 1.048.576 byte)');
    // 104.857 byte (folder 1) once read "102,4 KB" next to "1,5 MB" for the total.
    for (const f of record.folders) expect(text, f.name).toContain(formatMiB(f.bytes));
    expect(text).toContain(`dung lượng ${formatBytesExact(record.totals.bytes)}`);
    expect(text).not.toMatch(/\d (KB|MB|GB|TB)\b/);
    const sizes = text.match(/[\d.]+,\d+ MiB/g) ?? [];
    expect(sizes.length).toBeGreaterThanOrEqual(record.folders.length + 2);
    for (const size of sizes) expect(size).toMatch(/^[\d.]+,\d{2} MiB$/);
  });

  it('lists the open items cell by cell (structure tree): trích yếu, assignee, deadline, overdue marked', () => {
    // Cells wrap and pdftotext interleaves their lines; the tagged table keeps each cell whole.
    const tree = run('pdfinfo', ['-struct-text', file]).normalize('NFC').replace(/\s+/g, '');
    for (const expected of [
      '45/QĐ-UBND – Quyết định: Về việc kiện toàn Ban chỉ đạo chuyển đổi số',
      'chuyenvien.a@binhphuoc.gov.vn',
      '20/11/2026 (quá hạn)',
      'Đã giao, QUÁ HẠN',
      'Giấy mời: Dự họp giao ban quý IV',
      'Chưa giao',
      'Đã vào sổ',
    ]) {
      expect(tree).toContain(expected.replace(/\s+/g, ''));
    }
  });

  it('embeds every font, uses none of the standard 14, and is A4', () => {
    const lines = run('pdffonts', [file]).trim().split('\n').slice(2);
    expect(lines.length).toBeGreaterThanOrEqual(2);
    for (const line of lines) {
      const cols = line.trim().split(/\s+/);
      // name type… encoding emb sub uni id gen: emb is the fifth column from the end.
      expect(cols.at(-5), line).toBe('yes');
      expect(line).not.toMatch(STANDARD_14);
      expect(line).toMatch(/NotoSerif/);
    }
    const info = run('pdfinfo', [file]);
    expect(info).toMatch(/Page size:\s+595\.\d+ x 841\.\d+ pts \(A4\)/);
    expect(info).toMatch(/Tagged:\s+yes/);
    expect(info).toMatch(/PDF version:\s+1\.7/);
    expect(info).toMatch(new RegExp(`^Title:\\s+${RECORD_TITLE}$`, 'm'));
  });

  it('is tagged: headings, paragraphs and a table with header cells, text with its spaces', () => {
    const tree = run('pdfinfo', ['-struct-text', file]).normalize('NFC');
    expect(tree).toMatch(/^Document$/m);
    for (const tag of ['H1', 'H2', 'P', 'Table', 'TR', 'TH', 'TD'])
      expect(tree).toMatch(new RegExp(`^\\s+${tag}\\b`, 'm'));
    expect(tree).toContain('"BIÊN BẢN"');
    expect(tree).toContain('"Tên thư mục"');
    expect(tree).toContain('"Chỉ đạo/Đã xử lý"');
    // Every body paragraph keeps its real spaces (no justified word-gluing).
    expect(tree).toContain(
      'Căn cứ Nghị định số 30/2020/NĐ-CP ngày 05 tháng 3 năm 2020 của Chính phủ về công tác văn thư;',
    );
    // Page numbers are artifacts, not content.
    expect(tree).not.toContain('Trang 1/');
  });

  it('declares PDF/A-3B in its XMP and carries an sRGB OutputIntent', () => {
    const xmp = run('pdfinfo', ['-meta', file]);
    expect(xmp).toMatch(/<pdfaid:part>3<\/pdfaid:part>/);
    expect(xmp).toMatch(/<pdfaid:conformance>B<\/pdfaid:conformance>/);
    expect(xmp).toContain(RECORD_TITLE);
    const raw = Buffer.from(pdf).toString('latin1');
    expect(raw).toMatch(/\/OutputIntents \[\d+ 0 R\]/);
    expect(raw).toMatch(/\/Type \/OutputIntent\s+\/S \/GTS_PDFA1/);
    expect(raw).toContain('/Lang (vi-VN)');
  });

  it('carries the record JSON as an associated file (AFRelationship Data), byte-identical to bien-ban.json', () => {
    expect(run('pdfdetach', ['-list', file])).toMatch(/1: bien-ban\.json/);
    const out = join(tmp.dir, 'attached.json');
    execFileSync('pdfdetach', ['-save', '1', '-o', out, file]);
    const attached = readFileSync(out, 'utf8');
    expect(attached).toBe(recordJson(record));
    expect(JSON.parse(attached)).toEqual(record);
    const raw = Buffer.from(pdf).toString('latin1');
    expect(raw).toContain('/AFRelationship /Data');
    expect(raw).toMatch(/\/AF \[\d+ 0 R\]/);
    expect(raw).toContain('/Subtype /application#2Fjson');
  });

  it('is deterministic: same record, seal and date give the same bytes; another date does not', async () => {
    const again = await renderRecordPdf(record, SEAL, { fontsDir: FONTS, now: new Date('2026-11-28T03:00:00Z') });
    expect(Buffer.compare(Buffer.from(again), Buffer.from(pdf))).toBe(0);
    const later = await renderRecordPdf(record, SEAL, { fontsDir: FONTS, now: new Date('2026-11-29T03:00:00Z') });
    expect(Buffer.compare(Buffer.from(later), Buffer.from(pdf))).not.toBe(0);
  }, 120_000);

  it('keeps all text inside the page margins (footer excepted)', () => {
    const boxes = wordBoxes(file);
    expect(boxes.length).toBeGreaterThan(300);
    const mm = 72 / 25.4;
    for (const w of boxes) {
      const inFooter = w.yMin > 841.89 - 20 * mm;
      if (inFooter) {
        expect(w.text, 'only the page number sits in the bottom margin').toMatch(/^(Trang|\d+\/\d+)$/);
        continue;
      }
      expect(w.xMin, w.text).toBeGreaterThanOrEqual(30 * mm - 1);
      expect(w.xMax, w.text).toBeLessThanOrEqual(595.28 - 15 * mm + 1);
      expect(w.yMin, w.text).toBeGreaterThanOrEqual(20 * mm - 8);
    }
  });

  it('says so when the snapshot changed during the export, and when open directives are unknown', async () => {
    const changed = sampleRecord(SMALL_FOLDERS, {
      snapshot: {
        startedAt: '2026-11-28T01:00:00Z',
        finishedAt: '2026-11-28T01:24:10Z',
        consistent: false,
        changes: ['Chỉ đạo: UIDNEXT 15 -> 16', 'INBOX: HIGHESTMODSEQ 88 -> 91'],
      },
      openDirectives: null,
      ledger: EMPTY_LEDGER,
      registers: { delegation: 0, ledger: 0, audit: 0 },
      witness: null,
    });
    const out = join(tmp.dir, 'changed.pdf');
    writeFileSync(out, await renderRecordPdf(changed, SEAL, { fontsDir: FONTS }));
    const text = pdfText(out, 'raw');
    expect(text).toContain('KHÔNG nhất quán');
    expect(text).toContain('Chỉ đạo: UIDNEXT 15 -> 16');
    expect(text).toContain('INBOX: HIGHESTMODSEQ 88 -> 91');
    expect(text).toContain('chưa xác định');
    expect(text).toContain('Sổ đăng ký và theo dõi xử lý văn bản đến: chưa có bản ghi nào');
    expect(text).not.toContain('Danh sách việc đang dở dang');
    expect(text).toContain('Người chứng kiến: không có');
    expect(text).not.toContain('NGƯỜI CHỨNG KIẾN');
    expect(text).toContain('Ngoại lệ: hộp thư thay đổi trong khi chụp dữ liệu');
  }, 120_000);

  it('counts open directives as 0, not "chưa xác định", for a mailbox with no mail', async () => {
    const empty = SMALL_FOLDERS.map((f) => ({ ...f, messages: 0, bytes: 0, oldest: null, newest: null }));
    const records = folder(8, 'UnitMailbox/Audit', { messages: 3, bytes: 3_000 });
    const nothing = sampleRecord([...empty, records], {
      openDirectives: null,
      ledger: EMPTY_LEDGER,
      registers: { delegation: 0, ledger: 0, audit: 3 },
    });
    const out = join(tmp.dir, 'no-mail.pdf');
    writeFileSync(out, await renderRecordPdf(nothing, SEAL, { fontsDir: FONTS }));
    const text = pdfText(out, 'raw').replace(/\s+/g, ' ');
    expect(text).toContain('Văn bản chỉ đạo chưa xử lý xong: 0');
    expect(text).not.toContain('chưa xác định');
  }, 120_000);

  it('normalises NFD names to NFC and shows characters the font lacks as code points', async () => {
    const nfd = 'Chỉ đạo/Đã xử lý'.normalize('NFD');
    const odd = sampleRecord([folder(1, nfd), folder(2, 'Dự án 中 \u202Eexe')]);
    const out = join(tmp.dir, 'odd.pdf');
    writeFileSync(out, await renderRecordPdf(odd, SEAL, { fontsDir: FONTS }));
    const text = pdfText(out, 'raw');
    expect(text).toContain('Chỉ đạo/Đã xử lý');
    expect(text).toContain('Dự án [U+4E2D] [U+202E]exe');
    for (const line of run('pdffonts', [out]).trim().split('\n').slice(2)) expect(line).toMatch(/NotoSerif/);
  }, 120_000);

  it('refuses to render without its fonts', async () => {
    const err = await renderRecordPdf(record, SEAL, { fontsDir: join(tmp.dir, 'no-fonts') }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(AppError);
    expect((err as AppError).code).toBe('FILE_ERROR');
    expect((err as AppError).messageVi).toContain('phông chữ');
  });
});

/** Every word of `phrase` (split at blanks and slashes, where a cell may wrap) appears in order. */
function wordsInOrder(text: string, phrase: string): boolean {
  let at = 0;
  for (const word of phrase.split(/[\s/]+/).filter(Boolean)) {
    const found = text.indexOf(word, at);
    if (found < 0) return false;
    at = found + word.length;
  }
  return true;
}

interface WordBox {
  text: string;
  xMin: number;
  yMin: number;
  xMax: number;
  yMax: number;
}

function wordBoxes(file: string): WordBox[] {
  const html = run('pdftotext', ['-bbox', file, '-']);
  const words: WordBox[] = [];
  const re = /<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)<\/word>/g;
  for (const m of html.matchAll(re)) {
    words.push({ xMin: +m[1]!, yMin: +m[2]!, xMax: +m[3]!, yMax: +m[4]!, text: m[5]! });
  }
  return words;
}

describe('handover record PDF with 300 folders', { timeout: 120_000 }, () => {
  const tmp = tempDir('um-record300-');
  const file = join(tmp.dir, 'bien-ban-300.pdf');
  const names = Array.from({ length: 300 }, (_, i) => {
    const n = i + 1;
    if (n === 150) return `Lưu trữ/Hồ sơ dự án đầu tư công giai đoạn 2021–2025/Thẩm định và phê duyệt chủ trương/${n}`;
    return `Phòng ${String(n).padStart(3, '0')}/Đã xử lý`;
  });
  const record = sampleRecord(names.map((name, i) => folder(i + 1, name)));

  beforeAll(async () => {
    writeFileSync(file, await renderRecordPdf(record, SEAL, { fontsDir: FONTS }));
  }, 120_000);
  afterAll(() => tmp.cleanup());

  it('paginates, repeats the table header on every table page and loses no folder', () => {
    const pages = pageCount(file);
    expect(pages).toBeGreaterThan(5);
    const tablePages: number[] = [];
    for (let p = 1; p <= pages; p++) {
      const text = pdfText(file, 'raw', { first: p, last: p });
      expect(text).toContain(`Trang ${p}/${pages}`);
      if (/Phòng \d{3}\/Đã xử lý/.test(text)) {
        tablePages.push(p);
        expect(text, `header on page ${p}`).toContain('Tên thư mục');
        expect(text, `header on page ${p}`).toContain('UIDVALIDITY');
      }
    }
    expect(tablePages.length).toBeGreaterThan(3);
    // Contiguous: the table runs page after page.
    expect(tablePages.at(-1)! - tablePages[0]! + 1).toBe(tablePages.length);

    const all = pdfText(file, 'raw');
    for (const name of names) {
      if (name.length < 30) expect(all.includes(name), name).toBe(true);
      // A name wrapped inside its cell: every word is there, in order.
      else expect(wordsInOrder(all, name), name).toBe(true);
    }
    for (const f of record.folders) expect(all.includes(f.uidValidity), f.uidValidity).toBe(true);
    expect(all).toContain('Tổng cộng');
    expect(all).toContain(formatInteger(record.totals.messages));
  });

  it('keeps every word of a long table inside the margins', () => {
    const mm = 72 / 25.4;
    for (const w of wordBoxes(file)) {
      if (w.yMin > 841.89 - 20 * mm) continue;
      expect(w.xMax, w.text).toBeLessThanOrEqual(595.28 - 15 * mm + 1);
      expect(w.xMin, w.text).toBeGreaterThanOrEqual(30 * mm - 1);
    }
  });
});

// ---------- the verification guide, run for real ----------

interface Shell {
  code: number;
  stdout: string;
  stderr: string;
}

const bash = (command: string, cwd: string): Shell => {
  const r = spawnSync('bash', ['-c', command], { cwd, encoding: 'utf8', env: { ...process.env, LC_ALL: 'C.UTF-8' } });
  return { code: r.status ?? -1, stdout: r.stdout, stderr: r.stderr };
};

const openssl = (args: string[], cwd: string): string =>
  execFileSync('openssl', args, { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });

function makeIdentity(
  dir: string,
  name: string,
  cn: string,
  endEntity: boolean,
): { cert: string; key: string; fp: string } {
  const key = join(dir, `${name}-key.pem`);
  const cert = join(dir, `${name}-cert.pem`);
  const ext = endEntity
    ? [
        '-addext',
        'basicConstraints=critical,CA:FALSE',
        '-addext',
        'keyUsage=critical,digitalSignature,nonRepudiation,keyEncipherment',
      ]
    : [];
  openssl(
    [
      'req',
      '-x509',
      '-newkey',
      'rsa:2048',
      '-nodes',
      '-keyout',
      key,
      '-out',
      cert,
      '-days',
      '30',
      '-subj',
      `/CN=${cn}`,
      ...ext,
    ],
    dir,
  );
  const fp = openssl(['x509', '-in', cert, '-noout', '-fingerprint', '-sha256'], dir).trim().split('=')[1]!;
  return { cert, key, fp };
}

function listFiles(root: string, sub: string): string[] {
  const out: string[] = [];
  const walk = (dir: string): void => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) walk(path);
      else out.push(relative(root, path).split('\\').join('/'));
    }
  };
  walk(join(root, sub));
  return out.sort();
}

function manifest(root: string, files: string[], alg: 'sha256' | 'sha512'): string {
  return files
    .map(
      (f) =>
        `${createHash(alg)
          .update(readFileSync(join(root, f)))
          .digest('hex')}  ${f}\n`,
    )
    .join('');
}

function write(root: string, path: string, content: string | Uint8Array): void {
  mkdirSync(dirname(join(root, path)), { recursive: true });
  writeFileSync(join(root, path), content);
}

function flipByte(file: string, at = 0): void {
  const buf = readFileSync(file);
  const i = Math.min(at, buf.length - 1);
  buf[i] = buf[i]! ^ 0x01;
  writeFileSync(file, buf);
}

describe('verification guide (HUONG-DAN-KIEM-TRA.txt)', { timeout: 120_000 }, () => {
  const tmp = tempDir('um-guide-');
  const bagName = 'ban-giao-vanphong-20261128T093000';
  const keys = join(tmp.dir, 'keys');
  const credentialJson = '{"imap":{"host":"mail.binhphuoc.gov.vn"},"password":"Mật-khẩu-thử-1"}\n';
  let guide = '';
  let record: HandoverRecord;
  let intruder: { cert: string; key: string; fp: string };

  /** Builds a complete small bag the way the exporter lays it out, in <parent>/<bagName>. */
  async function buildBag(parent: string): Promise<string> {
    const bag = join(parent, bagName);
    mkdirSync(bag, { recursive: true });
    const outgoing = makeIdentity(keys, 'outgoing', 'Nguyen Van Hung', true);
    const incoming = makeIdentity(keys, 'incoming', 'Tran Thi Anh Tuyet', false);
    intruder = makeIdentity(keys, 'intruder', 'Nguyen Van Hung', true);
    // Step 5 reads the incoming head's files from beside the bag.
    cpSync(incoming.cert, join(parent, 'chung-thu-ben-nhan.pem'));
    cpSync(incoming.key, join(parent, 'khoa-ben-nhan.pem'));
    execFileSync('openssl', [
      'pkcs12',
      '-export',
      '-in',
      incoming.cert,
      '-inkey',
      incoming.key,
      '-out',
      join(parent, 'ca-nhan.p12'),
      '-passout',
      'pass:thu-nghiem',
    ]);

    const folders = [
      folder(1, 'INBOX', { messages: 2 }),
      folder(2, 'Chỉ đạo/Đã xử lý', { messages: 1 }),
      folder(3, 'Hồ sơ & Lưu trữ', { messages: 0, oldest: null, newest: null }),
    ];
    for (const f of folders) {
      for (let uid = 1; uid <= f.messages; uid++) {
        write(
          bag,
          `data/eml/${f.id}/${uid}.eml`,
          `From: lanhdao@binhphuoc.gov.vn\r\nSubject: =?UTF-8?B?${Buffer.from(`Chỉ đạo số ${uid}`).toString('base64')}?=\r\n\r\nNội dung ${f.name} ${uid}\r\n`,
        );
      }
    }
    write(bag, 'data/index/folders.json', `${JSON.stringify(folders, null, 2)}\n`);
    write(
      bag,
      'data/index/messages.csv',
      'folder,uid,uidvalidity,flags,keywords,internaldate,size,sha256,message-id,modseq\n',
    );
    write(bag, 'data/registers/delegation.csv', 'id,grantee,scope,from,until\n');

    mkdirSync(join(bag, 'handover'));
    writeFileSync(join(keys, 'credential.json'), credentialJson);
    openssl(
      [
        'cms',
        '-encrypt',
        '-binary',
        '-aes-256-cbc',
        '-outform',
        'DER',
        '-in',
        join(keys, 'credential.json'),
        '-out',
        'handover/credential.p7m',
        incoming.cert,
      ],
      bag,
    );

    record = sampleRecord(folders, {
      outgoing: { ...sampleRecord([]).outgoing, certificateSha256: outgoing.fp },
      incoming: { ...sampleRecord([]).incoming, certificateSha256: incoming.fp },
      credential: {
        sha256: sha256(readFileSync(join(bag, 'handover/credential.p7m'))),
        recipientCertificateSha256: incoming.fp,
        passwordResetRequired: true,
      },
    });
    write(bag, 'data/record/bien-ban.json', recordJson(record));

    const payload = listFiles(bag, 'data');
    const octets = payload.reduce((sum, f) => sum + statSync(join(bag, f)).size, 0);
    const oxum = `${octets}.${payload.length}`;
    write(bag, 'manifest-sha256.txt', manifest(bag, payload, 'sha256'));
    write(bag, 'manifest-sha512.txt', manifest(bag, payload, 'sha512'));
    write(bag, 'bagit.txt', 'BagIt-Version: 1.0\nTag-File-Character-Encoding: UTF-8\n');
    write(
      bag,
      'bag-info.txt',
      `Bag-Type: Mailbag\nMailbag-Source: imap\nPayload-Oxum: ${oxum}\nBagging-Date: 2026-11-28\n`,
    );
    guide = verificationGuide(record, { bagName });
    write(bag, GUIDE_FILE_NAME, guide);
    const tagFiles = [
      'bagit.txt',
      'bag-info.txt',
      'manifest-sha256.txt',
      'manifest-sha512.txt',
      GUIDE_FILE_NAME,
      'handover/credential.p7m',
    ];
    write(bag, 'tagmanifest-sha256.txt', manifest(bag, tagFiles, 'sha256'));

    mkdirSync(join(bag, 'seal'));
    openssl(
      [
        'cms',
        '-sign',
        '-binary',
        '-outform',
        'DER',
        '-in',
        'tagmanifest-sha256.txt',
        '-signer',
        outgoing.cert,
        '-inkey',
        outgoing.key,
        '-out',
        'seal/tagmanifest-sha256.txt.p7s',
      ],
      bag,
    );
    const seal: RecordSeal = {
      payloadOxum: oxum,
      tagmanifestSha256: sha256(readFileSync(join(bag, 'tagmanifest-sha256.txt'))),
      signerCertificateSha256: outgoing.fp,
      bagName,
    };
    write(bag, 'seal/bien-ban.pdf', await renderRecordPdf(record, seal, { fontsDir: FONTS }));
    openssl(
      [
        'cms',
        '-sign',
        '-binary',
        '-outform',
        'DER',
        '-in',
        'seal/bien-ban.pdf',
        '-signer',
        outgoing.cert,
        '-inkey',
        outgoing.key,
        '-out',
        'seal/bien-ban.pdf.p7s',
      ],
      bag,
    );
    return bag;
  }

  let pristine = '';

  beforeAll(async () => {
    mkdirSync(keys);
    pristine = await buildBag(join(tmp.dir, 'pristine'));
  }, 120_000);
  afterAll(() => tmp.cleanup());

  /** A fresh copy of the bag in its own parent directory, for one tampering. */
  function copyBag(label: string): string {
    const bag = join(tmp.dir, label, bagName);
    cpSync(pristine, bag, { recursive: true });
    return bag;
  }

  /** Runs the commands of the given steps; returns those that failed. */
  function failures(bag: string, steps: number[]): { command: string; result: Shell }[] {
    const commands = guideBashCommands(guide);
    const failed: { command: string; result: Shell }[] = [];
    for (const step of steps) {
      for (const command of commands.get(step) ?? []) {
        if (command.includes('-keyform P12')) continue; // prompts for a password; run separately below
        const result = bash(command, bag);
        if (result.code !== 0) failed.push({ command, result });
      }
    }
    return failed;
  }

  it('is plain UTF-8 text with LF line ends, NFC, and the record’s own values', () => {
    expect(guide).not.toContain('\r');
    expect(guide).toBe(guide.normalize('NFC'));
    expect(guide.startsWith('HƯỚNG DẪN KIỂM TRA GÓI BÀN GIAO')).toBe(true);
    for (const value of [
      bagName,
      record.mailbox,
      record.outgoing.name,
      record.incoming.name,
      record.outgoing.certificateSha256,
      record.incoming.certificateSha256,
      record.credential.sha256,
      `${record.totals.folders} thư mục`,
      `${record.totals.messages} thư`,
      'Trung tâm Công nghệ thông tin',
      'ĐẶT LẠI MẬT KHẨU',
      'Get-FileHash',
      'certutil -hashfile',
      'Unprotect-CmsMessage',
      'Payload-Oxum',
      'Notepad',
    ]) {
      expect(guide, value).toContain(value);
    }
    const steps = guideBashCommands(guide);
    expect([...steps.keys()]).toEqual([0, 1, 2, 3, 4, 5, 6]);
    for (const step of [1, 2, 3, 4, 5, 6]) expect(steps.get(step)!.length, `step ${step}`).toBeGreaterThan(0);
  });

  it('every bash command of steps 1–6 succeeds on an intact bag', () => {
    const commands = guideBashCommands(guide);
    let oks = 0;
    for (const step of [1, 2, 3, 4, 5, 6]) {
      for (const command of commands.get(step)!) {
        if (command.includes('-keyform P12')) continue;
        const result = bash(command, pristine);
        expect(result.code, `${command}\n${result.stdout}\n${result.stderr}`).toBe(0);
        if (command.includes('&& echo "OK')) {
          expect(result.stdout).toMatch(/^OK: /m);
          oks++;
        }
        if (command.startsWith('openssl cms -verify')) expect(result.stderr).toContain('Verification successful');
        if (command.startsWith('openssl cms -decrypt')) expect(result.stdout).toBe(credentialJson);
        if (command.startsWith('sha256sum tagmanifest')) {
          expect(result.stdout).toContain(sha256(readFileSync(join(pristine, 'tagmanifest-sha256.txt'))));
        }
      }
    }
    expect(oks).toBeGreaterThanOrEqual(8);
    // Nothing was written into the bag itself.
    expect(listFiles(pristine, 'seal')).toEqual([
      'seal/bien-ban.pdf',
      'seal/bien-ban.pdf.p7s',
      'seal/tagmanifest-sha256.txt.p7s',
    ]);
  });

  it('the .p12 variant of the unsealing command opens the credential', () => {
    const command = guideBashCommands(guide)
      .get(5)!
      .find((c) => c.includes('-keyform P12'))!;
    const result = bash(`${command} -passin pass:thu-nghiem`, pristine);
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toBe(credentialJson);
  });

  it('a wrong key cannot open the credential', () => {
    const command = guideBashCommands(guide)
      .get(5)!
      .find((c) => c.includes('-recip'))!
      .replace('../chung-thu-ben-nhan.pem', intruder.cert)
      .replace('../khoa-ben-nhan.pem', intruder.key);
    const result = bash(command, pristine);
    expect(result.code).not.toBe(0);
    expect(result.stdout).not.toContain('password');
  });

  const failingCommand = (list: { command: string }[], fragment: string): boolean =>
    list.some((f) => f.command.includes(fragment));

  it('one byte changed in a message: step 1 fails and names the file', () => {
    const bag = copyBag('flip');
    flipByte(join(bag, 'data/eml/f0002/1.eml'), 40);
    const failed = failures(bag, [1, 2, 3, 4]);
    expect(failingCommand(failed, 'sha256sum -c --quiet manifest-sha256.txt')).toBe(true);
    expect(failingCommand(failed, 'sha512sum -c --quiet manifest-sha512.txt')).toBe(true);
    expect(failed.find((f) => f.command.includes('manifest-sha256.txt &&'))!.result.stdout).toContain(
      'data/eml/f0002/1.eml: FAILED',
    );
    expect(failed).toHaveLength(2);
  });

  it('a stray file: only the completeness check of step 2 notices it', () => {
    const bag = copyBag('stray');
    write(bag, 'data/eml/f0001/99.eml', 'From: x@y.vn\r\n\r\nthêm vào\r\n');
    const failed = failures(bag, [1, 2, 3, 4]);
    expect(failed.map((f) => f.command)).toEqual([expect.stringContaining('diff <(find data')]);
    expect(failed[0]!.result.stdout).toContain('< data/eml/f0001/99.eml');
  });

  it('a deleted file: steps 1 and 2 fail', () => {
    const bag = copyBag('deleted');
    rmSync(join(bag, 'data/index/messages.csv'));
    const failed = failures(bag, [1, 2, 3, 4]);
    expect(failingCommand(failed, 'manifest-sha256.txt &&')).toBe(true);
    expect(failingCommand(failed, 'diff <(find data')).toBe(true);
    expect(failed.find((f) => f.command.includes('diff <('))!.result.stdout).toContain('> data/index/messages.csv');
  });

  it('bag-info.txt edited: step 3 fails', () => {
    const bag = copyBag('baginfo');
    flipByte(join(bag, 'bag-info.txt'), 30);
    const failed = failures(bag, [1, 2, 3, 4]);
    expect(failed.map((f) => f.command)).toEqual([
      expect.stringContaining('sha256sum -c --quiet tagmanifest-sha256.txt'),
    ]);
  });

  it('the tagmanifest edited: the signature check of step 4 fails', () => {
    const bag = copyBag('tagmanifest');
    flipByte(join(bag, 'tagmanifest-sha256.txt'), 3);
    const failed = failures(bag, [1, 2, 3, 4]);
    expect(failingCommand(failed, 'seal/tagmanifest-sha256.txt.p7s -content tagmanifest-sha256.txt')).toBe(true);
  });

  it('the record PDF changed by one byte: its signature check fails', () => {
    const bag = copyBag('pdf');
    flipByte(join(bag, 'seal/bien-ban.pdf'), 2000);
    const failed = failures(bag, [1, 2, 3, 4]);
    expect(failed.map((f) => f.command)).toEqual([expect.stringContaining('seal/bien-ban.pdf.p7s')]);
  });

  it('bag re-hashed and re-signed by someone else: only the fingerprint comparison catches it', () => {
    const bag = copyBag('resigned');
    write(bag, 'bag-info.txt', readFileSync(join(bag, 'bag-info.txt'), 'utf8').replace('imap', 'IMAP'));
    const tagFiles = readFileSync(join(bag, 'tagmanifest-sha256.txt'), 'utf8')
      .trim()
      .split('\n')
      .map((l) => l.split('  ')[1]!);
    write(bag, 'tagmanifest-sha256.txt', manifest(bag, tagFiles, 'sha256'));
    for (const [content, sig] of [
      ['tagmanifest-sha256.txt', 'seal/tagmanifest-sha256.txt.p7s'],
      ['seal/bien-ban.pdf', 'seal/bien-ban.pdf.p7s'],
    ] as const) {
      openssl(
        [
          'cms',
          '-sign',
          '-binary',
          '-outform',
          'DER',
          '-in',
          content,
          '-signer',
          intruder.cert,
          '-inkey',
          intruder.key,
          '-out',
          sig,
        ],
        bag,
      );
    }
    const failed = failures(bag, [1, 2, 3, 4]);
    expect(failed.map((f) => f.command)).toEqual([expect.stringContaining('grep -qi')]);
  });

  it('the signature file replaced by garbage: step 4 fails', () => {
    const bag = copyBag('garbage');
    writeFileSync(join(bag, 'seal/tagmanifest-sha256.txt.p7s'), Buffer.from('not a signature'));
    const failed = failures(bag, [4]);
    expect(failingCommand(failed, 'openssl pkcs7')).toBe(true);
    expect(failingCommand(failed, 'seal/tagmanifest-sha256.txt.p7s -content')).toBe(true);
  });
});
