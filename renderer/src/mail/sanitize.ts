// Turns a message's untrusted HTML into markup safe to show in the sandboxed
// mail frame. DOMPurify does the parsing and allow-listing; the hooks below
// add the mail-specific rules:
//  - cid: images become the data: URLs the main process extracted;
//  - remote images / backgrounds / CSS urls are removed and counted, so
//    opening a message never tells a tracker it was read;
//  - links lose their href (the frame must never navigate) and keep the real
//    target in data-href/title; the list is returned for the link panel.
import DOMPurify from 'dompurify';
import { isOpenableLink } from '../../../shared/security.ts';
import { sanitizeCss, type CssContext } from './css.ts';
import { inlineImageMap, isRemoteUrl, isSafeImageDataUrl, normalizeContentId } from './urls.ts';

export interface MailLink {
  href: string;
  text: string;
}

export interface SanitizedMail {
  html: string;
  /** Remote references removed (images, backgrounds, stylesheets, CSS urls). */
  remoteBlocked: number;
  /** Openable (http/https/mailto) links, in document order. */
  links: MailLink[];
  /** Normalised Content-IDs shown inline (not to be listed as attachments again). */
  usedCids: Set<string>;
}

// prettier-ignore
const ALLOWED_TAGS = [
  'a', 'abbr', 'address', 'article', 'aside', 'b', 'bdi', 'bdo', 'big', 'blockquote', 'br',
  'caption', 'center', 'cite', 'code', 'col', 'colgroup', 'dd', 'del', 'details', 'dfn', 'div',
  'dl', 'dt', 'em', 'figcaption', 'figure', 'font', 'footer', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6',
  'header', 'hr', 'i', 'img', 'ins', 'kbd', 'li', 'main', 'mark', 'nav', 'ol', 'p', 'pre', 'q',
  's', 'samp', 'section', 'small', 'span', 'strike', 'strong', 'style', 'sub', 'summary', 'sup',
  'table', 'tbody', 'td', 'tfoot', 'th', 'thead', 'time', 'tr', 'tt', 'u', 'ul', 'var', 'wbr',
];

// prettier-ignore -- belt and braces: these are already outside the allow-list,
// but naming them documents what must never reach the frame.
const FORBID_TAGS = [
  'script',
  'noscript',
  'meta',
  'base',
  'link',
  'form',
  'input',
  'button',
  'select',
  'textarea',
  'iframe',
  'frame',
  'frameset',
  'object',
  'embed',
  'applet',
  'portal',
  'svg',
  'math',
  'template',
  'video',
  'audio',
  'source',
  'track',
  'picture',
  'dialog',
  'title',
];

// prettier-ignore
const ALLOWED_ATTR = [
  'align', 'alt', 'bgcolor', 'border', 'cellpadding', 'cellspacing', 'class', 'color', 'cols',
  'colspan', 'dir', 'face', 'headers', 'height', 'href', 'hspace', 'lang', 'rowspan', 'rows',
  'scope', 'size', 'span', 'src', 'start', 'style', 'summary', 'title', 'type', 'valign',
  'vspace', 'width', 'datetime', 'open', 'reversed', 'abbr',
];

/** Attributes that load something when the element renders. */
const LOADING_ATTRS = new Set(['src', 'srcset', 'background', 'poster', 'lowsrc', 'dynsrc', 'data']);

/** http(s)/mailto for links, cid: for inline images; data: only via DOMPurify's img rule. */
const ALLOWED_URI_REGEXP = /^(?:https?:|mailto:|cid:)/i;

function srcsetIsRemote(value: string): boolean {
  return value.split(',').some((candidate) => isRemoteUrl(candidate.trim().split(/\s+/)[0] ?? ''));
}

/** Removed elements that would have fetched something (stylesheets, media) still count. */
function remoteRefsOfRemovedElement(el: Element): number {
  const tag = el.tagName.toLowerCase();
  let count = 0;
  if (tag === 'link' && /\bstylesheet\b|\bicon\b|\bpreload\b/i.test(el.getAttribute('rel') ?? '')) {
    if (isRemoteUrl(el.getAttribute('href') ?? '')) count += 1;
  }
  if (['video', 'audio', 'source', 'input', 'track', 'embed', 'iframe', 'object'].includes(tag)) {
    for (const attr of ['src', 'poster', 'data']) {
      if (isRemoteUrl(el.getAttribute(attr) ?? '')) count += 1;
    }
    if (srcsetIsRemote(el.getAttribute('srcset') ?? '')) count += 1;
  }
  return count;
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

export function sanitizeMailHtml(html: string, inlineImages: Record<string, string>): SanitizedMail {
  const ctx: CssContext = { inline: inlineImageMap(inlineImages), remote: 0, usedCids: new Set() };
  /** Images whose remote source was removed: shown as placeholders, the rest (bad src) hidden. */
  const blockedImages = new WeakSet<Element>();
  // A fresh instance per message: hooks close over this message's counters.
  const purify = DOMPurify(window);

  purify.addHook('uponSanitizeElement', (node, data) => {
    if (!(node instanceof Element)) return;
    if (data.tagName === 'style') {
      node.textContent = sanitizeCss(node.textContent ?? '', ctx);
    } else if (!data.allowedTags[data.tagName]) {
      ctx.remote += remoteRefsOfRemovedElement(node);
    }
  });

  purify.addHook('uponSanitizeAttribute', (node, data) => {
    const name = data.attrName;
    const value = data.attrValue;
    if (name === 'style') {
      data.attrValue = sanitizeCss(value, ctx);
      return;
    }
    if (!LOADING_ATTRS.has(name)) return;
    const tag = node.tagName.toLowerCase();
    if (name === 'src' && tag === 'img') {
      if (/^cid:/i.test(value)) {
        const id = normalizeContentId(value);
        const dataUrl = ctx.inline.get(id);
        if (dataUrl) {
          ctx.usedCids.add(id);
          // DOMPurify accepts data: on <img> (DATA_URI_TAGS) and writes the new value.
          data.attrValue = dataUrl;
        } else {
          data.keepAttr = false;
        }
        return;
      }
      if (isRemoteUrl(value)) {
        ctx.remote += 1;
        blockedImages.add(node);
        data.keepAttr = false;
        return;
      }
      if (!isSafeImageDataUrl(value)) data.keepAttr = false;
      return;
    }
    // srcset, background, poster, …: never kept; remote ones are counted.
    const remote = name === 'srcset' ? srcsetIsRemote(value) : isRemoteUrl(value);
    if (remote) ctx.remote += 1;
    data.keepAttr = false;
  });

  purify.addHook('afterSanitizeAttributes', (node) => {
    const tag = node.tagName.toLowerCase();
    if (tag === 'img' && !node.hasAttribute('src')) {
      node.setAttribute('data-blocked', blockedImages.has(node) ? 'remote' : 'invalid');
      return;
    }
    if (tag !== 'a') return;
    const href = node.getAttribute('href');
    node.removeAttribute('href');
    if (!href) return;
    // Not navigable inside the frame; the real target is visible on hover
    // and in the link panel, which opens it through main after confirmation.
    node.setAttribute('data-href', href);
    node.setAttribute('title', href);
  });

  const clean = purify.sanitize(hoistHeadStyles(html), {
    ALLOWED_TAGS,
    ALLOWED_ATTR,
    FORBID_TAGS,
    FORBID_ATTR: ['srcset', 'id', 'name', 'target', 'action', 'formaction', 'ping'],
    ALLOW_DATA_ATTR: false,
    ALLOWED_URI_REGEXP,
    FORCE_BODY: true,
    WHOLE_DOCUMENT: false,
    RETURN_TRUSTED_TYPE: false,
  });

  return { html: clean, remoteBlocked: ctx.remote, links: collectLinks(clean), usedCids: ctx.usedCids };
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
