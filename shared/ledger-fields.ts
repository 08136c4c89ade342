// Fields of a register entry read from an incoming message (subject, body,
// attachment names), shown to the clerk for correction before they are final.
// Pure string code; accepts NFD and unaccented input, returns NFC text.
import type { Urgency } from './ledger.ts';

export interface DocumentKind {
  name: string;
  /** The code in a ký hiệu (QĐ in 45/QĐ-UBND); Công văn has none. */
  code: string | null;
  /** Folded spellings at the start of a subject, e.g. "cv". */
  words: string[];
}

export const DOCUMENT_KINDS: readonly DocumentKind[] = [
  { name: 'Quyết định', code: 'QĐ', words: ['quyet dinh', 'qd'] },
  { name: 'Chỉ thị', code: 'CT', words: ['chi thi'] },
  { name: 'Kế hoạch', code: 'KH', words: ['ke hoach'] },
  { name: 'Thông báo', code: 'TB', words: ['thong bao'] },
  { name: 'Báo cáo', code: 'BC', words: ['bao cao'] },
  { name: 'Tờ trình', code: 'TTr', words: ['to trinh'] },
  { name: 'Giấy mời', code: 'GM', words: ['giay moi'] },
  { name: 'Công điện', code: 'CĐ', words: ['cong dien'] },
  { name: 'Nghị quyết', code: 'NQ', words: ['nghi quyet'] },
  { name: 'Hướng dẫn', code: 'HD', words: ['huong dan'] },
  { name: 'Công văn', code: null, words: ['cong van', 'cv'] },
];

/** Common issuers in a ký hiệu, spelled out. */
const ISSUERS: Record<string, string> = {
  UBND: 'Ủy ban nhân dân',
  HDND: 'Hội đồng nhân dân',
  VP: 'Văn phòng',
  VPCP: 'Văn phòng Chính phủ',
  TTG: 'Thủ tướng Chính phủ',
  CP: 'Chính phủ',
  BNV: 'Bộ Nội vụ',
  SNV: 'Sở Nội vụ',
  STC: 'Sở Tài chính',
  SYT: 'Sở Y tế',
  SGDDT: 'Sở Giáo dục và Đào tạo',
  STTTT: 'Sở Thông tin và Truyền thông',
  SKHDT: 'Sở Kế hoạch và Đầu tư',
  STP: 'Sở Tư pháp',
  SXD: 'Sở Xây dựng',
  TU: 'Tỉnh ủy',
};

export interface ParsedRegisterFields {
  soKyHieu: string;
  tenLoai: string;
  trichYeu: string;
  urgency: Urgency;
  tacGia: string;
  ngayVanBan: string | null;
}

export interface RegisterSource {
  subject: string;
  body?: string;
  attachmentNames?: string[];
  fromName?: string;
  fromAddress?: string;
}

/** Per code point, so positions in the folded text are positions in the NFC text. */
export function foldKeepingLength(nfc: string): string {
  return [...nfc]
    .map((ch) => {
      const f = ch
        .normalize('NFD')
        .replace(/\p{M}+/gu, '')
        .replace(/[đĐ]/g, 'd')
        .toLowerCase();
      return f.length === 1 ? f : ch.length === 1 ? ch.toLowerCase() : '?';
    })
    .join('');
}

const KY_HIEU =
  /(?<![\p{L}\d])(\d{1,6}[a-z]?)\s*\/\s*(?:(\d{4})\s*\/\s*)?([A-ZĐ][A-Za-zĐđ]{0,7}(?:\s*-\s*[A-ZĐ][A-Za-zĐđ0-9]{0,9}){0,3})(?![\p{L}\d])/u;
const KY_HIEU_FILE =
  /(?<![\p{L}\d])(\d{1,6})[_ -]((?:QĐ|QD|CT|KH|TB|BC|TTr|GM|CĐ|CD|NQ|HD)(?:[_-][A-ZĐ][A-Za-zĐđ0-9]{0,9}){1,3})(?![\p{L}\d])/u;

/** Số, ký hiệu as written: `45/QĐ-UBND`, `123/2024/NĐ-CP`; from file names `45_QĐ-UBND.pdf` too. */
export function findSoKyHieu(texts: readonly string[], fileNames: readonly string[] = []): string {
  for (const text of texts) {
    const m = KY_HIEU.exec(text.normalize('NFC'));
    if (m) return `${m[1]}/${m[2] ? `${m[2]}/` : ''}${(m[3] ?? '').replace(/\s+/g, '')}`;
  }
  for (const name of fileNames) {
    const m = KY_HIEU_FILE.exec(name.normalize('NFC'));
    if (m) return `${m[1]}/${(m[2] ?? '').replace(/_/g, '-')}`;
  }
  return '';
}

function kindByCode(code: string): DocumentKind | undefined {
  const folded = foldKeepingLength(code);
  return DOCUMENT_KINDS.find((k) => k.code !== null && foldKeepingLength(k.code) === folded);
}

/** Tên loại: the word the subject opens with, else the code in the ký hiệu, else Công văn when there is one. */
export function documentKind(subject: string, soKyHieu: string): string {
  const folded = foldKeepingLength(stripPrefixes(subject.normalize('NFC'))).trim();
  for (const kind of DOCUMENT_KINDS) {
    if (kind.words.some((w) => new RegExp(`^${w}(?![a-z])`).test(folded))) return kind.name;
  }
  const parts = soKyHieu.split('/').pop()?.split('-') ?? [];
  if (parts[0]) return kindByCode(parts[0])?.name ?? 'Công văn';
  if (/(^|\s)v\/v(\s|$)|ve viec/.test(folded)) return 'Công văn';
  for (const kind of DOCUMENT_KINDS) {
    if (kind.words.some((w) => w.length > 3 && new RegExp(`(^|\\s)${w}(?![a-z])`).test(folded))) return kind.name;
  }
  return '';
}

const REPLY_PREFIX = /^\s*(?:(?:re|fw|fwd|tl|tr|trả lời|chuyển tiếp|chuyen tiep|tra loi)\s*:\s*)+/iu;
const URGENCY_MARK =
  /^\s*[[(]?\s*(?:hỏa tốc|hoả tốc|thượng khẩn|khẩn|hoa toc|thuong khan|khan|mật|mat)\s*[\])]?\s*[:\-–]?\s*/iu;

function stripPrefixes(subject: string): string {
  let s = subject;
  for (let i = 0; i < 4; i++) s = s.replace(REPLY_PREFIX, '').replace(URGENCY_MARK, '');
  return s;
}

/** Trích yếu: the subject without reply prefixes, urgency marks, kind, number and `V/v`. */
export function trichYeu(subject: string): string {
  let s = stripPrefixes(subject.normalize('NFC').replace(/\s+/g, ' '));
  const folded = foldKeepingLength(s);
  const vv = /(?:^|[\s,;:–-])(v\/v|ve viec)(?![a-z])\s*:?\s*/.exec(folded);
  if (vv) {
    s = s.slice(vv.index + vv[0].length);
  } else {
    const lead = new RegExp(
      `^(?:(?:${DOCUMENT_KINDS.flatMap((k) => k.words).join('|')})(?![a-z])\\s*)?(?:so\\s*:?\\s*)?` +
        `(?:\\d{1,6}[a-z]?\\s*/\\s*(?:\\d{4}\\s*/\\s*)?[a-z][a-z0-9-]*\\s*)?` +
        `(?:ngay\\s+\\d{1,2}\\s*[/.-]\\s*\\d{1,2}\\s*[/.-]\\s*\\d{4}\\s*)?[,:–-]*\\s*`,
    );
    const m = lead.exec(folded);
    if (m && m[0].length < s.length) s = s.slice(m[0].length);
  }
  s = s.trim().replace(/^[,:;–-]+\s*/, '');
  return s ? s.charAt(0).toUpperCase() + s.slice(1) : '';
}

/** Độ khẩn from marks in the subject or a "Độ khẩn:" line of the body; Thường otherwise. */
export function urgencyOf(subject: string, body = ''): Urgency {
  const subj = subject.normalize('NFC');
  const head = body.normalize('NFC').slice(0, 2000);
  const declared = /độ khẩn\s*:?\s*([^\n\r.,;]{0,20})|do khan\s*:?\s*([^\n\r.,;]{0,20})/iu.exec(head);
  const candidates = [subj, declared ? (declared[1] ?? declared[2] ?? '') : ''];
  for (const text of candidates) {
    if (/hỏa tốc|hoả tốc/iu.test(text) || /(^|[^a-z])hoa toc([^a-z]|$)/i.test(text)) return 'hoa-toc';
    if (/thượng khẩn/iu.test(text) || /(^|[^a-z])thuong khan([^a-z]|$)/i.test(text)) return 'thuong-khan';
    if (/(?<!\p{L})khẩn(?!\p{L})/iu.test(text)) return 'khan';
    // Unaccented "khan" is also "khăn" (khó khăn): only as a mark, or the whole declared value.
    if (/(^|[[(])\s*khan\s*([\]):-]|$)/i.test(text) || /(?<![A-Za-z])KHAN(?![A-Za-z])/.test(text)) return 'khan';
  }
  return 'thuong';
}

/** Tác giả: an organisation-like sender name, else the issuer in the ký hiệu, else the sender. */
export function issuingBody(soKyHieu: string, fromName = '', fromAddress = ''): string {
  const name = fromName.normalize('NFC').trim();
  if (
    /^(sở|ủy ban|uỷ ban|ubnd|bộ|văn phòng|phòng|ban|trung tâm|cục|chi cục|hội đồng|thủ tướng|chính phủ|tỉnh ủy|huyện ủy)(?!\p{L})/iu.test(
      name,
    )
  )
    return name;
  const parts = (soKyHieu.split('/').pop() ?? '').split('-').filter(Boolean);
  const issuerCode = parts.length > 1 && kindByCode(parts[0] ?? '') ? parts[1] : parts[0];
  if (issuerCode) {
    const key = foldKeepingLength(issuerCode).toUpperCase();
    return ISSUERS[key] ?? issuerCode;
  }
  return name || fromAddress;
}

/** Ngày tháng of the document: "ngày 12/3/2025" or "ngày 12 tháng 3 năm 2025". */
export function documentDate(texts: readonly string[]): string | null {
  for (const text of texts) {
    const f = foldKeepingLength(text.normalize('NFC'));
    const m =
      /ngay\s+(\d{1,2})\s*[/.-]\s*(\d{1,2})\s*[/.-]\s*(\d{4})/.exec(f) ??
      /ngay\s+(\d{1,2})\s+thang\s+(\d{1,2})\s+nam\s+(\d{4})/.exec(f);
    if (!m) continue;
    const [d, mo, y] = [Number(m[1]), Number(m[2]), Number(m[3])];
    if (mo < 1 || mo > 12 || d < 1 || d > 31) continue;
    return `${y}-${String(mo).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
  }
  return null;
}

export function parseRegisterFields(src: RegisterSource): ParsedRegisterFields {
  const subject = src.subject.normalize('NFC');
  const body = (src.body ?? '').normalize('NFC');
  const soKyHieu = findSoKyHieu([subject, body.slice(0, 4000)], src.attachmentNames ?? []);
  return {
    soKyHieu,
    tenLoai: documentKind(subject, soKyHieu),
    trichYeu: trichYeu(subject),
    urgency: urgencyOf(subject, body),
    tacGia: issuingBody(soKyHieu, src.fromName, src.fromAddress),
    ngayVanBan: documentDate([subject, body.slice(0, 4000)]),
  };
}
