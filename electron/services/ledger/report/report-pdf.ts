// What the ledger's PDF reports share: the embedded Noto Serif faces from
// resources/fonts, an A4 landscape page on the handover record's layout layer
// (tables that repeat their header row on every page, "Trang x/y"), and the
// heading: the unit at the top left, the report's title, year and period centred.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { AppError } from '../../errors/app-error.ts';
import { AdminDocLayout, MM, type FontRole } from '../../handover/record/pdf-layout.ts';
import { formatVnDateTime } from '../../handover/record/record-text.ts';
import { periodLabel, yearLabel, type ReportPeriod, type ReportUnit } from './report-types.ts';

export const REPORT_FONT_FILES: Record<FontRole, string> = {
  regular: 'NotoSerif-Regular.ttf',
  bold: 'NotoSerif-Bold.ttf',
  italic: 'NotoSerif-Italic.ttf',
};

export const TABLE_SIZE = 9.5;
const BODY = 12;

/** Landscape: a bound book's margins, the wider one on the binding (left) side. */
const LANDSCAPE_MARGINS = { top: 15 * MM, bottom: 15 * MM, left: 20 * MM, right: 12 * MM };

function resolveFonts(fontsDir: string): Record<FontRole, string> {
  const files = {} as Record<FontRole, string>;
  for (const role of Object.keys(REPORT_FONT_FILES) as FontRole[]) {
    const path = join(fontsDir, REPORT_FONT_FILES[role]);
    if (!existsSync(path)) {
      throw new AppError('FILE_ERROR', `font file not found: ${path}`, {
        messageVi: `Không tìm thấy phông chữ ${REPORT_FONT_FILES[role]} để lập báo cáo sổ văn bản đến.`,
        data: { path },
      });
    }
    files[role] = path;
  }
  return files;
}

/** pdfkit copies the info strings into the XMP packet unescaped; keep them well-formed XML. */
function xmpSafe(text: string): string {
  return text.normalize('NFC').replace(/&/g, ' và ').replace(/[<>]/g, '').replace(/\s+/g, ' ').trim();
}

export interface ReportDoc {
  title: string;
  unit: ReportUnit;
  period: ReportPeriod;
  now: Date;
}

export function openReportLayout(fontsDir: string, d: ReportDoc): AdminDocLayout {
  if (!Number.isFinite(d.now.getTime())) throw new AppError('VALIDATION', 'report clock gave an invalid date');
  return new AdminDocLayout({
    fontFiles: resolveFonts(fontsDir),
    bodySize: BODY,
    lineGap: 1,
    pdf: {
      layout: 'landscape',
      margins: LANDSCAPE_MARGINS,
      pdfVersion: '1.7',
      lang: 'vi-VN',
      tagged: true,
      displayTitle: true,
      info: {
        Title: xmpSafe(`${d.title} – ${periodLabel(d.period)}`),
        Author: xmpSafe(d.unit.name),
        Subject: xmpSafe(`${d.title} – ${d.unit.mailbox ?? d.unit.name}`),
        Creator: 'Hộp thư đơn vị (unit-mailbox)',
        CreationDate: d.now,
      },
    },
  });
}

/** The unit (top left), then the title, year and period centred. */
export function writeReportHeading(layout: AdminDocLayout, d: ReportDoc): void {
  const top = layout.y;
  const boxWidth = 95 * MM;
  let height = 0;
  if (d.unit.parent) {
    height += layout.boxText(d.unit.parent.toUpperCase(), layout.left, top, boxWidth, {
      size: 11,
      align: 'center',
      balance: true,
    });
  }
  height += layout.boxText(d.unit.name.toUpperCase(), layout.left, top + height, boxWidth, {
    font: 'bold',
    size: 11,
    align: 'center',
    balance: true,
  });
  layout.rule(layout.left + boxWidth / 2 - 15 * MM, layout.left + boxWidth / 2 + 15 * MM, top + height + 2);
  layout.y = top + height + 10;
  layout.paragraph(d.title, { font: 'bold', size: 15, align: 'center', tag: 'H1' });
  layout.paragraph(yearLabel(d.period), { font: 'bold', size: 13, align: 'center' });
  layout.paragraph(periodLabel(d.period), { font: 'italic', size: BODY, align: 'center', gapAfter: 2 });
  if (d.unit.mailbox) {
    layout.paragraph(`Hộp thư đơn vị: ${d.unit.mailbox}`, { size: 10.5, align: 'center', gapAfter: 6 });
  } else {
    layout.gap(6);
  }
}

/** A closing note with the instant the report was drawn up. */
export function writeMadeAt(layout: AdminDocLayout, now: Date): void {
  layout.paragraph(`Lập lúc ${formatVnDateTime(now)} (giờ Việt Nam) bằng Hộp thư đơn vị.`, {
    font: 'italic',
    size: 10,
    gapBefore: 6,
  });
}

export async function finishReport(layout: AdminDocLayout): Promise<Buffer> {
  const bytes = await layout.finish((page, pages) => `Trang ${page}/${pages}`, 9);
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}
