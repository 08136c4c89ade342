// What of a message's HTML may reach the mail frame: the allow-lists and
// schemes DOMPurify is configured with (sanitize.ts), and the attributes
// that would load something when the element renders.

// prettier-ignore
export const ALLOWED_TAGS = [
  'a', 'abbr', 'address', 'article', 'aside', 'b', 'bdi', 'bdo', 'big', 'blockquote', 'br',
  'caption', 'center', 'cite', 'code', 'col', 'colgroup', 'dd', 'del', 'details', 'dfn', 'div',
  'dl', 'dt', 'em', 'figcaption', 'figure', 'font', 'footer', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6',
  'header', 'hr', 'i', 'img', 'ins', 'kbd', 'li', 'main', 'mark', 'nav', 'ol', 'p', 'pre', 'q',
  's', 'samp', 'section', 'small', 'span', 'strike', 'strong', 'style', 'sub', 'summary', 'sup',
  'table', 'tbody', 'td', 'tfoot', 'th', 'thead', 'time', 'tr', 'tt', 'u', 'ul', 'var', 'wbr',
];

// prettier-ignore -- belt and braces: these are already outside the allow-list,
// but naming them documents what must never reach the frame.
export const FORBID_TAGS = [
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
export const ALLOWED_ATTR = [
  'align', 'alt', 'bgcolor', 'border', 'cellpadding', 'cellspacing', 'class', 'color', 'cols',
  'colspan', 'dir', 'face', 'headers', 'height', 'href', 'hspace', 'lang', 'rowspan', 'rows',
  'scope', 'size', 'span', 'src', 'start', 'style', 'summary', 'title', 'type', 'valign',
  'vspace', 'width', 'datetime', 'open', 'reversed', 'abbr',
];

/** Attributes that load something when the element renders. */
export const LOADING_ATTRS = new Set(['src', 'srcset', 'background', 'poster', 'lowsrc', 'dynsrc', 'data']);

/**
 * Schemes allowed in URI-checked attributes: http(s)/mailto for links, cid:
 * for inline images; data: only via DOMPurify's img rule. DOMPurify applies
 * this test to every attribute not in its URI-safe list, so values without a
 * scheme ("center", "#ffeecc", "100%", "2") must pass too, or border, bgcolor,
 * colspan, width… would all be stripped from official letters. Schemeless
 * values can't run anything: hrefs become inert data-href, and img src is
 * checked by the attribute hook (sanitize-hooks.ts).
 */
export const ALLOWED_URI_REGEXP = /^(?:(?:https?|mailto|cid):|[^a-z]|[a-z+.-]+(?:[^a-z+.\-:]|$))/i;

/** Attributes never kept, whatever the element. */
export const FORBID_ATTR = ['srcset', 'id', 'name', 'target', 'action', 'formaction', 'ping'];

/** The contract's cap on URLs per mail.remoteImages call. */
export const MAX_REMOTE_IMAGES = 200;
