/**
 * Redaction for anything that leaves the process as text (log lines, crash
 * reports): field names that mean "secret" lose their values wherever they
 * sit (nested objects, arrays, an Error's own fields and its cause chain),
 * and registered secret values are cut out of every string, in the forms
 * they take once escaped or encoded (JSON, base64, URL), before anything is
 * serialised: a password containing `"` or `\` is no longer found by
 * searching the JSON line for it.
 */

export const REDACTED = '[redacted]';

const SENSITIVE_PARTS = [
  'password',
  'passwd',
  'passphrase',
  'secret',
  'token',
  'authorization',
  'cookie',
  'credential',
  'apikey',
  'privatekey',
  'p12',
  'pfx',
];
const SENSITIVE_WHOLE = new Set(['pass', 'pwd', 'pw', 'auth']);

/** True for a field name whose value must never be written (password, smtpPass, x-auth-token, p12Passphrase…). */
export function isSensitiveKey(key: string): boolean {
  const words = key
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .toLowerCase()
    .split(/[^a-z0-9]+/);
  const joined = words.join('');
  return words.some((w) => SENSITIVE_WHOLE.has(w)) || SENSITIVE_PARTS.some((part) => joined.includes(part));
}

const MAX_DEPTH = 8;

export class Redactor {
  /** Every form of every secret, longest first so a longer one is cut before a shorter one inside it. */
  private forms: string[] = [];

  /** Registers a secret value; too-short values are ignored (they would shred ordinary text). */
  add(secret: string): void {
    if (secret.length < 3) return;
    const utf8 = Buffer.from(secret, 'utf8');
    const candidates = [
      secret,
      JSON.stringify(secret).slice(1, -1),
      JSON.stringify(JSON.stringify(secret).slice(1, -1)).slice(1, -1),
      utf8.toString('base64'),
      utf8.toString('base64').replace(/=+$/, ''),
      encodeURIComponent(secret),
    ];
    const next = new Set(this.forms);
    for (const form of candidates) if (form.length >= 3) next.add(form);
    this.forms = [...next].sort((a, b) => b.length - a.length);
  }

  /** The text with every registered secret (in every form) replaced. */
  text(value: string): string {
    let out = value;
    for (const form of this.forms) if (out.includes(form)) out = out.split(form).join(REDACTED);
    return out;
  }

  /** A JSON-safe copy of value with sensitive fields and secret values redacted. */
  value(value: unknown, depth = 0, seen = new WeakSet<object>()): unknown {
    if (typeof value === 'string') return this.text(value);
    if (value === null || typeof value === 'number' || typeof value === 'boolean') return value;
    if (typeof value === 'bigint') return value.toString();
    if (typeof value !== 'object') return value === undefined ? undefined : `[${typeof value}]`;
    if (seen.has(value)) return '[circular]';
    if (depth >= MAX_DEPTH) return '[too deep]';
    seen.add(value);
    if (Array.isArray(value)) return value.map((v) => this.value(v, depth + 1, seen) ?? null);
    if (Buffer.isBuffer(value) || ArrayBuffer.isView(value)) return `[${value.byteLength} bytes]`;
    const source: Record<string, unknown> = value instanceof Error ? errorFields(value) : { ...value };
    const out: Record<string, unknown> = {};
    for (const [key, v] of Object.entries(source)) {
      out[key] = isSensitiveKey(key) ? REDACTED : this.value(v, depth + 1, seen);
    }
    return out;
  }
}

/** An Error's name, message, stack, cause and own fields (code, detail, response…), as a plain object. */
function errorFields(error: Error): Record<string, unknown> {
  const fields: Record<string, unknown> = { name: error.name, message: error.message };
  if (error.stack) fields.stack = error.stack;
  for (const key of Object.keys(error)) fields[key] = (error as unknown as Record<string, unknown>)[key];
  if (error.cause !== undefined) fields.cause = error.cause;
  return fields;
}
