// The chain heads leave the mailbox (issue 15, "Where it lives"): every `everyDays` days, for
// each unit mailbox in this profile, a message to the address the IT Centre sets in policy whose
// body is the canonical JSON of {mailbox, ledger head, audit head, counts, at}, with that JSON
// and its detached CMS signature (the user's own identity) attached. It goes through the outbox,
// so it is durable and retried. The owner of the mailbox can still rewrite its records, but no
// longer the heads the IT Centre holds. Due times come from the injected clock: `runDue()` does
// one round; `start()` repeats it and the returned task is disposed by the owner.
import { z } from 'zod';
import { composeInputSchema, type ComposeParsed } from '../../../../shared/compose.ts';
import type { HandoverChainHead, HandoverLedgerSummary } from '../../../../shared/handover-ledger.ts';
import type { Clock } from '../../clock/clock.ts';
import { DAY_MS } from '../../clock/clock.ts';
import { signDetached } from '../../cms/cms.ts';
import { canonicalJson } from '../../delegation/canonical-json.ts';
import type { Signer } from '../../identity/signer.ts';
import { startRepeating, type RepeatingTask } from '../../lifecycle/repeating-task.ts';
import type { Logger } from '../../logging/logger.ts';
import type { ChainReportPolicy } from '../../policy/chain-report-policy.ts';
import type { SettingsRepository } from '../../settings/settings-repository.ts';

export const CHAIN_REPORT_FORMAT = 'unit-mailbox-chain-report/1';
export const CHAIN_REPORT_JSON = 'chain-report.json';
export const CHAIN_REPORT_SIGNATURE = 'chain-report.json.p7s';

export interface ChainReportDeps {
  clock: Clock;
  policy: () => Promise<ChainReportPolicy | null>;
  /** The unit mailboxes of this profile (their owners' accounts). */
  units: () => Array<{ id: string; email: string }>;
  /** The ledger and audit of a unit mailbox, chains checked (read over IMAP). */
  readChains: (accountId: string, now: Date) => Promise<HandoverLedgerSummary>;
  /** The user's signing identity; null when this profile has none (nothing is sent). */
  signer: () => Promise<Signer | null>;
  /** The outbox: durable, retried. */
  queue: (input: ComposeParsed) => Promise<{ messageId: string }>;
  settings: SettingsRepository;
  logger: Logger;
}

export interface ChainReportBody {
  format: typeof CHAIN_REPORT_FORMAT;
  mailbox: string;
  at: string;
  ledger: ChainFacts;
  audit: ChainFacts;
  counts: { ledgerRecords: number; auditRecords: number; entries: number; open: number };
}

interface ChainFacts {
  head: string | null;
  seq: number | null;
  uid: number | null;
  uidValidity: number | null;
  tips: string[];
  intact: boolean;
}

export interface ChainReportSent {
  accountId: string;
  mailbox: string;
  messageId: string;
  body: ChainReportBody;
}

const facts = (c: HandoverChainHead): ChainFacts => ({
  head: c.head,
  seq: c.headSeq,
  uid: c.headUid,
  uidValidity: c.uidValidity,
  tips: c.tips,
  intact: c.intact,
});

export function chainReportBody(mailbox: string, summary: HandoverLedgerSummary, at: Date): ChainReportBody {
  const { ledger, audit } = summary.chains;
  return {
    format: CHAIN_REPORT_FORMAT,
    mailbox: mailbox.toLowerCase(),
    at: at.toISOString(),
    ledger: facts(ledger),
    audit: facts(audit),
    counts: {
      ledgerRecords: ledger.records,
      auditRecords: audit.records,
      entries: summary.entries,
      open: summary.open,
    },
  };
}

const STATE = 'chainReport';
const stateSchema = z.record(z.string(), z.string());

export class ChainReporter {
  private readonly deps: ChainReportDeps;
  private running: Promise<ChainReportSent[]> | null = null;

  constructor(deps: ChainReportDeps) {
    this.deps = deps;
  }

  /** When the mailbox's last report was queued (ISO), or null. */
  lastSent(mailbox: string): string | null {
    return this.deps.settings.serviceState(STATE, stateSchema)?.[mailbox.toLowerCase()] ?? null;
  }

  /** One round: a report for every unit mailbox whose last one is `everyDays` old (or that has none). */
  runDue(): Promise<ChainReportSent[]> {
    // Rounds never overlap: a second caller waits for the same round.
    this.running ??= this.round().finally(() => {
      this.running = null;
    });
    return this.running;
  }

  private async round(): Promise<ChainReportSent[]> {
    const policy = await this.deps.policy();
    if (!policy) return [];
    const now = this.deps.clock.now();
    const due = this.deps.units().filter((u) => {
      const last = this.lastSent(u.email);
      return last === null || now.getTime() - Date.parse(last) >= policy.everyDays * DAY_MS;
    });
    if (due.length === 0) return [];
    const signer = await this.deps.signer();
    if (!signer) {
      this.deps.logger.log('warn', 'chain report skipped: no signing identity', { mailboxes: due.length });
      return [];
    }
    const sent: ChainReportSent[] = [];
    for (const unit of due) {
      try {
        sent.push(await this.send(unit, policy, signer, now));
      } catch (e) {
        this.deps.logger.log('warn', 'chain report failed', { mailbox: unit.email, detail: (e as Error).message });
      }
    }
    return sent;
  }

  private async send(
    unit: { id: string; email: string },
    policy: ChainReportPolicy,
    signer: Signer,
    now: Date,
  ): Promise<ChainReportSent> {
    const body = chainReportBody(unit.email, await this.deps.readChains(unit.id, now), now);
    const json = canonicalJson(body);
    const bytes = Buffer.from(json, 'utf8');
    const signature = await signDetached(new Uint8Array(bytes), signer, { signingTime: now });
    const input = composeInputSchema.parse({
      accountId: unit.id,
      to: [policy.to],
      subject: `[Chuỗi băm] Sổ đăng ký và nhật ký hộp thư ${body.mailbox}`,
      text: json,
      attachments: [
        { kind: 'data', name: CHAIN_REPORT_JSON, contentType: 'application/json', base64: bytes.toString('base64') },
        {
          kind: 'data',
          name: CHAIN_REPORT_SIGNATURE,
          contentType: 'application/pkcs7-signature',
          base64: Buffer.from(signature).toString('base64'),
        },
      ],
      // The IT Centre's address comes from its own policy: no confirmation to ask anyone for.
      confirmOutsideDomain: true,
      undoSeconds: 0,
    });
    const queued = await this.deps.queue(input);
    const all = this.deps.settings.serviceState(STATE, stateSchema) ?? {};
    this.deps.settings.saveServiceState(STATE, { ...all, [body.mailbox]: body.at });
    this.deps.logger.log('info', 'chain report queued', { mailbox: body.mailbox, to: policy.to });
    return { accountId: unit.id, mailbox: body.mailbox, messageId: queued.messageId, body };
  }

  /** Repeats `runDue()` every `intervalMs` (the due test uses the clock); dispose the task to stop. */
  start(intervalMs = 60 * 60_000): RepeatingTask {
    return startRepeating(
      async () => {
        await this.runDue();
      },
      {
        intervalMs,
        onError: (e) => this.deps.logger.log('warn', 'chain report round failed', { detail: (e as Error).message }),
      },
    );
  }
}
