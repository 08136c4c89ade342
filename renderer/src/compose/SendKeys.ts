// A TipTap extension that keeps Ctrl+Enter for "Gửi": StarterKit's hard break also binds
// Mod-Enter, and the line break must not be typed before the message goes. The composer's own
// key handler sends; this only swallows the editor's binding (Shift+Enter still breaks a line).
import { Extension } from '@tiptap/core';

export const SendKeys = Extension.create({
  name: 'composeSendKeys',
  priority: 1000,
  addKeyboardShortcuts() {
    return { 'Mod-Enter': () => true };
  },
});
