import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { AttachmentInfo } from '../../../shared/mail.ts';
import { invoke, toUiError, type UiError } from '../api.ts';
import { ConfirmDialog } from '../components/ConfirmDialog.tsx';
import { ErrorNotice } from '../components/ErrorNotice.tsx';
import { Icon } from '../components/Icon.tsx';
import { formatSize } from '../format/size.ts';
import { localeOf } from '../i18n/index.ts';
import { classifyAttachment, type AttachmentRisk } from '../../../shared/attachment-risk.ts';
import { useMailT, type MailT } from '../mail/i18n.ts';

/** Where the attachments come from; accountId null while it is not known (saving disabled). */
export interface AttachmentSource {
  accountId: string | null;
  folder: string;
  uid: number;
}

interface SaveState {
  /** The message the state belongs to. */
  key: string;
  busy: number | null;
  saved: Record<number, string>;
  error: UiError | null;
}

function reasonLines(risk: AttachmentRisk, tm: MailT): string[] {
  const values = { ext: risk.extension, decoy: risk.decoyExtension ?? '', type: risk.contentType || '—' };
  return risk.reasons.map((reason) =>
    reason === 'double-extension' && !risk.decoyExtension
      ? tm('attachment.reason.padded', values)
      : tm(`attachment.reason.${reason}`, values),
  );
}

/**
 * Name, type and size of each attachment, with "Save…" through main's native
 * dialog. Possibly dangerous files carry a badge, and saving them needs a
 * confirmation that names the real extension and why it is risky.
 */
export function AttachmentList({ attachments, source }: { attachments: AttachmentInfo[]; source: AttachmentSource }) {
  const { t, i18n } = useTranslation();
  const tm = useMailT();
  const key = JSON.stringify([source.accountId, source.folder, source.uid]);
  const [state, setState] = useState<SaveState | null>(null);
  const [confirming, setConfirming] = useState<{ key: string; index: number } | null>(null);
  if (attachments.length === 0) return null;
  const locale = localeOf(i18n.language);
  const current = state?.key === key ? state : { key, busy: null, saved: {}, error: null };
  const pending = confirming?.key === key ? attachments.find((a) => a.index === confirming.index) : undefined;

  async function save(index: number): Promise<void> {
    setConfirming(null);
    if (!source.accountId) return;
    setState({ ...current, busy: index, error: null });
    try {
      const result = await invoke('attachments.save', {
        accountId: source.accountId,
        folder: source.folder,
        uid: source.uid,
        index,
      });
      setState((s) => {
        const base = s?.key === key ? s : current;
        const saved = result.saved && result.path ? { ...base.saved, [index]: result.path } : base.saved;
        return { ...base, busy: null, saved };
      });
    } catch (error) {
      setState((s) => ({ ...(s?.key === key ? s : current), busy: null, error: toUiError(error) }));
    }
  }

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
        {attachments.map((a) => {
          const risk = classifyAttachment(a.filename, a.contentType);
          const shown = a.filename ? risk.shownName : `#${a.index + 1}`;
          const savedTo = current.saved[a.index];
          return (
            <li
              key={a.index}
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
                {a.contentType} · {formatSize(a.size, locale)}
              </span>
              {risk.risky && (
                <span className="risk-badge" data-testid="attachment-risk-badge">
                  <Icon name="warning" /> {tm('attachment.risky')}
                  {risk.extensionRisky && <code className="risk-ext">.{risk.extension}</code>}
                </span>
              )}
              <span className="attachment-actions">
                <span className="tooltip-wrap" title={source.accountId ? '' : tm('attachment.noAccount')}>
                  <button
                    type="button"
                    className="btn btn-small"
                    disabled={!source.accountId || current.busy !== null}
                    onClick={() => (risk.risky ? setConfirming({ key, index: a.index }) : void save(a.index))}
                    data-testid="attachment-save"
                  >
                    {current.busy === a.index ? tm('attachment.saving') : tm('attachment.save')}
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
        })}
      </ul>
      {current.error && <ErrorNotice error={current.error} testId="attachment-error" />}
      {pending && pendingRisk && (
        <ConfirmDialog
          title={tm('attachment.confirmTitle')}
          confirmLabel={
            pendingRisk.extension
              ? tm('attachment.confirmSave', { ext: pendingRisk.extension })
              : tm('attachment.confirmSaveNoExt')
          }
          cancelLabel={t('form.cancel')}
          onConfirm={() => void save(pending.index)}
          onCancel={() => setConfirming(null)}
          testId="attachment-confirm"
        >
          <dl className="risk-facts">
            <dt>{tm('attachment.fileName')}</dt>
            <dd>
              <code className="link-url-big" data-testid="attachment-confirm-name">
                <bdi dir="ltr">{pendingRisk.shownName || `#${pending.index + 1}`}</bdi>
              </code>
            </dd>
            <dt>{tm('attachment.contentType')}</dt>
            <dd>
              <code>{pendingRisk.contentType || '—'}</code>
            </dd>
          </dl>
          <p className="risk-ext-line" data-testid="attachment-confirm-ext">
            <strong>
              {pendingRisk.extension
                ? tm('attachment.realExtension', { ext: pendingRisk.extension })
                : tm('attachment.noExtension')}
            </strong>
          </p>
          <ul className="risk-reasons" data-testid="attachment-confirm-reasons">
            {reasonLines(pendingRisk, tm).map((line) => (
              <li key={line}>{line}</li>
            ))}
          </ul>
          <p className="muted">{tm('attachment.confirmWarn')}</p>
        </ConfirmDialog>
      )}
    </section>
  );
}
