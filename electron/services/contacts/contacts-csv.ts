// Contacts from CSV as Outlook ("First Name", "E-mail Address", "E-mail 2 Address"…), Google
// Contacts ("Name"/"First Name", "E-mail 1 - Value" with " ::: " between addresses) and
// hand-made Vietnamese sheets ("Họ và tên", "Địa chỉ thư", "Chức vụ", "Đơn vị") export it.
// The separator is sniffed (Excel on a Vietnamese Windows writes ';'). Cells are text only:
// nothing is evaluated, and a row with a formula-like cell is refused (see formulaLike).
import { parse } from 'csv-parse/sync';
import { foldText } from '../../../shared/text-fold.ts';
import type { ParseOutcome } from './contact-record.ts';
import { cleanText, formulaLike, joinName } from './contact-record.ts';

type Field = 'name' | 'given' | 'middle' | 'family' | 'email' | 'org' | 'department' | 'title' | 'phone';

const FIELDS: Record<string, Field> = {
  name: 'name',
  displayname: 'name',
  fullname: 'name',
  hoten: 'name',
  hovaten: 'name',
  tenhienthi: 'name',
  firstname: 'given',
  givenname: 'given',
  ten: 'given',
  middlename: 'middle',
  additionalname: 'middle',
  tendem: 'middle',
  lastname: 'family',
  familyname: 'family',
  surname: 'family',
  ho: 'family',
  company: 'org',
  organization: 'org',
  organizationname: 'org',
  organization1name: 'org',
  donvi: 'org',
  coquan: 'org',
  department: 'department',
  organizationdepartment: 'department',
  organization1department: 'department',
  phongban: 'department',
  // Outlook's "Title" is the honorific (Mr., Bà); the office is "Job Title".
  jobtitle: 'title',
  organizationtitle: 'title',
  organization1title: 'title',
  chucvu: 'title',
  businessphone: 'phone',
  mobilephone: 'phone',
  phone: 'phone',
  phone1value: 'phone',
  dienthoai: 'phone',
  sodienthoai: 'phone',
};

/** Which field a header names: folded and compacted ("E-mail 2 Address" → "email2address"). */
export function headerField(header: string): Field | null {
  const key = foldText(header).replace(/[^a-z0-9]/g, '');
  const known = FIELDS[key];
  if (known) return known;
  if (/^(diachithu|thudientu|diachiemail|hopthu)/.test(key)) return 'email';
  if (/e?mail/.test(key) && !/(displayname|type|label|hienthi)/.test(key)) return 'email';
  return null;
}

/** The separator of the header line: the most frequent of , ; and tab outside quotes. */
export function sniffDelimiter(text: string): string {
  const head = text.split(/\r?\n/, 1)[0] ?? '';
  const counts = new Map<string, number>([
    [',', 0],
    [';', 0],
    ['\t', 0],
  ]);
  let quoted = false;
  for (const c of head) {
    if (c === '"') quoted = !quoted;
    else if (!quoted && counts.has(c)) counts.set(c, (counts.get(c) ?? 0) + 1);
  }
  return [...counts.entries()].sort((a, b) => b[1] - a[1])[0]?.[0] ?? ',';
}

export function parseContactsCsv(text: string): ParseOutcome {
  const out: ParseOutcome = { contacts: [], skipped: [] };
  const rows = parse(text.replace(/^\uFEFF/, ''), {
    delimiter: sniffDelimiter(text),
    relax_column_count: true,
    relax_quotes: true,
    skip_empty_lines: true,
    bom: true,
  }) as string[][];
  const [header = [], ...body] = rows;
  const fields = header.map(headerField);
  if (!fields.includes('email')) {
    out.skipped.push({ reason: 'no-address', example: `không có cột địa chỉ thư (${header.slice(0, 6).join(', ')})` });
    return out;
  }
  body.forEach((cells, i) => {
    const where = `dòng ${i + 2}`;
    const get = (f: Field) => cells.filter((_, j) => fields[j] === f).map((c) => c.trim());
    const used = cells.filter((c, j) => fields[j] !== null && c.trim().length > 0);
    if (used.some(formulaLike)) {
      out.skipped.push({ reason: 'formula-cell', example: where });
      return;
    }
    const one = (f: Field) => get(f).find((v) => v.length > 0) ?? '';
    const name = cleanText(one('name')) || joinName(one('family'), one('middle'), one('given'));
    // Google puts several addresses in one cell: "a@x ::: b@y".
    const addresses = get('email').flatMap((c) => c.split(/\s*:::\s*|\s*[;,]\s*/));
    const org = [one('org'), one('department')].filter(Boolean).join(' · ');
    out.contacts.push({
      name,
      addresses: [...new Set(addresses.map((a) => cleanText(a, 320)).filter((a) => a.length > 0))],
      organization: cleanText(org),
      title: cleanText(one('title')),
      phone: cleanText(one('phone'), 50),
      where,
    });
  });
  return out;
}
