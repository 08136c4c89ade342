/**
 * The one header decoder: every view (the cache and its list, search and
 * directives, `show` and the reading pane, the handover's mailbag.csv) gets
 * its subject and names from here, so each shows the same NFC string.
 *
 * Steps, per field: raw bytes to characters (UTF-8 first, then the message's
 * declared or guessed legacy charset), RFC 2047 (adjacent words joined so a
 * character split across them survives; well-formed UTF-8 wins over a
 * single-byte label), NFC (windows-1258 tone marks composed), control
 * characters removed; then, across the subject and the names together,
 * TCVN3/VNI detection and conversion.
 */
import { Buffer } from 'node:buffer';
import addressparser from 'nodemailer/lib/addressparser';
import type { Address } from '../../../../shared/mail.ts';
import {
  LEGACY_ENCODINGS,
  chooseEncoding,
  convertLegacyText,
  detectLegacyEncoding,
  passes,
  scoreLegacy,
  type LegacyEncoding,
  type LegacyScore,
} from '../charset/detect.ts';
import { decodeEncodedWords, stripControlChars } from '../charset/headers.ts';
import { firstField, headerFields, rawFieldText, rawHeaderCharset } from './header-fields.ts';

export interface HeaderContext {
  /** Charset for raw 8-bit bytes that are not UTF-8 (see rawHeaderCharset); default: guessed from the value. */
  charset?: string | null;
  /**
   * A legacy encoding found elsewhere in the message: the value is converted
   * on less evidence. Without it the value must show the encoding on its own.
   */
  legacy?: LegacyEncoding | null;
}

/** The header fields every view shows, decoded. */
export interface DecodedHeaders {
  subject: string;
  from: Address[];
  to: Address[];
  cc: Address[];
  replyTo: Address[];
  bcc: Address[];
  /** TCVN3 or VNI when the subject or a name was converted from it. */
  legacy: LegacyEncoding | null;
  /** Whether the subject itself was converted. */
  subjectConverted: boolean;
}

/** One-line text: NFC, no control characters, tabs as spaces, trimmed. */
function oneLine(text: string): string {
  return stripControlChars(text.normalize('NFC').replaceAll('\t', ' ')).trim();
}

function toText(raw: Uint8Array | string, charset: string | null): string {
  return typeof raw === 'string' ? raw : rawFieldText(raw, charset);
}

function charsetFor(raw: Uint8Array | string, ctx: HeaderContext): string | null {
  if (ctx.charset !== undefined || typeof raw === 'string') return ctx.charset ?? null;
  return rawHeaderCharset([{ name: 'x', value: raw }]);
}

/** Words decoded, before legacy conversion. */
function unstructured(raw: Uint8Array | string, charset: string | null): string {
  return oneLine(decodeEncodedWords(toText(raw, charset)));
}

/** Mail repeats its senders and recipients: a sync parses the same few address fields again and again. */
const addressMemo = new Map<string, Address[]>();
const MAX_MEMO = 4096;

function addressList(raw: Uint8Array | string, charset: string | null): Address[] {
  const key = `${charset ?? ''}\u0000${typeof raw === 'string' ? raw : Buffer.from(raw).toString('latin1')}`;
  let list = addressMemo.get(key);
  if (list === undefined) {
    const text = toText(raw, charset).replace(/\r?\n/g, '');
    list = addressparser(text, { flatten: true }).map((a) => ({
      name: oneLine(decodeEncodedWords(a.name ?? '')),
      address: oneLine(a.address ?? ''),
    }));
    if (addressMemo.size >= MAX_MEMO) addressMemo.clear();
    addressMemo.set(key, list);
  }
  return list.map((a) => ({ ...a }));
}

function convertIf(text: string, encoding: LegacyEncoding, hinted: boolean): string {
  return passes(scoreLegacy(text, encoding), hinted) ? convertLegacyText(text, encoding) : text;
}

function convertAlone(text: string, ctx: HeaderContext): string {
  if (ctx.legacy) return convertIf(text, ctx.legacy, true);
  const { encoding } = detectLegacyEncoding(text);
  return encoding ? convertLegacyText(text, encoding) : text;
}

/** One unstructured header value (Subject, a file name...), fully decoded. */
export function decodeHeader(raw: Uint8Array | string, ctx: HeaderContext = {}): string {
  return convertAlone(unstructured(raw, charsetFor(raw, ctx)), ctx);
}

/** One address-list header value (From, To, Cc...), names fully decoded. */
export function decodeAddresses(raw: Uint8Array | string, ctx: HeaderContext = {}): Address[] {
  const list = addressList(raw, charsetFor(raw, ctx));
  return list.map((a) => ({ ...a, name: convertAlone(a.name, ctx) }));
}

const add = (a: LegacyScore, b: LegacyScore): LegacyScore => ({
  relevant: a.relevant + b.relevant,
  good: a.good + b.good,
});

/**
 * Decodes a message's header block (its top, or the fields a FETCH
 * BODY.PEEK[HEADER.FIELDS (...)] returns: Subject, From, To, Cc and
 * Content-Type are what the result depends on). TCVN3/VNI is decided on the
 * subject and the From/To/Cc names together, then each is converted if it
 * carries the encoding's marks itself.
 */
export function decodeHeaders(block: Uint8Array): DecodedHeaders {
  const fields = headerFields(block);
  const charset = rawHeaderCharset(fields);
  const field = (name: string) => firstField(fields, name);
  const subjectRaw = field('subject');
  const subject = subjectRaw ? unstructured(subjectRaw, charset) : '';
  const lists = (['from', 'to', 'cc', 'reply-to', 'bcc'] as const).map((name) => {
    const raw = field(name);
    return raw ? addressList(raw, charset) : [];
  }) as [Address[], Address[], Address[], Address[], Address[]];
  // Reply-To and Bcc are left out of the decision: the cache does not fetch them, and all must decide alike.
  const evidence = [subject, ...lists.slice(0, 3).flatMap((l) => l.map((a) => a.name))];
  const totals = Object.fromEntries(
    LEGACY_ENCODINGS.map((e) => [e, evidence.map((t) => scoreLegacy(t, e)).reduce(add)]),
  ) as Record<LegacyEncoding, LegacyScore>;
  const { encoding } = chooseEncoding(totals);
  if (!encoding) {
    const [from, to, cc, replyTo, bcc] = lists;
    return { subject, from, to, cc, replyTo, bcc, legacy: null, subjectConverted: false };
  }
  let converted = false;
  const convert = (text: string) => {
    const out = convertIf(text, encoding, true);
    if (out !== text) converted = true;
    return out;
  };
  const convertedSubject = convert(subject);
  const subjectConverted = converted;
  const [from, to, cc, replyTo, bcc] = lists.map((l) => l.map((a) => ({ ...a, name: convert(a.name) })));
  return {
    subject: convertedSubject,
    from: from!,
    to: to!,
    cc: cc!,
    replyTo: replyTo!,
    bcc: bcc!,
    legacy: converted ? encoding : null,
    subjectConverted,
  };
}
