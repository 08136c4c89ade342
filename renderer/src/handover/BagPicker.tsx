// Choosing a handover package: its folder or its .tar, and optionally the CA
// certificate the signer's chain must lead to (without one, a self-signed
// signer is reported as such, with its fingerprint to compare).
import { useState } from 'react';
import { invoke, toUiError, type UiError } from '../api.ts';
import { ErrorNotice } from '../components/ErrorNotice.tsx';
import { baseName } from '../format/filename.ts';
import { useHandoverT } from './i18n.ts';

export interface BagChoice {
  path: string;
  caPath: string | null;
}

interface Props {
  value: BagChoice | null;
  onChange(value: BagChoice | null): void;
  testId: string;
  disabled?: boolean;
}

export function BagPicker({ value, onChange, testId, disabled }: Props) {
  const { t } = useHandoverT();
  const [error, setError] = useState<UiError | null>(null);

  async function pick(kind: 'dir' | 'tar' | 'ca') {
    setError(null);
    try {
      const picked =
        kind === 'dir'
          ? await invoke('handover.pickDirectory', { purpose: 'bag' })
          : await invoke('handover.pickFile', { purpose: kind === 'tar' ? 'bag-tar' : 'ca' });
      if (!picked) return;
      if (kind === 'ca') {
        if (value) onChange({ ...value, caPath: picked.path });
      } else {
        onChange({ path: picked.path, caPath: value?.caPath ?? null });
      }
    } catch (e) {
      setError(toUiError(e));
    }
  }

  return (
    <div className="bag-picker" data-testid={testId}>
      <div className="field">
        <span className="label">{t('bag.package')}</span>
        <div className="inline-row">
          <button
            type="button"
            className="btn"
            data-testid={`${testId}-dir`}
            disabled={disabled}
            onClick={() => void pick('dir')}
          >
            {t('bag.pickDir')}
          </button>
          <button
            type="button"
            className="btn"
            data-testid={`${testId}-tar`}
            disabled={disabled}
            onClick={() => void pick('tar')}
          >
            {t('bag.pickTar')}
          </button>
          <code className="path" data-testid={`${testId}-path`}>
            {value ? value.path : t('bag.none')}
          </code>
        </div>
      </div>
      <CaField
        value={value}
        testId={testId}
        disabled={disabled}
        onPick={() => void pick('ca')}
        onRemove={() => {
          if (value) onChange({ ...value, caPath: null });
        }}
      />
      {error && <ErrorNotice error={error} testId={`${testId}-error`} />}
    </div>
  );
}

interface CaProps {
  value: BagChoice | null;
  testId: string;
  disabled: boolean | undefined;
  onPick(): void;
  onRemove(): void;
}

/** The CA certificate the signer's chain must lead to (optional). */
function CaField({ value, testId, disabled, onPick, onRemove }: CaProps) {
  const { t } = useHandoverT();
  return (
    <div className="field">
      <span className="label">{t('bag.ca')}</span>
      <div className="inline-row">
        <button
          type="button"
          className="btn btn-small"
          data-testid={`${testId}-ca`}
          disabled={disabled || !value}
          onClick={onPick}
        >
          {t('bag.pickCa')}
        </button>
        {value?.caPath ? (
          <>
            <span className="file-name" data-testid={`${testId}-ca-file`}>
              {baseName(value.caPath)}
            </span>
            <button type="button" className="btn btn-link" disabled={disabled} onClick={onRemove}>
              {t('bag.removeCa')}
            </button>
          </>
        ) : (
          <span className="muted small">{t('bag.noCa')}</span>
        )}
      </div>
    </div>
  );
}
