import { useTranslation } from 'react-i18next';
import type { AttachmentInfo } from '../../../shared/mail.ts';
import { Icon } from '../components/Icon.tsx';
import { formatSize } from '../format/size.ts';
import { localeOf } from '../i18n/index.ts';

/** Name, type and size of each attachment (opening them is not part of this version). */
export function AttachmentList({ attachments }: { attachments: AttachmentInfo[] }) {
  const { t, i18n } = useTranslation();
  if (attachments.length === 0) return null;
  const locale = localeOf(i18n.language);
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
          <li key={a.index} className="attachment" data-testid="attachment-item" title={a.filename}>
            <span className="attachment-name" data-testid="attachment-name">
              {a.filename || `#${a.index + 1}`}
            </span>
            <span className="attachment-meta">
              {a.contentType} · {formatSize(a.size, locale)}
            </span>
          </li>
        ))}
      </ul>
    </section>
  );
}
