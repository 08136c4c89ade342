// One app record as a small RFC 5322 message: a Vietnamese note for whoever
// opens it in another mail client, `record.json` (the exact bytes that are
// signed) and `record.json.p7s` (detached CMS). Base64 keeps the bytes exact.
import { randomUUID } from 'node:crypto';
import { simpleParser } from '../mail/lazy-mailparser.ts';
import { AppError } from '../errors/app-error.ts';

export const RECORD_JSON_NAME = 'record.json';
export const RECORD_SIGNATURE_NAME = 'record.json.p7s';

export interface RecordMessageInput {
  /** The unit mailbox address: records are written by and to the mailbox itself. */
  from: string;
  subject: string;
  date: Date;
  /** Plain-text note shown by ordinary mail clients. */
  note: string;
  json: Uint8Array;
  signature: Uint8Array;
  /** e.g. { 'X-Unit-Mailbox-Record': 'delegation; seq=3' } */
  headers?: Record<string, string>;
}

export interface ParsedRecordMessage {
  subject: string;
  json: Uint8Array;
  signature: Uint8Array | null;
}

export function buildRecordMessage(input: RecordMessageInput): Buffer {
  const boundary = `um-record-${randomUUID()}`;
  const domain = input.from.slice(input.from.lastIndexOf('@') + 1) || 'unit-mailbox.invalid';
  const extra = Object.entries(input.headers ?? {}).map(([k, v]) => `${k}: ${asciiHeader(v)}`);
  const lines = [
    `From: ${input.from}`,
    `To: ${input.from}`,
    `Date: ${input.date.toUTCString().replace('GMT', '+0000')}`,
    `Message-ID: <${randomUUID()}@${domain}>`,
    `Subject: ${encodedWord(input.subject)}`,
    ...extra,
    'MIME-Version: 1.0',
    `Content-Type: multipart/mixed; boundary="${boundary}"`,
    '',
    `--${boundary}`,
    'Content-Type: text/plain; charset=utf-8',
    'Content-Transfer-Encoding: base64',
    '',
    base64Lines(Buffer.from(input.note, 'utf8')),
    `--${boundary}`,
    `Content-Type: application/json; name="${RECORD_JSON_NAME}"`,
    `Content-Disposition: attachment; filename="${RECORD_JSON_NAME}"`,
    'Content-Transfer-Encoding: base64',
    '',
    base64Lines(Buffer.from(input.json)),
    `--${boundary}`,
    `Content-Type: application/pkcs7-signature; name="${RECORD_SIGNATURE_NAME}"`,
    `Content-Disposition: attachment; filename="${RECORD_SIGNATURE_NAME}"`,
    'Content-Transfer-Encoding: base64',
    '',
    base64Lines(Buffer.from(input.signature)),
    `--${boundary}--`,
    '',
  ];
  return Buffer.from(lines.join('\r\n'), 'utf8');
}

/** Reads the two parts back; throws PACKAGE_INVALID when record.json is not there. */
export async function parseRecordMessage(source: Buffer): Promise<ParsedRecordMessage> {
  const parsed = await simpleParser(source, { skipHtmlToText: true, skipTextToHtml: true, skipTextLinks: true });
  const part = (name: string) => parsed.attachments.find((a) => a.filename === name);
  const json = part(RECORD_JSON_NAME);
  if (!json) throw new AppError('PACKAGE_INVALID', `record message has no ${RECORD_JSON_NAME} part`);
  const signature = part(RECORD_SIGNATURE_NAME);
  return {
    subject: parsed.subject ?? '',
    json: new Uint8Array(json.content),
    signature: signature ? new Uint8Array(signature.content) : null,
  };
}

function encodedWord(text: string): string {
  // RFC 2047: encoded words of at most 75 characters, split on whole UTF-8 characters.
  if (/^[\x20-\x7e]*$/.test(text)) return text;
  const words: string[] = [];
  let chunk = '';
  for (const ch of text) {
    if (Buffer.byteLength(chunk + ch, 'utf8') > 45) {
      words.push(chunk);
      chunk = '';
    }
    chunk += ch;
  }
  if (chunk) words.push(chunk);
  return words.map((w) => `=?UTF-8?B?${Buffer.from(w, 'utf8').toString('base64')}?=`).join('\r\n ');
}

function asciiHeader(value: string): string {
  return value.replace(/[^\x20-\x7e]/g, '?');
}

function base64Lines(data: Buffer): string {
  return (data.toString('base64').match(/.{1,76}/g) ?? ['']).join('\r\n');
}
