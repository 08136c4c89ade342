// A generated mailbox with known text for the ground-truth search test: UTF-8, windows-1258,
// TCVN3, VNI and HTML-only bodies, most older than the offline-body window, words that are
// prefixes of other words (tin/tinh, ban/bang), words that fold alike (khẩn/khăn/khan, đào/dao,
// bàn/ban/bán), a phrase and its scattered words, PDF/DOCX attachments and a forwarded message.
// `expectedHits` is a plain reference matcher over the text as written, independent of SQLite.
import { foldText } from '../../shared/text-fold.ts';
import { indexWords, parseQuery, type SearchQuery } from '../../electron/services/search/query.ts';
import {
  corruptPdf,
  docxWithText,
  hugePdf,
  pdfWithText,
  rawMessage,
  type Attachment,
  type BodyEncoding,
  type MessageSpec,
  type Person,
} from './search-documents.ts';

export const ARCHIVE = 'Lưu trữ';

const PEOPLE: Person[] = [
  { name: 'Văn phòng UBND tỉnh', address: 'vanphong@binhphuoc.gov.vn' },
  { name: 'Phòng Nội vụ', address: 'phongnoivu@binhphuoc.gov.vn' },
  { name: 'Sở Thông tin và Truyền thông', address: 'sotttt@binhphuoc.gov.vn' },
  { name: 'Chị Đào Thị Lan', address: 'daothilan@binhphuoc.gov.vn' },
  { name: 'Ông Dao Văn Khan', address: 'khan.dv@binhphuoc.gov.vn' },
];

const SUBJECTS = [
  'Chỉ đạo phòng chống bão số 9',
  'Báo cáo tuần',
  'Thư mời họp giao ban',
  'Kế hoạch chuyển đổi số',
  'Thông báo lịch trực',
  'Khẩn: triển khai ngay',
  'Mua khăn trải bàn',
  'Tin học văn phòng',
  'Tinh giản biên chế',
  'Đào tạo cán bộ',
  'Chi dao tiep theo',
];

const SENTENCES = [
  'Đề nghị các đơn vị khẩn trương triển khai thực hiện.',
  'Kế hoạch số 12 được ban hành kèm theo văn bản này.',
  'Kế hoạch năm nay thay cho số 12 của quy định cũ.',
  'Số liệu báo cáo gửi về trước ngày 15.',
  'Chị Đào phụ trách tổng hợp kết quả.',
  'Phòng họp số 2 đã được chuẩn bị bàn ghế.',
  'Cửa hàng bán khăn trải bàn gần cơ quan.',
  'Thông tin chi tiết xem trên cổng thông tin điện tử tỉnh.',
  'Ủy ban nhân dân tỉnh chỉ đạo các sở ngành phối hợp.',
  'Công tác phòng chống bão lũ cần được quan tâm.',
  'Tăng cường bảo đảm an toàn thông tin mạng.',
  'Con dao và cái bàn để ở kho.',
  'Cán bộ tin học hỗ trợ cài đặt phần mềm.',
  'Ban chỉ huy phòng chống thiên tai họp định kỳ.',
  'Bang giao hữu nghị giữa hai tỉnh.',
  'Tinh thần trách nhiệm của cán bộ công chức.',
  'Hội nghị hợp tác phát triển du lịch.',
  'Ông Khan đến làm việc tại sở.',
];

const LEGACY: Array<[BodyEncoding, string]> = [
  ['windows-1258', 'Kế hoạch kiểm tra công tác cải cách hành chính năm nay.'],
  ['tcvn3', 'Quyết định giao nhiệm vụ chuyển đổi số cho các phòng ban.'],
  ['vni', 'Các phòng ban thực hiện báo cáo định kỳ hằng tháng.'],
  ['html', 'Thông báo khẩn về an toàn thông tin trên cổng điện tử.'],
];

/** One message of the corpus: where it goes, its source, and its searchable text as written. */
export interface CorpusMessage {
  folder: string;
  flags: string[];
  messageId: string;
  date: number;
  hasAttachments: boolean;
  fields: { subject: string; from: string; to: string; cc: string; body: string; attachment: string };
  source: Buffer;
}

function prng(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const people = (list: Person[]) => list.map((p) => `${p.name} ${p.address}`).join(' ');
const DAY = 86_400_000;

/**
 * `count` ordinary messages dated every 5 days back from `newest`, plus the legacy, document and
 * forwarded ones. With a clock a day after `newest` and a 30-day window, most bodies are not cached.
 */
export async function buildCorpus(
  newest: number,
  count = 120,
  to = 'timkiem@binhphuoc.gov.vn',
): Promise<CorpusMessage[]> {
  const rand = prng(16);
  const pick = <T>(list: T[]) => list[Math.floor(rand() * list.length)] as T;
  const me: Person = { name: 'Hộp thư tìm kiếm', address: to };
  const out: CorpusMessage[] = [];
  const add = (
    i: number,
    spec: Omit<MessageSpec, 'to' | 'date' | 'messageId'>,
    attachmentText: string[] = [],
    hasAttachments = false,
  ) => {
    const messageId = `corpus-${i}@binhphuoc.gov.vn`;
    const date = newest - i * 5 * DAY;
    const cc = spec.cc ?? [];
    out.push({
      folder: i % 5 === 0 ? ARCHIVE : 'INBOX',
      flags: i % 11 === 0 ? ['\\Answered', '\\Seen'] : i % 7 === 0 ? ['\\Seen'] : [],
      messageId,
      date,
      hasAttachments,
      fields: {
        subject: spec.subject,
        from: people([spec.from]),
        to: people([me]),
        cc: people(cc),
        body: spec.body,
        attachment: [...(spec.attachments ?? []).map((a) => a.filename), ...attachmentText].join(' '),
      },
      source: rawMessage({ ...spec, to: [me], date: new Date(date), messageId }),
    });
  };
  for (let i = 0; i < count; i++) {
    const sentences = Array.from({ length: 2 + Math.floor(rand() * 3) }, () => pick(SENTENCES));
    const cc = rand() < 0.2 ? [pick(PEOPLE)] : [];
    add(i, { from: pick(PEOPLE), cc, subject: pick(SUBJECTS), body: sentences.join(' ') });
  }
  let i = count;
  for (const [encoding, body] of LEGACY) {
    for (let copy = 0; copy < 3; copy++) add(i++, { from: pick(PEOPLE), subject: `Văn bản cũ ${i}`, body, encoding });
  }
  await addDocuments(i, add);
  return out;
}

type Add = (
  i: number,
  spec: Omit<MessageSpec, 'to' | 'date' | 'messageId'>,
  attachmentText?: string[],
  hasAttachments?: boolean,
) => void;

async function addDocuments(first: number, add: Add): Promise<void> {
  const [from] = PEOPLE as [Person];
  const pdf: Attachment = {
    filename: 'bien-ban.pdf',
    contentType: 'application/pdf',
    content: await pdfWithText('Bien ban hop vanbanpdfalpha ngay 12'),
  };
  add(
    first,
    { from, subject: 'Gửi biên bản', body: 'Xem tệp đính kèm.', attachments: [pdf] },
    ['Bien ban hop vanbanpdfalpha ngay 12'],
    true,
  );
  const docxText = ['Quyết định phê duyệt dự án', 'vanbandocxbeta'];
  const docx: Attachment = {
    filename: 'quyet-dinh.docx',
    contentType: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
    content: await docxWithText(docxText),
  };
  add(first + 1, { from, subject: 'Gửi quyết định', body: 'Đính kèm văn bản.', attachments: [docx] }, docxText, true);
  const inner = { subject: 'Thư gốc chuyentiepgamma', body: 'Nội dung thư được chuyển tiếp về dự án.' };
  const innerFrom = PEOPLE[2] as Person;
  const innerTo = PEOPLE[1] as Person;
  const forward = rawMessage({
    ...inner,
    from: innerFrom,
    to: [innerTo],
    date: new Date(Date.UTC(2024, 0, 3)),
    messageId: 'inner@x',
  });
  add(
    first + 2,
    { from, subject: 'Chuyển tiếp', body: 'Chuyển tiếp thư bên dưới.', forwards: [forward] },
    [inner.subject, people([innerFrom]), people([innerTo]), inner.body],
    true,
  );
  const broken: Attachment[] = [
    { filename: 'hong.pdf', contentType: 'application/pdf', content: corruptPdf() },
    { filename: 'rat-lon.pdf', contentType: 'application/pdf', content: hugePdf() },
  ];
  add(first + 3, { from, subject: 'Tệp hỏng', body: 'Hai tệp không đọc được.', attachments: broken }, [], true);
}

type FieldName = keyof CorpusMessage['fields'];
const FIELDS: Record<string, FieldName[]> = {
  any: ['subject', 'from', 'to', 'cc', 'body', 'attachment'],
  from: ['from'],
  to: ['to'],
  cc: ['cc'],
  subject: ['subject'],
  body: ['body'],
  attachment: ['attachment'],
};

/**
 * Reference semantics: whole words, a prefix only when asked, phrases adjacent, diacritics
 * optional: a word typed with a mark (or đ) matches that word as written, one typed without
 * marks matches it with or without them.
 */
function clauseMatches(words: string[], want: string[], prefix: boolean): boolean {
  for (let start = 0; start + want.length <= words.length; start++) {
    const ok = want.every((w, k) => {
      const asWritten = words[start + k] as string;
      const t = foldText(w) === w ? foldText(asWritten) : asWritten;
      return prefix && k === want.length - 1 ? t.startsWith(w) : t === w;
    });
    if (ok) return true;
  }
  return false;
}

function matches(m: CorpusMessage, q: SearchQuery): boolean {
  for (const { field, term } of q.clauses) {
    const found = (FIELDS[field] as FieldName[]).some((f) =>
      clauseMatches(indexWords(m.fields[f]), term.words, term.prefix),
    );
    if (!found) return false;
  }
  const has = (flag: string) => m.flags.includes(flag);
  if (q.hasAttachment && !m.hasAttachments) return false;
  if (q.seen !== undefined && has('\\Seen') !== q.seen) return false;
  if (q.flagged !== undefined && has('\\Flagged') !== q.flagged) return false;
  if (q.answered !== undefined && has('\\Answered') !== q.answered) return false;
  if (q.before !== null && !(m.date < q.before)) return false;
  if (q.after !== null && !(m.date >= q.after)) return false;
  if (q.folder !== null && m.folder !== q.folder) return false;
  return true;
}

/** Message-IDs the query must find. */
export function expectedHits(corpus: CorpusMessage[], query: string): Set<string> {
  const q = parseQuery(query);
  return new Set(corpus.filter((m) => matches(m, q)).map((m) => m.messageId));
}

/** The fixed queries: with and without diacritics, phrases, prefixes, operators and filters. */
export const QUERIES = [
  'chi dao',
  'chỉ đạo',
  '"kế hoạch số 12"',
  '"ke hoach so 12"',
  'khẩn',
  'khan',
  'khăn',
  'tin',
  'tinh',
  'tin*',
  'ban',
  'bàn',
  'đào',
  'dao',
  'subject:"báo cáo"',
  'from:phongnoivu',
  'to:timkiem hop',
  'cc:daothilan',
  'vanbanpdfalpha',
  'vanbandocxbeta',
  'chuyentiepgamma',
  'attachment:"phê duyệt"',
  'has:attachment du an',
  '"chuyển đổi số"',
  '"cai cach hanh chinh"',
  'định kỳ',
  `in:"${ARCHIVE}" hop`,
  'is:unread bão',
  'is:answered',
  'after:01/01/2025 before:2025-06-01 thong tin',
  'body:"an toàn thông tin"',
  'phòng chống bão',
  // Words with and without marks in one term: chỉ as written, dao either way.
  '"chỉ dao"',
  'from:"dao văn"',
  'subject:chỉ',
  'subject:khẩ*',
];
