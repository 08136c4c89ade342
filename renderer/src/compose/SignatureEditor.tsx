// "Chữ ký…": the signature of one sending address (the unit's, or the user's own), in the
// administrative style: name, title, unit, phone and further lines, and whether it goes under
// every message automatically. Read with signatures.get (a suggestion from the signing identity
// when none is stored), saved with signatures.set. Opened from the composer and from settings.
import { useEffect, useId, useRef, useState } from 'react';
import { renderSignature, type MailSignature } from '../../../shared/mail-signature.ts';
import { invoke, toUiError, type UiError } from '../api.ts';
import { ErrorNotice } from '../components/ErrorNotice.tsx';
import { keepTabInside } from '../components/useModalFocus.ts';
import { useT } from '../i18n/useT.ts';

type Field = 'name' | 'title' | 'unit' | 'phone';
const FIELDS: Field[] = ['name', 'title', 'unit', 'phone'];
const EMPTY: MailSignature = { name: '', title: '', unit: '', phone: '', extra: '', auto: true };

interface Props {
  address: string;
  onSaved(signature: MailSignature | null): void;
  onClose(): void;
}

function useStoredSignature(address: string) {
  const [value, setValue] = useState<MailSignature | null>(null);
  const [error, setError] = useState<UiError | null>(null);
  useEffect(() => {
    let live = true;
    invoke('signatures.get', { address })
      .then((r) => live && setValue(r.signature ?? EMPTY))
      .catch((e: unknown) => {
        if (!live) return;
        setError(toUiError(e));
        setValue(EMPTY);
      });
    return () => {
      live = false;
    };
  }, [address]);
  return { value, setValue, error, setError };
}

function SignatureFields({ value, set }: { value: MailSignature | null; set(patch: Partial<MailSignature>): void }) {
  const { t } = useT('compose');
  const ids = useId();
  return (
    <>
      {FIELDS.map((f) => (
        <div className="field" key={f}>
          <label htmlFor={`${ids}-${f}`}>{t(`signature.${f === 'title' ? 'jobTitle' : f}`)}</label>
          <input
            id={`${ids}-${f}`}
            data-testid={`signature-${f}`}
            value={value?.[f] ?? ''}
            disabled={!value}
            onChange={(e) => set({ [f]: e.target.value })}
          />
        </div>
      ))}
      <div className="field span-2">
        <label htmlFor={`${ids}-extra`}>{t('signature.extra')}</label>
        <textarea
          id={`${ids}-extra`}
          data-testid="signature-extra"
          rows={2}
          value={value?.extra ?? ''}
          disabled={!value}
          onChange={(e) => set({ extra: e.target.value })}
        />
      </div>
      <label className="checkbox span-2">
        <input
          type="checkbox"
          data-testid="signature-auto"
          checked={value?.auto ?? true}
          disabled={!value}
          onChange={(e) => set({ auto: e.target.checked })}
        />
        <span>{t('signature.auto')}</span>
      </label>
    </>
  );
}

export function SignatureEditor({ address, onSaved, onClose }: Props) {
  const { t } = useT('compose');
  const ref = useRef<HTMLDialogElement>(null);
  const titleId = useId();
  const { value, setValue, error, setError } = useStoredSignature(address);
  const [busy, setBusy] = useState(false);
  useEffect(() => {
    const dialog = ref.current;
    if (dialog && !dialog.open) dialog.showModal();
    return () => dialog?.close();
  }, []);
  const set = (patch: Partial<MailSignature>) => setValue((v) => ({ ...(v ?? EMPTY), ...patch }));
  const save = async () => {
    if (!value) return;
    setBusy(true);
    setError(null);
    try {
      const signature = renderSignature(value) ? value : null;
      await invoke('signatures.set', { address, signature });
      onSaved(signature);
    } catch (e) {
      setError(toUiError(e));
      setBusy(false);
    }
  };
  return (
    <dialog
      ref={ref}
      className="dialog signature-editor"
      data-testid="signature-editor"
      aria-labelledby={titleId}
      onKeyDown={(e) => keepTabInside(e.currentTarget, e)}
      onCancel={(e) => {
        e.preventDefault();
        onClose();
      }}
    >
      <h2 id={titleId} className="dialog-title">
        {t('signature.title', { address })}
      </h2>
      <form
        className="dialog-body form-grid"
        onSubmit={(e) => {
          e.preventDefault();
          void save();
        }}
      >
        <SignatureFields value={value} set={set} />
        {error && <ErrorNotice error={error} testId="signature-error" />}
        <div className="dialog-actions span-2">
          <button type="button" className="btn" data-testid="signature-cancel" onClick={onClose}>
            {t('signature.cancel')}
          </button>
          <button type="submit" className="btn btn-primary" data-testid="signature-save" disabled={!value || busy}>
            {t('signature.save')}
          </button>
        </div>
      </form>
    </dialog>
  );
}
