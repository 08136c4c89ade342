// From what the composer sent to the exact bytes the outbox keeps: recipients parsed and checked
// (syntax, Article 11 policy), the sender (the unit itself, or a delegate on its behalf), the
// attachments as bytes, the threading headers from the original, and the size limit.
import { randomBytes } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import type { ComposeAttachment, ComposeParsed } from '../../../shared/compose.ts';
import type { Address } from '../../../shared/mail.ts';
import { parseRecipients } from '../../../shared/recipients.ts';
import { referencesFor } from '../../../shared/reply-recipients.ts';
import type { AccountSettings } from '../../../shared/account.ts';
import { AppError } from '../errors/app-error.ts';
import { simpleParser } from '../mail/lazy-mailparser.ts';
import type { MailService } from '../mail/mail-service.ts';
import type { AttachmentTokens } from './attachment-tokens.ts';
import type { Signer } from '../identity/signer.ts';
import { buildMessage, newMessageId, type BuiltMessage, type OutgoingAttachment } from './message-builder.ts';
import { signMessage } from './smime.ts';

export interface ComposeContext {
  account: AccountSettings;
  mail: MailService;
  tokens: AttachmentTokens;
  now: Date;
  userAgent: string;
  /** Set when sending on behalf of a unit: its address. */
  unit: string | null;
  /** The sender's signing identity, asked for only when the message is to be signed. */
  signer: () => Promise<Signer>;
  /** Checks the recipients against the Art. 11 policy; throws a typed refusal. */
  checkRecipients: (addresses: string[]) => void;
}

export interface ComposedMessage extends BuiltMessage {
  messageId: string;
  from: Address;
  sender: Address | null;
  to: Address[];
  cc: Address[];
  bcc: Address[];
  subject: string;
  envelope: { from: string; to: string[] };
}

function recipientsOf(field: 'to' | 'cc' | 'bcc', values: string[]): Address[] {
  const { recipients, invalid } = parseRecipients(values);
  if (invalid.length > 0)
    throw new AppError('RECIPIENT_INVALID', `invalid ${field} address(es): ${invalid.join(', ')}`, {
      messageVi: `Địa chỉ người nhận không hợp lệ: ${invalid.join(', ')}`,
      data: { addresses: invalid.join(', '), field },
    });
  return recipients;
}

export async function composeMessage(input: ComposeParsed, ctx: ComposeContext): Promise<ComposedMessage> {
  const to = recipientsOf('to', input.to);
  const cc = recipientsOf('cc', input.cc);
  const bcc = recipientsOf('bcc', input.bcc);
  const all = [...to, ...cc, ...bcc];
  if (all.length === 0)
    throw new AppError('RECIPIENT_INVALID', 'no recipient', { messageVi: 'Thư chưa có người nhận.' });
  ctx.checkRecipients(all.map((r) => r.address));

  const own: Address = { name: ctx.account.displayName, address: ctx.account.email };
  const from: Address = ctx.unit ? { name: '', address: ctx.unit } : own;
  const sender = ctx.unit ? own : null;
  const domain = from.address.slice(from.address.lastIndexOf('@') + 1);
  const messageId = newMessageId(domain, () => randomBytes(16).toString('hex'));
  const threading = input.original ? await threadingOf(ctx.mail, ctx.account.id, input.original) : null;
  const attachments = await Promise.all(input.attachments.map((a) => attachmentBytes(a, ctx)));
  const built = await buildMessage({
    from,
    ...(sender ? { sender } : {}),
    to,
    cc,
    bcc,
    subject: input.subject,
    text: input.text,
    ...(input.html !== undefined ? { html: input.html } : {}),
    attachments,
    messageId,
    date: ctx.now,
    ...(threading?.inReplyTo ? { inReplyTo: threading.inReplyTo } : {}),
    ...(threading ? { references: threading.references } : {}),
    ...(input.requestReceipt ? { receiptTo: from.address } : {}),
    userAgent: ctx.userAgent,
  });
  const bytes = input.sign ? await signMessage(built.raw, built.copyRaw, await ctx.signer(), ctx.now) : built;
  // The envelope sender is the one who logs in (the delegate on behalf); Bcc only in the envelope.
  const envelope = { from: ctx.account.email, to: all.map((r) => r.address) };
  return { ...bytes, messageId, from, sender, to, cc, bcc, subject: input.subject.normalize('NFC'), envelope };
}

async function threadingOf(
  mail: MailService,
  accountId: string,
  original: { folder: string; uid: number },
): Promise<{ inReplyTo: string | null; references: string[] }> {
  const { source } = await mail.source(accountId, original.folder, original.uid);
  const parsed = await simpleParser(source, { skipHtmlToText: true, skipTextToHtml: true, skipImageLinks: true });
  return referencesFor({ messageId: parsed.messageId ?? null, references: parsed.references ?? null });
}

/** An attachment's bytes, whatever it came from (a picked file, pasted data, a mailbox part or message). */
export async function attachmentBytes(
  a: ComposeAttachment,
  ctx: Pick<ComposeContext, 'account' | 'mail' | 'tokens'>,
): Promise<OutgoingAttachment> {
  switch (a.kind) {
    case 'picked': {
      const { path, name, contentType } = ctx.tokens.path(a.token);
      const content = await readFile(path).catch((e: NodeJS.ErrnoException) => {
        throw new AppError('FILE_ERROR', `cannot read attachment ${name} (${e.code ?? 'error'})`, {
          messageVi: `Không đọc được tệp đính kèm ${name}.`,
        });
      });
      return { filename: name, contentType, content };
    }
    case 'data':
      return { filename: a.name, contentType: a.contentType, content: Buffer.from(a.base64, 'base64') };
    case 'part': {
      const part = await ctx.mail.attachment(ctx.account.id, a.folder, a.uid, a.index);
      return { filename: part.filename, contentType: part.contentType, content: part.content };
    }
    case 'message': {
      const { source } = await ctx.mail.source(ctx.account.id, a.folder, a.uid);
      const parsed = await simpleParser(source, { skipHtmlToText: true, skipTextToHtml: true, skipImageLinks: true });
      const name = (parsed.subject || 'thu-chuyen-tiep')
        .replace(/[\\/:*?"<>|\r\n]+/g, ' ')
        .trim()
        .slice(0, 120);
      return { filename: `${name}.eml`, contentType: 'message/rfc822', content: source, disposition: 'attachment' };
    }
  }
}
