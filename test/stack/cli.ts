// Manual/dev entry point: `npx node test/stack/cli.ts start` runs a seeded
// mail stack until SIGINT/SIGTERM and prints how to reach it as JSON.
// Runs under Node's type stripping: erasable TypeScript only, .ts imports.
import { startMailStack, type MailStack, type StackUser } from './mail-stack.ts';

const VANPHONG: StackUser = { email: 'vanphong@binhphuoc.gov.vn', password: 'ChiDao#2026!' };
const CANBO1: StackUser = { email: 'canbo1@binhphuoc.gov.vn', password: 'CanBo1#2026!' };

/** RFC 2047 encoded-word, so the headers stay 7-bit like real mail. */
function encodeWord(text: string): string {
  return `=?UTF-8?B?${Buffer.from(text, 'utf8').toString('base64')}?=`;
}

function base64Lines(data: string | Buffer): string {
  return (Buffer.isBuffer(data) ? data : Buffer.from(data, 'utf8')).toString('base64').replace(/.{1,76}/g, '$&\r\n');
}

function plainMessage(from: string, to: string, subject: string, body: string, date: Date): string {
  return [
    `From: ${from}`,
    `To: ${to}`,
    `Subject: ${encodeWord(subject)}`,
    `Date: ${date.toUTCString()}`,
    `Message-ID: <${date.getTime()}.plain@binhphuoc.gov.vn>`,
    'MIME-Version: 1.0',
    'Content-Type: text/plain; charset=utf-8',
    'Content-Transfer-Encoding: base64',
    '',
    base64Lines(body),
  ].join('\r\n');
}

function htmlWithAttachment(from: string, to: string, date: Date): string {
  const mixed = 'um-mixed-boundary';
  const alt = 'um-alt-boundary';
  const html = '<html><body><h1>Báo cáo tuần</h1><p>Kính gửi Văn phòng, đính kèm <b>báo cáo</b>.</p></body></html>';
  const text = 'Báo cáo tuần\n\nKính gửi Văn phòng, đính kèm báo cáo.';
  const attachment = 'STT;Nội dung;Trạng thái\n1;Công văn 123;Đã xử lý\n';
  return [
    `From: ${from}`,
    `To: ${to}`,
    `Subject: ${encodeWord('Báo cáo tuần kèm tệp')}`,
    `Date: ${date.toUTCString()}`,
    `Message-ID: <${date.getTime()}.html@binhphuoc.gov.vn>`,
    'MIME-Version: 1.0',
    `Content-Type: multipart/mixed; boundary="${mixed}"`,
    '',
    `--${mixed}`,
    `Content-Type: multipart/alternative; boundary="${alt}"`,
    '',
    `--${alt}`,
    'Content-Type: text/plain; charset=utf-8',
    'Content-Transfer-Encoding: base64',
    '',
    base64Lines(text),
    `--${alt}`,
    'Content-Type: text/html; charset=utf-8',
    'Content-Transfer-Encoding: base64',
    '',
    base64Lines(html),
    `--${alt}--`,
    '',
    `--${mixed}`,
    `Content-Type: text/csv; charset=utf-8; name="${encodeWord('bao-cao-tuần.csv')}"`,
    `Content-Disposition: attachment; filename*=UTF-8''${encodeURIComponent('bao-cao-tuần.csv')}`,
    'Content-Transfer-Encoding: base64',
    '',
    base64Lines(attachment),
    `--${mixed}--`,
    '',
  ].join('\r\n');
}

async function seed(stack: MailStack): Promise<void> {
  const now = Date.now();
  await stack.appendMessage(
    VANPHONG.email,
    'INBOX',
    plainMessage(
      CANBO1.email,
      VANPHONG.email,
      'Về việc triển khai hộp thư đơn vị',
      'Kính gửi Văn phòng,\n\nĐề nghị triển khai trước ngày 15.\n',
      new Date(now - 3_600_000),
    ),
  );
  await stack.appendMessage(
    VANPHONG.email,
    'INBOX',
    htmlWithAttachment(CANBO1.email, VANPHONG.email, new Date(now - 1_800_000)),
  );
  await stack.appendMessage(
    VANPHONG.email,
    'Chỉ đạo',
    plainMessage(
      'ubnd@binhphuoc.gov.vn',
      VANPHONG.email,
      'Chỉ đạo: rà soát hồ sơ tồn đọng',
      'Yêu cầu rà soát và báo cáo.\n',
      new Date(now - 86_400_000),
    ),
    ['\\Seen'],
  );
}

async function main(): Promise<void> {
  const command = process.argv[2];
  if (command !== 'start') {
    process.stderr.write('usage: node test/stack/cli.ts start\n');
    process.exit(2);
  }
  const stack = await startMailStack({
    users: [VANPHONG, CANBO1],
    folders: { [VANPHONG.email]: ['Chỉ đạo', 'Đã xử lý', 'Hồ sơ & Lưu trữ'] },
  });
  let stopping = false;
  const shutdown = (signal: string): void => {
    if (stopping) return;
    stopping = true;
    process.stderr.write(`${signal}: stopping mail stack…\n`);
    stack.stop().then(
      () => process.exit(0),
      (err: unknown) => {
        process.stderr.write(`stop failed: ${String(err)}\n`);
        process.exit(1);
      },
    );
  };
  process.on('SIGINT', () => shutdown('SIGINT'));
  process.on('SIGTERM', () => shutdown('SIGTERM'));
  // Signal handlers alone do not keep Node alive, and the daemons are unref'd.
  setInterval(() => undefined, 1 << 30);

  try {
    await seed(stack);
  } catch (err) {
    await stack.stop();
    throw err;
  }
  const { dir, host, imapPort, imapsPort, submissionPort, smtpPort, caFile, otherCaFile, domain, users } = stack;
  process.stdout.write(
    `${JSON.stringify({ dir, host, imapPort, imapsPort, submissionPort, smtpPort, caFile, otherCaFile, domain, users }, null, 2)}\n`,
  );
}

main().catch((err: unknown) => {
  process.stderr.write(`${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
  process.exit(1);
});
