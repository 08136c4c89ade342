// Handover package (BagIt/Mailbag bag): progress of an export or a verification and the
// verification report. Shared by the services, the CLI and the UI; no Node or DOM APIs.

/**
 * A certificate's SHA-256 fingerprint as people copy it ("AA:BB:…", spaces, any case) as 64
 * lower-case hex digits; null when it is not one. The CLI's --expect-signer and the screens' field.
 */
export function fingerprintHex(text: string): string | null {
  const hex = text.replace(/[:\s]/g, '').toLowerCase();
  return /^[0-9a-f]{64}$/.test(hex) ? hex : null;
}

export const HANDOVER_PHASES = ['snapshot', 'messages', 'indexes', 'seal', 'tar', 'done'] as const;
export type HandoverPhase = (typeof HANDOVER_PHASES)[number];

/** Throttled (at most 10 per second), plus one event at every phase change. */
export interface HandoverProgress {
  phase: HandoverPhase;
  messagesDone: number;
  messagesTotal: number;
  bytesDone: number;
  bytesTotal: number;
  /** From the transfer rate of this run; null until it can be estimated. */
  etaSeconds: number | null;
  /** Decoded name of the folder being worked on, when there is one. */
  folder?: string;
}

/**
 * What is wrong, so that tools can group problems; `detail` says it in English.
 * - bagit: bagit.txt missing or not BagIt 1.0
 * - bag-info: bag-info.txt missing, unreadable or lacking a required label
 * - payload-oxum: Payload-Oxum differs from the payload on disk
 * - manifest: a payload manifest is missing, malformed, or the two manifests disagree
 * - tagmanifest: a tag file's hash differs from tagmanifest-sha256.txt, or a tag file is not listed
 * - signature: the signature over tagmanifest-sha256.txt is invalid, untrusted or by someone else
 * - pdf-signature: the signature over seal/bien-ban.pdf is invalid or by another signer
 * - hash-mismatch: a payload file's content differs from a manifest
 * - missing: a listed file is absent
 * - extra: a file is present that nothing lists (payload) or that the layout does not allow
 * - index: data/index/* disagrees with the files (row without file, file without row, other hash or size)
 * - folder-count: a folder's messages or bytes differ from data/index/folders.json
 * - record: data/record/bien-ban.json is unreadable or disagrees with the bag
 * - record-binding: the signed record (PDF, record-binding.json) belongs to another bag or disagrees with this one
 * - incomplete: the export did not finish (.export-state is still there)
 * - unreadable: a file or the archive cannot be read
 */
export const PROBLEM_KINDS = [
  'bagit',
  'bag-info',
  'payload-oxum',
  'manifest',
  'tagmanifest',
  'signature',
  'pdf-signature',
  'hash-mismatch',
  'missing',
  'extra',
  'index',
  'folder-count',
  'record',
  'record-binding',
  'incomplete',
  'unreadable',
] as const;
export type ProblemKind = (typeof PROBLEM_KINDS)[number];

export interface VerifyProblem {
  /** Path relative to the bag's base directory, '/' separated (e.g. `data/eml/inbox-1a2b3c4d/7.eml`). */
  file: string;
  kind: ProblemKind;
  detail: string;
}

export interface VerifyReport {
  valid: boolean;
  /** The path that was verified (bag directory or .tar). */
  bag: string;
  problems: VerifyProblem[];
  /** Null when seal/tagmanifest-sha256.txt.p7s is missing or unreadable. */
  signature: {
    chain: 'trusted' | 'self-signed' | 'untrusted';
    /** SHA-256 of the signer's certificate, `AA:BB:…`. */
    signerFingerprint: string | null;
    signerSubject: string | null;
    signingTime: string | null;
  } | null;
  /**
   * What vouches for the signer: 'ca' (the chain leads to a CA the verifier gave), 'pinned' (the
   * certificate has the SHA-256 the verifier expected), or null: the signature is mathematically
   * valid but the signer is NOT authenticated (anyone can make a certificate with any name).
   */
  authenticatedBy: 'ca' | 'pinned' | null;
  payloadOxum: { declared: string | null; actual: string };
  counts: { files: number; messages: number; folders: number };
  durationMs: number;
}
