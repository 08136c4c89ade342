// Shows sanitized HTML in a frame with an empty sandbox: no scripts, no
// same-origin (so the mail cannot reach the app or its bridge), no forms,
// no popups, no top navigation. Its height can't be measured without
// allow-same-origin, so it fills the reading pane and scrolls inside.
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { buildFrameDocument } from './frameDocument.ts';

/** FNV-1a, 32 bits: tells documents apart for the frame's key. */
function hashOf(text: string): string {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i += 1) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return (hash >>> 0).toString(36);
}

export function MailFrame({ safeHtml }: { safeHtml: string }) {
  const { t, i18n } = useTranslation();
  const srcDoc = useMemo(() => buildFrameDocument(safeHtml, i18n.language), [safeHtml, i18n.language]);
  return (
    <iframe
      // A new frame for every new document: Chromium may keep showing the previous
      // document when srcdoc changes again while its first about:srcdoc load is still
      // under way (remote images arriving right after the message opened).
      key={`${hashOf(srcDoc)}-${srcDoc.length}`}
      className="mail-frame"
      data-testid="mail-frame"
      title={t('reader.frameTitle')}
      sandbox=""
      referrerPolicy="no-referrer"
      srcDoc={srcDoc}
    />
  );
}
