// Documents and raw messages for the search tests: a PDF with a text layer (pdfkit), a minimal
// DOCX (a zip of three XML parts, with jszip, which mammoth itself uses), and RFC 5322 sources
// built by hand so each test knows every byte: UTF-8, windows-1258, TCVN3 and VNI bodies,
// attachments and forwarded messages.
import JSZip from 'jszip';
import PDFDocument from 'pdfkit';
import { encodeTcvn3 } from '../../electron/services/mail/charset/tcvn3.ts';
import { encodeVni } from '../../electron/services/mail/charset/vni.ts';

export async function pdfWithText(text: string): Promise<Buffer> {
  const doc = new PDFDocument({ compress: true });
  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<void>((resolve) => doc.on('end', () => resolve()));
  doc.fontSize(12).text(text);
  doc.end();
  await done;
  return Buffer.concat(chunks);
}

const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

export async function docxWithText(paragraphs: string[]): Promise<Buffer> {
  const zip = new JSZip();
  zip.file(
    '[Content_Types].xml',
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>' +
      '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">' +
      '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>' +
      '<Default Extension="xml" ContentType="application/xml"/>' +
      '<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>' +
      '</Types>',
  );
  zip.file(
    '_rels/.rels',
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>' +
      '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">' +
      '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/>' +
      '</Relationships>',
  );
  zip.file(
    'word/document.xml',
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>' +
      '<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>' +
      paragraphs.map((p) => `<w:p><w:r><w:t xml:space="preserve">${esc(p)}</w:t></w:r></w:p>`).join('') +
      '</w:body></w:document>',
  );
  return zip.generateAsync({ type: 'nodebuffer' });
}

/** A file that starts like a PDF and is not one. */
export function corruptPdf(): Buffer {
  const noise = Buffer.alloc(20_000);
  for (let i = 0; i < noise.length; i++) noise[i] = (i * 7919 + 13) % 251;
  return Buffer.concat([Buffer.from('%PDF-1.7\n1 0 obj << /Type /Catalog /Pages 9 0 R >>\n'), noise]);
}

/** A 50 MB "PDF": over the indexer's size limit, so it must be skipped before it is read. */
export function hugePdf(bytes = 50 * 1024 * 1024): Buffer {
  const head = Buffer.from('%PDF-1.4\n% big scanned document\n');
  return Buffer.concat([head, Buffer.alloc(bytes - head.length, 0x20)]);
}

const TONES = /[\u0300\u0301\u0303\u0309\u0323]/u;

/** windows-1258 bytes: precomposed where the code page has the letter, else base letter + tone byte. */
export function cp1258(text: string): Buffer {
  const table = new Map<string, number>();
  const decoder = new TextDecoder('windows-1258');
  for (let b = 0; b < 256; b++) table.set(decoder.decode(Uint8Array.of(b)), b);
  const out: number[] = [];
  for (const ch of text.normalize('NFC')) {
    const direct = table.get(ch);
    if (direct !== undefined) {
      out.push(direct);
      continue;
    }
    const nfd = [...ch.normalize('NFD')];
    const tone = nfd.find((c) => TONES.test(c));
    const base = table.get(
      nfd
        .filter((c) => !TONES.test(c))
        .join('')
        .normalize('NFC'),
    );
    const t = tone === undefined ? undefined : table.get(tone);
    if (base === undefined || t === undefined) throw new Error(`no windows-1258 for ${ch}`);
    out.push(base, t);
  }
  return Buffer.from(out);
}

export interface Person {
  name: string;
  address: string;
}

export interface Attachment {
  filename: string;
  contentType: string;
  content: Buffer;
}

export type BodyEncoding = 'utf-8' | 'windows-1258' | 'tcvn3' | 'vni' | 'html';

export interface MessageSpec {
  from: Person;
  to: Person[];
  cc?: Person[];
  subject: string;
  date: Date;
  body: string;
  encoding?: BodyEncoding;
  attachments?: Attachment[];
  /** Raw sources attached as message/rfc822 (a forwarded message). */
  forwards?: Buffer[];
  messageId: string;
}

const word = (s: string) => `=?UTF-8?B?${Buffer.from(s, 'utf8').toString('base64')}?=`;
const person = (p: Person) => (p.name ? `${word(p.name)} <${p.address}>` : p.address);
const b64 = (b: Buffer) => (b.toString('base64').match(/.{1,76}/g) ?? []).join('\r\n');

function bodyPart(body: string, encoding: BodyEncoding): Buffer {
  const head = (type: string, cte: string) =>
    Buffer.from(`Content-Type: ${type}\r\nContent-Transfer-Encoding: ${cte}\r\n\r\n`);
  switch (encoding) {
    case 'windows-1258':
      return Buffer.concat([head('text/plain; charset=windows-1258', '8bit'), cp1258(body), Buffer.from('\r\n')]);
    case 'tcvn3':
      // TCVN3 font bytes, labelled as Latin-1 (as old mailers sent them).
      return Buffer.concat([
        head('text/plain; charset=iso-8859-1', '8bit'),
        Buffer.from(encodeTcvn3(body), 'latin1'),
        Buffer.from('\r\n'),
      ]);
    case 'vni':
      return Buffer.concat([
        head('text/plain; charset=windows-1252', '8bit'),
        Buffer.from(encodeVni(body), 'latin1'),
        Buffer.from('\r\n'),
      ]);
    case 'html':
      return Buffer.concat([
        head('text/html; charset=utf-8', 'base64'),
        Buffer.from(b64(Buffer.from(`<html><body><p>${esc(body)}</p></body></html>`, 'utf8'))),
        Buffer.from('\r\n'),
      ]);
    default:
      return Buffer.concat([
        head('text/plain; charset=utf-8', 'base64'),
        Buffer.from(b64(Buffer.from(body, 'utf8'))),
        Buffer.from('\r\n'),
      ]);
  }
}

/** The RFC 5322 source of a message. */
export function rawMessage(m: MessageSpec): Buffer {
  const headers = [
    `From: ${person(m.from)}`,
    `To: ${m.to.map(person).join(', ')}`,
    ...(m.cc?.length ? [`Cc: ${m.cc.map(person).join(', ')}`] : []),
    `Subject: ${word(m.subject)}`,
    `Date: ${m.date.toUTCString().replace('GMT', '+0000')}`,
    `Message-ID: <${m.messageId}>`,
    'MIME-Version: 1.0',
  ].join('\r\n');
  const body = bodyPart(m.body, m.encoding ?? 'utf-8');
  const files = m.attachments ?? [];
  const forwards = m.forwards ?? [];
  if (files.length === 0 && forwards.length === 0) return Buffer.concat([Buffer.from(`${headers}\r\n`), body]);
  const boundary = `=_part_${m.messageId.replace(/\W/g, '')}`;
  const parts: Buffer[] = [Buffer.from(`${headers}\r\nContent-Type: multipart/mixed; boundary="${boundary}"\r\n\r\n`)];
  parts.push(Buffer.from(`--${boundary}\r\n`), body);
  for (const f of files) {
    parts.push(
      Buffer.from(
        `--${boundary}\r\nContent-Type: ${f.contentType}; name="${f.filename}"\r\n` +
          `Content-Disposition: attachment; filename="${f.filename}"\r\nContent-Transfer-Encoding: base64\r\n\r\n` +
          `${b64(f.content)}\r\n`,
      ),
    );
  }
  for (const fwd of forwards) {
    parts.push(
      Buffer.from(`--${boundary}\r\nContent-Type: message/rfc822\r\nContent-Disposition: attachment\r\n\r\n`),
      fwd,
      Buffer.from('\r\n'),
    );
  }
  parts.push(Buffer.from(`--${boundary}--\r\n`));
  return Buffer.concat(parts);
}
