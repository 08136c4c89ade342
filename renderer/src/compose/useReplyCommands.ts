// New, Reply, Reply all, Forward and Forward as attachment from the mail view: the open
// message prefilled into a composer (prefill.ts), sent from the unit mailbox it lies in when
// that mailbox is shared with this account; and their keys (Ctrl+N, Ctrl+R, Ctrl+Shift+R,
// Ctrl+L / Ctrl+Shift+F) while no window is open over the view.
import { useEffect, useEffectEvent } from 'react';
import type { AccountSummary } from '../../../shared/account.ts';
import { formatFullDate } from '../format/date.ts';
import { useStable } from '../hooks/useStable.ts';
import { useT } from '../i18n/useT.ts';
import type { Mailbox } from '../main/model/useMailbox.ts';
import { prefillDraft, type PrefillWords, type ReplyMode } from './prefill.ts';
import { quoteSource } from './quoteSource.ts';
import { composeCommandFor } from './shortcuts.ts';
import type { ComposeHost } from './useComposeHost.ts';

export interface ReplyCommands {
  /** Whether a message is open to answer. */
  canReply: boolean;
  newMessage(): void;
  reply(mode: ReplyMode): void;
}

function usePrefillWords(): PrefillWords {
  const { t, locale } = useT('compose');
  return {
    replyHeader: (date, name) => t('quote.header', { date, name }),
    forward: {
      separator: t('quote.separator'),
      from: t('quote.from'),
      date: t('quote.date'),
      subject: t('quote.subject'),
      to: t('quote.to'),
      cc: t('quote.cc'),
    },
    messageFile: (subject) =>
      t('quote.messageFile', { subject: subject.replace(/[\\/:*?"<>|]+/g, ' ').trim() || t('quote.noSubject') }),
    formatDate: (iso) => formatFullDate(iso, locale),
  };
}

export function useReplyCommands(opts: {
  account: AccountSummary;
  box: Mailbox;
  host: ComposeHost;
  /** Another window is open over the view: the keys are its. */
  suspended: boolean;
}): ReplyCommands {
  const { account, box, host } = opts;
  const words = usePrefillWords();
  const state = box.message.detail.state;
  const reply = useStable((mode: ReplyMode) => {
    if (state.status !== 'ok') return;
    const message = state.value;
    const unit = box.folders.shared.unitOf(message.folder);
    const ownAddresses = [account.email, ...(unit ? [unit.owner] : [])];
    const size = box.message.row()?.msg.size ?? null;
    const draft = prefillDraft(mode, { message, body: quoteSource(message), ownAddresses, size }, words);
    host.open(mode, unit && !unit.lost ? { ...draft, from: unit.owner } : draft);
  });
  const newMessage = useStable(() => host.open('new'));

  const onKeyDown = useEffectEvent((e: KeyboardEvent) => {
    if (opts.suspended || host.busy || document.querySelector('dialog[open]')) return;
    const command = composeCommandFor(e);
    if (!command) return;
    e.preventDefault();
    if (command === 'new') newMessage();
    else reply(command);
  });
  useEffect(() => {
    const handler = (e: KeyboardEvent) => onKeyDown(e);
    window.addEventListener('keydown', handler);
    return () => window.removeEventListener('keydown', handler);
  }, []);
  return { canReply: state.status === 'ok', newMessage, reply };
}
