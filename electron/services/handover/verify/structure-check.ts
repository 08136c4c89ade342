// The bag's frame: bagit.txt, bag-info.txt, the tagmanifest, and which files may exist at all.
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { REQUIRED_BAG_INFO_LABELS, bagInfoValue, parseBagInfo } from '../bag/bag-info.ts';
import {
  BAGIT_TXT,
  BAG_FILES,
  MAILBAG_CSV_NAME,
  STATE_DIR,
  TAG_FILES_FIXED,
  isAllowedSealFile,
} from '../bag/bag-layout.ts';
import { digestFile } from '../bag/file-hash.ts';
import { parseManifest } from '../bag/manifest.ts';
import type { FoundFile } from './bag-files.ts';
import type { Problems } from './problems.ts';

export interface StructureInput {
  dir: string;
  files: Map<string, FoundFile>;
  problems: Problems;
}

export async function checkBagit(i: StructureInput): Promise<void> {
  const text = await readText(i, BAG_FILES.bagit, 'bagit');
  if (text === null) return;
  if (text.replace(/\r\n/g, '\n') !== BAGIT_TXT)
    i.problems.add(
      BAG_FILES.bagit,
      'bagit',
      'must declare "BagIt-Version: 1.0" and "Tag-File-Character-Encoding: UTF-8"',
    );
}

/** Returns the declared Payload-Oxum. */
export async function checkBagInfo(i: StructureInput): Promise<string | null> {
  const text = await readText(i, BAG_FILES.bagInfo, 'bag-info');
  if (text === null) return null;
  const { info, errors } = parseBagInfo(text);
  for (const e of errors) i.problems.add(BAG_FILES.bagInfo, 'bag-info', e);
  for (const label of REQUIRED_BAG_INFO_LABELS) {
    if (!bagInfoValue(info, label)) i.problems.add(BAG_FILES.bagInfo, 'bag-info', `required label ${label} is missing`);
  }
  const type = bagInfoValue(info, 'Bag-Type');
  if (type !== null && type !== 'Mailbag')
    i.problems.add(BAG_FILES.bagInfo, 'bag-info', `Bag-Type is "${type}", not "Mailbag"`);
  const source = bagInfoValue(info, 'Mailbag-Source');
  if (source !== null && source.toLowerCase() !== 'imap')
    i.problems.add(BAG_FILES.bagInfo, 'bag-info', `Mailbag-Source is "${source}", not "imap"`);
  const oxum = bagInfoValue(info, 'Payload-Oxum');
  if (oxum !== null && !/^\d+\.\d+$/.test(oxum.trim())) {
    i.problems.add(BAG_FILES.bagInfo, 'payload-oxum', `Payload-Oxum "${oxum}" is not <octets>.<files>`);
  }
  return oxum?.trim() ?? null;
}

/** Payload manifest → entries (problems for malformed lines). */
export async function readManifest(
  i: StructureInput,
  path: string,
  digestLength: number,
): Promise<Map<string, string>> {
  const text = await readText(i, path, 'manifest');
  if (text === null) return new Map();
  const parsed = parseManifest(text, digestLength);
  for (const e of parsed.errors) i.problems.add(path, 'manifest', e.detail);
  return parsed.entries;
}

/**
 * tagmanifest-sha256.txt: every entry's hash, and every tag file the layout has must be listed
 * (an unlisted tag file would be outside the signature).
 */
export async function checkTagmanifest(i: StructureInput): Promise<void> {
  const entries = await readManifest(i, BAG_FILES.tagmanifestSha256, 64);
  for (const [path, digest] of entries) {
    if (path.startsWith('data/') || path.startsWith('seal/') || path.startsWith('tagmanifest-')) {
      i.problems.add(path, 'tagmanifest', `${BAG_FILES.tagmanifestSha256} must not list ${path}`);
      continue;
    }
    const f = i.files.get(path);
    if (!f || !f.regular) {
      i.problems.add(path, 'missing', `listed in ${BAG_FILES.tagmanifestSha256} but missing`);
      continue;
    }
    const d = await digestFile(join(i.dir, path));
    if (d.sha256 !== digest)
      i.problems.add(path, 'tagmanifest', `content differs from ${BAG_FILES.tagmanifestSha256} (SHA-256 mismatch)`);
  }
  await checkOptionalTagmanifest512(i);
  if (!i.files.has(BAG_FILES.tagmanifestSha256)) return;
  const mustList = [...TAG_FILES_FIXED, ...[...i.files.keys()].filter((p) => MAILBAG_CSV_NAME.test(p))];
  for (const path of mustList) {
    if (i.files.has(path) && !entries.has(path))
      i.problems.add(
        path,
        'tagmanifest',
        `not listed in ${BAG_FILES.tagmanifestSha256}, so not covered by the signature`,
      );
  }
  if (![...i.files.keys()].some((p) => MAILBAG_CSV_NAME.test(p)))
    i.problems.add(BAG_FILES.mailbag, 'missing', 'the Mailbag index mailbag.csv is missing');
}

/** The export writes no tagmanifest-sha512.txt; one that another tool added must still be right. */
async function checkOptionalTagmanifest512(i: StructureInput): Promise<void> {
  const name = 'tagmanifest-sha512.txt';
  if (!i.files.has(name)) return;
  for (const [path, digest] of await readManifest(i, name, 128)) {
    if (path.startsWith('data/') || path.startsWith('seal/') || path.startsWith('tagmanifest-')) {
      i.problems.add(path, 'tagmanifest', `${name} must not list ${path}`);
      continue;
    }
    if (!i.files.get(path)?.regular) {
      i.problems.add(path, 'missing', `listed in ${name} but missing`);
      continue;
    }
    if ((await digestFile(join(i.dir, path))).sha512 !== digest)
      i.problems.add(path, 'tagmanifest', `content differs from ${name} (SHA-512 mismatch)`);
  }
}

/** Files outside data/ that the layout does not know, and an unfinished export's state. */
export function checkAllowedFiles(i: StructureInput): void {
  let incomplete = false;
  for (const [path, f] of i.files) {
    if (path.startsWith('data/')) continue;
    if (path === STATE_DIR || path.startsWith(`${STATE_DIR}/`)) {
      if (!incomplete)
        i.problems.add(
          `${STATE_DIR}/`,
          'incomplete',
          'the export did not finish: run the same export command again to complete it',
        );
      incomplete = true;
      continue;
    }
    const known =
      TAG_FILES_FIXED.includes(path) ||
      path === BAG_FILES.tagmanifestSha256 ||
      path === 'tagmanifest-sha512.txt' ||
      MAILBAG_CSV_NAME.test(path) ||
      isAllowedSealFile(path);
    if (!known) i.problems.add(path, 'extra', 'file not part of the handover bag layout');
    else if (!f.regular) i.problems.add(path, 'extra', 'not a regular file');
  }
}

async function readText(
  i: StructureInput,
  path: string,
  kind: 'bagit' | 'bag-info' | 'manifest',
): Promise<string | null> {
  if (!i.files.get(path)?.regular) {
    i.problems.add(path, 'missing', `required file is missing (${kind})`);
    return null;
  }
  try {
    return await readFile(join(i.dir, path), 'utf8');
  } catch (e) {
    i.problems.add(path, 'unreadable', `cannot read (${(e as NodeJS.ErrnoException).code ?? 'error'})`);
    return null;
  }
}
