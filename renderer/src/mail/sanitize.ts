// Turns a message's untrusted HTML into markup safe to show in the sandboxed
// mail frame. DOMPurify does the parsing and allow-listing; the hooks below
// add the mail-specific rules:
//  - cid: images become the data: URLs the main process extracted;
//  - remote images / backgrounds / CSS urls are removed and recorded, so
//    opening a message never tells a tracker it was read; the absolute
//    http(s) images among them can be fetched by main on request and come
//    back as data: URLs (the frame itself never gets network access);
//  - links lose their href (the frame must never navigate) and keep the real
//    target in data-href/title; the list is returned for the link panel.
import DOMPurify from 'dompurify';
import { isOpenableLink } from '../../../shared/security.ts';
import { sanitizeCss, type CssContext, type RemoteKind, type RemoteRef } from './css.ts';
import {
  inlineImageMap,
  isRemoteUrl,
  isSafeImageDataUrl,
  loadedImageMap,
  normalizeContentId,
  remoteImageUrl,
} from './urls.ts';

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

/**
 * Schemes allowed in URI-checked attributes: http(s)/mailto for links, cid:
 * for inline images; data: only via DOMPurify's img rule. DOMPurify applies
 * this test to every attribute not in its URI-safe list, so values without a
 * scheme ("center", "#ffeecc", "100%", "2") must pass too, or border, bgcolor,
 * colspan, width… would all be stripped from official letters. Schemeless
 * values can't run anything: hrefs become inert data-href, and img src is
 * checked by the hook below.
 */
const ALLOWED_URI_REGEXP = /^(?:(?:https?|mailto|cid):|[^a-z]|[a-z+.-]+(?:[^a-z+.\-:]|$))/i;

/** The contract's cap on URLs per mail.remoteImages call. */
const MAX_REMOTE_IMAGES = 200;

/** The first remote candidate of a srcset, if any. */
function remoteSrcsetCandidate(value: string): string | null {
  for (const candidate of value.split(',')) {
    const url = candidate.trim().split(/\s+/)[0] ?? '';
    if (isRemoteUrl(url)) return url;
  }
  return null;
}

function ref(url: string, kind: RemoteKind, loadable = false): RemoteRef {
  return { url: kind === 'image' ? (remoteImageUrl(url) ?? url.trim()) : url.trim(), kind, loadable };
}

const REMOVED_ELEMENT_KINDS: Record<string, RemoteKind> = {
  video: 'media',
  audio: 'media',
  source: 'media',
  track: 'media',
  input: 'image',
  embed: 'frame',
  iframe: 'frame',
  object: 'frame',
};

/** Removed elements that would have fetched something (stylesheets, media) are still recorded. */
function remoteRefsOfRemovedElement(el: Element): RemoteRef[] {
  const tag = el.tagName.toLowerCase();
  const refs: RemoteRef[] = [];
  if (tag === 'link' && /\bstylesheet\b|\bicon\b|\bpreload\b/i.test(el.getAttribute('rel') ?? '')) {
    const href = el.getAttribute('href') ?? '';
    if (isRemoteUrl(href)) refs.push(ref(href, 'stylesheet'));
  }
  const kind = REMOVED_ELEMENT_KINDS[tag];
  if (kind) {
    for (const attr of ['src', 'poster', 'data']) {
      const value = el.getAttribute(attr) ?? '';
      if (isRemoteUrl(value)) refs.push(ref(value, attr === 'poster' ? 'image' : kind));
    }
    const candidate = remoteSrcsetCandidate(el.getAttribute('srcset') ?? '');
    if (candidate !== null) refs.push(ref(candidate, 'image'));
  }
  return refs;
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
  /** Images whose remote source was removed: shown as placeholders, the rest (bad src) hidden. */
  const blockedImages = new WeakSet<Element>();
  /** Elements whose remote background attribute was loaded: becomes an inline background-image. */
  const loadedBackgrounds = new WeakMap<Element, string>();
  /** A loaded image for a remote URL, if the reader asked for it. */
  const loadedFor = (value: string): string | undefined => {
    const canonical = remoteImageUrl(value);
    return canonical === null ? undefined : ctx.loaded.get(canonical);
  };
  // A fresh instance per message: hooks close over this message's counters.
  const purify = DOMPurify(window);

  purify.addHook('uponSanitizeElement', (node, data) => {
    if (!(node instanceof Element)) return;
    if (data.tagName === 'style') {
      node.textContent = sanitizeCss(node.textContent ?? '', ctx);
    } else if (!data.allowedTags[data.tagName]) {
      ctx.refs.push(...remoteRefsOfRemovedElement(node));
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
        const loaded = loadedFor(value);
        if (loaded) {
          ctx.loadedUsed += 1;
          data.attrValue = loaded;
          return;
        }
        ctx.refs.push(ref(value, 'image', remoteImageUrl(value) !== null));
        blockedImages.add(node);
        data.keepAttr = false;
        return;
      }
      if (!isSafeImageDataUrl(value)) data.keepAttr = false;
      return;
    }
    if (name === 'background') {
      // <table background=…>: an image like <img src>, so it can be loaded on request too.
      if (isRemoteUrl(value)) {
        const loaded = loadedFor(value);
        if (loaded) {
          ctx.loadedUsed += 1;
          loadedBackgrounds.set(node, loaded);
        } else {
          ctx.refs.push(ref(value, 'image', remoteImageUrl(value) !== null));
        }
      }
      data.keepAttr = false;
      return;
    }
    // srcset, poster, data, …: never kept; remote ones are recorded.
    const remote = name === 'srcset' ? remoteSrcsetCandidate(value) : isRemoteUrl(value) ? value : null;
    if (remote !== null) ctx.refs.push(ref(remote, name === 'data' ? 'frame' : 'image'));
    data.keepAttr = false;
  });

  purify.addHook('afterSanitizeAttributes', (node) => {
    const tag = node.tagName.toLowerCase();
    const background = loadedBackgrounds.get(node);
    if (background) {
      // A checked base64 raster data: URL: no quote or parenthesis can end the url("…").
      node.setAttribute('style', `background-image: url("${background}"); ${node.getAttribute('style') ?? ''}`);
    }
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
