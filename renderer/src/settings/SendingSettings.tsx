// "Gửi thư" in the settings: the Article 11 sending policy as the IT Centre deployed it
// (read-only: where it was read from or "mặc định", the file's error when it was refused, the
// free-mail and official domains, the size limit), the undo delay (the sendUndoSeconds
// preference, 0–120 s, editable here), and "Chữ ký…" for each address this account sends from.
import { useEffect, useId, useState } from 'react';
import type { SendPolicyView } from '../../../shared/compose.ts';
import { invoke, toUiError, type UiError } from '../api.ts';
import { ErrorNotice } from '../components/ErrorNotice.tsx';
import { SignatureEditor } from '../compose/SignatureEditor.tsx';
import { formatSize } from '../format/size.ts';
import { useT } from '../i18n/useT.ts';
import '../compose/drafts.css';

function UndoSeconds({ initial }: { initial: number }) {
  const { t } = useT('compose');
  const id = useId();
  const [value, setValue] = useState(String(initial));
  const [state, setState] = useState<'idle' | 'saved' | UiError>('idle');
  const n = Number(value);
  const valid = value.trim() !== '' && Number.isInteger(n) && n >= 0 && n <= 120;
  const save = async () => {
    try {
      await invoke('preferences.update', { sendUndoSeconds: n });
      setState('saved');
    } catch (e) {
      setState(toUiError(e));
    }
  };
  return (
    <div className="field">
      <label htmlFor={id}>{t('settings.undoSeconds')}</label>
      <div className="inline-form">
        <input
          id={id}
          type="number"
          min={0}
          max={120}
          step={1}
          value={value}
          aria-invalid={!valid || undefined}
          data-testid="settings-undo-seconds"
          onChange={(e) => {
            setValue(e.target.value);
            setState('idle');
          }}
        />
        <button
          type="button"
          className="btn"
          data-testid="settings-undo-save"
          disabled={!valid}
          onClick={() => void save()}
        >
          {t('settings.undoSave')}
        </button>
        <span role="status" className="muted" data-testid="settings-undo-status">
          {state === 'saved' ? t('settings.undoSaved') : !valid ? t('settings.undoRange') : ''}
        </span>
      </div>
      {typeof state === 'object' && <ErrorNotice error={state} testId="settings-undo-error" />}
    </div>
  );
}

function PolicyView({ policy }: { policy: SendPolicyView }) {
  const { t, locale } = useT('compose');
  return (
    <dl data-testid="send-policy">
      <dt>{t('settings.source')}</dt>
      <dd data-testid="send-policy-source">{policy.source ?? t('settings.defaultSource')}</dd>
      <dt>{t('settings.official')}</dt>
      <dd data-testid="send-policy-official">{policy.officialDomains.join(', ')}</dd>
      <dt>{t('settings.freemail')}</dt>
      <dd data-testid="send-policy-freemail">{policy.freemailDomains.join(', ')}</dd>
      <dt>{t('settings.maxSize')}</dt>
      <dd data-testid="send-policy-max">
        {policy.maxMessageBytes === null ? t('settings.noMaxSize') : formatSize(policy.maxMessageBytes, locale)}
      </dd>
    </dl>
  );
}

export function SendingSettings({ addresses }: { addresses: string[] }) {
  const { t } = useT('compose');
  const [policy, setPolicy] = useState<SendPolicyView | null>(null);
  const [error, setError] = useState<UiError | null>(null);
  const [editing, setEditing] = useState<string | null>(null);
  useEffect(() => {
    invoke('compose.policy', {})
      .then(setPolicy)
      .catch((e: unknown) => setError(toUiError(e)));
  }, []);
  return (
    <section className="card-section send-policy" aria-labelledby="send-settings-title" data-testid="send-settings">
      <h2 id="send-settings-title">{t('settings.title')}</h2>
      <p className="hint">{t('settings.intro')}</p>
      {error && <ErrorNotice error={error} testId="send-policy-load-error" />}
      {policy?.error && (
        <p className="notice notice-error" role="alert" data-testid="send-policy-error">
          {t('settings.fileError', { error: policy.error })}
        </p>
      )}
      {policy && <PolicyView policy={policy} />}
      {policy && <UndoSeconds initial={policy.undoSeconds} />}
      <h3>{t('signature.heading')}</h3>
      <ul className="plain-list">
        {addresses.map((a) => (
          <li key={a}>
            <button
              type="button"
              className="btn btn-small"
              data-testid="settings-signature"
              onClick={() => setEditing(a)}
            >
              {t('signature.openFor', { address: a })}
            </button>
          </li>
        ))}
      </ul>
      {editing && (
        <SignatureEditor address={editing} onSaved={() => setEditing(null)} onClose={() => setEditing(null)} />
      )}
    </section>
  );
}
