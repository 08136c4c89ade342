// Deterministic synthetic official mail for benchmarks: varied Vietnamese
// subjects, senders and dates over three years; one in ten has an attachment.
const SUBJECTS = [
  'V/v triển khai kế hoạch chuyển đổi số',
  'Công văn số {n}/UBND-VX về việc giao nhiệm vụ',
  'Quyết định số {n}/QĐ-UBND',
  'Thông báo lịch họp giao ban tuần',
  'Kế hoạch kiểm tra công tác cải cách hành chính',
  'Báo cáo kết quả thực hiện nhiệm vụ quý',
  'Chỉ thị về tăng cường kỷ luật, kỷ cương hành chính',
  'HỎA TỐC: Chỉ đạo ứng phó mưa lũ',
  'Giấy mời dự hội nghị tổng kết năm',
  'Re: Góp ý dự thảo quy chế làm việc',
];
const SENDERS = [
  'lanhdao',
  'vanthu',
  'so-tttt',
  'so-noivu',
  'so-tc',
  'ubnd-dongxoai',
  'ubnd-binhlong',
  'phongtchc',
  'thanhtra',
  'congan',
];
const WORDS = [
  'nhiệm vụ',
  'đề nghị',
  'thực hiện',
  'báo cáo',
  'kế hoạch',
  'năm 2025',
  'chuyển đổi số',
  'cải cách',
  'hành chính',
  'ngân sách',
];

const b64 = (s: string) => Buffer.from(s).toString('base64');

export function syntheticMessage(i: number): string {
  const subject = (SUBJECTS[i % SUBJECTS.length] as string).replace('{n}', String((i % 997) + 1));
  const sender = SENDERS[(i * 7) % SENDERS.length] as string;
  const date = new Date(Date.UTC(2024, 0, 1) + i * 900_000).toUTCString().replace('GMT', '+0000');
  const body = Array.from({ length: 6 }, (_, k) => WORDS[(i + k * 3) % WORDS.length]).join(', ');
  const head = [
    `From: ${sender}@binhphuoc.gov.vn`,
    'To: vanphong@binhphuoc.gov.vn',
    `Subject: =?UTF-8?B?${b64(`${subject} (${i})`)}?=`,
    `Date: ${date}`,
    `Message-ID: <bench-${i}@binhphuoc.gov.vn>`,
    ...(i % 13 === 0 ? ['Importance: High'] : []),
    'MIME-Version: 1.0',
  ];
  if (i % 10 !== 0) {
    return [
      ...head,
      'Content-Type: text/plain; charset=utf-8',
      'Content-Transfer-Encoding: 8bit',
      '',
      `Kính gửi Văn phòng: ${body}.`,
      '',
    ].join('\n');
  }
  return [
    ...head,
    'Content-Type: multipart/mixed; boundary="b"',
    '',
    '--b',
    'Content-Type: text/plain; charset=utf-8',
    'Content-Transfer-Encoding: 8bit',
    '',
    `Kính gửi Văn phòng: ${body}. Xem tệp đính kèm.`,
    '--b',
    `Content-Type: application/pdf; name="van-ban-${i}.pdf"`,
    `Content-Disposition: attachment; filename="van-ban-${i}.pdf"`,
    'Content-Transfer-Encoding: base64',
    '',
    'JVBERi0xLjQKJSVFT0YK',
    '--b--',
    '',
  ].join('\n');
}
