// The message body: a TipTap editor (StarterKit: bold, italic, lists, quotes, links, undo)
// or, in plain-text-only mode, a text area. Switching keeps what was written: the editor's
// document becomes faithful text (plainText.ts), text becomes paragraphs and quotes again.
// The composer reads the body through `bodyRef` when it sends or closes.
import { EditorContent, useEditor, type Editor } from '@tiptap/react';
import StarterKit from '@tiptap/starter-kit';
import { useImperativeHandle, useRef, useState, type Ref } from 'react';
import { useT } from '../i18n/useT.ts';
import { EditorToolbar } from './EditorToolbar.tsx';
import { docToText, textToHtml, type DocNode } from './plainText.ts';
import { SendKeys } from './SendKeys.ts';
import { swapSignatureText, type RenderedSignature } from './signature.ts';
import { SignatureBlock } from './SignatureBlock.ts';

export interface BodyHandle {
  /** The body as it is now: HTML ('' in plain mode) and the text/plain part. */
  read(): { html: string; text: string };
  /** The text the body opened with (as the editor has it): what "changed" is measured from. */
  openingText(): string;
  focus(): void;
  /** Changing From: the signature block replaced by the other address's (removed with null). */
  swapSignature(prev: RenderedSignature | null, next: RenderedSignature | null): void;
}

interface Props {
  initialHtml: string;
  initialText: string;
  plain: boolean;
  onPlain(plain: boolean): void;
  /** Files dropped or pasted into the editor: attachments, not content. */
  onFiles(files: File[]): void;
  /** The body changed (typing, formatting): autosave's cue. */
  onChange?(): void;
  bodyRef: Ref<BodyHandle>;
}

/** Hands files over (and tells ProseMirror the event is handled); anything else is the editor's. */
function takeFiles(files: FileList | undefined, onFiles: (files: File[]) => void): boolean {
  if (!files || files.length === 0) return false;
  onFiles([...files]);
  return true;
}

/** Where the signature block is in the editor's document, or null (none, or deleted by the user). */
function findSignature(editor: Editor): { from: number; to: number } | null {
  let found: { from: number; to: number } | null = null;
  editor.state.doc.descendants((node, pos) => {
    if (found) return false;
    if (node.type.name === 'paragraph' && node.attrs.signature) found = { from: pos, to: pos + node.nodeSize };
    return !found;
  });
  return found;
}

function swapInEditor(editor: Editor, prev: RenderedSignature | null, next: RenderedSignature | null): void {
  const at = findSignature(editor);
  if (at) {
    if (next) editor.chain().insertContentAt(at, next.html).run();
    else editor.chain().deleteRange(at).run();
  } else if (!prev && next) {
    // None before: below the first paragraph, where a new message's signature goes.
    const first = editor.state.doc.firstChild;
    editor
      .chain()
      .insertContentAt(first ? first.nodeSize : 0, next.html)
      .run();
  }
}

export function BodyEditor({ initialHtml, initialText, plain, onPlain, onFiles, onChange, bodyRef }: Props) {
  const { t } = useT('compose');
  const [text, setText] = useState(initialText);
  const opening = useRef<string | null>(plain ? initialText : null);
  const editor = useEditor({
    extensions: [
      StarterKit.configure({
        heading: false,
        codeBlock: false,
        // Never navigate the window from the editor; links are targets for the recipient.
        link: { openOnClick: false, autolink: true, protocols: ['mailto'], defaultProtocol: 'https' },
      }),
      SendKeys,
      SignatureBlock,
    ],
    content: initialHtml || textToHtml(initialText),
    onUpdate: () => onChange?.(),
    onCreate: ({ editor: created }) => {
      opening.current ??= docToText(created.getJSON() as DocNode);
    },
    editorProps: {
      handlePaste: (_view, event) => takeFiles(event.clipboardData?.files, onFiles),
      handleDrop: (_view, event) => takeFiles(event.dataTransfer?.files, onFiles),
      attributes: {
        class: 'compose-editor-body',
        role: 'textbox',
        'aria-multiline': 'true',
        'aria-label': t('editor.label'),
        'data-testid': 'compose-editor',
        spellcheck: 'true',
      },
    },
  });

  useImperativeHandle(bodyRef, () => ({
    read: () =>
      plain || editor.isDestroyed
        ? { html: '', text }
        : { html: editor.getHTML(), text: docToText(editor.getJSON() as DocNode) },
    openingText: () => opening.current ?? initialText,
    focus: () => {
      if (!plain && !editor.isDestroyed) editor.commands.focus('start');
    },
    swapSignature: (prev, next) => {
      if (plain) setText((current) => swapSignatureText(current, prev, next));
      else if (!editor.isDestroyed) swapInEditor(editor, prev, next);
    },
  }));

  const switchPlain = (next: boolean) => {
    if (next === plain) return;
    if (next) setText(docToText(editor.getJSON() as DocNode));
    else editor.commands.setContent(textToHtml(text));
    onPlain(next);
  };

  return (
    <div className="compose-body">
      <EditorToolbar editor={editor} plain={plain} onPlain={switchPlain} />
      <div className="compose-editor" hidden={plain}>
        <EditorContent editor={editor} />
      </div>
      {plain && (
        <textarea
          className="compose-plain"
          data-testid="compose-plain-text"
          aria-label={t('editor.plainLabel')}
          value={text}
          spellCheck
          onChange={(e) => {
            setText(e.target.value);
            onChange?.();
          }}
        />
      )}
    </div>
  );
}
