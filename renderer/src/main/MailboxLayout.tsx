// The frame of the mail window, in slots: the top bar, banners, a command
// bar, the panes side by side, the status bar, and what floats above it all
// (toasts, overlay windows). It knows nothing of mail: a view is the panes it
// puts in, so another view (the ledger, say) brings its own panes and command
// bar and keeps the rest of the window.
import type { ReactNode } from 'react';

export interface MailboxLayoutProps {
  topBar: ReactNode;
  banners?: ReactNode;
  commandBar?: ReactNode;
  /** The panes, left to right (the grid's columns are the view's stylesheet's). */
  panes: ReactNode;
  statusBar?: ReactNode;
  /** Toasts and overlay windows. */
  floating?: ReactNode;
}

export function MailboxLayout({ topBar, banners, commandBar, panes, statusBar, floating }: MailboxLayoutProps) {
  return (
    <div className="main-screen" data-testid="main-screen">
      {topBar}
      {banners}
      {commandBar}
      {/* The main landmark: screen readers jump to it past the bars. */}
      <main className="mailbox-panes">{panes}</main>
      {statusBar}
      {floating}
    </div>
  );
}
