// The user's contacts list: imported from a vCard or CSV file picked in main's dialog, kept in the
// profile, searched for recipient autocomplete. An import never half-happens: the file is read
// and checked whole, then written in one transaction, and the answer says what was taken and
// what was not, and why.
import { readFile, stat } from 'node:fs/promises';
import { basename, extname } from 'node:path';
import type { AddressSuggestion } from '../../../shared/compose.ts';
import type { Contact, ContactSkipReason, ContactsImportReport } from '../../../shared/directory.ts';
import { addressKey, normalizeAddress } from '../../../shared/recipients.ts';
import { foldText } from '../../../shared/text-fold.ts';
import type { Clock } from '../clock/clock.ts';
import { AppError } from '../errors/app-error.ts';
import { decodeText, type ParseOutcome } from './contact-record.ts';
import { parseContactsCsv } from './contacts-csv.ts';
import type { ContactsStore, NewContact } from './contacts-store.ts';
import { parseVCards } from './vcard-parse.ts';

/** A contacts export of a whole province is a few MB; anything far larger is not one. */
export const MAX_IMPORT_BYTES = 20 * 1024 * 1024;

const REASONS_VI: Record<ContactSkipReason, string> = {
  'no-address': 'không có địa chỉ thư',
  'invalid-address': 'địa chỉ thư không hợp lệ',
  'duplicate-in-file': 'trùng địa chỉ trong tệp',
  'formula-cell': 'ô có dạng công thức',
  malformed: 'thẻ vCard không đầy đủ',
};

export class ContactsService {
  private readonly store: ContactsStore;
  private readonly clock: Clock;

  constructor(deps: { store: ContactsStore; clock: Clock }) {
    this.store = deps.store;
    this.clock = deps.clock;
  }

  /** Imports a .vcf or .csv file (the format sniffed when the name does not tell). */
  async importFile(path: string): Promise<ContactsImportReport> {
    const info = await stat(path).catch((e: unknown) => {
      throw new AppError('FILE_ERROR', `cannot read ${basename(path)}: ${(e as Error).message}`);
    });
    if (!info.isFile() || info.size > MAX_IMPORT_BYTES) {
      throw new AppError('FILE_ERROR', `${basename(path)}: not a file or larger than ${MAX_IMPORT_BYTES} bytes`, {
        messageVi: 'Tệp danh bạ quá lớn hoặc không phải tệp thường (tối đa 20 MB).',
      });
    }
    const text = decodeText(await readFile(path));
    return this.importText(basename(path), text);
  }

  /** The same, from text already read (tests, and the CLI's stdin). */
  importText(fileName: string, text: string): ContactsImportReport {
    const ext = extname(fileName).toLowerCase();
    const vcard = ext === '.vcf' || ext === '.vcard' || (ext !== '.csv' && /^\s*BEGIN:VCARD/i.test(text));
    let parsed: ParseOutcome;
    try {
      parsed = vcard ? parseVCards(text) : parseContactsCsv(text);
    } catch (e) {
      throw new AppError('VALIDATION', `${fileName}: ${(e as Error).message}`, {
        messageVi: 'Không đọc được tệp danh bạ: tệp CSV hỏng hoặc không đúng định dạng.',
      });
    }
    if (vcard && parsed.contacts.length === 0 && parsed.skipped.length === 0) {
      throw new AppError('VALIDATION', `${fileName}: no vCard in the file`, {
        messageVi: 'Tệp không chứa thẻ vCard nào (BEGIN:VCARD … END:VCARD).',
      });
    }
    const { contacts, skipped } = this.check(parsed, vcard ? 'vcard' : 'csv');
    const counts = this.store.upsert(contacts, this.clock.now().toISOString());
    return report(fileName, vcard ? 'vcard' : 'csv', counts, skipped);
  }

  list(query?: string, limit?: number): Contact[] {
    return this.store.list(query, limit);
  }

  /** Contacts for recipient autocomplete, name matches starting with a word first. */
  suggest(query: string, limit: number): AddressSuggestion[] {
    const q = foldText(query.trim());
    if (q.length === 0) return [];
    const found = this.store.list(query, Math.max(limit * 4, 40));
    const starts = (c: Contact) => {
      const key = foldText(`${c.name} ${c.address}`);
      return key.startsWith(q) || key.includes(` ${q}`) ? 0 : 1;
    };
    return found
      .sort((a, b) => starts(a) - starts(b))
      .slice(0, limit)
      .map((c) => {
        const detail = [c.title, c.organization].filter(Boolean).join(' · ');
        return { name: c.name, address: c.address, source: 'contacts' as const, ...(detail ? { detail } : {}) };
      });
  }

  private check(parsed: ParseOutcome, source: 'vcard' | 'csv') {
    const skipped = [...parsed.skipped];
    const contacts: NewContact[] = [];
    const seen = new Set<string>();
    for (const p of parsed.contacts) {
      if (p.addresses.length === 0) skipped.push({ reason: 'no-address', example: p.name || p.where });
      for (const raw of p.addresses) {
        const n = normalizeAddress(raw);
        if (!n) {
          skipped.push({ reason: 'invalid-address', example: `${p.where}: ${raw.slice(0, 80)}` });
          continue;
        }
        const key = addressKey(n.address);
        if (seen.has(key)) {
          skipped.push({ reason: 'duplicate-in-file', example: n.address });
          continue;
        }
        seen.add(key);
        const { name, organization, title, phone } = p;
        contacts.push({ key, address: n.address, name, organization, title, phone, source });
      }
    }
    return { contacts, skipped };
  }
}

function report(
  file: string,
  format: 'vcard' | 'csv',
  counts: { imported: number; updated: number; unchanged: number },
  skipped: ParseOutcome['skipped'],
): ContactsImportReport {
  const byReason = new Map<ContactSkipReason, string[]>();
  for (const s of skipped) byReason.set(s.reason, [...(byReason.get(s.reason) ?? []), s.example]);
  const reasons = [...byReason.entries()].map(([reason, all]) => ({
    reason,
    count: all.length,
    examples: all.slice(0, 5),
  }));
  const parts = [`Đã nhập ${counts.imported} liên hệ mới`];
  if (counts.updated > 0) parts.push(`cập nhật ${counts.updated}`);
  if (counts.unchanged > 0) parts.push(`${counts.unchanged} đã có sẵn`);
  let summaryVi = parts.join(', ');
  if (skipped.length > 0) {
    summaryVi += `; bỏ qua ${skipped.length} (${reasons.map((r) => `${r.count} ${REASONS_VI[r.reason]}`).join(', ')})`;
  }
  return { file, format, ...counts, skipped: skipped.length, reasons, summaryVi: `${summaryVi}.` };
}
