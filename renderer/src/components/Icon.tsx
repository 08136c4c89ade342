// Small inline SVG icons. Emoji would depend on a colour-emoji font being
// installed (not the case on many government desktops), SVG always renders.
export type IconName =
  | 'inbox'
  | 'sent'
  | 'drafts'
  | 'trash'
  | 'junk'
  | 'archive'
  | 'folder'
  | 'all'
  | 'flag'
  | 'paperclip'
  | 'warning'
  | 'lock'
  | 'plus'
  | 'settings'
  | 'search'
  | 'mail'
  | 'mailOpen'
  | 'move'
  | 'undo'
  | 'refresh'
  | 'close'
  | 'chevronRight'
  | 'chevronDown'
  | 'directive';

const PATHS: Record<IconName, string> = {
  inbox: 'M3 13l2.5-8h13L21 13v6H3v-6zm0 0h5l1.5 3h5L16 13h5',
  sent: 'M3 11l18-8-8 18-2-8-8-2zm8 2l10-10',
  drafts: 'M4 20h4l11-11-4-4L4 16v4zm9-13l4 4',
  trash: 'M4 7h16M9 7V4h6v3m-8 0l1 13h8l1-13M10 11v6m4-6v6',
  junk: 'M12 3l9 16H3L12 3zm0 6v5m0 3v.5',
  archive: 'M3 4h18v4H3V4zm2 4v12h14V8M10 12h4',
  folder: 'M3 6h6l2 2h10v11H3V6z',
  all: 'M4 5h16v14H4V5zm0 4h16M8 13h8',
  flag: 'M5 21V4m0 0h11l-2 4 2 4H5',
  paperclip: 'M16 7l-7.5 7.5a2 2 0 003 3L19 10a4 4 0 00-6-6l-8 8a6 6 0 009 9l6-6',
  warning: 'M12 3l10 17H2L12 3zm0 6v5m0 3v1',
  lock: 'M6 11h12v10H6V11zm2 0V7a4 4 0 018 0v4',
  plus: 'M12 5v14M5 12h14',
  settings:
    'M12 15a3 3 0 100-6 3 3 0 000 6zm7.4-3a7.4 7.4 0 00-.1-1.2l2-1.6-2-3.4-2.4 1a7.3 7.3 0 00-2-1.2L14.5 3h-5l-.4 2.6a7.3 7.3 0 00-2 1.2l-2.4-1-2 3.4 2 1.6a7.4 7.4 0 000 2.4l-2 1.6 2 3.4 2.4-1a7.3 7.3 0 002 1.2l.4 2.6h5l.4-2.6a7.3 7.3 0 002-1.2l2.4 1 2-3.4-2-1.6c.1-.4.1-.8.1-1.2z',
  search: 'M11 18a7 7 0 100-14 7 7 0 000 14zm5-2l5 5',
  mail: 'M3 6h18v12H3V6zm0 0l9 7 9-7',
  mailOpen: 'M3 10l9-6 9 6v10H3V10zm0 0l9 6 9-6',
  move: 'M3 6h6l2 2h10v11H3V6zm8 7h6m-2-2l2 2-2 2',
  undo: 'M9 14L4 9l5-5M4 9h10a6 6 0 010 12h-3',
  refresh: 'M20 11a8 8 0 10-2.3 5.7M20 4v7h-7',
  close: 'M6 6l12 12M18 6L6 18',
  chevronRight: 'M9 6l6 6-6 6',
  chevronDown: 'M6 9l6 6 6-6',
  directive: 'M6 3h9l4 4v14H6V3zm9 0v4h4M9 12h7M9 16h5',
};

export function Icon({ name, label, className }: { name: IconName; label?: string; className?: string }) {
  return (
    <svg
      className={`icon${className ? ` ${className}` : ''}`}
      viewBox="0 0 24 24"
      width="16"
      height="16"
      fill="none"
      stroke="currentColor"
      strokeWidth="1.8"
      strokeLinecap="round"
      strokeLinejoin="round"
      role={label ? 'img' : undefined}
      aria-label={label}
      aria-hidden={label ? undefined : true}
      data-icon={name}
    >
      {label && <title>{label}</title>}
      <path d={PATHS[name]} />
    </svg>
  );
}
