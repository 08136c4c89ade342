// Remote references in a message (images, backgrounds, media, stylesheets),
// recorded as they are removed so the reader can say what was blocked and
// offer to load the images.
import type { RemoteKind, RemoteRef } from './css.ts';
import { isRemoteUrl, remoteImageUrl } from './urls.ts';

/** The first remote candidate of a srcset, if any. */
export function remoteSrcsetCandidate(value: string): string | null {
  for (const candidate of value.split(',')) {
    const url = candidate.trim().split(/\s+/)[0] ?? '';
    if (isRemoteUrl(url)) return url;
  }
  return null;
}

export function ref(url: string, kind: RemoteKind, loadable = false): RemoteRef {
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
export function remoteRefsOfRemovedElement(el: Element): RemoteRef[] {
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
