// The writing shortcuts of the mail view (listed in shortcuts/shortcutList.ts, group
// 'compose'): Ctrl+N new, Ctrl+R reply, Ctrl+Shift+R reply all, Ctrl+L or Ctrl+Shift+F
// forward (Thunderbird and Outlook habits). Pure; Ctrl+Enter and Esc belong to the composer.
import type { KeyLike } from '../list/shortcuts.ts';

export type ComposeCommand = 'new' | 'reply' | 'reply-all' | 'forward';

export function composeCommandFor(e: KeyLike): ComposeCommand | null {
  if (!(e.ctrlKey || e.metaKey) || e.altKey) return null;
  const key = e.key.toLowerCase();
  if (key === 'n' && !e.shiftKey) return 'new';
  if (key === 'r') return e.shiftKey ? 'reply-all' : 'reply';
  if (key === 'l' && !e.shiftKey) return 'forward';
  if (key === 'f' && e.shiftKey) return 'forward';
  return null;
}
