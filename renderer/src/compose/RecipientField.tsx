// A To/Cc/Bcc field: chips for the recipients, and a text box (ARIA combobox) that turns
// what is typed or pasted — lists separated by "," ";" or new lines — into chips, with
// suggestions from compose.suggest in a listbox walked with ↑/↓ and taken with Enter or Tab.
import { useId, useRef } from 'react';
import type { AddressSuggestion, SendPolicyView } from '../../../shared/compose.ts';
import { useT } from '../i18n/useT.ts';
import { RecipientChip } from './RecipientChip.tsx';
import { useRecipientInput } from './useRecipientInput.ts';

interface Props {
  accountId: string;
  label: string;
  testId: string;
  value: string[];
  onChange(value: string[]): void;
  policy: SendPolicyView | null;
  autoFocus?: boolean;
}

function SuggestionList(props: {
  id: string;
  optionId(i: number): string;
  open: boolean;
  suggestions: AddressSuggestion[];
  active: number;
  onPick(s: AddressSuggestion): void;
}) {
  const { t } = useT('compose');
  return (
    <ul
      id={props.id}
      role="listbox"
      className="rcpt-suggestions"
      aria-label={t('recipient.suggestions')}
      hidden={!props.open}
    >
      {props.open &&
        props.suggestions.map((s, i) => (
          <li
            key={`${s.address}#${i}`}
            id={props.optionId(i)}
            role="option"
            aria-selected={i === props.active}
            className={`rcpt-option${i === props.active ? ' is-active' : ''}`}
            data-testid="recipient-suggestion"
            // mousedown, not click: the input must not lose the focus (and commit its text) first.
            onMouseDown={(e) => {
              e.preventDefault();
              props.onPick(s);
            }}
          >
            <span className="rcpt-option-name">{s.name || s.address}</span>
            {s.name && <span className="rcpt-option-address">{s.address}</span>}
            <span className="rcpt-option-source">{s.detail ?? t(`recipient.source.${s.source}`)}</span>
          </li>
        ))}
    </ul>
  );
}

export function RecipientField(props: Props) {
  const { t } = useT('compose');
  const input = useRecipientInput(props.accountId, props.value, props.onChange);
  const box = useRef<HTMLInputElement>(null);
  const inputId = useId();
  const listId = `${inputId}-list`;
  const optionId = (i: number) => `${inputId}-opt-${i}`;
  return (
    <div className="compose-row rcpt-field" data-testid={props.testId}>
      <label className="compose-label" htmlFor={inputId}>
        {props.label}
      </label>
      <div className="rcpt-box">
        {props.value.length > 0 && (
          <ul className="rcpt-chips" aria-label={t('recipient.list', { field: props.label })}>
            {props.value.map((chip, i) => (
              <RecipientChip
                key={`${chip}-${i}`}
                text={chip}
                policy={props.policy}
                onRemove={() => {
                  props.onChange(props.value.filter((_, j) => j !== i));
                  // The chip's button goes away with it: the focus stays in the field.
                  box.current?.focus();
                }}
              />
            ))}
          </ul>
        )}
        <input
          ref={box}
          id={inputId}
          className="rcpt-input"
          data-testid={`${props.testId}-input`}
          role="combobox"
          aria-autocomplete="list"
          aria-expanded={input.open}
          aria-controls={listId}
          aria-activedescendant={input.open && input.active >= 0 ? optionId(input.active) : undefined}
          aria-label={t('recipient.input', { field: props.label })}
          autoComplete="off"
          spellCheck={false}
          autoFocus={props.autoFocus}
          value={input.text}
          onChange={(e) => input.type(e.target.value)}
          onKeyDown={input.onKeyDown}
          onPaste={input.onPaste}
          onBlur={input.onBlur}
        />
        <SuggestionList
          id={listId}
          optionId={optionId}
          open={input.open}
          suggestions={input.suggestions}
          active={input.active}
          onPick={input.pick}
        />
        <p role="status" className="muted group-expand-status" data-testid={`${props.testId}-group-status`}>
          {input.groupStatus}
        </p>
      </div>
    </div>
  );
}
