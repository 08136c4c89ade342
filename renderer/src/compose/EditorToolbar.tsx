// The editor's formatting buttons (bold, italic, lists, quote, link, undo, redo), each a
// toggle that says whether it is on, and the plain-text-only switch.
import { useEditorState, type Editor } from '@tiptap/react';
import { useState } from 'react';
import { useT } from '../i18n/useT.ts';
import { LinkForm } from './LinkForm.tsx';

type Mark = 'bold' | 'italic' | 'bulletList' | 'orderedList' | 'blockquote' | 'link';

function ToolButton(props: { label: string; text: string; pressed?: boolean; disabled?: boolean; onClick(): void }) {
  return (
    <button
      type="button"
      className={`btn btn-small compose-tool${props.pressed ? ' is-on' : ''}`}
      aria-label={props.label}
      title={props.label}
      aria-pressed={props.pressed}
      disabled={props.disabled}
      onClick={props.onClick}
    >
      <span aria-hidden="true">{props.text}</span>
    </button>
  );
}

export function EditorToolbar(props: { editor: Editor; plain: boolean; onPlain(plain: boolean): void }) {
  const { t } = useT('compose');
  const { editor, plain } = props;
  const [linking, setLinking] = useState(false);
  const state = useEditorState({
    editor,
    selector: ({ editor: e }) => ({
      bold: e.isActive('bold'),
      italic: e.isActive('italic'),
      bulletList: e.isActive('bulletList'),
      orderedList: e.isActive('orderedList'),
      blockquote: e.isActive('blockquote'),
      link: e.isActive('link'),
      canUndo: e.can().undo(),
      canRedo: e.can().redo(),
    }),
  });
  const chain = () => editor.chain().focus();
  const toggle: Record<Mark, () => void> = {
    bold: () => chain().toggleBold().run(),
    italic: () => chain().toggleItalic().run(),
    bulletList: () => chain().toggleBulletList().run(),
    orderedList: () => chain().toggleOrderedList().run(),
    blockquote: () => chain().toggleBlockquote().run(),
    link: () => setLinking((v) => !v),
  };
  const button = (mark: Mark, text: string) => (
    <ToolButton label={t(`editor.${mark}`)} text={text} pressed={state[mark]} disabled={plain} onClick={toggle[mark]} />
  );
  return (
    <div className="compose-toolbar-wrap">
      <div className="compose-toolbar" role="toolbar" aria-label={t('editor.toolbar')} data-testid="compose-toolbar">
        {button('bold', 'B')}
        {button('italic', 'I')}
        {button('bulletList', '•')}
        {button('orderedList', '1.')}
        {button('blockquote', '❝')}
        {button('link', 'URL')}
        <ToolButton
          label={t('editor.undo')}
          text="↶"
          disabled={plain || !state.canUndo}
          onClick={() => chain().undo().run()}
        />
        <ToolButton
          label={t('editor.redo')}
          text="↷"
          disabled={plain || !state.canRedo}
          onClick={() => chain().redo().run()}
        />
        <span className="toolbar-spacer" />
        <label className="checkbox compose-plain-toggle">
          <input
            type="checkbox"
            data-testid="compose-plain"
            checked={plain}
            onChange={(e) => props.onPlain(e.target.checked)}
          />
          <span>{t('editor.plainMode')}</span>
        </label>
      </div>
      {linking && !plain && <LinkForm editor={editor} onDone={() => setLinking(false)} />}
    </div>
  );
}
