// UI frames while the text index is built in the background (issue 16, Performance: "background
// indexing rate in messages/s while the UI keeps frames under 50 ms"). Not a test: timings never
// fail anything. The house rule of rounds.ts: ≥ 5 rounds, order alternating, every round printed.
//  - A private Dovecot folder of N messages (default 5,000) with bodies of about 1 KB (one in ten
//    with an attachment), its headers synced with no indexing; the real renderer in headless
//    Chromium over the bridge to the real services, the sync in its worker thread as in the app.
//  - One interaction: a scroll fling over the message list, then a search typed into the search
//    box (120 ms a key) until its results are shown; every frame is recorded (rAF deltas).
//  - Baseline: the interaction with nothing else running. Ours: the same while the sync worker
//    indexes the text of the newest W messages (default all N), started from the status bar's
//    "sync now" as a user would; the interaction starts once the first batch is indexed.
//  - Reported: longest and p95 frame in each, their ratios, and the indexing rate during the
//    interaction (and over the whole pass). Target: frames under 50 ms.
// Writes its section of BENCHMARKS.md (or --out).
//   node test/bench/indexing-ui-bench.ts [--rounds R --messages N --window W --out FILE]
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { createDispatcher } from '../../electron/services/api/dispatcher.ts';
import { startMailStack } from '../stack/mail-stack.ts';
import { draftFor } from '../support/fixtures.ts';
import { tempDir } from '../support/temp-dir.ts';
import { installBridge } from '../ui/bridge.ts';
import { CONTEXT_OPTIONS, launchChromium } from '../ui/browser.ts';
import { openTimed } from '../ui/list-metrics.ts';
import { ensureRendererBuilt, rendererOut } from '../ui/renderer-build.ts';
import { startStaticServer } from '../ui/static-server.ts';
import { describeFrames } from './frame-recorder.ts';
import { interact, resetView, syncDone, timedDispatcher, type Interaction } from './indexing-ui-interaction.ts';
import { indexingUiSection } from './indexing-ui-report.ts';
import { writeSection } from './handover/report.ts';
import { log, paired, roundsArg, timed } from './rounds.ts';
import { syntheticMessage } from './synthetic-mail.ts';
import { benchServices } from './bench-services.ts';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const TITLE = '## Tìm kiếm: khung hình khi lập chỉ mục / UI frames while indexing';
const { values } = parseArgs({
  options: {
    rounds: { type: 'string', default: '5' },
    messages: { type: 'string', default: '5000' },
    window: { type: 'string' },
    out: { type: 'string', default: join(ROOT, 'BENCHMARKS.md') },
  },
});
const rounds = roundsArg(values.rounds);
const count = Number(values.messages);
const windowSize = Math.min(Number(values.window ?? count), count);
const EMAIL = 'frames-bench@binhphuoc.gov.vn';
const PASSWORD = 'FramesBench#2026';
const QUERY = 'ke hoach cai cach';
const scrollRows = Math.max(1, Math.min(2_000, count - 40));

const SENTENCES = [
  'Thực hiện ý kiến chỉ đạo của Chủ tịch Ủy ban nhân dân tỉnh tại cuộc họp giao ban tháng này.',
  'Đề nghị các sở, ban, ngành khẩn trương rà soát, tổng hợp và gửi báo cáo về Văn phòng trước hạn.',
  'Giao Sở Tài chính chủ trì, phối hợp với các đơn vị liên quan tham mưu phương án bố trí kinh phí.',
  'Các đơn vị tăng cường bảo đảm an toàn thông tin mạng trong hoạt động của cơ quan nhà nước.',
  'Trường hợp có khó khăn, vướng mắc, đề nghị phản ánh kịp thời về Sở Nội vụ để được hướng dẫn.',
  'Kính gửi Thủ trưởng các cơ quan, đơn vị; Chủ tịch Ủy ban nhân dân các huyện, thị xã, thành phố.',
  'Hồ sơ gửi kèm gồm tờ trình, dự thảo quyết định, báo cáo thẩm định và ý kiến của các thành viên.',
];

/** synthetic-mail.ts's message with a body of about 1 KB of official prose. */
function benchMessage(i: number): string {
  const prose = Array.from({ length: 9 }, (_, k) => SENTENCES[(i + k * 3) % SENTENCES.length]).join(' ');
  return syntheticMessage(i).replace('Kính gửi Văn phòng: ', `Kính gửi Văn phòng: ${prose} `);
}

const stack = await startMailStack({ users: [{ email: EMAIL, password: PASSWORD }] });
const profile = tempDir('um-indexing-ui-bench-');
const services = benchServices(profile.dir, { syncWorker: true });
const [web, browser] = await Promise.all([startStaticServer(rendererOut), launchChromium(), ensureRendererBuilt()]);
try {
  await stack.bulkSeed(EMAIL, 'INBOX', count, benchMessage);
  const accountId = (await services.accounts.add(draftFor(stack, EMAIL), PASSWORD)).id;
  const [headersMs] = await timed(() => services.sync.start(accountId, ['INBOX'], { index: false }));
  log(`headers of ${count} messages synced without indexing in ${(headersMs / 1000).toFixed(1)} s`);
  const cache = services.caches.get(accountId);
  const indexedCount = () =>
    (cache.db.prepare('SELECT count(*) AS n FROM messages WHERE text_indexed = 1').get() as { n: number }).n;
  const newest = (
    cache.db.prepare('SELECT uid FROM messages ORDER BY date DESC LIMIT ?').all(windowSize) as Array<{ uid: number }>
  ).map((r) => r.uid);

  const timedBridge = timedDispatcher(createDispatcher(services));
  const context = await browser.newContext(CONTEXT_OPTIONS);
  const page = await context.newPage();
  await installBridge(page, timedBridge.dispatch, { events: services.events });
  // The app's own start-up sync indexes the whole folder (unmeasured, its rate printed).
  const [firstMs] = await timed(async () => {
    await page.goto(web.url);
    await page.getByTestId('folder-tree').waitFor({ timeout: 120_000 });
    await syncDone(page);
    await services.sync.whenIdle(accountId);
  });
  log(
    `start-up sync: ${indexedCount()} of ${count} messages indexed, ${((count * 1000) / firstMs).toFixed(0)} messages/s`,
  );
  await openTimed(page, 'INBOX', count);

  const deps = { page, timed: timedBridge.state, indexedCount, scrollRows, query: QUERY };
  const baseline: Interaction[] = [];
  const ours: Array<Interaction & { passMs: number; passRate: number; covered: boolean }> = [];
  let indexStarted = false;
  let doneAt = 0;
  services.events.on('sync.progress', (e) => {
    if (e.phase === 'index' && e.done > 0) indexStarted = true;
    if (e.phase === 'done') doneAt = performance.now();
  });
  const detail = (r: Interaction) =>
    `${describeFrames(r.frames.all)}; fling ${describeFrames(r.frames.phases.start ?? r.frames.all)}; typing ${describeFrames(r.frames.phases.typing ?? r.frames.all)}; ` +
    `search answered ${r.searchAnswerMs.toFixed(0)} ms after the last key; main-thread loop delay max ${r.loopDelayMaxMs.toFixed(0)} ms; ` +
    `this process used ${r.cores.toFixed(2)} cores, load average ${r.load.toFixed(1)}; ` +
    `slowest calls ${JSON.stringify(Object.fromEntries(Object.entries(r.slowestCalls).map(([k, v]) => [k, Math.round(v)])))}; ` +
    `long frames ${JSON.stringify(r.frames.longFrames)}`;

  const rows = await paired({
    label: `UI frames, indexing ${windowSize} of ${count} messages`,
    rounds,
    warmup: 1,
    settle: async () => {
      await services.sync.whenIdle(accountId);
      await resetView(page, count);
    },
    baseline: async () => {
      const r = await interact(deps);
      log(`  baseline: ${detail(r)}`);
      baseline.push(r);
      return r.frames.all.longest;
    },
    ours: async () => {
      cache.db
        .prepare('UPDATE messages SET text_indexed = 0 WHERE uid IN (SELECT value FROM json_each(?))')
        .run(JSON.stringify(newest));
      indexStarted = false;
      doneAt = 0;
      const t0 = performance.now();
      await page.getByTestId('sync-now').click();
      for (let k = 0; !indexStarted; k++) {
        if (k > 60_000) throw new Error('indexing never started');
        await new Promise((resolve) => setTimeout(resolve, 5));
      }
      const r = await interact(deps);
      const covered = indexedCount() < count;
      await services.sync.whenIdle(accountId);
      await syncDone(page);
      // From the click on "sync now" to the sync's end (its last step is the indexing).
      const passMs = doneAt - t0;
      const rate = (r.indexed * 1000) / r.ms;
      log(
        `  ours: indexing ${rate.toFixed(0)} messages/s during the interaction (${r.indexed} in ${(r.ms / 1000).toFixed(1)} s; ` +
          `fling ${((r.indexedInFling * 1000) / r.flingMs).toFixed(0)}/s), the pass ${((windowSize * 1000) / passMs).toFixed(0)}/s` +
          `${covered ? '' : ' — INDEXING ENDED BEFORE THE INTERACTION: use more --messages'}; ${detail(r)}`,
      );
      ours.push({ ...r, passMs, passRate: (windowSize * 1000) / passMs, covered });
      return r.frames.all.longest;
    },
  });
  // The warm-up round's measurements come first: drop them.
  baseline.shift();
  ours.shift();
  await page.screenshot({ path: join(ROOT, 'test-artifacts/screenshots/bench-indexing-ui.png') });
  await context.close();
  writeSection(
    values.out,
    indexingUiSection({
      title: TITLE,
      count,
      windowSize,
      rounds,
      scrollRows,
      query: QUERY,
      cores: availableParallelism(),
      rows,
      baseline,
      ours,
    }),
    TITLE,
  );
  log(`indexing UI bench: written to ${values.out}`);
} finally {
  await browser.close();
  await web.close();
  await services.dispose();
  await stack.stop();
  profile.cleanup();
}
