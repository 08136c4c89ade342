// A deterministic synthetic unit mailbox for the handover benchmark: message i
// is always the same bytes and lands in the same folder, so a mailbox can grow
// in steps (5k, 10k, 20k) and every run of the benchmark sees the same mail.
// About one message in five carries an attachment of 10 KB – 2 MB: half of
// them below the geometric midpoint (~143 KB, log-uniform: many small scans
// and documents), half above it with sizes falling off towards 2 MB, so that
// 20,000 messages come to about 2.8 GB on disk, the size of the real unit
// mailbox the benchmark stands for (issue 13).
import { createCipheriv } from 'node:crypto';

export const ATTACHMENT_SHARE = 0.2;
export const ATTACHMENT_MIN = 10 * 1024;
export const ATTACHMENT_MAX = 2 * 1024 * 1024;
/** The geometric midpoint of the attachment sizes: half of the attachments are smaller. */
export const ATTACHMENT_MID = Math.sqrt(ATTACHMENT_MIN * ATTACHMENT_MAX);
/**
 * Shape of the upper half: MID + (MAX − MID)·v^k for v uniform in [0, 1). k = 1 would be uniform
 * (3.0 GB at 20,000 messages), log-uniform would give 2.0 GB; k = 1.2 gives 2.8 GB.
 */
const UPPER_SKEW = 1.2;

/** Folders and their share of the messages; the auto-created Drafts, Trash and Junk stay empty. */
export const BENCH_FOLDERS: ReadonlyArray<{ path: string; share: number; create: boolean }> = [
  { path: 'INBOX', share: 0.35, create: false },
  { path: 'Sent', share: 0.1, create: false },
  { path: 'Chỉ đạo', share: 0.15, create: true },
  { path: 'Đã xử lý', share: 0.05, create: true },
  { path: 'Đã xử lý/2026', share: 0.15, create: true },
  { path: 'Hồ sơ & Lưu trữ', share: 0.1, create: true },
  { path: 'Lưu trữ 2024-2026', share: 0.1, create: true },
];
/** Created and left empty, as a real mailbox has. */
export const EMPTY_FOLDERS = ['Thư mục trống'];

// 32-bit integer hash (lowbias32): a per-message random stream without shared state.
function hash32(x: number): number {
  let h = x >>> 0;
  h ^= h >>> 16;
  h = Math.imul(h, 0x7feb352d);
  h ^= h >>> 15;
  h = Math.imul(h, 0x846ca68b);
  h ^= h >>> 16;
  return h >>> 0;
}
const unit = (i: number, salt: number) => hash32(i * 0x9e3779b1 + salt) / 0x1_0000_0000;

export function folderOf(i: number): string {
  let u = unit(i, 1);
  for (const f of BENCH_FOLDERS) {
    if (u < f.share) return f.path;
    u -= f.share;
  }
  return 'INBOX';
}

/** Decoded attachment size of message i in bytes, or 0 when it has none. */
export function attachmentSize(i: number): number {
  if (unit(i, 2) >= ATTACHMENT_SHARE) return 0;
  const u = unit(i, 3);
  if (u < 0.5) return Math.round(ATTACHMENT_MIN * (ATTACHMENT_MID / ATTACHMENT_MIN) ** (2 * u));
  return Math.round(ATTACHMENT_MID + (ATTACHMENT_MAX - ATTACHMENT_MID) * (2 * u - 1) ** UPPER_SKEW);
}

// Attachment bytes come from one 3 MB pseudo-random pool (AES-CTR over zeros:
// incompressible, reproducible), base64-encoded once as 76-character lines;
// each attachment is a run of whole lines from a per-message offset.
const LINE_BYTES = 57;
let poolLines: string[] | null = null;
function pool(): string[] {
  if (poolLines) return poolLines;
  const cipher = createCipheriv('aes-256-ctr', Buffer.alloc(32, 7), Buffer.alloc(16, 0));
  const bytes = cipher.update(Buffer.alloc(3 * 1024 * 1024));
  const lines: string[] = [];
  for (let o = 0; o + LINE_BYTES <= bytes.length; o += LINE_BYTES) {
    lines.push(bytes.subarray(o, o + LINE_BYTES).toString('base64'));
  }
  poolLines = lines;
  return lines;
}

const SUBJECTS = [
  'V/v triển khai kế hoạch chuyển đổi số năm 2026',
  'Công văn số {n}/UBND-VX về việc giao nhiệm vụ',
  'Quyết định số {n}/QĐ-UBND phê duyệt đề án',
  'Thông báo lịch họp giao ban tuần',
  'Kế hoạch kiểm tra công tác cải cách hành chính',
  'Báo cáo kết quả thực hiện nhiệm vụ quý',
  'Chỉ thị về tăng cường kỷ luật, kỷ cương hành chính',
  'HỎA TỐC: Chỉ đạo ứng phó mưa lũ',
  'Giấy mời dự hội nghị tổng kết năm',
  'Re: Góp ý dự thảo quy chế làm việc',
];
const SENDERS = ['lanhdao', 'vanthu', 'so-tttt', 'so-noivu', 'so-tc', 'ubnd-dongxoai', 'thanhtra', 'congan'];
const FILES: ReadonlyArray<[string, string]> = [
  ['Tờ trình phê duyệt.pdf', 'application/pdf'],
  ['Báo cáo quý.docx', 'application/vnd.openxmlformats-officedocument.wordprocessingml.document'],
  ['Số liệu tổng hợp.xlsx', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'],
  ['Hồ sơ kèm theo.zip', 'application/zip'],
  ['Ảnh hiện trường.jpg', 'image/jpeg'],
];
const SENTENCE =
  'Thực hiện chỉ đạo của Ủy ban nhân dân tỉnh, Văn phòng đề nghị các đơn vị khẩn trương triển khai, báo cáo kết quả đúng thời hạn.';

const b64 = (s: string) => Buffer.from(s).toString('base64');
const encodedWord = (s: string) => `=?UTF-8?B?${b64(s)}?=`;

/** Message i as RFC 5322 text with LF line ends (the seeder writes CRLF). */
export function benchMessage(i: number): string {
  const subject = (SUBJECTS[i % SUBJECTS.length] as string).replace('{n}', String((i % 997) + 1));
  const sent = folderOf(i) === 'Sent';
  const other = `${SENDERS[hash32(i) % SENDERS.length] as string}@binhphuoc.gov.vn`;
  const date = new Date(Date.UTC(2024, 0, 1) + i * 3_600_000).toUTCString().replace('GMT', '+0000');
  const body = Array.from({ length: 1 + (hash32(i + 11) % 12) }, () => SENTENCE).join('\n');
  const head = [
    `From: ${sent ? 'vanphong@binhphuoc.gov.vn' : other}`,
    `To: ${sent ? other : 'vanphong@binhphuoc.gov.vn'}`,
    `Subject: ${encodedWord(`${subject} (${i})`)}`,
    `Date: ${date}`,
    `Message-ID: <handover-bench-${i}@binhphuoc.gov.vn>`,
    'MIME-Version: 1.0',
  ];
  const size = attachmentSize(i);
  if (size === 0) {
    return [...head, 'Content-Type: text/plain; charset=utf-8', 'Content-Transfer-Encoding: 8bit', '', body, ''].join(
      '\n',
    );
  }
  const lines = pool();
  const count = Math.ceil(size / LINE_BYTES);
  const start = hash32(i + 17) % (lines.length - count);
  const [name, type] = FILES[i % FILES.length] as [string, string];
  const star = `UTF-8''${encodeURIComponent(name)}`;
  return [
    ...head,
    'Content-Type: multipart/mixed; boundary="=_bench"',
    '',
    '--=_bench',
    'Content-Type: text/plain; charset=utf-8',
    'Content-Transfer-Encoding: 8bit',
    '',
    `${body}\nXem tệp đính kèm.`,
    '--=_bench',
    `Content-Type: ${type}; name="${encodedWord(name)}"`,
    `Content-Disposition: attachment; filename*=${star}`,
    'Content-Transfer-Encoding: base64',
    '',
    ...lines.slice(start, start + count),
    '--=_bench--',
    '',
  ].join('\n');
}

/** The message numbers in [from, to) that belong to each folder. */
export function planRange(from: number, to: number): Map<string, number[]> {
  const plan = new Map<string, number[]>();
  for (let i = from; i < to; i++) {
    const f = folderOf(i);
    let list = plan.get(f);
    if (!list) plan.set(f, (list = []));
    list.push(i);
  }
  return plan;
}

/** Approximate on-disk bytes of messages [from, to) (CRLF line ends). */
export function estimatedBytes(from: number, to: number): number {
  let total = 0;
  for (let i = from; i < to; i++) total += 1500 + Math.ceil(attachmentSize(i) / LINE_BYTES) * 78;
  return total;
}
