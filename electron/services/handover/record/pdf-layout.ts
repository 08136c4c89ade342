// A small page-layout layer over pdfkit for Vietnamese administrative documents:
// A4 with NĐ 30/2020 margins, tagged paragraphs, tables that repeat their header on
// every page and never truncate a cell, and "Trang x/y" footers. Layout is explicit
// (measure, then place) so pdfkit never breaks a page on its own in the middle of a
// tagged element or a table row.
import PDFDocument from 'pdfkit';
import { nfc } from './record-text.ts';

/** PostScript points per millimetre. */
export const MM = 72 / 25.4;

/** NĐ 30/2020/NĐ-CP, Phụ lục I: top and bottom 20–25 mm, left 30–35 mm, right 15–20 mm. */
export const A4_MARGINS = { top: 20 * MM, bottom: 20 * MM, left: 30 * MM, right: 15 * MM };

export type FontRole = 'regular' | 'bold' | 'italic';

export interface TextStyle {
  font?: FontRole;
  size?: number;
  /**
   * No 'justify', although NĐ 30 prints body text justified: pdfkit justifies embedded
   * fonts by dropping the space glyphs and moving words apart, so copied text, the
   * structure tree and screen readers get "CăncứNghịđịnh…". Ragged right keeps the text true.
   */
  align?: 'left' | 'center' | 'right';
  /** First-line indent, in points. */
  indent?: number;
  /** Left offset from the margin for every line, in points. */
  inset?: number;
  gapBefore?: number;
  gapAfter?: number;
  /** Structure type: P, H1, H2… */
  tag?: string;
}

export interface TextRun {
  text: string;
  font: FontRole;
}

export interface TableColumn {
  header: string;
  /**
   * Points. Without a width a column is as wide as its widest cell (and the longest word of
   * its header); the column marked `fill` takes what the others leave.
   */
  width?: number;
  fill?: boolean;
  align?: 'left' | 'center' | 'right';
}

export interface TableRow {
  cells: string[];
  bold?: boolean;
}

export interface LayoutOptions {
  fontFiles: Record<FontRole, string>;
  bodySize: number;
  lineGap: number;
  pdf: PDFKit.PDFDocumentOptions;
}

interface GlyphProbe {
  hasGlyphForCodePoint(codePoint: number): boolean;
}

export class AdminDocLayout {
  readonly doc: PDFKit.PDFDocument;
  readonly left: number;
  readonly width: number;
  readonly bodySize: number;
  readonly lineGap: number;
  private readonly fontFiles: Record<FontRole, string>;
  private readonly root: PDFKit.PDFStructureElement;
  private readonly probes: Partial<Record<FontRole, GlyphProbe>> = {};
  private readonly output: Promise<Uint8Array>;

  constructor(options: LayoutOptions) {
    // The default font is given in the constructor: pdfkit would otherwise load Helvetica,
    // a standard-14 font that PDF/A forbids because it is not embedded.
    this.doc = new PDFDocument({
      size: 'A4',
      margins: A4_MARGINS,
      bufferPages: true,
      ...options.pdf,
      font: options.fontFiles.regular,
    });
    const chunks: Uint8Array[] = [];
    this.output = new Promise((resolve, reject) => {
      this.doc.on('data', (chunk: Uint8Array) => chunks.push(chunk));
      this.doc.on('end', () => resolve(new Uint8Array(Buffer.concat(chunks))));
      this.doc.on('error', reject);
    });
    this.fontFiles = { ...options.fontFiles };
    this.bodySize = options.bodySize;
    this.lineGap = options.lineGap;
    this.left = this.doc.page.margins.left;
    this.width = this.doc.page.width - this.doc.page.margins.left - this.doc.page.margins.right;
    this.root = this.doc.struct('Document');
    this.doc.addStructure(this.root);
    this.use('regular', this.bodySize);
  }

  get y(): number {
    return this.doc.y;
  }

  set y(value: number) {
    this.doc.y = value;
  }

  /** Lowest y that content may reach on the current page. */
  get bottom(): number {
    return this.doc.page.height - this.doc.page.margins.bottom;
  }

  use(font: FontRole, size: number): PDFKit.PDFDocument {
    // Fonts are selected by path, the key pdfkit caches them under. A registered alias of the
    // constructor's font would miss that cache and re-parse the TTF on every call.
    return this.doc.font(this.fontFiles[font]).fontSize(size);
  }

  /**
   * NFC, and every code point the font cannot draw (or that is invisible: controls,
   * bidi overrides) shown as [U+XXXX]: PDF/A forbids .notdef glyphs, and a hidden
   * character in a folder name is a fact the reader should see.
   */
  clean(text: string, font: FontRole = 'regular'): string {
    const probe = this.probe(font);
    let out = '';
    for (const ch of nfc(text)) {
      const cp = ch.codePointAt(0) ?? 0;
      const invisible = /[\p{Cc}\p{Cf}\p{Co}\p{Cn}\p{Zl}\p{Zp}]/u.test(ch);
      const drawable = ch === ' ' || (!invisible && (probe?.hasGlyphForCodePoint(cp) ?? true));
      out += drawable ? ch : `[U+${cp.toString(16).toUpperCase().padStart(4, '0')}]`;
    }
    return out;
  }

  private probe(font: FontRole): GlyphProbe | undefined {
    if (!(font in this.probes)) {
      // pdfkit keeps the fontkit font on a private field; without it nothing is replaced.
      this.use(font, this.bodySize);
      const current = (this.doc as unknown as { _font?: { font?: Partial<GlyphProbe> } })._font?.font;
      this.probes[font] = typeof current?.hasGlyphForCodePoint === 'function' ? (current as GlyphProbe) : undefined;
    }
    return this.probes[font];
  }

  heightOf(text: string, style: TextStyle, width = this.width - (style.inset ?? 0)): number {
    this.use(style.font ?? 'regular', style.size ?? this.bodySize);
    return this.doc.heightOfString(text, {
      width,
      lineGap: this.lineGap,
      indent: style.indent ?? 0,
      align: style.align ?? 'left',
    });
  }

  widthOf(text: string, font: FontRole, size: number): number {
    this.use(font, size);
    return this.doc.widthOfString(text);
  }

  newPage(): void {
    this.doc.addPage();
    this.doc.x = this.left;
    this.doc.y = this.doc.page.margins.top;
  }

  /** Starts a new page unless `height` points still fit on this one; true when it did. */
  ensureSpace(height: number): boolean {
    if (this.doc.y + height <= this.bottom) return false;
    this.newPage();
    return true;
  }

  gap(points: number): void {
    if (this.doc.y + points > this.bottom) this.newPage();
    else this.doc.y += points;
  }

  /** One tagged paragraph, kept on one page. */
  paragraph(text: string, style: TextStyle = {}): void {
    this.runs([{ text, font: style.font ?? 'regular' }], style);
  }

  /** A tagged paragraph whose parts change font (a label, then a bold value…). */
  runs(parts: TextRun[], style: TextStyle = {}): void {
    const cleaned = parts.map((p) => ({ text: this.clean(p.text, p.font), font: p.font }));
    // pdfkit drops the leading spaces of a continued fragment: hand them to the previous one.
    for (let i = 1; i < cleaned.length; i++) {
      const part = cleaned[i];
      const previous = cleaned[i - 1];
      if (!part || !previous) continue;
      const lead = /^\s+/.exec(part.text)?.[0] ?? '';
      if (lead) {
        previous.text += lead;
        part.text = part.text.slice(lead.length);
      }
    }
    const inset = style.inset ?? 0;
    const width = this.width - inset;
    // Measured in bold, the widest face, so the real text never needs more room than reserved.
    const all = cleaned.map((p) => p.text).join('');
    const widest = cleaned.some((p) => p.font === 'bold') ? 'bold' : (cleaned[0]?.font ?? 'regular');
    const height = this.heightOf(all, { ...style, font: widest }, width);
    if (style.gapBefore) this.gap(style.gapBefore);
    this.ensureSpace(height);
    const size = style.size ?? this.bodySize;
    const x = this.left + inset;
    const y = this.doc.y;
    this.root.add(
      this.doc.struct(style.tag ?? 'P', {}, () => {
        cleaned.forEach((part, i) => {
          this.use(part.font, size);
          const options: PDFKit.Mixins.TextOptions = {
            width,
            lineGap: this.lineGap,
            indent: style.indent ?? 0,
            align: style.align ?? 'left',
            continued: i < cleaned.length - 1,
          };
          if (i === 0) this.doc.text(part.text, x, y, options);
          else this.doc.text(part.text, options);
        });
      }),
    );
    this.doc.x = this.left;
    if (style.gapAfter) this.gap(style.gapAfter);
  }

  /** Text placed in a box without moving the flow; returns its height. For multi-column blocks. */
  boxText(text: string, x: number, y: number, width: number, style: TextStyle & { balance?: boolean } = {}): number {
    const cleaned = this.clean(text, style.font ?? 'regular');
    const height = this.heightOf(cleaned, style, width);
    if (style.balance) {
      // The narrowest box with the same number of lines, centred: "VĂN PHÒNG UBND TỈNH / BÌNH PHƯỚC"
      // rather than a lone last word.
      let lo = 0;
      let hi = width;
      for (let i = 0; i < 14; i++) {
        const mid = (lo + hi) / 2;
        if (this.heightOf(cleaned, style, mid) > height) lo = mid;
        else hi = mid;
      }
      x += (width - hi) / 2;
      width = Math.ceil(hi) + 1;
    }
    const size = style.size ?? this.bodySize;
    this.root.add(
      this.doc.struct(style.tag ?? 'P', {}, () => {
        this.use(style.font ?? 'regular', size);
        this.doc.text(cleaned, x, y, { width, lineGap: this.lineGap, align: style.align ?? 'left' });
      }),
    );
    this.doc.x = this.left;
    return height;
  }

  /** A horizontal rule, marked as an artifact so screen readers skip it. */
  rule(x1: number, x2: number, y: number, lineWidth = 0.6): void {
    this.doc.markContent('Artifact', { type: 'Layout' });
    this.doc.save().lineWidth(lineWidth).moveTo(x1, y).lineTo(x2, y).stroke().restore();
    this.doc.endMarkedContent();
  }

  /**
   * A bordered table. Every row is measured first and moved whole to the next page when it
   * does not fit; the header row is repeated (as a pagination artifact) on every new page.
   */
  table(columns: TableColumn[], rows: TableRow[], opts: { size: number; headerSize: number; padding: number }): void {
    const pad = opts.padding;
    const fitted = columns.map((c, i) => {
      if (c.fill || c.width !== undefined) return c;
      const words = c.header.split(/\s+/).map((w) => this.widthOf(this.clean(w, 'bold'), 'bold', opts.headerSize));
      const cells = rows.map((r) => this.widthOf(this.clean(r.cells[i] ?? ''), r.bold ? 'bold' : 'regular', opts.size));
      return { ...c, width: Math.ceil(Math.max(0, ...words, ...cells)) + 2 * pad + 1 };
    });
    const widths = columnWidths(fitted, this.width);
    const xs = widths.map((_, i) => this.left + widths.slice(0, i).reduce((a, b) => a + b, 0));
    const headerCells = columns.map((c) => this.clean(c.header, 'bold'));
    const rowHeight = (cells: string[], font: FontRole, size: number): number =>
      Math.max(
        ...cells.map((text, i) => this.heightOf(text, { font, size, align: 'left' }, (widths[i] ?? 0) - 2 * pad)),
      ) +
      2 * pad;
    const headerHeight = rowHeight(headerCells, 'bold', opts.headerSize);

    const table = this.doc.struct('Table');
    this.root.add(table);

    const drawBorders = (y: number, height: number): void => {
      this.doc.markContent('Artifact', { type: 'Layout' });
      this.doc.save().lineWidth(0.5);
      widths.forEach((w, i) => this.doc.rect(xs[i] ?? 0, y, w, height).stroke());
      this.doc.restore();
      this.doc.endMarkedContent();
    };
    const drawCells = (
      cells: string[],
      y: number,
      font: FontRole,
      size: number,
      tag: 'TH' | 'TD',
      tr?: PDFKit.PDFStructureElement,
    ): void => {
      cells.forEach((text, i) => {
        const col = columns[i];
        const draw = (): void => {
          this.use(font, size);
          this.doc.text(text, (xs[i] ?? 0) + pad, y + pad, {
            width: (widths[i] ?? 0) - 2 * pad,
            lineGap: this.lineGap,
            align: tag === 'TH' ? 'center' : (col?.align ?? 'left'),
          });
        };
        if (tr) tr.add(this.doc.struct(tag, {}, draw));
        else draw();
      });
    };
    const drawHeader = (tagged: boolean): void => {
      const y = this.doc.y;
      drawBorders(y, headerHeight);
      if (tagged) {
        const tr = this.doc.struct('TR');
        table.add(tr);
        drawCells(headerCells, y, 'bold', opts.headerSize, 'TH', tr);
        tr.end();
      } else {
        // A repeated header is a running head: one copy in the structure tree is enough.
        this.doc.markContent('Artifact', { type: 'Pagination' });
        drawCells(headerCells, y, 'bold', opts.headerSize, 'TH');
        this.doc.endMarkedContent();
      }
      this.doc.y = y + headerHeight;
    };

    const firstRow = rows[0];
    const firstHeight = firstRow
      ? rowHeight(
          firstRow.cells.map((c) => this.clean(c)),
          firstRow.bold ? 'bold' : 'regular',
          opts.size,
        )
      : 0;
    this.ensureSpace(headerHeight + firstHeight);
    drawHeader(true);
    for (const row of rows) {
      const font: FontRole = row.bold ? 'bold' : 'regular';
      const cells = row.cells.map((c) => this.clean(c, font));
      const height = rowHeight(cells, font, opts.size);
      if (this.ensureSpace(height)) drawHeader(false);
      const y = this.doc.y;
      drawBorders(y, height);
      const tr = this.doc.struct('TR');
      table.add(tr);
      drawCells(cells, y, font, opts.size, 'TD', tr);
      tr.end();
      this.doc.y = y + height;
    }
    table.end();
    this.doc.x = this.left;
  }

  /** Writes "Trang x/y" in the bottom margin of every page, then the file. */
  async finish(footer: (page: number, pages: number) => string, footerSize: number): Promise<Uint8Array> {
    const range = this.doc.bufferedPageRange();
    for (let i = range.start; i < range.start + range.count; i++) {
      this.doc.switchToPage(i);
      const page = this.doc.page;
      const savedBottom = page.margins.bottom;
      // Writing inside the bottom margin would otherwise make pdfkit start a new page.
      page.margins.bottom = 0;
      this.doc.markContent('Artifact', { type: 'Pagination' });
      this.use('regular', footerSize);
      this.doc.text(footer(i + 1, range.count), this.left, page.height - savedBottom / 2 - footerSize / 2, {
        width: this.width,
        align: 'center',
        lineBreak: false,
      });
      this.doc.endMarkedContent();
      page.margins.bottom = savedBottom;
    }
    this.root.end();
    this.doc.end();
    return this.output;
  }
}

/** Fixed widths as given; the `fill` column (or the last) takes the remainder. */
function columnWidths(columns: TableColumn[], total: number): number[] {
  let fill = columns.findIndex((c) => c.fill);
  if (fill < 0) fill = columns.length - 1;
  const fixed = columns.reduce((sum, c, i) => sum + (i === fill ? 0 : (c.width ?? 0)), 0);
  return columns.map((c, i) => (i === fill ? Math.max(0, total - fixed) : (c.width ?? 0)));
}
