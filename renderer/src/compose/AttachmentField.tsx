// The attachments of the message being written: each with its name, size and a button to
// take it out, the total, and "Đính kèm tệp" (main's file dialog). Drop and paste are the
// composer's (the whole window takes them).
import { Icon } from '../components/Icon.tsx';
import { ErrorNotice } from '../components/ErrorNotice.tsx';
import { formatSize } from '../format/size.ts';
import { useT } from '../i18n/useT.ts';
import type { AttachmentItem } from './draft.ts';
import type { AttachmentAdder } from './useAttachmentAdder.ts';

interface Props {
  items: AttachmentItem[];
  onRemove(id: string): void;
  adder: AttachmentAdder;
}

export function AttachmentField({ items, onRemove, adder }: Props) {
  const { t, locale } = useT('compose');
  const total = items.reduce((sum, a) => sum + (a.size ?? 0), 0);
  return (
    <div className="compose-attachments" data-testid="compose-attachments">
      <div className="compose-attach-bar">
        <button type="button" className="btn btn-small" data-testid="compose-attach" onClick={adder.pick}>
          <Icon name="paperclip" /> {t('attach.pick')}
        </button>
        <span className="muted compose-attach-hint">{t('attach.hint')}</span>
        {items.length > 0 && (
          <span className="muted" data-testid="compose-attach-total">
            {t('attach.total', { size: formatSize(total, locale) })}
          </span>
        )}
      </div>
      {adder.error && <ErrorNotice error={adder.error} testId="compose-attach-error" />}
      {adder.unreadable.map((name) => (
        <p key={name} className="notice notice-error" role="alert">
          {t('attach.readFailed', { name })}
        </p>
      ))}
      {items.length > 0 && (
        <ul className="compose-attach-list" aria-label={t('attach.list')}>
          {items.map((item) => (
            <li key={item.id} className="compose-attach-item" data-testid="compose-attachment">
              <Icon name={item.risky ? 'warning' : 'paperclip'} />
              <bdi className="compose-attach-name" data-testid="compose-attachment-name">
                {item.name}
              </bdi>
              <span className="muted" data-testid="compose-attachment-size">
                {item.size === null ? t('attach.sizeUnknown') : formatSize(item.size, locale)}
              </span>
              <button
                type="button"
                className="btn-icon"
                aria-label={t('attach.remove', { name: item.name })}
                title={t('attach.remove', { name: item.name })}
                onClick={() => onRemove(item.id)}
              >
                <Icon name="close" />
              </button>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
