// The rights part of the grant form: the role, rights chosen one by one (with
// the administer right's own confirmation) and, live, what they allow in words.
import { useFormContext } from 'react-hook-form';
import {
  ACL_RIGHTS,
  DELEGATION_ROLES,
  GRANT_WARNING_TEXT,
  RIGHT_WORDS,
  ROLE_LABELS,
  normalizeRights,
  rightsInWords,
  type AclRight,
} from '../../../shared/delegation.ts';
import { Icon } from '../components/Icon.tsx';
import { FieldError } from '../forms/FieldError.tsx';
import { rightsOf, type GrantValues } from './grantSchema.ts';
import { useDelegationT } from './i18n.ts';

/** Letters offered one by one; `a` has its own confirmation below them. */
const CUSTOM_LETTERS = ACL_RIGHTS.filter((r) => r !== 'a');

export function RoleChoice() {
  const { t, lang } = useDelegationT();
  const { register } = useFormContext<GrantValues>();
  return (
    <fieldset className="role-choice">
      <legend className="label">{t('form.role')}</legend>
      {DELEGATION_ROLES.map((r) => (
        <label key={r} className="radio role-option" data-testid="grant-role-option" data-role={r}>
          <input type="radio" value={r} data-testid={`grant-role-${r}`} {...register('role')} />
          <span>
            <strong>{ROLE_LABELS[r][lang]}</strong>
            <span className="hint"> — {t(`form.roleHelp.${r}`)}</span>
          </span>
        </label>
      ))}
    </fieldset>
  );
}

export function CustomRights({ values }: { values: GrantValues }) {
  const { t, lang } = useDelegationT();
  const { register, setValue, formState } = useFormContext<GrantValues>();
  const letters = register('letters');
  // Typed letters are lower-cased and spaces dropped before the form reads them.
  const typeLetters: typeof letters.onChange = (event) => {
    event.target.value = event.target.value.toLowerCase().replace(/\s/g, '');
    return letters.onChange(event);
  };
  const custom = normalizeRights(values.letters);
  const toggle = (letter: AclRight, on: boolean) => {
    const next = normalizeRights(on ? values.letters + letter : values.letters.replaceAll(letter, '')).rights;
    setValue('letters', next, { shouldValidate: true });
    if (letter === 'a' && !on) setValue('allowAdmin', false, { shouldValidate: true });
  };
  const invalid = formState.errors.letters;
  return (
    <fieldset className="custom-rights" data-testid="custom-rights">
      <legend className="label">{t('form.customLegend')}</legend>
      <div className="rights-grid">
        {CUSTOM_LETTERS.map((r) => (
          <label key={r} className="checkbox" title={r}>
            <input
              type="checkbox"
              data-testid={`right-${r}`}
              checked={custom.rights.includes(r)}
              onChange={(e) => toggle(r, e.target.checked)}
            />
            <span>{RIGHT_WORDS[r][lang]}</span>
          </label>
        ))}
      </div>
      <div className="admin-right">
        <div className="label">{t('form.adminLegend')}</div>
        <label className="checkbox" title="a">
          <input
            type="checkbox"
            data-testid="right-a"
            checked={custom.rights.includes('a')}
            onChange={(e) => toggle('a', e.target.checked)}
          />
          <span>{RIGHT_WORDS.a[lang]}</span>
        </label>
        {custom.rights.includes('a') && (
          <div className="notice notice-warning" role="alert" data-testid="admin-warning">
            <p className="notice-message">
              <Icon name="warning" /> {GRANT_WARNING_TEXT['admin-right'][lang]}
            </p>
            <label className="checkbox">
              <input type="checkbox" data-testid="admin-confirm" {...register('allowAdmin')} />
              <span>{t('form.adminConfirm')}</span>
            </label>
          </div>
        )}
      </div>
      <label className="field letters-field">
        <span className="hint">{t('form.lettersLabel')}</span>
        <input
          type="text"
          className="mono"
          data-testid="custom-letters"
          spellCheck={false}
          aria-invalid={custom.invalid.length > 0}
          {...letters}
          onChange={typeLetters}
        />
      </label>
      {custom.invalid.length > 0 && (
        <FieldError error={invalid} values={{ letters: custom.invalid.join(', ') }} testId="custom-letters-error" />
      )}
    </fieldset>
  );
}

export function RightsPreview({ values }: { values: GrantValues }) {
  const { t, lang } = useDelegationT();
  const rights = rightsOf(values);
  const words = rightsInWords(rights, lang);
  return (
    <>
      <p
        className="rights-preview"
        data-testid="grant-preview"
        data-rights={rights}
        title={t('form.lettersTip', { letters: rights })}
      >
        {words.length ? t('form.preview', { words: words.join(', ') }) : t('form.previewEmpty')}
      </p>
      {rights.includes('p') && (
        <p className="notice notice-info" data-testid="smtp-note">
          {GRANT_WARNING_TEXT['smtp-sender-needed'][lang]}
        </p>
      )}
    </>
  );
}
