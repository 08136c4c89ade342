// The outgoing head's certificate fingerprint, received another way (in person,
// by phone, on paper): when given, the package is authenticated only if that
// certificate signed it (verify and accept both take it).
import { useId, useState } from 'react';
import { signerFingerprintSchema } from '../../../shared/contract-handover.ts';
import { useHandoverT } from './i18n.ts';

export interface ExpectedSigner {
  text: string;
  setText(text: string): void;
  /** Something typed that is not a SHA-256 fingerprint: the check cannot start. */
  invalid: boolean;
  /** What to add to handover.verify / handover.accept. */
  input: { expectSigner?: string };
}

export function useExpectedSigner(): ExpectedSigner {
  const [text, setText] = useState('');
  const parsed = text.trim() ? signerFingerprintSchema.safeParse(text) : null;
  return {
    text,
    setText,
    invalid: parsed !== null && !parsed.success,
    input: parsed?.success ? { expectSigner: parsed.data } : {},
  };
}

export function ExpectedSignerField(props: {
  testId: string;
  signer: ExpectedSigner;
  disabled?: boolean;
  onChange?(): void;
}) {
  const { t } = useHandoverT();
  const id = useId();
  const { signer } = props;
  return (
    <div className="field">
      <label className="label" htmlFor={id}>
        {t('verify.expectSigner')}
      </label>
      <input
        id={id}
        type="text"
        className="fingerprint-input"
        data-testid={props.testId}
        spellCheck={false}
        autoComplete="off"
        placeholder="AB:CD:…"
        value={signer.text}
        disabled={props.disabled}
        aria-invalid={signer.invalid}
        aria-describedby={`${id}-hint`}
        onChange={(e) => {
          signer.setText(e.target.value);
          props.onChange?.();
        }}
      />
      <span
        id={`${id}-hint`}
        className={signer.invalid ? 'field-error' : 'muted small'}
        data-testid={`${props.testId}-hint`}
      >
        {signer.invalid ? t('verify.expectSignerInvalid') : t('verify.expectSignerHint')}
      </span>
    </div>
  );
}
