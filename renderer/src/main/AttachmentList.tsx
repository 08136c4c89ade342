// Name, type and size of each attachment, with "Save…" through main's native
// dialog. Possibly dangerous files carry a badge, and saving them needs a
// confirmation that names the real extension and why it is risky.
import { useTranslation } from 'react-i18next';
import { classifyAttachment } from '../../../shared/attachment-risk.ts';
import type { AttachmentInfo } from '../../../shared/mail.ts';
import { ErrorNotice } from '../components/ErrorNotice.tsx';
import { Icon } from '../components/Icon.tsx';
import { formatSize } from '../format/size.ts';
import { localeOf } from '../i18n/index.ts';
import { useMailT } from '../mail/i18n.ts';
import { AttachmentRiskConfirm } from './AttachmentRiskConfirm.tsx';
import { useAttachmentSave, type AttachmentSave, type AttachmentSource } from './useAttachmentSave.ts';

export type { AttachmentSource } from './useAttachmentSave.ts';

export function AttachmentList({ attachments, source }: { attachments: AttachmentInfo[]; source: AttachmentSource }) {
  const { t } = useTranslation();
  const saving = useAttachmentSave(source);
  if (attachments.length === 0) return null;
  const pending = saving.confirming !== null ? attachments.find((a) => a.index === saving.confirming) : undefined;
  const pendingRisk = pending ? classifyAttachment(pending.filename, pending.contentType) : null;
  return (
    <section
      className="attachments"
      data-testid="attachment-list"
      aria-label={t('reader.attachments', { count: attachments.length })}
    >
      <h3 className="attachments-title">
        <Icon name="paperclip" /> {t('reader.attachments', { count: attachments.length })}
      </h3>
      <ul>
        {attachments.map((a) => (
          <AttachmentItem key={a.index} attachment={a} canSave={Boolean(source.accountId)} saving={saving} />
        ))}
      </ul>
      {saving.error && <ErrorNotice error={saving.error} testId="attachment-error" />}
      {pending && pendingRisk && (
        <AttachmentRiskConfirm
          risk={pendingRisk}
          index={pending.index}
          onConfirm={() => void saving.save(pending.index)}
          onCancel={saving.cancelConfirmation}
        />
      )}
    </section>
  );
}

function AttachmentItem({
  attachment: a,
  canSave,
  saving,
}: {
  attachment: AttachmentInfo;
  canSave: boolean;
  saving: AttachmentSave;
}) {
  const { i18n } = useTranslation();
  const tm = useMailT();
  const risk = classifyAttachment(a.filename, a.contentType);
  const shown = a.filename ? risk.shownName : `#${a.index + 1}`;
  const savedTo = saving.saved[a.index];
  return (
    <li
      className={risk.risky ? 'attachment attachment-risky' : 'attachment'}
      data-testid="attachment-item"
      data-risky={risk.risky}
      title={shown}
    >
      <span className="attachment-name" data-testid="attachment-name">
        {/* Isolated left-to-right: a reordering character in the name can't flip what surrounds it. */}
        <bdi dir="ltr">{shown}</bdi>
      </span>
      <span className="attachment-meta">
        {a.contentType} · {formatSize(a.size, localeOf(i18n.language))}
      </span>
      {risk.risky && (
        <span className="risk-badge" data-testid="attachment-risk-badge">
          <Icon name="warning" /> {tm('attachment.risky')}
          {risk.extensionRisky && <code className="risk-ext">.{risk.extension}</code>}
        </span>
      )}
      {risk.archive && !risk.risky && (
        <span className="risk-badge risk-badge-note" data-testid="attachment-archive-note">
          <Icon name="warning" /> {tm('attachment.archive')}
        </span>
      )}
      <span className="attachment-actions">
        <span className="tooltip-wrap" title={canSave ? '' : tm('attachment.noAccount')}>
          <button
            type="button"
            className="btn btn-small"
            disabled={!canSave || saving.busy !== null}
            onClick={() => (risk.risky ? saving.askConfirmation(a.index) : void saving.save(a.index))}
            data-testid="attachment-save"
          >
            {saving.busy === a.index ? tm('attachment.saving') : tm('attachment.save')}
          </button>
        </span>
        {savedTo && (
          <span className="small attachment-saved" data-testid="attachment-saved" title={savedTo}>
            {tm('attachment.savedTo', { path: savedTo })}
          </span>
        )}
      </span>
    </li>
  );
}
