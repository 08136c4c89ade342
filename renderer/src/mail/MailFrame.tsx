// Shows sanitized HTML in a frame with an empty sandbox: no scripts, no
// same-origin (so the mail cannot reach the app or its bridge), no forms,
// no popups, no top navigation. Its height can't be measured without
// allow-same-origin, so it fills the reading pane and scrolls inside.
import { useTranslation } from 'react-i18next';
import { buildFrameDocument } from './frameDocument.ts';

export function MailFrame({ safeHtml }: { safeHtml: string }) {
  const { t, i18n } = useTranslation();
  return (
    <iframe
      className="mail-frame"
      data-testid="mail-frame"
      title={t('reader.frameTitle')}
      sandbox=""
      referrerPolicy="no-referrer"
      srcDoc={buildFrameDocument(safeHtml, i18n.language)}
    />
  );
}
