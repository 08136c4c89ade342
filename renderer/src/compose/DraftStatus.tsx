// The quiet line under the composer that says where the draft is: "Đã lưu nháp lúc 09:41", or
// saved on this PC only with the server's reason, or that even this PC could not keep it.
import type { DraftSaved } from '../../../shared/compose.ts';
import { formatTime } from '../format/date.ts';
import { useT } from '../i18n/useT.ts';
import type { Autosave } from './useDraftAutosave.ts';

function text(saved: DraftSaved, t: ReturnType<typeof useT<'compose'>>['t'], locale: string): string {
  const time = formatTime(Date.parse(saved.savedAt), locale);
  if (saved.onServer) return t('draft.saved', { time });
  return t('draft.savedLocal', { time, reason: saved.serverError ?? t('draft.noReason') });
}

export function DraftStatus({ autosave }: { autosave: Pick<Autosave, 'saved' | 'saving' | 'error'> }) {
  const { t, locale } = useT('compose');
  const { saved, saving, error } = autosave;
  const line = error
    ? t('draft.failed', { reason: error.payload.messageVi })
    : saving && !saved
      ? t('draft.saving')
      : saved
        ? text(saved, t, locale)
        : '';
  return (
    <span
      className={`compose-draft-status muted${error ? ' is-error' : ''}`}
      role="status"
      data-testid="compose-draft-status"
      data-on-server={saved ? String(saved.onServer) : undefined}
    >
      {line}
    </span>
  );
}
