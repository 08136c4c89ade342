// The composer's frame: its title bar (widen, close), its footer ("Gửi", read receipt, "Ký số",
// "Chữ ký…", where the draft is saved, "Đóng"), and the file drop and paste it takes anywhere
// in the window.
import { useState, type ClipboardEvent, type DragEvent } from 'react';
import type { UseFormRegister } from 'react-hook-form';
import { Icon } from '../components/Icon.tsx';
import { useT } from '../i18n/useT.ts';
import type { ComposeDraft } from './draft.ts';
import { DraftStatus } from './DraftStatus.tsx';
import type { Autosave } from './useDraftAutosave.ts';

export function ComposerHeader(props: {
  titleId: string;
  title: string;
  wide: boolean;
  onWide(): void;
  onClose(): void;
}) {
  const { t } = useT('compose');
  const wideLabel = props.wide ? t('restore') : t('maximize');
  return (
    <header className="composer-header">
      <h2 id={props.titleId} data-testid="composer-title">
        {props.title}
      </h2>
      <span className="toolbar-spacer" />
      <button
        type="button"
        className="btn-icon"
        aria-label={wideLabel}
        title={wideLabel}
        aria-pressed={props.wide}
        data-testid="composer-wide"
        onClick={props.onWide}
      >
        <Icon name={props.wide ? 'chevronRight' : 'move'} />
      </button>
      <button
        type="button"
        className="btn-icon"
        aria-label={t('closeHint')}
        title={t('closeHint')}
        data-testid="composer-close-x"
        onClick={props.onClose}
      >
        <Icon name="close" />
      </button>
    </header>
  );
}

export function ComposerFooter(props: {
  busy: boolean;
  register: UseFormRegister<ComposeDraft>;
  autosave: Pick<Autosave, 'saved' | 'saving' | 'error'>;
  onSignature(): void;
  onClose(): void;
}) {
  const { t } = useT('compose');
  return (
    <footer className="composer-footer">
      <button
        type="submit"
        className="btn btn-primary"
        data-testid="compose-send"
        title={t('sendHint')}
        disabled={props.busy}
      >
        <Icon name="sent" /> {props.busy ? t('sending') : t('send')}
      </button>
      <label className="checkbox">
        <input type="checkbox" data-testid="compose-receipt" {...props.register('requestReceipt')} />
        <span>{t('receipt')}</span>
      </label>
      <label className="checkbox" title={t('sign.hint')}>
        <input type="checkbox" data-testid="compose-sign" {...props.register('sign')} />
        <span>{t('sign.label')}</span>
      </label>
      <button
        type="button"
        className="btn btn-small btn-ghost"
        data-testid="compose-signature"
        onClick={props.onSignature}
      >
        {t('signature.open')}
      </button>
      <DraftStatus autosave={props.autosave} />
      <span className="toolbar-spacer" />
      <button type="button" className="btn" data-testid="compose-close" onClick={props.onClose}>
        {t('close')}
      </button>
    </footer>
  );
}

export function DropHint() {
  const { t } = useT('compose');
  return (
    <div className="compose-drop-hint" aria-hidden="true">
      {t('attach.dropHere')}
    </div>
  );
}

const hasFiles = (e: DragEvent) => [...e.dataTransfer.types].includes('Files');

/**
 * Files dropped or pasted anywhere in the composer are attached. The editor takes its own
 * (handleDrop/handlePaste) and marks the event handled, so a file is never added twice.
 */
export function useFileDrop(addFiles: (files: File[]) => void) {
  const [dragging, setDragging] = useState(false);
  return {
    dragging,
    handlers: {
      onDragOver: (e: DragEvent<HTMLElement>) => {
        if (!hasFiles(e)) return;
        e.preventDefault();
        setDragging(true);
      },
      onDragLeave: (e: DragEvent<HTMLElement>) => {
        if (!e.currentTarget.contains(e.relatedTarget as Node | null)) setDragging(false);
      },
      onDrop: (e: DragEvent<HTMLElement>) => {
        setDragging(false);
        if (e.defaultPrevented || e.dataTransfer.files.length === 0) return;
        e.preventDefault();
        addFiles([...e.dataTransfer.files]);
      },
      onPaste: (e: ClipboardEvent<HTMLElement>) => {
        if (e.defaultPrevented || e.clipboardData.files.length === 0) return;
        e.preventDefault();
        addFiles([...e.clipboardData.files]);
      },
    },
  };
}
