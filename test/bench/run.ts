// Benchmarks (not tests): the app's reading path against a minimal raw imapflow
// baseline on the same real Dovecot, measured in the same run. Prints ratios;
// never fails on timing. Run: npm run bench [-- --messages N]
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import { ImapFlow } from 'imapflow';
import { createAppServices } from '../../electron/services/app-services.ts';
import { nullLogger } from '../../electron/services/logging/logger.ts';
import { startMailStack } from '../stack/mail-stack.ts';
import { MemorySecretStore } from '../support/memory-secret-store.ts';
import { tempDir } from '../support/temp-dir.ts';
import { UNIT_EMAIL, UNIT_FOLDERS, directive, draftFor, passwordOf } from '../support/fixtures.ts';

const { values } = parseArgs({
  options: { messages: { type: 'string', default: '2000' }, rounds: { type: 'string', default: '7' } },
});
const MESSAGES = Number(values.messages);
const ROUNDS = Number(values.rounds);

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? NaN;

async function time(fn: () => Promise<unknown>): Promise<number> {
  const t0 = performance.now();
  await fn();
  return performance.now() - t0;
}

const stack = await startMailStack({ folders: { [UNIT_EMAIL]: UNIT_FOLDERS } });
const profile = tempDir('um-bench-');
try {
  const password = passwordOf(stack, UNIT_EMAIL);
  const raw = new ImapFlow({
    host: stack.host,
    port: stack.imapsPort,
    secure: true,
    tls: { ca: [stack.caPem] },
    auth: { user: UNIT_EMAIL, pass: password },
    logger: false,
  });
  await raw.connect();
  process.stderr.write(`seeding ${MESSAGES} messages…\n`);
  for (let i = 0; i < MESSAGES; i++) {
    const day = String(1 + (i % 28)).padStart(2, '0');
    await raw.append(
      'INBOX',
      directive(
        `Công văn số ${i}/UBND-VX về việc triển khai nhiệm vụ`,
        `Nội dung ${i}`,
        'lanhdao@binhphuoc.gov.vn',
        `${day} Nov 2026 08:00:00 +0700`,
      ),
    );
  }

  const secrets = new MemorySecretStore();
  const services = createAppServices({
    profileDir: profile.dir,
    secrets,
    logger: nullLogger,
    dialogs: { pickCaFile: async () => null },
    openExternal: async () => {},
    appVersion: 'bench',
    platform: process.platform,
  });
  const account = await services.accounts.add(
    draftFor(stack, UNIT_EMAIL, { imap: { host: stack.host, port: stack.imapsPort, security: 'tls' } }),
    password,
  );
  await services.mail.folders(account.id); // warm the pooled connection, as the app would be

  const cases: Array<{ name: string; ours: () => Promise<unknown>; baseline: () => Promise<unknown> }> = [
    {
      name: 'list folders with counts',
      ours: () => services.mail.folders(account.id),
      baseline: () => raw.list({ statusQuery: { messages: true, unseen: true } }),
    },
    {
      name: 'newest 100 message summaries',
      ours: () => services.mail.messages(account.id, 'INBOX', 100),
      baseline: async () => {
        const lock = await raw.getMailboxLock('INBOX', { readOnly: true });
        try {
          const exists = raw.mailbox ? raw.mailbox.exists : 0;
          const out = [];
          for await (const m of raw.fetch(`${Math.max(1, exists - 99)}:*`, {
            uid: true,
            flags: true,
            envelope: true,
            size: true,
            bodyStructure: true,
            internalDate: true,
          }))
            out.push(m);
          return out;
        } finally {
          lock.release();
        }
      },
    },
    {
      name: 'open one message (fetch + parse)',
      ours: () => services.mail.message(account.id, 'INBOX', 1),
      baseline: async () => {
        const lock = await raw.getMailboxLock('INBOX', { readOnly: true });
        try {
          return await raw.fetchOne('1', { source: true }, { uid: true });
        } finally {
          lock.release();
        }
      },
    },
  ];

  const rows: string[] = [];
  for (const c of cases) {
    const ours: number[] = [];
    const base: number[] = [];
    await c.baseline();
    await c.ours();
    // Alternate which side goes first so neither always gets the warmer server cache.
    for (let r = 0; r < ROUNDS; r++) {
      if (r % 2 === 0) {
        base.push(await time(c.baseline));
        ours.push(await time(c.ours));
      } else {
        ours.push(await time(c.ours));
        base.push(await time(c.baseline));
      }
    }
    const o = median(ours);
    const b = median(base);
    rows.push(`| ${c.name} | ${b.toFixed(1)} ms | ${o.toFixed(1)} ms | ${(b / o).toFixed(2)}× |`);
  }
  console.log(`\nReading path, ${MESSAGES} messages in INBOX, median of ${ROUNDS} rounds (real Dovecot on loopback)\n`);
  console.log('| operation | raw imapflow baseline | unit-mailbox | speed vs baseline (higher is better) |');
  console.log('|---|---|---|---|');
  for (const row of rows) console.log(row);
  await raw.logout();
  await services.mail.pool.closeAll();
  await services.accounts.remove(account.id);
} finally {
  await stack.stop();
  profile.cleanup();
}
