// Turns a message's untrusted HTML into markup safe to show in the sandboxed
// mail frame. DOMPurify does the parsing and allow-listing
// (sanitize-policy.ts); its hooks (sanitize-hooks.ts) add the mail-specific
// rules:
//  - cid: images become the data: URLs the main process extracted;
//  - remote images / backgrounds / CSS urls are removed and recorded, so
//    opening a message never tells a tracker it was read; the absolute
//    http(s) images among them can be fetched by main on request and come
//    back as data: URLs (the frame itself never gets network access);
//  - links lose their href (the frame must never navigate) and keep the real
//    target in data-href/title; the list is returned for the link panel.
import DOMPurify from 'dompurify';
import { isOpenableLink } from '../../../shared/security.ts';
import type { CssContext, RemoteRef } from './css.ts';
import { installMailHooks } from './sanitize-hooks.ts';
import {
  ALLOWED_ATTR,
  ALLOWED_TAGS,
  ALLOWED_URI_REGEXP,
  FORBID_ATTR,
  FORBID_TAGS,
  MAX_REMOTE_IMAGES,
} from './sanitize-policy.ts';
import { inlineImageMap, loadedImageMap } from './urls.ts';

export type { RemoteKind, RemoteRef } from './css.ts';

export interface MailLink {
  href: string;
  text: string;
}

export interface SanitizedMail {
  html: string;
  /** Remote references removed (images, backgrounds, stylesheets, CSS urls); loaded images not counted. */
  remoteBlocked: number;
  /** Those references, in document order. */
  blocked: RemoteRef[];
  /** Distinct http(s) image URLs still blocked that main may fetch on request (at most 200). */
  remoteImageUrls: string[];
  /** Remote references shown from images main fetched. */
  remoteLoaded: number;
  /** Openable (http/https/mailto) links, in document order. */
  links: MailLink[];
  /** Normalised Content-IDs shown inline (not to be listed as attachments again). */
  usedCids: Set<string>;
}

/**
 * Whole documents keep their <style> in <head>, which DOMPurify (body mode)
 * would drop; hoist those blocks into the body first. DOMParser documents
 * are inert: nothing in them runs or loads.
 */
function hoistHeadStyles(html: string): string {
  if (!/<head[\s>]/i.test(html)) return html;
  const doc = new DOMParser().parseFromString(html, 'text/html');
  const styles = [...doc.head.querySelectorAll('style')]
    .map((style) => `<style>${(style.textContent ?? '').replace(/<\/?style/gi, '')}</style>`)
    .join('');
  return styles + doc.body.innerHTML;
}

/**
 * @param loadedImages remote images main fetched at the reader's request
 *   (URL → data: URL); they replace the matching http(s) image references.
 *   Only base64 raster data: URLs are used, whatever main sends.
 */
export function sanitizeMailHtml(
  html: string,
  inlineImages: Record<string, string>,
  loadedImages: Record<string, string> = {},
): SanitizedMail {
  const ctx: CssContext = {
    inline: inlineImageMap(inlineImages),
    loaded: loadedImageMap(loadedImages),
    refs: [],
    loadedUsed: 0,
    usedCids: new Set(),
  };
  // A fresh instance per message: hooks close over this message's counters.
  const purify = DOMPurify(window);
  installMailHooks(purify, { ctx, blockedImages: new WeakSet(), loadedBackgrounds: new WeakMap() });
  const clean = purify.sanitize(hoistHeadStyles(html), {
    ALLOWED_TAGS,
    ALLOWED_ATTR,
    FORBID_TAGS,
    FORBID_ATTR,
    ALLOW_DATA_ATTR: false,
    ALLOWED_URI_REGEXP,
    FORCE_BODY: true,
    WHOLE_DOCUMENT: false,
    RETURN_TRUSTED_TYPE: false,
  });

  const loadable = new Set<string>();
  for (const r of ctx.refs) {
    if (r.loadable && loadable.size < MAX_REMOTE_IMAGES) loadable.add(r.url);
  }
  return {
    html: clean,
    remoteBlocked: ctx.refs.length,
    blocked: ctx.refs,
    remoteImageUrls: [...loadable],
    remoteLoaded: ctx.loadedUsed,
    links: collectLinks(clean),
    usedCids: ctx.usedCids,
  };
}

/** Reads links back from the clean markup, with the text the reader sees. */
function collectLinks(cleanHtml: string): MailLink[] {
  const doc = new DOMParser().parseFromString(`<body>${cleanHtml}</body>`, 'text/html');
  const links: MailLink[] = [];
  for (const a of doc.querySelectorAll('a[data-href]')) {
    const href = a.getAttribute('data-href') ?? '';
    if (!isOpenableLink(href)) continue;
    const text = (a.textContent ?? '').replace(/\s+/g, ' ').trim();
    links.push({ href, text: text || href });
  }
  return links;
}
