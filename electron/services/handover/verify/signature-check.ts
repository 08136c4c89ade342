// The seal: the detached CMS signature over tagmanifest-sha256.txt (which covers every tag file
// and, through the manifests, every payload file) and the one over the PDF record, both by the
// outgoing head whose certificate fingerprint the record states.
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { VerifyReport } from '../../../../shared/handover.ts';
import { verifyDetached, type SignatureVerification } from '../../cms/cms.ts';
import { BAG_FILES } from '../bag/bag-layout.ts';
import type { HandoverRecord } from '../record/record-types.ts';
import type { FoundFile } from './bag-files.ts';
import type { Problems } from './problems.ts';

export interface SignatureCheckInput {
  dir: string;
  files: Map<string, FoundFile>;
  record: HandoverRecord | null;
  now: Date;
  trustedCertificates?: Uint8Array[] | undefined;
  /** SHA-256 of the certificate the verifier expects (received another way): pins the signer. */
  expectSigner?: string | undefined;
  problems: Problems;
}

export type SignatureCheck = VerifyReport['signature'] & { authenticatedBy: VerifyReport['authenticatedBy'] };

export async function checkSignatures(i: SignatureCheckInput): Promise<SignatureCheck | null> {
  const { problems } = i;
  const main = await verifyFile(i, BAG_FILES.tagmanifestSha256, BAG_FILES.tagmanifestSignature, 'signature');
  if (!main) return null;

  const fingerprint = main.signer?.sha256Fingerprint ?? null;
  const expected = i.record?.outgoing?.certificateSha256;
  if (fingerprint && expected && !sameFingerprint(fingerprint, expected))
    problems.add(
      BAG_FILES.tagmanifestSignature,
      'signature',
      `signed by certificate ${fingerprint}, but the record names the outgoing head's certificate ${expected}`,
    );
  if (i.trustedCertificates?.length && main.chain !== 'trusted')
    problems.add(BAG_FILES.tagmanifestSignature, 'signature', "the signer's chain does not lead to the given CA");
  const pinned = i.expectSigner !== undefined && fingerprint !== null && sameFingerprint(fingerprint, i.expectSigner);
  if (i.expectSigner !== undefined && !pinned)
    problems.add(
      BAG_FILES.tagmanifestSignature,
      'signature',
      `signed by certificate ${fingerprint ?? '(none)'}, not by the expected ${i.expectSigner}`,
    );
  const byCa = Boolean(i.trustedCertificates?.length) && main.chain === 'trusted';
  const authenticatedBy = main.signatureValid && byCa ? 'ca' : main.signatureValid && pinned ? 'pinned' : null;

  const pdf = await verifyFile(i, BAG_FILES.recordPdf, BAG_FILES.recordPdfSignature, 'pdf-signature');
  const pdfSigner = pdf?.signer?.sha256Fingerprint ?? null;
  if (pdf && fingerprint && pdfSigner && !sameFingerprint(pdfSigner, fingerprint))
    problems.add(
      BAG_FILES.recordPdfSignature,
      'pdf-signature',
      `the PDF record is signed by ${pdfSigner}, the bag by ${fingerprint}`,
    );

  return {
    chain: main.chain,
    signerFingerprint: fingerprint,
    signerSubject: main.signer?.subject ?? null,
    signingTime: main.signingTime,
    authenticatedBy,
  };
}

/**
 * Verifies `signaturePath` over `contentPath`. A wrong message digest means the content changed
 * since signing (the content file is named); anything else is the signature's own problem.
 */
async function verifyFile(
  i: SignatureCheckInput,
  contentPath: string,
  signaturePath: string,
  kind: 'signature' | 'pdf-signature',
): Promise<SignatureVerification | null> {
  const content = await read(i, contentPath, kind);
  const signature = await read(i, signaturePath, kind);
  if (!content || !signature) return null;
  const v = await verifyDetached(signature, content, {
    now: i.now,
    trustedCertificates: i.trustedCertificates ?? [],
  });
  for (const p of v.problems) {
    i.problems.add(/message digest/i.test(p) ? contentPath : signaturePath, kind, p);
  }
  if (!v.signatureValid && v.problems.length === 0)
    i.problems.add(signaturePath, kind, `the signature over ${contentPath} is not valid`);
  return v;
}

async function read(
  i: SignatureCheckInput,
  path: string,
  kind: 'signature' | 'pdf-signature',
): Promise<Uint8Array | null> {
  if (!i.files.get(path)?.regular) {
    i.problems.add(path, 'missing', kind === 'signature' ? 'the bag is not signed: file missing' : 'file missing');
    return null;
  }
  try {
    return new Uint8Array(await readFile(join(i.dir, path)));
  } catch (e) {
    i.problems.add(path, 'unreadable', `cannot read (${(e as NodeJS.ErrnoException).code ?? 'error'})`);
    return null;
  }
}

const sameFingerprint = (a: string, b: string): boolean =>
  a.replace(/[^0-9a-f]/gi, '').toLowerCase() === b.replace(/[^0-9a-f]/gi, '').toLowerCase();
