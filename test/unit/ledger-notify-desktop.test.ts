import { describe, expect, it } from 'vitest';
import type { Notice } from '../../shared/contract-notices.ts';
import { EventBus } from '../../electron/services/api/event-bus.ts';
import {
  MAX_DESKTOP_NOTICES,
  wireDesktopNotices,
  type DesktopNotification,
  type NotificationPort,
} from '../../electron/main/desktop-notices.ts';

// Main's glue shows the ledger's notices as desktop notifications through an injected port (a
// fake Notification here): one per notice, urgent ones critical, a long batch summed up, nothing
// when the platform has no notifications, nothing after the listener is removed.
function fakePort(supported = true): NotificationPort & { shown: DesktopNotification[] } {
  const shown: DesktopNotification[] = [];
  return { shown, isSupported: () => supported, show: (n) => shown.push(n) };
}

const notice = (i: number, urgent = false): Notice => ({
  id: `acc:${i}`,
  accountId: 'acc',
  mailbox: 'vanthu@so.vn',
  kind: urgent ? 'overdue' : 'assigned',
  at: '2026-03-06T02:00:00.000Z',
  urgent,
  title: `Được giao xử lý: văn bản số đến ${i}/2026`,
  body: `Công văn ${i}`,
  params: { number: i, year: 2026 },
});

describe('desktop notifications of ledger notices (electron/main glue)', () => {
  it('shows each notice, urgent ones as critical', () => {
    const events = new EventBus();
    const port = fakePort();
    const off = wireDesktopNotices(events, port);
    events.emit('notices.new', { notices: [notice(1), notice(2, true)] });
    expect(port.shown).toEqual([
      { title: 'Được giao xử lý: văn bản số đến 1/2026', body: 'Công văn 1', urgency: 'normal' },
      { title: 'Được giao xử lý: văn bản số đến 2/2026', body: 'Công văn 2', urgency: 'critical' },
    ]);
    off();
    events.emit('notices.new', { notices: [notice(3)] });
    expect(port.shown).toHaveLength(2);
  });

  it('sums up a long batch in one more notification, critical when a hidden one is urgent', () => {
    const events = new EventBus();
    const port = fakePort();
    wireDesktopNotices(events, port);
    const many = Array.from({ length: MAX_DESKTOP_NOTICES + 3 }, (_, i) =>
      notice(i + 1, i === MAX_DESKTOP_NOTICES + 1),
    );
    events.emit('notices.new', { notices: many });
    expect(port.shown).toHaveLength(MAX_DESKTOP_NOTICES + 1);
    expect(port.shown.at(-1)).toMatchObject({ title: 'Còn 3 thông báo khác về sổ văn bản đến', urgency: 'critical' });
  });

  it('shows nothing where the platform has no notifications', () => {
    const events = new EventBus();
    const port = fakePort(false);
    wireDesktopNotices(events, port);
    events.emit('notices.new', { notices: [notice(1)] });
    expect(port.shown).toEqual([]);
  });
});
