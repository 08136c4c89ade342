// How a mailto: link in a message reaches the app's own composer: the mail view provides the
// opener (MainScreen, over its compose host); where none is provided, mailto: links are not opened.
import { createContext, useContext } from 'react';
import type { MailtoPrefill } from '../../../shared/link-mailto.ts';

export type MailtoOpener = (prefill: MailtoPrefill) => void;

export const MailtoOpenerContext = createContext<MailtoOpener | null>(null);

export function useMailtoOpener(): MailtoOpener | null {
  return useContext(MailtoOpenerContext);
}
