// Before a possibly dangerous file is attached (the reading side's attachment-risk list): its
// name as the system sees it and why it is risky, with "Vẫn đính kèm" and "Không đính kèm".
import { classifyAttachment } from '../../../shared/attachment-risk.ts';
import { ConfirmDialog } from '../components/ConfirmDialog.tsx';
import { useT } from '../i18n/useT.ts';
import { useMailT } from '../mail/i18n.ts';
import type { AttachmentItem } from './draft.ts';

export function RiskyAttachmentConfirm(props: { items: AttachmentItem[]; onConfirm(): void; onCancel(): void }) {
  const { t } = useT('compose');
  const tm = useMailT();
  return (
    <ConfirmDialog
      title={t('attach.riskyTitle')}
      confirmLabel={t('attach.riskyConfirm')}
      cancelLabel={t('attach.riskyCancel')}
      onConfirm={props.onConfirm}
      onCancel={props.onCancel}
      testId="compose-risky-confirm"
      danger
    >
      <p>{t('attach.riskyIntro')}</p>
      <ul className="risk-reasons" data-testid="compose-risky-files">
        {props.items.map((item) => {
          const risk = classifyAttachment(item.name, item.contentType);
          const values = { ext: risk.extension, decoy: risk.decoyExtension ?? '', type: risk.contentType || '—' };
          return (
            <li key={item.id}>
              <code>
                <bdi dir="ltr">{risk.shownName}</bdi>
              </code>
              {': '}
              {risk.reasons
                .map((r) =>
                  r === 'double-extension' && !risk.decoyExtension
                    ? tm('attachment.reason.padded', values)
                    : tm(`attachment.reason.${r}`, values),
                )
                .join(' ')}
            </li>
          );
        })}
      </ul>
      <p className="muted">{t('attach.riskyWarn')}</p>
    </ConfirmDialog>
  );
}
