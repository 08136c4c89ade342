// "Cấp quyền": a staff address on an official domain, a role (Xem, Xử lý,
// Soạn gửi thay, or rights chosen one by one with their words shown live),
// the scope and the validity. The administer right needs its own explicit
// confirmation; Soạn gửi thay says what the mail server must allow too. The
// request is judged by the contract's own schema (grantSchema.ts).
import { zodResolver } from '@hookform/resolvers/zod';
import { useId, useMemo, useState } from 'react';
import { FormProvider, useForm, useFormContext } from 'react-hook-form';
import {
  GRANT_WARNING_TEXT,
  ROLE_LABELS,
  type DelegationGrant,
  type FolderAcl,
  type GrantResult,
} from '../../../shared/delegation.ts';
import { invoke, toUiError, type UiError } from '../api.ts';
import { FieldError } from '../forms/FieldError.tsx';
import { isValidationKey } from '../forms/issues.ts';
import { useFormValues } from '../forms/useFormValues.ts';
import { dayInput, formatDay } from './format.ts';
import { CustomRights, RightsPreview, RoleChoice } from './GrantRights.tsx';
import { ScopeChoice, ValidityFields } from './GrantScope.tsx';
import { grantFormSchema, initialGrantValues, type GrantRequest, type GrantValues } from './grantSchema.ts';
import { IdentityErrorNotice } from './IdentityErrorNotice.tsx';
import { useDelegationT } from './i18n.ts';

interface Props {
  accountId: string;
  mailbox: string;
  folders: FolderAcl[];
  officialDomains: readonly string[];
  /** A grant to change (the form starts from it). */
  initial: DelegationGrant | null;
  onGranted(result: GrantResult): void;
  onOpenIdentity?: () => void;
}

export function GrantForm({ accountId, mailbox, folders, officialDomains, initial, onGranted, onOpenIdentity }: Props) {
  const { t } = useDelegationT();
  const ids = useId();
  const schema = useMemo(
    () => grantFormSchema({ mailbox, domains: officialDomains, folders }),
    [mailbox, officialDomains, folders],
  );
  const [defaults] = useState(() => initialGrantValues(initial, dayInput(new Date())));
  const form = useForm<GrantValues, unknown, GrantRequest>({
    resolver: zodResolver(schema),
    defaultValues: defaults,
    // Messages follow typing: an address off the official domains is said at once.
    mode: 'onChange',
  });
  const values = useFormValues(form.control);
  const busy = form.formState.isSubmitting;
  // Checked in the render of each change, so the button is never a step behind the fields.
  const ready = schema.safeParse(values).success;
  const [error, setError] = useState<UiError | null>(null);
  const [result, setResult] = useState<GrantResult | null>(null);

  const submit = form.handleSubmit(async (request) => {
    setError(null);
    setResult(null);
    try {
      const granted = await invoke('delegation.grant', { accountId, request });
      setResult(granted);
      onGranted(granted);
    } catch (e) {
      setError(toUiError(e));
    }
  });

  return (
    <FormProvider {...form}>
      <form
        className="grant-form"
        data-testid="grant-form"
        onSubmit={(e) => (busy ? e.preventDefault() : void submit(e))}
        noValidate
      >
        <DelegateField ids={ids} delegate={values.delegate} domains={officialDomains} />
        <RoleChoice />
        {values.role === 'custom' && <CustomRights values={values} />}
        <RightsPreview values={values} />
        <ScopeChoice folders={folders} chosen={values.folders} scope={values.scope} />
        <ValidityFields ids={ids} today={defaults.validFrom} validFrom={values.validFrom} />
        <div className="form-actions">
          {/* Not disabled while sending (aria-disabled): a disabled button would drop the keyboard focus. */}
          <button
            type="submit"
            className="btn btn-primary"
            data-testid="grant-submit"
            disabled={!ready}
            aria-disabled={busy || undefined}
          >
            {busy ? t('form.submitting') : t('form.submit')}
          </button>
        </div>
        {result && <GrantResultNotice result={result} />}
        {error && (
          <IdentityErrorNotice
            error={error}
            testId="grant-error"
            onOpenIdentity={onOpenIdentity}
            note={t('form.identityNeeded')}
          />
        )}
      </form>
    </FormProvider>
  );
}

function DelegateField({ ids, delegate, domains }: { ids: string; delegate: string; domains: readonly string[] }) {
  const { t } = useDelegationT();
  const { register, formState } = useFormContext<GrantValues>();
  // Said once the address has its "@"; until then the hint explains.
  const problem = delegate.includes('@') ? formState.errors.delegate : undefined;
  const shown = isValidationKey(problem?.message);
  return (
    <div className="field">
      <label htmlFor={`${ids}-delegate`}>{t('form.delegate')}</label>
      <input
        id={`${ids}-delegate`}
        type="email"
        data-testid="grant-delegate"
        placeholder={`canbo@${domains[0] ?? 'binhphuoc.gov.vn'}`}
        autoComplete="off"
        aria-invalid={shown}
        {...register('delegate')}
      />
      {shown ? (
        <FieldError
          error={problem}
          label={t('form.delegate')}
          values={{ domains: domains.join(', ') }}
          testId="grant-delegate-error"
        />
      ) : (
        <div className="hint">{t('form.delegateHint', { domains: domains.join(', ') })}</div>
      )}
    </div>
  );
}

function GrantResultNotice({ result }: { result: GrantResult }) {
  const { t, lang, locale } = useDelegationT();
  const scheduled = result.folders.length === 0 && result.warnings.includes('not-yet-valid');
  return (
    <div className="notice notice-ok" role="status" data-testid="grant-result" data-seq={result.record.seq}>
      <p className="notice-message">
        {scheduled
          ? t('form.scheduled', {
              delegate: result.delegate,
              seq: result.record.seq,
              from: formatDay(result.validFrom, locale),
            })
          : t('form.granted', {
              role: ROLE_LABELS[result.role][lang],
              delegate: result.delegate,
              count: result.folders.length,
              seq: result.record.seq,
            })}
      </p>
      {result.warnings
        .filter((w) => w !== 'not-yet-valid')
        .map((w) => (
          <p key={w} className="small" data-testid="grant-warning" data-warning={w}>
            {GRANT_WARNING_TEXT[w][lang]}
          </p>
        ))}
    </div>
  );
}
