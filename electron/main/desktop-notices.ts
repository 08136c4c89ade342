// The ledger's notices (assigned to me, due tomorrow, overdue, returned, a queued action lost,
// the head's digest) as desktop notifications. The notification itself goes through a port, so
// this glue runs (and is tested) without Electron; index.ts passes Electron's Notification.
import type { EventMap } from '../../shared/contract.ts';
import type { Notice } from '../../shared/contract-notices.ts';

export interface DesktopNotification {
  title: string;
  body: string;
  urgency: 'normal' | 'critical';
}

/** What main needs of the platform's notifications. */
export interface NotificationPort {
  isSupported(): boolean;
  show(n: DesktopNotification): void;
}

/** At most this many notifications for one batch; the rest are counted in one more. */
export const MAX_DESKTOP_NOTICES = 4;

export function desktopNotificationsFor(notices: readonly Notice[]): DesktopNotification[] {
  const shown = notices
    .slice(0, MAX_DESKTOP_NOTICES)
    .map((n): DesktopNotification => ({ title: n.title, body: n.body, urgency: n.urgent ? 'critical' : 'normal' }));
  const rest = notices.length - shown.length;
  if (rest > 0) {
    shown.push({
      title: `Còn ${rest} thông báo khác về sổ văn bản đến`,
      body: 'Mở ứng dụng Hộp thư đơn vị để xem danh sách thông báo.',
      urgency: notices.slice(MAX_DESKTOP_NOTICES).some((n) => n.urgent) ? 'critical' : 'normal',
    });
  }
  return shown;
}

/** Shows each batch of 'notices.new'; returns the unsubscribe function. */
export function wireDesktopNotices(
  events: { on(event: 'notices.new', listener: (p: EventMap['notices.new']) => void): () => void },
  port: NotificationPort,
): () => void {
  return events.on('notices.new', ({ notices }) => {
    if (!port.isSupported()) return;
    for (const n of desktopNotificationsFor(notices)) port.show(n);
  });
}
