// What the vCard and CSV readers hand to the contacts list: one record per card or row, with
// every address it holds, and the reasons records were left out. Text is only ever stored and
// shown: a cell that looks like a spreadsheet formula is refused, never evaluated.
import type { ContactSkipReason } from '../../../shared/directory.ts';

export interface ParsedContact {
  name: string;
  /** As found (trimmed); checked and normalised when stored. */
  addresses: string[];
  organization: string;
  title: string;
  phone: string;
  /** Where it was in the file, for the report's examples ("dòng 12", "thẻ 3"). */
  where: string;
}

export interface ParseOutcome {
  contacts: ParsedContact[];
  skipped: Array<{ reason: ContactSkipReason; example: string }>;
}

/** Text for display and search: NFC, no control characters, spaces collapsed, bounded length. */
export function cleanText(value: string, max = 200): string {
  return value
    .normalize('NFC')
    .replace(/[\p{Cc}\p{Cf}]+/gu, ' ')
    .replace(/\s+/g, ' ')
    .trim()
    .slice(0, max);
}

/**
 * A cell a spreadsheet would run as a formula if the list were exported and opened again
 * (=, +, -, @ first; CWE-1236). A phone number such as "+84 912 345 678" is not one.
 */
export function formulaLike(value: string): boolean {
  const v = value.replace(/^[\s"']+/, '');
  if (!/^[=+\-@\t\r]/.test(v)) return false;
  return !/^[+-]?[\d\s().]+$/.test(v);
}

/** Vietnamese order, family name first: "Nguyễn" "Văn" "An" → "Nguyễn Văn An". */
export function joinName(family: string, middle: string, given: string): string {
  return cleanText([family, middle, given].filter((p) => p.trim().length > 0).join(' '));
}

/**
 * Text from a file's bytes: UTF-8 (BOM or not), UTF-16 with a BOM (Outlook's "Unicode" exports),
 * or, when the bytes are not UTF-8, Windows-1258: what Excel writes for "CSV" on a Vietnamese
 * Windows. NFC, since Windows-1258 spells tones as combining marks.
 */
export function decodeText(bytes: Buffer): string {
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return new TextDecoder('utf-16le').decode(bytes.subarray(2));
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return new TextDecoder('utf-16be').decode(bytes.subarray(2));
  try {
    return new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(bytes);
  } catch {
    return new TextDecoder('windows-1258').decode(bytes).normalize('NFC');
  }
}
