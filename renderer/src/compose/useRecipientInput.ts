// The keys of a recipient field's text box: "," ";" Enter or Tab make a chip of what was typed
// (or take the highlighted suggestion), ↑/↓ walk the suggestions, Esc closes them, Backspace
// in an empty box takes the last chip back; a pasted list becomes chips at once.
import { useState, type ClipboardEvent, type KeyboardEvent } from 'react';
import type { AddressSuggestion } from '../../../shared/compose.ts';
import { formatRecipient } from '../../../shared/recipients.ts';
import { isGroupSuggestion, useDirectoryGroups } from '../contacts/useDirectoryGroups.ts';
import { addChips, splitRecipients } from './recipientChips.ts';
import { useSuggestions } from './useSuggestions.ts';

export function useRecipientInput(accountId: string, value: string[], onChange: (v: string[]) => void) {
  const [text, setText] = useState('');
  const [active, setActive] = useState(-1);
  const [dismissed, setDismissed] = useState(false);
  const groups = useDirectoryGroups(accountId, text, value, onChange);
  const suggestions = [...useSuggestions(accountId, text), ...groups.suggestions];
  const open = !dismissed && suggestions.length > 0;

  const commit = (raw: string) => {
    const added = splitRecipients(raw);
    if (added.length > 0) onChange(addChips(value, added));
    setText('');
    setActive(-1);
  };
  const pick = (s: AddressSuggestion) =>
    isGroupSuggestion(s)
      ? (groups.expand(s), commit(''))
      : commit(formatRecipient({ name: s.name, address: s.address }));
  const step = (by: number) =>
    setActive((i) => (i + by + suggestions.length + (i < 0 && by < 0 ? 1 : 0)) % suggestions.length);

  const onKeyDown = (e: KeyboardEvent<HTMLInputElement>) => {
    const chosen = open && active >= 0 ? suggestions[active] : undefined;
    if ((e.key === 'ArrowDown' || e.key === 'ArrowUp') && open) {
      e.preventDefault();
      step(e.key === 'ArrowDown' ? 1 : -1);
    } else if (e.key === 'Escape' && open) {
      // Closes the list only; the next Esc is the composer's.
      e.preventDefault();
      setDismissed(true);
    } else if ((e.key === 'Enter' || e.key === 'Tab') && !e.ctrlKey && !e.metaKey && (chosen || text.trim())) {
      if (e.key === 'Enter' || chosen) e.preventDefault();
      if (chosen) pick(chosen);
      else commit(text);
    } else if ((e.key === ',' || e.key === ';') && text.trim()) {
      e.preventDefault();
      commit(text);
    } else if (e.key === 'Backspace' && text === '' && value.length > 0) {
      onChange(value.slice(0, -1));
    }
  };
  const onPaste = (e: ClipboardEvent<HTMLInputElement>) => {
    const pasted = e.clipboardData.getData('text/plain');
    if (!/[,;\n]/.test(pasted)) return;
    e.preventDefault();
    commit(`${text}${pasted}`);
  };
  return {
    text,
    active,
    open,
    suggestions,
    groupStatus: groups.status,
    pick,
    onKeyDown,
    onPaste,
    onBlur: () => {
      if (text.trim()) commit(text);
    },
    type: (next: string) => {
      setText(next);
      setDismissed(false);
      setActive(-1);
    },
  };
}
