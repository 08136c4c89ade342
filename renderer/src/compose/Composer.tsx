// The composer: a window over the mail view (docked on the right, full height, widened on
// request) with From, To/Cc/Bcc, the subject, the editor, the attachments and "Gửi". Ctrl+Enter
// sends, Esc closes — asking "Lưu nháp" / "Bỏ thư" / "Tiếp tục soạn" when something was written.
// What is written is autosaved as a draft; the signature follows From. Drops and pastes of
// files attach them. Loaded on first use (ComposeLayer: React.lazy), with the editor.
import { useId, useState, type FormEvent, type KeyboardEvent } from 'react';
import { useT } from '../i18n/useT.ts';
import { AttachmentField } from './AttachmentField.tsx';
import { BodyEditor } from './BodyEditor.tsx';
import { ComposerDialogs } from './ComposerDialogs.tsx';
import { ComposerFields, type FromChoice } from './ComposerFields.tsx';
import { ComposerFooter, ComposerHeader, DropHint, useFileDrop } from './ComposerParts.tsx';
import { SendProblemNotice } from './SendProblems.tsx';
import { useComposerState, type ComposerProps } from './useComposerState.ts';
import { usePolicy } from './usePolicy.ts';

export type { ComposeSession } from './useComposerState.ts';

interface Props extends ComposerProps {
  fromChoices: FromChoice[];
  /** Opens the signing identity screen (for "Ký số" without an identity). */
  onOpenIdentity?(): void;
}

function submit(e: FormEvent, send: () => void): void {
  e.preventDefault();
  send();
}

/**
 * Ctrl+Enter (Cmd+Enter) sends from anywhere in the window. Esc in the editor closes too:
 * ProseMirror's own Escape (select the parent node) marks the key handled before the window's
 * listener (useModalFocus) sees it.
 */
function composerKey(e: KeyboardEvent, send: () => void, close: () => void): void {
  if (e.key === 'Escape' && e.target instanceof Element && e.target.closest('.ProseMirror')) return close();
  if (e.key !== 'Enter' || !(e.ctrlKey || e.metaKey)) return;
  e.preventDefault();
  send();
}

export function Composer(props: Props) {
  const { accountId, accountEmail, fromChoices, session, onOpenIdentity } = props;
  const { t } = useT('compose');
  const titleId = useId();
  const [wide, setWide] = useState(false);
  const policy = usePolicy();
  const state = useComposerState(props);
  const { initial, form, plain, attachments, body, card, sender, adder, focusTo, requestClose, send } = state;
  const { control, register, getValues, setValue } = form;
  const drop = useFileDrop(adder.addFiles);
  const openIdentity = onOpenIdentity
    ? () => {
        void state.autosave.saveNow();
        onOpenIdentity();
      }
    : undefined;
  return (
    <div className="compose-overlay" data-testid="composer-overlay">
      <div
        ref={card}
        className={`composer${wide ? ' is-wide' : ''}${drop.dragging ? ' is-dropping' : ''}`}
        role="dialog"
        aria-modal="true"
        aria-labelledby={titleId}
        data-testid="composer"
        data-mode={session.mode}
        onKeyDown={(e) => composerKey(e, send, requestClose)}
        {...drop.handlers}
      >
        <ComposerHeader
          titleId={titleId}
          title={t(`title.${session.mode}`)}
          wide={wide}
          onWide={() => setWide((w) => !w)}
          onClose={requestClose}
        />
        <form className="composer-form" onSubmit={(e) => submit(e, send)}>
          <ComposerFields
            accountId={accountId}
            control={control}
            register={register}
            fromChoices={fromChoices}
            policy={policy}
            showCopies={initial.cc.length + initial.bcc.length > 0}
            focusTo={focusTo}
          />
          <BodyEditor
            initialHtml={initial.plain ? '' : initial.html}
            initialText={initial.text}
            plain={plain}
            onPlain={(p) => setValue('plain', p)}
            onFiles={adder.addFiles}
            onChange={state.autosave.touch}
            bodyRef={body}
          />
          <AttachmentField
            items={attachments}
            onRemove={(id) =>
              setValue(
                'attachments',
                getValues('attachments').filter((a) => a.id !== id),
              )
            }
            adder={adder}
          />
          <SendProblemNotice problem={sender.problem} {...(openIdentity ? { onOpenIdentity: openIdentity } : {})} />
          <ComposerFooter
            busy={sender.busy}
            register={register}
            autosave={state.autosave}
            onSignature={() => state.setEditingSignature(true)}
            onClose={requestClose}
          />
        </form>
        {drop.dragging && <DropHint />}
      </div>
      <ComposerDialogs state={state} signatureAddress={state.from || accountEmail} />
    </div>
  );
}
