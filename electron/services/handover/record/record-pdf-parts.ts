// The building blocks of the handover record's PDF shared by its sections: sizes, section
// headings, list items, and long digests on lines of their own.
import { MM, type AdminDocLayout, type TextRun } from './pdf-layout.ts';
import { splitHex } from './record-text.ts';

export const BODY = 13;
export const SMALL = 11;
/** At 10.5 pt a 64-digit hex digest fits on one line after the inset, whatever its digits. */
export const DIGEST = 10.5;
export const INDENT = 10 * MM;
export const HASH_INSET = 15 * MM;

export function section(layout: AdminDocLayout, title: string): void {
  // Keep a heading with the first few lines of what follows it (a short paragraph moves whole).
  const keep = layout.heightOf(title, { font: 'bold' }) + 4 * (BODY + 7);
  layout.gap(6);
  layout.ensureSpace(keep);
  layout.paragraph(title, { font: 'bold', tag: 'H2', gapAfter: 2 });
}

export const item = (layout: AdminDocLayout, parts: TextRun[]): void =>
  layout.runs(parts, { indent: INDENT, gapAfter: 1 });

export const label = (text: string): TextRun => ({ text, font: 'regular' });
export const strong = (text: string): TextRun => ({ text, font: 'bold' });

/** Long digests on lines of their own, in a smaller size, broken only where a reader expects. */
export function digestLines(layout: AdminDocLayout, lines: string[]): void {
  const keep = lines.length * (DIGEST + 4);
  layout.ensureSpace(keep);
  for (const line of lines) layout.paragraph(line, { size: DIGEST, inset: HASH_INSET, gapAfter: 0 });
  layout.gap(2);
}

export function hexLines(layout: AdminDocLayout, hex: string): string[] {
  const fits = layout.widthOf(hex, 'regular', DIGEST) <= layout.width - HASH_INSET;
  return fits ? [hex] : splitHex(hex);
}
