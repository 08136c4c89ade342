// The open message's writing buttons: Reply, Reply all, Forward, Forward as attachment.
import { Icon } from '../components/Icon.tsx';
import { useT } from '../i18n/useT.ts';
import type { ReplyMode } from './prefill.ts';
import type { ReplyCommands } from './useReplyCommands.ts';

const BUTTONS: Array<{
  mode: ReplyMode;
  hint: 'replyHint' | 'replyAllHint' | 'forwardHint' | 'forwardAttachmentHint';
}> = [
  { mode: 'reply', hint: 'replyHint' },
  { mode: 'reply-all', hint: 'replyAllHint' },
  { mode: 'forward', hint: 'forwardHint' },
  { mode: 'forward-attachment', hint: 'forwardAttachmentHint' },
];

export function ReplyBar({ commands }: { commands: ReplyCommands }) {
  const { t } = useT('compose');
  if (!commands.canReply) return null;
  return (
    <div className="reader-actions reply-bar" role="group" aria-label={t('actions.bar')} data-testid="reply-bar">
      {BUTTONS.map(({ mode, hint }) => (
        <button
          key={mode}
          type="button"
          className="btn btn-small"
          data-testid={`action-${mode}`}
          title={t(`actions.${hint}`)}
          onClick={() => commands.reply(mode)}
        >
          <Icon name={mode.startsWith('forward') ? 'move' : 'undo'} /> {t(`actions.${mode}`)}
        </button>
      ))}
    </div>
  );
}
