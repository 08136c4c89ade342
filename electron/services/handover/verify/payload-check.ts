// Every payload file against BOTH manifests, each file read once for both digests, spread over
// hashing threads; plus missing and extra payload files and Payload-Oxum.
import { join } from 'node:path';
import { AppError } from '../../errors/app-error.ts';
import type { FileDigest } from '../bag/file-hash.ts';
import type { HashPool } from '../bag/hash-pool.ts';
import type { FoundFile } from './bag-files.ts';
import type { Problems } from './problems.ts';

export interface PayloadCheckInput {
  dir: string;
  files: Map<string, FoundFile>;
  sha256: Map<string, string>;
  sha512: Map<string, string>;
  problems: Problems;
  /** Started by the caller early, so that the threads boot while the bag is listed and parsed. */
  pool: HashPool;
  signal?: AbortSignal | undefined;
  onFile?: (bytes: number) => void;
}

/** Digests of the payload files that exist and are listed, by path. */
export async function checkPayload(i: PayloadCheckInput): Promise<Map<string, FileDigest>> {
  const { files, problems } = i;
  const listed = new Set([...i.sha256.keys(), ...i.sha512.keys()]);
  for (const path of listed) {
    if (!i.sha256.has(path))
      problems.add(path, 'manifest', `listed in manifest-sha512.txt but not in manifest-sha256.txt`);
    else if (!i.sha512.has(path))
      problems.add(path, 'manifest', `listed in manifest-sha256.txt but not in manifest-sha512.txt`);
    if (!path.startsWith('data/') || path.split('/').some((s) => s === '..' || s === '.' || s === '')) {
      problems.add(path, 'manifest', 'manifest path is not a file inside data/');
    }
  }
  for (const [path, f] of files) {
    if (!path.startsWith('data/')) continue;
    if (!listed.has(path)) problems.add(path, 'extra', 'file in data/ that no manifest lists');
    else if (!f.regular) problems.add(path, 'extra', 'not a regular file');
  }
  const toHash: string[] = [];
  for (const path of listed) {
    const f = files.get(path);
    if (!f) problems.add(path, 'missing', 'listed in the manifest but missing');
    else if (f.regular) toHash.push(path);
  }

  const digests = new Map<string, FileDigest>();
  const { pool } = i;
  {
    const batches: string[][] = [];
    let batch: string[] = [];
    for (const path of toHash) {
      batch.push(path);
      if (batch.length >= 32) {
        batches.push(batch);
        batch = [];
      }
    }
    if (batch.length) batches.push(batch);

    let next = 0;
    const lane = async () => {
      while (next < batches.length) {
        if (i.signal?.aborted) throw new AppError('CANCELLED', 'verification cancelled');
        const b = batches[next++] as string[];
        const results = await pool.digest(b.map((p) => join(i.dir, p)));
        results.forEach((r, k) => {
          const path = b[k] as string;
          if ('error' in r) {
            problems.add(path, 'unreadable', `cannot read the file (${r.error})`);
            return;
          }
          digests.set(path, r);
          i.onFile?.(r.size);
          const want256 = i.sha256.get(path);
          const want512 = i.sha512.get(path);
          const bad = [
            want256 !== undefined && want256 !== r.sha256 ? 'SHA-256' : null,
            want512 !== undefined && want512 !== r.sha512 ? 'SHA-512' : null,
          ].filter(Boolean);
          if (bad.length)
            problems.add(path, 'hash-mismatch', `content differs from the manifest (${bad.join(' and ')} mismatch)`);
        });
      }
    };
    await Promise.all(Array.from({ length: pool.threads * 2 }, lane));
  }
  return digests;
}
