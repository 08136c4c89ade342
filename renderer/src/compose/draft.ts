// What the composer holds while the user writes, and how it becomes the contract's compose
// input (and back, when "Hoàn tác" returns a message to the editor). Pure.
import type { ComposeAttachment, ComposeInput } from '../../../shared/compose.ts';

/** An attachment as the composer lists it: what the user sees, and what goes to main. */
export interface AttachmentItem {
  id: string;
  name: string;
  /** Bytes; null when not known before sending (a whole forwarded message). */
  size: number | null;
  contentType: string;
  risky: boolean;
  payload: ComposeAttachment;
}

export type OriginalRef = NonNullable<ComposeInput['original']>;

export interface ComposeDraft {
  /** '' sends as the account itself; otherwise the unit mailbox sent for (onBehalfOf). */
  from: string;
  to: string[];
  cc: string[];
  bcc: string[];
  subject: string;
  /** Plain-text-only mode: no HTML part, the text is written as it goes. */
  plain: boolean;
  /** The body: the editor's HTML (rich mode; '' in plain mode) and the text/plain part. */
  html: string;
  text: string;
  attachments: AttachmentItem[];
  requestReceipt: boolean;
  /** Sign with the sender's own identity (S/MIME). */
  sign: boolean;
  original: OriginalRef | null;
}

export const emptyDraft = (): ComposeDraft => ({
  from: '',
  to: [],
  cc: [],
  bcc: [],
  subject: '',
  plain: false,
  html: '',
  text: '',
  attachments: [],
  requestReceipt: false,
  sign: false,
  original: null,
});

const sameList = (a: string[], b: string[]) => a.length === b.length && a.every((x, i) => x === b[i]);

/**
 * Whether closing would lose something the user wrote or chose: anything changed from what the
 * composer opened with (`bodyText`: the body's text as the editor first had it).
 */
export function hasContent(d: ComposeDraft, initial: ComposeDraft, bodyText = initial.text): boolean {
  if (!sameList(d.to, initial.to) || !sameList(d.cc, initial.cc) || !sameList(d.bcc, initial.bcc)) return true;
  if (d.subject.trim() !== initial.subject.trim()) return true;
  if (d.text.trim() !== bodyText.trim()) return true;
  if (d.sign !== initial.sign) return true;
  return d.attachments.length !== initial.attachments.length;
}

export function toComposeInput(d: ComposeDraft, accountId: string, extra: Partial<ComposeInput> = {}): ComposeInput {
  return {
    accountId,
    ...(d.from ? { onBehalfOf: d.from } : {}),
    to: d.to,
    cc: d.cc,
    bcc: d.bcc,
    subject: d.subject,
    text: d.text,
    ...(d.plain ? {} : { html: d.html }),
    attachments: d.attachments.map((a) => a.payload),
    ...(d.original ? { original: d.original } : {}),
    requestReceipt: d.requestReceipt,
    sign: d.sign,
    ...extra,
  };
}

/** Bytes a base64 string holds. */
export const base64Size = (b64: string) =>
  Math.max(0, Math.floor((b64.length * 3) / 4) - (b64.endsWith('==') ? 2 : b64.endsWith('=') ? 1 : 0));

const sameAttachment = (a: ComposeAttachment, b: ComposeAttachment) => JSON.stringify(a) === JSON.stringify(b);

/**
 * The draft again from what main gave back ("Hoàn tác"). Attachments the composer listed
 * before (`known`) keep their names and sizes; others are named from what the input says.
 */
export function draftFromInput(input: ComposeInput, known: AttachmentItem[] = [], unnamed = '—'): ComposeDraft {
  const attachments = (input.attachments ?? []).map((raw, i): AttachmentItem => {
    const payload: ComposeAttachment =
      raw.kind === 'data' ? { ...raw, contentType: raw.contentType ?? 'application/octet-stream' } : raw;
    const seen = known.find((k) => sameAttachment(k.payload, payload));
    if (seen) return seen;
    const data = payload.kind === 'data' ? payload : null;
    return {
      id: `undo-${i}`,
      name: data?.name ?? unnamed,
      size: data ? base64Size(data.base64) : null,
      contentType: data?.contentType ?? 'application/octet-stream',
      risky: false,
      payload,
    };
  });
  return {
    from: input.onBehalfOf ?? '',
    to: input.to ?? [],
    cc: input.cc ?? [],
    bcc: input.bcc ?? [],
    subject: input.subject ?? '',
    plain: input.html === undefined,
    html: input.html ?? '',
    text: input.text ?? '',
    attachments,
    requestReceipt: input.requestReceipt ?? false,
    sign: input.sign ?? false,
    original: input.original ?? null,
  };
}
