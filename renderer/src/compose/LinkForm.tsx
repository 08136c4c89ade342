// Setting a link on the selection: a small form under the toolbar (Electron has no
// window.prompt). Only http(s) and mailto targets are taken.
import type { Editor } from '@tiptap/react';
import { useId, useState } from 'react';
import { useT } from '../i18n/useT.ts';

const SAFE = /^(https?:\/\/|mailto:)/i;

export function LinkForm({ editor, onDone }: { editor: Editor; onDone(): void }) {
  const { t } = useT('compose');
  const id = useId();
  const current = editor.getAttributes('link').href as string | undefined;
  const [href, setHref] = useState(current ?? 'https://');
  const apply = () => {
    const url = href.trim();
    if (SAFE.test(url)) editor.chain().focus().extendMarkRange('link').setLink({ href: url }).run();
    onDone();
  };
  return (
    <div className="compose-link-form" data-testid="compose-link-form">
      <label htmlFor={id}>{t('editor.linkUrl')}</label>
      <input
        id={id}
        type="url"
        value={href}
        autoFocus
        onChange={(e) => setHref(e.target.value)}
        onKeyDown={(e) => {
          if (e.key === 'Enter') {
            e.preventDefault();
            apply();
          } else if (e.key === 'Escape') {
            e.preventDefault();
            onDone();
          }
        }}
      />
      <button type="button" className="btn btn-small" onClick={apply}>
        {t('editor.linkApply')}
      </button>
      {current && (
        <button
          type="button"
          className="btn btn-small"
          onClick={() => {
            editor.chain().focus().extendMarkRange('link').unsetLink().run();
            onDone();
          }}
        >
          {t('editor.linkRemove')}
        </button>
      )}
      <button type="button" className="btn btn-small btn-ghost" onClick={onDone}>
        {t('editor.linkCancel')}
      </button>
    </div>
  );
}
