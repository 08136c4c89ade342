// The mail-specific rules DOMPurify applies through its hooks, for one
// message (the hooks close over its counters):
//  - cid: images become the data: URLs the main process extracted;
//  - remote images / backgrounds / CSS urls are removed and recorded, or
//    replaced by the copy main fetched when the reader asked for it;
//  - links lose their href (the frame must never navigate) and keep the real
//    target in data-href/title.
import type { DOMPurify, UponSanitizeAttributeHookEvent, UponSanitizeElementHookEvent } from 'dompurify';
import { sanitizeCss, type CssContext } from './css.ts';
import { ref, remoteRefsOfRemovedElement, remoteSrcsetCandidate } from './remote-refs.ts';
import { LOADING_ATTRS } from './sanitize-policy.ts';
import { isRemoteUrl, isSafeImageDataUrl, normalizeContentId, remoteImageUrl } from './urls.ts';
import { revealHidden } from '../../../shared/link-safety.ts';

export interface HookState {
  ctx: CssContext;
  /** Images whose remote source was removed: shown as placeholders, the rest (bad src) hidden. */
  blockedImages: WeakSet<Element>;
  /** Elements whose remote background attribute was loaded: becomes an inline background-image. */
  loadedBackgrounds: WeakMap<Element, string>;
}

/** A loaded image for a remote URL, if the reader asked for it. */
function loadedFor(ctx: CssContext, value: string): string | undefined {
  const canonical = remoteImageUrl(value);
  return canonical === null ? undefined : ctx.loaded.get(canonical);
}

/** <img src>: inline cid: images, loaded or blocked remote ones, checked data: URLs. */
function imageSource(node: Element, data: UponSanitizeAttributeHookEvent, state: HookState): void {
  const { ctx } = state;
  const value = data.attrValue;
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
    const loaded = loadedFor(ctx, value);
    if (loaded) {
      ctx.loadedUsed += 1;
      data.attrValue = loaded;
      return;
    }
    ctx.refs.push(ref(value, 'image', remoteImageUrl(value) !== null));
    state.blockedImages.add(node);
    data.keepAttr = false;
    return;
  }
  if (!isSafeImageDataUrl(value)) data.keepAttr = false;
}

/** <table background=…>: an image like <img src>, so it can be loaded on request too. */
function backgroundAttribute(node: Element, data: UponSanitizeAttributeHookEvent, state: HookState): void {
  const { ctx } = state;
  const value = data.attrValue;
  if (isRemoteUrl(value)) {
    const loaded = loadedFor(ctx, value);
    if (loaded) {
      ctx.loadedUsed += 1;
      state.loadedBackgrounds.set(node, loaded);
    } else {
      ctx.refs.push(ref(value, 'image', remoteImageUrl(value) !== null));
    }
  }
  data.keepAttr = false;
}

function uponSanitizeAttribute(node: Element, data: UponSanitizeAttributeHookEvent, state: HookState): void {
  const name = data.attrName;
  const value = data.attrValue;
  if (name === 'style') {
    data.attrValue = sanitizeCss(value, state.ctx);
    return;
  }
  if (!LOADING_ATTRS.has(name)) return;
  if (name === 'src' && node.tagName.toLowerCase() === 'img') return imageSource(node, data, state);
  if (name === 'background') return backgroundAttribute(node, data, state);
  // srcset, poster, data, …: never kept; remote ones are recorded.
  const remote = name === 'srcset' ? remoteSrcsetCandidate(value) : isRemoteUrl(value) ? value : null;
  if (remote !== null) state.ctx.refs.push(ref(remote, name === 'data' ? 'frame' : 'image'));
  data.keepAttr = false;
}

function uponSanitizeElement(node: Node, data: UponSanitizeElementHookEvent, state: HookState): void {
  if (!(node instanceof Element)) return;
  if (data.tagName === 'style') {
    node.textContent = sanitizeCss(node.textContent ?? '', state.ctx);
  } else if (!data.allowedTags[data.tagName]) {
    state.ctx.refs.push(...remoteRefsOfRemovedElement(node));
  }
}

function afterSanitizeAttributes(node: Element, state: HookState): void {
  const tag = node.tagName.toLowerCase();
  const background = state.loadedBackgrounds.get(node);
  if (background) {
    // A checked base64 raster data: URL: no quote or parenthesis can end the url("…").
    node.setAttribute('style', `background-image: url("${background}"); ${node.getAttribute('style') ?? ''}`);
  }
  if (tag === 'img' && !node.hasAttribute('src')) {
    node.setAttribute('data-blocked', state.blockedImages.has(node) ? 'remote' : 'invalid');
    return;
  }
  if (tag !== 'a') return;
  const href = node.getAttribute('href');
  node.removeAttribute('href');
  if (!href) return;
  // Not navigable inside the frame; the real target is visible on hover
  // and in the link panel, which opens it through main after confirmation.
  node.setAttribute('data-href', href);
  // The tooltip shows bidi controls and invisible characters instead of applying them.
  node.setAttribute('title', revealHidden(href));
}

/** Installs the hooks on a fresh DOMPurify instance made for this one message. */
export function installMailHooks(purify: DOMPurify, state: HookState): void {
  purify.addHook('uponSanitizeElement', (node, data) => uponSanitizeElement(node, data, state));
  purify.addHook('uponSanitizeAttribute', (node, data) => uponSanitizeAttribute(node, data, state));
  purify.addHook('afterSanitizeAttributes', (node) => afterSanitizeAttributes(node, state));
}
