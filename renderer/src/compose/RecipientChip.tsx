// One recipient in To/Cc/Bcc: the name (or address), and what is wrong with it in words —
// not a usable address (red, with the reason), free webmail refused by Article 11, or
// outside the official domains — with a button to take it out.
import type { SendPolicyView } from '../../../shared/compose.ts';
import { Icon } from '../components/Icon.tsx';
import { useT } from '../i18n/useT.ts';
import { chipView } from './recipientChips.ts';

export function RecipientChip(props: { text: string; policy: SendPolicyView | null; onRemove(): void }) {
  const { t } = useT('compose');
  const chip = chipView(props.text, props.policy);
  const note =
    chip.problem === 'invalid'
      ? t('recipient.invalid', { reason: t(`recipient.reason.${chip.invalidReason ?? 'format'}`) })
      : chip.problem === 'freemail'
        ? t('recipient.freemail')
        : chip.problem === 'outside'
          ? t('recipient.outside')
          : null;
  return (
    <li
      className={`rcpt-chip${chip.problem ? ` is-${chip.problem}` : ''}`}
      data-testid="recipient-chip"
      data-problem={chip.problem ?? ''}
      title={chip.address && chip.address !== chip.label ? chip.address : undefined}
    >
      {chip.problem && <Icon name="warning" className="rcpt-chip-icon" />}
      <bdi className="rcpt-chip-label">{chip.label}</bdi>
      {note && (
        <span className="rcpt-chip-note" data-testid="recipient-chip-note">
          {note}
        </span>
      )}
      <button
        type="button"
        className="rcpt-chip-remove"
        aria-label={t('recipient.remove', { name: chip.label })}
        title={t('recipient.remove', { name: chip.label })}
        onClick={props.onRemove}
      >
        <Icon name="close" />
      </button>
    </li>
  );
}
