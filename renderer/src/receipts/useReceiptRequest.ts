// Whether the open message asks for a read receipt that was not sent, and what the policy says
// to do about it (RFC 8098 §2.1: never without the user's consent):
// - 'ask': the reader shows a bar; nothing is sent until "Gửi xác nhận";
// - 'always': answered once, automatically — unless the receipt address differs from the
//   envelope sender (returnPathMismatch), which is asked like 'ask';
// - 'never': nothing is shown, nothing asked.
// The server is asked (receipts.pending) each time a message opens, so a receipt sent from
// another PC counts. A failure (offline) shows nothing: the bar is a help, not a duty.
import { useEffect, useRef, useState } from 'react';
import type { PendingReceipt } from '../../../shared/receipts.ts';
import { invoke, toUiError, type UiError } from '../api.ts';
import { useStable } from '../hooks/useStable.ts';

export type ReceiptBarState =
  | { kind: 'none' }
  | { kind: 'ask'; request: PendingReceipt }
  | { kind: 'sending'; request: PendingReceipt }
  | { kind: 'sent'; to: string[]; auto: boolean; already: boolean }
  | { kind: 'error'; request: PendingReceipt; error: UiError };

export interface OpenedRef {
  key: string;
  folder: string;
  uid: number;
}

/** Declined in this session ("Không"): not asked again until the app restarts. */
const declined = new Set<string>();
const refKey = (accountId: string, o: { folder: string; uid: number }) => `${accountId}\n${o.folder}\n${o.uid}`;

export function useReceiptRequest(accountId: string, opened: OpenedRef | null) {
  const [state, setState] = useState<{ key: string; value: ReceiptBarState }>({ key: '', value: { kind: 'none' } });
  /** Answered automatically in this session: once per message, whatever the server says later. */
  const auto = useRef(new Set<string>());
  const key = opened ? refKey(accountId, opened) : '';
  const folder = opened?.folder ?? '';
  const uid = opened?.uid ?? 0;

  const answer = useStable(async (request: PendingReceipt, automatic: boolean) => {
    const k = refKey(accountId, request);
    setState({ key: k, value: { kind: 'sending', request } });
    try {
      const done = await invoke('receipts.answer', { accountId, folder: request.folder, uid: request.uid });
      const already = done.status === 'already-sent';
      setState({ key: k, value: { kind: 'sent', to: done.to, auto: automatic, already } });
    } catch (e) {
      setState({ key: k, value: { kind: 'error', request, error: toUiError(e) } });
    }
  });

  useEffect(() => {
    if (!key || declined.has(key)) return;
    let live = true;
    void (async () => {
      const prefs = await invoke('preferences.get', {});
      if (prefs.receiptPolicy === 'never') return;
      const pending = await invoke('receipts.pending', { accountId, folder });
      const request = pending.find((p) => p.uid === uid && p.folder === folder);
      if (!live || !request) return;
      if (prefs.receiptPolicy === 'always' && !request.returnPathMismatch) {
        if (auto.current.has(key)) return;
        auto.current.add(key);
        await answer(request, true);
      } else setState({ key, value: { kind: 'ask', request } });
    })().catch(() => undefined);
    return () => {
      live = false;
    };
  }, [accountId, key, folder, uid, answer]);

  const decline = useStable(() => {
    declined.add(key);
    setState({ key, value: { kind: 'none' } });
  });
  const shown: ReceiptBarState = state.key === key ? state.value : { kind: 'none' };
  return { state: shown, send: (r: PendingReceipt) => void answer(r, false), decline };
}
