// "Hoàn tác" gives the composer back what it sent. Pasted or dropped files (kind 'data') are not
// stored twice in the outbox: their bytes are taken back from the message itself, whose
// attachments are in the order the composer listed them.
import type { ComposeParsed } from '../../../shared/compose.ts';
import { simpleParser } from '../mail/lazy-mailparser.ts';

export async function restoreAttachments(input: ComposeParsed, raw: Buffer | null): Promise<ComposeParsed> {
  if (!raw || !input.attachments.some((a) => a.kind === 'data' && a.base64 === '')) return input;
  const parsed = await simpleParser(raw, { skipHtmlToText: true, skipTextToHtml: true, skipImageLinks: true });
  const parts = parsed.attachments.filter((a) => !a.related);
  const attachments = input.attachments.map((a, i) =>
    a.kind === 'data' && a.base64 === '' ? { ...a, base64: parts[i]?.content.toString('base64') ?? '' } : a,
  );
  return { ...input, attachments };
}
