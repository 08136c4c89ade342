// Verification of a handover bag (directory or .tar) without trusting the exporter: frame,
// tagmanifest, signatures, every payload hash in both manifests, missing and extra files,
// Payload-Oxum, index ↔ files, per-folder counts. Every problem names its file.
import type { HandoverProgress, VerifyReport } from '../../../../shared/handover.ts';
import { AppError } from '../../errors/app-error.ts';
import { BAG_FILES, STATE_DIR } from '../bag/bag-layout.ts';
import { payloadOxum } from '../bag/bag-info.ts';
import { HashPool } from '../bag/hash-pool.ts';
import { compareBagPaths } from '../bag/manifest.ts';
import { listBagFiles, sizeOf } from './bag-files.ts';
import { checkIndexes, readRecord } from './index-check.ts';
import { openBag, type OpenedBag } from './open-bag.ts';
import { checkPayload } from './payload-check.ts';
import { Problems } from './problems.ts';
import { checkSignatures } from './signature-check.ts';
import { checkRecordBinding } from './binding-check.ts';
import { normalizeFingerprint } from '../record/record-binding.ts';
import { checkAllowedFiles, checkBagInfo, checkBagit, checkTagmanifest, readManifest } from './structure-check.ts';
import type { Clock } from '../../clock/clock.ts';

export interface VerifyOptions {
  /** The verifier's now: a signing time beyond it is refused, and validity is judged at the signing time. */
  clock: Clock;
  /** DER or PEM certificates of the CAs to trust; with them the signer's chain must lead to one. */
  trustedCertificates?: Uint8Array[];
  /** SHA-256 of the signer's certificate, received another way (`--expect-signer`): pins the signer. */
  expectSigner?: string;
  signal?: AbortSignal;
  onProgress?: (p: HandoverProgress) => void;
}

export async function verifyBag(path: string, opts: VerifyOptions): Promise<VerifyReport> {
  const opened = await openBag(path);
  try {
    return await verifyOpenedBag(opened, path, opts);
  } finally {
    await opened.cleanup();
  }
}

/** Verifies a bag already opened (a .tar already extracted); the caller owns `opened`. */
export async function verifyOpenedBag(opened: OpenedBag, path: string, opts: VerifyOptions): Promise<VerifyReport> {
  const started = performance.now();
  const pool = new HashPool();
  try {
    const problems = new Problems();
    for (const p of opened.problems) problems.add(p.file, p.kind, p.detail);
    const dir = opened.dir;
    let files;
    try {
      files = await listBagFiles(dir);
    } catch (e) {
      throw new AppError('FILE_ERROR', `cannot list ${path} (${(e as NodeJS.ErrnoException).code ?? 'error'})`, {
        cause: e,
      });
    }
    // Neither a bag nor an unfinished export of one: one clear error rather than a list of everything missing.
    const unfinished = [...files.keys()].some((p) => p === STATE_DIR || p.startsWith(`${STATE_DIR}/`));
    if (!unfinished && ![BAG_FILES.bagit, BAG_FILES.bagInfo, BAG_FILES.tagmanifestSha256].some((f) => files.has(f)))
      throw new AppError(
        'PACKAGE_INVALID',
        `${path} is not a handover bag (no bagit.txt, bag-info.txt or tagmanifest)`,
        {
          messageVi: `${path} không phải gói bàn giao (không có bagit.txt).`,
        },
      );
    const input = { dir, files, problems };
    checkAllowedFiles(input);
    await checkBagit(input);
    const declaredOxum = await checkBagInfo(input);
    await checkTagmanifest(input);
    const sha256 = await readManifest(input, BAG_FILES.manifestSha256, 64);
    const sha512 = await readManifest(input, BAG_FILES.manifestSha512, 128);

    let count = 0;
    for (const p of files.keys()) if (p.startsWith('data/')) count += 1;

    const declaredBytes = Number(/^(\d+)\./.exec(declaredOxum ?? '')?.[1] ?? 0);
    const progress = { done: 0, bytes: 0, last: 0 };
    const emit = (phase: HandoverProgress['phase']) =>
      opts.onProgress?.({
        phase,
        messagesDone: progress.done,
        messagesTotal: count,
        bytesDone: progress.bytes,
        bytesTotal: declaredBytes,
        etaSeconds: null,
      });
    emit('messages');
    const record = await readRecord(input);
    // The signatures are checked while the payload is hashed (their problems are listed after).
    const sealProblems = new Problems();
    const sealing = checkSignatures({
      dir,
      files,
      record,
      now: opts.clock.now(),
      trustedCertificates: opts.trustedCertificates,
      expectSigner: opts.expectSigner,
      problems: sealProblems,
    });
    sealing.catch(() => undefined);
    const hashing = checkPayload({
      dir,
      files,
      sha256,
      sha512,
      problems,
      pool,
      signal: opts.signal,
      onFile: (bytes) => {
        progress.done += 1;
        progress.bytes += bytes;
        const now = performance.now();
        if (now - progress.last >= 100) {
          progress.last = now;
          emit('messages');
        }
      },
    });
    // The indexes are read and parsed while the threads hash.
    const indexing = checkIndexes({ dir, files, digests: hashing, record, problems });
    indexing.catch(() => undefined);
    const digests = await hashing;
    // Payload-Oxum counts what is really in data/, listed or not.
    let octets = 0;
    for (const [p, f] of files) {
      if (!p.startsWith('data/')) continue;
      octets += digests.get(p)?.size ?? (f.regular ? await sizeOf(dir, p) : 0);
    }
    const actualOxum = payloadOxum(octets, count);
    if (declaredOxum !== null && /^\d+\.\d+$/.test(declaredOxum) && declaredOxum !== actualOxum)
      problems.add(
        BAG_FILES.bagInfo,
        'payload-oxum',
        `Payload-Oxum is ${declaredOxum}, the payload on disk is ${actualOxum} (octets.files)`,
      );
    emit('indexes');
    const index = await indexing;
    emit('seal');
    const sealed = await sealing;
    const boundTo = await checkRecordBinding(input);
    if (boundTo !== null && sealed?.signerFingerprint && normalizeFingerprint(sealed.signerFingerprint) !== boundTo)
      problems.add(
        BAG_FILES.recordBinding,
        'record-binding',
        `names signer ${boundTo}, the bag is signed by ${sealed.signerFingerprint}`,
      );
    for (const p of sealProblems.list) problems.add(p.file, p.kind, p.detail);
    const { authenticatedBy = null, ...signature } = sealed ?? {};
    emit('done');
    return {
      valid: problems.empty,
      bag: path,
      problems: [...problems.list].sort((a, b) => compareBagPaths(a.file, b.file) || a.kind.localeCompare(b.kind)),
      signature: sealed ? (signature as NonNullable<VerifyReport['signature']>) : null,
      authenticatedBy: problems.empty ? authenticatedBy : null,
      payloadOxum: { declared: declaredOxum, actual: actualOxum },
      counts: { files: count, messages: index.messages, folders: index.folders },
      durationMs: Math.round(performance.now() - started),
    };
  } finally {
    await pool.close();
  }
}
