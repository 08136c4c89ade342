// Closing a composer that holds something: "Lưu nháp" (keep it in Thư nháp and close), "Bỏ thư"
// (close; an autosaved draft goes too) or "Tiếp tục soạn" (back to writing, focused first so
// Enter or Esc never loses anything).
import { useEffect, useId, useRef } from 'react';
import { keepTabInside } from '../components/useModalFocus.ts';
import { useT } from '../i18n/useT.ts';

interface Props {
  saving: boolean;
  onSave(): void;
  onDiscard(): void;
  onKeep(): void;
}

export function CloseChoice({ saving, onSave, onDiscard, onKeep }: Props) {
  const { t } = useT('compose');
  const ref = useRef<HTMLDialogElement>(null);
  const titleId = useId();
  useEffect(() => {
    const dialog = ref.current;
    if (dialog && !dialog.open) dialog.showModal();
    return () => dialog?.close();
  }, []);
  return (
    <dialog
      ref={ref}
      className="dialog"
      data-testid="compose-discard"
      aria-labelledby={titleId}
      onKeyDown={(e) => keepTabInside(e.currentTarget, e)}
      onCancel={(event) => {
        event.preventDefault();
        onKeep();
      }}
    >
      <h2 id={titleId} className="dialog-title">
        {t('discard.title')}
      </h2>
      <div className="dialog-body">
        <p>{t('discard.body')}</p>
      </div>
      <div className="dialog-actions">
        <button type="button" className="btn" data-testid="dialog-cancel" onClick={onKeep}>
          {t('discard.keep')}
        </button>
        <button type="button" className="btn btn-danger" data-testid="dialog-confirm" onClick={onDiscard}>
          {t('discard.discard')}
        </button>
        <button
          type="button"
          className="btn btn-primary"
          data-testid="compose-save-draft"
          disabled={saving}
          onClick={onSave}
        >
          {t('discard.save')}
        </button>
      </div>
    </dialog>
  );
}
