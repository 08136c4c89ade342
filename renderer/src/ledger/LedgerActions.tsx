// What the acting person may do with an entry, as the book's rules allow (ledger-fold): the unit
// mailbox's owner assigns (Giao xử lý); anyone claims an entry nobody handles (Nhận xử lý; a lost
// claim names who won); the handler or the owner sets Đang xử lý, Đã xử lý (with the reply's
// Message-ID or a note) or Lưu, and reopens. Each action is a signed record in the unit mailbox;
// the server arbitrates, so a refusal is shown as the service words it.
import { useState } from 'react';
import type { LedgerActionView, LedgerEntryView } from '../../../shared/contract-ledger.ts';
import type { StatusValue } from '../../../shared/ledger.ts';
import { invoke, toUiError, type UiError } from '../api.ts';
import { ErrorNotice } from '../components/ErrorNotice.tsx';
import { AssignForm, DoneForm, ReopenForm } from './LedgerForms.tsx';
import { useLedgerT } from './i18n.ts';
import type { BookTarget } from './ledgerQuery.ts';
import { offered, type Offered } from './ledgerRules.ts';

interface Props {
  target: BookTarget;
  entry: LedgerEntryView;
  me: string;
  owner: string;
  onDone(): void;
}

type Form = 'assign' | 'done' | 'reopen' | null;
type Outcome = { ok: true; text: string } | { ok: false; error: UiError; winner: string | null };

export function LedgerActions({ target, entry, me, owner, onDone }: Props) {
  const { t, status } = useLedgerT();
  const [form, setForm] = useState<Form>(null);
  const [busy, setBusy] = useState(false);
  const [outcome, setOutcome] = useState<Outcome | null>(null);
  const which = { ...target, year: entry.year, number: entry.number };
  const can = offered(entry, me, owner);

  const run = async (call: () => Promise<LedgerActionView>) => {
    setBusy(true);
    setOutcome(null);
    try {
      const r = await call();
      setForm(null);
      const e = r.entry;
      setOutcome({ ok: true, text: t('action.saved', { number: e.number, year: e.year, status: status(e.status) }) });
    } catch (err) {
      const error = toUiError(err);
      const winner = error.code === 'LEDGER_CLAIM_LOST' ? String(error.payload.data?.winner ?? '') : null;
      setOutcome({ ok: false, error, winner });
    } finally {
      setBusy(false);
      onDone();
    }
  };
  const setStatus = (s: StatusValue, result: { resultMessageId?: string; note?: string } = {}) =>
    run(() => invoke('ledger.setStatus', { ...which, status: s, ...result }));

  return (
    <div className="ledger-actions" data-testid="ledger-actions">
      <ActionButtons
        can={can}
        busy={busy}
        onForm={setForm}
        onClaim={() => void run(() => invoke('ledger.claim', which))}
        onStatus={(v) => void setStatus(v)}
      />
      {form === 'assign' && (
        <AssignForm
          entry={entry}
          busy={busy}
          onCancel={() => setForm(null)}
          onSubmit={(input) => void run(() => invoke('ledger.assign', { ...which, ...input }))}
        />
      )}
      {form === 'done' && (
        <DoneForm busy={busy} onCancel={() => setForm(null)} onSubmit={(r) => void setStatus('da-xu-ly', r)} />
      )}
      {form === 'reopen' && (
        <ReopenForm
          busy={busy}
          onCancel={() => setForm(null)}
          onSubmit={(input) => void run(() => invoke('ledger.reopen', { ...which, ...input }))}
        />
      )}
      {busy && (
        <p className="muted" role="status">
          {t('action.busy')}
        </p>
      )}
      {outcome?.ok && (
        <p className="notice notice-ok" role="status" data-testid="ledger-action-ok">
          {outcome.text}
        </p>
      )}
      {outcome && !outcome.ok && (
        <>
          {outcome.winner && (
            <p className="notice notice-warning" role="alert" data-testid="ledger-claim-lost">
              {t('action.claimLost', { winner: outcome.winner })}
            </p>
          )}
          <ErrorNotice error={outcome.error} testId="ledger-action-error" />
        </>
      )}
    </div>
  );
}

function ActionButtons(props: {
  can: Offered;
  busy: boolean;
  onForm(form: Form): void;
  onClaim(): void;
  onStatus(status: StatusValue): void;
}) {
  const { t } = useLedgerT();
  const { can, busy } = props;
  return (
    <div className="inline-row">
      {can.assign && (
        <Button id="assign" busy={busy} onClick={() => props.onForm('assign')} label={t('action.assign')} />
      )}
      {can.claim && <Button id="claim" busy={busy} onClick={props.onClaim} label={t('action.claim')} />}
      {can.start && (
        <Button id="start" busy={busy} onClick={() => props.onStatus('dang-xu-ly')} label={t('action.start')} />
      )}
      {can.done && <Button id="done" busy={busy} onClick={() => props.onForm('done')} label={t('action.done')} />}
      {can.file && <Button id="file" busy={busy} onClick={() => props.onStatus('luu')} label={t('action.file')} />}
      {can.reopen && (
        <Button id="reopen" busy={busy} onClick={() => props.onForm('reopen')} label={t('action.reopen')} />
      )}
    </div>
  );
}

function Button(props: { id: string; busy: boolean; label: string; onClick(): void }) {
  return (
    <button
      type="button"
      className={props.id === 'assign' || props.id === 'done' ? 'btn btn-primary' : 'btn'}
      data-testid={`ledger-action-${props.id}`}
      disabled={props.busy}
      onClick={props.onClick}
    >
      {props.label}
    </button>
  );
}
