// The small forms of the ledger's actions: Giao xử lý (handler, co-handlers, the head's
// instruction, a deadline: left empty, the default by urgency applies, and is shown), Đã xử lý
// (the reply's Message-ID or a note) and Mở lại (why, and whether to release the handler).
import { useId, useState, type FormEvent, type ReactNode } from 'react';
import type { LedgerEntryView } from '../../../shared/contract-ledger.ts';
import type { TValues } from '../i18n/types.ts';
import { useLedgerT } from './i18n.ts';
import { isAddress, showDay, splitAddresses } from './ledgerQuery.ts';

export interface AssignInput {
  to: string;
  coHandlers?: string[];
  instruction?: string;
  deadline?: string;
}

/** What each form is given by the actions bar: whether an action runs, what to do on submit and cancel. */
interface FormProps<I> {
  busy: boolean;
  onSubmit(input: I): void;
  onCancel(): void;
}

/**
 * A form of one action (`form`: its strings `<form>.title` and `<form>.submit`, its test id
 * `ledger-<form>`), with the submit and cancel buttons.
 */
function FormShell(props: {
  form: 'assign' | 'done' | 'reopen';
  titleValues?: TValues;
  busy: boolean;
  valid?: boolean;
  onSubmit(): void;
  onCancel(): void;
  children: ReactNode;
}) {
  const { t } = useLedgerT();
  const titleId = useId();
  const testId = `ledger-${props.form}`;
  const valid = props.valid ?? true;
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (valid && !props.busy) props.onSubmit();
  };
  return (
    <form className="ledger-form" data-testid={testId} aria-labelledby={titleId} onSubmit={submit}>
      <h3 id={titleId}>{t(`${props.form}.title`, props.titleValues)}</h3>
      {props.children}
      <div className="inline-row">
        <button
          type="submit"
          className="btn btn-primary"
          data-testid={`${testId}-submit`}
          disabled={!valid || props.busy}
        >
          {t(`${props.form}.submit`)}
        </button>
        <button type="button" className="btn btn-ghost" onClick={props.onCancel}>
          {t('action.cancel')}
        </button>
      </div>
    </form>
  );
}

function TextField(props: {
  label: string;
  value: string;
  testId: string;
  onChange(v: string): void;
  type?: 'text' | 'email' | 'date';
  multiline?: boolean;
  hint?: string;
}) {
  const id = useId();
  return (
    <div className="field">
      <label htmlFor={id}>{props.label}</label>
      {props.multiline ? (
        <textarea
          id={id}
          rows={3}
          data-testid={props.testId}
          value={props.value}
          onChange={(e) => props.onChange(e.target.value)}
        />
      ) : (
        <input
          id={id}
          type={props.type ?? 'text'}
          data-testid={props.testId}
          value={props.value}
          aria-describedby={props.hint ? `${id}-hint` : undefined}
          onChange={(e) => props.onChange(e.target.value)}
        />
      )}
      {props.hint && (
        <p id={`${id}-hint`} className="muted ledger-hint" data-testid={`${props.testId}-hint`}>
          {props.hint}
        </p>
      )}
    </div>
  );
}

export function AssignForm(props: FormProps<AssignInput> & { entry: LedgerEntryView }) {
  const { t, urgency } = useLedgerT();
  const { entry } = props;
  const [to, setTo] = useState(entry.handler ?? '');
  const [co, setCo] = useState(entry.coHandlers.join(', '));
  const [instruction, setInstruction] = useState(entry.instruction);
  const [deadline, setDeadline] = useState('');
  const coHandlers = splitAddresses(co);
  const valid = isAddress(to) && coHandlers.every(isAddress);
  const hint = entry.defaultDeadline
    ? t('assign.defaultDeadline', { urgency: urgency(entry.fields.urgency), day: showDay(entry.defaultDeadline) })
    : undefined;
  return (
    <FormShell
      form="assign"
      titleValues={{ number: entry.number, year: entry.year }}
      busy={props.busy}
      valid={valid}
      onCancel={props.onCancel}
      onSubmit={() =>
        props.onSubmit({
          to: to.trim().toLowerCase(),
          coHandlers,
          instruction: instruction.trim(),
          ...(deadline ? { deadline } : {}),
        })
      }
    >
      <TextField label={t('assign.to')} type="email" value={to} onChange={setTo} testId="ledger-assign-to" />
      <TextField label={t('assign.coHandlers')} value={co} onChange={setCo} testId="ledger-assign-co" />
      <TextField
        label={t('assign.instruction')}
        value={instruction}
        onChange={setInstruction}
        testId="ledger-assign-instruction"
        multiline
      />
      <TextField
        label={t('assign.deadline')}
        type="date"
        value={deadline}
        onChange={setDeadline}
        testId="ledger-assign-deadline"
        {...(hint ? { hint } : {})}
      />
    </FormShell>
  );
}

export function DoneForm(props: FormProps<{ resultMessageId?: string; note?: string }>) {
  const { t } = useLedgerT();
  const [messageId, setMessageId] = useState('');
  const [note, setNote] = useState('');
  return (
    <FormShell
      form="done"
      busy={props.busy}
      onCancel={props.onCancel}
      onSubmit={() =>
        props.onSubmit({
          ...(messageId.trim() ? { resultMessageId: messageId.trim() } : {}),
          ...(note.trim() ? { note: note.trim() } : {}),
        })
      }
    >
      <TextField
        label={t('done.resultMessageId')}
        value={messageId}
        onChange={setMessageId}
        testId="ledger-done-message-id"
      />
      <TextField label={t('done.note')} value={note} onChange={setNote} testId="ledger-done-note" multiline />
    </FormShell>
  );
}

export function ReopenForm(props: FormProps<{ note?: string; release?: boolean }>) {
  const { t } = useLedgerT();
  const [note, setNote] = useState('');
  const [release, setRelease] = useState(false);
  return (
    <FormShell
      form="reopen"
      busy={props.busy}
      onCancel={props.onCancel}
      onSubmit={() => props.onSubmit({ ...(note.trim() ? { note: note.trim() } : {}), release })}
    >
      <TextField label={t('reopen.note')} value={note} onChange={setNote} testId="ledger-reopen-note" multiline />
      <label className="ledger-check">
        <input
          type="checkbox"
          data-testid="ledger-reopen-release"
          checked={release}
          onChange={(e) => setRelease(e.target.checked)}
        />{' '}
        {t('reopen.release')}
      </label>
    </FormShell>
  );
}
