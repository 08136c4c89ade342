// The handover record (Biên bản bàn giao hộp thư điện tử công vụ) as a PDF/A-3b file,
// laid out after NĐ 30/2020/NĐ-CP. The record's JSON travels inside the PDF as an
// associated file (AFRelationship Data), so the printed facts and the machine-readable
// ones cannot drift apart. Output depends only on its inputs: same record, seal and
// `now` give the same bytes.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { AppError } from '../../errors/app-error.ts';
import { AdminDocLayout, type FontRole, type TableRow } from './pdf-layout.ts';
import { BODY, INDENT, SMALL, digestLines, hexLines, item, label, section, strong } from './record-pdf-parts.ts';
import { writeRegisters, ledgerExceptions } from './record-pdf-ledger.ts';
import { BINDING_ATTACHMENT_NAME, RECORD_ATTACHMENT_NAME } from './record-binding.ts';
import { recordJson } from './record-json.ts';
import {
  formatBytesExact,
  formatMiB,
  formatInteger,
  formatVnClock,
  formatVnDateTime,
  formatVnLongDate,
  formatVnShortDate,
  specialUseLabel,
  splitFingerprint,
} from './record-text.ts';
import { RECORD_TITLE, type HandoverRecord, type RecordParty, type RecordSeal } from './record-types.ts';

export interface RenderRecordOptions {
  /** Directory holding NotoSerif-Regular.ttf, NotoSerif-Bold.ttf and NotoSerif-Italic.ttf. */
  fontsDir: string;
  /** The PDF's creation date; defaults to record.createdAt so a re-render is byte-identical. */
  now?: Date;
}

export const RECORD_FONT_FILES: Record<FontRole, string> = {
  regular: 'NotoSerif-Regular.ttf',
  bold: 'NotoSerif-Bold.ttf',
  italic: 'NotoSerif-Italic.ttf',
};

/** Names of the JSON files attached inside the PDF (bien-ban.json: same bytes as data/record/bien-ban.json). */
export { BINDING_ATTACHMENT_NAME, RECORD_ATTACHMENT_NAME } from './record-binding.ts';

export async function renderRecordPdf(
  record: HandoverRecord,
  seal: RecordSeal,
  opts: RenderRecordOptions,
): Promise<Uint8Array> {
  assertRenderable(record, seal);
  const fontFiles = resolveFonts(opts.fontsDir);
  const now = opts.now ?? new Date(record.createdAt);
  if (!Number.isFinite(now.getTime())) {
    throw new AppError('VALIDATION', `record.createdAt is not a date: ${record.createdAt}`);
  }

  const layout = new AdminDocLayout({
    fontFiles,
    bodySize: BODY,
    lineGap: 2,
    pdf: {
      pdfVersion: '1.7',
      subset: 'PDF/A-3b',
      lang: 'vi-VN',
      tagged: true,
      displayTitle: true,
      info: {
        Title: xmpSafe(RECORD_TITLE),
        Author: xmpSafe(record.outgoing.name),
        Subject: xmpSafe(`Bàn giao hộp thư ${record.mailbox} – ${record.unit}`),
        Keywords: xmpSafe(`biên bản bàn giao, hộp thư điện tử công vụ, ${record.mailbox}, ${seal.bagName}`),
        Creator: 'Hộp thư đơn vị (unit-mailbox)',
        CreationDate: now,
      },
    },
  });

  writeHeading(layout, record);
  writeParties(layout, record);
  writeMailbox(layout, record);
  writeFolders(layout, record);
  writeRegisters(layout, record);
  writeCredential(layout, record);
  writeSeal(layout, seal);
  writeCommitments(layout, record, seal);
  writeSignatures(layout, record);

  // pdfkit ≥ 0.15 writes AFRelationship and the catalog's /AF array that PDF/A-3 asks for;
  // its typings lag behind, hence the widened options object.
  const attachment: PDFKit.Mixins.PDFAttachmentOptions & { relationship: 'Data' } = {
    name: RECORD_ATTACHMENT_NAME,
    type: 'application/json',
    description: 'Dữ liệu biên bản bàn giao (JSON, UTF-8)',
    relationship: 'Data',
    creationDate: now,
    modifiedDate: now,
  };
  layout.doc.file(Buffer.from(recordJson(record), 'utf8'), attachment);
  // The binding ties this record to its bag (record-binding.ts); verification compares it.
  if (seal.binding !== undefined)
    layout.doc.file(Buffer.from(seal.binding, 'utf8'), {
      ...attachment,
      name: BINDING_ATTACHMENT_NAME,
      description: 'Ràng buộc biên bản với gói bàn giao (JSON, UTF-8)',
    });

  return layout.finish((page, pages) => `Trang ${page}/${pages}`, 10);
}

function resolveFonts(fontsDir: string): Record<FontRole, string> {
  const files = {} as Record<FontRole, string>;
  for (const role of Object.keys(RECORD_FONT_FILES) as FontRole[]) {
    const path = join(fontsDir, RECORD_FONT_FILES[role]);
    if (!existsSync(path)) {
      throw new AppError('FILE_ERROR', `font file not found: ${path}`, {
        messageVi: `Không tìm thấy phông chữ ${RECORD_FONT_FILES[role]} để lập biên bản.`,
        data: { path },
      });
    }
    files[role] = path;
  }
  return files;
}

function assertRenderable(record: HandoverRecord, seal: RecordSeal): void {
  const problems: string[] = [];
  if (record.version !== 1) problems.push(`unsupported record version ${String(record.version)}`);
  if (!Array.isArray(record.folders)) problems.push('record.folders is not a list');
  if (!record.outgoing || !record.incoming) problems.push('record parties are missing');
  if (!record.snapshot || !Array.isArray(record.snapshot.changes)) problems.push('record.snapshot is incomplete');
  if (!seal || typeof seal.tagmanifestSha256 !== 'string') problems.push('seal is incomplete');
  if (problems.length > 0) throw new AppError('VALIDATION', `cannot render handover record: ${problems.join('; ')}`);
}

/** pdfkit copies the info strings into the XMP packet unescaped; keep them well-formed XML. */
function xmpSafe(text: string): string {
  return text.normalize('NFC').replace(/&/g, ' và ').replace(/[<>]/g, '').replace(/\s+/g, ' ').trim();
}

function writeHeading(layout: AdminDocLayout, record: HandoverRecord): void {
  const top = layout.y;
  const leftWidth = layout.width * 0.42;
  const rightX = layout.left + leftWidth;
  const rightWidth = layout.width - leftWidth;

  const unit = record.unit.toLocaleUpperCase('vi-VN');
  const unitHeight = layout.boxText(unit, layout.left, top, leftWidth, {
    font: 'bold',
    size: 12.5,
    align: 'center',
    balance: true,
  });
  const unitRule = leftWidth / 3;
  layout.rule(layout.left + (leftWidth - unitRule) / 2, layout.left + (leftWidth + unitRule) / 2, top + unitHeight + 1);

  const nation = 'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM';
  let nationSize = 12.5;
  while (nationSize > 9 && layout.widthOf(nation, 'bold', nationSize) > rightWidth - 2) nationSize -= 0.5;
  const nationHeight = layout.boxText(nation, rightX, top, rightWidth, {
    font: 'bold',
    size: nationSize,
    align: 'center',
  });
  const motto = 'Độc lập - Tự do - Hạnh phúc';
  const mottoY = top + nationHeight;
  const mottoHeight = layout.boxText(motto, rightX, mottoY, rightWidth, { font: 'bold', size: BODY, align: 'center' });
  const mottoWidth = layout.widthOf(motto, 'bold', BODY);
  layout.rule(rightX + (rightWidth - mottoWidth) / 2, rightX + (rightWidth + mottoWidth) / 2, mottoY + mottoHeight + 1);

  const dateY = mottoY + mottoHeight + 10;
  const dateLine = `${record.place}, ${formatVnLongDate(record.createdAt)}`;
  const dateHeight = layout.boxText(dateLine, rightX, dateY, rightWidth, {
    font: 'italic',
    size: BODY,
    align: 'center',
  });

  layout.y = Math.max(top + unitHeight + 6, dateY + dateHeight) + 14;

  layout.paragraph('BIÊN BẢN', { font: 'bold', size: 14, align: 'center', tag: 'H1' });
  layout.paragraph('Bàn giao hộp thư điện tử công vụ', { font: 'bold', size: 14, align: 'center', gapAfter: 2 });
  const titleRule = layout.width / 5;
  layout.rule(layout.left + (layout.width - titleRule) / 2, layout.left + (layout.width + titleRule) / 2, layout.y + 1);
  layout.gap(12);

  const basis = { font: 'italic' as const, indent: INDENT, gapAfter: 1 };
  layout.paragraph(
    'Căn cứ Nghị định số 30/2020/NĐ-CP ngày 05 tháng 3 năm 2020 của Chính phủ về công tác văn thư;',
    basis,
  );
  layout.paragraph(
    'Căn cứ Quy chế quản lý, sử dụng hệ thống thư điện tử công vụ của tỉnh, Điều 10: khi thay đổi thủ trưởng đơn vị, ' +
      'người tiền nhiệm phải bàn giao hộp thư, mật khẩu và toàn bộ dữ liệu cho người kế nhiệm;',
    basis,
  );
  layout.paragraph('Căn cứ quyết định của cấp có thẩm quyền về việc thay đổi thủ trưởng đơn vị.', basis);
  layout.gap(4);
  layout.paragraph(
    `Hôm nay, vào lúc ${formatVnClock(record.createdAt)}, ${formatVnLongDate(record.createdAt)}, ` +
      `tại ${record.unit}, chúng tôi gồm:`,
    { indent: INDENT, gapAfter: 2 },
  );
}

function writeParty(layout: AdminDocLayout, heading: string, party: RecordParty): void {
  layout.ensureSpace(6 * (BODY + 6));
  layout.paragraph(heading, { font: 'bold', indent: INDENT, gapAfter: 1 });
  item(layout, [label('- Họ và tên: '), strong(party.name)]);
  item(layout, [label(`- Chức vụ: ${party.title}`)]);
  item(layout, [label(`- Đơn vị: ${party.unit}`)]);
  item(layout, [label(`- Thư điện tử: ${party.email}`)]);
  item(layout, [label('- Dấu vân tay chứng thư số (SHA-256):')]);
  digestLines(layout, splitFingerprint(party.certificateSha256));
}

function writeParties(layout: AdminDocLayout, record: HandoverRecord): void {
  writeParty(layout, '1. Bên giao (thủ trưởng tiền nhiệm):', record.outgoing);
  writeParty(layout, '2. Bên nhận (thủ trưởng kế nhiệm):', record.incoming);
  if (record.witness) {
    layout.paragraph('3. Người chứng kiến:', { font: 'bold', indent: INDENT, gapAfter: 1 });
    item(layout, [label('- Họ và tên: '), strong(record.witness.name)]);
  } else {
    layout.runs([strong('3. Người chứng kiến: '), label('không có.')], { indent: INDENT, gapAfter: 1 });
  }
  layout.gap(4);
  layout.paragraph(
    'Hai bên đã tiến hành bàn giao hộp thư điện tử công vụ của đơn vị, mật khẩu và toàn bộ dữ liệu, cụ thể như sau:',
    { indent: INDENT },
  );
}

function writeMailbox(layout: AdminDocLayout, record: HandoverRecord): void {
  const { snapshot } = record;
  section(layout, 'I. HỘP THƯ VÀ THỜI ĐIỂM CHỤP DỮ LIỆU');
  item(layout, [label('- Địa chỉ hộp thư: '), strong(record.mailbox)]);
  item(layout, [
    label(
      `- Thời điểm chụp dữ liệu: từ ${formatVnDateTime(snapshot.startedAt)} đến ` +
        `${formatVnDateTime(snapshot.finishedAt)} (giờ Việt Nam, UTC+7).`,
    ),
  ]);
  if (snapshot.consistent) {
    item(layout, [
      label('- Tính nhất quán: '),
      strong('nhất quán'),
      label(
        ' – UIDVALIDITY, UIDNEXT và HIGHESTMODSEQ của mọi thư mục không thay đổi từ lúc bắt đầu đến lúc kết thúc chụp dữ liệu.',
      ),
    ]);
  } else {
    item(layout, [
      label('- Tính nhất quán: '),
      strong('KHÔNG nhất quán'),
      label(
        ` – trong khi chụp dữ liệu, hộp thư có ${formatInteger(snapshot.changes.length)} thay đổi ` +
          '(ghi nguyên văn theo nhật ký của phần mềm):',
      ),
    ]);
    for (const change of snapshot.changes) {
      layout.paragraph(`+ ${change}`, { size: SMALL, inset: INDENT, gapAfter: 1 });
    }
  }
}

function folderLabel(folder: HandoverRecord['folders'][number]): string {
  const special = specialUseLabel(folder.specialUse ?? (folder.name.toUpperCase() === 'INBOX' ? '\\Inbox' : null));
  let text = folder.name;
  if (special) text += ` (${special})`;
  if (!folder.selectable) text += ' (*)';
  return text;
}

function writeFolders(layout: AdminDocLayout, record: HandoverRecord): void {
  const { totals } = record;
  section(layout, 'II. DỮ LIỆU THƯ THEO THƯ MỤC');
  item(layout, [
    label('- Tổng số: '),
    strong(`${formatInteger(totals.folders)} thư mục, ${formatInteger(totals.messages)} thư`),
    label(
      `; dung lượng ${formatBytesExact(totals.bytes)}; thư cũ nhất ngày ${formatVnShortDate(totals.oldest)}, ` +
        `thư mới nhất ngày ${formatVnShortDate(totals.newest)}. Chi tiết từng thư mục:`,
    ),
  ]);
  layout.gap(4);

  const rows: TableRow[] = record.folders.map((f, i) => ({
    cells: [
      String(i + 1),
      folderLabel(f),
      formatInteger(f.messages),
      formatMiB(f.bytes),
      formatVnShortDate(f.oldest),
      formatVnShortDate(f.newest),
      f.uidValidity,
    ],
  }));
  rows.push({
    bold: true,
    cells: [
      '',
      'Tổng cộng',
      formatInteger(totals.messages),
      formatMiB(totals.bytes),
      formatVnShortDate(totals.oldest),
      formatVnShortDate(totals.newest),
      '',
    ],
  });
  layout.table(
    [
      { header: 'TT', align: 'center' },
      { header: 'Tên thư mục', fill: true },
      { header: 'Số thư', align: 'right' },
      { header: 'Dung lượng (MiB)', align: 'right' },
      { header: 'Thư cũ nhất', align: 'center' },
      { header: 'Thư mới nhất', align: 'center' },
      { header: 'UIDVALIDITY', align: 'right' },
    ],
    rows,
    { size: 10.5, headerSize: 10, padding: 3 },
  );
  layout.gap(3);
  const notes = ['Ngày tính theo giờ Việt Nam (UTC+7); dung lượng tính bằng MiB (1 MiB = 1.048.576 byte).'];
  if (record.folders.some((f) => !f.selectable)) {
    notes.push('(*) Thư mục chỉ chứa thư mục con, không chứa thư (\\Noselect).');
  }
  notes.push('Tên gốc, mã thư mục và UIDNEXT, HIGHESTMODSEQ của từng thư mục có trong data/index/folders.json.');
  for (const note of notes) layout.paragraph(note, { font: 'italic', size: SMALL, gapAfter: 1 });
}

function writeCredential(layout: AdminDocLayout, record: HandoverRecord): void {
  const { credential } = record;
  section(layout, 'IV. MẬT KHẨU VÀ THÔNG TIN ĐĂNG NHẬP ĐƯỢC NIÊM PHONG');
  layout.paragraph(
    'Mật khẩu và cấu hình đăng nhập hộp thư được niêm phong (mã hóa CMS, AES-256) riêng cho bên nhận trong tệp ' +
      'handover/credential.p7m; chỉ người giữ khóa bí mật ứng với chứng thư số dưới đây mới mở được.',
    { indent: INDENT, gapAfter: 1 },
  );
  item(layout, [label('- Mã SHA-256 của tệp handover/credential.p7m:')]);
  digestLines(layout, hexLines(layout, credential.sha256));
  item(layout, [label('- Dấu vân tay chứng thư số của người nhận niêm phong (SHA-256):')]);
  digestLines(layout, splitFingerprint(credential.recipientCertificateSha256));
  item(layout, [
    label('- Khi tiếp nhận, bên nhận đề nghị '),
    strong('Trung tâm Công nghệ thông tin đặt lại mật khẩu'),
    label(' hộp thư; mật khẩu đã bàn giao không được tiếp tục sử dụng.'),
  ]);
}

function writeSeal(layout: AdminDocLayout, seal: RecordSeal): void {
  section(layout, 'V. NIÊM PHONG GÓI BÀN GIAO');
  item(layout, [label('- Tên gói bàn giao: '), strong(seal.bagName)]);
  item(layout, [
    label('- Payload-Oxum (tổng số byte.số tệp dữ liệu): '),
    strong(seal.payloadOxum),
    label(` (${oxumWords(seal.payloadOxum)});`),
  ]);
  item(layout, [label('- Mã SHA-256 của tệp tagmanifest-sha256.txt:')]);
  digestLines(layout, hexLines(layout, seal.tagmanifestSha256));
  item(layout, [label('- Dấu vân tay chứng thư số đã ký niêm phong (SHA-256):')]);
  digestLines(layout, splitFingerprint(seal.signerCertificateSha256));
  layout.paragraph(
    'Chữ ký số của bên giao trên tệp tagmanifest-sha256.txt (seal/tagmanifest-sha256.txt.p7s) bảo đảm toàn vẹn mọi ' +
      'tệp trong gói; chữ ký số trên biên bản này nằm ở seal/bien-ban.pdf.p7s.',
    { indent: INDENT },
  );
}

function oxumWords(oxum: string): string {
  const match = /^(\d+)\.(\d+)$/.exec(oxum.trim());
  if (!match) return 'không đọc được';
  return `${formatInteger(Number(match[1]))} byte trong ${formatInteger(Number(match[2]))} tệp`;
}

function writeCommitments(layout: AdminDocLayout, record: HandoverRecord, seal: RecordSeal): void {
  section(layout, 'VI. CAM KẾT VÀ NGOẠI LỆ');
  const body = { indent: INDENT, gapAfter: 1 };
  layout.paragraph(
    'Bên giao cam kết đã bàn giao đầy đủ hộp thư, mật khẩu và toàn bộ dữ liệu hiện có của hộp thư; không giữ lại ' +
      'mật khẩu, không sao chép, xóa hoặc sửa đổi dữ liệu và không tiếp tục truy cập hộp thư sau khi bàn giao.',
    body,
  );
  layout.paragraph(
    'Bên nhận có trách nhiệm kiểm tra gói bàn giao, đề nghị đặt lại mật khẩu khi tiếp nhận và quản lý, sử dụng ' +
      'hộp thư theo Quy chế; nếu phát hiện sai khác so với biên bản này, bên nhận báo cáo ngay thủ trưởng cơ quan ' +
      'quản lý cấp trên và Trung tâm Công nghệ thông tin.',
    body,
  );
  const exceptions: string[] = [];
  if (!record.snapshot.consistent) {
    exceptions.push('hộp thư thay đổi trong khi chụp dữ liệu (xem mục I); bên nhận đối chiếu lại khi tiếp nhận');
  }
  exceptions.push(...ledgerExceptions(record));
  layout.runs([strong('Ngoại lệ: '), label(exceptions.length === 0 ? 'không có.' : `${exceptions.join('; ')}.`)], body);

  section(layout, 'VII. KIỂM TRA GÓI BÀN GIAO');
  layout.paragraph(
    `Gói ${seal.bagName} có thể được kiểm tra độc lập, không cần phần mềm Hộp thư đơn vị, bằng các công cụ ` +
      'thông dụng (sha256sum, openssl; trên Windows: PowerShell 7, Git Bash hoặc WSL) theo các bước trong tệp ' +
      'HUONG-DAN-KIEM-TRA.txt ở thư mục gốc của gói.',
    body,
  );
  layout.gap(4);
  layout.paragraph(
    'Biên bản được lập thành 02 bản giấy có giá trị như nhau, mỗi bên giữ 01 bản; bản điện tử có chữ ký số được ' +
      'lưu trong gói bàn giao. Các bên đã đọc lại, thống nhất nội dung và cùng ký tên dưới đây./.',
    body,
  );
}

function writeSignatures(layout: AdminDocLayout, record: HandoverRecord): void {
  const columns: { role: string; name: string }[] = [{ role: 'BÊN GIAO', name: record.outgoing.name }];
  if (record.witness) columns.push({ role: 'NGƯỜI CHỨNG KIẾN', name: record.witness.name });
  columns.push({ role: 'BÊN NHẬN', name: record.incoming.name });

  const signatureSpace = 72;
  const columnWidth = layout.width / columns.length;
  const headHeight = Math.max(...columns.map((c) => layout.heightOf(c.role, { font: 'bold' }, columnWidth - 6)));
  const nameHeight = Math.max(...columns.map((c) => layout.heightOf(c.name, { font: 'bold' }, columnWidth - 6)));
  const hintHeight = layout.heightOf('(Ký, ghi rõ họ tên)', { font: 'italic' }, columnWidth - 6);
  layout.gap(14);
  layout.ensureSpace(headHeight + hintHeight + signatureSpace + nameHeight);
  const top = layout.y;
  columns.forEach((c, i) => {
    const x = layout.left + i * columnWidth + 3;
    const w = columnWidth - 6;
    layout.boxText(c.role, x, top, w, { font: 'bold', align: 'center' });
    layout.boxText('(Ký, ghi rõ họ tên)', x, top + headHeight, w, { font: 'italic', align: 'center' });
    layout.boxText(c.name, x, top + headHeight + hintHeight + signatureSpace, w, { font: 'bold', align: 'center' });
  });
  layout.y = top + headHeight + hintHeight + signatureSpace + nameHeight;
}
