// The composer's header fields: From (the account, or for a delegate the unit mailboxes shared
// with them: sending on behalf), To, Cc and Bcc with chips, and the subject.
import { useId, useState } from 'react';
import { Controller, type Control, type UseFormRegister } from 'react-hook-form';
import type { SendPolicyView } from '../../../shared/compose.ts';
import { useT } from '../i18n/useT.ts';
import type { ComposeDraft } from './draft.ts';
import { RecipientField } from './RecipientField.tsx';

export interface FromChoice {
  /** '' for the account itself; else the unit address (onBehalfOf). */
  value: string;
  label: string;
}

interface Props {
  accountId: string;
  control: Control<ComposeDraft>;
  register: UseFormRegister<ComposeDraft>;
  fromChoices: FromChoice[];
  policy: SendPolicyView | null;
  /** Cc/Bcc open from the start (they hold something). */
  showCopies: boolean;
  focusTo: boolean;
}

function FromRow({ choices, register }: { choices: FromChoice[]; register: UseFormRegister<ComposeDraft> }) {
  const { t } = useT('compose');
  const id = useId();
  return (
    <div className="compose-row">
      <label className="compose-label" htmlFor={id}>
        {t('from')}
      </label>
      {choices.length > 1 ? (
        <select id={id} className="compose-from" data-testid="compose-from" {...register('from')}>
          {choices.map((c) => (
            <option key={c.value} value={c.value}>
              {c.label}
            </option>
          ))}
        </select>
      ) : (
        <output id={id} className="compose-from-fixed" data-testid="compose-from">
          {choices[0]?.label ?? ''}
        </output>
      )}
    </div>
  );
}

export function ComposerFields(props: Props) {
  const { t } = useT('compose');
  const [copies, setCopies] = useState(props.showCopies);
  const subjectId = useId();
  const recipients = (name: 'to' | 'cc' | 'bcc', label: string, autoFocus = false) => (
    <Controller
      control={props.control}
      name={name}
      render={({ field }) => (
        <RecipientField
          accountId={props.accountId}
          label={label}
          testId={`compose-${name}`}
          value={field.value}
          onChange={field.onChange}
          policy={props.policy}
          autoFocus={autoFocus}
        />
      )}
    />
  );
  return (
    <div className="compose-fields">
      <FromRow choices={props.fromChoices} register={props.register} />
      <div className="compose-to-line">
        {recipients('to', t('to'), props.focusTo)}
        {!copies && (
          <button
            type="button"
            className="btn btn-small btn-ghost"
            data-testid="compose-show-cc"
            onClick={() => setCopies(true)}
          >
            {t('showCcBcc')}
          </button>
        )}
      </div>
      {copies && recipients('cc', t('cc'))}
      {copies && recipients('bcc', t('bcc'))}
      <div className="compose-row">
        <label className="compose-label" htmlFor={subjectId}>
          {t('subject')}
        </label>
        <input
          id={subjectId}
          className="compose-subject"
          data-testid="compose-subject"
          {...props.register('subject')}
        />
      </div>
    </div>
  );
}
