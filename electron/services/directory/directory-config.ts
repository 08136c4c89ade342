// Reads the province directory's settings the IT Centre deploys as `<profileDir>/directory.json`.
// A missing file means no directory (suggestions come from the cache and contacts only); a broken
// one also means no directory, with an error the settings screen shows, never a crash.
import { readFile } from 'node:fs/promises';
import { dirname, isAbsolute, resolve } from 'node:path';
import { z } from 'zod';
import type { DirectoryConfigView } from '../../../shared/directory.ts';

/** LDAP attribute descriptions: a name (letters, digits, '-') or an OID, options not allowed. */
const attributeName = z.string().regex(/^(?:[A-Za-z][A-Za-z0-9-]{0,63}|\d+(?:\.\d+)+)$/, 'not an LDAP attribute name');

const configSchema = z.strictObject({
  version: z.literal(1).optional(),
  /** ldap://host[:port] (StartTLS is then required) or ldaps://host[:port]; nothing after the port. */
  url: z
    .string()
    .max(500)
    .regex(/^ldaps?:\/\/[^/\s?#]+\/?$/i, 'must be ldap://host[:port] or ldaps://host[:port]'),
  baseDn: z.string().min(1).max(1000),
  /** PEM file with the CA that signed the directory server's certificate; relative to this file. */
  caFile: z.string().min(1).max(1000).optional(),
  bind: z.enum(['anonymous', 'user']).default('anonymous'),
  /**
   * For bind 'user': the DN to bind as, with {login} (the mailbox login, e.g. an address) or
   * {local} (its part before '@') filled in, DN-escaped. Without it the DN is looked up
   * anonymously by mail or uid (search, then bind).
   */
  userDn: z
    .string()
    .max(1000)
    .refine((s) => s.includes('{login}') || s.includes('{local}'), 'must contain {login} or {local}')
    .optional(),
  /** Name attributes a search matches on (the folded name attribute and mail are added). */
  searchAttributes: z.array(attributeName).min(1).max(10).default(['cn', 'displayName', 'ou']),
  /** An attribute holding names without diacritics ("Nguyen Van An"), if the directory keeps one. */
  foldedAttribute: attributeName.optional(),
  timeoutSeconds: z.number().min(1).max(60).default(5),
  /** The most entries one search asks the server for; more means "N of more". */
  maxResults: z.number().int().min(10).max(1000).default(100),
});

export type DirectoryConfig = z.output<typeof configSchema> & { caFile?: string };

export interface LoadedDirectoryConfig {
  /** The file it was read from (or would be). */
  source: string;
  /** Null when there is no file or it is invalid. */
  config: DirectoryConfig | null;
  /** Set when the file exists but cannot be used: Vietnamese, with the English detail. */
  error: string | null;
}

function invalid(path: string, problem: string): LoadedDirectoryConfig {
  return {
    source: path,
    config: null,
    error:
      `Tệp cấu hình danh bạ điện tử ${path} không hợp lệ nên ứng dụng chưa tra cứu được danh bạ. ` +
      `Hãy báo Trung tâm CNTT. Chi tiết: ${problem}`,
  };
}

/**
 * The directory configuration from `path`. Never throws: missing → `config: null` without error;
 * unreadable, not JSON or failing the schema → `config: null` and an `error` naming the file and
 * the problem. A relative `caFile` is resolved against the file's folder.
 */
export async function loadDirectoryConfig(path: string): Promise<LoadedDirectoryConfig> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') return { source: path, config: null, error: null };
    return invalid(path, `cannot read the file (${code ?? (e instanceof Error ? e.message : String(e))})`);
  }
  let json: unknown;
  try {
    json = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch (e) {
    return invalid(path, `not valid JSON (${e instanceof Error ? e.message : String(e)})`);
  }
  const parsed = configSchema.safeParse(json);
  if (!parsed.success) {
    const problem = parsed.error.issues.map((i) => `${i.path.join('.') || '(file)'}: ${i.message}`).join('; ');
    return invalid(path, problem);
  }
  const config: DirectoryConfig = { ...parsed.data };
  if (config.caFile !== undefined && !isAbsolute(config.caFile)) config.caFile = resolve(dirname(path), config.caFile);
  return { source: path, config, error: null };
}

/** What the settings screen shows (read-only). */
export function directoryConfigView(c: DirectoryConfig): DirectoryConfigView {
  return {
    url: c.url,
    baseDn: c.baseDn,
    caFile: c.caFile ?? null,
    bind: c.bind,
    searchAttributes: c.searchAttributes,
    timeoutSeconds: c.timeoutSeconds,
    maxResults: c.maxResults,
  };
}
