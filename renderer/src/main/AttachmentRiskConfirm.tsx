// The confirmation before saving a possibly dangerous attachment: its real
// name and type, its real extension, and why it is risky.
import { useTranslation } from 'react-i18next';
import type { AttachmentRisk } from '../../../shared/attachment-risk.ts';
import { ConfirmDialog } from '../components/ConfirmDialog.tsx';
import { useMailT, type MailT } from '../mail/i18n.ts';

function reasonLines(risk: AttachmentRisk, tm: MailT): string[] {
  const values = { ext: risk.extension, decoy: risk.decoyExtension ?? '', type: risk.contentType || '—' };
  return risk.reasons.map((reason) =>
    reason === 'double-extension' && !risk.decoyExtension
      ? tm('attachment.reason.padded', values)
      : tm(`attachment.reason.${reason}`, values),
  );
}

interface Props {
  risk: AttachmentRisk;
  index: number;
  onConfirm(): void;
  onCancel(): void;
}

export function AttachmentRiskConfirm({ risk, index, onConfirm, onCancel }: Props) {
  const { t } = useTranslation();
  const tm = useMailT();
  return (
    <ConfirmDialog
      title={tm('attachment.confirmTitle')}
      confirmLabel={
        risk.extension ? tm('attachment.confirmSave', { ext: risk.extension }) : tm('attachment.confirmSaveNoExt')
      }
      cancelLabel={t('form.cancel')}
      onConfirm={onConfirm}
      onCancel={onCancel}
      testId="attachment-confirm"
    >
      <dl className="risk-facts">
        <dt>{tm('attachment.fileName')}</dt>
        <dd>
          <code className="link-url-big" data-testid="attachment-confirm-name">
            <bdi dir="ltr">{risk.shownName || `#${index + 1}`}</bdi>
          </code>
        </dd>
        <dt>{tm('attachment.contentType')}</dt>
        <dd>
          <code>{risk.contentType || '—'}</code>
        </dd>
      </dl>
      <p className="risk-ext-line" data-testid="attachment-confirm-ext">
        <strong>
          {risk.extension ? tm('attachment.realExtension', { ext: risk.extension }) : tm('attachment.noExtension')}
        </strong>
      </p>
      <ul className="risk-reasons" data-testid="attachment-confirm-reasons">
        {reasonLines(risk, tm).map((line) => (
          <li key={line}>{line}</li>
        ))}
      </ul>
      <p className="muted">{tm('attachment.confirmWarn')}</p>
    </ConfirmDialog>
  );
}
