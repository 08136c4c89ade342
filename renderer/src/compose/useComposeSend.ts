// "Gửi": checks what the page can (a recipient at least, no invalid chip, and state-secret
// markings: Mật / Tối mật / Tuyệt mật must not travel by ordinary e-mail, so "Vẫn gửi" is asked
// first), then compose.send. Main's refusals come back typed: free webmail (Art. 11) is refused
// with the addresses named, recipients outside the official domains wait for "Vẫn gửi" (sent
// again with confirmOutsideDomain), signing without an identity points to the identity screen,
// anything else shows main's Vietnamese message. The draft is never touched on a failure.
import { useState } from 'react';
import type { ComposeInput, OutboxEntry } from '../../../shared/compose.ts';
import { findSecretMarkings, type SecretMarkingHit } from '../../../shared/send-policy.ts';
import { invoke, toUiError, type UiError } from '../api.ts';
import { toComposeInput, type ComposeDraft } from './draft.ts';
import { chipView } from './recipientChips.ts';

/** What the user already said yes to for this message. */
export interface SendConfirmed {
  outside?: boolean;
  secret?: boolean;
}

export type SendProblem =
  | { kind: 'noRecipients' }
  | { kind: 'invalid'; texts: string[] }
  | { kind: 'secret'; hits: SecretMarkingHit[]; draft: ComposeDraft; confirmed: SendConfirmed }
  | { kind: 'freemail'; addresses: string[] }
  | { kind: 'outside'; addresses: string[]; draft: ComposeDraft; confirmed: SendConfirmed }
  | { kind: 'identity'; error: UiError }
  | { kind: 'error'; error: UiError };

export interface ComposeSend {
  busy: boolean;
  problem: SendProblem | null;
  send(draft: ComposeDraft, confirmed?: SendConfirmed): Promise<void>;
  dismiss(): void;
}

/** The addresses an Art. 11 error names (data.addresses: a list joined by commas or spaces). */
export function addressesOf(error: UiError): string[] {
  const raw = error.payload.data?.addresses;
  if (typeof raw !== 'string') return [];
  return raw.split(/[\s,;]+/).filter((a) => a.includes('@'));
}

/** The page's own checks before anything goes to main; null when the message may go. */
function precheck(draft: ComposeDraft, confirmed: SendConfirmed): SendProblem | null {
  const all = [...draft.to, ...draft.cc, ...draft.bcc];
  const invalid = all.filter((text) => chipView(text, null).problem === 'invalid');
  if (all.length === 0) return { kind: 'noRecipients' };
  if (invalid.length > 0) return { kind: 'invalid', texts: invalid };
  if (confirmed.secret) return null;
  const hits = findSecretMarkings(
    draft.subject,
    draft.text,
    draft.attachments.map((a) => a.name),
  );
  return hits.length > 0 ? { kind: 'secret', hits, draft, confirmed } : null;
}

function problemOf(e: unknown, draft: ComposeDraft, confirmed: SendConfirmed): SendProblem {
  const error = toUiError(e);
  if (error.code === 'FREEMAIL_FORBIDDEN') return { kind: 'freemail', addresses: addressesOf(error) };
  if (error.code === 'OUTSIDE_DOMAIN_UNCONFIRMED')
    return { kind: 'outside', addresses: addressesOf(error), draft, confirmed };
  if (error.code === 'IDENTITY_MISSING') return { kind: 'identity', error };
  return { kind: 'error', error };
}

/**
 * `extra`: what the composer adds at the moment of sending (the autosaved draft's id, once any
 * save on the wire has ended).
 */
export function useComposeSend(
  accountId: string,
  onQueued: (entry: OutboxEntry, draft: ComposeDraft) => void,
  extra: () => Promise<Partial<ComposeInput>> = async () => ({}),
): ComposeSend {
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<SendProblem | null>(null);

  const send = async (draft: ComposeDraft, confirmed: SendConfirmed = {}) => {
    if (busy) return;
    const stop = precheck(draft, confirmed);
    if (stop) return setProblem(stop);
    setBusy(true);
    setProblem(null);
    try {
      const more = { ...(confirmed.outside ? { confirmOutsideDomain: true } : {}), ...(await extra()) };
      const entry = await invoke('compose.send', toComposeInput(draft, accountId, more));
      onQueued(entry, draft);
    } catch (e) {
      setProblem(problemOf(e, draft, confirmed));
    } finally {
      setBusy(false);
    }
  };
  return { busy, problem, send, dismiss: () => setProblem(null) };
}
