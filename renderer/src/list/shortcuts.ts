// Keyboard shortcuts, as Thunderbird and Outlook users know them. Pure: maps a
// key event to a command; main/model/useCommandRunner decides what the command does.
//
//   ↑/↓ Home/End PageUp/PageDown  move (Shift extends, Ctrl moves the cursor only)
//   Enter open · Delete → Thùng rác · Ctrl+Z undo · Ctrl+A select all
//   M toggle read (Thunderbird) · Ctrl+Q read / Ctrl+U unread (Outlook)
//   S or * toggle flag (Thunderbird) · Insert (Outlook)
//   Ctrl+Shift+V move to folder (Outlook) · / or Ctrl+F (Ctrl+E) search
//   → / ← expand / fold a conversation

export type MoveTarget = 'up' | 'down' | 'home' | 'end' | 'pageUp' | 'pageDown';

export type Command =
  | { type: 'move'; to: MoveTarget; extend: boolean; cursorOnly: boolean }
  | { type: 'open' }
  | { type: 'trash' }
  | { type: 'undo' }
  | { type: 'toggleRead' }
  | { type: 'markRead' }
  | { type: 'markUnread' }
  | { type: 'toggleFlag' }
  | { type: 'moveMenu' }
  | { type: 'search' }
  | { type: 'selectAll' }
  | { type: 'expand' }
  | { type: 'collapse' };

export interface KeyLike {
  key: string;
  ctrlKey: boolean;
  metaKey: boolean;
  shiftKey: boolean;
  altKey: boolean;
}

const MOVES: Record<string, MoveTarget> = {
  ArrowUp: 'up',
  ArrowDown: 'down',
  Home: 'home',
  End: 'end',
  PageUp: 'pageUp',
  PageDown: 'pageDown',
};

/**
 * @param inList  the message list has the focus (navigation keys apply)
 * @param editing the focus is in a text field (single-letter keys must type)
 */
export function commandFor(e: KeyLike, inList: boolean, editing: boolean): Command | null {
  const mod = e.ctrlKey || e.metaKey;
  const key = e.key;
  if (e.altKey) return null;
  if (mod && !e.shiftKey && (key === 'f' || key === 'F' || key === 'e' || key === 'E')) return { type: 'search' };
  if (editing) return null;
  const plain = !mod;

  if (plain && key === '/') return { type: 'search' };
  if (mod && !e.shiftKey && (key === 'z' || key === 'Z')) return { type: 'undo' };
  if (plain && !e.shiftKey && key === 'Delete') return { type: 'trash' };
  if (e.metaKey && key === 'Backspace') return { type: 'trash' };
  if (plain && (key === 'm' || key === 'M')) return { type: 'toggleRead' };
  if (mod && !e.shiftKey && (key === 'q' || key === 'Q')) return { type: 'markRead' };
  if (mod && !e.shiftKey && (key === 'u' || key === 'U')) return { type: 'markUnread' };
  if (plain && (key === 's' || key === 'S' || key === '*' || key === 'Insert')) return { type: 'toggleFlag' };
  if (mod && e.shiftKey && (key === 'v' || key === 'V')) return { type: 'moveMenu' };

  if (!inList) return null;
  const move = MOVES[key];
  if (move) return { type: 'move', to: move, extend: e.shiftKey, cursorOnly: mod && !e.shiftKey };
  if (plain && key === 'Enter') return { type: 'open' };
  if (mod && !e.shiftKey && (key === 'a' || key === 'A')) return { type: 'selectAll' };
  if (plain && key === 'ArrowRight') return { type: 'expand' };
  if (plain && key === 'ArrowLeft') return { type: 'collapse' };
  return null;
}

/** Whether a key event comes from somewhere the user types text. */
export function isEditable(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  if (target.isContentEditable) return true;
  if (target instanceof HTMLTextAreaElement || target instanceof HTMLSelectElement) return true;
  if (target instanceof HTMLInputElement) {
    return !['checkbox', 'radio', 'button', 'submit', 'reset'].includes(target.type);
  }
  return false;
}
