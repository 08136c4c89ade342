// Opening the composer on a 5 MB message (issue 14), in the real renderer in Chromium over the
// real services and Dovecot: per round, the click on the message until its reader is shown (the
// reference: what the user already waits for to read it), then Ctrl+R until the composer shows
// the quoted original (sanitized HTML in the editor). The reply needs the open message, so the
// two cannot swap order: both are printed per round, with the ratio, the median and the spread.
//   node test/bench/composer-bench.ts [--rounds R --out FILE --html-kb N --attachment-kb N]
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { createDispatcher } from '../../electron/services/api/dispatcher.ts';
import { startMailStack } from '../stack/mail-stack.ts';
import { draftFor, passwordOf } from '../support/fixtures.ts';
import { tempDir } from '../support/temp-dir.ts';
import { installBridge } from '../ui/bridge.ts';
import { CONTEXT_OPTIONS, launchChromium } from '../ui/browser.ts';
import { ensureRendererBuilt, rendererOut } from '../ui/renderer-build.ts';
import { startStaticServer } from '../ui/static-server.ts';
import { table, writeSection } from './handover/report.ts';
import { absoluteCell, log, roundsArg, sideCell, spread, timed } from './rounds.ts';
import { benchServices } from './bench-services.ts';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const { values } = parseArgs({
  options: {
    rounds: { type: 'string', default: '5' },
    'html-kb': { type: 'string', default: '1024' },
    'attachment-kb': { type: 'string', default: '2600' },
    out: { type: 'string', default: join(ROOT, 'BENCHMARKS.md') },
  },
});
const rounds = roundsArg(values.rounds);
const USER = { email: 'vpcompose@binhphuoc.gov.vn', password: 'VpCompose#2026!' };
const SUBJECT = 'Báo cáo tổng hợp năm 2026 (bản lớn)';
const COMPOSER_TITLE = '## Gửi thư: mở khung soạn / Composer';

function bigMessage(htmlKb: number, attachmentKb: number): string {
  const para = '<p>Ủy ban nhân dân tỉnh đề nghị các sở, ban, ngành <b>rà soát</b>, tổng hợp và báo cáo kết quả.</p>\n';
  const html = para.repeat(Math.ceil((htmlKb * 1024) / Buffer.byteLength(para)));
  const pdf = randomBytes(attachmentKb * 1024)
    .toString('base64')
    .replace(/.{76}/g, '$&\r\n');
  return [
    'From: Văn phòng <vanphong@binhphuoc.gov.vn>',
    `To: ${USER.email}`,
    `Subject: =?UTF-8?B?${Buffer.from(SUBJECT).toString('base64')}?=`,
    'Date: Mon, 30 Nov 2026 08:00:00 +0700',
    'Message-ID: <big-compose@binhphuoc.gov.vn>',
    'MIME-Version: 1.0',
    'Content-Type: multipart/mixed; boundary="b1"',
    '',
    '--b1',
    'Content-Type: text/html; charset=utf-8',
    'Content-Transfer-Encoding: base64',
    '',
    Buffer.from(html).toString('base64').replace(/.{76}/g, '$&\r\n'),
    '--b1',
    'Content-Type: application/pdf; name="bao-cao.pdf"',
    'Content-Disposition: attachment; filename="bao-cao.pdf"',
    'Content-Transfer-Encoding: base64',
    '',
    pdf,
    '--b1--',
    '',
  ].join('\r\n');
}

const stack = await startMailStack({ users: [USER, { email: 'khac@binhphuoc.gov.vn', password: 'Khac#2026!' }] });
const profile = tempDir('um-compose-bench-');
const services = benchServices(profile.dir);
const [web, browser] = await Promise.all([startStaticServer(rendererOut), launchChromium(), ensureRendererBuilt()]);
try {
  const message = bigMessage(Number(values['html-kb']), Number(values['attachment-kb']));
  await stack.appendMessage(USER.email, 'INBOX', message);
  await stack.appendMessage(
    USER.email,
    'INBOX',
    'From: khac@binhphuoc.gov.vn\r\nSubject: Thư nhỏ\r\n\r\nNội dung.\r\n',
  );
  const account = await services.accounts.add(draftFor(stack, USER.email), passwordOf(stack, USER.email));
  const page = await (await browser.newContext(CONTEXT_OPTIONS)).newPage();
  await installBridge(page, createDispatcher(services), { events: services.events });
  await page.goto(web.url);
  const row = (text: string) => page.getByTestId('message-row').filter({ hasText: text });
  await row(SUBJECT).waitFor({ timeout: 60_000 });
  await services.sync.whenIdle(account.id);
  const readerMs: number[] = [];
  const composerMs: number[] = [];
  for (let k = -1; k < rounds; k++) {
    await row('Thư nhỏ').click();
    await page.getByTestId('reply-bar').waitFor();
    const [reader] = await timed(async () => {
      await row(SUBJECT).click();
      await page.getByTestId('reader-subject').filter({ hasText: SUBJECT }).waitFor();
      await page.getByTestId('reply-bar').waitFor();
    });
    const [composer] = await timed(async () => {
      await page.keyboard.press('Control+r');
      await page.getByTestId('compose-editor').locator('blockquote').first().waitFor({ timeout: 60_000 });
    });
    log(
      `composer on a ${(message.length / 1e6).toFixed(1)} MB message · ${k < 0 ? 'warm-up' : `round ${k + 1}/${rounds}`}: reader ${reader.toFixed(0)} ms, composer ${composer.toFixed(0)} ms, ratio ${(reader / composer).toFixed(2)}`,
    );
    if (k >= 0) {
      readerMs.push(reader);
      composerMs.push(composer);
    }
    await page.keyboard.press('Escape');
    const discard = page.getByRole('button', { name: 'Bỏ thư' });
    if (await discard.isVisible().catch(() => false)) await discard.click();
    await page.getByTestId('composer').waitFor({ state: 'detached' });
  }
  const ratios = readerMs.map((r, i) => r / (composerMs[i] ?? 1));
  const s = spread(ratios);
  writeSection(
    values.out,
    `${COMPOSER_TITLE}\n\nThe real renderer in headless Chromium over the real services and Dovecot; ${rounds} rounds. ` +
      'The reply needs the open message, so the order cannot alternate: each round opens the message, then the composer.\n\n' +
      table([
        {
          name: `Opening the composer (Ctrl+R, quote shown) on a ${(message.length / 1e6).toFixed(1)} MB message`,
          baseline: `opening the message in the reader: ${sideCell(readerMs)}`,
          ours: absoluteCell(composerMs),
          result: `${s.median.toFixed(2)}× (spread ${s.min.toFixed(2)}–${s.max.toFixed(2)}; rounds ${ratios.map((r) => r.toFixed(2)).join(', ')}) (reader ÷ composer)`,
          target: 'no target set; the UI stays responsive (main does the work)',
        },
      ]),
    COMPOSER_TITLE,
  );
  log(`composer bench: written to ${values.out}`);
} finally {
  await browser.close();
  await web.close();
  await services.dispose();
  await stack.stop();
  profile.cleanup();
}
