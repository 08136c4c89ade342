// A TipTap extension that keeps `data-signature` on the signature's paragraph while the user
// edits it (signature.ts puts it in), so the composer can find the block to swap or drop it.
import { Extension } from '@tiptap/core';

/** Keeps `data-signature` on the signature's paragraph while it is edited. */
export const SignatureBlock = Extension.create({
  name: 'composeSignatureBlock',
  addGlobalAttributes() {
    return [
      {
        types: ['paragraph'],
        attributes: {
          signature: {
            default: null,
            parseHTML: (el: HTMLElement) => (el.getAttribute('data-signature') === 'true' ? true : null),
            renderHTML: (attrs: Record<string, unknown>) => (attrs.signature ? { 'data-signature': 'true' } : {}),
          },
        },
      },
    ];
  },
});
