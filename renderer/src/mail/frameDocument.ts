// The srcdoc document of the mail frame: our CSP first (so it governs every
// byte after it), then calm defaults, then the sanitized message body.
import { MAIL_FRAME_CSP } from '../../../shared/security.ts';

function escapeAttribute(value: string): string {
  return value.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;');
}

const BASE_STYLE = `
  html { color-scheme: light; }
  body {
    margin: 16px 20px;
    font: 15px/1.55 system-ui, "Segoe UI", "Noto Sans", Roboto, "Helvetica Neue", Arial, "Liberation Sans", "DejaVu Sans", sans-serif;
    color: #1d232b;
    background: #fff;
    overflow-wrap: anywhere;
  }
  img { max-width: 100%; height: auto; }
  /* A blocked remote image keeps its box (a 1×1 tracker stays invisible); unusable ones vanish. */
  img[data-blocked="remote"] { background: #eef1f5; outline: 1px dashed #b8c0cc; outline-offset: -1px; }
  img[data-blocked="invalid"] { display: none; }
  table { max-width: 100%; }
  pre { white-space: pre-wrap; }
  a[data-href] { color: #1a56b0; text-decoration: underline; cursor: help; }
`;

export function buildFrameDocument(safeBodyHtml: string, lang: string): string {
  return [
    '<!doctype html>',
    `<html lang="${escapeAttribute(lang)}"><head>`,
    `<meta http-equiv="Content-Security-Policy" content="${escapeAttribute(MAIL_FRAME_CSP)}">`,
    '<meta charset="utf-8">',
    '<meta name="referrer" content="no-referrer">',
    `<style>${BASE_STYLE}</style>`,
    '</head><body>',
    safeBodyHtml,
    '</body></html>',
  ].join('');
}
