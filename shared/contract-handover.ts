// The handover part of the IPC contract (spread into shared/contract.ts):
// the user's signing identity (identity.*) and the signed handover package
// (handover.*: export, verify, accept, compare, restore).
//
// Files are named by paths that main's own dialogs returned (handover.pick*),
// never typed by the renderer: main refuses any other path, so a compromised
// renderer cannot make main read or write where the user did not point.
import { z } from 'zod';
import { emailSchema, passwordSchema } from './account.ts';
import type { Call } from './contract-call.ts';
import { accountRef, call } from './contract-call.ts';
import type { AcceptResult, PackageDiff, PackageMessageRow, RestoreResult } from './handover-accept.ts';
import { fingerprintHex, type HandoverProgress, type VerifyReport } from './handover.ts';
import type { CertificateInfoDto, IdentitySummaryDto } from './identity.ts';

/** A certificate as people compare it: by name, unit and SHA-256 fingerprint. */
export type CertificateView = CertificateInfoDto;

/** What the export wizard shows when it is done. */
export interface HandoverExportSummary {
  bagDir: string;
  tarPath: string | null;
  messages: number;
  folders: number;
  bytes: number;
  payloadOxum: string;
  /** SHA-256 (hex) of tagmanifest-sha256.txt, the file the signature covers. */
  tagmanifestSha256: string;
  /** False when a folder changed on the server while the export ran (see `changes`). */
  consistent: boolean;
  changes: string[];
  /** Messages reused from an earlier, interrupted run of the same export. */
  resumed: number;
  durationMs: number;
}

/** Which long job a progress event belongs to. */
export type HandoverJob = 'export' | 'verify' | 'accept' | 'restore';
export type HandoverProgressEvent = HandoverProgress & { job: HandoverJob };

/** What a file dialog is for (main picks the title and the file filter). */
export const FILE_PURPOSES = ['recipient-certificate', 'ca', 'p12', 'bag-tar'] as const;
export type FilePurpose = (typeof FILE_PURPOSES)[number];
export const DIRECTORY_PURPOSES = ['output', 'bag'] as const;
export type DirectoryPurpose = (typeof DIRECTORY_PURPOSES)[number];

const pathSchema = z.string().min(1).max(4096);
/** Most messages one handover.packageMessages call names. */
export const PACKAGE_MESSAGES_PAGE = 200;
const personText = z.string().trim().min(1).max(200);
const optionalText = z.string().trim().max(200).optional();
/** "AA:BB:…" or plain hex, any case: compared after normalising. */
const fingerprintSchema = z
  .string()
  .trim()
  .regex(/^[0-9A-Fa-f:\s]{64,200}$/, 'not a SHA-256 fingerprint');
/** A certificate's SHA-256 fingerprint as people copy it (colons, spaces), as 64 lower-case hex digits. */
export const signerFingerprintSchema = z
  .string()
  .max(200)
  .transform((s, ctx) => {
    const hex = fingerprintHex(s);
    if (hex === null) {
      ctx.addIssue({ code: 'custom', message: 'not a SHA-256 fingerprint (64 hex digits)' });
      return z.NEVER;
    }
    return hex;
  });
/** The bag's own directory name: ASCII, so every tool and OS copes with it. */
const bagNameSchema = z
  .string()
  .regex(/^[A-Za-z0-9][A-Za-z0-9._-]{0,119}$/, 'use letters, digits, ".", "_" or "-"')
  .refine((name) => !name.endsWith('.tar'), 'the name must not end in .tar');

export const handoverContract = {
  /** The user's signing identity, or null before one is created or imported. */
  'identity.current': call<IdentitySummaryDto | null>()(z.object({})),
  /** A new RSA key (kept in the keychain) and a self-signed certificate naming the person. */
  'identity.create': call<IdentitySummaryDto>()(
    z.object({ name: personText, title: personText, unit: personText, email: emailSchema }),
  ),
  /** Imports a PKCS#12 (.p12/.pfx) picked with handover.pickFile('p12'); the password is used once, never stored. */
  'identity.importP12': call<IdentitySummaryDto>()(z.object({ path: pathSchema, password: passwordSchema })),
  /** Saves the certificate (PEM, with its chain) through a save dialog. */
  'identity.exportCertificate': call<{ saved: boolean; path: string | null }>()(z.object({})),

  /** Native open-file dialog; the returned path is the only kind the other calls accept. */
  'handover.pickFile': call<{ path: string } | null>()(z.object({ purpose: z.enum(FILE_PURPOSES) })),
  'handover.pickDirectory': call<{ path: string } | null>()(z.object({ purpose: z.enum(DIRECTORY_PURPOSES) })),
  /** Reads a certificate file (PEM or DER) for the user to compare. */
  'handover.certificate': call<CertificateView>()(z.object({ path: pathSchema })),
  /** An interrupted export of this bag exists: how far it got (starting again resumes it). */
  'handover.pending': call<{ messagesDone: number } | null>()(z.object({ outDir: pathSchema, bagName: bagNameSchema })),
  /**
   * Exports the unit mailbox into `<outDir>/<bagName>`. Resolves when done; progress arrives as
   * 'handover.progress' events; handover.cancel stops it (CANCELLED), and running it again resumes.
   * `recipientFingerprint` is the fingerprint the user compared by phone: the file must still match it.
   */
  'handover.export': call<HandoverExportSummary>()(
    accountRef.extend({
      recipientCertificate: pathSchema,
      recipientFingerprint: fingerprintSchema,
      witness: optionalText,
      place: optionalText,
      outDir: pathSchema,
      bagName: bagNameSchema,
      tar: z.boolean().default(false),
    }),
  ),
  'handover.cancel': call<{ cancelled: boolean }>()(z.object({})),
  /**
   * Verifies a bag directory or .tar; `caPath`: a CA file the signer's chain must lead to;
   * `expectSigner`: the SHA-256 fingerprint of the outgoing head's certificate, received another
   * way (in person, by phone, on paper): pins the signer.
   */
  'handover.verify': call<VerifyReport>()(
    z.object({ path: pathSchema, caPath: pathSchema.optional(), expectSigner: signerFingerprintSchema.optional() }),
  ),
  /**
   * Verifies, opens the sealed credential with the user's identity, stores the account and its password
   * in the keychain, compares the live mailbox with the package and writes the countersigned receipt.
   */
  'handover.accept': call<AcceptResult>()(
    z.object({
      path: pathSchema,
      accountEmail: emailSchema,
      caPath: pathSchema.optional(),
      expectSigner: signerFingerprintSchema.optional(),
    }),
  ),
  /** The live mailbox compared with the package, per folder. */
  'handover.compare': call<PackageDiff>()(accountRef.extend({ path: pathSchema })),
  /**
   * The package's messages of a folder by UID (those a comparison names missing or changed), with
   * their subject, sender and date decoded from the package's files; in the order asked.
   */
  'handover.packageMessages': call<PackageMessageRow[]>()(
    z.object({
      path: pathSchema,
      folder: z.string().min(1).max(1000),
      uids: z.array(z.number().int().positive()).min(1).max(PACKAGE_MESSAGES_PAGE),
    }),
  ),
  /** Puts the package's messages missing from the server back, with their flags and dates. */
  'handover.restore': call<RestoreResult & { diff: PackageDiff }>()(accountRef.extend({ path: pathSchema })),
} as const satisfies Record<string, Call<z.ZodType, unknown>>;

/** Events pushed from main for this capability. */
export interface HandoverEvents {
  /** Progress of the running export, verify, accept or restore (throttled by the service). */
  'handover.progress': HandoverProgressEvent;
}

export const HANDOVER_EVENTS: (keyof HandoverEvents)[] = ['handover.progress'];
