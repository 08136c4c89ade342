// Sending benchmarks (not tests; timings never fail anything), against the private real Postfix
// and Dovecot, with the house rule of rounds.ts (≥ 5 rounds, order alternating, every round
// printed, the median with its spread):
//  - "Gửi" → outbox commit: OutboxService.queue (recipients and policy checked, MIME built,
//    committed with synchronous = FULL) vs the baseline of building the same message with
//    nodemailer's MailComposer and writing it to a file with fsync: the same work with no checks.
//    Target (issue 14): commit ≤ 50 ms.
//  - "Gửi" → SMTP acceptance: queue + delivery + the Sent copy vs nodemailer's own
//    transporter.sendMail of the same message to the same Postfix (no outbox, no copy).
// Writes its section of BENCHMARKS.md (or --out).
//   node test/bench/send-bench.ts [--rounds R --attachment-kb N --out FILE]
import { closeSync, fsyncSync, openSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { randomBytes } from 'node:crypto';
import nodemailer from 'nodemailer';
import MailComposer from 'nodemailer/lib/mail-composer';
import { composeInputSchema } from '../../shared/compose.ts';
import { startMailStack } from '../stack/mail-stack.ts';
import { draftFor, passwordOf } from '../support/fixtures.ts';
import { tempDir } from '../support/temp-dir.ts';
import { table, writeSection } from './handover/report.ts';
import { absoluteCell, fmtMs, log, paired, ratioCell, roundsArg, sideCell, timed } from './rounds.ts';
import { benchServices } from './bench-services.ts';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const TITLE = '## Gửi thư / Sending';
const { values } = parseArgs({
  options: {
    rounds: { type: 'string', default: '5' },
    'attachment-kb': { type: 'string', default: '1024' },
    out: { type: 'string', default: join(ROOT, 'BENCHMARKS.md') },
  },
});
const rounds = roundsArg(values.rounds);
const attachment = randomBytes(Number(values['attachment-kb']) * 1024);
const FROM = 'vpbench@binhphuoc.gov.vn';
const TO = 'nhan@binhphuoc.gov.vn';

const stack = await startMailStack({
  users: [
    { email: FROM, password: 'VpBench#2026!' },
    { email: TO, password: 'Nhan#2026!' },
  ],
});
const profile = tempDir('um-send-bench-');
const services = benchServices(profile.dir);
try {
  const account = await services.accounts.add(draftFor(stack, FROM), passwordOf(stack, FROM));
  const message = (k: number) => ({
    subject: `Công văn số ${k}/UBND-VP về việc triển khai kế hoạch`,
    text: 'Kính gửi các phòng,\n\nĐề nghị triển khai và báo cáo kết quả trước ngày 15/12.\n\nTrân trọng.',
    html: '<p>Kính gửi các phòng,</p><p>Đề nghị <b>triển khai</b> và báo cáo kết quả trước ngày 15/12.</p>',
  });
  const input = (k: number) =>
    composeInputSchema.parse({
      accountId: account.id,
      to: [TO],
      ...message(k),
      attachments: [{ kind: 'data', name: 'Kế hoạch.pdf', base64: attachment.toString('base64') }],
      undoSeconds: 0,
    });

  const commit = await paired({
    label: `"Gửi" → commit, ${values['attachment-kb']} KB attachment`,
    rounds,
    warmup: 1,
    baseline: async (k) => {
      const [ms] = await timed(async () => {
        const raw = await new MailComposer({
          from: FROM,
          to: TO,
          ...message(k),
          attachments: [{ filename: 'Kế hoạch.pdf', content: attachment }],
        })
          .compile()
          .build();
        const fd = openSync(join(profile.dir, `baseline-${k}.eml`), 'w');
        writeSync(fd, raw);
        fsyncSync(fd);
        closeSync(fd);
      });
      return ms;
    },
    ours: async (k) => {
      const [ms, entry] = await timed(() => services.outbox.queue(input(k)));
      services.outbox.remove(account.id, entry.id);
      return ms;
    },
  });

  const { smtp } = await services.accounts.credentials(account.id);
  const transport = nodemailer.createTransport({
    host: smtp.server.host,
    port: smtp.server.port,
    requireTLS: true,
    auth: { user: smtp.username, pass: smtp.password },
    tls: { ca: [stack.caPem] },
  });
  const delivered = await paired({
    label: `"Gửi" → SMTP acceptance, ${values['attachment-kb']} KB attachment`,
    rounds,
    warmup: 1,
    baseline: async (k) =>
      (
        await timed(() =>
          transport.sendMail({
            from: FROM,
            to: TO,
            ...message(k),
            attachments: [{ filename: 'Kế hoạch.pdf', content: attachment }],
          }),
        )
      )[0],
    ours: async (k) =>
      (
        await timed(async () => {
          await services.outbox.queue(input(k));
          const r = await services.outbox.flush(account.id);
          if (r.sent !== 1) throw new Error(`not sent: ${JSON.stringify(r.entries[0]?.lastError)}`);
        })
      )[0],
  });
  transport.close();

  const commitMs = commit.map((r) => r.oursMs);
  writeSection(
    values.out,
    `${TITLE}\n\n\`npm run bench:send\` — ${rounds} rounds, order alternating, against the private Postfix and Dovecot ` +
      '(STARTTLS submission, SASL). Commit: the message checked, built and committed to the outbox with ' +
      '`synchronous = FULL`; acceptance: queue, delivery and the Sent copy.\n\n' +
      table([
        {
          name: `"Gửi" → outbox commit (${values['attachment-kb']} KB attachment)`,
          baseline: `MailComposer + write + fsync: ${sideCell(commit.map((r) => r.baselineMs))}`,
          ours: absoluteCell(commitMs),
          result: `${ratioCell(commit)} (baseline ÷ ours)`,
          target: `≤ 50 ms: ${Math.max(...commitMs) <= 50 ? 'met' : 'not met'} (max ${fmtMs(Math.max(...commitMs))})`,
        },
        {
          name: `"Gửi" → SMTP acceptance + Sent copy (${values['attachment-kb']} KB attachment)`,
          baseline: `nodemailer sendMail: ${sideCell(delivered.map((r) => r.baselineMs))}`,
          ours: sideCell(delivered.map((r) => r.oursMs)),
          result: `${ratioCell(delivered)} (baseline ÷ ours)`,
          target: 'the UI never waits for it (the outbox answers at commit)',
        },
      ]),
    TITLE,
  );
  log(`send bench: written to ${values.out}`);
} finally {
  await services.dispose();
  await stack.stop();
  profile.cleanup();
}
