// The handover as the app and the CLI use it: export (outgoing head), verify (anyone),
// accept / diff / restore (incoming head). Wires the account, the keychain-held identity,
// the delegation register and the cache into the bag code, which knows none of them.
import { createHash } from 'node:crypto';
import { access, readFile } from 'node:fs/promises';
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import type { ImapFlow } from 'imapflow';
import type { AcceptResult, PackageDiff, PackageMessageRow, RestoreResult } from '../../../shared/handover-accept.ts';
import type { HandoverProgress, VerifyReport } from '../../../shared/handover.ts';
import type { AccountService } from '../accounts/account-service.ts';
import { decodeCredential, encodeCredential } from '../accounts/sealed-credential.ts';
import type { CacheRegistry } from '../cache/cache-registry.ts';
import { openEnvelope } from '../cms/cms.ts';
import { AppError, isAppError } from '../errors/app-error.ts';
import { certificateInfo, parseCertificates } from '../identity/certificates.ts';
import type { IdentityService } from '../identity/identity-service.ts';
import type { CertificateInfo } from '../identity/signer.ts';
import { connectImap, type ImapCredentials } from '../imap/imap-connection.ts';
import type { Logger } from '../logging/logger.ts';
import { ensureRecordTree, appendRecord } from '../records/record-folder.ts';
import { buildRecordMessage } from '../records/record-message.ts';
import { buildStatement, signReceipt, storeReceipt } from './accept/acceptance-receipt.ts';
import { diffPackage } from './accept/package-diff.ts';
import { KeptPackageIndex } from './accept/kept-index.ts';
import { packageMessages } from './accept/package-messages.ts';
import { OpenedBags } from './accept/opened-bags.ts';
import { openItemsReminder, readPackageLedger } from './accept/package-ledger.ts';
import { restoreMissing } from './accept/restore.ts';
import { BAG_FILES, STATE_DIR } from './bag/bag-layout.ts';
import { exportHandover, type ExportOptions, type ExportResult } from './export/export-handover.ts';
import type { RegisterFile } from './export/finalize.ts';
import { ExportState } from './export/export-state.ts';
import { emptyRegisters } from './export/registers.ts';
import type { RecordParty } from './record/record-types.ts';
import type { OpenedBag } from './verify/open-bag.ts';
import { verifyBag, verifyOpenedBag, type VerifyOptions } from './verify/verify-bag.ts';
import type { Clock } from '../clock/clock.ts';
import type { AuditSink } from '../audit/audit-sink.ts';

export interface HandoverServiceDeps {
  accounts: AccountService;
  identity: IdentityService;
  caches: CacheRegistry;
  logger: Logger;
  fontsDir: string;
  appVersion: string;
  /** The delegation register and friends for data/registers/ (empty files with headers without it). */
  registers?: (accountId: string) => Promise<RegisterFile[]>;
  /** Addresses holding delegated rights on the mailbox, for the reminder after acceptance. */
  activeDelegates?: (accountId: string) => Promise<string[]>;
  /** Fetch threads for the export (see export/fetch-worker.ts); without it the export fetches in-process. */
  exportWorkerUrl?: URL | undefined;
  /** Logical CPUs (default os.availableParallelism()): fetch threads are used from 4 on. */
  cpus?: number;
  /** What "now" is for validity, record dates and signing times. */
  clock: Clock;
  /** Exports and acceptances are recorded in the unit mailbox's audit log. */
  audit?: AuditSink;
}

export interface ExportRequest {
  accountId: string;
  /** PEM or DER of the incoming head's certificate. */
  recipientCertificate: Uint8Array;
  outDir: string;
  tar?: boolean;
  witness?: string;
  place?: string;
}

export interface JobOptions {
  signal?: AbortSignal;
  onProgress?: (p: HandoverProgress) => void;
}

const DEFAULT_PLACE = 'Bình Phước';
const DONE_FOLDER = /(^|[/.])đã xử lý$/iu;

export class HandoverService {
  private readonly deps: HandoverServiceDeps;
  /** The package being accepted, a .tar extracted once for all the calls on it. */
  private readonly bags = new OpenedBags();
  /** Its index (folders and messages), read once for the comparison, its lists and the restore. */
  private readonly indexes = new KeptPackageIndex();

  constructor(deps: HandoverServiceDeps) {
    this.deps = deps;
  }

  /** Removes the extraction of the last .tar package opened. */
  dispose(): Promise<void> {
    this.indexes.clear();
    return this.bags.dispose();
  }

  private now(): Date {
    return this.deps.clock.now();
  }

  /**
   * Where the export reads and parses messages (a writer thread writes and hashes them in every
   * case). With 4 or more CPUs: in fetch threads, beside the thread that runs the app (or the
   * CLI) and journals. With fewer, in that thread: where the server shares the machine it takes
   * the other CPU, and fetch threads cost memory without saving time (BENCHMARKS.md).
   */
  private fetchThreads(imap: ImapCredentials): Pick<ExportOptions, 'fetchThreads'> {
    const url = this.deps.exportWorkerUrl;
    const cpus = this.deps.cpus ?? availableParallelism();
    return url && cpus >= 4
      ? { fetchThreads: { workerUrl: url, imap, threads: Math.min(4, Math.floor(cpus / 2)) } }
      : {};
  }

  /** Reads the incoming head's certificate and says whether a credential can be sealed to it. */
  recipientInfo(bytes: Uint8Array): CertificateInfo {
    const [der] = parseCertificates(bytes);
    return certificateInfo(der as Uint8Array);
  }

  /** An unfinished export in `outDir` (resumable), with how many messages are already done. */
  async pendingExport(outDir: string): Promise<{ messagesDone: number } | null> {
    const hasState = await access(join(outDir, STATE_DIR)).then(
      () => true,
      () => false,
    );
    if (!hasState) return null;
    const state = new ExportState(outDir);
    let messagesDone = 0;
    for (const folderId of await state.journalFolders()) messagesDone += (await state.journaledUids(folderId)).length;
    return { messagesDone };
  }

  async export(req: ExportRequest, opts: JobOptions = {}): Promise<ExportResult> {
    const { accounts, identity } = this.deps;
    const recipientDer = parseCertificates(req.recipientCertificate)[0] as Uint8Array;
    const recipient = certificateInfo(recipientDer);
    const me = await identity.current();
    if (!me) throw new AppError('IDENTITY_MISSING', 'no signing identity in this profile');
    if (recipient.sha256Fingerprint === me.info.sha256Fingerprint)
      throw new AppError('CERTIFICATE_INVALID', 'the recipient certificate is the outgoing head’s own', {
        messageVi: 'Chứng thư của bên nhận trùng với chứng thư của chính bạn. Hãy chọn chứng thư của người kế nhiệm.',
      });
    const signer = await identity.signer();
    const { account, imap } = await accounts.credentials(req.accountId);
    const registers =
      (await this.deps.registers?.(account.id).catch((e: unknown) => {
        this.deps.logger.log('warn', 'handover: registers unavailable', { detail: (e as Error).message });
        return null;
      })) ?? emptyRegisters();
    const result = await exportHandover({
      clock: this.deps.clock,
      connect: () => connectImap(imap),
      ...this.fetchThreads(imap),
      mailbox: account.email,
      outDir: req.outDir,
      tar: req.tar === true,
      signer,
      recipientCertificate: recipientDer,
      credential: encodeCredential(account, imap.password, {
        purpose: 'handover',
        sealedTo: recipient.sha256Fingerprint,
        at: this.now(),
      }),
      parties: {
        unit: me.info.organization ?? account.displayName,
        place: req.place?.trim() || DEFAULT_PLACE,
        outgoing: party(me.info),
        incoming: party(recipient),
        witness: req.witness?.trim() ? { name: req.witness.trim() } : null,
      },
      registers: mergeRegisters(registers),
      openDirectives: this.openDirectives(account.id),
      fontsDir: this.deps.fontsDir,
      softwareVersion: this.deps.appVersion,
      imapSource: { user: imap.username, host: imap.server.host },
      ...(opts.signal ? { signal: opts.signal } : {}),
      ...(opts.onProgress ? { onProgress: opts.onProgress } : {}),
    });
    const { messages, tagmanifestSha256, consistent } = result;
    const details = { messages, tagmanifestSha256, consistent, recipient: recipient.sha256Fingerprint };
    await this.deps.audit?.record(account.id, null, [{ kind: 'export', details }]);
    return result;
  }

  /** `expectSigner`: the fingerprint of the certificate the verifier expects (pins the signer). */
  async verify(
    path: string,
    opts: JobOptions & { caPem?: string | Uint8Array; expectSigner?: string } = {},
  ): Promise<VerifyReport> {
    return verifyBag(path, verifyOptions(opts, this.deps.clock));
  }

  /** Compares the package with the live mailbox of an account already in this app. */
  async diff(path: string, accountId: string): Promise<PackageDiff> {
    return this.withBag(path, async ({ dir }) => {
      const index = await this.indexes.read(dir);
      return this.withClient(accountId, (client) => diffPackage(index, client));
    });
  }

  /** The package's messages of a folder by UID, decoded from its files (accept/package-messages.ts). */
  async packageMessages(path: string, folder: string, uids: readonly number[]): Promise<PackageMessageRow[]> {
    return this.withBag(path, async ({ dir }) => packageMessages(dir, await this.indexes.read(dir), folder, uids));
  }

  /** Puts back what the server lost since the handover (flags and INTERNALDATE kept). */
  async restore(path: string, accountId: string, opts: JobOptions = {}): Promise<RestoreResult> {
    return this.withBag(path, async ({ dir }) => {
      const index = await this.indexes.read(dir);
      return this.withClient(accountId, async (client) => {
        const diff = await diffPackage(index, client);
        return restoreMissing(dir, index, diff, client, restoreProgress(opts));
      });
    });
  }

  /**
   * The incoming head takes the mailbox over: verify, unseal the credential with their own
   * key, store the account (password into their keychain), compare, optionally restore, and
   * countersign a receipt into seal/ and into the mailbox's record folder.
   */
  async accept(
    path: string,
    req: { accountEmail: string; restore?: boolean },
    opts: JobOptions & { caPem?: string | Uint8Array; expectSigner?: string } = {},
  ): Promise<AcceptResult> {
    // One opening for verification and acceptance: a .tar is extracted once.
    return this.withBag(path, async (bag) => {
      const { dir } = bag;
      const verification = await verifyOpenedBag(bag, path, verifyOptions(opts, this.deps.clock));
      if (!verification.valid) {
        const first = verification.problems[0];
        throw new AppError(
          'PACKAGE_INVALID',
          `the package does not verify (${verification.problems.length} problems${first ? `, first: ${first.file}: ${first.detail}` : ''})`,
          { data: { problems: verification.problems.length } },
        );
      }
      const { identity, accounts } = this.deps;
      const me = await identity.current();
      if (!me) throw new AppError('IDENTITY_MISSING', 'no signing identity in this profile');
      const sealed = await readFile(join(dir, BAG_FILES.credential));
      const credential = decodeCredential(
        await openEnvelope(new Uint8Array(sealed), await identity.decryptor()),
        'handover',
      );
      if (credential.account.email.toLowerCase() !== req.accountEmail.trim().toLowerCase())
        throw new AppError(
          'VALIDATION',
          `the package hands over ${credential.account.email}, not ${req.accountEmail}`,
          { messageVi: `Gói này bàn giao hộp thư ${credential.account.email}, không phải ${req.accountEmail}.` },
        );
      const existing = accounts.list().find((a) => a.email.toLowerCase() === credential.account.email.toLowerCase());
      const account = existing
        ? await accounts.update(existing.id, credential.account, credential.password)
        : await accounts.add(credential.account, credential.password);

      const index = await this.indexes.read(dir);
      const ledger = await readPackageLedger(dir);
      const tagmanifest = await readFile(join(dir, BAG_FILES.tagmanifestSha256));
      const tagmanifestSha256 = createHash('sha256').update(tagmanifest).digest('hex');
      const { diff, restore } = await this.withClient(account.id, async (client) => {
        let diff = await diffPackage(index, client);
        let restore: RestoreResult | null = null;
        if (req.restore) {
          // Also with nothing missing: the receipt then says so, and what was left alone and why.
          restore = await restoreMissing(dir, index, diff, client, restoreProgress(opts));
          if (restore.restored > 0) diff = await diffPackage(index, client);
        }
        return { diff, restore };
      });

      const statement = buildStatement({
        mailbox: account.email,
        acceptedAt: this.now(),
        externalIdentifier: index.externalIdentifier,
        tagmanifestSha256,
        verification,
        incoming: me.info,
        diff,
        restore,
      });
      const receipt = await signReceipt(statement, new Uint8Array(tagmanifest), await identity.signer());
      const files = await storeReceipt(path, receipt);
      await this.bags.appended(path, receipt.files);
      let mailboxFolder: string | null = null;
      let mailboxError: string | null = null;
      try {
        mailboxFolder = await this.withClient(account.id, async (client) => {
          const tree = await ensureRecordTree(client);
          const message = buildRecordMessage({
            from: account.email,
            subject: `[Bàn giao] Biên nhận tiếp nhận hộp thư ${account.email}`,
            date: new Date(statement.acceptedAt),
            note:
              `Biên nhận tiếp nhận hộp thư ${account.email} của ${me.info.commonName}.\n` +
              `Gói bàn giao: tagmanifest SHA-256 ${tagmanifestSha256}.\n` +
              `Tệp record.json là nội dung biên nhận; record.json.p7s là chữ ký số (CMS) của bên nhận.`,
            json: receipt.statementBytes,
            signature: receipt.statementSignature,
            headers: { 'X-Unit-Mailbox-Record': 'handover; acceptance' },
          });
          await appendRecord(client, tree.paths.handover, message, new Date(statement.acceptedAt));
          return tree.paths.handover;
        });
      } catch (e) {
        // The receipt is already in the package; the mailbox copy can be retried later.
        mailboxError = isAppError(e) ? e.detail : (e as Error).message;
        this.deps.logger.log('warn', 'handover: receipt not stored in the mailbox', { detail: mailboxError });
      }
      const accepted = { tagmanifestSha256, missing: diff.totals.missing, restored: restore !== null, mailboxError };
      await this.deps.audit?.record(account.id, null, [{ kind: 'accept', details: accepted }]);
      const delegates = (await this.deps.activeDelegates?.(account.id).catch(() => [])) ?? [];
      const openItems = openItemsReminder(ledger);
      const reminders = [
        ...(openItems ? [openItems] : []),
        'Đề nghị Trung tâm Công nghệ thông tin đặt lại mật khẩu hộp thư ngay, rồi cập nhật mật khẩu mới trong ứng dụng.',
        delegates.length > 0
          ? `Rà soát ủy quyền của người tiền nhiệm: ${delegates.length} cán bộ đang có quyền (${delegates.join(', ')}). Thu hồi những ủy quyền không còn cần.`
          : 'Rà soát ủy quyền của người tiền nhiệm (mục Ủy quyền) và thu hồi những ủy quyền không còn cần.',
        ...(diff.totals.missing > 0
          ? [`Còn ${diff.totals.missing} thư có trong gói nhưng không còn trên máy chủ: có thể khôi phục từ gói.`]
          : []),
      ];
      return {
        verification,
        accountId: account.id,
        email: account.email,
        replacedExisting: existing !== undefined,
        diff,
        restore,
        receipt: { files, mailboxFolder, mailboxError, statementSha256: receipt.statementSha256 },
        ledger,
        activeDelegates: delegates,
        reminders,
      };
    });
  }

  /** Open directives: directives in the cache not yet answered or filed as processed; null before any sync. */
  private openDirectives(accountId: string): number | null {
    try {
      const cache = this.deps.caches.get(accountId);
      if (cache.folders().length === 0) return null;
      return cache
        .directives(100_000)
        .filter(
          (d) => !d.flags.includes('\\Answered') && !d.flags.includes('$Processed') && !DONE_FOLDER.test(d.folder),
        ).length;
    } catch {
      return null;
    }
  }

  private async withBag<T>(path: string, work: (bag: OpenedBag) => Promise<T>): Promise<T> {
    return work(await this.bags.open(path));
  }

  private async withClient<T>(accountId: string, work: (client: ImapFlow) => Promise<T>): Promise<T> {
    const { imap } = await this.deps.accounts.credentials(accountId);
    const client = await connectImap(imap);
    try {
      return await work(client);
    } finally {
      await client.logout().catch(() => client.close());
    }
  }
}

function verifyOptions(
  opts: JobOptions & { caPem?: string | Uint8Array; expectSigner?: string },
  clock: Clock,
): VerifyOptions {
  const trusted = opts.caPem
    ? parseCertificates(typeof opts.caPem === 'string' ? new TextEncoder().encode(opts.caPem) : opts.caPem)
    : [];
  return {
    clock,
    trustedCertificates: trusted,
    ...(opts.expectSigner ? { expectSigner: opts.expectSigner } : {}),
    ...(opts.signal ? { signal: opts.signal } : {}),
    ...(opts.onProgress ? { onProgress: opts.onProgress } : {}),
  };
}

/** Restore progress as handover progress (messages; bytes are not known ahead). */
function restoreProgress(opts: JobOptions): {
  signal?: AbortSignal;
  onProgress?: (done: number, total: number) => void;
} {
  const started = performance.now();
  const onProgress = opts.onProgress;
  return {
    ...(opts.signal ? { signal: opts.signal } : {}),
    ...(onProgress
      ? {
          onProgress: (done: number, total: number) => {
            const rate = done / Math.max(1, performance.now() - started);
            onProgress({
              phase: done >= total ? 'done' : 'messages',
              messagesDone: done,
              messagesTotal: total,
              bytesDone: 0,
              bytesTotal: 0,
              etaSeconds: done > 0 ? Math.round((total - done) / rate / 1000) : null,
            });
          },
        }
      : {}),
  };
}

function party(info: CertificateInfo): RecordParty {
  return {
    name: info.commonName,
    title: info.title ?? '',
    unit: info.organization ?? '',
    email: info.email ?? '',
    certificateSha256: info.sha256Fingerprint,
  };
}

/** Registers from the services, completed with empty ones so all three files are always present. */
function mergeRegisters(given: RegisterFile[]): RegisterFile[] {
  const byName = new Map(emptyRegisters().map((r) => [r.fileName, r]));
  for (const r of given) byName.set(r.fileName, r);
  return [...byName.values()];
}
