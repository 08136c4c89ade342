// The directives (chỉ đạo, văn bản đến) of every folder, from the cache, and
// the toast that announces new ones (directives.new) with a way to view them.
import { useEffect, useEffectEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { CachedSummary } from '../../../../shared/mail.ts';
import { invoke, onEvent } from '../../api.ts';
import { useLive, type Live } from '../../hooks/useLive.ts';
import { mergeRows } from '../../list/arrange.ts';
import type { RowMessage } from '../../list/rows.ts';
import type { ToastApi } from '../Toasts.tsx';
import { UrgencyBadge } from '../UrgencyBadge.tsx';

export function useDirectives(accountId: string, toasts: ToastApi, onView: () => void): Live<CachedSummary[]> {
  const { t } = useTranslation();
  const directives = useLive(accountId, () => invoke('cache.directives', { accountId, limit: 500 }));

  const onNewDirectives = useEffectEvent((messages: RowMessage[]) => {
    if (messages.length === 0) return;
    directives.update((list) => mergeRows(list, messages));
    const top = [...messages].sort((a, b) => b.urgency - a.urgency)[0] as RowMessage;
    toasts.push({
      kind: 'directive',
      lead: <UrgencyBadge level={top.urgency} kind={top.directiveKind} />,
      text:
        messages.length === 1
          ? t('directives.newOne', { subject: top.subject || t('main.noSubject') })
          : t('directives.newMany', { n: messages.length }),
      action: { label: t('directives.view'), run: onView, testId: 'toast-view-directives' },
      testId: 'toast-directive',
      timeout: 15_000,
    });
  });
  useEffect(
    () =>
      onEvent('directives.new', (event) => {
        if (event.accountId === accountId) onNewDirectives(event.messages);
      }),
    [accountId],
  );
  return directives;
}
