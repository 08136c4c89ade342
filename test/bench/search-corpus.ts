// The search benchmarks' corpus (issue 16): official-looking messages of about 1 KB of text, the
// same for every i, so that search-bench.ts (through Dovecot) and index-layouts.ts (straight into
// SQLite) measure the same text.

export const SEARCH_SENTENCES = [
  'Thực hiện Kế hoạch số {n}/KH-UBND ngày {d} của Ủy ban nhân dân tỉnh về chuyển đổi số.',
  'Đề nghị các sở, ban, ngành khẩn trương báo cáo kết quả trước ngày {d}.',
  'Văn phòng UBND tỉnh thông báo lịch họp giao ban tuần {n} tại phòng họp số {k}.',
  'Giao Sở Tài chính chủ trì, phối hợp với các đơn vị liên quan tham mưu ngân sách năm {y}.',
  'Công tác phòng chống thiên tai, tìm kiếm cứu nạn cần được triển khai đồng bộ.',
  'Các đơn vị tăng cường bảo đảm an toàn thông tin mạng trong cơ quan nhà nước.',
  'Trường hợp có khó khăn, vướng mắc, đề nghị phản ánh về Sở Nội vụ để tổng hợp.',
  'Kính gửi Thủ trưởng các cơ quan, đơn vị; Chủ tịch UBND các huyện, thị xã, thành phố.',
  'Chỉ thị số {n}/CT-UBND về tăng cường kỷ luật, kỷ cương hành chính.',
  'Hồ sơ gửi kèm gồm tờ trình, dự thảo quyết định và báo cáo thẩm định số {k}.',
];
const SUBJECTS = [
  'V/v triển khai Kế hoạch số {n}',
  'Quyết định số {n}/QĐ-UBND',
  'Thông báo lịch họp',
  'Báo cáo quý {k}',
];

/** One message of the corpus: its fields as the index reads them. */
export interface CorpusMessage {
  subject: string;
  senderName: string;
  from: string;
  to: string;
  body: string;
  /** Half an hour after the message before it, from 1 January 2022. */
  date: number;
}

export function corpusMessage(i: number, to: string): CorpusMessage {
  const fill = (s: string) =>
    s
      .replace('{n}', String((i % 2000) + 1))
      .replace('{k}', String((i % 7) + 1))
      .replace('{y}', String(2020 + (i % 7)))
      .replace('{d}', `${(i % 28) + 1}/${(i % 12) + 1}/2025`);
  return {
    subject: fill(SUBJECTS[i % SUBJECTS.length] as string),
    senderName: `Phòng ${i % 40}`,
    from: `so${i % 40}@binhphuoc.gov.vn`,
    to,
    body: Array.from({ length: 8 }, (_, k) =>
      fill(SEARCH_SENTENCES[(i * 3 + k * 7) % SEARCH_SENTENCES.length] as string),
    ).join(' '),
    date: Date.UTC(2022, 0, 1) + i * 1_800_000,
  };
}

/** The text the index holds for a message (subject, name, addresses, body), for its size. */
export const corpusText = (m: CorpusMessage) => `${m.subject} ${m.senderName} ${m.from} ${m.to} ${m.body}`;

/** The message as the server stores it. */
export function corpusSource(m: CorpusMessage, i: number): string {
  const b64 = (s: string) => Buffer.from(s, 'utf8').toString('base64');
  return [
    `From: =?UTF-8?B?${b64(m.senderName)}?= <${m.from}>`,
    `To: ${m.to}`,
    `Subject: =?UTF-8?B?${b64(m.subject)}?=`,
    `Date: ${new Date(m.date).toUTCString().replace('GMT', '+0000')}`,
    `Message-ID: <search-bench-${i}@binhphuoc.gov.vn>`,
    'MIME-Version: 1.0',
    'Content-Type: text/plain; charset=utf-8',
    'Content-Transfer-Encoding: 8bit',
    '',
    m.body,
    '',
  ].join('\n');
}
