// The chain heads leave the mailbox: with the IT Centre's policy `chainReport: { to, everyDays }`,
// a report is queued when the injected clock reaches the schedule, delivered by the outbox through
// the real Postfix to the IT Centre's mailbox, and its detached CMS signature verifies with
// openssl over the canonical JSON it carries; its heads are the newest records on the server.
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ImapFlow } from 'imapflow';
import { simpleParser } from 'mailparser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DAY_MS, ManualClock } from '../../electron/services/clock/clock.ts';
import {
  CHAIN_REPORT_JSON,
  CHAIN_REPORT_SIGNATURE,
  type ChainReportBody,
} from '../../electron/services/ledger/chain-report/chain-report.ts';
import {
  createChainReport,
  type ChainReportServices,
} from '../../electron/services/ledger/chain-report/chain-report-services.ts';
import { DisposableStore } from '../../electron/services/lifecycle/disposable.ts';
import { nullLogger } from '../../electron/services/logging/logger.ts';
import { loadSendPolicy } from '../../electron/services/policy/send-policy-file.ts';
import { parseRecordMessage } from '../../electron/services/records/record-message.ts';
import { startMailStack, type MailStack, type StackUser } from '../stack/mail-stack.ts';
import { connectOther } from '../support/fixtures.ts';
import { incoming, ledgerPc, stopPcs, type LedgerPc } from '../support/ledger-sides.ts';
import { tempDir } from '../support/temp-dir.ts';

const UNIT: StackUser = { email: 'chuoi.vp@binhphuoc.gov.vn', password: 'ChuoiVp#2026!' };
const ITC: StackUser = { email: 'chuoi.ttcntt@binhphuoc.gov.vn', password: 'ChuoiTt#2026!' };
const SUBJECT = 'Sổ đăng ký và nhật ký hộp thư';

let stack: MailStack;
let head: LedgerPc;
let unitRaw: ImapFlow;
let itRaw: ImapFlow;
let chain: ChainReportServices;
let work: { dir: string; cleanup: () => void };
const lifetime = new DisposableStore();
const clock = new ManualClock(Date.now());

/** The reports in the IT Centre's INBOX, polled until `count` have arrived. */
async function reportsArrived(count: number): Promise<Buffer[]> {
  for (;;) {
    const lock = await itRaw.getMailboxLock('INBOX', { readOnly: true });
    try {
      await itRaw.noop();
      const found = await itRaw.search({ subject: SUBJECT }, { uid: true });
      const uids = Array.isArray(found) ? found : [];
      if (uids.length >= count) {
        const out: Buffer[] = [];
        for await (const m of itRaw.fetch(uids.join(','), { uid: true, source: true }, { uid: true }))
          if (m.source) out.push(m.source);
        return out;
      }
    } finally {
      lock.release();
    }
    await new Promise((r) => setTimeout(r, 200));
  }
}

async function newestRecord(folder: string): Promise<string> {
  await unitRaw.mailboxOpen(folder, { readOnly: true });
  const last = await unitRaw.fetchOne('*', { source: true });
  if (!last || !last.source) throw new Error(`${folder} is empty`);
  return createHash('sha256')
    .update((await parseRecordMessage(last.source)).json)
    .digest('hex');
}

beforeAll(async () => {
  work = tempDir('um-chain-report-');
  stack = await startMailStack({ users: [UNIT, ITC] });
  unitRaw = await connectOther(stack, UNIT.email);
  itRaw = await connectOther(stack, ITC.email);
  head = await ledgerPc(stack, UNIT.email, { kind: 'unit', name: 'Nguyễn Văn Chuỗi', tag: 'chain-head', clock });
  for (const [i, subject] of ['Công văn số 5/UBND-VX khẩn', 'Quyết định số 6/QĐ-UBND'].entries()) {
    await stack.appendMessage(UNIT.email, 'INBOX', incoming(UNIT.email, subject, `chain-${i + 1}`));
  }
  await unitRaw.mailboxOpen('INBOX', { readOnly: true });
  const uids = (await unitRaw.search({ all: true }, { uid: true })) || [];
  for (const uid of uids) await head.ledger.register(head.accountId, { folder: 'INBOX', uid });
  const policyFile = join(work.dir, 'send-policy.json');
  writeFileSync(policyFile, JSON.stringify({ version: 1, chainReport: { to: ITC.email, everyDays: 7 } }));
  chain = createChainReport({
    accounts: head.services.accounts,
    identity: head.services.identity,
    settings: head.services.settings,
    clock,
    logger: nullLogger,
    sendPolicy: () => loadSendPolicy(policyFile),
    outbox: head.services.outbox,
    lifetime,
  });
}, 180_000);

afterAll(async () => {
  await lifetime.dispose();
  await unitRaw?.logout().catch(() => undefined);
  await itRaw?.logout().catch(() => undefined);
  await stopPcs([head]);
  await stack?.stop();
  work?.cleanup();
});

function parts(source: Buffer) {
  return simpleParser(source).then((m) => ({
    text: m.text ?? '',
    json: m.attachments.find((a) => a.filename === CHAIN_REPORT_JSON)?.content,
    signature: m.attachments.find((a) => a.filename === CHAIN_REPORT_SIGNATURE)?.content,
  }));
}

describe('the chain report (real Dovecot and Postfix)', { timeout: 180_000 }, () => {
  let firstHead = '';

  it('queues a signed report of both heads at once, delivered through Postfix; openssl verifies it', async () => {
    const sent = await chain.reporter.runDue();
    expect(sent).toHaveLength(1);
    const body = sent[0]?.body as ChainReportBody;
    firstHead = await newestRecord('UnitMailbox/Ledger');
    expect(body).toMatchObject({
      mailbox: UNIT.email,
      at: clock.now().toISOString(),
      ledger: { head: firstHead, intact: true },
      counts: { ledgerRecords: 2, entries: 2, open: 2 },
    });
    expect((await head.services.outbox.flush(head.accountId)).sent).toBe(1);

    const [source] = await reportsArrived(1);
    const { text, json, signature } = await parts(source as Buffer);
    if (!json || !signature) throw new Error('the report lacks its JSON or its signature');
    expect(JSON.parse(json.toString('utf8'))).toEqual(body);
    expect(text.trim()).toBe(json.toString('utf8'));
    const jsonFile = join(work.dir, 'report.json');
    const sigFile = join(work.dir, 'report.json.p7s');
    writeFileSync(jsonFile, json);
    writeFileSync(sigFile, signature);
    const args = ['cms', '-verify', '-binary', '-inform', 'DER', '-in', sigFile, '-content', jsonFile];
    const ok = spawnSync('openssl', [...args, '-noverify', '-out', '/dev/null'], { encoding: 'utf8' });
    expect(ok.status, ok.stderr).toBe(0);
    // A changed byte fails the signature (exit 4).
    writeFileSync(jsonFile, json.toString('utf8').replace(firstHead, '0'.repeat(64)));
    const bad = spawnSync('openssl', [...args, '-noverify', '-out', '/dev/null'], { encoding: 'utf8' });
    expect(bad.status).toBe(4);
  });

  it('sends nothing before `everyDays` have passed on the clock, then the new head', async () => {
    expect(await chain.reporter.runDue()).toEqual([]);
    clock.advance(6 * DAY_MS);
    expect(await chain.reporter.runDue()).toEqual([]);

    // The ledger moves on: the next report carries the new head.
    const entry = (await head.ledger.book(head.accountId)).entries[0];
    if (!entry) throw new Error('no entry');
    await head.ledger.assign(head.accountId, { year: entry.year, number: entry.number }, { to: ITC.email });
    clock.advance(DAY_MS);
    const sent = await chain.reporter.runDue();
    expect(sent).toHaveLength(1);
    const newHead = await newestRecord('UnitMailbox/Ledger');
    expect(newHead).not.toBe(firstHead);
    expect(sent[0]?.body.ledger.head).toBe(newHead);
    expect(chain.reporter.lastSent(UNIT.email)).toBe(clock.now().toISOString());
    await head.services.outbox.flush(head.accountId);
    const all = await reportsArrived(2);
    const bodies = await Promise.all(all.map(async (s) => JSON.parse((await parts(s)).json!.toString('utf8'))));
    expect(bodies.map((b: ChainReportBody) => b.ledger.head)).toEqual(expect.arrayContaining([firstHead, newHead]));
  });
});
